"""A check run replayed (``vault_lint/replay.py``): the same command on a vault
where nothing it read changed writes what the last run wrote, without
importing the engine; any change it could see (the note, another note, the
configuration, a new configuration nearer the note, the environment, the
arguments) runs it anew, with the output a run without cache gives."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN, FRENCH, another, source_path, write_note

from vault_lint import records

OLD = 1_600_000_000_000_000_000  # 2020, in nanoseconds: far outside the two-second window
NOTE = "Recettes/Boeuf.md"
# A recipe with a finding (FM003: a difficulty out of the vault's scale).
FLAWED = another(CLEAN.replace("difficulté: intermédiaire", "difficulté: facile"), 1)


def run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command line of this checkout, as pre-commit starts it
    (output piped), with the modules it imports listed on standard error."""
    environment = {name: value for name, value in os.environ.items() if name not in ("FORCE_COLOR", "NO_COLOR")}
    environment.update(PYTHONIOENCODING="utf-8", PYTHONPATH=source_path(), **env)
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "vault_lint", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120,
                          check=False)


def said(result: subprocess.CompletedProcess[str]) -> tuple[int, str, list[str]]:
    """Exit code, standard output and the lines of standard error the run wrote."""
    return result.returncode, result.stdout, [line for line in result.stderr.splitlines()
                                              if not line.startswith("import time:")]


def replayed(result: subprocess.CompletedProcess[str]) -> bool:
    return "vault_lint.engine" not in result.stderr and "vault_lint.cli" in result.stderr


def aged(root: Path) -> None:
    """Every file and folder of the vault modified long ago (a run trusts no
    time from the last two seconds)."""
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), ns=(OLD, OLD))
        os.utime(folder, ns=(OLD, OLD))


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / "vault-lint.toml").write_text(FRENCH, encoding="utf-8")
    write_note(root, NOTE, FLAWED)
    write_note(root, "Recettes/Porc.md", another(CLEAN, 2))
    aged(root)
    return root


def records_in(root: Path) -> list[str]:
    folder = Path(records.folder_for(str(root.resolve())))
    return sorted(path.name for path in folder.glob("run-*.bin")) if folder.is_dir() else []


def test_the_same_command_again_writes_the_same_bytes_without_linting(vault: Path) -> None:
    first = run(vault, NOTE)
    assert not replayed(first)
    assert said(first)[0] == 1 and "FM003" in first.stdout
    second = run(vault, NOTE)
    assert replayed(second)
    assert said(second) == said(first)
    assert len(records_in(vault)) == 1


def test_a_whole_vault_run_replays_too(vault: Path) -> None:
    first = run(vault, "--output-format", "json")
    second = run(vault, "--output-format", "json")
    assert replayed(second) and said(second) == said(first)


def _edit_note(root: Path) -> None:
    path = root / NOTE
    path.write_bytes(path.read_bytes().replace(b"difficult\xc3\xa9: facile", b"difficult\xc3\xa9: facil"))
    os.utime(path, ns=(OLD + 10**10, OLD + 10**10))


def _same_url_in_another_note(root: Path) -> None:
    """The other note takes the linted note's address: VL001 on both."""
    path = root / "Recettes/Porc.md"
    path.write_bytes(FLAWED.replace("facile", "intermédiaire").encode("utf-8"))
    os.utime(path, ns=(OLD + 10**10, OLD + 10**10))


def _same_size_other_bytes(root: Path) -> None:
    """The note edited in place, same size, a later time."""
    path = root / NOTE
    data = path.read_bytes()
    path.write_bytes(data.replace(b"facile", b"facilE"))
    os.utime(path, ns=(OLD + 10**10, OLD + 10**10))


def _configuration(root: Path) -> None:
    (root / "vault-lint.toml").write_text(FRENCH + 'ignore = ["FM003"]\n', encoding="utf-8")
    os.utime(root / "vault-lint.toml", ns=(OLD + 10**10, OLD + 10**10))


def _configuration_nearer(root: Path) -> None:
    """A configuration in the note's own folder makes it a vault of its own."""
    (root / "Recettes" / "vault-lint.toml").write_text('profile = "fr"\nignore = ["FM003"]\n', encoding="utf-8")


def _new_note(root: Path) -> None:
    write_note(root, "Recettes/Veau.md", FLAWED)  # the same address: VL001


@pytest.mark.parametrize("change", [_edit_note, _same_url_in_another_note, _same_size_other_bytes, _configuration,
                                    _configuration_nearer, _new_note])
def test_a_change_the_run_could_see_runs_it_again(vault: Path, change: Callable[[Path], None]) -> None:
    first = run(vault, NOTE)
    assert replayed(run(vault, NOTE))
    change(vault)
    again = run(vault, NOTE)
    assert not replayed(again)
    assert said(again) == said(run(vault, "--no-cache", NOTE))
    assert said(again) != said(first)


def test_the_environment_and_the_arguments_are_part_of_the_run(vault: Path) -> None:
    run(vault, NOTE)
    coloured = run(vault, NOTE, FORCE_COLOR="1")
    assert not replayed(coloured) and "\x1b[" in coloured.stdout
    concise = run(vault, "--output-format", "concise", NOTE)
    assert not replayed(concise) and said(concise) == said(run(vault, "--no-cache", "--output-format", "concise", NOTE))


@pytest.mark.parametrize("options", [["--fix"], ["--diff"], ["--no-cache"], ["--output-file", "report.txt"],
                                     ["--fix", "--unsafe-fixes"]])
def test_only_check_runs_are_recorded(vault: Path, options: list[str]) -> None:
    run(vault, *options, NOTE)
    aged(vault)
    assert records_in(vault) == []
    assert not replayed(run(vault, *options, NOTE))


def test_a_note_saved_a_moment_ago_is_not_trusted(vault: Path) -> None:
    """Its time could be shared by a later edit: the run is not recorded."""
    path = vault / NOTE
    path.write_bytes(path.read_bytes())
    os.utime(vault / "Recettes", ns=(OLD, OLD))
    run(vault, NOTE)
    assert records_in(vault) == []
    assert not replayed(run(vault, NOTE))


def test_a_damaged_record_is_no_error(vault: Path) -> None:
    first = run(vault, NOTE)
    (name,) = records_in(vault)
    record = Path(records.folder_for(str(vault.resolve()))) / name
    record.write_bytes(record.read_bytes()[:-7])
    again = run(vault, NOTE)
    assert not replayed(again) and said(again) == said(first)


def test_the_python_api_never_replays(vault: Path) -> None:
    from vault_lint.cli import main

    cwd = os.getcwd()
    os.chdir(vault)
    try:
        assert main([NOTE]) == 1
        assert main([NOTE]) == 1
    finally:
        os.chdir(cwd)
    assert records_in(vault) == []
