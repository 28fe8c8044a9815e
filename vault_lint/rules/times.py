"""Time rules: does the total add up, does the body say what the front matter says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vault_lint import edits
from vault_lint.context import Context
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.model import Model
from vault_lint.profile import Profile
from vault_lint.quickinfo import (
    TIME_ROLES,
    Field,
    adds_time,
    find_durations,
    is_stated,
    mentions,
    names_value,
    parse_count,
    parse_duration,
    word_choices,
)
from vault_lint.rules import rule
from vault_lint.tagging import add_tag_fix, written
from vault_lint.timing import whole_number


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
    A total smaller than its parts is set to their sum: a safe fix. A larger
    total with no rest declared gets the `#temps/préparation-avance` tag,
    with or without its `#` as the profile's `tags_with_hash` says: an unsafe fix, since the extra time
    may be a typo rather than a rest. A total that disagrees with a declared
    `temps_repos` has no fix: which of the two is wrong is the author's call.
    A rest time is never thrown away to make the sum fit.
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
        fix = Fix.safe(f"set {profile.keys.total} to {times.expected}", edits.set_value(entry, times.expected))
        yield Diagnostic(entry.value_start, entry.value_end, summed, fix)
        return
    extra = times.total - times.expected
    if times.has_rest:
        yield Diagnostic(entry.value_start, entry.value_end,
                         f"{summed}: {extra} min are not accounted for; correct {profile.keys.total} "
                         f"or {profile.keys.rest}")
        return
    tag = f"{profile.time_namespace}/{profile.advance_tag}"
    tags = model.tags
    if (tags is not None and tags.has(tag)) or _rest_in_quick_info(model):
        return
    yield Diagnostic(
        entry.value_start, entry.value_end,
        f"{summed}: {extra} min more with no rest declared; if it is resting, marinating or chilling "
        f"time, tag the note '#{tag}' or add '{profile.keys.rest}: {extra}'",
        add_tag_fix(note, tags, written(profile, tag), unsafe=True) if tags is not None else None,
    )


def _rest_in_quick_info(model: Model) -> bool:
    """Does the quick-info section declare a rest: a stated rest time, a
    remark on a time that names one (``40 minutes (+ 30 min marinade)``), or
    a line it does not know that names one (``Marinade : une nuit``)?"""
    profile = model.profile
    for field in model.quick_info:
        if field.role == "rest" and is_stated(field.value, profile) and _not_zero(field.value, profile):
            return True
        if field.role is None and mentions(field.text, profile.rest_words):
            return True
        if field.role in TIME_ROLES and adds_time(field.remark, profile):
            return True
    return False


def _not_zero(value: str, profile: Profile) -> bool:
    duration = parse_duration(value, profile)
    return duration is None or duration.minutes > 0


@rule("TM002", "quick-info-mismatch", fix="safe", needs=("quick_info",))
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
    the value; a value that is not stated (`N/A`), a range (`20-25 min`) or
    free text is not compared. A word value that names several things
    (`Porc et chorizo`) agrees when one of them is the front matter's, as
    does the value written with a ligature undone (`Boeuf`), among more
    words (`Poulet entier`, `Cuisses de poulet`) or shortened (`Plat` for
    `plat-principal`, `Thaï` for `thaïlandaise`); a
    cuisine or protein also agrees with a second tag of its namespace. A
    time whose remark adds a rest (`40 minutes (+ 30 min marinade)`) agrees
    with a front matter time that counts it (70). Only keys with a valid
    value in the front matter are compared.

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
    Safe: the front matter is the reference, and only the disagreeing value
    is rewritten, in the note's own form and units (`3h30` stays in hours,
    `40 minutes` in minutes), keeping its remark and the case it was written
    in.
    """
    note = model.note
    profile = ctx.profile
    fields = [field for field in model.quick_info if field.role and is_stated(field.value, profile)]
    if not fields or note.frontmatter is None:
        return
    invalid = {str(violation.path[0]) for violation in model.violations if violation.path}
    for field in fields:
        role = field.role or ""
        key = getattr(profile.keys, role)
        if key not in note.data or key in invalid:
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
    return _compare_word(field, key, value, [value, *_namespace_tags(model, role)], profile)


def _mismatch(field: Field, message: str, start: int, end: int, content: str) -> Diagnostic:
    return Diagnostic(field.start, field.end, message,
                      Fix.safe(f"write '{content}'", Edit(start, end, content)))


def _compare_time(field: Field, key: str, value: Any, profile: Profile) -> Diagnostic | None:
    minutes = whole_number(value)
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
    if any(names_value(part, choice) for part in word_choices(field.value, profile) for choice in accepted):
        return None
    written = _styled(value, field.value)
    return _mismatch(field, f"'{field.label}' says {field.value} but {key} is {value}",
                     field.start, field.end, written)


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
