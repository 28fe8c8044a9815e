"""Time rules: does the total add up, does the body say what the front matter says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from vault_lint import edits
from vault_lint.context import Context
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.model import Model
from vault_lint.profile import Profile
from vault_lint.quickinfo import (
    LIST_MARKS,
    TIME_ROLES,
    Field,
    adds_time,
    declares_rest,
    find_durations,
    is_stated,
    names_value,
    parse_count,
    parse_duration,
    same_words,
    word_choices,
)
from vault_lint.rules import rule
from vault_lint.tagging import add_tag_fix, slug, sums_up, written
from vault_lint.timing import Times, whole_minutes, whole_number

# -- what the note says of its times ----------------------------------------------

def unstated_times(times: Times) -> bool:
    """Are the times placeholders: every one of them 0 (a recipe saved
    without its details writes ``0`` for each)?"""
    values = [*times.parts, times.total]
    return all(value == 0 for value in values)


def rest_declared(model: Model) -> bool:
    """Does the note declare a rest: a ``temps_repos`` above 0, the advance
    marker tag, or the quick-info section (``quickinfo.declares_rest``)?"""
    profile, times, tags = model.profile, model.times, model.tags
    if times.has_rest and (times.parts[2] or 0) > 0:
        return True
    if tags is not None and tags.has(f"{profile.time_namespace}/{profile.advance_tag}"):
        return True
    return declares_rest(model.quick_info, profile)


def total_counts_rest(model: Model) -> bool:
    """Does ``temps_total`` count a rest the note declares (it is more than
    the active time, ``temps_prep + temps_cuisson``)? Such a total is right,
    but which time a bucket or a check should read is the author's call."""
    times = model.times
    if times.total is None or not rest_declared(model):
        return False
    active = None if times.prep is None or times.cook is None else times.prep + times.cook
    return active is None or times.total > active


def total_questioned(model: Model) -> bool:
    """Does TM001 question ``temps_total`` without settling it: larger than
    its parts with no rest declared, or disagreeing with ``temps_repos``?"""
    times = model.times
    if times.total is None or times.expected is None or times.total <= times.expected:
        return False
    return times.has_rest or not rest_declared(model)


