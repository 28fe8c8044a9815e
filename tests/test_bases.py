"""Obsidian Bases: the note properties a Base reads, where, and what the vault holds."""

from __future__ import annotations

import pickle

from vault_lint.bases import BaseFile, PropertyRef, check, read_base

# The example of the help vault's "Bases syntax" page (Obsidian 1.9.2 and later).
HELP_EXAMPLE = """\
filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
properties:
  status:
    displayName: Status
  formula.formatted_price:
    displayName: "Price"
  file.ext:
    displayName: Extension
views:
  - type: table
    name: "My table"
    limit: 10
    groupBy:
      property: note.age
      direction: DESC
    filters:
      and:
        - 'status != "done"'
        - or:
            - "formula.ppu > 5"
            - "price > 2.1"
    order:
      - file.name
      - file.ext
      - note.age
      - formula.ppu
      - formula.formatted_price
"""

# A recipe vault's Base, as Obsidian writes one.
RECIPES = """\
filters:
  and:
    - file.inFolder("Recettes")
    - '!note["prep_time"].isEmpty()'
formulas:
  total: "prep_time + cook_time"
properties:
  note.cuisine:
    displayName: Cuisine
views:
  - type: table
    name: Desserts
    filters:
      and:
        - note.categories.contains("dessert")
        - servings > 2
    order:
      - file.name
      - cuisine
      - servings
    sort:
      - property: note.prep_time
        direction: ASC
"""

# Property name -> {Obsidian type: notes}, as the corpus' recipe notes write them.
VAULT = {
    "category": {"text": 40},
    "cuisine": {"text": 52},
    "servings": {"number": 50, "text": 2},
    "prep_time": {"text": 52},
    "cook_time": {"text": 51},
    "favori": {"checkbox": 12},
    "date": {"date": 30},
}


