"""Vault-wide rules: what one note means among the others.

Each reads the vault index (``ctx.index``: every note of the vault, built
once per run from the per-note summaries, ``vault_lint.index``) and reports
on the note in front of it only. VL001 and VL002 are written in two halves
(``rules.vault_rule``): the places of a note they may report at, then a
judge of each place that reads the index alone, so that a note linted once
(or replayed from the cache) is not read again once the vault is known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vault_lint.context import Context
from vault_lint.edits import replace_item
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.model import Model
from vault_lint.rules import rule, vault_rule

if TYPE_CHECKING:
    from vault_lint.index import VaultIndex

SHOWN = 3  # the other copies a finding names


def _duplicate_of(what: None, index: VaultIndex, ctx: Context, relative: str) -> str | None:
    """VL001's judge: the other copies of the recipe, when it has some."""
    others = index.duplicates.get(relative)
    return duplicate_message(others, ctx) if others else None


@vault_rule("VL001", "duplicate-recipe", judge=_duplicate_of, concern="duplicate")
def duplicate_recipe(model: Model, ctx: Context) -> Iterator[tuple[None, int, int]]:
    """Two recipes were saved from the same address.

    ## What it does
    Compares the front matter `url` of every recipe of the vault once
    normalised: the scheme, the host's case, `www.`, a trailing slash, the
    fragment and tracking parameters (`igsh`, `utm_*`, `fbclid`, `si`,
    `feature`...) do not count, so a reel shared twice from the app is one
    address. Each copy is reported, naming the others. Addresses are parsed
    with `yarl`, not by string surgery.

    ## Why it matters
    A recipe saved twice drifts: one copy gets the corrections, the other
    keeps the old quantities, and the vault shows both.

    ## Example
    ```yaml
    # Recettes/Poulet basquaise.md
    url: https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==
    # Brouillons/Poulet.md
    url: https://instagram.com/reel/DQDuWQZAaoP
    ```
    Keep one of the notes (merge what the other adds), or give each its own address.

    ## Fix safety
    No fix: which copy to keep, and what to merge, is the owner's choice.
    """
    fm = model.note.frontmatter
    entry = fm.entries.get(ctx.profile.keys.url) if fm is not None else None
    if entry is not None:
        yield None, entry.value_start, entry.value_end


def duplicate_message(others: tuple[str, ...], ctx: Context) -> str:
    """VL001's message, naming the other copies."""
    named = ", ".join(f"'{other}'" for other in others[:SHOWN])
    if len(others) > SHOWN:
        named += f" and {len(others) - SHOWN} other notes"
    return f"the same recipe as {named}: its {ctx.profile.keys.url} is the same address"


def _link_problem(what: tuple[Any, ...], index: VaultIndex, ctx: Context, relative: str) -> str | None:
    """VL002's judge: why the link (``LinkRef.parts``) is broken, if it is."""
    return index.link_problem(relative, what)


@vault_rule("VL002", "broken-link", judge=_link_problem, scope="note", concern="link")
def broken_link(model: Model, ctx: Context) -> Iterator[tuple[tuple[Any, ...], int, int]]:
    """A link to a note, heading, block or file that the vault does not have.

    ## What it does
    Resolves every `[[wikilink]]`, `![[embed]]` and relative Markdown link
    as Obsidian does: a file is found by its name, case-insensitively,
    anywhere in the vault (the linking note's own folder first, then the
    shortest path); a path given is honoured; `|alias` is ignored; an
    attachment of any extension resolves, also with a `#fragment`; a
    Markdown link whose target holds `:` is external. `#Heading` matches
    the note's top-level headings after lower-casing and dropping
    punctuation (`'`, `-`, `_` and accents kept), `#A#B` walks nested
    headings, `#^id` a block id. Links inside `%% comments %%` are links
    (Obsidian indexes them); links in code and math are not. Files in
    Obsidian's excluded folders stay linkable.

    A vault without `.obsidian/` and without a configuration (a Hugo site,
    whose links are not Obsidian's) does not run this rule.

    ## Why it matters
    A renamed note or heading leaves links that open an empty new note, or
    the top of the page, instead of the recipe they promised.

    ## Example
    ```markdown
    Servir avec la [[Sauce béarnaise]] et le [[Riz pilaf#Cuisson]].
    ```
    where the vault has `Sauces/Béarnaise.md` and `Riz pilaf.md` has no
    `Cuisson` heading.

    ## Fix safety
    No fix: the intended target is a guess.
    """
    for link in model.links:
        yield link.parts, link.start, link.end


@rule("VL003", "tag-variant", scope="note", fix="unsafe", concern="tag")
def tag_variant(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A tag written in another form than the vault's usual one.

    ## What it does
    Groups the tags of the whole vault (front matter and body) that differ
    only by case, accents or `-`/`_`/space between words
    (`#cuisine/americaine`, `#cuisine/américaine`, `#Cuisine/Américaine`),
    and reports each tag written in a form other than the one most notes use.

    ## Why it matters
    Obsidian's tag pane and searches list each spelling apart (accents and
    separators make different tags), so a search for one form misses the
    recipes tagged with the other.

    ## Example
    ```yaml
    tags:
      - "#cuisine/americaine"   # 3 notes; 41 notes write #cuisine/américaine
    ```
    Use instead: `"#cuisine/américaine"`.

    ## Fix safety
    The fix (unsafe) rewrites the tag to the most used form, keeping its
    `#` and quotes as written. It is unsafe because the two forms may be
    meant apart (`#sans-gluten` and `#sans_gluten` rarely are, but the
    owner decides). A tag inside a string value with other tags, or in a
    comment or code, is reported and not rewritten. A note that gives the
    same tag twice (in two cases) is `TG005`'s.
    """
    index = ctx.index
    if index is None:
        return
    variants = index.tag_variants
    tags = model.tags
    given = Counter(tag.key for tag in tags.tags) if tags is not None else Counter()
    for tag in tags.tags if tags is not None else ():
        main = variants.get(tag.text.lstrip("#"))
        if main is not None and given[tag.key] == 1:  # twice in the note: TG005 reports it
            hashes = tag.text[:len(tag.text) - len(tag.text.lstrip("#"))]
            edit = replace_item(tags.entry, tag.item, hashes + main) if tag.item is not None else None  # type: ignore[union-attr]
            yield _variant(tag.start, tag.end, tag.text.lstrip("#"), main, edit)
    body = model.note.body
    for inline in body.tags if body is not None else ():
        main = variants.get(inline.name)
        if main is not None:
            yield _variant(inline.start, inline.end, inline.name, main, Edit(inline.start + 1, inline.end, main))


def _variant(start: int, end: int, written: str, main: str, edit: Edit | None) -> Diagnostic:
    fix = Fix.unsafe(f"write '#{main}'", edit) if edit is not None else None
    return Diagnostic(start, end, f"tag '#{written}' is a variant of '#{main}', the form most notes use", fix)
