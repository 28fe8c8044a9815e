"""Obsidian's own rules for properties and tags, on every note.

What Obsidian itself requires of the front matter, recipe or not: values
that fit the types the vault declares (``.obsidian/types.json``), ``tags``,
``aliases`` and ``cssclasses`` given as lists under those names (Obsidian
1.9 no longer reads a text there, nor the singular ``tag``, ``alias``,
``cssclass``), links written in quotes, tags it recognises.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vault_lint.context import Context
from vault_lint.edits import YAML_COMMENT, quote
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.markdown import WIKILINK
from vault_lint.model import Model
from vault_lint.note import Entry, Note
from vault_lint.properties import as_list, observed_type, type_problem
from vault_lint.rules import rule
from vault_lint.rules.frontmatter import value_span
from vault_lint.rules.tags import recognised
from vault_lint.tagging import STRING_TAG

if TYPE_CHECKING:
    import yaml

# The properties Obsidian types itself, as lists, and the names it read before 1.9.
LIST_PROPERTIES = frozenset({"tags", "aliases", "cssclasses"})
SINGULARS = {"tag": "tags", "alias": "aliases", "cssclass": "cssclasses"}


# -- OB001 ------------------------------------------------------------------------------

@rule("OB001", "property-type-mismatch", scope="note", fix="sometimes", concern="property")
def property_type_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A property's value does not fit the type the vault gives the property.

    ## What it does
    Reads the type of each property from the vault's `.obsidian/types.json`
    (where Obsidian records the type chosen in the property menu: Text,
    List, Number, Checkbox, Date, Date & time) and reports, at the value,
    each front matter value that does not fit it, as Obsidian reads YAML
    (YAML 1.2: `"4"` is a text, `yes` is a text, not a checkbox):

    - Number: a number written without quotes (`4`, `2.5`);
    - Checkbox: `true` or `false`;
    - Date: `YYYY-MM-DD`, a real date; Date & time: `YYYY-MM-DDTHH:mm` or
      `YYYY-MM-DDTHH:mm:ss`;
    - List (and Tags, Aliases): a list;
    - Text: a single value, not a list.

    An empty value fits every type (Obsidian shows an empty field). Where
    `.obsidian/types.json` is absent (or says nothing), the type is the one
    the vault's notes give the property: the type of at least 90% of the
    notes that have it, and at least 5 of them; a property with no such
    majority is not checked, and a value YAML 1.1 and 1.2 read apart
    (`3:30`, `yes`) is left to `FM005`. `tags`, `aliases` and `cssclasses`
    are `FM006`'s, a value that is an unquoted `[[link]]` is `OB002`'s, and
    a recipe key the schema already reports (`FM003`) is left to it.

    ## Why it matters
    Obsidian shows "Type mismatch" on such a value instead of its field,
    and searches, sorting and Bases that filter on the property skip the
    note or treat the value as missing.

    ## Example
    With `"portions": "number"` in `.obsidian/types.json`:
    ```yaml
    portions: "4"
    ```
    Use instead:
    ```yaml
    portions: 4
    ```

    ## Fix safety
    Offered, and safe, where the value meant is certain: a number written
    in quotes loses its quotes (`"4"` becomes `4`); a single text under a
    List, Tags or Aliases property becomes a list of that one item, written
    as it was (its quotes kept), in the style of the note's other lists (a
    flow list `[a]`, or a block list under the key, indented like them; a
    block list when the note has none). A comment after the value stays.

    Withheld (reported, not fixed): every other mismatch (which value was
    meant is the author's call); a value spread over several lines; a value
    shared through a YAML alias; a note that is not valid UTF-8.
    """
    note = model.note
    fm = note.frontmatter
    types, source, learned = ctx.property_types, ".obsidian/types.json", False
    if not types and ctx.index is not None:
        types, source, learned = ctx.index.majority_types, "the type nearly every note gives it", True
    if fm is None or fm.data is None or not types:
        return
    folded = {name.lower(): kind for name, kind in types.items()}
    schema = {str(violation.path[0]) for violation in model.violations if violation.path} if model.is_recipe else ()
    for entry in fm.entries.values():
        name = entry.key.lower()
        declared = types.get(entry.key) or folded.get(name)
        if declared is None or name in LIST_PROPERTIES or name in SINGULARS or _is_link(entry.node) \
                or entry.key in schema or (learned and _surprise(entry)):
            continue
        problem = type_problem(declared, entry, note, source)
        if problem is not None:
            start, end = value_span(note, entry)
            yield Diagnostic(start, end, *problem)


def _surprise(entry: Entry) -> bool:
    """Is the value a number or a boolean to PyYAML (YAML 1.1) but a text to
    Obsidian (YAML 1.2): ``3:30``, ``yes``? ``FM005`` reports it; a type the
    notes show, not one the owner declared, adds nothing to that."""
    return isinstance(entry.value, (bool, int, float)) and observed_type(entry) == "text"


