"""The ``Link: URL`` lines of a note's body, shared by the source and the
sections rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vault_lint.note import Heading, Line, Note, indent_width
from vault_lint.profile import Profile

# The address after the label, in its three forms.
ANGLE = re.compile(r"<(?P<url>[^<>\s]+)>")
MARKDOWN = re.compile(r"\[(?P<text>[^\]]*)\]\([ \t]*<?(?P<url>[^\s<>]+)>?(?:[ \t]+\"[^\"]*\")?[ \t]*\)")
BARE = re.compile(r"(?P<url>[A-Za-z][A-Za-z0-9+.-]*://\S+)")
FORMS = (("angle", ANGLE), ("markdown", MARKDOWN), ("bare", BARE))


@dataclass(frozen=True)
class LinkLine:
    """A ``Link: …`` line of the body, and the address it carries."""

    line: Line
    url: str | None  # None: the label has no address after it
    url_start: int
    url_end: int
    form: str  # "angle", "markdown", "bare", or "" without an address
    end: int = -1  # where the address's form ends (after '>' or ')'); what follows is a remark
    text_start: int = -1  # a Markdown link's visible text, ``[text](url)``
    text_end: int = -1

    @property
    def remark(self) -> str:
        """What the line says after the address (``(la version longue)``)."""
        return self.line.content[self.end - self.line.start:].strip() if self.url is not None else ""


@lru_cache(maxsize=8)
def _link_pattern(label: str) -> re.Pattern[str]:
    """``Link: …``, also as a list item and with the label in bold."""
    bold = r"(?:\*\*|__)?"
    return re.compile(
        rf"[ \t]*(?:[-*+][ \t]+)?{bold}{re.escape(label)}[ \t]*{bold}[ \t]*:{bold}[ \t]*(?P<value>.*?)[ \t]*$",
        re.IGNORECASE,
    )


def parse_link_line(line: Line, label: str) -> LinkLine | None:
    content = line.content
    if line.hidden or ":" not in content:  # the label's colon: most lines have none
        return None
    match = _link_pattern(label).match(content)
    if not match:
        return None
    value, offset = match.group("value"), line.start + match.start("value")
    for form, pattern in FORMS:
        found = pattern.match(value)
        if found and "://" in found.group("url"):
            text = (offset + found.start("text"), offset + found.end("text")) if form == "markdown" else (-1, -1)
            return LinkLine(line, found.group("url"), offset + found.start("url"), offset + found.end("url"), form,
                            offset + found.end(), *text)
    return LinkLine(line, None, offset, offset, "")


def read_source_links(note: Note, profile: Profile) -> list[LinkLine]:
    """The ``Link:`` lines that give the recipe's address: those in a
    Source section (under its heading or one of its sub-headings), or,
    when none is, every one of the body but those inside a list item of
    another required section (a ``Link:`` to a tool in the ingredients
    list is no source; one at the margin after the last step is)."""
    label = profile.link_label
    under_source = [link for line in _under(note, profile.section_keys("source"))
                    if (link := parse_link_line(line, label))]
    if under_source:
        return under_source
    links = [link for line in note.body_lines if (link := parse_link_line(line, label))]
    if not links:
        return []
    others = frozenset().union(*(profile.section_keys(spec.role) for spec in profile.sections
                                 if spec.role != "source"))
    return [link for link in links if not ({heading.key for heading in _enclosing(note.headings, link.line.number)}
                                           & others and _in_item(note, link.line))]


def _under(note: Note, keys: frozenset[str]) -> list[Line]:
    """The lines that lie under a heading named by ``keys`` (as ``_enclosing``
    reads it: up to the line of the next heading of the same or a higher
    level, that line included), in reading order."""
    numbers: set[int] = set()
    headings = note.headings
    for index, heading in enumerate(headings):
        if heading.key in keys:
            stop = next((headings[after].line for after in range(index + 1, len(headings))
                         if headings[after].level <= heading.level), len(note.lines))
            numbers.update(range(heading.line + 1, stop + 1))
    return [note.lines[number - 1] for number in sorted(numbers)]


def _in_item(note: Note, line: Line) -> bool:
    """Is ``line`` a list item, or a line indented under one (``- 1 wok`` /
    ``  Link: …``)? A line at the margin right after a list is read by
    Markdown as part of the last item, but it is written as a line of its
    own (``Link:`` under the last step)."""
    if note.item_at(line) is not None:
        return True
    width = indent_width(line.text)
    return any(item.line < line.number <= item.last_line and width > item.indent for item in note.items.values())


def _enclosing(headings: list[Heading], line: int) -> list[Heading]:
    """The headings a line lies under: the nearest one, its parent, and so on."""
    stack: list[Heading] = []
    for heading in headings:
        if heading.line >= line:
            break
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    return stack
