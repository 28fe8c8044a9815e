"""Settings: the configuration file, selection and the profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, REPO, run_cli

from vault_lint.config import ConfigError, Settings, load_settings
from vault_lint.rules import get


def test_selection_follows_the_most_specific_prefix() -> None:
    fm003, sc007 = get("FM003"), get("SC007")
    assert Settings().enabled(fm003.code, fm003.default)
    assert not Settings(ignore=("FM",)).enabled(fm003.code, fm003.default)
    assert Settings(ignore=("FM",), select=("FM003",)).enabled(fm003.code, fm003.default)
    assert not Settings(select=("FM003",), ignore=("FM003",)).enabled(fm003.code, fm003.default)
    assert not Settings(select=("TM",)).enabled(fm003.code, fm003.default)
    assert Settings(select=("TM",), extend_select=("FM",)).enabled(fm003.code, fm003.default)
    assert not Settings().enabled(sc007.code, sc007.default)
    assert not Settings(select=("SC",)).enabled(sc007.code, sc007.default)
    assert Settings(extend_select=("SC007",)).enabled(sc007.code, sc007.default)


def test_pyproject_table_and_unknown_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.vault-lint]\nignore = ["TG"]\nmax-file-size = 1000\n')
    settings = load_settings(tmp_path)
    assert settings.ignore == ("TG",) and settings.max_file_size == 1000
    (tmp_path / "vault-lint.toml").write_text('selct = ["TG"]\n')
    with pytest.raises(ConfigError, match=r"vault-lint.toml: unknown setting\(s\): selct"):
        load_settings(tmp_path)


def test_profile_keys_are_configurable(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text('[profile.keys]\nportions = "personnes"\n', encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN.replace("portions: 4", "personnes: 4"), encoding="utf-8")
    result = run_cli("--select", "FM003", "--output-format", "concise", "Porc.md", cwd=vault)
    # The schema still names 'portions'; the profile changes what the rules read.
    assert "missing required key 'portions'" in result.stdout
    (vault / "vault-lint.toml").write_text('[profile.keys]\nportionz = "x"\n', encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2 and "unknown profile key role(s): portionz" in result.stderr


def test_per_file_ignores_match_paths_from_the_vault_root(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text('[per-file-ignores]\n"Journal/*" = ["FM"]\n', encoding="utf-8")
    broken = CLEAN.replace("portions: 4", "portions: quatre")
    for folder in ("Journal", "Recettes"):
        (vault / folder).mkdir()
        (vault / folder / "Porc.md").write_text(broken, encoding="utf-8")
    result = run_cli("--select", "FM", "--output-format", "concise", ".", cwd=vault / "Recettes")
    assert result.stdout.startswith("Porc.md:7:11: FM003")
    assert run_cli("--select", "FM", "Porc.md", cwd=vault / "Journal").returncode == 0


def test_exclude_applies_to_found_and_named_files(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text('exclude = ["Archives", "*.excalidraw.md"]\n', encoding="utf-8")
    broken = CLEAN.replace("portions: 4", "portions: quatre")
    for name in ("Archives/2019/Porc.md", "Dessin.excalidraw.md", "Recettes/Porc.md"):
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(broken, encoding="utf-8")
    result = run_cli("--output-format", "concise", ".", "Archives/2019/Porc.md", cwd=vault)
    assert {line.split(":")[0] for line in result.stdout.splitlines()[:-1]} == {"Recettes/Porc.md"}


def test_a_configured_schema_is_found_from_the_configuration_folder(vault: Path, tmp_path: Path) -> None:
    import json

    schema = json.loads((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["portions"]["maximum"] = 12
    (vault / "schemas").mkdir()
    (vault / "schemas" / "mine.json").write_text(json.dumps(schema), encoding="utf-8")
    (vault / "vault-lint.toml").write_text('[profile]\nschema = "schemas/mine.json"\n', encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN.replace("portions: 4", "portions: 40"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("--select", "FM003", "--output-format", "concise", vault / "Porc.md", cwd=elsewhere)
    assert result.returncode == 1 and ":7:11: FM003 portions: expected" in result.stdout
    (vault / "vault-lint.toml").write_text('[profile]\nschema = "schemas/nope.json"\n', encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2 and "schema file not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("table", "setting"), [
    ('[per-file-ignores]\n"Journal/*" = "FM"\n', 'per-file-ignores."Journal/*": expected a list of rule codes'),
    ("per-file-ignores = [\"x\"]\n", "per-file-ignores: expected a table of glob = [rule codes]"),
    ("[profile]\nfield_namespaces = [\"cuisine\"]\n", "profile.field_namespaces: expected a table"),
    ("[profile.quick_info_labels]\ncalories = [\"Calories\"]\n",
     "profile.quick_info_labels: unknown key role(s): calories"),
])
def test_bad_configuration_values_are_one_line_errors(vault: Path, table: str, setting: str) -> None:
    # Every setting is checked this way: see test_settings_validation.py.
    (vault / "vault-lint.toml").write_text(table, encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("vault-lint: ") and result.stderr.count("\n") == 1
    assert f"vault-lint.toml: {setting}" in result.stderr
    assert "internal error" not in result.stderr


def test_pyproject_table_marks_the_vault_root(tmp_path: Path) -> None:
    from vault_lint.vault import find_root

    (tmp_path / "pyproject.toml").write_text('[tool.vault-lint]\nignore = ["SC"]\n', encoding="utf-8")
    (tmp_path / "Notes" / "Cuisine").mkdir(parents=True)
    assert find_root(tmp_path / "Notes" / "Cuisine") == tmp_path.resolve()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_root(tmp_path / "Notes" / "Cuisine") != tmp_path.resolve()


# -- like ruff: names checked, the setting meant suggested -------------------------

@pytest.mark.parametrize(("table", "message"), [
    ('selct = ["TG"]\n', "unknown setting(s): selct (did you mean 'select'?)"),
    ('extend_select = ["SC007"]\n', "unknown setting(s): extend_select (did you mean 'extend-select'?)"),
    ('selct = ["TG"]\nignor = ["SC"]\n', "unknown setting(s): selct, ignor (did you mean 'select', 'ignore'?)"),
    ('[profil]\nlink_label = "URL"\n', "unknown setting(s): profil (did you mean 'profile'?)"),
    ('link_label = "URL"\n', "unknown setting(s): link_label (did you mean 'profile.link_label'?)"),
    ('[profile]\nignore = ["SC"]\n', "profile: unknown setting(s): ignore (did you mean the top-level 'ignore'?)"),
    ('[profile]\ntags-with-hash = false\n',
     "profile: unknown setting(s): tags-with-hash (did you mean 'tags_with_hash'?)"),
    ('[profile.keys]\nprep_time = "prep"\n',
     "profile.keys: unknown profile key role(s): prep_time (did you mean 'prep'?)"),
])
def test_unknown_names_get_a_did_you_mean(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "vault-lint.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value) == f"{tmp_path / 'vault-lint.toml'}: {message}"


@pytest.mark.parametrize("name", ["vault_lint", "vaultlint", "Vault-Lint", "vault-lnt"])
def test_a_misspelt_pyproject_table_is_not_silently_ignored(vault: Path, name: str) -> None:
    (vault / "vault-lint.toml").unlink()  # it would be read before pyproject.toml
    (vault / "pyproject.toml").write_text(f'[tool.{name}]\nignore = ["TG"]\n', encoding="utf-8")
    (vault / "Porc.md").write_text(CLEAN, encoding="utf-8")
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2
    assert result.stderr == (f"vault-lint: {vault / 'pyproject.toml'}: [tool.{name}]: unknown table "
                             "(did you mean [tool.vault-lint]?)\n")
    # Beside the right table too: its settings would be ignored all the same.
    (vault / "pyproject.toml").write_text(f'[tool.vault-lint]\nignore = ["SC"]\n[tool.{name}]\nignore = ["TG"]\n',
                                          encoding="utf-8")
    assert run_cli("Porc.md", cwd=vault).returncode == 2


def test_a_misspelt_pyproject_table_marks_the_vault_root(tmp_path: Path) -> None:
    from vault_lint.vault import find_root

    (tmp_path / "pyproject.toml").write_text('[tool.vault_lint]\nignore = ["SC"]\n', encoding="utf-8")
    (tmp_path / "Notes").mkdir()
    assert find_root(tmp_path / "Notes") == tmp_path.resolve()
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n[tool.black]\n', encoding="utf-8")
    assert find_root(tmp_path / "Notes") != tmp_path.resolve()


# -- docs/configuration.md -------------------------------------------------------------

def test_configuration_reference_is_up_to_date() -> None:
    from vault_lint.settings_doc import COMMAND, configuration_markdown

    committed = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == configuration_markdown(), f"regenerate: {COMMAND}"


def test_the_reference_documents_every_setting() -> None:
    from vault_lint.config import profile_table_schema, settings_schema

    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = list(settings_schema()["properties"]) + [f"profile.{n}" for n in profile_table_schema()["properties"]]
    for name in names:
        section = text.split(f"\n### `{name}`\n", 1)[1].split("\n### ", 1)[0]
        assert "- Type: " in section and "- Default: " in section and "```toml\n" in section, name


def test_every_toml_block_of_the_reference_is_a_valid_configuration(tmp_path: Path) -> None:
    import re
    import shutil

    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    assert len(blocks) > 30 and any('extends = "en"' in block for block in blocks)
    (tmp_path / "schemas").mkdir()
    for name in ("recipe.schema.json", "my-recipe.schema.json"):  # the schemas the examples name
        shutil.copy(REPO / "schemas" / "recipe.en.schema.json", tmp_path / "schemas" / name)
    for block in blocks:
        (tmp_path / "vault-lint.toml").write_text(block, encoding="utf-8")
        try:
            load_settings(tmp_path)
        except ConfigError as error:  # pragma: no cover - the message says which
            pytest.fail(f"{error}\n{block}")


def test_a_vault_in_a_sub_folder_keeps_its_settings_from_the_repository_root(tmp_path: Path) -> None:
    """The nearest configuration applies to each note: run at the repository
    root (as CI and the hook run), the vault in ``cookbook/`` is checked under
    its own file, exactly as when run inside it."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "vault-lint.toml").write_text('select = ["SC006"]\n', encoding="utf-8")
    (repo / "notes").mkdir()
    (repo / "notes" / "empty.md").write_text("", encoding="utf-8")
    (repo / "cookbook" / ".obsidian").mkdir(parents=True)
    (repo / "cookbook" / "vault-lint.toml").write_text('select = ["FM001"]\n', encoding="utf-8")
    (repo / "cookbook" / "Tarte.md").write_text("# Tarte\n\n## Ingrédients\n\n- 3 pommes\n", encoding="utf-8")
    (repo / "cookbook" / "vide.md").write_text("", encoding="utf-8")

    at_root = run_cli("--output-format", "concise", "--no-cache", ".", cwd=repo)
    inside = run_cli("--output-format", "concise", "--no-cache", ".", cwd=repo / "cookbook")

    assert at_root.stdout.splitlines()[:2] == [
        "cookbook/Tarte.md:1:1: FM001 recipe has no front matter: add a '---' block with its keys at the top",
        "notes/empty.md:1:1: SC006 note is empty",
    ], at_root.stdout
    assert inside.stdout.splitlines()[0] == ("Tarte.md:1:1: FM001 recipe has no front matter: "
                                             "add a '---' block with its keys at the top")
    assert "vide.md" not in at_root.stdout + inside.stdout  # SC006 is not selected in the cookbook


