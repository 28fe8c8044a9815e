"""A vault's conventions read from its own notes (``vault_lint.infer``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, write_note

from vault_lint.infer import infer_vault, sample_of
from vault_lint.profiles import builtin

HUGO = """\
---
title: "{title}"
date: 2021-03-{day:02d}
tags: ['{tag}', 'dinner']
author: Jane Doe
---

Simple and quick.

- ⏲️ Prep time: 10 min
- 🍳 Cook time: 20 min

## Ingredients

- 2 eggs
- 100 g flour

## Directions

1. Mix.
2. Bake.
"""

TEMPLATED = """\
---
title: {title}
prep_time: 10 min
cook_time: 20 min
total_time: 30 min
servings: 4
difficulty: easy
cuisine: Indian
tags: [curry, time/quick]
---

## Summary

A weeknight dish.

## Ingredients

- 1 onion

## Method

1. Cook.
"""


def hugo_vault(root: Path, count: int = 5) -> Path:
    for day in range(1, count + 1):
        write_note(root, f"content/dish-{day}.md", HUGO.format(title=f"Dish {day}", day=day, tag="french"))
    return root


def test_a_vault_following_no_built_in_profile_gets_its_own(tmp_path: Path) -> None:
    inference = infer_vault(hugo_vault(tmp_path))
    assert (inference.read, inference.recipes, inference.base) == (5, 5, None)
    profile = inference.profile
    assert profile is not None and not profile.tags_with_hash and profile.field_namespaces == ()
    assert [(spec.role, spec.names[0]) for spec in profile.sections] == [("ingredients", "Ingredients"),
                                                                          ("steps", "Directions")]
    assert profile.section_levels == (2,)
    assert set(inference.ignore) == {"SC001", "TG003"}  # no H1 (the title is a key), no time tags
    assert inference.schema is not None and inference.schema["required"] == ["author", "date", "tags", "title"]
    assert json.loads(profile.schema) == inference.schema


def test_the_example_vault_follows_the_french_profile_unchanged() -> None:
    inference = infer_vault(REPO / "examples" / "vault")
    assert (inference.base, inference.ignore, inference.schema) == ("fr", (), None)
    assert inference.profile == builtin("fr")


def test_a_built_in_profile_is_fitted_to_what_most_notes_do(tmp_path: Path) -> None:
    for index in range(4):
        write_note(tmp_path, f"recipes/curry-{index}.md", TEMPLATED.format(title=f"Curry {index}"))
    inference = infer_vault(tmp_path)
    assert inference.base == "en" and inference.profile is not None
    assert [spec.names[0] for spec in inference.profile.sections] == ["Ingredients", "Method"]
    schema = inference.schema
    assert schema is not None
    assert "type" not in schema["required"] and "protein" not in schema["required"]  # no note has them
    assert schema["properties"]["prep_time"] == {"type": "string"}  # '10 min', not whole minutes
    assert schema["properties"]["difficulty"] == builtin_schema("recipe.en.schema.json")["properties"]["difficulty"]


def builtin_schema(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))


def test_no_recipe_note_means_no_profile(tmp_path: Path) -> None:
    write_note(tmp_path, "Journal/2024-01-01.md", "# Monday\n\nShopping list.\n")
    inference = infer_vault(tmp_path)
    assert inference.profile is None and inference.read == 1


def test_a_sample_reads_front_matter_and_headings_outside_fences() -> None:
    sample = sample_of("---\ntitle: x\n---\n# T\n```\n## Not a heading\n```\n### 🛒 Ingredients:\n")
    assert sample.data == {"title": "x"}
    assert sample.headings == ((1, "t"), (3, "ingredients"))
    assert sample.titles["ingredients"] == "🛒 Ingredients:"


def test_the_sample_is_spread_over_a_large_vault(tmp_path: Path) -> None:
    root = hugo_vault(tmp_path, count=9)
    shutil.copytree(root / "content", root / "more")
    inference = infer_vault(root, limit=6)
    assert inference.read == 6 and inference.recipes == 6
