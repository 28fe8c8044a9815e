"""Tag rules: tags that mirror the fields, the time bucket, tag syntax.

Every rule compares tags as Obsidian does (case folded, with or without the
leading '#', see ``vault_lint.tagging``), so a tag written ``temps/rapide``
is reported once, by TG004, and counts as present for the others. A note
without a ``tags`` key is left to the schema (FM003).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vault_lint.context import Context
from vault_lint.edits import remove_item, replace_item, swap_item
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.model import Model
from vault_lint.note import Entry, Note
from vault_lint.profile import Bucket
from vault_lint.rules import rule
from vault_lint.rules.times import total_counts_rest, total_questioned, unstated_times
from vault_lint.tagging import (
    Tag,
    TagList,
    add_tag_fix,
    invalid_reason,
    sums_up,
    tag_key,
    written,
)


def _rewrite(tags: TagList, tag: Tag, text: str) -> Edit | None:
    """Replace a list item by ``text`` (none for a tag inside a string)."""
    return None if tag.item is None else replace_item(tags.entry, tag.item, text)


def _settle(note: Note, tags: TagList, tag: Tag, text: str, replace: bool) -> Edit | None:
    """The edit that makes ``tag`` agree: replace it by ``text``, or remove
    it when ``text`` is (or is about to be) in the list already. None for a
    tag inside a string, and for one that carries a YAML comment: the
    remark was written for that tag, and would be lost or describe another."""
    if tag.item is None:
        return None
    if replace:
        return swap_item(note, tags.entry, tag.item, text)
    return remove_item(note, tags.entry, tag.item)


def _disagreements(found: Sequence[Tag], expected: str, allow_more: bool) -> Iterator[tuple[Tag, bool]]:
    """The tags of one namespace that disagree with ``expected``, each with
    whether it should be replaced by ``expected`` (the first, while the
    expected tag is absent) or removed (the others, for one value per
    namespace). With ``allow_more``, a tag beside the expected one is no
    disagreement."""
    present = any(tag.key == tag_key(expected) for tag in found)
    for index, tag in enumerate(tag for tag in found if tag.key != tag_key(expected)):
        replace = not present and index == 0
        if replace or not allow_more:
            yield tag, replace


# -- TG001, TG002: tags that mirror a field --------------------------------------

@rule("TG001", "missing-field-tag", fix="safe")
def missing_field_tag(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A field has no matching tag.

    ## What it does
    For each field mirrored by a tag namespace (`cuisine`, `type`,
    `protéine`, `difficulté` by default: the profile's `field_namespaces`),
    reports a field whose tag is missing, at the field's value, when the
    note has no tag at all in that namespace. The tag is the value lower
    cased with spaces as hyphens, accents kept: `cuisine: Fruits de mer`
    calls for `#cuisine/fruits-de-mer`. Tags compare as Obsidian compares
    them: regardless of case and of a missing `#`.

    A namespace that holds another tag instead is reported by `TG002`, once.
    Values that say "not stated" (`aucune`, `n/a`...) and values that would
    not make a valid tag are left alone.

    ## Why it matters
    The tag pane and tag searches find recipes by these tags; a recipe whose
    tag is missing drops out of "every Chinese recipe" while its field
    still says Chinese.

    ## Example
    ```yaml
    cuisine: chinoise
    tags:
      - "#type/plat-principal"
    ```
    Use instead:
    ```yaml
    cuisine: chinoise
    tags:
      - "#type/plat-principal"
      - "#cuisine/chinoise"
    ```

    ## Fix safety
    Offered, and safe: the tag is added at the end of the list, written
    like its other items: on a line of its own, or beside the last item
    when the items share lines (a flow list wrapped over lines gets the new
    item on its last line, nothing copied). A comment after the last item,
    or on the `tags:` line (`tags: # à compléter`), stays where it was and
    never ends up on the new tag: a new tag never comes between an item
    and its comment. In a flow list whose last item carries a comment
    (`"#temps/moyen" # vérifié au four`), the new tag goes on the next
    line, after the comment (the last item only gains its comma); a
    comment after the closing bracket keeps its line, and the new tag goes
    beside the last item, inside the bracket.

    No finding for a field that is a placeholder (`aucune`, `n/a`,
    `unknown`, empty): a tag is never built on one. Withheld (reported,
    not fixed): `tags` written as a single string, or as a YAML alias
    (`tags: *t`, whose tags count as written where the anchor is), or a
    list another key shares through an alias; a note that is not valid
    UTF-8.
    """
    note = model.note
    tags = model.tags
    if tags is None:
        return
    for field in model.field_tags:
        if not tags.any_in(field.namespace):
            yield Diagnostic(field.entry.value_start, field.entry.value_end,
                             f"{field.describe()} but tags have no '{field.expected}'",
                             add_tag_fix(note, tags, field.expected))


