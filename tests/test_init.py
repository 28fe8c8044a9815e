"""``vault-lint init``: a configuration written from what a vault's notes do."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import copy_example, run_cli, write_note
from test_infer import HUGO, hugo_vault

from vault_lint.config import load_settings


def test_init_writes_a_configuration_that_fits_the_vault(tmp_path: Path) -> None:
    root = hugo_vault(tmp_path / "vault", count=6)
    before = {path: path.read_bytes() for path in root.rglob("*.md")}
    result = run_cli("init", root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {root / 'vault-lint.toml'}, {root / 'recipe.schema.json'}"
    assert "  - tags written without '#' (12 tags)" in lines
    assert lines[-1] == "No rule flags any of the 6 recipes."
    table = tomllib.loads((root / "vault-lint.toml").read_text(encoding="utf-8"))
    assert table["profile"]["extends"] == "en" and table["profile"]["schema"] == "recipe.schema.json"
    assert table["ignore"] == ["SC001"] and table["profile"]["time_namespace"] == ""
    assert [s["names"][0] for s in table["profile"]["sections"]] == ["Ingredients", "Directions"]
    settings = load_settings(root)
    assert settings.profile.tags_with_hash is False
    assert {path: path.read_bytes() for path in root.rglob("*.md")} == before  # init only writes its files
    check = run_cli("--fix", ".", cwd=root)
    assert (check.returncode, check.stdout) == (0, "All checks passed!\n")
    assert {path: path.read_bytes() for path in root.rglob("*.md")} == before


def test_after_init_planted_defects_are_found(tmp_path: Path) -> None:
    root = hugo_vault(tmp_path / "vault", count=8)
    assert run_cli("init", root).returncode == 0
    write_note(root, "content/dish-1.md", HUGO.format(title="Dish 1", day=1, tag="french").replace("author: Jane Doe\n", ""))
    write_note(root, "content/dish-2.md", HUGO.format(title="Dish 2", day=2, tag="french").replace("## Directions\n", ""))
    write_note(root, "content/dish-3.md", HUGO.format(title="Dish 3", day=3, tag="french").replace("date: 2021-03-03", "date: [bad"))
    result = run_cli("--output-format", "concise", ".", cwd=root)
    assert result.returncode == 1
    found = {(line.split(":")[0], line.split(": ")[1].split()[0]) for line in result.stdout.splitlines()[:-1]}
    assert found == {("content/dish-1.md", "FM003"), ("content/dish-2.md", "SC002"), ("content/dish-3.md", "FM002")}


def test_init_refuses_to_overwrite_and_prints_with_stdout(tmp_path: Path) -> None:
    root = hugo_vault(tmp_path / "vault")
    (root / "vault-lint.toml").write_text("ignore = []\n", encoding="utf-8")
    refused = run_cli("init", root)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == f"vault-lint: {root / 'vault-lint.toml'} exists already; use --force to overwrite it\n"
    printed = run_cli("init", "--stdout", root)
    assert printed.returncode == 0 and printed.stdout.startswith("# vault-lint configuration, written by")
    assert "[profile]" in printed.stdout and "Read from the notes:" in printed.stderr
    assert (root / "vault-lint.toml").read_text(encoding="utf-8") == "ignore = []\n"
    assert run_cli("init", "--force", root).returncode == 0
    assert "[profile]" in (root / "vault-lint.toml").read_text(encoding="utf-8")


def test_init_on_the_example_vault_keeps_the_french_profile(tmp_path: Path) -> None:

    root = tmp_path / "vault"
    copy_example(root)
    printed = run_cli("init", "--stdout", root)
    assert printed.returncode == 0, printed.stderr
    table = tomllib.loads(printed.stdout)
    assert table == {"profile": {"extends": "fr"}}


@pytest.mark.parametrize("content", ["# Journal\n\nNothing to cook.\n", None])
def test_init_without_recipes_says_so(tmp_path: Path, content: str | None) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    if content:
        write_note(root, "Journal.md", content)
    result = run_cli("init", root)
    assert result.returncode == 2
    assert result.stderr == f"vault-lint: {root}: no recipe note found among {1 if content else 0} notes; nothing to write\n"
