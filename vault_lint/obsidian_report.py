"""What the Obsidian report note needs to know about a note: where a link
lands on a given line, and whether the note is itself a report.

A link into a note jumps to a block (``#^id``) or to a heading
(``#Heading``). Obsidian compares a link's heading with the note's headings
once both are stripped of punctuation, so a heading is written into a link
as Obsidian's "Copy link to heading" writes it: the characters that would
break the link (``:``, ``#``, ``|``, ``^``, ``\\``, ``%%``, ``[[``, ``]]``,
line breaks) become spaces, and runs of white space one space. A lone
bracket goes the same way, so that no bracket can close the link early.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from vault_lint.note import Heading, Note

REPORT_KEY = "vault-lint-report"  # the front matter key that marks a report note
LINK_BREAKING = re.compile(r"[:#|^\\\r\n\[\]]|%%")


def is_report(note: Note) -> bool:
    """Is the note a report vault-lint wrote (``vault-lint-report: true`` in
    its front matter)? The linter leaves such a note alone."""
    return note.data.get(REPORT_KEY) is True


def link_text(text: str) -> str:
    """``text`` as it can stand in a wikilink's heading or display text."""
    return " ".join(LINK_BREAKING.sub(" ", text).split())


def anchors(note: Note, lines: Iterable[int]) -> dict[int, str]:
    """For each line, the anchor a link uses to jump there: ``#^id`` when
    the line carries a block id, else ``#Heading`` of the nearest heading
    above it (or on it). A line in the front matter, above the first
    heading, or under a heading with no text gets none."""
    blocks = {note.position(block.start)[0]: block.id for block in note.body.block_ids} if note.body else {}
    heading_lines = [heading.line for heading in note.headings]
    found: dict[int, str] = {}
    for line in lines:
        if not 1 <= line <= len(note.line_starts) or note.line_starts[line - 1] < note.body_start:
            continue
        if line in blocks:
            found[line] = f"#^{blocks[line]}"
            continue
        index = bisect.bisect_right(heading_lines, line) - 1
        title = link_text(heading_text(note, note.headings[index])) if index >= 0 else ""
        if title:
            found[line] = f"#{title}"
    return found


def heading_text(note: Note, heading: Heading) -> str:
    """The heading's text as Obsidian holds it: the whole line between the
    ATX sequences, comments included (a setext heading's text lines)."""
    if heading.setext:
        underline = note.position(heading.end)[0]
        return " ".join(note.line_at(number).strip() for number in range(heading.line, underline))
    # Lazy, for import time: the linter imports this module on every run, and
    # the headings come from a parsed body, which has loaded the module already.
    from vault_lint.markdown import ATX_CLOSING, ATX_OPENING

    line = note.line_at(heading.line)
    opening = ATX_OPENING.match(line)
    if opening is None:  # a line that does not open with the sequence: the title as parsed
        return heading.title
    text = line[opening.end():].rstrip(" \t")
    closing = ATX_CLOSING.search(text)
    return text[:closing.start() if closing else len(text)].strip()
