"""Formatting: the body as mdformat writes it, with a plugin set that keeps
every Obsidian construct (``vault_lint.mdformat_obsidian``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pyromark

from vault_lint.context import Context
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.markdown import parse_body
from vault_lint.model import Model
from vault_lint.rules import rule

LINE = re.compile(r"[^\n]*\n|[^\n]+")
# A word: what is neither white space nor ASCII punctuation (letters,
# digits, emoji, '½', '°', '’'). Markup is ASCII punctuation and white space.
WORD = re.compile(r"[^\s!-/:-@\[-`{-~]+")
# An ordered list item's number, which formatting may renumber (1. 1. 1.),
# or a number opening a line that mdformat escapes (2\. is no list item).
ORDERED_MARKER = re.compile(r"^((?:[ \t]*>)*[ \t]*)\d{1,9}\\?[.)](?=[ \t]|$)", re.MULTILINE)
# A done task, which mdformat writes [x] however it was checked ([X]).
DONE_TASK = re.compile(r"^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[)X(?=\])", re.MULTILINE)
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>()\[\]]+")
# A callout's first line, in a quote or a quote nested in one.
CALLOUT = re.compile(r"^(?:[ \t]*>)+[ \t]*(\[![^\]\n]+\][+-]?)(.*)$", re.MULTILINE)
CONTAINER_PREFIX = re.compile(r"^[ \t>]*", re.MULTILINE)
SPACES = re.compile(r"\s+")
# Obsidian's own markup that CommonMark reads as text, so that neither the
# body's reading nor pulldown-cmark sees it come or go: a highlight, an
# inline field (Dataview), a footnote reference, an inline footnote, math.
# A character escaped with a backslash opens none of them.
OBSIDIAN_MARK = re.compile(r"==|::|\[\^|\^\[|\$")
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
PLACEHOLDER = "\x1a"
# How the structure of the body is read for the check: CommonMark with the
# extensions Obsidian has, by pulldown-cmark (a second parser, not the one
# mdformat formats with).
STRUCTURE = pyromark.Markdown(options=(
    pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES | pyromark.Options.ENABLE_MATH
    | pyromark.Options.ENABLE_STRIKETHROUGH | pyromark.Options.ENABLE_TASKLISTS | pyromark.Options.ENABLE_WIKILINKS
))
LONGEST_QUOTED_LINE = 60
UNFORMATTED = "not formatted as mdformat writes it"
# A longer body is not checked: mdformat's time grows faster than the text
# (about 4 s for 100,000 characters of short paragraphs, checked once more
# before a fix); the longest of the 853 real notes of the test corpus has a
# body of 8,500.
MAX_BODY = 50_000


@rule("MD001", "unformatted", scope="note", default=False, fix="sometimes", whole_note_fix=True)
def unformatted(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The body is not written as mdformat writes it.

    ## What it does
    Formats the note's body with mdformat, the CommonMark formatter, and a
    set of plugins that knows Obsidian's syntax, and reports the first line
    where the note differs from what mdformat writes: `*` and `+` bullets
    (mdformat writes `-`), a missing blank line between blocks (before a
    list, after a heading), unaligned table columns, Setext headings,
    numbered lists not numbered 1, 2, 3 (`1)` is written `1.`; a list of
    ten or more is numbered `01.` to keep its items aligned), indented
    code blocks (fenced), trailing spaces (a hard break keeps its two),
    thematic breaks (a line of underscores). Emphasis keeps its marker
    (`__bold__` stays).

    The front matter is never formatted, nor the inside of a `%% comment
    %%`, and no word changes anywhere: only markup and white space. The
    plugins keep wikilinks and embeds (`[[Note#Heading|alias]]`,
    `![[photo.png|300]]`), callouts byte for byte, header and body (a `*`
    bullet or a `1)` in a callout stays), comments, tags, block ids
    (`^id`), `==highlights==`, footnotes where they are written, math
    (`$…$`, `$$…$$`), link addresses as written, tables with escaped pipes
    (`[[Note\\|alias]]`), task lists, and every backslash escape as
    written: without its escapes, `\\=\\=texte\\=\\=` would be a highlight,
    `clé\\:\\: valeur` an inline field, `\\[^1\\]` a footnote.

    ## Why it matters
    A vault whose notes are all written one way reads the same in any
    editor, diffs cleanly in git, and is safe to edit with scripts. Plain
    mdformat damages Obsidian notes (it escapes every wikilink, doubles the
    backslashes of math, rewrites the front matter); this rule formats
    without that damage.

    ## Example
    ```markdown
    ## Ingrédients
    * 600 g d'échine de porc
    * 3 c. à soupe de sauce soja
    ```
    Use instead:
    ```markdown
    ## Ingrédients

    - 600 g d'échine de porc
    - 3 c. à soupe de sauce soja
    ```

    ## Options
    None. Off by default: select it with `extend-select = ["MD001"]`.
    mdformat runs with vault-lint's own settings (lines never wrapped,
    ordered lists numbered, as SC005 reads steps) and plugins, whatever
    other mdformat plugins are installed; `.mdformat.toml` is not read. The
    note's line endings (LF or CRLF), its BOM, its front matter and whether
    it ends with a line break are kept; the body starts one blank line
    after the front matter, as mdformat-frontmatter writes it. Not checked:
    a note with mixed line endings (EN003 first), a body over 50,000
    characters, a note whose front matter is not closed or is TOML or JSON
    (where its body starts is not known).

    ## Fix safety
    Safe, when offered: the body is replaced by mdformat's output only if
    a check passes: every word is the same, in the same order; every
    wikilink and embed, comment, URL, tag, block id and callout header is
    unchanged, and so is every mark of Obsidian's that CommonMark reads
    as text (`==`, `::`, `[^`, `^[`, `$`, an escaped one left out); a
    second parser (pulldown-cmark) reads the same document in
    both texts (same blocks, same text, same math and code); and
    formatting the output again gives the same text. Otherwise the finding
    says which check failed and has no fix (mdformat moves link reference
    definitions to the end of the note and lower-cases their labels, for
    one). Withheld in a note that is not valid UTF-8.
    """
    note = model.note
    if (note.problem is not None and note.frontmatter is None) or len({ending for _, ending in note.endings}) > 1:
        return  # where the body starts is not known (unclosed, TOML or JSON front matter), or EN003's
    start = note.body_start
    newline = note.newline
    body = note.text[start:].replace(newline, "\n")
    if not body.strip() or len(body) > MAX_BODY:
        return
    separated = note.frontmatter is not None
    expected = formatted_body(body, separated)
    if expected == body:
        return
    lines, wanted = LINE.findall(body), LINE.findall(expected)
    first = next((i for i, (a, b) in enumerate(zip(lines, wanted)) if a != b), min(len(lines), len(wanted)))
    line_number = min(note.position(start)[0] + first, len(note.line_starts))
    line_start = note.line_starts[line_number - 1]
    line_end = line_start + len(note.line_at(line_number))
    message = _describe(_at(lines, first), _at(wanted, first))
    problem = verify(note.text[:start], body, expected, separated)
    if problem is not None:
        yield Diagnostic(line_start, line_end, f"{message}; no fix: {problem}")
        return
    yield Diagnostic(line_start, line_end, message, Fix.safe("format the body as mdformat does",
                                                             _edit(start, newline, lines, wanted)))


