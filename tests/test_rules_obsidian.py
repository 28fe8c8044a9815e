"""Obsidian's own rules (OB001-OB003, FM006) through the real CLI, on notes
that are not recipes and on a recipe, with and without `.obsidian/types.json`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLEAN, run_cli, write_note
from test_rules_tags import TARTE

from vault_lint.properties import declared_types

TYPES = {
    "nombre": "number", "fait": "checkbox", "créé": "date", "vu": "datetime",
    "auteurs": "multitext", "titre": "text", "tags": "tags", "aliases": "aliases",
}


def with_types(vault: Path, types: dict[str, str] = TYPES) -> Path:
    (vault / ".obsidian" / "types.json").write_text(json.dumps({"types": types}), encoding="utf-8")
    return vault


def lint(vault: Path, text: str, select: str = "OB,FM006,TG004") -> list[tuple[str, int, int]]:
    write_note(vault, "note.md", text)
    result = run_cli("--output-format", "json", "--select", select, "note.md", cwd=vault)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]


def messages(vault: Path, text: str, select: str) -> list[str]:
    write_note(vault, "note.md", text)
    result = run_cli("--output-format", "json", "--select", select, "note.md", cwd=vault)
    return [f["message"] for f in json.loads(result.stdout)]


def fix(vault: Path, text: str | bytes, select: str = "OB,FM006") -> bytes:
    """The note's bytes after ``--fix``; a second run changes nothing."""
    path = vault / "note.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    run_cli("--fix", "--select", select, "note.md", cwd=vault)
    once = path.read_bytes()
    run_cli("--fix", "--select", select, "note.md", cwd=vault)
    assert path.read_bytes() == once
    return once


# -- types.json ------------------------------------------------------------------------

