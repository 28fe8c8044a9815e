"""Sections rules: the title and the required sections of a recipe's body.

A recipe has one H1 title, then the profile's required sections in order
(quick info, ingredients, steps, Source by default), each under any of its
names at any of ``profile.section_levels``. Headings are compared by
``Heading.key``, so an emoji or a trailing colon does not matter.

A section here owns the lines up to the next heading of the same or a higher
level, or up to the next required section's heading, whatever its level:
``### Steps`` right under ``## Ingrédients`` ends the ingredients.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vault_lint.context import Context
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.links import LinkLine, parse_link_line
from vault_lint.model import Found, Model
from vault_lint.note import (
    Heading,
    Line,
    ListItem,
    Note,
    fold,
    heading_key,
    indent_width,
)
from vault_lint.profile import Profile, SectionSpec
from vault_lint.quickinfo import WORD
from vault_lint.rules import rule

URL_MARKS = ("://", "www.", "[[")


def marker_start(note: Note, heading: Heading) -> int:
    """Offset of a heading's first '#'."""
    text = note.line_at(heading.line)
    return heading.start + len(text) - len(text.lstrip(" "))


def titles(note: Note) -> list[Heading]:
    return [heading for heading in note.headings if heading.level == 1]


def anchor(note: Note) -> int:
    """Where a note-wide finding points: the H1, else the first non-blank
    line of the body, else the body's start."""
    h1 = titles(note)
    if h1:
        return marker_start(note, h1[0])
    return next((line.start for line in note.body_lines if line.text.strip()), note.body_start)


