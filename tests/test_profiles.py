"""The built-in profiles: ``fr`` (the default) and ``en``, data files in
``vault_lint/profiles/`` checked against the settings schema, selected by
``profile = "en"`` or extended by a ``[profile]`` table; an English vault
checked through the real command line."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli, write_note

from vault_lint import profiles
from vault_lint.config import (
    load_settings,
    profile_table_schema,
    settings_schema,
    validate,
)
from vault_lint.profile import BUILTIN_NOT_STATED, DEFAULT_PROFILE, Keys, Profile

# A real English recipe note, as an English vault keeps it: snake_case keys,
# tags without '#', the four sections.
CACCIATORE = """\
---
cuisine: italian
type: main-course
prep_time: 15
cook_time: 30
total_time: 45
servings: 4
difficulty: easy
protein: chicken
source: YouTube
url: https://www.youtube.com/watch?v=Xq3bVp1_4Zc
date_added: 2025-03-02
tags:
  - cuisine/italian
  - type/main-course
  - protein/chicken
  - difficulty/easy
  - time/medium
  - method/braise
---

# Chicken cacciatore

## Quick info

- Cuisine: Italian
- Type: Main course
- Prep time: 15 minutes
- Cook time: 30 minutes
- Total time: 45 minutes
- Servings: 4
- Difficulty: Easy
- Protein: Chicken

## Ingredients

- 8 bone-in chicken thighs, skin on
- 1 onion, sliced
- 2 bell peppers, sliced
- 3 garlic cloves, chopped
- 1 can (400 g) crushed tomatoes
- 120 ml dry white wine
- 1 tsp dried oregano

## Steps

1. Season the chicken and brown it skin side down in a wide pan, 8 minutes.
2. Soften the onion and peppers in the fat, then add the garlic.
3. Pour in the wine, let it reduce by half, then add the tomatoes and oregano.
4. Return the chicken, cover and simmer 20 minutes until cooked through.

## Source

