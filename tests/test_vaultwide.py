"""What the vault-wide rules compare: recipes saved twice under one address,
and a tag written in several forms across the vault."""

from __future__ import annotations

import pytest

from vault_lint.urls import normalise
from vault_lint.vaultwide import duplicates, tag_variants, variant_key


def test_duplicates_by_normalised_address() -> None:
    urls = {
        "Recettes/Pork Belly Burnt Ends.md": "https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==",
        "Recettes/Burnt ends (copie).md": "https://instagram.com/reel/DQDuWQZAaoP",
        "Inbox/burnt ends.md": "http://www.instagram.com/reel/DQDuWQZAaoP/#",
        "Recettes/Pho au bœuf.md": "https://www.youtube.com/watch?t=39&v=jh13Xd2loto&feature=youtu.be",
        "Recettes/Pho.md": "https://youtu.be/jh13Xd2loto",  # another host: not the same address
        "Recettes/Ramen shoyu.md": "https://www.youtube.com/watch?t=39&v=jh13Xd2loto",
        "Recettes/Tarte.md": "voir le livre",
        "Recettes/Tarte 2.md": "voir le livre",
    }
    assert duplicates({path: normalise(url) for path, url in urls.items()}) == {
        "Inbox/burnt ends.md": ("Recettes/Burnt ends (copie).md", "Recettes/Pork Belly Burnt Ends.md"),
        "Recettes/Burnt ends (copie).md": ("Inbox/burnt ends.md", "Recettes/Pork Belly Burnt Ends.md"),
        "Recettes/Pork Belly Burnt Ends.md": ("Inbox/burnt ends.md", "Recettes/Burnt ends (copie).md"),
        "Recettes/Pho au bœuf.md": ("Recettes/Ramen shoyu.md",),
        "Recettes/Ramen shoyu.md": ("Recettes/Pho au bœuf.md",),
    }


def test_no_duplicates() -> None:
    assert duplicates({"a.md": normalise("https://www.youtube.com/watch?v=9A0BU2g1rpA"),
                       "b.md": normalise("https://www.youtube.com/watch?v=9nTGnYjTS88")}) == {}


@pytest.mark.parametrize(("tag", "key"), [
    ("cuisine/Américaine", "cuisine/americaine"),
    ("saveur/sucré-salé", "saveur/sucre-sale"),
    ("saveur/Sucré_Salé", "saveur/sucre-sale"),
    ("saveur/sucré salé", "saveur/sucre-sale"),
    ("protéine/Porc", "proteine/porc"),
    ("difficulté/intermédiaire", "difficulte/intermediaire"),
    ("cuisine/thaï", "cuisine/thai"),
    ("Crème-Brûlée", "creme-brulee"),
])
def test_variant_key(tag: str, key: str) -> None:
    assert variant_key(tag) == key


def test_nesting_is_part_of_the_tag() -> None:
    assert variant_key("cuisine/americaine") != variant_key("americaine")
    assert variant_key("cuisine/americaine") != variant_key("cuisine-americaine")


def test_tag_variants_point_at_the_most_used_form() -> None:
    counts = {
        "cuisine/américaine": 12,
        "cuisine/Américaine": 2,
        "cuisine/americaine": 1,
        "saveur/sucré-salé": 5,
        "saveur/sucré_salé": 1,
        "Saveur/Sucré Salé": 1,
        "protéine/porc": 9,
        "cuisine/thaï": 3,
    }
    assert tag_variants(counts) == {
        "cuisine/Américaine": "cuisine/américaine",
        "cuisine/americaine": "cuisine/américaine",
        "saveur/sucré_salé": "saveur/sucré-salé",
        "Saveur/Sucré Salé": "saveur/sucré-salé",
    }


def test_a_case_only_difference_is_a_variant_and_ties_go_to_the_lower_case_form() -> None:
    # Obsidian matches both, but its tag pane lists both spellings.
    assert tag_variants({"type/dessert": 4, "type/Dessert": 4}) == {"type/Dessert": "type/dessert"}
    assert tag_variants({"sucré-salé": 2, "sucré_salé": 2}) == {"sucré_salé": "sucré-salé"}  # then sorted


def test_forms_without_variant_are_absent() -> None:
    assert tag_variants({"cuisine/italienne": 3, "cuisine/française": 2, "italienne": 1}) == {}