@rule("SC001", "title")
def title(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A recipe has no H1 title, or more than one.

    ## What it does
    Reports a recipe without a `# Title` line (at the first line of the
    body), and every H1 after the first (at that H1). Headings inside fenced
    code blocks do not count.

    ## Why it matters
    The H1 is the recipe's name as the note shows it; a second H1 is usually
    a section written with one `#` too few, and it breaks the outline.

    ## Example
    ```markdown
    # Gravlax

    # Ingrédients
    ```
    Use instead: `## Ingrédients`.

    ## Fix safety
    No fix: whether a second H1 is a section or a second recipe is not known.
    """
    note = model.note
    h1 = titles(note)
    if not h1:
        yield Diagnostic(anchor(note), anchor(note), "recipe has no H1 title: add '# <recipe name>' above its sections")
        return
    first = h1[0]
    sections = model.misplaced.values()  # SC002's
    for extra in h1[1:]:
        if extra in sections:
            continue
        start = marker_start(note, extra)
        yield Diagnostic(start, extra.end, f"extra H1 '{extra.title}': the note's title is '{first.title}' "
                                           f"(line {first.line}); a section needs '##'")


@rule("SC002", "missing-section", fix="sometimes")
def missing_section(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A required section of a recipe is missing.

    ## What it does
    Reports each required section (quick info, ingredients, steps, Source by
    default) that no heading of the note names, under any of its names, at
    any of the section levels (H2 or H3). Reported at the H1 (or the first
    line of the body), except a section whose heading is at another level
    (`# Ingrédients`, `#### Source`), reported at that heading, and a Source
    whose `Link:` line is there without its heading, reported at the
    `Link:` line.

    ## Why it matters
    Every recipe reads the same way, and the rules that check a section can
    only check one they find.

    ## Example
    ```markdown
    1. Servir.

    Link: https://www.instagram.com/reel/DQDuWQZAaoP/
    ```
    Use instead:
    ```markdown
    1. Servir.

    ## Source

    Link: https://www.instagram.com/reel/DQDuWQZAaoP/
    ```

    ## Fix safety
    Offered, and safe, only for a Source whose `Link:` line is there: the
    fix inserts the heading above that line, at the level of the note's
    other sections and with the blank lines the note puts around its
    headings. A Source heading written in setext form (`Source` over `---`)
    is a heading: none is added.

    Withheld (reported, not fixed): a `Link:` line that a heading would cut
    from a list: an item after the first of its list, a continuation line
    of an item, or a line right under an item with no blank line between
    (Markdown reads it as part of the item); a `Link:` line that
    continues any block above it, which the heading would cut: a footnote
    (`[^1]: Sa version.` over an indented `Link:` line, which would
    become code), a paragraph or a quote it follows with no blank line
    between (the note must read the same, but for the new heading); a
    `Link:` line that opens with a comment, or with the end of one
    (`… %% Link: …`): the heading would land inside it; a note that is
    not valid UTF-8. A `Link:` line inside a comment, a code block (an indented
    example too), an HTML block or a callout is not read at all, and a
    `Link:` inside a list item of another required section (a tool among
    the ingredients) is no source. No fix for other missing sections: their
    content cannot be guessed.
    """
    note = model.note
    profile = ctx.profile
    found = model.sections
    misplaced_by_role = model.misplaced
    for spec in profile.sections:
        if spec.role in found:
            continue
        names = " or ".join(f"'{name}'" for name in spec.names)
        misplaced = misplaced_by_role.get(spec.role)
        if misplaced is not None:
            levels = " or ".join(f"H{level}" for level in profile.section_levels)
            message = f"section '{misplaced.title}' is an H{misplaced.level}; a required section is {levels}"
            yield Diagnostic(marker_start(note, misplaced), misplaced.end, message)
        elif spec.role == "source" and (links := model.source_links):
            link = links[0]
            message = f"the {profile.link_label} line has no {names} heading above it"
            edit = _source_heading(note, profile, found, link, spec.names[0])
            fix = None if not _only_adds_a_heading(note, edit) else Fix.safe(
                f"insert '{spec.names[0]}' heading", edit)
            yield Diagnostic(link.line.start, link.line.end, message, fix)
        else:
            yield Diagnostic(anchor(note), anchor(note), f"required section {names} is missing")


def _only_adds_a_heading(note: Note, edit: Edit) -> bool:
    """Does the body, with ``edit`` made, read as it did but for one more
    heading at its root: the same blocks with the same text, the ``Link:``
    line in the block it was in? Not when the line continues a footnote
    (``[^1]: Sa version.`` / ``    Link: …``, which the heading would turn
    into indented code), a paragraph, a quote or a list item above it: the
    heading would cut the line from that block. Read as ``parse_body``
    reads it: comments masked, ``$$`` math and footnotes on."""
    from vault_lint.markdown import masked_events

    text = note.text[:edit.start] + edit.content + note.text[edit.end:]
    before, after = masked_events(note.text, note.body_start), masked_events(text, note.body_start)
    at = next((index for index, (old, new) in enumerate(zip(before, after)) if old != new), len(before))
    if at == len(after) or _depth(before[:at]) != 0 or not _starts(after[at], "Heading"):
        return False
    end = at + 1 + next(index for index, event in enumerate(after[at + 1:]) if _ends(event, "Heading"))
    return after[end + 1:] == before[at:]


def _starts(event: Any, tag: str) -> bool:
    opened = event.get("Start") if type(event) is dict else None
    return opened == tag or (type(opened) is dict and tag in opened)


def _ends(event: Any, tag: str) -> bool:
    closed = event.get("End") if type(event) is dict else None
    return closed == tag or (type(closed) is dict and tag in closed)


def _depth(events: list[Any]) -> int:
    """How many blocks and spans are open after ``events``."""
    return sum(1 if "Start" in event else -1 if "End" in event else 0 for event in events if type(event) is dict)


def _spaced(note: Note) -> bool:
    """Does the note put a blank line after most of its headings?"""
    lasts = [note.position(h.end)[0] for h in note.headings]  # a setext heading ends with its underline
    after = [note.lines[last].text.strip() == "" for last in lasts if last < len(note.lines)]
    return sum(after) * 2 >= len(after)


def _source_heading(note: Note, profile: Profile, found: dict[str, Found], link: LinkLine, name: str) -> Edit:
    """The Source heading to insert above ``link``, written like the
    note's other section headings."""
    levels = Counter(f.heading.level for f in found.values()).most_common(1)
    level = levels[0][0] if levels else profile.preferred_section_level
    newline, spaced = note.newline, _spaced(note)
    number = link.line.number
    above_blank = number == 1 or note.lines[number - 2].text.strip() == ""
    before = newline if spaced and not above_blank else ""
    after = newline if spaced else ""
    text = f"{before}{'#' * level} {name}{newline}{after}"
    return Edit(link.line.start, link.line.start, text)


@rule("SC003", "section-order")
def section_order(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The title and the required sections are not in the expected order.

    ## What it does
    Expects the H1 title, then the required sections in the profile's order
    (quick info, ingredients, steps, Source by default), whatever other
    sections lie between them. Reports the first heading that comes after
    one it should precede.

    ## Why it matters
    A reader (and a cook) finds every recipe laid out the same way: what to
    buy before what to do.

    ## Example
    ```markdown
    ## Étapes
    ...
    ## Ingrédients
    ```
    Put `## Ingrédients` before `## Étapes`.

    ## Fix safety
    No fix: moving sections moves whatever text sits between them.
    """
    note = model.note
    profile = ctx.profile
    placed = [(f.heading, f.rank) for f in model.sections.values()]
    h1 = titles(note)
    if h1:
        placed.append((h1[0], 0))
    placed.sort(key=lambda pair: pair[0].start)
    latest: tuple[Heading, int] | None = None
    for heading, rank in placed:
        if latest is not None and rank < latest[1]:
            expected = ", ".join(["title"] + [spec.names[0] for spec in profile.sections])
            yield Diagnostic(marker_start(note, heading), heading.end,
                             f"'{heading.title}' comes after '{latest[0].title}'; expected order: {expected}")
            return
        if latest is None or rank > latest[1]:
            latest = (heading, rank)


def imported_without_details(note: Note, profile: Profile) -> bool:
    """Does a line of the body say the recipe was saved without its details:
    one of the profile's phrases, or "détail" with a negation ("aucun détail
    fourni", "détails non disponibles")?"""
    phrases, details, negations, mark, lettered = _no_details(profile.no_details_phrases, profile.no_details_words,
                                                              profile.negation_words)
    # When every phrase and detail word has a letter (the usual case), a line without one
    # says none of them; a body that holds none of them, folded, says nothing: one search.
    lines = [line.content for line in note.body_lines if not line.hidden and not (lettered and not
                                                                                  _LETTER.search(line.content))]
    if not mark.search(fold("\n".join(lines))):
        return False
    for content in lines:
        text = fold(content)
        words = WORD.findall(text)
        if any(phrase in text for phrase in phrases) or (
            any(word.startswith(details) for word in words) and not negations.isdisjoint(words)
        ):
            return True
    return False


_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=8)
def _no_details(phrases: tuple[str, ...], words: tuple[str, ...], negations: tuple[str, ...]
                ) -> tuple[list[str], tuple[str, ...], set[str], re.Pattern[str], bool]:
    """The profile's phrases and words folded; one pattern finding any of them
    (a text without a match says none of them); whether each has a letter."""
    folded_phrases = [fold(phrase) for phrase in phrases]
    details = tuple(fold(word) for word in words)
    every = sorted({*folded_phrases, *details}, key=len, reverse=True)
    mark = re.compile("|".join(map(re.escape, every))) if every else re.compile(r"(?!)")
    lettered = all(_LETTER.search(text) for text in every)
    return folded_phrases, details, {fold(word) for word in negations}, mark, lettered


def _has_text(found: Found) -> bool:
    return any(line.text.strip() for line in found.lines)


def _emptiness(note: Note, found: Found, has_url: bool, label: str) -> str | None:
    """Why a required section counts as empty, or None. A Source naming a
    book or a person without a link is fine when the note has no ``url``
    and no empty ``Link:`` line. Lines in code, comments and callouts hold
    no items and no link."""
    items = [item for line in found.lines if (item := note.item_at(line)) is not None]
    role = found.spec.role
    if role == "ingredients" and not items:
        return "has no list items" if _has_text(found) else "is empty"
    if role == "steps" and not any(item.number is not None for item in items):
        return "has no numbered steps ('1.', '2.', ...)" if _has_text(found) else "is empty"
    if role == "source" and not any(mark in line.content for line in found.lines if not line.hidden
                                    for mark in URL_MARKS):
        if not _has_text(found):
            return "is empty"
        labelled = any(parse_link_line(line, label) for line in found.lines)
        return "has no link" if has_url or labelled else None
    return None


@rule("SC004", "empty-section")
def empty_section(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A required section has no content of its kind.

    ## What it does
    Reports, at its heading: an ingredients section without a list item
    (`- `, `* `, `1.`; items under its sub-headings or bold sub-group lines
    count), a steps section without a numbered step (`1.` or `1)`, also
    under sub-headings: a section of paragraphs is reported too), a Source
    section without a link (an address or a `[[wikilink]]`; a Source that
    names a book or a person is fine in a note without `url`). A recipe that
    says on one of its lines that it was saved without its details
    (`profile.no_details_phrases`: "sans détails", "voir la vidéo"...) is
    left alone.

    ## Why it matters
    An empty section is usually an import that lost its content, or a
    recipe never finished: the note looks complete in a list of recipes and
    is useless in the kitchen.

    ## Example
    ```markdown
    ## Ingrédients

    ## Étapes
    ```

    ## Fix safety
    No fix: the content is the author's.
    """
    note = model.note
    has_url = bool(note.data.get(ctx.profile.keys.url))
    empty = [(found, why) for found in model.sections.values()
             if (why := _emptiness(note, found, has_url, ctx.profile.link_label)) is not None]
    if not empty or imported_without_details(note, ctx.profile):  # the lines are read only for an empty section
        return
    for found, why in empty:
        start = marker_start(note, found.heading)
        yield Diagnostic(start, found.heading.end, f"section '{found.heading.title}' {why}")


# A number above this opens no step: it is a year or a quantity at the start
# of a line ("1984. L'année où…"), which Markdown reads as a list item.
MAX_STEP = 99


def step_runs(note: Note, lines: tuple[Line, ...]) -> list[list[ListItem]]:
    """The numbered lists of a steps section, split at its sub-headings and
    at any line that is not indented under a step (nested numbered lists
    are skipped). Lines in code, comments and callouts are not read: a step
    hidden in a comment is not one. A number above ``MAX_STEP`` is no step
    (a year: ``1984.``) and splits the run."""
    heading_lines = {heading.line for heading in note.headings}
    runs: list[list[ListItem]] = [[]]
    for line in lines:
        if line.hidden:
            continue
        current = runs[-1]
        base = current[0].indent if current else None
        item = note.item_at(line)
        if item is not None and item.number is not None and item.number > MAX_STEP:
            # "1984. L'année où mamie a écrit cette recette." is text
            # Markdown reads as a list item, not a step: it ends the run.
            runs.append([])
            continue
        if base is None or not line.content.strip():
            if item is not None and item.number is not None:
                current.append(item)
        elif item is not None and item.number is not None and item.indent < base + 2:
            current.append(item)
        elif line.number in heading_lines or indent_width(line.content) < base + 2:
            runs.append([])
    return [run for run in runs if run]


@dataclass(frozen=True)
class Renumbering:
    """A run of numbered steps whose numbering skips, and the edits that renumber it."""

    item: ListItem  # the first wrong number
    message: str
    edits: tuple[Edit, ...]
    last: int  # the run's last number once renumbered


def renumber(run: list[ListItem], last: int | None) -> Renumbering:
    """Check one run of steps after a run that ended at ``last``: it may
    start at 1 or go on from ``last``; all ``1.`` is fine too."""
    numbers = [item.number or 0 for item in run]
    if set(numbers) == {1}:
        return Renumbering(run[0], "", (), len(run))
    start = numbers[0] if numbers[0] == 1 or numbers[0] == (last or 0) + 1 else (last or 0) + 1
    edits = tuple(
        Edit(item.marker_start, item.marker_start + len(item.marker) - 1, str(start + index))
        for index, item in enumerate(run) if numbers[index] != start + index
    )
    last_number = start + len(run) - 1
    if not edits:
        return Renumbering(run[0], "", (), last_number)
    index = next(i for i, number in enumerate(numbers) if number != start + i)
    number, expected = numbers[index], start + index
    if index == 0 and last is None:
        message = f"numbered steps start at {number}; expected 1"
    elif index > 0 and number == numbers[index - 1]:
        message = f"step number {number} repeats; expected {expected}"
    elif number > expected:
        message = f"step numbering skips from {expected - 1} to {number}; expected {expected}"
    else:
        message = f"step number {number} comes after {expected - 1}; expected {expected}"
    return Renumbering(run[index], message, edits, last_number)


@rule("SC005", "step-numbering", fix="safe", needs=("steps",))
def step_numbering(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The numbered steps skip or repeat a number.

    ## What it does
    Reads the numbered lists of the steps section (`1.` or `1)`, indented or
    not) and reports the first wrong number of each: a skip (`1. 2. 4.`), a
    repeat (`1. 2. 2.`), or a first list that does not start at 1. A list
    written all `1.` (Markdown numbers it) is fine.

    A line opening with a number above 99 (a year: `1984.`) is text, not a
    step. Steps split into parts, under sub-headings (`### La sauce`) or
    after any line not indented under a step (a paragraph, a bold `**La
    sauce**`), may either start again at 1 or go on from the previous
    part's last number: both are common and both read well, so neither is
    reported. Numbered lists nested in a step are not checked.

    ## Why it matters
    Markdown renders the numbers it reads from the first item on; the source
    text and the rendered note then disagree, and a step lost in an edit
    (the gap) goes unnoticed.

    ## Example
    ```markdown
    1. Mélanger.
    2. Cuire.
    4. Servir.
    ```
    Use instead: `3. Servir.`

    ## Fix safety
    Offered, and safe: the fix renumbers the list from its start (1, or the
    previous part's last number plus one), changing only the digits;
    indentation, the `.` or `)` and the steps' text are kept.

    Never touched: a line that opens with a number above 99 (`1984.
    L'année où mamie a écrit cette recette.`): Markdown reads it as a list
    item, but it is a year or a quantity, not a step, so it is neither
    counted nor renumbered; a step inside a comment, a code block or a
    callout (a step set aside is not counted). Withheld: any renumbering in
    a note that is not valid UTF-8.
    """
    note = model.note
    steps = model.sections.get("steps")
    if steps is None:
        return
    last: int | None = None
    for run in step_runs(note, steps.lines):
        result = renumber(run, last)
        if result.edits:
            item = result.item
            yield Diagnostic(item.marker_start, item.marker_start + len(item.marker), result.message,
                             Fix.safe("renumber the steps", *result.edits))
        last = result.last


@rule("SC006", "empty-note", scope="note")
def empty_note(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A note is empty, or holds only whitespace.

    ## What it does
    Reports a note whose text is empty or only spaces and line breaks.

    ## Why it matters
    Obsidian leaves an `Untitled.md` behind each time a new note is opened
    and abandoned; they clutter searches and the file list.

    ## Example
    An `Untitled.md` of 0 bytes. Delete it, or write the recipe.

    ## Fix safety
    No fix: vault-lint never deletes a file.
    """
    note = model.note
    if not note.text.strip():
        yield Diagnostic(0, 0, "note is empty")


@rule("SC007", "section-name", default=False, fix="unsafe")
def section_name(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A required section is written under another of its names or levels than the configured one.

    ## What it does
    Reports a required section whose heading uses another accepted name
    (`Ingredients` for `Ingrédients`) or level (`### Steps`) than the first
    name of the section in the profile at `profile.preferred_section_level`.
    An emoji, a trailing colon or another letter case around the right name
    is not reported. Off by default: select `SC007` to make a vault uniform.

    ## Why it matters
    Searches, Dataview queries and links to a section (`[[Recette#Étapes]]`)
    find every recipe only when they all write it the same way.

    ## Example
    ```markdown
    ### Steps
    ```
    Use instead: `## Étapes`.

    ## Fix safety
    Offered as unsafe: the fix rewrites only the heading's level and name
    (an emoji around it stays; a setext heading becomes `## Name`), but a
    link to the old heading (`[[Recette#Steps]]`) would break.

    Withheld: a setext heading holding a comment (`Steps %% à revoir %%`
    over `---`), which the fix would rewrite whole, losing the comment (an
    ATX heading keeps it: only its marks and name change); a note that is
    not valid UTF-8.
    """
    note = model.note
    profile = ctx.profile
    level = profile.preferred_section_level
    for found in model.sections.values():
        heading, preferred = found.heading, found.spec.names[0]
        renamed = heading.key != heading_key(preferred)
        if not renamed and heading.level == level:
            continue
        start = marker_start(note, heading)
        edits = [_rename(heading, found.spec)] if renamed else []
        if heading.setext:
            edits = [_as_atx(note, heading, level, edits)]
        elif heading.level != level:
            edits.insert(0, Edit(start, start + heading.level, "#" * level))
        written = note.text[start:heading.end]
        yield Diagnostic(start, heading.end, f"section heading '{written}' should be '{'#' * level} {preferred}'",
                         Fix.unsafe(f"rename the heading to '{preferred}'", *edits))


def _as_atx(note: Note, heading: Heading, level: int, renames: list[Edit]) -> Edit:
    """A setext heading (title over ``---``) rewritten as ``## Title`` at
    ``level``, with its renaming applied to the title."""
    title = heading.title
    for edit in renames:
        at = edit.start - heading.title_start
        title = title[:at] + edit.content + title[edit.end - heading.title_start:]
    return Edit(marker_start(note, heading), heading.end, f"{'#' * level} {title}")


def _rename(heading: Heading, spec: SectionSpec) -> Edit:
    """Replace the accepted name inside a heading's title by the preferred
    one (the whole title when the name is not found as written)."""
    for name in spec.names[1:]:
        match = re.search(re.escape(name), heading.title, re.IGNORECASE)
        if match and heading_key(name) == heading.key:
            return Edit(heading.title_start + match.start(), heading.title_start + match.end(), spec.names[0])
    return Edit(heading.title_start, heading.title_start + len(heading.title), spec.names[0])
