"""The ``Link: URL`` lines of a note's body, shared by the source and the
sections rules."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from vault_lint.note import Line, Note
from vault_lint.profile import Profile

# The address after the label, in its three forms.
ANGLE = re.compile(r"<(?P<url>[^<>\s]+)>")
MARKDOWN = re.compile(r"\[[^\]]*\]\([ \t]*<?(?P<url>[^\s<>]+)>?(?:[ \t]+\"[^\"]*\")?[ \t]*\)")
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


@lru_cache(maxsize=8)
def _link_pattern(label: str) -> re.Pattern[str]:
    """``Link: …``, also as a list item and with the label in bold."""
    bold = r"(?:\*\*|__)?"
    return re.compile(
        rf"[ \t]*(?:[-*+][ \t]+)?{bold}{re.escape(label)}[ \t]*{bold}[ \t]*:{bold}[ \t]*(?P<value>.*?)[ \t]*$",
        re.IGNORECASE,
    )


def parse_link_line(line: Line, label: str) -> LinkLine | None:
    match = _link_pattern(label).match(line.content)
    if line.hidden or not match:
        return None
    value, offset = match.group("value"), line.start + match.start("value")
    for form, pattern in FORMS:
        found = pattern.match(value)
        if found and "://" in found.group("url"):
            return LinkLine(line, found.group("url"), offset + found.start("url"), offset + found.end("url"), form)
    return LinkLine(line, None, offset, offset, "")


def read_source_links(note: Note, profile: Profile) -> list[LinkLine]:
    """The ``Link:`` lines that give the recipe's address: those under a
    Source heading, or every one of the body when none is under it."""
    links = [link for line in note.body_lines if (link := parse_link_line(line, profile.link_label))]
    names = profile.section_keys("source")
    heading_lines = [heading.line for heading in note.headings]
    under_source = [
        link for link in links
        if (index := bisect.bisect_left(heading_lines, link.line.number) - 1) >= 0
        and note.headings[index].key in names
    ]
    return under_source or links
