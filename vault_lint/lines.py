"""The lines of a note's text, as Obsidian counts them: ``\\r\\n``, ``\\r``
and ``\\n`` each end a line. Kept apart from the body's parser so that what
only counts lines (a finding's place, an excerpt) does not import it."""

from __future__ import annotations

import re
from itertools import accumulate

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts (0 for the first)."""
    if "\r" in text:
        return [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    return [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]  # twice as fast
