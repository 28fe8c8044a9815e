"""Reliability at the edges, through the real command line: nothing outside
the vault is read for fixing, written or deleted; ``--config`` must name a
regular file; SIGINT and SIGTERM stop a run at any moment with one line and
whole notes; a fix never grows a note past the size limit; ``--fix`` keeps
owner, group, mode and extended attributes, and leaves alone a note that
changed on disk while it was being fixed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLEAN, REPO, another, run_cli, source_path, write_note

from vault_lint import rules as registry
from vault_lint.findings import Diagnostic
from vault_lint.model import Model

# A tag written without '#': TG004, whose safe fix writes '"#temps/long"' (3 bytes more).
UNHASHED = CLEAN.replace('  - "#temps/long"', "  - temps/long")
TG004 = "17:5: TG004 [*] tag 'temps/long' is written without the '#' the vault's tags use: expected '#temps/long'"

sys.path.insert(0, str(REPO / "benchmarks"))  # scripts, not a package
import generate  # noqa: E402


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def temporary_name(pid: int) -> str:
    """A temporary file's name exactly as ``--fix`` makes it."""
    return f".vault-lint-{pid}-{random.getrandbits(64):016x}.tmp"


# -- nothing outside the vault ------------------------------------------------

@pytest.fixture
def linked_vault(tmp_path: Path) -> Path:
    """A vault with a fixable note, a link to a fixable note outside it
    (``Recettes/outlink.md``) and a link to a folder outside it (``OutDir``)
    holding another; each outside folder holds a temporary file of a dead
    run, named as this tool names them."""
    vault, outside = tmp_path / "vault", tmp_path / "outside"
    (vault / ".obsidian").mkdir(parents=True)
    write_note(vault, "Recettes/in.md", UNHASHED)
    write_note(outside, "x.md", another(UNHASHED, 1))
    write_note(outside, "dir/ext2.md", another(UNHASHED, 2))
    os.symlink(outside / "x.md", vault / "Recettes" / "outlink.md")
    os.symlink(outside / "dir", vault / "OutDir")
    pid = dead_pid()
    for folder in (outside, outside / "dir"):
        (folder / temporary_name(pid)).write_bytes(b"---\ncuisine: chin")
    return vault


def outside_files(vault: Path) -> dict[str, bytes]:
    outside = vault.parent / "outside"
    return {path.relative_to(outside).as_posix(): path.read_bytes() for path in sorted(outside.rglob("*"))
            if path.is_file()}


@pytest.mark.parametrize(("args", "reported", "summary"), [
    ((".",), ("OutDir", "Recettes/outlink.md"), "Found 3 errors (1 fixed, 2 remaining)."),
    (("Recettes/outlink.md",), ("Recettes/outlink.md",), "Found 1 error (0 fixed, 1 remaining)."),
    (("OutDir",), ("OutDir",), "Found 1 error (0 fixed, 1 remaining)."),
    (("OutDir/ext2.md",), ("OutDir/ext2.md",), "Found 1 error (0 fixed, 1 remaining)."),
    (("OutDir/ext2.md", "Recettes/outlink.md", "OutDir"), ("OutDir", "OutDir/ext2.md", "Recettes/outlink.md"),
     "Found 3 errors (0 fixed, 3 remaining)."),
])
def test_paths_leading_out_of_the_vault_are_io003_and_nothing_outside_changes(
        linked_vault: Path, args: tuple[str, ...], reported: tuple[str, ...], summary: str) -> None:
    before = outside_files(linked_vault)
    result = run_cli("--fix", "--output-format", "concise", *args, cwd=linked_vault)
    outside = (linked_vault.parent / "outside").resolve()
    targets = {"OutDir": outside / "dir", "OutDir/ext2.md": outside / "dir" / "ext2.md",
               "Recettes/outlink.md": outside / "x.md"}
    lines = [f"{name}:1:1: IO003 link leads outside the vault to {targets[name]}; not followed" for name in reported]
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [*lines, summary]
    assert outside_files(linked_vault) == before