def test_show_settings_prints_a_configuration_that_gives_the_same_settings(vault: Path, tmp_path: Path) -> None:
    (vault / "vault-lint.toml").write_text(
        'profile = "en"\nignore = ["SC003"]\nexclude = ["Archive"]\n[per-file-ignores]\n"Drafts/*" = ["TG"]\n',
        encoding="utf-8")
    shown = run_cli("--show-settings", str(vault))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"# Settings for {vault}"
    assert lines[2] == f"# configuration: {vault / 'vault-lint.toml'}"
    assert 'ignore = [\n    "SC003",\n]' in shown.stdout
    assert "SC003" not in lines[3] and "TM001" in lines[3]  # the rules on
    assert 'prep = "prep_time"' in shown.stdout  # the English profile, every field
    copy = tmp_path / "copy"
    (copy / ".obsidian").mkdir(parents=True)
    (copy / "vault-lint.toml").write_text(shown.stdout, encoding="utf-8")
    again = run_cli("--show-settings", str(copy))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[3:] == lines[3:]


def test_show_settings_of_a_missing_path_is_an_error(vault: Path) -> None:
    result = run_cli("--show-settings", str(vault / "nope.md"))
    assert result.returncode == 2
    assert result.stderr == f"vault-lint: {vault / 'nope.md'}: no such file or folder\n"
