"""The configuration is checked against settings.schema.json when it is read:
a wrong value is one line naming the file and the setting, never an
internal error later; a profile may leave section roles out."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, REPO, run_cli

from vault_lint.config import (
    MAX_FILE_SIZE_LIMIT,
    ConfigError,
    Settings,
    load_settings,
    profile_table_schema,
    settings_schema,
)
from vault_lint.profile import (
    DEFAULT_PROFILE,
    ROLES,
    Bucket,
    Keys,
    Profile,
    SectionSpec,
    profile_from_mapping,
)

# (TOML, the setting the message must name). Each is a mistake a user can
# make; before the schema most were read silently or crashed a rule.
WRONG: list[tuple[str, str]] = [
    # top-level settings
    ("selct = ['FM']\n", "unknown setting(s): selct"),
    ("select = 'FM'\n", "select"),
    ("select = ['fm']\n", "select[0]"),
    ("extend-select = [3]\n", "extend-select[0]"),
    ("ignore = [{ code = 'FM' }]\n", "ignore[0]"),
    ("exclude = 'x'\n", "exclude"),
    ("exclude = ['']\n", "exclude[0]"),
    ("per-file-ignores = ['x']\n", "per-file-ignores"),
    ("[per-file-ignores]\n'Journal/*' = 'FM'\n", 'per-file-ignores."Journal/*"'),
    ("[per-file-ignores]\n'Journal/*' = [1]\n", 'per-file-ignores."Journal/*"[0]'),
    ("max-file-size = inf\n", "max-file-size"),
    ("max-file-size = nan\n", "max-file-size"),
    ("max-file-size = 9223372036854775807\n", "max-file-size"),
    ("max-file-size = -1\n", "max-file-size"),
    ("max-file-size = 0\n", "max-file-size"),
    ("max-file-size = '10MB'\n", "max-file-size"),
    ("follow-symlinks = 'false'\n", "follow-symlinks"),
    ("follow-symlinks = 1\n", "follow-symlinks"),
    # the profile: a built-in one by name, or a table
    ("profile = 'de'\n", "profile"),
    ("profile = 3\n", "profile"),
    ("profile = ['en']\n", "profile"),
    ("extends = 'en'\n", "unknown setting(s): extends (did you mean 'profile.extends'?)"),
    ("time_buckets = []\n", "unknown setting(s): time_buckets (did you mean 'profile.time_buckets'?)"),
    ("[profile]\nextends = 'de'\n", "profile.extends"),
    ("[profile]\nextends = ['en']\n", "profile.extends"),
    ("[profile]\nselect = ['TM']\n", "profile: unknown setting(s): select (did you mean the top-level 'select'?)"),
    ("[profile]\nextends = 'en'\n[profile.keys]\ntotal = 'prep_time'\n", "profile.keys.total"),
    ("[profile]\nsectoins = []\n", "profile: unknown setting(s): sectoins"),
    ("[profile]\nkeys = 'x'\n", "profile.keys"),
    ("[profile.keys]\nportionz = 'x'\n", "profile.keys: unknown profile key role(s): portionz"),
    ("[profile.keys]\nportions = ''\n", "profile.keys.portions"),
    ("[profile.keys]\ntotal = 'temps_prep'\n", "profile.keys.total"),
    ("[profile]\nschema = 3\n", "profile.schema"),
    ("[profile]\nschema = 'nope.json'\n", "profile.schema"),
    ("[profile]\nnon_recipe_tag = 5\n", "profile.non_recipe_tag"),
    ("[profile]\nnon_recipe_tag = 'pas une recette'\n", "profile.non_recipe_tag"),
    ("[profile]\ntags_with_hash = 'no'\n", "profile.tags_with_hash"),
    ("[profile]\nfield_namespaces = ['cuisine']\n", "profile.field_namespaces"),
    ("[profile.field_namespaces]\ncalories = 'calories'\n", "profile.field_namespaces: unknown key role(s): calories"),
    ("[profile.field_namespaces]\ncuisine = '#cuisine'\n", "profile.field_namespaces.cuisine"),
    ("[profile]\nmulti_value_namespaces = 'cuisine'\n", "profile.multi_value_namespaces"),
    ("[profile]\ntime_namespace = 'temps/'\n", "profile.time_namespace"),
    ("[profile]\ntime_buckets = []\n", "profile.time_buckets"),
    ("[[profile.time_buckets]]\nname = 'vite'\nmax_minutes = 15\n[[profile.time_buckets]]\nmax_minutes = 30\n",
     "profile.time_buckets[1].name"),
    ("[[profile.time_buckets]]\nname = 'vite'\nmax_minutes = 0\n", "profile.time_buckets[0].max_minutes"),
    ("[[profile.time_buckets]]\nname = 'vite'\nmax_minutes = 1.5\n", "profile.time_buckets[0].max_minutes"),
    ("[[profile.time_buckets]]\nname = 'vite'\nmax = 15\n", "profile.time_buckets[0]: unknown time bucket"),
    ("[[profile.time_buckets]]\nname = 'long'\n[[profile.time_buckets]]\nname = 'vite'\nmax_minutes = 15\n",
     "profile.time_buckets[0].max_minutes"),
    ("[[profile.time_buckets]]\nname = 'a'\nmax_minutes = 30\n[[profile.time_buckets]]\nname = 'b'\nmax_minutes = 15\n",
     "profile.time_buckets[1].max_minutes"),
    ("[[profile.time_buckets]]\nname = 'a'\nmax_minutes = 15\n[[profile.time_buckets]]\nname = 'A'\n",
     "profile.time_buckets[1].name"),
    ("[profile]\nadvance_tag = 'temps/avance'\n", "profile.advance_tag"),
    ("[profile]\nsections = 'Source'\n", "profile.sections"),
    ("[[profile.sections]]\nrole = 'sorce'\nnames = ['Source']\n", "profile.sections[0].role"),
    ("[[profile.sections]]\nrole = 'source'\n", "profile.sections[0].names"),
    ("[[profile.sections]]\nrole = 'source'\nnames = []\n", "profile.sections[0].names"),
    ("[[profile.sections]]\nrole = 'source'\nnames = 'Source'\n", "profile.sections[0].names"),
    ("[[profile.sections]]\nrole = 'source'\nnames = ['']\n", "profile.sections[0].names[0]"),
    ("[[profile.sections]]\nrole = 'source'\nnames = ['🔗']\n", "profile.sections[0].names[0]"),
    ("[[profile.sections]]\nrole = 'steps'\nnames = ['Étapes']\n[[profile.sections]]\nrole = 'steps'\nnames = ['Steps']\n",
     "profile.sections[1].role"),
    ("[[profile.sections]]\nrole = 'steps'\nnames = ['Étapes']\n[[profile.sections]]\nnames = ['étapes :']\n",
     "profile.sections[1].names[0]"),
    ("[[profile.sections]]\nrole = 'steps'\nnames = ['Étapes']\ntitle = 'x'\n", "profile.sections[0]: unknown section"),
    ("[profile]\nsection_levels = 2\n", "profile.section_levels"),
    ("[profile]\nsection_levels = []\n", "profile.section_levels"),
    ("[profile]\nsection_levels = [2, 7]\n", "profile.section_levels[1]"),
    ("[profile]\nsection_levels = [2, 2]\n", "profile.section_levels"),
    ("[profile]\npreferred_section_level = '2'\n", "profile.preferred_section_level"),
    ("[profile]\npreferred_section_level = 4\n", "profile.preferred_section_level"),
    ("[profile]\nsection_levels = [3]\npreferred_section_level = 2\n", "profile.preferred_section_level"),
    ("[profile]\nlink_label = ''\n", "profile.link_label"),
    ("[profile]\nquick_info_labels = ['Cuisson']\n", "profile.quick_info_labels"),
    ("[profile.quick_info_labels]\ncalories = ['Calories']\n", "profile.quick_info_labels: unknown key role(s): calories"),
    ("[profile.quick_info_labels]\ncook = 'Cuisson'\n", "profile.quick_info_labels.cook"),
    ("[profile.quick_info_labels]\ncook = []\n", "profile.quick_info_labels.cook"),
    ("[profile.quick_info_labels]\nprep = ['Total']\ntotal = ['Total']\n", "profile.quick_info_labels.total[0]"),
    ("[profile]\nnot_stated = 'n/a'\n", "profile.not_stated"),
    ("[profile]\nlist_words = 'et'\n", "profile.list_words"),
    ("[profile]\nlist_words = ['et', ' ']\n", "profile.list_words[1]"),
    ("[profile]\nminute_units = []\n", "profile.minute_units"),
    ("[profile]\nhour_units = ['h', 1]\n", "profile.hour_units[1]"),
    ("[profile]\nno_details_phrases = 'sans détails'\n", "profile.no_details_phrases"),
    ("[profile]\nno_details_words = [true]\n", "profile.no_details_words[0]"),
    ("[profile]\nnegation_words = 'pas'\n", "profile.negation_words"),
    ("[profile]\nextra_time_markers = ['']\n", "profile.extra_time_markers[0]"),
    ("[profile]\nrest_words = 'repos'\n", "profile.rest_words"),
    ("[profile]\nplatforms = ['youtube.com']\n", "profile.platforms"),
    ("[profile.platforms]\n'YouTube.com' = 'YouTube'\n", 'profile.platforms."YouTube.com"'),
    ("[profile.platforms]\n'youtube.com' = ''\n", 'profile.platforms."youtube.com"'),
]


@pytest.mark.parametrize(("table", "setting"), WRONG, ids=[setting for _, setting in WRONG])
def test_a_wrong_setting_is_one_line_naming_the_file_and_the_setting(vault: Path, table: str, setting: str) -> None:
    (vault / "vault-lint.toml").write_text(table, encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    line = result.stderr.rstrip("\n")
    assert line.startswith(f"vault-lint: {vault / 'vault-lint.toml'}: "), line
    assert f": {setting}" in line, line
    if "unknown" not in setting and "schema" not in setting:
        assert ": expected " in line and ", got " in line, line


@pytest.mark.parametrize(("table", "message"), [
    ('[tool.vault-lint.profile]\nsection_levels = "2"\n',
     'tool.vault-lint.profile.section_levels: expected a list of heading levels (integers 1 to 6), got "2"'),
    ("[tool]\nvault-lint = 5\n", "tool.vault-lint: expected a table of settings, got 5"),
    ('[tool.vault-lint]\nselct = ["FM"]\n', "tool.vault-lint: unknown setting(s): selct (did you mean 'select'?)"),
])
def test_pyproject_settings_are_named_from_the_document_root(vault: Path, table: str, message: str) -> None:
    (vault / "vault-lint.toml").unlink()  # it would be read before pyproject.toml
    (vault / "pyproject.toml").write_text(table, encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2
    assert result.stderr == f"vault-lint: {vault / 'pyproject.toml'}: {message}\n"


def test_messages_say_what_is_expected_and_what_was_given(tmp_path: Path) -> None:
    def message(table: str) -> str:
        (tmp_path / "vault-lint.toml").write_text(table, encoding="utf-8")
        with pytest.raises(ConfigError) as error:
            load_settings(tmp_path)
        text = str(error.value)
        prefix = f"{tmp_path / 'vault-lint.toml'}: "
        assert text.startswith(prefix)
        return text.removeprefix(prefix)

    assert message("[profile]\nsection_levels = 2\n") == (
        "profile.section_levels: expected a list of heading levels (integers 1 to 6), got 2")
    assert message("[profile]\nsection_levels = [2, 2]\n") == (
        "profile.section_levels: expected a list of heading levels (integers 1 to 6), got [2, 2] (2 twice)")
    assert message("[[profile.time_buckets]]\nname = 'a'\n[[profile.time_buckets]]\nmax_minutes = 9\n") == (
        "profile.time_buckets[1].name: expected a time bucket name: a tag without '#', '/' or spaces "
        '(like "rapide"), got nothing')
    assert message("[per-file-ignores]\n'Journal/*' = [1]\n") == (
        'per-file-ignores."Journal/*"[0]: expected a rule code or prefix in capitals (like "FM" or "TG003"), '
        'or "ALL", got 1')
    assert message("max-file-size = inf\n") == (
        "max-file-size: expected a size in bytes (an integer from 1 to 1073741824, 1 GiB), got inf")
    assert message("follow-symlinks = 'false'\n") == 'follow-symlinks: expected true or false, got "false"'
    assert message("[[profile.sections]]\nrole = 'sorce'\nnames = ['Source']\n") == (
        'profile.sections[0].role: expected one of "quick_info", "ingredients", "steps", "source" '
        '(leave role out for an additional required section), got "sorce"')
    assert message("[[profile.sections]]\nrole = 'steps'\nnames = ['Étapes']\n"
                   "[[profile.sections]]\nrole = 'steps'\nnames = ['Steps']\n") == (
        'profile.sections[1].role: expected a role no other section has, got "steps" (the role of sections[0] too)')
    assert message("[profile]\nsection_levels = [3]\npreferred_section_level = 2\n") == (
        "profile.preferred_section_level: expected one of section_levels (3), got 2")
    assert message("max_file_size = 10\n") == "unknown setting(s): max_file_size (did you mean 'max-file-size'?)"
    # The most relevant error of several: the one nearest the top of the file.
    assert message("selct = 1\n[profile]\nsection_levels = 2\n").startswith("unknown setting(s): selct")
    # A long value is shortened, and a string with a line break stays on one line.
    long = message(f"[profile]\nlist_words = '{'x' * 200}'\n")
    assert long.endswith("…") and len(long) < 200
    assert "\n" not in message('[profile]\nlink_label = "a\\nb"\n')


# -- a profile without some roles --------------------------------------------------

SECTIONS = {
    "quick_info": ("Informations rapides",),
    "ingredients": ("Ingrédients", "Ingredients"),
    "steps": ("Étapes", "Steps"),
    "source": ("Source",),
}


def _sections_without(*left_out: str, extra: tuple[str, ...] = ()) -> str:
    text = ""
    for role, names in SECTIONS.items():
        if role not in left_out:
            text += f"[[profile.sections]]\nrole = {json.dumps(role)}\nnames = {json.dumps(list(names), ensure_ascii=False)}\n"
    for name in extra:
        text += f"[[profile.sections]]\nnames = [{json.dumps(name, ensure_ascii=False)}]\n"
    return text


@pytest.mark.parametrize("left_out", [("source",), ("quick_info",), ("quick_info", "source")])
def test_a_profile_may_leave_a_role_out(vault: Path, left_out: tuple[str, ...]) -> None:
    (vault / "vault-lint.toml").write_text(_sections_without(*left_out), encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    profile = load_settings(vault).profile
    assert all(not profile.has_role(role) and profile.section(role) is None for role in left_out)
    assert all(profile.section_keys(role) == frozenset() for role in left_out)
    for args in (("--select", "ALL"), ("--select", "ALL", "--fix", "--unsafe-fixes", "--diff")):
        result = run_cli(*args, "Porc.md", cwd=vault)
        assert result.returncode in (0, 1), result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_section_without_a_role_is_an_additional_required_section(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text(_sections_without(extra=("Notes",)), encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    profile = load_settings(vault).profile
    assert profile.sections[-1] == SectionSpec("extra:Notes", ("Notes",))
    assert profile.has_role("source") and not profile.has_role("Notes")
    result = run_cli("--select", "SC002", "--output-format", "concise", "Porc.md", cwd=vault)
    assert result.returncode == 1 and "SC002 required section 'Notes' is missing" in result.stdout
    (vault / "Porc.md").write_text(CLEAN.rstrip("\n") + "\n\n## Notes\n\nDélicieux.\n", encoding="utf-8")
    assert run_cli("--select", "SC002", "Porc.md", cwd=vault).returncode == 0


def test_profile_sections_by_role() -> None:
    profile = DEFAULT_PROFILE
    assert [spec.role for spec in profile.sections] == list(ROLES)
    assert profile.section("source") == SectionSpec("source", ("Source",)) and profile.has_role("steps")
    assert profile.section("notes") is None and not profile.has_role("notes")
    assert profile.section_keys("notes") == frozenset()
    assert profile.section_keys("ingredients") == {"ingrédients", "ingredients"}


# -- a good configuration ----------------------------------------------------------

EVERY_FIELD = """\
[profile]
schema = "mine.json"
non_recipe_tag = "pas-une-recette"
tags_with_hash = false
multi_value_namespaces = ["cuisine", "viande"]
time_namespace = "durée"
advance_tag = "la-veille"
section_levels = [2, 3, 4]
preferred_section_level = 3
link_label = "Lien"
not_stated = ["n/a", "?"]
list_words = ["and", "or"]
minute_units = ["min", "minutes"]
hour_units = ["h", "hours"]
no_details_phrases = ["no details"]
no_details_words = ["detail"]
negation_words = ["no", "without"]
extra_time_markers = ["+", "plus"]
rest_words = ["rest", "chill"]