def test_declared_types_read_from_types_json(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    assert declared_types(tmp_path) == {}
    types = tmp_path / ".obsidian" / "types.json"
    types.write_text('{"types": {"nombre": "number", "x": 3}}', encoding="utf-8")
    assert declared_types(tmp_path) == {"nombre": "number"}
    for broken in ('{"types": [', '{"types": ["number"]}', "[]", "\xff"):
        types.write_text(broken, encoding="latin-1")
        assert declared_types(tmp_path) == {}


# -- OB001 property-type-mismatch --------------------------------------------------------

TYPED = """---
nombre: 4
fait: true
créé: 2024-03-01
vu: 2024-03-01T10:30
auteurs:
  - Marie
titre: Tarte du dimanche
---
Texte.
"""


def test_values_that_fit_their_types_and_empty_values_are_no_finding(vault: Path) -> None:
    with_types(vault)
    assert lint(vault, TYPED) == []
    fits = ('---\nnombre: 2.5\nfait: FALSE\ncréé: "2024-03-01"\nvu: 2024-03-01T10:30:00\n'
            "auteurs: [Marie, Paul]\ntitre: 4\n---\n")
    assert lint(vault, fits) == []
    empty = '---\nnombre:\nfait: ~\ncréé: ""\nvu:\nauteurs: []\ntitre:\n---\n'
    assert lint(vault, empty) == []


def test_each_type_mismatch_at_its_value(vault: Path) -> None:
    with_types(vault)
    text = """---
nombre: "4"
fait: yes
créé: 2024-02-30
vu: 2024-03-01 10:30
auteurs: Marie
titre: [a, b]
---
"""
    assert lint(vault, text) == [("OB001", 2, 9), ("OB001", 3, 7), ("OB001", 4, 7), ("OB001", 5, 5),
                                 ("OB001", 6, 10), ("OB001", 7, 8)]
    assert messages(vault, text, "OB001")[:2] == [
        ("'nombre' is a Number property (.obsidian/types.json) but holds the text \"4\": "
         "Obsidian shows a type mismatch; expected a number written without quotes"),
        ("'fait' is a Checkbox property (.obsidian/types.json) but holds the text yes: "
         "Obsidian shows a type mismatch; expected true or false"),
    ]


def test_more_mismatches_and_a_block_list_reported_at_its_key(vault: Path) -> None:
    with_types(vault)
    text = '---\nnombre: quatre\nfait: "true"\ncréé: 01/03/2024\nvu: 2024-03-01\ntitre:\n  - a\n---\n'
    assert lint(vault, text) == [("OB001", 2, 9), ("OB001", 3, 7), ("OB001", 4, 7), ("OB001", 5, 5),
                                 ("OB001", 6, 1)]
    assert fix(vault, text) == text.encode()  # none of these is certain


def test_no_types_json_no_type_finding(vault: Path) -> None:
    assert lint(vault, '---\nnombre: "4"\nfait: yes\nauteurs: Marie\n---\n') == []


def test_type_names_compare_without_case(vault: Path) -> None:
    with_types(vault, {"Nombre": "number"})
    assert lint(vault, '---\nnombre: "4"\n---\n') == [("OB001", 2, 9)]


def test_quoted_number_loses_its_quotes(vault: Path) -> None:
    with_types(vault)
    text = "---\nnombre: \"4\"  # à vérifier\ntitre: 'x'\n---\n"
    assert fix(vault, text) == b"---\nnombre: 4  # \xc3\xa0 v\xc3\xa9rifier\ntitre: 'x'\n---\n"
    assert fix(vault, "---\nnombre: '2.5'\n---\n") == b"---\nnombre: 2.5\n---\n"
    assert fix(vault, '---\nnombre: "04"\n---\n') == b'---\nnombre: "04"\n---\n'  # octal to YAML 1.1


def test_single_text_becomes_a_block_list_by_default(vault: Path) -> None:
    with_types(vault)
    assert fix(vault, "---\nauteurs: Marie # la tante\n---\n") == b"---\nauteurs:\n  - Marie # la tante\n---\n"
    assert fix(vault, "---\nauteurs:\t'Marie'\n---\n") == b"---\nauteurs:\n  - 'Marie'\n---\n"


def test_single_text_under_a_tags_or_aliases_type_becomes_a_list(vault: Path) -> None:
    with_types(vault, {"sujets": "tags", "noms": "aliases"})
    text = "---\nsujets: dessert\nnoms: Far breton\n---\n"
    assert lint(vault, text) == [("OB001", 2, 9), ("OB001", 3, 7)]
    assert fix(vault, text) == b"---\nsujets:\n  - dessert\nnoms:\n  - Far breton\n---\n"


def test_single_text_becomes_a_list_like_the_notes_other_lists(vault: Path) -> None:
    with_types(vault)
    flow = "---\nauteurs: Marie\nlieux: [Nantes]\n---\n"
    assert fix(vault, flow) == b"---\nauteurs: [Marie]\nlieux: [Nantes]\n---\n"
    block = "---\nlieux:\n- Nantes\nauteurs: \"Marie\"\n---\n"
    assert fix(vault, block) == b'---\nlieux:\n- Nantes\nauteurs:\n- "Marie"\n---\n'


def test_crlf_note_with_a_bom_keeps_both(vault: Path) -> None:
    with_types(vault)
    text = "\ufeff---\r\nnombre: \"4\"\r\nauteurs: Marie\r\n---\r\nTexte.\r\n".encode()
    assert fix(vault, text) == "\ufeff---\r\nnombre: 4\r\nauteurs:\r\n  - Marie\r\n---\r\nTexte.\r\n".encode()


def test_value_shared_through_an_alias_is_reported_not_fixed(vault: Path) -> None:
    with_types(vault)
    text = '---\nnombre: &n "4"\nautre: *n\n---\n'
    assert lint(vault, text) == [("OB001", 2, 12)]
    assert fix(vault, text) == text.encode()


# -- FM006 property-not-list -------------------------------------------------------------

def test_scalar_tags_aliases_cssclasses_reported_at_the_value(vault: Path) -> None:
    text = '---\ntags: dessert\naliases: Far breton\ncssclasses: "large"\nTAGS2: x\n---\n'
    assert lint(vault, text) == [("FM006", 2, 7), ("FM006", 3, 10), ("FM006", 4, 13)]
    assert lint(vault, "---\ntags:\naliases: []\ncssclasses: ''\n---\n") == []


def test_scalar_becomes_a_one_item_list_keeping_its_bytes(vault: Path) -> None:
    text = "---\ntags: dessert  # à trier\naliases: 'Far breton'\ncssclasses: \"large\"\n---\n"
    assert fix(vault, text) == ("---\ntags:\n  - dessert  # à trier\naliases:\n  - 'Far breton'\n"
                                "cssclasses:\n  - \"large\"\n---\n").encode()


def test_text_of_several_tags_is_split(vault: Path) -> None:
    assert fix(vault, '---\ntags: "#a #b"\n---\n') == b'---\ntags:\n  - "#a"\n  - "#b"\n---\n'
    assert fix(vault, "---\ntags: dessert, gâteau\nlieux: [Nantes]\n---\n") == \
        "---\ntags: [dessert, gâteau]\nlieux: [Nantes]\n---\n".encode()
    assert fix(vault, "---\ncssclasses: large sans-titre\n---\n") == \
        b"---\ncssclasses:\n  - large\n  - sans-titre\n---\n"


def test_a_comment_on_a_text_of_several_tags_stays_on_the_key_line(vault: Path) -> None:
    # The comment is about the whole value: no item takes it.
    assert fix(vault, '---\ntags: "#a, #b"  # à trier\n---\n') == \
        '---\ntags:  # à trier\n  - "#a"\n  - "#b"\n---\n'.encode()
    assert fix(vault, b'---\r\ntags: "#a #b" # \xc3\xa0 trier\r\n---\r\n') == \
        b'---\r\ntags: # \xc3\xa0 trier\r\n  - "#a"\r\n  - "#b"\r\n---\r\n'
    assert fix(vault, "---\ntags: dessert, gâteau # à trier\nlieux: [Nantes]\n---\n") == \
        "---\ntags: [dessert, gâteau] # à trier\nlieux: [Nantes]\n---\n".encode()


def test_a_recipe_whose_tags_text_has_a_comment_is_fixed_under_the_comment(vault: Path) -> None:
    tags = 'tags: "#cuisine/française, #type/dessert" # à trier\n'
    text = TARTE.replace("TAGS", tags)
    path = write_note(vault, "note.md", text)
    run_cli("--fix", "note.md", cwd=vault)
    once = path.read_bytes()
    assert once == TARTE.replace("TAGS", 'tags: # à trier\n  - "#cuisine/française"\n  - "#type/dessert"\n'
                                         '  - "#temps/moyen"\n  - "#difficulté/débutant"\n').encode()
    run_cli("--fix", "note.md", cwd=vault)
    assert path.read_bytes() == once
    plain = TARTE.replace("TAGS", 'tags: "#cuisine/française, #type/dessert"\n')
    write_note(vault, "note.md", plain)
    run_cli("--fix", "note.md", cwd=vault)
    assert path.read_bytes() == once.replace(" # à trier".encode(), b"")


def test_ambiguous_texts_are_reported_not_fixed(vault: Path) -> None:
    text = "---\ntags: fruits de mer\naliases: Smith, John\n---\n"
    assert lint(vault, text, "FM006") == [("FM006", 2, 7), ("FM006", 3, 10)]
    assert messages(vault, text, "FM006") == [
        ("'tags' must be a list: Obsidian (since 1.9) does not read the text fruits de mer; "
         "a tag holds no space: one tag or several is the author's call"),
        ("'aliases' must be a list: Obsidian (since 1.9) does not read the text Smith, John; "
         "an alias may hold a comma: one alias or several is the author's call"),
    ]
    assert fix(vault, text) == text.encode()


def test_number_or_alias_reported_not_fixed(vault: Path) -> None:
    text = "---\ntags: 2024\n---\n"
    assert lint(vault, text, "FM006") == [("FM006", 2, 7)]
    assert fix(vault, text) == text.encode()
    shared = "---\nsujet: &s dessert\ntags: *s\n---\n"
    assert lint(vault, shared, "FM006") == [("FM006", 3, 7)]
    assert fix(vault, shared) == shared.encode()


def test_singular_key_renamed_then_made_a_list(vault: Path) -> None:
    text = "---\ntag: dessert\n\"alias\": [Far]\nCSSCLASS:\n  - large\n---\n"
    assert lint(vault, text, "FM006") == [("FM006", 2, 1), ("FM006", 3, 1), ("FM006", 4, 1)]
    assert fix(vault, text) == b"---\ntags:\n  - dessert\n\"aliases\": [Far]\nCSSCLASSES:\n  - large\n---\n"


def test_singular_beside_its_plural_is_not_renamed(vault: Path) -> None:
    text = "---\ntags:\n  - dessert\ntag: gâteau\n---\n"
    assert messages(vault, text, "FM006") == [
        ("'tag' is no longer read by Obsidian (since 1.9): the property is 'tags', given too on line 2: "
         "move the values there")]
    assert fix(vault, text) == text.encode()


def test_crlf_note_keeps_its_line_endings(vault: Path) -> None:
    text = b"---\r\ntag: dessert\r\naliases: Far\r\n---\r\n"
    assert fix(vault, text) == b"---\r\ntags:\r\n  - dessert\r\naliases:\r\n  - Far\r\n---\r\n"


def test_declared_list_type_reported_once_by_fm006(vault: Path) -> None:
    with_types(vault)
    assert lint(vault, "---\ntags: dessert\naliases: Far\n---\n") == [("FM006", 2, 7), ("FM006", 3, 10)]


# -- OB002 property-wikilink-unquoted ----------------------------------------------------

def test_unquoted_links_reported_at_the_link(vault: Path) -> None:
    text = '---\nliée: [[Far breton]]\nvoir:\n  - [[Crêpes]]\n  - "[[Galettes]]"\n  - Kouign\nok: "[[A]]"\n---\n'
    assert lint(vault, text) == [("OB002", 2, 7), ("OB002", 4, 5)]


def test_unquoted_links_quoted_nothing_else_changes(vault: Path) -> None:
    text = "---\nliée: [[Far breton|le far]]  # voir\nvoir:\n  - [[Crêpes#Pâte]]\n  - [[B]]\n---\n"
    assert fix(vault, text) == ('---\nliée: "[[Far breton|le far]]"  # voir\nvoir:\n  - "[[Crêpes#Pâte]]"\n'
                                '  - "[[B]]"\n---\n').encode()


def test_link_typed_text_is_ob002s_not_ob001s(vault: Path) -> None:
    with_types(vault, {"liée": "text"})
    assert lint(vault, "---\nliée: [[Far breton]]\n---\n") == [("OB002", 2, 7)]


def test_crlf_link_quoted(vault: Path) -> None:
    assert fix(vault, b"---\r\nvoir:\r\n  - [[A]]\r\n---\r\n") == b'---\r\nvoir:\r\n  - "[[A]]"\r\n---\r\n'


# -- tag syntax on every note: TG004 on recipes, OB003 on the others ----------------------

def test_invalid_tags_of_a_note_that_is_not_a_recipe_once_each(vault: Path) -> None:
    text = '---\ntags:\n  - "#à tester"\n  - "#2024"\n  - "#À tester"\n  - lecture\n  - "#ok/été"\n---\n'
    assert lint(vault, text) == [("OB003", 3, 5), ("OB003", 4, 5)]
    assert messages(vault, text, "OB003") == [
        "'#à tester' is not a tag Obsidian recognises: it contains a space",
        "'#2024' is not a tag Obsidian recognises: it has only digits",
    ]


def test_invalid_tag_of_a_recipe_is_tg004s(vault: Path) -> None:
    text = CLEAN.replace('  - "#cuisson/wok"', '  - "#cuisson wok"')
    assert lint(vault, text) == [("TG004", 18, 5)]
