"""The "Informations rapides" section of a note, read as labelled values.

Two formats are read the same way: one line of ``|``-separated pairs
(``⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30``) and a bullet list
(``- ⏱️ Temps de préparation : 40 minutes (+ 30 min marinade)``). A label
is recognised by the profile's ``quick_info_labels`` whatever its emoji,
bold markers or case; a remark in parentheses is kept apart from the value.

The public API:

- ``read_quick_info(note, profile)``: every ``Field`` of the section(s);
- ``parse_duration(text, profile)``: ``45 min``, ``1h05``, ``2 h``,
  ``1 h 30``... as a ``Duration`` that can be written again in its own form;
- ``parse_count(text)``: ``4`` or ``4 personnes`` as a ``Count``;
- ``is_stated(text, profile)``, ``same_words(a, b)``, ``word_choices(text, profile)``
  and ``mentions(text, words)`` for comparing values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from vault_lint.memo import REMEMBERED_LENGTH
from vault_lint.note import Line, Note, fold, heading_key
from vault_lint.profile import BUILTIN_NOT_STATED, Profile, per_profile

TIME_ROLES = ("prep", "cook", "total", "rest")
# Characters dropped around a value: spaces, bold/italic markers, and
# punctuation ending a phrase.
VALUE_EDGES = " \t\u00a0\u202f*_"
TRAILING_PUNCTUATION = ".,;:!"
# How one value names several things ("Porc, bœuf", "Porc et chorizo"):
# these marks, or one of the profile's ``list_words``.
LIST_MARKS = ",/&+"
SEGMENT = re.compile(r"[^|]+")  # a field of a line of ``|``-separated fields
LABEL_LEAD = re.compile(r"^\W+")  # the emoji and marks before a label
COUNT = re.compile(r"(\d+)(?:\s+\D*)?")


class Field(NamedTuple):
    """One ``label : value`` of the section (or a piece of text without a
    label: ``label`` is then empty). ``start:end`` is the value in the note's
    text, without its remark, its trailing punctuation or bold markers. A
    named tuple: one is made for every value of every note, at a third of a
    frozen dataclass's cost."""

    role: str | None  # the profile role of the label ("prep", "portions"...)
    label: str  # as written, without its emoji and bold markers
    value: str
    remark: str  # from the first '(' to the end of the pair, or ""
    start: int
    end: int
    line: int

    @property
    def text(self) -> str:
        """Everything the pair says: label, value and remark."""
        return " ".join(part for part in (self.label, self.value, self.remark) if part)


@dataclass(frozen=True)
class Duration:
    """A duration as written in the body, with what it takes to write
    another one in the same form: ``3h30`` gives ``4h05``, ``40 minutes``
    gives ``45 minutes``, ``2 h`` gives ``2 h 30``."""

    minutes: int
    hour_unit: str | None  # None: written in minutes only
    minute_unit: str | None  # None: no unit after the minutes ("3h30")
    gaps: tuple[str, str, str]  # number|unit, hour unit|minutes, minutes|their unit

    def rewritten(self, minutes: int, profile: Profile) -> str:
        hours, rest = divmod(minutes, 60)
        number_gap, hour_gap, minute_gap = self.gaps
        if self.hour_unit is None or hours == 0:
            unit = self.minute_unit or profile.minute_units[0]
            gap = number_gap if self.hour_unit is None else minute_gap
            return f"{minutes}{gap}{_counted(unit, minutes, profile.minute_units)}"
        text = f"{hours}{number_gap}{_counted(self.hour_unit, hours, profile.hour_units)}"
        if rest:
            text += f"{hour_gap}{rest:02d}"
            if self.minute_unit:
                text += f"{minute_gap}{_counted(self.minute_unit, rest, profile.minute_units)}"
        return text


@dataclass(frozen=True)
class Count:
    """A whole number at the start of a value (``4`` in ``4 personnes``),
    at ``start:end`` inside the value."""

    value: int
    start: int
    end: int