@rule("TM001", "total-time-mismatch", fix="sometimes")
def total_time_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """`temps_total` is not the sum of the times it is made of.

    ## What it does
    Compares `temps_total` with `temps_prep + temps_cuisson` (plus
    `temps_repos` when the note has it). A total smaller than its parts is
    always reported. A larger total is reported only when the note declares
    no rest time: no `temps_repos`, no `#temps/préparation-avance` tag (with
    or without `#`), and no remark on a time under "Informations rapides"
    naming a rest period (`15 minutes (+ marinade overnight)`,
    `0 min (congélation 30 min)`, `(+ 24h de repos)`) or adding time to it
    (`(+ 4h)`, `(dont 4h au frais)`). With `temps_repos`,
    the three parts must add up to the total exactly. Times that are not
    whole numbers are left to `FM003`.

    ## Why it matters
    Queries sort and filter recipes by total time ("under 30 minutes
    tonight"); a total that is too small puts a three-hour dish among the
    quick ones. A total that counts a marinade or a night in the fridge is
    right, but the note should say so, or the next reader takes it for a
    typo.

    ## Example
    ```yaml
    temps_prep: 20
    temps_cuisson: 210
    temps_total: 200
    ```
    gives `temps_total is 200 but temps_prep + temps_cuisson = 20 + 210 = 230`.
    A gravlax (`temps_prep: 15`, `temps_cuisson: 0`, `temps_total: 1440`)
    is fine once tagged `"#temps/préparation-avance"` or given
    `temps_repos: 1425`.

    ## Fix safety
    Offered: a total smaller than its parts is set to their sum, a safe fix
    (only the number changes; a comment after it stays). A larger total
    with no rest declared gets the `#temps/préparation-avance` tag, with or
    without its `#` as the profile's `tags_with_hash` says: an unsafe fix,
    since the extra time may be a typo rather than a rest.

    Withheld (reported, not fixed): a total that disagrees with a declared
    `temps_repos` (which of the two is wrong is the author's call; a rest
    time is never thrown away to make the sum fit); a total that a YAML
    alias shares (`temps_total: &t 25` with `affiché: *t`: the fix would
    change both), or that is itself an alias (`temps_total: *t`); a total
    written as a duration where the schema accepts one (`PT1H`, `1 h 10`:
    the sum would be written in another form); the tag,
    when `tags` is a string, an alias or shared through one; a note that is
    not valid UTF-8.
    """
    note = model.note
    profile = ctx.profile
    fm = note.frontmatter
    times = model.times
    entry = fm.entries.get(profile.keys.total) if fm is not None else None
    if entry is None or times.total is None or times.expected is None or times.total == times.expected:
        return
    summed = f"{profile.keys.total} is {times.total} but {times.sum_text()}"
    if times.total < times.expected:
        # Only a total written as minutes is rewritten: ``PT1H`` or ``1 h 10``
        # would come back in another form than the note's.
        fix = Fix.safe(f"set {profile.keys.total} to {times.expected}", edits.set_value(entry, times.expected))
        yield Diagnostic(entry.value_start, entry.value_end, summed,
                         fix if whole_number(entry.value) is not None else None)
        return
    extra = times.total - times.expected
    if times.has_rest:
        yield Diagnostic(entry.value_start, entry.value_end,
                         f"{summed}: {extra} min are not accounted for; correct {profile.keys.total} "
                         f"or {profile.keys.rest}")
        return
    if rest_declared(model):
        return
    tag = f"{profile.time_namespace}/{profile.advance_tag}"
    tags = model.tags if profile.time_namespace else None  # no tag in a namespace the vault does not use
    remedy = f"tag the note '{written(profile, tag)}' or add" if profile.time_namespace else "add"
    yield Diagnostic(
        entry.value_start, entry.value_end,
        f"{summed}: {extra} min more with no rest declared; if it is resting, marinating or chilling "
        f"time, {remedy} '{profile.keys.rest}: {extra}'",
        add_tag_fix(note, tags, written(profile, tag), unsafe=True) if tags is not None else None,
    )


