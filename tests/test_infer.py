"""A vault's conventions read from its own notes (``vault_lint.infer``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, copy_example, write_note

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
    assert inference.ignore == ("SC001",)  # no H1: the title is a key
    assert profile.time_namespace == ""  # no time tags: none is added or checked
    assert inference.schema is not None and inference.schema["required"] == ["author", "date", "tags", "title"]
    assert json.loads(profile.schema) == inference.schema


def test_the_example_vault_follows_the_french_profile_unchanged() -> None:
    inference = infer_vault(REPO / "examples" / "vault")
    assert (inference.base, inference.ignore, inference.schema) == ("fr", (), None)
    assert inference.profile == builtin("fr")


def test_a_built_in_profile_is_fitted_to_what_most_notes_do(tmp_path: Path) -> None:
    for index in range(6):
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


def test_a_few_notes_are_held_to_the_built_in_profile_they_follow(tmp_path: Path) -> None:
    for index in range(4):  # too few to tell a habit from a defect
        write_note(tmp_path, f"recipes/curry-{index}.md", TEMPLATED.format(title=f"Curry {index}"))
    inference = infer_vault(tmp_path)
    assert (inference.base, inference.profile, inference.ignore) == ("en", builtin("en"), ())


def test_no_recipe_note_means_no_profile(tmp_path: Path) -> None:
    write_note(tmp_path, "Journal/2024-01-01.md", "# Monday\n\nShopping list.\n")
    inference = infer_vault(tmp_path)
    assert inference.profile is None and inference.read == 1


def test_a_hidden_note_is_no_sample(tmp_path: Path) -> None:
    """Obsidian does not show it, the linter does not lint it: its conventions are not the vault's."""
    write_note(tmp_path, "Journal/2024-01-01.md", "# Monday\n\nShopping list.\n")
    write_note(tmp_path, "Journal/.brouillon.md", (REPO / "tests" / "fixtures" / "clean_list.md").read_text("utf-8"))
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


# -- a run without configuration ----------------------------------------------------------

def test_without_configuration_a_vault_is_judged_by_its_own_conventions(tmp_path: Path) -> None:
    from conftest import run_cli

    root = hugo_vault(tmp_path / "site", count=6)
    before = {path: path.read_bytes() for path in root.rglob("*.md")}
    result = run_cli("--fix", "--unsafe-fixes", ".", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")
    assert {path: path.read_bytes() for path in root.rglob("*.md")} == before
    write_note(root, "content/dish-2.md", HUGO.format(title="Dish 2", day=2, tag="french").replace("## Directions\n", ""))
    result = run_cli("--output-format", "concise", ".", cwd=root)
    assert result.stdout.splitlines()[0] == "content/dish-2.md:8:1: SC002 required section 'Directions' or " \
        "'Steps' or 'Instructions' or 'Method' is missing"


def test_without_configuration_the_example_vault_gets_the_french_profiles_findings(tmp_path: Path) -> None:
    from conftest import run_cli

    root = tmp_path / "vault"
    copy_example(root)
    inferred = run_cli("--output-format", "json", "--exit-zero", ".", cwd=root)
    (root / "vault-lint.toml").write_text('profile = "fr"\n', encoding="utf-8")
    configured = run_cli("--output-format", "json", "--exit-zero", ".", cwd=root)
    assert inferred.stderr == configured.stderr == ""
    assert json.loads(inferred.stdout) == json.loads(configured.stdout) != []


def test_without_configuration_or_recipes_only_the_rules_for_any_note_run(tmp_path: Path) -> None:
    from conftest import run_cli

    root = tmp_path / "notes"
    write_note(root, "Idées.md", "---\ntags: [cuisine]\ntags: [x]\n---\n# Idées\n")
    result = run_cli("--output-format", "concise", ".", cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("Idées.md:3:1: FM004 ")
    assert result.stderr == (f"vault-lint: {root}: no configuration and no recipe note to learn the vault's "
                             "conventions from: only the rules for any note ran; `vault-lint init` writes a "
                             "configuration\n")


def test_hugo_shortcodes_are_text_and_obsidian_placeholders_mark_templates(vault: Path) -> None:
    from conftest import CLEAN, run_cli

    hugo = CLEAN.replace("source: Instagram", "source: '{{< temperature 350 >}}'")
    write_note(vault, "Four.md", hugo.replace("portions: 4", "portions: quatre"))
    write_note(vault, "Modèle.md", CLEAN.replace("date_ajout: 2025-09-14", "date_ajout: {{date:YYYY-MM-DD}}"))
    result = run_cli("--output-format", "concise", "--select", "FM003", ".", cwd=vault)
    assert [line.split(": ")[0] + ": " + line.split(": ")[1][:5] for line in result.stdout.splitlines()[:-1]] == [
        "Four.md:7:11: FM003"]


def test_a_recipe_whose_aliases_expand_too_far_is_no_sample(tmp_path: Path) -> None:
    """A recipe's front matter that would expand to billions of values once
    its aliases are followed (the "billion laughs") is read as no front
    matter: the conventions come from the other notes, at once."""
    from conftest import CLEAN

    bomb = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]" for level in range(1, 10)]
    for index in range(1, 4):
        for vault in ("with", "without"):
            write_note(tmp_path / vault, f"Recettes/Note {index}.md", CLEAN)
    bombed = write_note(tmp_path / "with", "Recettes/Note 0.md",
                        CLEAN.replace("\n---\n", "\n" + "\n".join(bomb) + "\n---\n", 1))
    read = sample_of(bombed.read_text(encoding="utf-8")).data is not None  # (never shown: its repr has no end)
    assert not read
    with_bomb, without = infer_vault(tmp_path / "with"), infer_vault(tmp_path / "without")
    assert (with_bomb.profile, with_bomb.ignore) == (without.profile, without.ignore)