@rule("TG002", "conflicting-field-tag", fix="unsafe")
def conflicting_field_tag(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A tag of a field-backed namespace disagrees with the field.

    ## What it does
    Reports, at the tag, a tag such as `#cuisine/italienne` in a note whose
    field says `cuisine: américaine`. In the namespaces where a recipe may
    name a second value (`cuisine` and `protéine` by default: the profile's
    `multi_value_namespaces`), another tag is allowed beside the field's own
    tag; without the field's own tag, the first other tag is reported. In
    the other namespaces (`type`, `difficulté`) every tag but the field's is
    reported.

    ## Why it matters
    The field and the tag answer the same question; when they disagree, a
    search by tag and a query on the field find different recipes, and at
    least one of them is wrong.

    ## Example
    ```yaml
    cuisine: américaine
    tags:
      - "#cuisine/italienne"
    ```
    Use instead (if the field is right):
    ```yaml
    cuisine: américaine
    tags:
      - "#cuisine/américaine"
    ```

    ## Fix safety
    Offered as unsafe: the fix trusts the field. It replaces the tag with
    the field's own, or removes it when the field's tag is already there.
    Which of the two was right is the author's call.

    Withheld (reported, not fixed): a field that stands for several tags,
    in a namespace that allows a second value, holding two or more other
    tags and not the field's own (`protéine: mixte` with `#protéine/poulet`
    and `#protéine/veau`: the field sums them up, replacing one would keep
    the other and lose the first); a tag that carries a YAML comment, on
    its line or on a line of its own directly above it (removing it would
    lose the remark, replacing it would leave the remark describing the new
    tag); `tags` written as a string, an alias, or shared through one; a
    note that is not valid UTF-8.
    """
    note = model.note
    tags = model.tags
    if tags is None:
        return
    for field in model.field_tags:
        several = field.multi and sums_up(tags, field.namespace, field.expected)  # ``mixte``
        for tag, replace in _disagreements(field.found, field.expected, field.multi):
            if replace and several:
                others = ", ".join(f"'{other.text}'" for other in field.found)
                yield Diagnostic(tag.start, tag.end,
                                 f"the {field.namespace} tags {others} disagree with the field: "
                                 f"{field.describe()}, expected '{field.expected}' among them")
                continue
            if replace:
                message = (f"tag '{tag.text}' disagrees with the field: {field.describe()}, "
                           f"expected '{field.expected}'")
                action = f"replace '{tag.text}' with '{field.expected}'"
            else:
                message = (f"tag '{tag.text}' is a second {field.namespace} tag beside "
                           f"'{field.expected}' ({field.describe()})")
                action = f"remove '{tag.text}'"
            edit = _settle(note, tags, tag, field.expected, replace)
            yield Diagnostic(tag.start, tag.end, message, Fix.unsafe(action, edit) if edit is not None else None)


# -- TG003: the time bucket --------------------------------------------------------

@dataclass(frozen=True)
class TimeBucket:
    """The bucket a recipe's time falls in, and how that time was found."""

    reason: str  # "temps_total is 25"
    entry: Entry  # where a missing bucket tag is reported
    bucket: Bucket
    bound: str  # "<= 30 min"
    doubt: str = ""  # why the time may not be the one to bucket on (then no fix)