# -- the section ---------------------------------------------------------------

def read_quick_info(note: Note, profile: Profile) -> list[Field]:
    """Every field of the note's quick-info section(s), in reading order.

    The section's lines are read up to its first sub-heading; lines in
    code, comments and callouts are skipped, inline comments blanked out.
    """
    names = per_profile(profile, "section_keys:quick_info", lambda p: p.section_keys("quick_info"))
    headings = note.headings
    pieces = per_profile(profile, "quick info lines", _Pieces)
    fields: list[Field] = []
    for index, heading in enumerate(headings):
        if heading.key not in names:
            continue
        end = headings[index + 1].start if index + 1 < len(headings) else len(note.text)  # any heading ends it
        for line in note.lines_between(heading.end, end):
            if not line.hidden:
                fields.extend(_line_fields(note, line, pieces))
    return fields


Piece = tuple[str | None, str, str, str, int, int]  # a Field but its line, with offsets inside its text


class _Pieces(dict[str, tuple[Piece, ...]]):
    """The fields of a line's text, by text, under one profile: a vault
    writes the same lines (``- 👥 Portions : 4``) in note after note."""

    LIMIT = 16_384  # lines remembered (up to REMEMBERED_LENGTH characters)

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def __missing__(self, text: str) -> tuple[Piece, ...]:
        found = tuple(piece for match in SEGMENT.finditer(text)
                      if (piece := _piece(match.group(), match.start(), self.profile)) is not None)
        if len(text) <= REMEMBERED_LENGTH:
            if len(self) >= self.LIMIT:
                self.clear()
            self[text] = found
        return found


def _line_fields(note: Note, line: Line, pieces: _Pieces) -> list[Field]:
    item = note.item_at(line)
    text, offset = (line.content[item.text_start - line.start:], item.text_start) if item else (line.content, line.start)
    return [Field(role, label, value, remark, offset + start, offset + end, line.number)
            for role, label, value, remark, start, end in pieces[text]]