# -- FM006 ------------------------------------------------------------------------------

@rule("FM006", "property-not-list", scope="note", fix="safe")
def property_not_list(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """`tags`, `aliases` or `cssclasses` is not a list, or is named `tag`, `alias`, `cssclass`.

    ## What it does
    Reports, at the value, `tags`, `aliases` or `cssclasses` given a single
    value instead of a list (`tags: dessert`, `tags: "#a #b"`), and, at the
    key, the singular `tag`, `alias` or `cssclass`. Names compare regardless
    of case, as in Obsidian. An empty value is no finding.

    ## Why it matters
    Since version 1.9, Obsidian reads these three properties only as lists
    under their plural names. A text value is not read at all, not even
    split at its commas or spaces as earlier versions did: its tags are
    missing from the tag pane and searches, its aliases from link
    suggestions, its classes from the note's style. The singular names are
    no longer read either. (Obsidian's Format converter rewrites
    `tag: project, important` as the list `project`, `important`.)

    ## Example
    ```yaml
    tag: dessert, gâteau
    aliases: Far breton
    ```
    Use instead:
    ```yaml
    tags:
      - dessert
      - gâteau
    aliases:
      - Far breton
    ```

    ## Fix safety
    Offered, and safe, in two steps. A singular name is renamed to the
    plural (only the key's bytes change: `tag` becomes `tags`, `Alias`
    becomes `Aliases`) when the note has no plural property already. A
    text becomes a list, in the style of the note's other lists (a flow
    list `[a, b]`, or a block list under the key indented like them; a
    block list when the note has none); a comment after the value stays
    with the whole value: after the closing bracket of a flow list, on the
    key's line above a block list of several items (`tags: # à trier`),
    never on one item of several:

    - one item, written as it was (quotes kept), when the text is one value;
    - `tags` split at its commas, and at its spaces when every word is a
      `#tag` (`"#a #b"`): a tag holds neither;
    - `cssclasses` split at its commas and spaces: a class name holds
      neither.

    Withheld (reported, not fixed): a singular name beside its plural (the
    values are to be merged by hand); `tags` whose text holds words without
    `#` separated by spaces (`fruits de mer`: one tag or three is the
    author's call); `aliases` whose text holds a comma (one alias or
    several); a number, a checkbox or nested properties; a value spread over
    several lines; a value shared through a YAML alias; a note that is not
    valid UTF-8.
    """
    note = model.note
    fm = note.frontmatter
    if fm is None or fm.data is None:
        return
    present = {entry.key.lower(): entry for entry in fm.order}
    for entry in fm.entries.values():
        name = entry.key.lower()
        if name in SINGULARS:
            yield _singular(note, entry, SINGULARS[name], present.get(SINGULARS[name]))
        elif name in LIST_PROPERTIES and observed_type(entry) not in (None, "multitext"):
            yield _not_a_list(note, entry, name)


def _singular(note: Note, entry: Entry, plural: str, given: Entry | None) -> Diagnostic:
    message = f"'{entry.key}' is no longer read by Obsidian (since 1.9): the property is '{plural}'"
    if given is not None:
        line = note.position(given.key_start)[0]
        return Diagnostic(entry.key_start, entry.key_end,
                          f"{message}, given too on line {line}: move the values there")
    suffix = plural[len(entry.key):]
    suffix = suffix.upper() if entry.key.isupper() else suffix
    edit = _key_renamed(note, entry, suffix)
    fix = Fix.safe(f"rename '{entry.key}' to '{entry.key}{suffix}'", edit) if edit is not None else None
    return Diagnostic(entry.key_start, entry.key_end, message, fix)


def _key_renamed(note: Note, entry: Entry, suffix: str) -> Edit | None:
    """``suffix`` added to the key as written, inside its quotes if it has any."""
    written = note.text[entry.key_start:entry.key_end]
    if written == entry.key:
        return Edit(entry.key_end, entry.key_end, suffix)
    if len(written) > 2 and written[0] == written[-1] and written[0] in "\"'" and written[1:-1] == entry.key:
        return Edit(entry.key_end - 1, entry.key_end - 1, suffix)
    return None


def _not_a_list(note: Note, entry: Entry, name: str) -> Diagnostic:
    start, end = value_span(note, entry)
    value = entry.value
    if not isinstance(value, str) or observed_type(entry) != "text":
        what = "nested properties" if entry.node.id == "mapping" else note.text[start:end]
        return Diagnostic(start, end, f"'{entry.key}' must be a list: Obsidian (since 1.9) does not read {what}")
    message = f"'{entry.key}' must be a list: Obsidian (since 1.9) does not read the text {note.text[start:end]}"
    items = _items(name, value)
    if isinstance(items, str):
        return Diagnostic(start, end, f"{message}; {items}")
    written = [note.text[entry.value_start:entry.value_end]] if items == [value] \
        else [quote(item, entry.style) for item in items]
    edit = as_list(note, entry, written, [unicodedata.normalize("NFC", item) for item in items])
    edits = () if edit is None else (edit,) if len(written) == 1 else _under_the_comment(note, entry, edit)
    fix = Fix.safe(f"make it the list {', '.join(written)}", *edits) if edits else None
    return Diagnostic(start, end, message, fix)


def _under_the_comment(note: Note, entry: Entry, edit: Edit) -> tuple[Edit, ...]:
    """``edit``, which writes a value as a list of several items; a block
    list whose value had a comment after it goes under the comment, which
    stays on the key's line (``tags: # à trier``): it was written for the
    whole value, and the last item must not take it."""
    line, _ = note.position(entry.key_start)
    line_end = note.lines[line - 1].end
    if not edit.content.startswith(note.newline) or not YAML_COMMENT.search(note.text[edit.end:line_end]):
        return (edit,)
    return Edit(edit.start, edit.end, ""), Edit(line_end, line_end, edit.content)


def _items(name: str, value: str) -> list[str] | str:
    """The items a text of ``name`` stands for, or why they are the author's call."""
    if name == "aliases":
        return [value] if "," not in value else "an alias may hold a comma: one alias or several is the author's call"
    words = STRING_TAG.findall(value)
    if not words:
        return "it holds no item"
    spaced = any(len(part.split()) > 1 for part in value.split(","))
    if name == "tags" and spaced and not all(word.startswith("#") for word in words):
        return "a tag holds no space: one tag or several is the author's call"
    return [value] if words == [value] else words


# -- OB002 ------------------------------------------------------------------------------

@rule("OB002", "property-wikilink-unquoted", scope="note", fix="safe")
def property_wikilink_unquoted(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A `[[link]]` property value is written without quotes.

    ## What it does
    Reports, at the link, a front matter value or list item written as an
    unquoted internal link: `related: [[Other note]]`, or `- [[Other note]]`
    in a block list.

    ## Why it matters
    YAML reads `[[Other note]]` as a list holding a list holding the text
    `Other note`: Obsidian shows no link, the note does not appear among
    the other note's backlinks, and renaming the other note does not update
    it. Obsidian's help says a link in a property must be in quotes.

    ## Example
    ```yaml
    related: [[Far breton]]
    ```
    Use instead:
    ```yaml
    related: "[[Far breton]]"
    ```

    ## Fix safety
    Offered, and safe: the link is wrapped in double quotes, nothing else
    changes. Withheld (reported, not fixed): a value shared through a YAML
    alias; a note that is not valid UTF-8.
    """
    note = model.note
    fm = note.frontmatter
    if fm is None or fm.data is None:
        return
    for entry in fm.entries.values():
        for node in _link_nodes(entry):
            start, end = fm.content_start + node.start_mark.index, fm.content_start + node.end_mark.index
            text = note.text[start:end]
            if WIKILINK.fullmatch(text):
                quoted = quote(text, '"')
                yield Diagnostic(start, end,
                                 f"'{entry.key}' holds the link {text} without quotes: YAML reads it as a list "
                                 f"in a list, and Obsidian reads a link only in quotes",
                                 Fix.safe(f"write {quoted}", Edit(start, end, quoted)))


def _link_nodes(entry: Entry) -> list[yaml.Node]:
    """The value read as ``[[x]]``, or the items of its list that are."""
    if _is_link(entry.node):
        return [entry.node]
    return [child for child in entry.node.value if _is_link(child)] if entry.is_sequence else []


def _is_link(node: yaml.Node) -> bool:
    """Is ``node`` a flow list holding one flow list (how YAML reads ``[[x]]``)?"""
    return node.id == "sequence" and bool(node.flow_style) and len(node.value) == 1 \
        and node.value[0].id == "sequence" and bool(node.value[0].flow_style)


# -- OB003 ------------------------------------------------------------------------------

@rule("OB003", "unrecognised-tag", scope="note")
def unrecognised_tag(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A tag of a note that is not a recipe is one Obsidian does not recognise.

    ## What it does
    Reports, at the tag, a front matter tag of a note that is not a recipe
    that Obsidian does not accept: one with a space, or a character other
    than a letter (of any script), a digit, an emoji, `_`, `-` and `/`; one
    made of digits only; an empty one. Tags compare regardless of case and
    of their `#`, and each is reported once. The tags of recipes are
    `TG004`'s.

    ## Why it matters
    Obsidian silently drops an invalid tag from the tag pane and searches:
    the note is missing from every search by that tag.

    ## Example
    ```yaml
    tags:
      - "#à tester"
      - "#2024"
    ```
    Use instead:
    ```yaml
    tags:
      - "#à-tester"
      - "#année/2024"
    ```

    ## Fix safety
    No fix: the intended tag is a guess.
    """
    tags = model.tags
    if tags is None or model.is_recipe:
        return
    for _, unrecognised in recognised(tags):
        if unrecognised is not None:
            yield unrecognised