def test_links_out_of_the_vault_are_fixed_when_followed(linked_vault: Path) -> None:
    result = run_cli("--fix", "--follow-symlinks", "OutDir/ext2.md", "Recettes/outlink.md", cwd=linked_vault)
    assert (result.returncode, result.stdout) == (0, "Found 2 errors (2 fixed, 0 remaining).\n")
    fixed = outside_files(linked_vault)
    assert (fixed["x.md"], fixed["dir/ext2.md"]) == (another(CLEAN, 1).encode(), another(CLEAN, 2).encode())


def test_stale_temporaries_are_removed_only_in_the_vault_and_only_those_named_by_vault_lint(
        linked_vault: Path) -> None:
    pid = dead_pid()
    folder = linked_vault / "Recettes"
    stale = folder / temporary_name(pid)
    lookalikes = [folder / f".vault-lint-{pid}-notes.tmp", folder / f".vault-lint-{pid}-{'a' * 16}.tmp.md"]
    for path in (stale, *lookalikes):
        path.write_bytes(b"x")
    before = outside_files(linked_vault)
    result = run_cli("--fix", "--output-format", "concise", ".", "OutDir/ext2.md", cwd=linked_vault)
    assert result.returncode == 1 and result.stderr == ""
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        ["in.md", "outlink.md", *(path.name for path in lookalikes)])
    assert outside_files(linked_vault) == before  # the dead run's files out there included


# -- --config ----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_config_that_is_not_a_regular_file_is_one_line_and_exit_2(vault: Path, kind: str) -> None:
    (os.mkfifo if kind == "fifo" else os.mkdir)(vault / "cfg.toml")
    write_note(vault, "Porc.md", CLEAN)
    result = run_cli("--config", "cfg.toml", "Porc.md", cwd=vault, timeout=20)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("vault-lint: argument --config: cfg.toml: not a regular file; "
                             "expected a TOML configuration file (see --help)\n")


def test_missing_config_is_one_line_and_exit_2(vault: Path) -> None:
    result = run_cli("--config", "nope.toml", ".", cwd=vault)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "vault-lint: argument --config: nope.toml: cannot be read: No such file or directory " \
                            "(see --help)\n"


# -- a note named like an option ------------------------------------------------

def test_a_note_named_like_an_option_is_a_note_after_the_double_dash(vault: Path) -> None:
    write_note(vault, "-brouillon.md", UNHASHED)
    result = run_cli("--fix", "--exit-non-zero-on-fix", "--", "-brouillon.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (1, "Found 1 error (1 fixed, 0 remaining).\n", "")
    assert (vault / "-brouillon.md").read_bytes() == CLEAN.encode()


# -- bytes that are not UTF-8, and a fix of EN002 that is not one ------------------

def test_unsafe_fixes_never_reread_a_note_with_a_stray_byte_as_utf16(vault: Path) -> None:
    data = CLEAN.encode().replace(b"wok", b"w\xf6k")
    (vault / "Porc.md").write_bytes(data)
    result = run_cli("--fix", "--unsafe-fixes", "--output-format", "concise", "Porc.md", cwd=vault)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "Found 1 error (0 fixed, 1 remaining)."
    assert (vault / "Porc.md").read_bytes() == data


# -- the size limit ---------------------------------------------------------------

def test_a_fix_that_would_pass_the_size_limit_is_refused(vault: Path) -> None:
    note = write_note(vault, "Recettes/Porc.md", UNHASHED)
    size = note.stat().st_size
    result = run_cli("--fix", "--output-format", "concise", "--max-file-size", str(size + 2), "Recettes", cwd=vault)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"Recettes/Porc.md:1:1: IO005 the fixed note would be {size + 3:,} bytes, over the limit of {size + 2:,} "
        "bytes (max-file-size); not written",
        f"Recettes/Porc.md:{TG004}",
        "Found 2 errors (0 fixed, 2 remaining).",
        "[*] 1 fixable with the `--fix` option.",
    ]
    assert note.read_bytes() == UNHASHED.encode()
    assert run_cli("--fix", "--max-file-size", str(size + 3), "Recettes", cwd=vault).returncode == 0
    assert note.read_bytes() == CLEAN.encode()


