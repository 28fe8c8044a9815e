"""A check run replayed (``vault_lint/replay.py``): the same command on a vault
where nothing it read changed writes what the last run wrote, without
importing the engine; any change it could see (the note, another note, the
configuration, a new configuration nearer the note, the environment, the
arguments) runs it anew, with the output a run without cache gives."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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


def aged(root: Path, settle: bool = True) -> None:
    """Every file and folder of the vault modified long ago, and changed (its
    inode's change time) more than two seconds ago (``settle``: waited for):
    a run trusts no time from the last two seconds."""
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), ns=(OLD, OLD))
        os.utime(folder, ns=(OLD, OLD))
    if settle:
        time.sleep(2.1)


def made(root: Path) -> Path:
    """A vault of two recipes (one with FM003), aged but not waited for."""
    (root / ".obsidian").mkdir(parents=True)
    (root / "vault-lint.toml").write_text(FRENCH, encoding="utf-8")
    write_note(root, NOTE, FLAWED)
    write_note(root, "Recettes/Porc.md", another(CLEAN, 2))
    aged(root, settle=False)
    return root


@pytest.fixture(scope="module")
def settled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Vaults made at once and waited for once (two seconds each would add minutes)."""
    folder = tmp_path_factory.mktemp("settled")
    vaults = [made(folder / f"vault-{number}") for number in range(60)]
    time.sleep(2.1)
    return iter(vaults)


@pytest.fixture
def vault(settled: Iterator[Path], tmp_path: Path) -> Path:
    found = next(settled, None)
    if found is None:  # more tests than vaults made ahead
        found = made(tmp_path / "vault")
        time.sleep(2.1)
    return found


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


def _vault_in_a_sub_folder(root: Path) -> None:
    """A hidden configuration file makes the folder a vault of its own."""
    (root / "Recettes" / ".vault-lint.toml").write_text('profile = "fr"\nignore = ["FM003"]\n', encoding="utf-8")
    os.utime(root / "Recettes", ns=(OLD, OLD))


@pytest.mark.parametrize("change", [_vault_in_a_sub_folder, _new_note, _edit_note])
def test_a_whole_vault_run_sees_a_change_in_any_folder(vault: Path, change: Callable[[Path], None]) -> None:
    first = run(vault, ".")
    assert replayed(run(vault, "."))
    change(vault)
    again = run(vault, ".")
    assert not replayed(again) and said(again) == said(run(vault, "--no-cache", "."))
    assert said(again) != said(first)


def test_a_note_named_in_a_hidden_folder_is_looked_at(vault: Path) -> None:
    """Not in the vault's listing (hidden), linted because it is named."""
    note = write_note(vault, ".archive/Tiramisu.md", FLAWED)
    aged(vault)
    first = run(vault, ".archive/Tiramisu.md")
    assert replayed(run(vault, ".archive/Tiramisu.md"))
    note.write_bytes(note.read_bytes().replace(b"facile", b"facil"))
    os.utime(note, ns=(OLD, OLD))  # its size tells
    again = run(vault, ".archive/Tiramisu.md")
    assert not replayed(again) and said(again) == said(run(vault, "--no-cache", ".archive/Tiramisu.md")) != said(first)


@pytest.mark.parametrize("folder", [".archive", "node_modules", ".archive/sub"])
def test_a_folder_out_of_the_vault_listing_named_is_not_recorded(vault: Path, folder: str) -> None:
    """Hidden or skipped: a note made in a folder under it would go unseen."""
    write_note(vault, f"{folder}/Tiramisu.md", FLAWED)
    aged(vault)
    run(vault, folder)
    assert records_in(vault) == []


def test_a_hidden_file_becoming_a_folder_is_a_change(vault: Path) -> None:
    """``Recettes/.obsidian`` a file, then a folder: Recettes is a vault of its own."""
    (vault / "vault-lint.toml").write_text(FRENCH + 'ignore = ["FM003"]\n', encoding="utf-8")
    (vault / "Recettes" / ".obsidian").write_text("", encoding="utf-8")
    aged(vault)
    first = run(vault, ".")
    assert replayed(run(vault, "."))
    (vault / "Recettes" / ".obsidian").unlink()
    (vault / "Recettes" / ".obsidian").mkdir()
    os.utime(vault / "Recettes", ns=(OLD, OLD))
    again = run(vault, ".")
    assert not replayed(again) and said(again) == said(run(vault, "--no-cache", ".")) != said(first)


def test_a_note_gone_during_the_run_is_not_recorded(vault: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Deleted after it was linted: no time says so, its absence would match."""
    from vault_lint import replay
    from vault_lint.cli import main

    keep = replay.Recorder.keep

    def deleted_meanwhile(self: replay.Recorder, *args: object, **kwargs: object) -> None:
        (vault / "Recettes/Porc.md").unlink()
        keep(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(replay.Recorder, "keep", deleted_meanwhile)
    monkeypatch.setattr(sys, "argv", ["vault-lint", "--select", "FM003", "."])
    monkeypatch.chdir(vault)
    assert main() == 1
    assert "Boeuf.md" in capsys.readouterr().out
    assert records_in(vault) == []


def test_a_run_that_warned_is_not_recorded(vault: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A warning Python shows once (a dependency compiled anew) would be replayed forever."""
    import warnings

    from vault_lint import engine
    from vault_lint.cli import main

    run_notes = engine.Engine.run

    def warning(self: engine.Engine, *args: object, **kwargs: object) -> object:
        warnings.warn("a dependency's own warning", UserWarning, stacklevel=1)
        return run_notes(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.Engine, "run", warning)
    monkeypatch.setattr(sys, "argv", ["vault-lint", NOTE])
    monkeypatch.chdir(vault)
    with pytest.warns(UserWarning, match="a dependency's own warning"):
        assert main() == 1
    assert "FM003" in capsys.readouterr().out
    assert records_in(vault) == []


def test_a_replay_to_a_reader_gone_is_one_quiet_exit(vault: Path) -> None:
    run(vault, NOTE)
    assert replayed(run(vault, NOTE))
    environment = {**os.environ, "PYTHONPATH": source_path()}
    process = subprocess.Popen([sys.executable, "-m", "vault_lint", NOTE], cwd=vault, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `vault-lint | head -0`
    assert process.wait(timeout=60) == 2
    assert process.stderr.read() == b""


def test_a_working_folder_gone_is_no_error_of_the_replay(vault: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    note = str(vault / NOTE)
    command = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m vault_lint "{note}"'
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "PYTHONPATH": source_path()})
    assert "Traceback" not in result.stderr and result.returncode in (1, 2)


def test_a_vault_holding_a_link_to_a_folder_is_not_recorded(vault: Path, tmp_path: Path) -> None:
    """What the link leads to is not listed: a change there would go unseen."""
    outside = tmp_path / "outside"
    write_note(outside, "Dessert.md", FLAWED)
    (vault / "Recettes" / "ext").symlink_to(outside, target_is_directory=True)
    aged(vault)
    run(vault, ".")
    assert records_in(vault) == []


def test_a_copy_that_keeps_the_old_time_is_a_change(vault: Path) -> None:
    """Sync tools (rsync -a) replace a file and give it the original's time."""
    first = run(vault, NOTE)
    assert replayed(run(vault, NOTE))
    path = vault / NOTE
    replacement = path.with_name("copy.tmp")
    replacement.write_bytes(path.read_bytes().replace(b"facile", b"facilE"))
    os.utime(replacement, ns=(OLD, OLD))
    os.replace(replacement, path)
    again = run(vault, NOTE)
    assert not replayed(again) and said(again) == said(run(vault, "--no-cache", NOTE)) != said(first)
    assert records_in(vault) == [records_in(vault)[0]]  # not recorded: changed a moment ago, whatever its time


def test_a_cache_folder_around_the_vault_hides_nothing(vault: Path) -> None:
    """``$VAULT_LINT_CACHE_DIR`` may hold the vault: the vault's files are still what the run read."""
    first = run(vault, NOTE, VAULT_LINT_CACHE_DIR=str(vault.parent))
    assert replayed(run(vault, NOTE, VAULT_LINT_CACHE_DIR=str(vault.parent)))
    _configuration(vault)
    again = run(vault, NOTE, VAULT_LINT_CACHE_DIR=str(vault.parent))
    assert not replayed(again) and said(again) != said(first)


def test_a_schema_made_beside_a_configuration_given_elsewhere_is_seen(vault: Path, tmp_path: Path) -> None:
    """``--config`` names a file outside the vault whose schema is a shipped one
    by its bare name; a file of that name made beside it is the schema then."""
    from vault_lint.schema import schema_file

    configuration = tmp_path / "conf" / "vault-lint.toml"
    configuration.parent.mkdir()
    configuration.write_text('[profile]\nschema = "recipe.schema.json"\n', encoding="utf-8")
    aged(tmp_path / "conf")
    first = run(vault, "--config", str(configuration), NOTE)
    assert replayed(run(vault, "--config", str(configuration), NOTE)) and "FM003" in first.stdout
    shipped = schema_file("recipe.schema.json").read_text(encoding="utf-8")
    (configuration.parent / "recipe.schema.json").write_text(
        shipped.replace('"débutant", ', '"facile", "débutant", '), encoding="utf-8")
    again = run(vault, "--config", str(configuration), NOTE)
    assert not replayed(again) and "FM003" not in again.stdout


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


@pytest.mark.parametrize("field, value", [(4, "text, not bytes"), (5, None), (6, 3), (6, "1"), (2, "no inputs")])
def test_a_record_of_the_wrong_shape_is_no_error(vault: Path, field: int, value: object) -> None:
    first = run(vault, NOTE)
    (name,) = records_in(vault)
    path = Path(records.folder_for(str(vault.resolve()))) / name
    record = list(records.read_record(path))
    record[field] = value
    assert records.write_record(path, tuple(record))
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
