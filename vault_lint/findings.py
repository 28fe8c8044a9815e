"""Plain data that flows from the rules to the fixer and the reporters."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Literal

Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``content`` (offsets into the note's text)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    """The edits that correct a finding, how safe they are, and what they do in words."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), "safe", message)

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), "unsafe", message)


class PackedFix(Fix):
    """A fix as the cache keeps it and a worker sends it: its edits' offsets
    packed in one bytes value (16 bytes an edit) beside their contents, and
    unpacked each time they are read. The run's process keeps the findings
    of every note: a fix of many edits (EN001 edits each stretch of
    mojibake) would otherwise cost it three objects an edit."""

    def __init__(self, offsets: bytes, contents: tuple[str, ...], applicability: Applicability,
                 message: str) -> None:
        object.__setattr__(self, "_offsets", offsets)
        object.__setattr__(self, "_contents", contents)
        object.__setattr__(self, "applicability", applicability)
        object.__setattr__(self, "message", message)

    @staticmethod
    def pack(edits: tuple[Edit, ...]) -> tuple[bytes, tuple[str, ...]]:
        """``edits`` as a ``PackedFix`` holds them: plain values (the cache stores them)."""
        offsets = (offset for edit in edits for offset in (edit.start, edit.end))
        return struct.pack(f"<{2 * len(edits)}Q", *offsets), tuple(edit.content for edit in edits)

    @property  # type: ignore[override]
    def edits(self) -> tuple[Edit, ...]:
        spans = struct.unpack(f"<{2 * len(self._contents)}Q", self._offsets)
        return tuple(Edit(spans[2 * index], spans[2 * index + 1], content)
                     for index, content in enumerate(self._contents))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and (self.edits, self.applicability, self.message) == (
            other.edits, other.applicability, other.message)

    __hash__ = Fix.__hash__


@dataclass(frozen=True)
class Diagnostic:
    """What a rule reports: a span of the note's text, a message, maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    """What a rule reports on a note: its code and name, the message, where, and its fix."""

    path: str
    code: str
    name: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None

    def fixable(self, unsafe: bool = False) -> bool:
        return self.fix is not None and (unsafe or self.fix.applicability == "safe")


def reading_order(finding: Finding) -> tuple[int, int, str]:
    """The order a note's findings are reported in: by line, column, then code."""
    return finding.line, finding.column, finding.code


@dataclass(frozen=True)
class Change:
    """A note as fixed: its text before and after (``encoding``: the
    UTF-16/32 it was read in, when it is written again as UTF-8)."""

    path: str
    before: str
    after: str
    encoding: str | None = None


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (insertions at one offset keep their order)."""
    parts = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[position:edit.start])
        parts.append(edit.content)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