def formatted_body(body: str, separated: bool) -> str:
    """``body`` (LF line endings) as mdformat writes it: after a front
    matter (``separated``) one blank line first, as mdformat-frontmatter
    writes it; a body that does not end with a line break still does not."""
    # Imported here, for import time: mdformat, markdown-it-py and the
    # plugins take about 0.2 s to load, and MD001 is off unless selected.
    from vault_lint.mdformat_obsidian import format_markdown

    text = format_markdown(body)
    if separated and text:
        text = "\n" + text
    if not body.endswith("\n"):
        text = text.removesuffix("\n")
    return text


def _describe(found: str | None, wanted: str | None) -> str:
    """What differs at the first line that does (None: past the end)."""
    if found is not None and found.strip() and not (wanted or "").strip():
        return f"{UNFORMATTED}: mdformat writes a blank line before this line"
    if found is not None and not found.strip():
        return f"{UNFORMATTED}: mdformat writes no blank line here"
    if found is None:
        return f"{UNFORMATTED}: mdformat writes {_quoted(wanted or '')} after the last line"
    return f"{UNFORMATTED}: {_quoted(found)} where mdformat writes {_quoted(wanted or '')}"


def _at(lines: list[str], index: int) -> str | None:
    return lines[index] if index < len(lines) else None