def _time_bucket(model: Model, tags: TagList) -> TimeBucket | None:
    """The expected bucket: on the total time, or on the active time
    (prep + cook) for a note tagged with the advance marker. None when the
    times are placeholders (all 0)."""
    note, profile = model.note, model.profile
    keys, times = profile.keys, model.times
    entries = note.frontmatter.entries if note.frontmatter else {}
    marker = f"{profile.time_namespace}/{profile.advance_tag}"
    if unstated_times(times):
        return None
    doubt = ""
    if tags.has(marker):
        prep, cook = times.prep, times.cook
        entry = entries.get(keys.total) or entries.get(keys.prep)
        if prep is None or cook is None or entry is None:
            return None
        minutes = prep + cook
        reason = (f"{keys.prep} + {keys.cook} = {prep} + {cook} = {minutes} "
                  f"(the note is tagged '{written(profile, marker)}')")
    else:
        # A total given only through a YAML merge key (``<<: *defaults``)
        # has no place in the text to report at.
        entry = entries.get(keys.total)
        if times.total is None or entry is None:
            return None
        minutes, reason = times.total, f"{keys.total} is {times.total}"
        if times.expected is not None and times.expected > times.total:
            # A total smaller than its parts is wrong (TM001 sets it to their
            # sum): bucket on the sum, so that the two fixes agree.
            minutes = times.expected
            reason = f"its parts add up to {minutes} ({reason})"
        elif total_counts_rest(model):
            active = "" if times.prep is None or times.cook is None else f" ({times.prep + times.cook} min)"
            doubt = (f"; the total counts a rest the note declares: tag the note "
                     f"'{written(profile, marker)}' to bucket it on its active time{active}")
        elif total_questioned(model):
            doubt = f"; TM001 questions the total ({times.sum_text()}): settle it first"
    found = _bucketed(profile.time_buckets, minutes, reason, entry)
    return TimeBucket(found.reason, found.entry, found.bucket, found.bound, doubt) if found else None


def _bucketed(buckets: tuple[Bucket, ...], minutes: int, reason: str, entry: Entry) -> TimeBucket | None:
    below = None
    for bucket in buckets:
        if bucket.max_minutes is None or minutes <= bucket.max_minutes:
            bound = f"<= {bucket.max_minutes} min" if bucket.max_minutes is not None else f"> {below} min"
            return TimeBucket(reason, entry, bucket, bound)
        below = bucket.max_minutes
    return None