[profile.keys]
cuisine = "cuisine_du_monde"
type = "genre"
prep = "prep"
cook = "cook"
total = "total"
rest = "rest"
portions = "serves"
difficulty = "level"
protein = "protein"
source = "origin"
url = "link"
date_added = "added"
tags = "labels"

[profile.field_namespaces]
cuisine = "cuisine"
protein = "viande"

[[profile.time_buckets]]
name = "quick"
max_minutes = 20

[[profile.time_buckets]]
name = "slow"

[[profile.sections]]
role = "ingredients"
names = ["Ingredients"]

[[profile.sections]]
role = "steps"
names = ["Method", "Steps"]

[[profile.sections]]
names = ["Notes"]

[profile.quick_info_labels]
prep = ["Prep"]
cook = ["Cook", "Cooking"]

[profile.platforms]
"youtube.com" = "YouTube"
"vimeo.com" = "Vimeo"
"""


def test_a_configuration_setting_every_profile_field_loads_into_the_profile(vault: Path) -> None:
    (vault / "mine.json").write_text((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (vault / "vault-lint.toml").write_text(EVERY_FIELD, encoding="utf-8")
    import tomllib

    given = tomllib.loads(EVERY_FIELD)["profile"]
    assert set(given) == {f.name for f in fields(Profile)} and set(given["keys"]) == {f.name for f in fields(Keys)}
    assert load_settings(vault).profile == Profile(
        keys=Keys(cuisine="cuisine_du_monde", type="genre", prep="prep", cook="cook", total="total", rest="rest",
                  portions="serves", difficulty="level", protein="protein", source="origin", url="link",
                  date_added="added", tags="labels"),
        schema=str((vault / "mine.json").resolve()),
        non_recipe_tag="pas-une-recette",
        tags_with_hash=False,
        field_namespaces=(("cuisine", "cuisine"), ("protein", "viande")),
        multi_value_namespaces=("cuisine", "viande"),
        time_namespace="durée",
        time_buckets=(Bucket("quick", 20), Bucket("slow", None)),
        advance_tag="la-veille",
        sections=(SectionSpec("ingredients", ("Ingredients",)), SectionSpec("steps", ("Method", "Steps")),
                  SectionSpec("extra:Notes", ("Notes",))),
        section_levels=(2, 3, 4),
        preferred_section_level=3,
        link_label="Lien",
        quick_info_labels=(("prep", ("Prep",)), ("cook", ("Cook", "Cooking"))),
        not_stated=("n/a", "?"),
        list_words=("and", "or"),
        minute_units=("min", "minutes"),
        hour_units=("h", "hours"),
        no_details_phrases=("no details",),
        no_details_words=("detail",),
        negation_words=("no", "without"),
        extra_time_markers=("+", "plus"),
        rest_words=("rest", "chill"),
        platforms=(("youtube.com", "YouTube"), ("vimeo.com", "Vimeo")),
    )
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    assert run_cli("--select", "ALL", "Porc.md", cwd=vault).returncode in (0, 1)


def test_every_top_level_setting_loads(tmp_path: Path) -> None:
    (tmp_path / "vault-lint.toml").write_text(
        'select = ["FM", "TM"]\nextend-select = ["SC007"]\nignore = ["TM002"]\nexclude = ["Archives"]\n'
        'max-file-size = 1e6\nfollow-symlinks = true\n[per-file-ignores]\n"Journal/*" = ["SC", "ALL"]\n',
        encoding="utf-8")
    assert load_settings(tmp_path) == Settings(
        select=("FM", "TM"), extend_select=("SC007",), ignore=("TM002",), exclude=("Archives",),
        max_file_size=1_000_000, follow_symlinks=True, per_file_ignores=(("Journal/*", ("SC", "ALL")),), source=tmp_path / "vault-lint.toml",
    )
    assert isinstance(load_settings(tmp_path).max_file_size, int)


def test_section_levels_alone_carry_the_preferred_level_along(tmp_path: Path) -> None:
    (tmp_path / "vault-lint.toml").write_text("[profile]\nsection_levels = [3, 4]\n", encoding="utf-8")
    assert load_settings(tmp_path).profile.preferred_section_level == 3
    (tmp_path / "vault-lint.toml").write_text("[profile]\nsection_levels = [1, 2]\n", encoding="utf-8")
    assert load_settings(tmp_path).profile.preferred_section_level == 2


# -- the schema itself -------------------------------------------------------------

def _walk(schema: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every subschema, with where it lies."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        found.append((where, schema))
        for key in ("properties",):
            for name, sub in schema.get(key, {}).items():
                found += _walk(sub, f"{where}/{key}/{name}")
        for key in ("items", "additionalProperties", "propertyNames"):
            if isinstance(schema.get(key), dict):
                found += _walk(schema[key], f"{where}/{key}")
        for branch in schema.get("anyOf", []):
            found += _walk(branch, f"{where}/anyOf")
    return found


def test_the_schema_is_valid_and_says_what_each_value_should_be() -> None:
    from jsonschema import Draft202012Validator

    schema = settings_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for where, sub in _walk(schema):
        if "type" in sub or "enum" in sub:
            assert sub.get("x-expected"), f"{where} has no x-expected"
        if sub.get("additionalProperties") is False:
            assert sub.get("x-unknown"), f"{where} has no x-unknown"
        if sub.get("type") == "object" and "propertyNames" not in sub and where != "#/properties/per-file-ignores":
            assert sub.get("additionalProperties") is False, f"{where} accepts unknown names"


def test_the_schema_names_every_field_and_its_defaults_are_the_defaults() -> None:
    from vault_lint import profiles

    schema = settings_schema()
    top, profile = schema["properties"], profile_table_schema()["properties"]
    assert set(top) == {f.name.replace("_", "-") for f in fields(Settings) if f.name != "source"}
    assert set(profile) == {f.name for f in fields(Profile)} | {"extends"}
    assert set(profile["keys"]["properties"]) == {f.name for f in fields(Keys)}
    assert top["max-file-size"]["maximum"] == MAX_FILE_SIZE_LIMIT
    defaults = Settings()
    for name, sub in top.items():
        if name != "profile":
            value = getattr(defaults, name.replace("-", "_"))
            assert sub["default"] == (dict(value) if name == "per-file-ignores" else
                                      list(value) if isinstance(value, tuple) else value), name
    # The profile's defaults are the built-in profiles' data (tests/test_profiles.py), not the schema's.
    assert top["profile"]["default"] == profile["extends"]["default"] == profiles.DEFAULT
    assert [name for name, sub in profile.items() if "default" in sub] == ["extends"]
    assert profile_from_mapping(profiles.table("fr")) == DEFAULT_PROFILE
    # Every setting has an example (docs/configuration.md shows it) that is valid.
    for name, sub in [*top.items(), *(("profile." + name, sub) for name, sub in profile.items())]:
        assert sub.get("examples"), f"{name} has no example"


def test_no_configuration_file_means_no_jsonschema_import(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from vault_lint.config import load_settings; "
            f"load_settings(Path({str(tmp_path)!r})); print('jsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