# -- owner, group, mode, extended attributes -----------------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives a file to another user")
def test_fix_keeps_the_owner_group_and_mode(vault: Path) -> None:
    note = write_note(vault, "Porc.md", UNHASHED)
    os.chown(note, 1234, 1234)
    note.chmod(0o640)
    result = run_cli("--fix", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "Found 1 error (1 fixed, 0 remaining).\n")
    info = note.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777, note.read_bytes()) == (
        1234, 1234, 0o640, CLEAN.encode())


def test_fix_keeps_extended_attributes(vault: Path) -> None:
    note = write_note(vault, "Porc.md", UNHASHED)
    try:
        os.setxattr(note, "user.vault-lint.test", b"gardez-moi")
    except (AttributeError, OSError) as error:
        pytest.skip(f"no user extended attributes here: {error}")
    assert run_cli("--fix", "Porc.md", cwd=vault).returncode == 0
    assert note.read_bytes() == CLEAN.encode()
    assert os.getxattr(note, "user.vault-lint.test") == b"gardez-moi"


# -- a note saved while it is being fixed ---------------------------------------------

SECOND_HALF_AT = UNHASHED.index("## Ingrédients")


def save_while_fixing(path: Path, how: str) -> None:
    """What an editor or a sync client does to the note between vault-lint's
    read and its write."""
    data = path.read_bytes()
    if how == "touched":  # same bytes, a new modification time
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    elif how == "replaced":  # same bytes, saved to a new file renamed over the note
        fresh = path.with_name("saving.tmp")
        fresh.write_bytes(data)
        os.replace(fresh, path)
    else:  # "second half": the editor truncated the note, wrote its first half, then this
        with path.open("ab") as handle:
            handle.write(UNHASHED[SECOND_HALF_AT:].encode())


def register_saving_rule(how: str) -> None:
    """A test rule that, on its first run, changes the note on disk."""
    done: set[str] = set()

    @registry.rule("ZZ902", "saves-the-note-meanwhile", scope="file")
    def saves(model: Model, ctx: object) -> Iterator[Diagnostic]:
        """Test only."""
        if model.note.path not in done:
            done.add(model.note.path)
            save_while_fixing(Path(model.note.path), how)
        return iter(())


SAVING_DRIVER = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import test_edges
from vault_lint.cli import main
test_edges.register_saving_rule(sys.argv[1])
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("how", ["touched", "replaced", "second half"])
def test_a_note_saved_while_it_is_fixed_is_left_alone(vault: Path, how: str) -> None:
    first = UNHASHED[:SECOND_HALF_AT] if how == "second half" else UNHASHED
    note = write_note(vault, "Porc.md", first)
    result = subprocess.run([sys.executable, "-c", SAVING_DRIVER, how, "--fix", "--output-format", "concise",
                             "--select", "TG004,ZZ9", "Porc.md"], cwd=vault, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": source_path()}, timeout=60)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "Porc.md:1:1: IO004 note changed on disk since it was read; not overwritten, run again",
        f"Porc.md:{TG004}",
        "Found 2 errors (0 fixed, 2 remaining).",
        "[*] 1 fixable with the `--fix` option.",
    ]
    assert note.read_bytes() == UNHASHED.encode()  # the editor's note, whole
    assert sorted(os.listdir(vault)) == [".obsidian", "Porc.md", "vault-lint.toml"]


# -- a stop that code on its way turns into something else --------------------------------

class Panic(BaseException):
    """As an extension module's panic (pyo3's ``PanicException``): no ``Exception``."""


def register_converting_rule(how: str) -> None:
    """A rule in whose course SIGTERM comes, and the exception its handler
    raises becomes another (``how``), as when the signal lands while an
    extension module is being imported (jsonschema-rs: a ``RuntimeError``,
    then a panic), or is swallowed by a catch-all."""

    @registry.rule("ZZ903", "stopped-while-importing", scope="file")
    def converts(model: Model, ctx: object) -> Iterator[Diagnostic]:
        """Test only."""
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except BaseException as error:  # the point of the test
            if how == "error":
                raise RuntimeError("An error occurred while initializing class Literal") from error
            if how == "panic":
                raise Panic("failed to create type object for `Literal`") from error
        return iter(())


