"""The times of a note's front matter, as the time rules (TM001) and the
time bucket (TG003) read them: whole minutes, or nothing.

``whole_minutes`` also reads a time written as text, in the forms recipe
notes and the sites they come from use: ``20 min``, ``1 hour 15 minutes``,
``1h05``, ISO 8601 (``PT1H10M``, schema.org's recipe times) and the bare
``1H05M`` some recipe plugins write. The units are the profile's
(``minute_units``, ``hour_units``), so French and English notes both read;
ISO 8601's designators are the standard's, in any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from vault_lint.note import Note
from vault_lint.profile import DEFAULT_PROFILE, Profile


def whole_number(value: Any) -> int | None:
    """A whole number (of minutes, of portions), or None (a text, a float,
    a boolean)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def whole_minutes(value: Any, profile: Profile | None = None) -> int | None:
    """A front matter time in whole minutes, or None.

    A whole number not below zero is itself. A text is read as a duration
    with the units of ``profile`` (the default profile's when None):
    ``20``, ``20 min``, ``10min``, ``5 mins``, ``1 hour 15 minutes``,
    ``1 h 30``, ``1h05``, ``1.5 hours``, ``1:30``, ISO 8601 ``PT1H10M`` and
    ``P0DT1H``, or ``1H05M``. Anything else is None: a range (``10-15
    min``), a value that is not stated (``unknown``, ``N/A``, empty), free
    text, a negative or fractional number of minutes, a float or a boolean.
    Whether a text is an acceptable way to write the time is the schema's
    to say (FM003)."""
    if isinstance(value, str):
        return _read_text(value, profile or DEFAULT_PROFILE)
    minutes = whole_number(value)
    return minutes if minutes is not None and minutes >= 0 else None


def _read_text(text: str, profile: Profile) -> int | None:
    text = " ".join(text.split())  # any run of spaces (no-break ones too) is one space
    if not text or profile.is_not_stated(text):
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    for read in (_iso_8601, _clock):
        minutes = read(text)
        if minutes is not None:
            return minutes
    return _with_units(text, profile.hour_units, profile.minute_units)


# ISO 8601 durations as schema.org recipes write them (PT1H10M, P0DT1H,
# PT90M, PT1H30M0S); also without the leading "PT" (1H05M, 20M), as some
# recipe plugins store them. Years, months and weeks are no recipe times.
_NUMBER = r"\d+(?:[.,]\d+)?"
_ISO = re.compile(
    rf"P(?:(?P<days>{_NUMBER})D)?(?:T(?=\d)(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?"
    rf"(?:(?P<seconds>{_NUMBER})S)?)?",
    re.IGNORECASE,
)
_BARE_ISO = re.compile(r"(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?")  # capitals only
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")


def _iso_8601(text: str) -> int | None:
    match = _ISO.fullmatch(text) or _BARE_ISO.fullmatch(text)
    if match is None or not any(match.groupdict().values()):
        return None
    parts = match.groupdict()
    seconds = (_decimal(parts.get("days")) * 86400 + _decimal(parts.get("hours")) * 3600
               + _decimal(parts.get("minutes")) * 60 + _decimal(parts.get("seconds")))
    return _whole(seconds / 60)


def _clock(text: str) -> int | None:
    """``1:30`` (hours and minutes), ``1:30:00`` (and seconds)."""
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return _whole(Decimal(int(hours) * 60 + int(minutes)) + Decimal(int(seconds or 0)) / 60)


def _with_units(text: str, hour_units: tuple[str, ...], minute_units: tuple[str, ...]) -> int | None:
    """``20 min``, ``1 hour 15 minutes``, ``1 h 30``, ``1h05``, ``1.5 h``,
    ``1 hr, 20 mins``: hours then minutes, each in the profile's units."""
    match = _units_pattern(hour_units, minute_units).fullmatch(text)
    if match is None:
        return None
    if match["hours"] is None:
        return _whole(_decimal(match["only"]))
    minutes = _decimal(match["minutes"])
    if minutes >= 60 or (match["minutes"] and _decimal(match["hours"]) % 1):
        return None  # "1h75", "1.5 h 10": not a way to write a time
    return _whole(_decimal(match["hours"]) * 60 + minutes)


@lru_cache(maxsize=8)
def _units_pattern(hour_units: tuple[str, ...], minute_units: tuple[str, ...]) -> re.Pattern[str]:
    def units(names: tuple[str, ...]) -> str:
        ordered = sorted(names, key=len, reverse=True)  # "minutes" before "min"
        return "(?:" + "|".join(map(re.escape, ordered)) + r")\.?(?![^\W\d_])"

    hours, minutes = units(hour_units), units(minute_units)
    return re.compile(
        rf"(?P<hours>{_NUMBER}) ?{hours}(?:,? ?(?P<minutes>\d+)(?: ?{minutes})?)?"
        rf"|(?P<only>{_NUMBER}) ?{minutes}",
        re.IGNORECASE,
    )


def _decimal(text: str | None) -> Decimal:
    try:
        return Decimal(text.replace(",", ".")) if text else Decimal(0)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        return Decimal(0)


def _whole(minutes: Decimal) -> int | None:
    """Whole minutes, or None for a fraction of a minute."""
    return int(minutes) if minutes == minutes.to_integral_value() else None


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


def read_times(note: Note, profile: Profile, invalid: frozenset[str] | None = None) -> Times:
    """The note's times.

    ``invalid``: the keys the schema rejects, when the caller knows them. A
    time the schema accepts is read in any form ``whole_minutes`` reads (a
    vault whose schema allows ``PT20M`` gets its sums checked); a rejected
    one is FM003's to report, and no sum is made of it. Without ``invalid``
    only whole numbers are read, as the shipped schemas accept no other."""
    keys, data = profile.keys, note.data
    names = (keys.prep, keys.cook) + ((keys.rest,) if keys.rest in data else ())

    def minutes(key: str) -> int | None:
        value = data.get(key)
        if invalid is None or key in invalid:
            return whole_minutes(whole_number(value))
        return whole_minutes(value, profile)

    return Times(names, tuple(minutes(name) for name in names), minutes(keys.total))
