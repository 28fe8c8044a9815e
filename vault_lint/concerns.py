"""What the vault-wide rules may report on each file of a vault
(``VaultIndex.concerns``), kept in the cache between runs with the status of
every note it was found at: while no note changed in a way the vault-wide
rules can see, a run knows a note's concerns without building the vault index.

A one-note run (pre-commit's) reads this record and, when its note was edited,
writes it again. So it is kept in few objects: the file names, the notes'
statuses packed in one string of bytes, the notes' faces (``index.face``) in
another, and the concerns in a tuple aligned with the names.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vault_lint.listing import STATUS_WIDTH

FACE_WIDTH = 16  # the size of a face (``index.face``)
NO_FACE = bytes(FACE_WIDTH)  # a note the index holds no summary of
_BLOCK = 64  # notes compared at once when looking for those whose status changed


class Concerns:
    """The record: the vault's ``state`` (``listing.state``: its file names, its
    notes' names and their statuses), the face of each of its notes in the
    order of its notes, and each file's concerns in the order of its names
    (None: not found yet)."""

    __slots__ = ("faces", "reasons", "state")

    def __init__(self, state: tuple[Any, ...], faces: bytes, reasons: tuple[tuple[str, ...] | None, ...]) -> None:
        self.state, self.faces, self.reasons = state, faces, reasons

    @classmethod
    def from_plain(cls, value: Any) -> Concerns | None:
        """The record as the cache held it; None when it is not one."""
        if not (isinstance(value, tuple) and len(value) == 5 and all(isinstance(part, tuple) for part in value[:2])
                and all(isinstance(part, bytes) for part in value[2:4]) and isinstance(value[4], tuple)):
            return None
        names, notes, statuses, faces, reasons = value
        if not (len(statuses) == len(notes) * STATUS_WIDTH and len(faces) == len(notes) * FACE_WIDTH
                and len(reasons) == len(names)):
            return None
        return cls((names, notes, statuses), faces, reasons)

    @classmethod
    def made(cls, state: tuple[Any, ...], faces: dict[str, bytes]) -> Concerns:
        """A record of no concerns yet, with the notes' ``faces`` by name."""
        names, notes, _ = state
        return cls(state, b"".join(faces.get(name, NO_FACE) for name in notes), (None,) * len(names))

    def plain(self) -> tuple[Any, ...]:
        return (*self.state, self.faces, self.reasons)

    def holds(self, state: tuple[Any, ...], face_of: Callable[[str], bytes | None]) -> bool:
        """Does the record hold for the vault at ``state``? Yes when the same
        files are there and each note whose status changed has the face
        recorded, as ``face_of`` gives it (a note of the run, as just read;
        None for another note): an edit the vault-wide rules cannot see (a step,
        an ingredient) leaves what they report unchanged."""
        if self.state == state:
            return True
        names, notes, statuses = state
        if self.state[:2] != (names, notes):
            return False
        for index in _changed(self.state[2], statuses):
            face = face_of(notes[index])
            if face is None or face != self.faces[index * FACE_WIDTH:(index + 1) * FACE_WIDTH]:
                return False
        return True

    def found(self, names: Iterable[str]) -> dict[str, frozenset[str]]:
        """The concerns recorded of ``names``, for those found."""
        found = {}
        for name in names:
            position = self._position(name)
            reasons = self.reasons[position] if position is not None else None
            if reasons is not None:
                found[name] = frozenset(reasons)
        return found

    def moved(self, state: tuple[Any, ...]) -> Concerns:
        """The record, for the vault now at ``state`` (which it holds for)."""
        return Concerns(state, self.faces, self.reasons)

    def adding(self, found: dict[str, frozenset[str]]) -> Concerns:
        """The record with the concerns of ``found`` (names of the vault's files)."""
        reasons = list(self.reasons)
        for name, concerns in found.items():
            position = self._position(name)
            if position is not None:
                reasons[position] = tuple(sorted(concerns))
        return Concerns(self.state, self.faces, tuple(reasons))

    def _position(self, name: str) -> int | None:
        """Where ``name`` is among the file names (they are sorted); None when it is not one."""
        names = self.state[0]
        position = bisect.bisect_left(names, name)
        return position if position < len(names) and names[position] == name else None


def _changed(before: bytes, now: bytes) -> Iterator[int]:
    """The positions of the notes whose packed status differs, a block of
    ``_BLOCK`` notes compared at once."""
    block = STATUS_WIDTH * _BLOCK
    for start in range(0, len(now), block):
        if before[start:start + block] != now[start:start + block]:
            for at in range(start, min(start + block, len(now)), STATUS_WIDTH):
                if before[at:at + STATUS_WIDTH] != now[at:at + STATUS_WIDTH]:
                    yield at // STATUS_WIDTH

