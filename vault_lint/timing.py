"""The times of a note's front matter, as the time rules (TM001) and the
time bucket (TG003) read them: whole minutes, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vault_lint.note import Note
from vault_lint.profile import Profile


def whole_number(value: Any) -> int | None:
    """A whole number (of minutes, of portions), or None (a text, a float,
    a boolean)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def whole_minutes(value: Any) -> int | None:
    """A time in whole minutes (a whole number, not below zero), or None:
    any other value is the schema's to report (FM003)."""
    minutes = whole_number(value)
    return minutes if minutes is not None and minutes >= 0 else None


@dataclass(frozen=True)
class Times:
    """The front matter times: the parts that make up the total (prep, cook
    and, when the note has the key, rest) and the total, each in whole
    minutes or None."""

    keys: tuple[str, ...]  # the parts' keys: prep, cook and (when given) rest
    parts: tuple[int | None, ...]
    total: int | None

    @property
    def prep(self) -> int | None:
        return self.parts[0]

    @property
    def cook(self) -> int | None:
        return self.parts[1]

    @property
    def has_rest(self) -> bool:
        return len(self.keys) > 2

    @property
    def expected(self) -> int | None:
        """The sum of the parts, when every one is whole minutes."""
        return None if None in self.parts else sum(part or 0 for part in self.parts)

    def sum_text(self) -> str:
        """``temps_prep + temps_cuisson = 20 + 210 = 230``."""
        return f"{' + '.join(self.keys)} = {' + '.join(map(str, self.parts))} = {self.expected}"


def read_times(note: Note, profile: Profile) -> Times:
    """The note's times."""
    keys, data = profile.keys, note.data
    names = (keys.prep, keys.cook) + ((keys.rest,) if keys.rest in data else ())
    return Times(names, tuple(whole_minutes(data.get(name)) for name in names), whole_minutes(data.get(keys.total)))