@rule("TG003", "time-tag-mismatch", fix="safe")
def time_tag_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The time bucket tag is missing or does not match the recipe's time.

    ## What it does
    Puts the recipe's time in a bucket of the profile's `time_buckets`
    (`express` <= 15 min, `rapide` <= 30, `moyen` <= 60, `long` above, by
    default) and checks the `#temps/` tags. The time is `temps_total`; a note
    tagged with the advance marker (`#temps/préparation-avance`, not a
    bucket) is bucketed on its active time, `temps_prep + temps_cuisson`.
    A `temps_total` smaller than its parts is wrong (`TM001` sets it to
    their sum), so such a note is bucketed on the sum: the two fixes agree.
    Reports a wrong bucket tag at the tag, and a missing one at
    `temps_total`. Other tags of the namespace are not buckets and are left
    alone. Nothing is reported unless the times needed are whole minutes.

    ## Why it matters
    "What can I cook in half an hour" is a search for `#temps/rapide`; a
    recipe in the wrong bucket is missed or wastes an evening.

    ## Example
    ```yaml
    temps_total: 70
    tags:
      - "#temps/moyen"
    ```
    Use instead:
    ```yaml
    temps_total: 70
    tags:
      - "#temps/long"
    ```

    ## Fix safety
    Offered, and safe, when the time is certain: the bucket follows from it
    by the vault's own table; the fix adds the missing tag, or replaces the
    wrong one (and removes a second bucket tag). A total smaller than its
    parts counts as their sum, as `TM001` sets it: the two fixes agree.

    No finding when the times are placeholders (all 0, as in a recipe saved
    without its details). Withheld (reported, not fixed): a total that
    counts a rest the note declares (`temps_repos`, or `Temps total : 4h30
    (inclut repos au frigo)` under "Informations rapides") without the
    advance marker, since the bucket may be meant for the total or for the
    active time; a total `TM001` questions (larger than its parts with no
    rest declared: its unsafe fix may add the advance marker, and the
    bucket then follows the active time, so `--fix` and `--unsafe-fixes`
    never pull the tag two ways); a bucket tag that carries a YAML
    comment, on its line (`"#temps/rapide" # chez nous`) or on a line of its
    own directly above it (`# rapide chez nous`): the remark was written
    for that bucket, and replacing the tag would leave it describing
    another, removing it would lose it; `tags` written as a string, an
    alias, or shared through one; a note that is not valid UTF-8. The
    finding stays, for the author to settle tag and remark together.
    """
    note = model.note
    profile = ctx.profile
    tags = model.tags
    if tags is None or not profile.time_namespace:  # a vault that does not tag times
        return
    timing = _time_bucket(model, tags)
    if timing is None:
        return
    expected = written(profile, f"{profile.time_namespace}/{timing.bucket.name}")
    buckets = {tag_key(f"{profile.time_namespace}/{bucket.name}") for bucket in profile.time_buckets}
    found = [tag for tag in tags.namespace(profile.time_namespace) if tag.key in buckets]
    certain = not timing.doubt
    if not buckets & tags.keys:
        yield Diagnostic(timing.entry.value_start, timing.entry.value_end,
                         f"{timing.reason} ({timing.bound}) but tags have no '{expected}'{timing.doubt}",
                         add_tag_fix(note, tags, expected) if certain else None)
    for tag, replace in _disagreements(found, expected, allow_more=False):
        edit = _settle(note, tags, tag, expected, replace) if certain else None
        action = f"replace '{tag.text}' with '{expected}'" if replace else f"remove '{tag.text}'"
        yield Diagnostic(tag.start, tag.end,
                         f"tag '{tag.text}' does not match the time: {timing.reason}, "
                         f"expected '{expected}' ({timing.bound}){timing.doubt}",
                         Fix.safe(action, edit) if edit is not None else None)


# -- TG004, TG005: how tags are written ---------------------------------------------

def _firsts(tags: TagList) -> Iterator[tuple[Tag, Tag]]:
    """Each tag with the first tag of the list that equals it (itself when
    it is the first)."""
    first: dict[str, Tag] = {}
    for tag in tags.tags:
        yield tag, first.setdefault(tag.key, tag)


def recognised(tags: TagList) -> Iterator[tuple[Tag, Diagnostic | None]]:
    """Each tag once (the first of those that compare equal), with the
    finding when Obsidian does not recognise it as a tag: a space, a
    character other than a letter, digit, emoji, ``_``, ``-`` or ``/``,
    digits only, or nothing at all (TG004 on recipes, OB003 on other notes)."""
    for tag, first in _firsts(tags):
        if tag is first:
            reason = invalid_reason(tag.name) if tag.name else "it is empty"
            yield tag, (Diagnostic(tag.start, tag.end, f"'{tag.text}' is not a tag Obsidian recognises: {reason}")
                        if reason else None)


@rule("TG004", "invalid-tag", fix="sometimes")
def invalid_tag(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A tag Obsidian does not recognise, or one written without the vault's `#`.

    ## What it does
    Reports, at the tag, a tag that Obsidian does not accept: one with a
    space, or a character other than a letter (of any script), a digit, an
    emoji, `_`, `-` and `/`; one made of digits only; an empty one. Also
    reports a tag written without the leading `#` the vault's tags use (the
    profile's `tags_with_hash`), or with one when the vault writes none.
    The vault's convention decides, not the note's: a note whose tags are
    mostly written without `#` gets one finding per such tag. A repeated tag
    is left to `TG005`, which removes it. On a note that is not a recipe,
    the tags Obsidian does not recognise are `OB003`'s, and the `#` is the
    author's choice.

    ## Why it matters
    Obsidian silently drops an invalid tag from the tag pane and searches.
    Tags written two ways make the front matter inconsistent and defeat a
    plain text search for `"#temps/rapide"`.

    ## Example
    ```yaml
    tags:
      - "#fruits de mer"
      - temps/rapide
    ```
    Use instead:
    ```yaml
    tags:
      - "#fruits-de-mer"
      - "#temps/rapide"
    ```

    ## Fix safety
    Offered, and safe, for the `#` only (Obsidian reads the tag the same
    with or without it): it is added inside quotes (a plain `#` would start
    a YAML comment and erase the tag): `temps/rapide` becomes
    `"#temps/rapide"`, `'temps/rapide'` becomes `'#temps/rapide'`. A
    comment after the tag stays.

    Withheld: an invalid tag is reported, not fixed (the intended tag is a
    guess); a tag inside a string value, an alias or a list shared through
    one; any tag of a note that is not valid UTF-8 (the tag would be written
    back with U+FFFD in place of the byte the note holds). A YAML `null` or
    boolean item (`~`, `true`) is no tag at all: the schema reports it
    (`FM003`), and no `#null` is ever written.
    """
    profile = ctx.profile
    tags = model.tags
    if tags is None:
        return
    for tag, unrecognised in recognised(tags):
        if unrecognised is not None:
            yield unrecognised
        elif tag.hashed != profile.tags_with_hash:
            expected = written(profile, tag.name)
            how = ("without the '#' the vault's tags use" if profile.tags_with_hash
                   else "with a '#' the vault's tags do not use")
            edit = _rewrite(tags, tag, expected)
            fix = Fix.safe(f"write '{expected}'", edit) if edit is not None else None
            yield Diagnostic(tag.start, tag.end, f"tag '{tag.text}' is written {how}: expected '{expected}'", fix)