CONVERTING_DRIVER = SAVING_DRIVER.replace("register_saving_rule", "register_converting_rule")


@pytest.mark.parametrize("how", ["error", "panic", "swallowed"])
def test_a_stop_that_became_another_exception_is_still_a_stop(vault: Path, how: str) -> None:
    write_note(vault, "Porc.md", UNHASHED)
    result = subprocess.run([sys.executable, "-c", CONVERTING_DRIVER, how, "--fix", "--select", "TG004,ZZ9",
                             "Porc.md"], cwd=vault, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": source_path()}, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (128 + signal.SIGTERM, (
        "vault-lint: interrupted by SIGTERM after writing 0 notes (each whole; the others untouched)\n"))
    assert (vault / "Porc.md").read_bytes() == UNHASHED.encode()


# -- SIGINT and SIGTERM at random moments -------------------------------------------------

NOTES_UNDER_SIGNALS = 200
SIGNALLED_RUNS = 8


def fix_run(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "vault_lint", "--fix", "--output-format", "concise", "."],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": source_path()})


def handles_sigterm(pid: int) -> bool:
    """Has the process put its own handler on SIGTERM (Python leaves it alone
    at start-up: only vault-lint's ``main`` does)?"""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        caught = next(line for line in status if line.startswith("SigCgt:")).split()[1]
    return bool(int(caught, 16) >> (signal.SIGTERM - 1) & 1)


def started(process: subprocess.Popen[bytes]) -> None:
    """Wait until vault-lint handles its signals (or has already ended)."""
    while process.poll() is None:
        try:
            if handles_sigterm(process.pid):
                return
        except OSError:  # ended meanwhile
            return
        time.sleep(0.001)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads a process's signal handlers in /proc")
def test_sigint_and_sigterm_at_random_moments_leave_whole_notes_and_say_how_many(scratch: Path) -> None:
    root = scratch / "vault"
    paths = generate.make_vault(root, NOTES_UNDER_SIGNALS, seed=11, defects=("tag-without-hash",))
    originals = {path: path.read_bytes() for path in paths}
    first = time.perf_counter()
    assert fix_run(root).wait(timeout=120) == 0
    duration = time.perf_counter() - first
    fixed = {path: path.read_bytes() for path in paths}
    assert all(fixed[path] != originals[path] for path in paths)
    rng = random.Random(5)
    stopped = 0
    for run in range(SIGNALLED_RUNS):
        for path, data in originals.items():
            path.write_bytes(data)
        sent = (signal.SIGINT, signal.SIGTERM)[run % 2]
        process = fix_run(root)
        started(process)
        time.sleep(rng.uniform(0, 0.7 * duration))
        process.send_signal(sent)
        _, err = process.communicate(timeout=120)
        assert all(path.read_bytes() in (originals[path], fixed[path]) for path in paths)
        written = sum(path.read_bytes() == fixed[path] for path in paths)
        if process.returncode == 0:  # the run ended before the signal came
            assert (err, written) == (b"", NOTES_UNDER_SIGNALS)
            continue
        stopped += 1
        notes = "1 note" if written == 1 else f"{written} notes"
        assert (process.returncode, err.decode()) == (128 + sent, (
            f"vault-lint: interrupted by {sent.name} after writing {notes} (each whole; the others untouched)\n"))
        assert not list(root.rglob(".vault-lint-*.tmp"))
    assert stopped >= SIGNALLED_RUNS // 2


def test_a_note_that_grew_after_its_size_was_read_is_read_whole(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The read asks for as many bytes as the file had; a note written to
    meanwhile is read to its end, or found too large, never cut short."""
    from vault_lint import note as notes

    path = tmp_path / "Note.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 100)
    real_fstat = os.fstat

    def earlier(fd: int) -> os.stat_result:  # the size as it was before the last write
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid,
                               10, info.st_atime, info.st_mtime, info.st_ctime))

    monkeypatch.setattr(notes.os, "fstat", earlier)
    assert notes.read_bytes(path, "Note.md", 1000) == path.read_bytes()
    too_large = notes.read_bytes(path, "Note.md", 50)
    assert isinstance(too_large, notes.Note) and too_large.too_large and too_large.raw_size == 51
