"""Front matter rules: is there a block, is it YAML, does it fit the schema."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vault_lint.context import Context
from vault_lint.findings import Diagnostic
from vault_lint.model import Model
from vault_lint.note import Entry, Note
from vault_lint.rules import rule

if TYPE_CHECKING:
    import yaml


@rule("FM001", "missing-frontmatter")
def missing_frontmatter(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A recipe has no front matter block.

    ## What it does
    Reports a note that is a recipe by its body (it has an ingredients or a
    steps heading) but has no `---` front matter block at its top.

    ## Why it matters
    Obsidian's properties, Dataview queries and every other rule of
    vault-lint read the front matter: a recipe without one is invisible to
    the indexes of the vault.

    ## Example
    ```markdown
    # Gravlax

    ## Ingrédients
    - 1 kg saumon
    ```
    Use instead:
    ```markdown
    ---
    cuisine: scandinave
    type: entrée
    ...
    ---
    # Gravlax
    ```

    ## Fix safety
    No fix: the values cannot be guessed.
    """
    note = model.note
    if note.frontmatter is None and note.problem is None:
        yield Diagnostic(0, 0, "recipe has no front matter: add a '---' block with its keys at the top")


@rule("FM002", "invalid-yaml", scope="note")
def invalid_yaml(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The front matter is not valid YAML, or not a mapping.

    ## What it does
    Reports the front matter when PyYAML cannot read it, at the line and
    column PyYAML names; or when it reads as a list or a single value rather
    than `key: value` pairs. Front matter that would expand to a huge value
    through aliases, or that nests deeper than 100 levels, is refused here
    without being expanded.

    ## Why it matters
    Obsidian shows no properties for such a note, and every rule that reads
    a key is blind to it.

    ## Example
    ```yaml
    ---
    cuisine: française
    	type: dessert
    ---
    ```
    (a tab used for indentation). Use spaces, one `key: value` per line.

    ## Fix safety
    No fix.
    """
    note = model.note
    if note.problem is not None and note.problem.kind == "yaml":
        yield Diagnostic(note.problem.offset, note.problem.offset, f"invalid front matter: {note.problem.message}")


@rule("FM003", "schema-violation")
def schema_violation(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A front matter value does not fit the recipe schema.

    ## What it does
    Validates a recipe's front matter against the profile's JSON Schema
    (`schemas/recipe.schema.json` by default) and reports each error at the
    offending key or list item, with the value found and the one expected.
    A missing required key is reported on the block's first line. Repeated
    tags are left to `TG005`, and tags written as a text rather than a list
    to `FM006`, which can fix them.

    ## Why it matters
    Queries and rules rely on times being whole minutes, on a closed list of
    difficulties and types, on a real date and a real address.

    ## Example
    ```yaml
    temps_prep: 20 min
    difficulté: facile
    ```
    gives `temps_prep: expected whole minutes (integer >= 0), got '20 min'`
    and `difficulté: expected one of débutant, intermédiaire, avancé, got 'facile'`.
    Use instead:
    ```yaml
    temps_prep: 20
    difficulté: débutant
    ```

    ## Fix safety
    No fix: the intended value is the author's to choose.
    """
    note = model.note
    fm = note.frontmatter
    if fm is None or fm.data is None:
        return
    tags_key = ctx.profile.keys.tags
    # A text where Obsidian wants a list of tags is FM006's, which can fix it.
    scalar_tags = tags_key == "tags" and isinstance(fm.data.get(tags_key), str) and ctx.settings.enabled("FM006")
    for violation in model.violations:
        if violation.path == (tags_key,) and (violation.validator == "uniqueItems"
                                              or (violation.validator == "type" and scalar_tags)):
            continue
        entry = fm.entries.get(str(violation.path[0])) if violation.path else None
        start, end = _locate(entry, violation.path, note)
        yield Diagnostic(start, end, violation.message)


def _locate(entry: Entry | None, path: tuple[str | int, ...], note: Note) -> tuple[int, int]:
    """Where a schema error points: the list item, else the value when it is
    on the key's line, else the key; the block's start when there is no key."""
    if entry is None:
        return 0, 3
    if len(path) > 1 and isinstance(path[1], int) and path[1] < len(entry.items):
        item = entry.items[path[1]]
        return item.start, item.end
    return value_span(note, entry, one_line=True)


def value_span(note: Note, entry: Entry, *, one_line: bool = False) -> tuple[int, int]:
    """Where a finding about ``entry``'s value points: the value when it starts
    on its key's line (and, with ``one_line``, ends there too), else the key."""
    line = note.position(entry.key_start)[0]
    if entry.value_end > entry.value_start and note.position(entry.value_start)[0] == line \
            and (not one_line or note.position(entry.value_end)[0] == line):
        return entry.value_start, entry.value_end
    return entry.key_start, entry.key_end


@rule("FM004", "duplicate-key", scope="note")
def duplicate_key(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A front matter key is given twice.

    ## What it does
    Reports every repetition of a top-level key, at the repeated key.

    ## Why it matters
    YAML readers silently keep the last value: the first one is lost data,
    and Obsidian may show either.

    ## Example
    ```yaml
    temps_total: 45
    temps_total: 60
    ```
    Keep one of them.

    ## Fix safety
    No fix: which value is right is the author's choice.
    """
    note = model.note
    fm = note.frontmatter
    if fm is None:
        return
    first: dict[str, Entry] = {}
    for entry in fm.order:
        if entry.key in first:
            line = note.position(first[entry.key].key_start)[0]
            yield Diagnostic(
                entry.key_start, entry.key_end,
                f"key '{entry.key}' is given twice (first on line {line}); only this last value is kept",
            )
        else:
            first[entry.key] = entry


OCTAL = re.compile(r"[-+]?0[0-7]+")
BOOL_TEXT = {"true", "false"}


@rule("FM005", "yaml-surprise", scope="note")
def yaml_surprise(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A plain value that YAML reads differently from how it looks.

    ## What it does
    Reports unquoted values that YAML 1.1 (what PyYAML and many tools read)
    turns into something else: `1:30` into the number 90 (base 60), `yes`,
    `no`, `on`, `off`, `y`, `n` into booleans, `0123` into the octal number 83.

    ## Why it matters
    `temps_prep: 1:30` meant an hour and a half and became 90; `protéine: no`
    became `false`. The note says one thing and its data another.

    ## Example
    ```yaml
    temps_total: 1:30
    ```
    Use instead: `temps_total: 90`, or quote the value to keep it as text.

    ## Fix safety
    No fix: whether `1:30` meant 90 minutes or a text is the author's choice.
    """
    note = model.note
    fm = note.frontmatter
    if fm is None or fm.data is None:
        return
    for node in fm.scalars:
        if node.style:
            continue
        reading = _surprise(node)
        if reading:
            start = fm.content_start + node.start_mark.index
            yield Diagnostic(start, fm.content_start + node.end_mark.index,
                             f"'{node.value}' is read as {reading}; quote it to keep it as text")


def _surprise(node: yaml.ScalarNode) -> str | None:
    tag, value = node.tag, node.value
    if not tag.endswith((":bool", ":int", ":float")):  # a text, a date, a null: read as written
        return None
    if tag.endswith(":bool") and value.lower() not in BOOL_TEXT:
        return f"the boolean {str(_read(value)).lower()}"
    if tag.endswith((":int", ":float")) and ":" in value:
        return f"the number {_read(value)} (base 60)"
    digits = value.replace("_", "")
    if tag.endswith(":int") and OCTAL.fullmatch(digits) and int(digits, 8) != int(digits, 10):
        return f"the octal number {int(digits, 8)}"
    return None


def _read(value: str) -> object:
    """A scalar as YAML reads it."""
    import yaml  # lazy, for import time (the note's parse imported it already)

    return yaml.safe_load(value)


@rule("FM007", "unsupported-frontmatter", scope="note")
def unsupported_frontmatter(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The note starts with TOML (`+++`) or JSON (`{`) front matter.

    ## What it does
    Reports a front matter block in a format other than YAML.

    ## Why it matters
    Obsidian reads only YAML between `---` lines: the other formats show up
    as text in the note and give it no properties.

    ## Example
    ```toml
    +++
    cuisine = "française"
    +++
    ```
    Use instead:
    ```yaml
    ---
    cuisine: française
    ---
    ```

    ## Fix safety
    No fix.
    """
    note = model.note
    if note.problem is not None and note.problem.kind == "unsupported":
        yield Diagnostic(0, len(note.lines[0].text), note.problem.message)


@rule("FM008", "unterminated-frontmatter", scope="note")
def unterminated_frontmatter(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The front matter is opened with `---` and never closed.

    ## What it does
    Reports a note whose first line is `---` with no closing `---` line. The
    rest of the note is not read as YAML.

    ## Why it matters
    Obsidian then shows the whole note as a broken properties block, or as
    text; a closing line was lost in an edit or an import.

    ## Example
    ```markdown
    ---
    cuisine: française
    # Tarte Tatin
    ```
    Add the closing `---` after the last key.

    ## Fix safety
    No fix: where the block should end is not known.
    """
    note = model.note
    if note.problem is not None and note.problem.kind == "unterminated":
        yield Diagnostic(0, 3, note.problem.message)