@rule("TM002", "quick-info-mismatch", fix="sometimes", needs=("quick_info",))
def quick_info_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A value under "Informations rapides" disagrees with the front matter.

    ## What it does
    Reads the "Informations rapides" section in either format (one line of
    `|`-separated pairs, or a bullet list) and compares each value it knows
    with the front matter: the times as durations (`45 min`, `40 minutes`,
    `1h`, `3h30`, `1h05`, `2 h`, `1 h 30`, `90 min`), the portions, and the
    difficulty, type, cuisine and protein as words, without regard to case,
    to an accent left off a capital, or to `-` versus space (`Plat
    principal` = `plat-principal`). A remark in parentheses is not part of
    the value; a value that is not stated (`N/A`, `unknown`), a range
    (`20-25 min`) or free text is not compared. A word value that names
    several things (`Porc et chorizo`, `Dinde (ou poulet)`) agrees when one
    of them is the front matter's, as does the value written with a
    ligature undone (`Boeuf`), among more words (`Poulet entier`, `Cuisses
    de poulet`) or shortened (`Plat` for `plat-principal`, `Thaï` for
    `thaïlandaise`); a cuisine or protein also agrees with a second tag of
    its namespace. A time whose remark adds a rest (`40 minutes (+ 30 min
    marinade)`) agrees with a front matter time that counts it (70). Only
    keys with a valid value in the front matter are compared, and no time
    when the front matter's times are all 0 (placeholders).

    ## Why it matters
    The section is what a cook reads; the front matter is what queries
    read. When they disagree, one of them is wrong, and the note shows
    different recipes to each.

    ## Example
    ```markdown
    temps_cuisson: 210
    ...
    ⏱️ Préparation : 20 min | 🔥 Cuisson : 3h | 🍽️ Portions : 6
    ```
    gives `'Cuisson' says 3h (180 min) but temps_cuisson is 210`. Fixed:
    `🔥 Cuisson : 3h30`.

    ## Fix safety
    Offered, and safe, where the value is one thing the front matter states
    otherwise: a duration (rewritten in the note's own form and units,
    `3h30` stays in hours, `40 minutes` in minutes), a number of portions
    (the number only), or one recognised word of the field's vocabulary (a
    value of the schema's list for `type` and `difficulté`, also a letter
    or two longer, `Avancée` for `avancé`; a single word for the open lists
    of `cuisine` and `protéine`), written in the case it was written in. A
    remark after the value stays. The front matter is the reference.

    Withheld (reported, not fixed): a word value that is free text (`Guide
    de référence`, `Facile mais long`: the fix would lose the phrase), or
    one of several (`Porc (ou bœuf)`, whose remark names another value; a
    front matter value that stands for several tags of its namespace,
    `protéine: mixte` beside `#protéine/poulet` and `#protéine/veau`); a
    value written across a comment (`Entrée %% ancien %% principal`); a
    note that is not valid UTF-8. Not compared at all: values inside a
    comment, a code block or a callout (an old version kept on purpose),
    placeholders on either side (`N/A`, `unknown`, front matter times all
    0).
    """
    note = model.note
    profile = ctx.profile
    fields = [field for field in model.quick_info if field.role and is_stated(field.value, profile)]
    if not fields or note.frontmatter is None:
        return
    invalid = {str(violation.path[0]) for violation in model.violations if violation.path}
    placeholder_times = unstated_times(model.times)
    for field in fields:
        role = field.role or ""
        key = getattr(profile.keys, role)
        if key not in note.data or key in invalid or (role in TIME_ROLES and placeholder_times):
            continue
        diagnostic = _compare(field, role, key, model)
        if diagnostic is not None:
            yield diagnostic


def _compare(field: Field, role: str, key: str, model: Model) -> Diagnostic | None:
    profile = model.profile
    value = model.note.data[key]
    if role in TIME_ROLES:
        return _compare_time(field, key, value, profile)
    if role == "portions":
        return _compare_count(field, key, value)
    if not isinstance(value, str) or not is_stated(value, profile):
        return None  # a placeholder (``unknown``) is no reference
    diagnostic = _compare_word(field, key, value, [value, *_namespace_tags(model, role)], profile)
    if diagnostic is not None and diagnostic.fix is not None and _sums_up(model, role, value):
        return Diagnostic(diagnostic.start, diagnostic.end, diagnostic.message)
    return diagnostic


def _sums_up(model: Model, role: str, value: str) -> bool:
    """Does the field's value stand for several tags of its namespace
    (``protéine: mixte`` with two protein tags)? It is then no reference
    to write into the body."""
    profile, tags = model.profile, model.tags
    namespace = dict(profile.field_namespaces).get(role)
    if namespace is None or namespace not in profile.multi_value_namespaces or tags is None:
        return False
    return sums_up(tags, namespace, f"{namespace}/{slug(value)}")


def _mismatch(field: Field, message: str, start: int, end: int, content: str, safe: bool = True) -> Diagnostic:
    fix = Fix.safe(f"write '{content}'", Edit(start, end, content)) if safe else None
    return Diagnostic(field.start, field.end, message, fix)


def _compare_time(field: Field, key: str, value: Any, profile: Profile) -> Diagnostic | None:
    minutes = whole_minutes(value, profile)
    duration = parse_duration(field.value, profile)
    if minutes is None or duration is None or minutes == duration.minutes:
        return None
    if adds_time(field.remark, profile):
        added = find_durations(field.remark, profile)
        # "1h40 (+ une nuit au frais)": the night is not counted, so any
        # front matter time larger than the one written may be right.
        if minutes == duration.minutes + sum(d.minutes for d in added) or (not added and minutes > duration.minutes):
            return None
    in_minutes = "" if duration.hour_unit is None else f" ({duration.minutes} min)"
    return _mismatch(field, f"'{field.label}' says {field.value}{in_minutes} but {key} is {minutes}",
                     field.start, field.end, duration.rewritten(minutes, profile))


def _compare_count(field: Field, key: str, value: Any) -> Diagnostic | None:
    count = parse_count(field.value)
    if whole_number(value) is None or count is None or count.value == value:
        return None
    return _mismatch(field, f"'{field.label}' says {count.value} but {key} is {value}",
                     field.start + count.start, field.start + count.end, str(value))


def _compare_word(field: Field, key: str, value: Any, accepted: list[Any], profile: Profile) -> Diagnostic | None:
    """``accepted``: the front matter value, and the other tags of its namespace."""
    if not isinstance(value, str) or not value:
        return None
    remark = field.remark.strip("() \t")
    alternative = _alternative(remark, profile)  # "Dinde (ou poulet)": one of several
    said = [*word_choices(field.value, profile), *(word_choices(remark, profile) if alternative else ())]
    if any(names_value(part, choice) for part in said for choice in accepted):
        return None
    written = _styled(value, field.value)
    safe = not alternative and _recognised(field.value, key, profile)
    said_text = " ".join(field.value.split())  # a comment inside it is blanked out
    return _mismatch(field, f"'{field.label}' says {said_text} but {key} is {value}",
                     field.start, field.end, written, safe)


def _alternative(remark: str, profile: Profile) -> bool:
    """Does a remark name another value (``ou poulet``, ``/ dinde``)?"""
    first = remark.split(maxsplit=1)[0].casefold() if remark.split() else ""
    return bool(first) and (first[0] in LIST_MARKS or first in {word.casefold() for word in profile.list_words})


def _recognised(written: str, key: str, profile: Profile) -> bool:
    """Is a value of the body one recognised word of the field's vocabulary:
    a value of the schema's list for the key (``Plat principal``), or, for
    an open list, a single word (``Dinde``, not ``Guide de référence``)?"""
    vocabulary = _vocabulary(profile.schema, key)
    if vocabulary is not None:
        return any(same_words(written, term) or _inflected(written, term) for term in vocabulary)
    return re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", written.strip()) is not None


def _inflected(written: str, term: str) -> bool:
    """A one-word term written a letter or two longer (``Avancée`` for
    ``avancé``, as ``quickinfo.mentions`` reads a word)."""
    word = written.strip()
    return (" " not in word and " " not in term and len(word) - len(term) in (1, 2)
            and same_words(word[:len(term)], term))


@lru_cache(maxsize=64)
def _vocabulary(schema: str, key: str) -> tuple[str, ...] | None:
    """The values the schema lists for ``key`` (its ``enum``), or None for
    an open list."""
    # Lazy: jsonschema is slow to import; TM002 already needed it for the violations.
    from vault_lint.schema import load_validator

    root = load_validator(schema).schema
    prop = root.get("properties", {}).get(key, {})
    ref = prop.get("$ref") if isinstance(prop, dict) else None
    if isinstance(ref, str) and ref.startswith("#/"):
        prop = root
        for part in ref[2:].split("/"):
            prop = prop.get(part, {}) if isinstance(prop, dict) else {}
    enum = prop.get("enum") if isinstance(prop, dict) else None
    return tuple(str(term) for term in enum) if isinstance(enum, list) else None


def _namespace_tags(model: Model, role: str) -> list[str]:
    """The leaves of the tags in the role's namespace, when that namespace
    may hold a second value (``#cuisine/chinoise`` beside ``cuisine: asiatique``)."""
    profile, tags = model.profile, model.tags
    namespace = dict(profile.field_namespaces).get(role)
    if namespace not in profile.multi_value_namespaces or tags is None:
        return []
    return [tag.name.partition("/")[2] for tag in tags.namespace(namespace)]


def _styled(value: str, like: str) -> str:
    """A front matter word (``fruits-de-mer``) written as the note writes
    its values: spaces unless it used hyphens, and its capitals
    (``Fruits de mer``, ``FRUITS DE MER``)."""
    if " " in like or "-" not in like:
        value = value.replace("-", " ")
    letters = [ch for ch in like if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return value.upper()
    if letters and letters[0].isupper():
        return value[:1].upper() + value[1:]
    return value