def _piece(segment: str, offset: int, profile: Profile) -> Piece | None:
    """The field a ``|``-separated segment holds (at ``offset`` in its line's text), or None."""
    colon = segment.find(":")
    label = LABEL_LEAD.sub("", segment[:colon].strip(VALUE_EDGES)) if colon >= 0 else ""
    value_from = colon + 1 if colon >= 0 else 0
    paren = segment.find("(", value_from)
    value_to = paren if paren >= 0 else len(segment)
    start, end = _trim(segment, value_from, value_to)
    if start == end and not label:
        return None
    remark = segment[paren:].strip(VALUE_EDGES) if paren >= 0 else ""
    return label_role(label, profile), label, segment[start:end], remark, offset + start, offset + end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` without its edge markers and trailing punctuation."""
    while start < end and text[start] in VALUE_EDGES:
        start += 1
    while end > start and (text[end - 1] in VALUE_EDGES or text[end - 1] in TRAILING_PUNCTUATION):
        end -= 1
    return start, end


def label_role(label: str, profile: Profile) -> str | None:
    """The role a label names (``⏱️ **Temps de préparation**`` -> ``prep``)."""
    key = heading_key(label)
    if not key:
        return None
    return per_profile(profile, "labels", lambda p: _label_keys(p.quick_info_labels)).get(key)  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def _label_keys(labels: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    return {heading_key(label): role for role, names in labels for label in names}


# -- values ----------------------------------------------------------------------

def is_stated(text: str, profile: Profile) -> bool:
    """False for an empty value or a placeholder: one of the profile's "not
    stated" words, or of a built-in profile's (``unknown`` in a French
    vault: a note imported from an English site keeps its placeholders).
    No rule compares a placeholder, and no fix acts on one."""
    text = text.strip()
    return bool(text) and fold(text) not in per_profile(profile, "placeholders", _placeholders)


def _placeholders(profile: Profile) -> frozenset[str]:
    """What says "not stated": the profile's words (``Profile.is_not_stated``) and the built-in profiles'."""
    return frozenset(fold(value) for value in profile.not_stated) | _builtin_placeholders()


@lru_cache(maxsize=1)
def _builtin_placeholders() -> frozenset[str]:
    return frozenset(fold(value) for value in BUILTIN_NOT_STATED)


def declares_rest(fields: list[Field], profile: Profile) -> bool:
    """Does the quick-info section declare a rest: a stated rest time that is
    not zero, a remark on a time that names one or adds time
    (``40 minutes (+ 30 min marinade)``, ``4h30 (inclut repos au frigo)``),
    or a line it does not know that names one (``Marinade : une nuit``)?"""
    for field in fields:
        if field.role == "rest" and is_stated(field.value, profile):
            duration = parse_duration(field.value, profile)
            if duration is None or duration.minutes > 0:
                return True
        if field.role is None and mentions(field.text, profile.rest_words):
            return True
        if field.role in TIME_ROLES and adds_time(field.remark, profile):
            return True
    return False


def parse_duration(text: str, profile: Profile) -> Duration | None:
    """The duration ``text`` is, all of it (``20-25 min`` or ``about 20 min``
    are None)."""
    match = per_profile(profile, "durations", _durations).fullmatch(text.strip())
    if match is None:
        return None
    if match["hours"] is None:
        return Duration(int(match["only"]), None, match["only_unit"], (match["only_gap"], "", ""))
    minutes = int(match["minutes"] or 0)
    if minutes >= 60:
        return None
    # Gaps the note does not show are taken from the one it does ("2 h" ->
    # "2 h 30"); minutes alone after an hour form are written "45 min".
    number_gap = match["hour_gap"]
    gaps = (
        number_gap,
        match["hm_gap"] if match["minutes"] else number_gap,
        match["minute_gap"] if match["minute_unit"] else " ",
    )
    return Duration(int(match["hours"]) * 60 + minutes, match["hour_unit"], match["minute_unit"], gaps)


def _durations(profile: Profile) -> re.Pattern[str]:
    return _duration_pattern(profile.hour_units, profile.minute_units)


@lru_cache(maxsize=8)
def _duration_pattern(hour_units: tuple[str, ...], minute_units: tuple[str, ...]) -> re.Pattern[str]:
    def units(names: tuple[str, ...]) -> str:
        ordered = sorted(names, key=len, reverse=True)
        return "(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W\d_])"

    hours, minutes = units(hour_units), units(minute_units)
    return re.compile(
        rf"(?P<hours>\d+)(?P<hour_gap>\s*)(?P<hour_unit>{hours})"
        rf"(?:(?P<hm_gap>\s*)(?P<minutes>\d+)(?:(?P<minute_gap>\s*)(?P<minute_unit>{minutes}))?)?"
        rf"|(?P<only>\d+)(?P<only_gap>\s*)(?P<only_unit>{minutes})",
        re.IGNORECASE,
    )


def find_durations(text: str, profile: Profile) -> list[Duration]:
    """Every duration written inside a longer text (a remark)."""
    pattern = per_profile(profile, "durations", _durations)
    found = (parse_duration(match.group(), profile) for match in pattern.finditer(text))
    return [duration for duration in found if duration is not None]


def _counted(unit: str, count: int, units: tuple[str, ...]) -> str:
    """A unit agreeing with its number: ``heure`` / ``heures``. Only whole
    words take an ``s`` (``min`` stays ``min``)."""
    lower = unit.casefold()
    if count < 2 and lower.endswith("s") and lower[:-1] in units:
        return unit[:-1]
    if count >= 2 and len(lower) >= 4 and lower + "s" in units:
        return unit + ("S" if unit.isupper() else "s")
    return unit


def parse_count(text: str) -> Count | None:
    """A whole number alone or followed by words (``4 personnes``); None for
    a range or anything else (``4-6``, ``4 à 6``)."""
    match = COUNT.fullmatch(text.strip())
    if match is None:
        return None
    offset = len(text) - len(text.lstrip())
    return Count(int(match.group(1)), offset + match.start(1), offset + match.end(1))


def word_choices(text: str, profile: Profile) -> list[str]:
    """The things a word value names: ``Porc et chorizo`` -> ``Porc``, ``chorizo``."""
    separators = per_profile(profile, "list separators", lambda p: _list_separators(p.list_words))
    return [part for part in separators.split(text) if part]


@lru_cache(maxsize=8)
def _list_separators(words: tuple[str, ...]) -> re.Pattern[str]:
    joiners = [f"[{re.escape(LIST_MARKS)}]", *(rf"\b{re.escape(word)}\b" for word in words)]
    return re.compile(rf"\s*(?:{'|'.join(joiners)})\s*", re.IGNORECASE)


@lru_cache(maxsize=16_384)  # a vault writes the same values in every note
def same_words(written: str, value: str) -> bool:
    """Equal without regard to case, to ``-`` versus space, to a ligature
    (``Boeuf`` = ``bœuf``) or to an accent left off a capital (``Entree`` =
    ``entrée``, ``Plat principal`` = ``plat-principal``)."""
    a, b = _words(written), _words(value)
    return len(a) == len(b) and all(_same_letter(x, y) for x, y in zip(a, b))


@lru_cache(maxsize=16_384)
def names_value(written: str, value: str) -> bool:
    """Does a word value of the body name the front matter's ``value``: the
    same words, the value among more words (``Poulet entier``, ``Cuisses de
    poulet`` for ``poulet``), its first words (``Plat`` for
    ``plat-principal``), or one word shortened to at least four letters
    (``Thaï`` for ``thaïlandaise``)?"""
    said, wanted = _words(written).split(), _words(value).split()
    if any(same_words(" ".join(said[i:i + len(wanted)]), value) for i in range(len(said) - len(wanted) + 1)):
        return True
    if 0 < len(said) < len(wanted) and same_words(" ".join(said), " ".join(wanted[:len(said)])):
        return True
    if len(said) == len(wanted) == 1:
        short, long = sorted((_bare(said[0]).casefold(), _bare(wanted[0]).casefold()), key=len)
        return len(short) >= 4 and long.startswith(short)
    return False


LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


@lru_cache(maxsize=16_384)
def _words(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(LIGATURES)
    kept = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text)
    return " ".join(kept.split())


def _same_letter(x: str, y: str) -> bool:
    if x.casefold() == y.casefold():
        return True
    return (x.isupper() or y.isupper()) and _bare(x).casefold() == _bare(y).casefold()


def _bare(text: str) -> str:
    """``text`` without its accents."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def adds_time(remark: str, profile: Profile) -> bool:
    """Does a remark on a time add time to it: it names a rest (``(+ 30 min
    marinade)``, ``(une nuit au frais)``) or opens with one of the profile's
    markers and holds a duration (``(+ 2h)``, ``(dont 4h au frais)``)?"""
    inner = remark.strip("() ").casefold()
    if mentions(inner, profile.rest_words):
        return True
    return inner.startswith(profile.extra_time_markers) and bool(find_durations(inner, profile))


WORD = re.compile(r"[^\W\d_]+")


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Does ``text`` use one of ``words`` (or a form of it a letter or two
    longer: ``marinade`` / ``marinades``, ``repos`` / ``reposé``), without
    regard to case or accents?"""
    return any(_mentioned(token, words) for token in WORD.findall(text))


@lru_cache(maxsize=16_384)  # a vault's remarks repeat the same words in every note
def _mentioned(token: str, words: tuple[str, ...]) -> bool:
    """Is ``token`` one of ``words``, or a form of it a letter or two longer?"""
    token = _bare(token).casefold()
    return any(token.startswith(word) and len(token) - len(word) <= 2 for word in _bare_words(words))


@lru_cache(maxsize=16)
def _bare_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_bare(word).casefold() for word in words)
