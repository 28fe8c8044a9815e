"""Front matter times as notes write them: ``timing.whole_minutes`` reads
whole minutes from an integer or from a written duration, in the units of
the profile, and says None for anything that is not one whole number of
minutes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from vault_lint.note import parse_text
from vault_lint.profile import DEFAULT_PROFILE
from vault_lint.profiles import builtin
from vault_lint.timing import read_times, whole_minutes, whole_number

EN = builtin("en")
FR = builtin("fr")

# (value as the front matter holds it, whole minutes or None); each is read
# alike by the English and the French profiles.
BOTH: list[tuple[Any, int | None]] = [
    # whole numbers
    (0, 0),
    (45, 45),
    (1440, 1440),
    ("20", 20),
    (" 20 ", 20),
    # minutes, with or without a space, singular, plural, capitals, a dot
    ("20 min", 20),
    ("10min", 10),
    ("5 mins", 5),
    ("1 minute", 1),
    ("90 minutes", 90),
    ("20 MIN", 20),
    ("20 min.", 20),
    ("45\u00a0min", 45),  # a no-break space, as pasted from a web page
    ("20m", 20),
    # hours, and hours with minutes
    ("1 hour", 60),
    ("2 hrs", 120),
    ("1 hour 15 minutes", 75),
    ("1 hr, 20 mins", 80),
    ("1 h 30", 90),
    ("1h05", 65),
    ("1h 30m", 90),
    ("3 h 30 min", 210),
    ("1.5 hours", 90),
    ("1,5 h", 90),
    ("1:30", 90),
    ("1:30:00", 90),
    # ISO 8601, as schema.org recipes give them
    ("PT1H10M", 70),
    ("P0DT1H", 60),
    ("PT90M", 90),
    ("PT1H30M0S", 90),
    ("P1D", 1440),
    ("PT0.5H", 30),
    ("pt20m", 20),
    # WordPress recipe plugins: ISO 8601 without its "PT"
    ("20M", 20),
    ("1H05M", 65),
    ("1H", 60),
    # not one whole number of minutes
    ("10-15 min", None),
    ("10 – 15 min", None),
    ("10 to 15 minutes", None),
    ("about 20 min", None),
    ("20 min + overnight", None),
    ("1h75", None),
    ("1.5 h 10", None),
    ("PT30S", None),
    ("PT", None),
    ("P", None),
    ("P1W", None),
    ("1:30:30", None),
    ("2.5 min", None),
    ("-5", None),
    (-5, None),
    (20.0, None),
    (20.5, None),
    (True, None),
    (None, None),
    ([20], None),
    ({"min": 20}, None),
    # not stated
    ("", None),
    ("   ", None),
    ("N/A", None),
    ("?", None),
    ("-", None),
]

ENGLISH_ONLY: list[tuple[str, int | None]] = [
    ("unknown", None),
    ("varies", None),
    ("not specified", None),
    ("none", None),
    ("2 heures", None),  # French units are not English ones
]

FRENCH_ONLY: list[tuple[str, int | None]] = [
    ("inconnu", None),
    ("non précisé", None),
    ("2 heures", 120),
    ("1 heure 15", 75),
    ("45 mn", 45),
]


@pytest.mark.parametrize(("value", "minutes"), BOTH, ids=[repr(value) for value, _ in BOTH])
def test_a_written_time_is_read_in_english_and_in_french(value: Any, minutes: int | None) -> None:
    assert whole_minutes(value, EN) == minutes
    assert whole_minutes(value, FR) == minutes


@pytest.mark.parametrize(("value", "minutes"), ENGLISH_ONLY, ids=[repr(value) for value, _ in ENGLISH_ONLY])
def test_english_words_and_units(value: str, minutes: int | None) -> None:
    assert whole_minutes(value, EN) == minutes


@pytest.mark.parametrize(("value", "minutes"), FRENCH_ONLY, ids=[repr(value) for value, _ in FRENCH_ONLY])
def test_french_words_and_units(value: str, minutes: int | None) -> None:
    assert whole_minutes(value, FR) == minutes


def test_without_a_profile_the_default_profile_reads_it() -> None:
    assert whole_minutes("1 heure 15") == 75 and whole_minutes("1 hour 15 minutes") == 75
    assert whole_minutes(70) == 70 and whole_minutes("10-15 min") is None
    assert DEFAULT_PROFILE == FR


def test_units_come_from_the_profile() -> None:
    german = replace(EN, minute_units=("Min.", "Minuten"), hour_units=("Std.", "Stunden"))
    assert whole_minutes("1 Std. 20 Min.", german) == 80
    assert whole_minutes("2 Stunden", german) == 120
    assert whole_minutes("2 hours", german) is None
    # ISO 8601's designators are the standard's, whatever the profile's units.
    assert whole_minutes("PT1H10M", german) == 70 and whole_minutes("1H05M", german) == 65
    assert whole_minutes("20m", german) is None  # a lower-case "m" is a unit, and not this profile's


def test_whole_number_is_unchanged() -> None:
    # Portions and the quick-info comparison read integers only.
    assert [whole_number(v) for v in (4, "4", 4.0, True, None)] == [4, None, None, None, None]


def test_read_times_reads_text_only_where_the_schema_accepts_it() -> None:
    text = "---\nprep_time: 15 min\ncook_time: PT30M\ntotal_time: 40\n---\n\n# Chicken\n"
    note = parse_text("Recipes/Chicken.md", text)
    # Without the schema's verdict, only whole numbers are read (FM003 reports the rest).
    strict = read_times(note, EN)
    assert (strict.prep, strict.cook, strict.total, strict.expected) == (None, None, 40, None)
    # A schema that accepts both texts: they are read, and the sum is made.
    accepted = read_times(note, EN, invalid=frozenset())
    assert (accepted.prep, accepted.cook, accepted.expected) == (15, 30, 45)
    # A schema that rejects one of them: that one is not read.
    rejected = read_times(note, EN, invalid=frozenset({"prep_time"}))
    assert (rejected.prep, rejected.cook, rejected.expected) == (None, 30, None)
