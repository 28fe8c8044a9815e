"""One engine: the Python API gives exactly what the command line gives for
the same note under the same settings: findings, fixed bytes, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_example, run_cli

from vault_lint.api import check_text, fix_text
from vault_lint.config import ConfigError

SETTINGS = """\
extend-select = ["SC007"]
ignore = ["SC006"]

[per-file-ignores]
"Index*" = ["SC"]

[profile]
section_levels = [2, 3]
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example vault with a configuration of its own."""
    root = tmp_path / "vault"
    copy_example(root)
    (root / "vault-lint.toml").write_text(SETTINGS, encoding="utf-8")
    return root


def notes(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.md") if ".obsidian" not in path.parts)


def test_check_text_gives_the_command_lines_findings(example: Path) -> None:
    result = run_cli("--output-format", "json", "--exit-zero", ".", cwd=example)
    assert result.returncode == 0, result.stderr
    by_cli: dict[str, list[tuple[str, int, int, str]]] = {}
    for item in json.loads(result.stdout):
        by_cli.setdefault(item["path"], []).append((item["code"], item["line"], item["column"], item["message"]))
    assert by_cli  # the example vault breaks rules on purpose
    for path in notes(example):
        relative = path.relative_to(example).as_posix()
        text = path.read_bytes().decode("utf-8")
        by_api = [(f.code, f.line, f.column, f.message) for f in check_text(text, path)]
        assert by_api == by_cli.get(relative, []), relative


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_text_writes_the_bytes_the_command_line_writes(example: Path, unsafe: bool) -> None:
    expected = {path: fix_text(path.read_bytes().decode("utf-8"), path, unsafe=unsafe)[0] for path in notes(example)}
    assert any(text != path.read_bytes().decode("utf-8") for path, text in expected.items())
    run_cli("--fix", *(["--unsafe-fixes"] if unsafe else []), ".", cwd=example)
    for path, text in expected.items():
        assert path.read_bytes() == text.encode("utf-8"), path.name


def test_a_refused_configuration_is_refused_by_both(example: Path) -> None:
    (example / "vault-lint.toml").write_text('[profile]\nsection_levels = 2\n', encoding="utf-8")
    note = example / "Recettes" / "Tarte Tatin.md"
    result = run_cli(note, cwd=example)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"vault-lint: {example / 'vault-lint.toml'}: profile.section_levels: expected")
    with pytest.raises(ConfigError) as refused:
        check_text(note.read_text(encoding="utf-8"), note)
    assert f"vault-lint: {refused.value}" == line