def _quoted(line: str) -> str:
    line = line.rstrip("\n")
    if len(line) > LONGEST_QUOTED_LINE:
        line = line[:LONGEST_QUOTED_LINE - 1] + "…"
    return repr(line)


def _edit(start: int, newline: str, lines: list[str], wanted: list[str]) -> Edit:
    """One edit from the first line that differs to the last, in the
    note's line endings."""
    head = 0
    while head < min(len(lines), len(wanted)) and lines[head] == wanted[head]:
        head += 1
    tail = 0
    while tail < min(len(lines), len(wanted)) - head and lines[-1 - tail] == wanted[-1 - tail]:
        tail += 1

    def width(part: list[str]) -> int:
        return sum(len(line) + (len(newline) - 1) * line.endswith("\n") for line in part)

    begin = start + width(lines[:head])
    end = begin + width(lines[head:len(lines) - tail])
    return Edit(begin, end, "".join(wanted[head:len(wanted) - tail]).replace("\n", newline))


# -- the check before a fix -----------------------------------------------------------

def verify(head: str, before: str, after: str, separated: bool) -> str | None:
    """Why replacing the body ``before`` by ``after`` (after the front
    matter ``head``) would be unsafe, or None when it is safe."""
    if formatted_body(after, separated) != after:
        return "mdformat writes its own output differently when run again"
    old, new = _Reading(head, before), _Reading(head, after)
    for name, read in CHECKS:
        was, now = read(old), read(new)
        if was != now:
            return f"formatting would change {name}{_first_change(was, now)}"
    return None


class _Reading:
    """One text of the body, read once for every check."""

    def __init__(self, head: str, body: str) -> None:
        self.head, self.body = head, body
        self.text = head + body
        self.parsed = parse_body(self.text, len(head))

    def part(self, start: int, end: int) -> str:
        return self.text[start:end]


def _words(reading: _Reading) -> list[str]:
    return WORD.findall(ORDERED_MARKER.sub(r"\1", DONE_TASK.sub(r"\1x", reading.body)))


def _comments(reading: _Reading) -> list[str]:
    """Each comment as written, less the indentation and quote marks of the
    container it is in on its lines after the first."""
    return [_uncontained(reading.part(a, b)) for a, b in reading.parsed.comments]


def _uncontained(text: str) -> str:
    first, _, rest = text.partition("\n")
    return first + ("\n" + CONTAINER_PREFIX.sub("", rest) if rest else "")


def _wikilinks(reading: _Reading) -> list[str]:
    return [reading.part(link.start, link.end) for link in reading.parsed.wikilinks]


def _urls(reading: _Reading) -> list[str]:
    return URL.findall(reading.body)


def _tags(reading: _Reading) -> list[str]:
    return [tag.name for tag in reading.parsed.tags]


def _block_ids(reading: _Reading) -> list[str]:
    return [block.id for block in reading.parsed.block_ids]


def _marks(reading: _Reading) -> list[str]:
    """Obsidian's marks that CommonMark reads as text (``==``, ``::``,
    ``[^``, ``^[``, ``$``), less those an escape keeps text: dropping the
    backslash of ``\\=\\=texte\\=\\=`` would make a highlight."""
    return OBSIDIAN_MARK.findall(ESCAPED.sub(" ", reading.body))