def where(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset, as a finding shows it."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def refs(text: str) -> list[tuple[str, int, int, str]]:
    """(name, line, column, text written) of each reference of a Base."""
    return [(ref.name, *where(text, ref.start), text[ref.start : ref.end]) for ref in read_base(text).refs]


def report(text: str, properties: dict[str, dict[str, int]] = VAULT) -> list[tuple[int, int, str, str]]:
    return [(*where(text, start), text[start:end], message) for start, end, message in check(read_base(text), properties)]


def legacy(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, text written, message) of each piece of legacy syntax of a Base."""
    return [(*where(text, start), text[start:end], message) for start, end, message in read_base(text).legacy]


def test_help_example_note_properties_only_with_their_positions() -> None:
    assert refs(HELP_EXAMPLE) == [
        ("price", 11, 24, "price"),
        ("price", 11, 31, "price"),
        ("price", 12, 10, "price"),
        ("age", 12, 18, "age"),
        ("status", 14, 3, "status"),
        ("age", 25, 22, "age"),
        ("status", 29, 12, "status"),
        ("price", 32, 16, "price"),
        ("age", 36, 14, "age"),
    ]
    base = read_base(HELP_EXAMPLE)
    assert base.legacy == () and base.problem is None


def test_recipe_base_every_kind_of_reference() -> None:
    assert refs(RECIPES) == [
        ("prep_time", 4, 15, "prep_time"),
        ("prep_time", 6, 11, "prep_time"),
        ("cook_time", 6, 23, "cook_time"),
        ("cuisine", 8, 8, "cuisine"),
        ("categories", 15, 16, "categories"),
        ("servings", 16, 11, "servings"),
        ("cuisine", 19, 9, "cuisine"),
        ("servings", 20, 9, "servings"),
        ("prep_time", 22, 24, "prep_time"),
    ]


def test_recipe_base_against_the_vault() -> None:
    assert report(RECIPES) == [
        (15, 16, "categories", "no note has a property `categories`; did you mean `category`?"),
    ]


def test_number_compared_with_a_text_property() -> None:
    text = 'views:\n  - type: table\n    name: Rapides\n    filters: "prep_time < 30"\n'
    assert report(text) == [
        (4, 15, "prep_time", "`prep_time` is compared with the number 30, but notes hold text (52 notes)"),
    ]


def test_literal_on_the_left_and_every_literal_kind() -> None:
    text = (
        "filters:\n"
        "  or:\n"
        "    - '10 < prep_time'\n"
        "    - 'servings == \"2\"'\n"
        "    - 'cuisine == true'\n"
        "    - 'favori == \"oui\"'\n"
        "    - 'favori == false'\n"
        "    - 'date > 0'\n"
        "    - 'date > \"2025-01-01\"'\n"
        "    - '(cook_time != -1)'\n"
    )
    assert report(text) == [
        (3, 13, "prep_time", "`prep_time` is compared with the number 10, but notes hold text (52 notes)"),
        (5, 8, "cuisine", "`cuisine` is compared with the boolean true, but notes hold text (52 notes)"),
        (6, 8, "favori", '`favori` is compared with the string "oui", but notes hold a checkbox (12 notes)'),
        (10, 9, "cook_time", "`cook_time` is compared with the number -1, but notes hold text (51 notes)"),
    ]


def test_only_a_property_alone_against_a_literal_alone() -> None:
    text = (
        "filters:\n"
        "  and:\n"
        "    - 'prep_time.length > 2'\n"
        "    - 'prep_time * 2 > 4'\n"
        "    - 'prep_time > 2 + cook_time'\n"
        "    - '!prep_time == 2'\n"
        "    - 'prep_time == cook_time'\n"
        "    - 'prep_time == null'\n"
    )
    assert report(text) == []


def test_property_names_compare_without_case_and_the_notes_spelling_is_named() -> None:
    text = 'filters: "Prep_Time > 10 && note.CUISINE == \\"fr\\""\n'
    assert report(text) == [
        (1, 11, "Prep_Time", "`Prep_Time` is compared with the number 10, but notes hold text (52 notes) in `prep_time`"),
    ]


def test_every_type_is_named_as_a_sentence_reads_it() -> None:
    held = {"text": 8, "multitext": 7, "number": 6, "date": 5, "datetime": 4, "tags": 3, "aliases": 1}
    [(_line, _column, _written, message)] = report('filters: "servings == true"', {"servings": held})
    assert message.endswith(
        "but notes hold text (8 notes), a list (7 notes), a number (6 notes), a date (5 notes), "
        "a date & time (4 notes), tags (3 notes), aliases (1 note)"
    )
    [(_line, _column, _written, message)] = report('filters: "servings == 2"', {"servings": {"checkbox": 2}})
    assert message.endswith("but notes hold a checkbox (2 notes)")


def test_unknown_types_and_an_empty_vault_report_nothing() -> None:
    assert report('filters: "servings > 2"', {"servings": {"object": 3}}) == []
    assert report(RECIPES, {}) == []


def test_a_name_no_note_comes_close_to() -> None:
    assert report('filters: "note.zzz"') == [(1, 16, "zzz", "no note has a property `zzz`")]


def test_formulas_file_this_functions_methods_literals_are_not_properties() -> None:
    text = (
        "filters:\n"
        "  and:\n"
        "    - file.hasTag(\"recette\") && file.name != this.file.name\n"
        "    - 'formula.total > 20 || now() > file.mtime - \"1 week\"'\n"
        "    - '[1, 2].filter(value > index).map(value + 1).reduce(acc + value, 0) == 3'\n"
        "    - 'file.name.replace(/-/g, \" \").contains(\"tarte\") or not true and false'\n"
        "    - 'this.servings > 2'\n"
        "formulas:\n"
        "  total: 'formula.other + 1'\n"
        "summaries:\n"
        "  moyenne: 'values.mean()'\n"
        "views:\n"
        "  - type: cards\n"
        "    name: Tout\n"
        "    order: [file.name, formula.total]\n"
        "    summaries:\n"
        "      formula.total: Average\n"
    )
    base = read_base(text)
    assert base.refs == () and base.legacy == () and base.problem is None


def test_yaml_quoting_and_block_scalars_keep_exact_offsets() -> None:
    text = (
        "formulas:\n"
        "  a: \"note[\\\"temps de cuisson\\\"] + \\\"min\\\" + réglé\"\n"
        "  b: 'if(saison == ''été'', 1, 2)'\n"
        "  c: |\n"
        "    if(catégorie == \"dessert\",\n"
        "       note.portions)\n"
        "  d: >-\n"
        "    prep_time +\n"
        "    cook_time\n"
    )
    assert refs(text) == [
        ("temps de cuisson", 2, 14, "temps de cuisson"),
        ("réglé", 2, 46, "réglé"),
        ("saison", 3, 10, "saison"),
        ("catégorie", 5, 8, "catégorie"),
        ("portions", 6, 13, "portions"),
        ("prep_time", 8, 5, "prep_time"),
        ("cook_time", 9, 5, "cook_time"),
    ]


def test_hyphenated_names_are_one_property() -> None:
    assert refs("formulas:\n  cover: image(image-property)\n  left: total - done\n") == [
        ("image-property", 2, 16, "image-property"),
        ("total", 3, 9, "total"),
        ("done", 3, 17, "done"),
    ]


def test_legacy_syntax_before_obsidian_1_9_2() -> None:
    text = (
        "filters:\n"
        "  or:\n"
        "    - taggedWith(file.file, \"recette\")\n"
        "    - linksTo(file.file, \"Desserts\")\n"
        "    - inFolder(file.file, \"Recettes\")\n"
        "display:\n"
        "  status: Statut\n"
        "views:\n"
        "  - type: table\n"
        "    name: Table\n"
        "    order:\n"
        "      - property.cuisine\n"
        "    display:\n"
        "      property.cuisine: Cuisine\n"
    )
    assert legacy(text) == [
        (3, 7, "taggedWith", "`taggedWith()` is no longer read by Obsidian (since 1.9.2): write `file.hasTag(...)`"),
        (4, 7, "linksTo", "`linksTo()` as a function is no longer read by Obsidian (since 1.9.2): write `file.hasLink(...)`"),
        (5, 7, "inFolder", "`inFolder()` as a function is no longer read by Obsidian (since 1.9.2): write `file.inFolder(...)`"),
        (6, 1, "display", "`display` is no longer read by Obsidian (since 1.9.2): give each property a `displayName` under `properties:`"),
        (12, 9, "property.cuisine", "`property.cuisine` is no longer read by Obsidian (since 1.9.2): write `note.cuisine`"),
        (13, 5, "display", "`display` is no longer read by Obsidian (since 1.9.2): give each property a `displayName` under `properties:`"),
    ]
    assert report(text) == []  # the legacy syntax is not compared with the vault (BS002 reports it)


def test_today_methods_are_not_legacy() -> None:
    assert read_base('filters: \'file.inFolder("Recettes") && link("x").linksTo(file)\'').legacy == ()


def test_broken_yaml_is_a_problem_at_its_line() -> None:
    text = "filters:\n  and:\n    - 'servings > 2\nviews:\n  - type: table\n"
    base = read_base(text)
    assert base.refs == ()
    assert base.problem is not None
    assert where(text, base.problem[0]) == (6, 1)
    assert base.problem[1].startswith("the Base is not valid YAML: while scanning a quoted scalar")
    assert check(base, VAULT) == []


def test_a_base_that_is_not_a_mapping() -> None:
    assert read_base("- type: table\n").problem == (0, "the Base is not a mapping of sections (filters, views, ...)")
    assert read_base("") == BaseFile()
    assert read_base("# rien\n") == BaseFile()


def test_odd_input_never_raises() -> None:
    for text in (
        "filters: &f\n  and:\n    - *f\n    - servings > 2\n",  # a filter holding itself
        "views: &v\n  - *v\n",
        "filters:\n\t- x\n",
        "filters: 'note[\"\"] == \"unterminated'\n",
        "filters: 'note.'\n",
        "views:\n  - order: [note., 3, null, [a]]\n    groupBy: servings\n    sort: [direction]\n",
        "formulas:\n  a: \"\\u00e9t\\u00e9 + x\"\n",
        "filters: \"\udcff\"\n",
        "[" * 5000,
        "\x00",
    ):
        assert isinstance(read_base(text), BaseFile)
    assert [ref.name for ref in read_base("formulas:\n  a: \"\\u00e9t\\u00e9 + x\"\n").refs] == ["été", "x"]


def test_plain_data_for_the_cache_and_worker_processes() -> None:
    base = read_base(RECIPES)
    assert pickle.loads(pickle.dumps(base)) == base
    assert base.refs[0] == PropertyRef("prep_time", base.refs[0].start, base.refs[0].end)


def test_the_rules_of_one_base_read_it_once() -> None:
    assert read_base(RECIPES) is read_base(RECIPES)  # BS001 and BS002 share the parse


def test_byte_order_mark_and_windows_line_endings() -> None:
    assert refs("\ufefffilters: \"note.été > 2\"\n") == [("été", 1, 17, "été")]
    assert refs("formulas:\r\n  c: |\r\n    prep_time +\r\n    cook_time\r\n") == [
        ("prep_time", 3, 5, "prep_time"),
        ("cook_time", 4, 5, "cook_time"),
    ]
