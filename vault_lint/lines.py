"""The lines of a note's text, as Obsidian counts them: ``\\r\\n``, ``\\r``
and ``\\n`` each end a line. Kept apart from the body's parser so that what
only counts lines (a finding's place, an excerpt) does not import it."""

from __future__ import annotations

import re
from itertools import accumulate

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str, texts: list[str] | None = None) -> list[int]:
    """Where each line of ``text`` starts (0 for the first); ``texts``, its
    ``line_texts`` when they are known already."""
    if "\r" in text:
        return [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    texts = line_texts(text) if texts is None else texts
    return [0, *accumulate(len(line) + 1 for line in texts[:-1])]  # twice as fast


def line_texts(text: str) -> list[str]:
    """The lines of ``text`` without their endings, one for each line start
    (the last one empty when the text ends with a line break)."""
    return LINE_BREAK.split(text) if "\r" in text else text.split("\n")


def ending_counts(text: str, end: int | None = None) -> dict[str, int]:
    """How many of each line ending ``text[:end]`` holds (a CRLF cut at ``end``:
    its CR), LF first, then CRLF, then CR."""
    crlf = text.count("\r\n", 0, end)  # counted apart from the lone CRs and LFs: no ending is split
    return {"\n": text.count("\n", 0, end) - crlf, "\r\n": crlf, "\r": text.count("\r", 0, end) - crlf}


def break_count(text: str, end: int) -> int:
    """How many line breaks ``text[:end]`` holds."""
    return sum(ending_counts(text, end).values())
