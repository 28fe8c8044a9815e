"""Edits a fix is made of: only the bytes that must change."""

from __future__ import annotations

import pytest
from conftest import CLEAN, findings, fixed

HEAD, _, REST = CLEAN.partition("tags:\n")
BODY = REST.split("---\n", 1)[1]
ADDED = '\n  - "#cuisine/chinoise"\n  - "#type/plat-principal"\n  - "#temps/long"\n' \
        '  - "#difficulté/intermédiaire"\n  - "#protéine/porc"'


@pytest.mark.parametrize(("written", "expected"), [
    ("tags:\n", "tags:" + ADDED + "\n"),
    ("tags : ~\n", "tags : " + ADDED + "\n"),
    ("tags: null\n", "tags: " + ADDED + "\n"),
    ("tags:   # à remplir\n", "tags:   # à remplir" + ADDED + "\n"),
])
def test_tags_added_under_an_empty_key_keep_the_yaml_valid(written: str, expected: str) -> None:
    result = fixed(HEAD + written + "---\n" + BODY)
    assert result == HEAD + expected + "---\n" + BODY
    assert fixed(result) == result


def test_an_empty_flow_list_is_filled_in_its_style() -> None:
    result = fixed(HEAD + "tags: []\n---\n" + BODY)
    assert result == HEAD + 'tags: ["#cuisine/chinoise", "#type/plat-principal", "#temps/long", ' \
                            '"#difficulté/intermédiaire", "#protéine/porc"]\n---\n' + BODY


def test_a_fix_leaves_a_value_an_alias_shares() -> None:
    # Setting the anchored total would change duree too: reported, not fixed.
    text = CLEAN.replace("temps_total: 70", "temps_total: &t 60").replace("portions: 4", "portions: 4\nduree: *t")
    assert fixed(text) == text


    assert [(f.code, f.line, f.column, f.fix) for f in findings(text)] == [("TM001", 6, 17, None)]


def test_a_repeated_tag_written_as_an_alias_is_the_one_removed() -> None:
    text = CLEAN.replace('  - "#cuisson/wok"', '  - &w "#cuisson/wok"\n  - *w')
    from conftest import summary

    assert summary(text) == [("TG005", 19, 5)]
    assert fixed(text) == CLEAN.replace('  - "#cuisson/wok"', '  - &w "#cuisson/wok"')


def test_a_value_written_as_a_block_scalar_is_replaced_whole() -> None:
    text = CLEAN.replace("source: Instagram", "source: >-\n  instagram")
    assert fixed(text) == CLEAN.replace("source: Instagram", 'source: "Instagram"')


def test_a_repeated_tag_on_two_lines_is_removed_with_both() -> None:
    text = CLEAN.replace('  - "#saveur/sucré-salé"', '  - "#saveur/sucré-salé"\n  - >-\n    #cuisson/wok')
    assert fixed(text) == CLEAN


def test_a_flow_list_one_item_per_line_gets_a_line_per_tag() -> None:
    items = CLEAN.split("tags:\n", 1)[1].split("---\n", 1)[0].splitlines()
    flow = "tags: [\n" + ",\n".join(items[1:]) + "\n]\n"  # no cuisine tag
    text = CLEAN.replace("tags:\n" + "\n".join(items) + "\n", flow)
    assert fixed(text) == text.replace('  "#saveur/sucré-salé"\n', '  "#saveur/sucré-salé",\n  "#cuisine/chinoise"\n')