@rule("TG005", "duplicate-tag", fix="safe")
def duplicate_tag(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The same tag is given twice.

    ## What it does
    Reports a tag that repeats an earlier one, at the repetition, naming the
    line of the first. Tags compare as in Obsidian: `#Temps/Rapide`,
    `#temps/rapide` and `temps/rapide` are one tag.

    ## Why it matters
    The repetition adds nothing, and it is often the trace of an edit that
    meant to change a tag and added one instead.

    ## Example
    ```yaml
    tags:
      - "#cuisson/four"
      - "#type/dessert"
      - "#cuisson/four"
    ```
    Use instead:
    ```yaml
    tags:
      - "#cuisson/four"
      - "#type/dessert"
    ```

    ## Fix safety
    Offered, and safe: the later repetition is removed, with its line in a
    block list or its comma in a flow list; the tag stays, and so does every
    comment of the list (in a flow list, the comma taken is one with no
    comment beside it).

    Withheld (reported, not fixed): a repetition that carries a YAML
    comment, on its line or on the line above it (`# ajouté par Marie,
    garder`: removing the line would lose the remark, and it may say why the
    tag is there); a tag inside a string value, or in a list shared through
    an alias; a note that is not valid UTF-8. The other fixes never part a
    repetition from its comment (a tag they add goes after the comment), so
    `--fix` keeps it as `--fix --select TG005` does.
    """
    note = model.note
    tags = model.tags
    if tags is None:
        return
    for tag, first in _firsts(tags):
        if tag is first:
            continue
        line = note.position(first.start)[0]
        edit = remove_item(note, tags.entry, tag.item) if tag.item is not None and tags.is_list else None
        fix = Fix.safe(f"remove '{tag.text}'", edit) if edit is not None else None
        yield Diagnostic(tag.start, tag.end, f"tag '{tag.text}' is given twice (first on line {line})", fix)
