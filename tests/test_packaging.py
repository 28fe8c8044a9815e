"""The package as a user installs it: the wheel carries the schema."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_schema_is_valid_draft_2020_12() -> None:
    import jsonschema

    schema = json.loads((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {
        "cuisine", "type", "temps_prep", "temps_cuisson", "temps_total", "portions",
        "difficulté", "protéine", "source", "url", "date_ajout", "tags",
    }
    assert "temps_repos" in schema["properties"] and "temps_repos" not in schema["required"]


def test_wheel_ships_the_schema(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True, timeout=600,
    )
    [wheel] = tmp_path.glob("vault_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vault_lint/schemas/recipe.schema.json" in names
    assert {"vault_lint/schemas/recipe.en.schema.json", "vault_lint/profiles/fr.toml", "vault_lint/profiles/en.toml",
            "vault_lint/settings.schema.json"} <= set(names)
    assert any(name.endswith("entry_points.txt") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "vault-lint = vault_lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```bash\n")
    demo, tests = blocks[1].split("\n```")[0], blocks[2].split("\n```")[0]
    assert "examples/vault" in demo and "pytest" in tests
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8")
