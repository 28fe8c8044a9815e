"""Edits a fix is made of: only the bytes that must change."""

from __future__ import annotations

import pytest

from conftest import CLEAN, fixed

HEAD, _, REST = CLEAN.partition("tags:\n")
BODY = REST.split("---\n", 1)[1]
ADDED = '\n  - "#cuisine/chinoise"\n  - "#type/plat-principal"\n  - "#temps/long"\n' \
        '  - "#difficulté/intermédiaire"\n  - "#protéine/porc"'


@pytest.mark.parametrize(("written", "expected"), [
    ("tags:\n", "tags:" + ADDED + "\n"),
    ("tags : ~\n", "tags : " + ADDED + "\n"),
    ("tags: null\n", "tags: " + ADDED + "\n"),
    ("tags:   # à remplir\n", "tags:" + ADDED + "   # à remplir\n"),
])
def test_tags_added_under_an_empty_key_keep_the_yaml_valid(written: str, expected: str) -> None:
    result = fixed(HEAD + written + "---\n" + BODY)
    assert result == HEAD + expected + "---\n" + BODY
    assert fixed(result) == result


def test_an_empty_flow_list_is_filled_in_its_style() -> None:
    result = fixed(HEAD + "tags: []\n---\n" + BODY)
    assert result == HEAD + 'tags: ["#cuisine/chinoise", "#type/plat-principal", "#temps/long", ' \
                            '"#difficulté/intermédiaire", "#protéine/porc"]\n---\n' + BODY