Link: https://www.youtube.com/watch?v=Xq3bVp1_4Zc
"""

NOTE = "Recipes/Chicken cacciatore.md"


def edited(*changes: tuple[str, str], text: str = CACCIATORE) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def english_vault(vault: Path, text: str = CACCIATORE, config: str = 'profile = "en"\n') -> Path:
    (vault / "vault-lint.toml").write_text(config, encoding="utf-8")
    write_note(vault, NOTE, text)
    return vault


def concise(vault: Path, *args: str) -> list[str]:
    result = run_cli("--output-format", "concise", *args, NOTE, cwd=vault)
    assert result.returncode in (0, 1), result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(f"{NOTE}:")]


# -- the data files ---------------------------------------------------------------

def test_the_built_in_profiles_are_the_data_files_the_schema_names() -> None:
    files = sorted(p.name.removesuffix(".toml") for p in resources.files("vault_lint.profiles").iterdir()
                   if p.name.endswith(".toml") and p.name != "synonyms.toml")
    assert files == sorted(profiles.NAMES) and profiles.NAMES[0] == profiles.DEFAULT == "fr"
    top = settings_schema()["properties"]["profile"]
    by_name = next(branch for branch in top["anyOf"] if branch.get("type") == "string")
    assert by_name["enum"] == list(profiles.NAMES)
    assert profile_table_schema()["properties"]["extends"]["enum"] == list(profiles.NAMES)


@pytest.mark.parametrize("name", profiles.NAMES)
def test_a_built_in_profile_is_a_valid_and_complete_profile_table(name: str) -> None:
    table = profiles.table(name)
    validate({"profile": table}, Path(f"vault_lint/profiles/{name}.toml"))  # the configuration's own schema
    # Every field is given: nothing is inherited from another profile's values.
    assert set(table) == {f.name for f in fields(Profile)}
    assert set(table["keys"]) == {f.name for f in fields(Keys)}
    profile = profiles.builtin(name)
    assert all(profile.has_role(role) for role in ("quick_info", "ingredients", "steps", "source"))


def test_the_words_for_not_stated_known_without_the_files_are_the_built_in_profiles() -> None:
    from_files = [word for name in profiles.NAMES for word in profiles.table(name)["not_stated"]]
    assert sorted(set(BUILTIN_NOT_STATED)) == sorted(set(from_files))
    assert len(BUILTIN_NOT_STATED) == len(set(BUILTIN_NOT_STATED))


def test_fr_is_the_default_profile_unchanged() -> None:
    assert profiles.builtin("fr") == DEFAULT_PROFILE == Profile()
    assert profiles.from_table({}) == DEFAULT_PROFILE
    assert profiles.from_table({"extends": "fr"}) == DEFAULT_PROFILE


def test_en_is_english_through_and_through() -> None:
    en = profiles.builtin("en")
    assert en.keys == Keys(cuisine="cuisine", type="type", prep="prep_time", cook="cook_time", total="total_time",
                           rest="rest_time", portions="servings", difficulty="difficulty", protein="protein",
                           source="source", url="url", date_added="date_added", tags="tags")
    assert [(spec.role, spec.names) for spec in en.sections] == [
        ("quick_info", ("Quick info",)),
        ("ingredients", ("Ingredients",)),
        ("steps", ("Steps", "Directions", "Instructions", "Method")),
        ("source", ("Source",)),
    ]
    assert [(b.name, b.max_minutes) for b in en.time_buckets] == [("quick", 30), ("medium", 60), ("long", None)]
    assert (en.time_namespace, en.advance_tag, en.tags_with_hash) == ("time", "make-ahead", False)
    assert dict(en.field_namespaces) == {"cuisine": "cuisine", "type": "type", "protein": "protein",
                                         "difficulty": "difficulty"}
    assert {"unknown", "n/a", "none", "not specified", "-", "?", "varies"} <= set(en.not_stated)
    assert en.list_words == ("and", "or")
    labels = dict(en.quick_info_labels)
    assert [labels[role][0] for role in ("prep", "cook", "total", "rest", "portions", "difficulty", "type",
                                         "cuisine", "protein")] == [
        "Prep time", "Cook time", "Total time", "Rest time", "Servings", "Difficulty", "Type", "Cuisine", "Protein"]
    # No French word left: every name of the English profile is plain ASCII.
    text = (Path(profiles.__file__).parent / "en.toml").read_text(encoding="utf-8")
    assert text.isascii()


def test_the_english_schema_requires_the_english_keys() -> None:
    from jsonschema import Draft202012Validator

    from vault_lint.schema import schema_file

    en = profiles.builtin("en")
    path = schema_file(en.schema)
    assert path == REPO / "schemas" / "recipe.en.schema.json" or path.parts[-3:] == (
        "vault_lint", "schemas", "recipe.en.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    keys = {getattr(en.keys, f.name) for f in fields(Keys)}
    assert set(schema["required"]) == keys - {en.keys.rest}
    assert set(schema["properties"]) == keys
    assert schema["properties"]["difficulty"]["enum"] == ["easy", "intermediate", "hard"]
    assert {"main-course", "starter", "side", "dessert", "breakfast", "snack", "drink", "sauce"} <= set(
        schema["properties"]["type"]["enum"])
    assert schema["properties"]["date_added"]["format"] == "date"


def test_the_shipped_schemas_go_into_the_wheel() -> None:
    # pyproject.toml force-includes schemas/ as vault_lint/schemas, where
    # schema.schema_file looks first (tests/test_packaging.py builds the wheel).
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["schemas"] == "vault_lint/schemas"
    for name in profiles.NAMES:
        assert (REPO / "schemas" / profiles.table(name)["schema"]).is_file()


# -- selecting and extending a profile ----------------------------------------------

def test_profile_en_selects_the_english_profile(tmp_path: Path) -> None:
    (tmp_path / "vault-lint.toml").write_text('profile = "en"\n', encoding="utf-8")
    assert load_settings(tmp_path).profile == profiles.builtin("en")
    (tmp_path / "vault-lint.toml").write_text('profile = "fr"\n', encoding="utf-8")
    assert load_settings(tmp_path).profile == DEFAULT_PROFILE
    (tmp_path / "vault-lint.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.vault-lint]\nprofile = "en"\n', encoding="utf-8")
    assert load_settings(tmp_path).profile == profiles.builtin("en")


def test_a_profile_table_extends_a_built_in_profile(tmp_path: Path) -> None:
    (tmp_path / "vault-lint.toml").write_text(
        '[profile]\nextends = "en"\nlink_label = "URL"\n[profile.keys]\nprep = "prepTime"\n', encoding="utf-8")
    en = profiles.builtin("en")
    assert load_settings(tmp_path).profile == replace(en, link_label="URL", keys=replace(en.keys, prep="prepTime"))
    # Without extends, a table starts from fr, as before there were two profiles.
    (tmp_path / "vault-lint.toml").write_text('[profile]\nlink_label = "Lien"\n', encoding="utf-8")
    assert load_settings(tmp_path).profile == replace(DEFAULT_PROFILE, link_label="Lien")


def test_a_profile_table_may_name_a_shipped_schema(tmp_path: Path) -> None:
    (tmp_path / "vault-lint.toml").write_text('[profile]\nschema = "recipe.en.schema.json"\n', encoding="utf-8")
    assert load_settings(tmp_path).profile.schema == "recipe.en.schema.json"


def test_an_unknown_profile_is_one_line_naming_the_file_the_setting_and_the_choices(vault: Path) -> None:
    english_vault(vault, config='profile = "de"\n')
    result = run_cli(NOTE, cwd=vault)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"vault-lint: {vault / 'vault-lint.toml'}: profile: expected one of \"fr\", \"en\" "
                             '(the built-in profiles), or a [profile] table, got "de"\n')
    english_vault(vault, config='[profile]\nextends = "de"\n')
    result = run_cli(NOTE, cwd=vault)
    assert result.returncode == 2
    assert result.stderr == (f"vault-lint: {vault / 'vault-lint.toml'}: profile.extends: expected the name of a "
                             'built-in profile: "fr" or "en", got "de"\n')


# -- an English vault through the command line ----------------------------------------

def test_a_clean_english_note_has_no_finding(vault: Path) -> None:
    english_vault(vault)
    for selection in ((), ("--select", "ALL")):
        result = run_cli(*selection, NOTE, cwd=vault)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == "All checks passed!\n"


def test_a_total_smaller_than_its_parts_is_tm001_at_the_total(vault: Path) -> None:
    english_vault(vault, edited(("total_time: 45", "total_time: 40"), ("Total time: 45 minutes", "Total time: 40 min")))
    assert concise(vault, "--select", "TM001") == [
        f"{NOTE}:6:13: TM001 [*] total_time is 40 but prep_time + cook_time = 15 + 30 = 45"]
    result = run_cli("--select", "TM001", "--fix", NOTE, cwd=vault)
    assert result.returncode == 0, result.stdout
    assert (vault / NOTE).read_text(encoding="utf-8") == edited(("Total time: 45 minutes", "Total time: 40 min"))


def test_a_missing_tag_mirror_is_tg001_with_the_tag_written_without_hash(vault: Path) -> None:
    english_vault(vault, edited(("  - cuisine/italian\n", "")))
    assert concise(vault) == [f"{NOTE}:2:10: TG001 [*] cuisine is 'italian' but tags have no 'cuisine/italian'"]
    assert run_cli("--fix", NOTE, cwd=vault).returncode == 0
    assert (vault / NOTE).read_text(encoding="utf-8") == edited(
        ("  - cuisine/italian\n", ""), ("  - method/braise\n", "  - method/braise\n  - cuisine/italian\n"))


def test_an_english_time_bucket(vault: Path) -> None:
    english_vault(vault, edited(("  - time/medium\n", "  - time/quick\n")))
    assert concise(vault) == [
        f"{NOTE}:18:5: TG003 [*] tag 'time/quick' does not match the time: total_time is 45, "
        + "expected 'time/medium' (<= 60 min)"]


def test_extends_en_with_one_override(vault: Path) -> None:
    english_vault(vault, config='[profile]\nextends = "en"\ntags_with_hash = true\n')
    found = concise(vault)
    # Only what was overridden changes: the English keys, sections and labels still hold.
    assert [line.removeprefix(NOTE).split()[1] for line in found] == ["TG004"] * 6
    assert found[0] == (f"{NOTE}:14:5: TG004 [*] tag 'cuisine/italian' is written without the '#' the vault's "
                        "tags use: expected '#cuisine/italian'")


# Every name of the French profile that the English one does not share.
def _french_only_names() -> set[str]:
    def names(table: dict[str, Any]) -> set[str]:
        found = set(table["keys"].values()) | set(table["field_namespaces"].values())
        found |= {name for spec in table["sections"] for name in spec["names"]}
        found |= {label for labels in table["quick_info_labels"].values() for label in labels}
        found |= {bucket["name"] for bucket in table["time_buckets"]}
        found |= {table["time_namespace"], table["advance_tag"], table["non_recipe_tag"]}
        return {name.casefold() for name in found}

    return names(profiles.table("fr")) - names(profiles.table("en"))


# The same note, broken every way an English vault's note gets broken.
BROKEN = """\
---
cuisine: Italian
type: main-course
prep_time: 15
cook_time: 30
total_time: 1440
servings: four
difficulty: medium
protein: chicken
source: Instagram
url: https://www.youtube.com/watch?v=Xq3bVp1_4Zc
date_added: 2025-13-02
tags:
  - "#cuisine/italian"
  - protein/beef
  - bad tag
  - time/quick
  - time/quick
---

## Quick info

- Prep time: 15 minutes | Cook time: 1 hour | Servings: 4 | Difficulty: Easy

## Steps

3. Season the chicken and brown it skin side down in a wide pan, 8 minutes.
4. Return the chicken, cover and simmer 20 minutes until cooked through.

## Ingredients

"""


@pytest.mark.parametrize("output", ["full", "json", "github"])
def test_no_french_name_in_an_english_vaults_findings(vault: Path, output: str) -> None:
    english_vault(vault, BROKEN)
    result = run_cli("--select", "ALL", "--unsafe-fixes", "--show-fixes", "--output-format", output, NOTE, cwd=vault)
    assert result.returncode == 1, result.stderr
    codes = {"FM003", "SR002", "TG001", "TG002", "TG003", "TG004", "TG005", "TM001", "TM002",
             "SC001", "SC002", "SC003", "SC004", "SC005"}
    assert all(code in result.stdout for code in codes), result.stdout
    words = result.stdout.casefold()
    assert not [name for name in _french_only_names() if name in words], result.stdout
