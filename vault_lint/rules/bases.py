"""Bases rules: what an Obsidian Base (a ``.base`` file) reads of the vault.

A Base filters, sorts and shows notes by their properties; the rules compare
the properties it names (read by ``vault_lint.bases``) with those the vault's
notes hold (the vault index), and report the syntax Obsidian no longer reads.
"""

from __future__ import annotations

from collections.abc import Iterator

from vault_lint.context import Context
from vault_lint.findings import Diagnostic
from vault_lint.model import Model
from vault_lint.rules import rule


@rule("BS001", "base-unknown-property", scope="base", concern="base")
def base_unknown_property(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A Base reads a property that no note of the vault has, or compares it with a value of another type.

    ## What it does
    Reads the Base's `filters`, `formulas`, `properties` and `views`
    (`order`, `sort`, `groupBy`, `summaries`, `columnSize`) and finds every
    note property they name (`note.x`, `note["x"]`, or a bare `x`; not
    `file.*` or `formula.*`). A property that no note of the vault holds is
    reported with the closest name the notes do use; a property compared with
    a number, a boolean or a text that no note holds a value of that kind for
    (`note.servings > 2` while every note writes `servings: "4"`) is
    reported too. Names compare without regard to case, as Obsidian's do. A
    vault whose notes hold no property at all is not compared.

    ## Why it matters
    Obsidian shows an empty table, not an error: a Base filtering on
    `categories` while the template writes `category` silently lists no
    recipe.

    ## Example
    ```yaml
    filters:
      and:
        - note.categories.contains("dessert")
    ```
    where the notes write `category: dessert`. Use instead: `note.category`.

    ## Fix safety
    No fix: the intended property is a guess.
    """
    index = ctx.index
    if index is None:
        return
    from vault_lint.bases import check, read_base

    base = read_base(model.note.text)
    if base.problem is not None:
        return
    for start, end, message in check(base, index.property_types):
        yield Diagnostic(start, end, message)


@rule("BS002", "base-legacy-syntax", scope="base")
def base_legacy_syntax(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A Base written in the syntax Obsidian no longer reads, or not YAML at all.

    ## What it does
    Reports the syntax of Bases before Obsidian 1.9.2, which Obsidian now
    ignores: `display:` (now `properties:` with `displayName`), `property.x`
    ids (now `note.x`), and the global functions `taggedWith(file.file, …)`,
    `linksTo(file.file, …)` and `inFolder(file.file, …)` (now
    `file.hasTag(…)`, `file.hasLink(…)`, `file.inFolder(…)`); and a Base
    whose text is not YAML (Obsidian shows nothing for it).

    ## Why it matters
    The part written in the old syntax has no effect any more: columns lose
    their names, filters stop filtering.

    ## Example
    ```yaml
    views:
      - type: table
        display:
          note.temps_total: Temps
    ```
    Use instead: a top-level `properties:` with `note.temps_total: {displayName: Temps}`.

    ## Fix safety
    No fix.
    """
    from vault_lint.bases import read_base

    base = read_base(model.note.text)
    if base.problem is not None:
        offset, message = base.problem
        yield Diagnostic(offset, offset, message)
        return
    for start, end, message in base.legacy:
        yield Diagnostic(start, end, message)