def _callouts(reading: _Reading) -> list[str]:
    return [mark + " " + SPACES.sub(" ", title).strip() for mark, title in CALLOUT.findall(reading.body)]


def _structure(reading: _Reading) -> list[Any]:
    """The document pulldown-cmark reads in the body, ``%%`` comments
    blanked out (it reads ``<!-- -->`` as HTML, which it is):
    its blocks and inline elements, their text with white space made one
    space, code and math exactly. What the markup looks like is left out:
    the bullet, the emphasis marker, the kind of heading, a fence or an
    indented code block."""
    masked = _mask(reading.body, [(a - len(reading.head), b - len(reading.head))
                                  for a, b in reading.parsed.comments if reading.part(a, b).startswith("%%")])
    out: list[Any] = []
    text: list[str] = []

    def flush() -> None:
        joined = SPACES.sub(" ", "".join(text).replace(PLACEHOLDER, "")).strip()
        if joined:
            out.append(("Text", joined))
        text.clear()

    in_code = False
    for event in STRUCTURE.events(masked):
        if event == "SoftBreak":
            text.append(" ")
            continue
        if isinstance(event, dict) and "Text" in event and not in_code:
            text.append(event["Text"])
            continue
        flush()
        shape = _shape(event)
        in_code = shape == ("Start", "CodeBlock") or (in_code and shape != ("End", "CodeBlock"))
        out.append(shape)
    flush()
    return out


def _shape(event: Any) -> Any:
    """An event, less what only the markup says."""
    if not isinstance(event, dict):
        return event
    (kind, value), = event.items()
    if (kind == "Start" and isinstance(value, dict) and "CodeBlock" in value) or (kind, value) == ("End", "CodeBlock"):
        return (kind, "CodeBlock")
    if kind in ("Start", "End") and isinstance(value, dict) and "Heading" in value:
        level = value["Heading"]["level"] if kind == "Start" else value["Heading"]
        return (kind, "Heading", level)
    if kind == "End" and isinstance(value, dict) and "List" in value:
        return ("End", "List")  # tight or loose: the same list
    if kind == "Text":  # code block text
        return ("Code", value)
    return (kind, repr(value))


def _mask(body: str, spans: list[tuple[int, int]]) -> str:
    """``body`` with its comments blanked out: spaces where a line holds
    nothing else, else a placeholder, line breaks kept."""
    if not spans:
        return body
    chars = list(body)
    for a, b in spans:
        for i in range(max(a, 0), b):
            if chars[i] != "\n":
                chars[i] = PLACEHOLDER
    masked = "".join(chars)
    return "".join(
        line if line.strip(f" \t\n{PLACEHOLDER}") else line.replace(PLACEHOLDER, " ")
        for line in LINE.findall(masked)
    )


def _first_change(was: list[Any], now: list[Any]) -> str:
    """The first item that differs, quoted."""
    for a, b in zip(was, now):
        if a != b:
            return f" ({_short(a)} would become {_short(b)})"
    if len(was) > len(now):
        return f" ({_short(was[len(now)])} would be lost)"
    return f" ({_short(now[len(was)])} would be added)"


def _short(item: Any) -> str:
    text = item if isinstance(item, str) else repr(item)
    return repr(text if len(text) <= LONGEST_QUOTED_LINE else text[:LONGEST_QUOTED_LINE - 1] + "…")


CHECKS: tuple[tuple[str, Callable[[_Reading], list[Any]]], ...] = (
    ("a word", _words),
    ("a comment", _comments),
    ("a wikilink or embed", _wikilinks),
    ("a URL", _urls),
    ("a tag", _tags),
    ("a block id", _block_ids),
    ("a callout header", _callouts),
    ("Obsidian's markup (a highlight, an inline field, a footnote or math)", _marks),
    ("what the note says (pulldown-cmark reads another document)", _structure),
)
