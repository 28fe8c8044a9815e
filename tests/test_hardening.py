"""Hostile input: every malformed, oversized or odd file gives a finding that
names it (or a one-line error), through the real command line, while the
other notes are still linted; nothing is written by a plain run; a rule that
fails is contained; ``--fix`` killed at random leaves whole notes only."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLEAN, REPO, run_cli, source_path

from vault_lint import rules as registry
from vault_lint.api import fix_text
from vault_lint.cli import main
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.model import Model
from vault_lint.note import Note, decode

BROKEN = CLEAN.replace("date_ajout: 2025-09-14", "date_ajout: 14/09/2025")
BROKEN_AT = ("FM003", 12, 13)

sys.path.insert(0, str(REPO / "benchmarks"))  # scripts, not a package
import generate  # noqa: E402
import hostile  # noqa: E402
import limits  # noqa: E402


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file below ``root`` (links not followed): size, mtime and the
    bytes of those under 10 MB."""
    result = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() and info.st_size < 10**7 else b""
            result[str(path)] = (info.st_size, info.st_mtime_ns, data)
    return result


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One run of the CLI over the whole hostile vault, a note with an
    ordinary finding, and a path that does not exist."""
    base = tmp_path_factory.mktemp("hostile")
    root = base / "vault"
    hostile.make_hostile_vault(root, base / "outside")
    (root / "ordinary.md").write_text(BROKEN, encoding="utf-8")
    before = snapshot(root)
    result = run_cli("--output-format", "json", ".", "missing.md", cwd=root)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in json.loads(result.stdout):
        by_file.setdefault(finding["path"].removeprefix("./").removeprefix(".\\"), []).append(finding)
    return {"result": result, "by_file": by_file, "root": root, "base": base,
            "changed": snapshot(root) != before}


def at(run: dict[str, Any], name: str) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in run["by_file"].get(name, [])]


def message(run: dict[str, Any], name: str, code: str) -> str:
    return next(f["message"] for f in run["by_file"][name] if f["code"] == code)


def yaml_mark(name: str) -> tuple[int, int]:
    """Where PyYAML itself puts the error of a hostile note's block, as a
    (line, column) of the note (the block starts on line 2)."""
    block = hostile.NOTES[name]().decode().split("---\n")[1]
    with pytest.raises(yaml.YAMLError) as error:
        yaml.safe_load(block)
    mark = error.value.problem_mark  # type: ignore[attr-defined]
    return mark.line + 2, mark.column + 1


def test_run_goes_on_exits_2_without_traceback(hostile_run: dict[str, Any]) -> None:
    result = hostile_run["result"]
    assert result.returncode == 2  # the missing path
    assert result.stderr == "vault-lint: missing.md: no such file or folder\n"
    assert "Traceback" not in result.stdout + result.stderr
    assert at(hostile_run, "ordinary.md") == [BROKEN_AT]
    codes = {f["code"] for findings in hostile_run["by_file"].values() for f in findings}
    assert "INTERNAL" not in codes


def test_plain_run_changes_no_file(hostile_run: dict[str, Any]) -> None:
    assert not hostile_run["changed"]


def test_whole_hostile_vault_stays_within_time_and_memory() -> None:
    result = limits.lint_hostile_vault()
    assert result.seconds < limits.MAX_SECONDS and result.peak_mb < limits.MAX_MB, result


@pytest.mark.parametrize("name", ["empty.md", "whitespace.md"])
def test_empty_note(hostile_run: dict[str, Any], name: str) -> None:
    assert [code for code, _, _ in at(hostile_run, name)] == ["SC006"]


def test_unterminated_front_matter_is_not_read_as_yaml(hostile_run: dict[str, Any]) -> None:
    assert at(hostile_run, "unterminated.md") == [("FM008", 1, 1)]


@pytest.mark.parametrize("name", ["toml.md", "json.md"])
def test_other_front_matter_formats(hostile_run: dict[str, Any], name: str) -> None:
    assert at(hostile_run, name) == [("FM007", 1, 1)]


@pytest.mark.parametrize("name", ["tab-indent.md", "invalid-yaml.md", "unhashable-key.md"])
def test_invalid_yaml_at_the_line_pyyaml_reports(hostile_run: dict[str, Any], name: str) -> None:
    assert at(hostile_run, name) == [("FM002", *yaml_mark(name))]


@pytest.mark.parametrize(("name", "kind"), [("list.md", "a list"), ("scalar.md", "a string")])
def test_front_matter_that_is_not_a_mapping(hostile_run: dict[str, Any], name: str, kind: str) -> None:
    assert at(hostile_run, name) == [("FM002", 2, 1)]
    assert f"front matter is {kind}, not a mapping" in message(hostile_run, name, "FM002")


@pytest.mark.parametrize(("name", "words"), [
    ("alias-bomb.md", "aliases expand too far"),
    ("deep-nesting.md", "nested too deeply"),
    ("python-tag.md", "python/object/apply"),
    ("unknown-tag.md", "'!recette'"),
])
def test_hostile_yaml_is_refused(hostile_run: dict[str, Any], name: str, words: str) -> None:
    assert [code for code, _, _ in at(hostile_run, name)] == ["FM002"]
    assert words in message(hostile_run, name, "FM002")


def test_python_tags_execute_nothing(hostile_run: dict[str, Any]) -> None:
    assert not (hostile_run["root"] / "PWNED").exists()


@pytest.mark.parametrize("name", ["impossible-date.md", "out-of-range-date.md"])
def test_impossible_dates_point_at_the_value(hostile_run: dict[str, Any], name: str) -> None:
    assert at(hostile_run, name) == [("FM003", 12, 13)]


@pytest.mark.parametrize("name", ["many-tags.md", "long-line.md", "fenced-dashes.md"])
def test_large_or_odd_but_valid_notes_are_linted_normally(hostile_run: dict[str, Any], name: str) -> None:
    codes = {code for code, _, _ in at(hostile_run, name)}
    assert not codes & {"FM002", "FM007", "FM008", "INTERNAL", "IO002"}
    if name != "many-tags.md":  # 100,000 made-up tags may break tag rules
        assert codes == set()


def test_note_over_the_size_limit_is_skipped(hostile_run: dict[str, Any]) -> None:
    assert at(hostile_run, "huge.md") == [("IO002", 1, 1)]
    assert "52,428,800 bytes" in message(hostile_run, "huge.md", "IO002")


@pytest.mark.parametrize("name", ["binary.md", "nul-bytes.md"])
def test_binary_content_is_skipped(hostile_run: dict[str, Any], name: str) -> None:
    assert [code for code, _, _ in at(hostile_run, name)] == ["EN004"]


@pytest.mark.parametrize(("name", "encoding"), [("utf16.md", "utf-16"), ("utf32.md", "utf-32")])
def test_utf16_and_utf32_name_the_encoding(hostile_run: dict[str, Any], name: str, encoding: str) -> None:
    assert [code for code, _, _ in at(hostile_run, name)] == ["EN002"]
    assert encoding in message(hostile_run, name, "EN002").lower()


def test_mixed_line_endings(hostile_run: dict[str, Any]) -> None:
    assert "EN003" in {code for code, _, _ in at(hostile_run, "mixed-endings.md")}


def test_symlink_loop_walks_each_folder_once(hostile_run: dict[str, Any]) -> None:
    assert not [name for name in hostile_run["by_file"] if name.startswith("loop")]


@pytest.mark.parametrize(("name", "target"), [("outside-link.md", "elsewhere.md"), ("outside-folder", "folder")])
def test_link_out_of_the_vault_is_named_not_followed(hostile_run: dict[str, Any], name: str, target: str) -> None:
    assert at(hostile_run, name) == [("IO003", 1, 1)]
    leads_to = (hostile_run["base"] / "outside" / target).resolve()
    assert message(hostile_run, name, "IO003") == f"link leads outside the vault to {leads_to}; not followed"


def test_link_out_of_the_vault_is_followed_on_request(hostile_run: dict[str, Any]) -> None:
    result = run_cli("--follow-symlinks", "outside-link.md", "ordinary.md", cwd=hostile_run["root"])
    assert (result.returncode, result.stderr) == (1, "")
    assert "outside-link.md" not in result.stdout and "ordinary.md:12:13: FM003" in result.stdout


def test_dangling_link_is_unreadable_with_the_os_reason(hostile_run: dict[str, Any]) -> None:
    assert at(hostile_run, "dangling.md") == [("IO001", 1, 1)]
    assert "No such file or directory" in message(hostile_run, "dangling.md", "IO001")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permission bits")
def test_permission_denied_is_unreadable(vault: Path) -> None:
    locked = vault / "locked.md"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)
    result = run_cli("locked.md", cwd=vault)
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1, "locked.md:1:1: IO001 cannot read the file: Permission denied")


@pytest.mark.parametrize("output", ["concise", "full"])
def test_pipe_named_like_a_note_is_unreadable_not_waited_on(vault: Path, output: str) -> None:
    os.mkfifo(vault / "pipe.md")
    os.mkfifo(vault.parent / "pipe-outside")
    os.symlink(vault.parent / "pipe-outside", vault / "outside-pipe.md")
    result = run_cli("--output-format", output, ".", cwd=vault, timeout=20)
    assert result.returncode == 1 and result.stderr == ""
    assert "pipe.md:1:1: IO001 cannot read the file: not a regular file" in result.stdout
    assert "outside-pipe.md:1:1: IO003 link leads outside the vault" in result.stdout


@pytest.mark.parametrize("output", ["full", "concise", "json", "github", "junit", "sarif"])
def test_file_name_that_is_not_utf8_is_reported_in_every_format(vault: Path, output: str) -> None:
    (vault / os.fsdecode(b"caf\xe9.md")).write_text(BROKEN, encoding="utf-8")
    result = run_cli("--output-format", output, ".", cwd=vault, timeout=20)
    assert (result.returncode, result.stderr) == (1, "")
    assert "caf" in result.stdout


def test_alias_bomb_is_refused_fast_in_little_memory() -> None:
    raw = hostile.alias_bomb()
    tracemalloc.start()
    started = time.perf_counter()
    note = decode("bomb.md", raw)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert note.problem is not None and "aliases expand too far" in note.problem.message
    assert note.frontmatter is not None and note.frontmatter.data is None  # nothing for the schema to walk
    assert elapsed < 0.5 and peak < 4_000_000


def test_linting_note_after_note_keeps_nothing_of_their_texts() -> None:
    """A run's memory does not grow with the notes it has linted: nothing of a
    note is remembered once done, only short texts that repeat (tags, names).
    The notes' sections are non-ASCII text, folded to be compared."""
    from vault_lint.api import check_text

    def note(number: int) -> str:
        steps = "".join(f"{step}. Étape {number}-{step} : saisir le porc, déglacer à la sauce soja.\n"
                        for step in range(1, 40))
        return CLEAN.replace("1. Mélanger le porc avec la sauce soja et le poivre.\n", steps)

    check_text(note(0), "Recettes/Porc.md")  # the imports and the settings, once
    tracemalloc.start()
    for number in range(1, 400):
        check_text(note(number), "Recettes/Porc.md")
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert kept < 1_000_000, kept  # 400 notes of 5 KB: their folded sections once kept 10 MB


def test_aliases_that_nest_too_deep_are_refused() -> None:
    nested = "[" * 60 + "x" + "]" * 60
    note = decode("deep.md", f"---\na: &a {nested}\nb: {'[' * 50}*a{']' * 50}\n---\n".encode())
    assert note.problem is not None and "nested too deeply" in note.problem.message


def test_bytes_that_are_not_utf8_do_not_hide_the_front_matter() -> None:
    note = decode("latin1.md", CLEAN.encode().replace(b"wok", b"w\xf6k"))
    assert note.problem is None and note.bad_utf8 is not None
    assert note.data["tags"][4] == "#cuisson/w\ufffdk"


def test_an_unread_file_has_a_position() -> None:
    assert Note(path="x.md", text="", io_error="gone").position(0) == (1, 1)


# -- a rule that fails is contained ----------------------------------------

def isolated_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules registered by the test vanish after it."""
    registry.all_rules()  # load the real families first, into the real registry
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))


@pytest.fixture
def failing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test-only rule that raises on notes whose name holds 'odd'."""
    isolated_registry(monkeypatch)

    @registry.rule("ZZ900", "always-fails-on-odd", scope="note")
    def fails(model: Model, ctx: object) -> Iterator[Diagnostic]:
        """Test only."""
        if "odd" in model.note.path:
            raise ZeroDivisionError("boom")
        return iter(())


@pytest.fixture
def signals_restored() -> Iterator[None]:
    """``main`` keeps SIGINT and SIGTERM for the rest of its process: a test
    that calls it in pytest's process gives them back afterwards."""
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.getsignal(signum) for signum in stops}
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def test_exception_in_a_rule_is_an_internal_finding(
        failing_rule: None, signals_restored: None, vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (vault / "odd.md").write_text(BROKEN, encoding="utf-8")
    (vault / "other.md").write_text(BROKEN, encoding="utf-8")
    code = main(["--output-format", "concise", str(vault / "odd.md"), str(vault / "other.md")])
    out = capsys.readouterr().out.splitlines()
    assert code == 2
    assert f"{vault / 'odd.md'}:1:1: INTERNAL rule ZZ900 (always-fails-on-odd) failed on this note " \
           "with ZeroDivisionError: boom; please report this" in out
    broken = ":12:13: FM003 date_ajout: expected a date (YYYY-MM-DD), got '14/09/2025'"
    assert f"{vault / 'odd.md'}{broken}" in out and f"{vault / 'other.md'}{broken}" in out
    assert not [line for line in out if "other.md" in line and "INTERNAL" in line]


# -- --fix killed at random moments ----------------------------------------

def register_fault_rule() -> None:
    """One more fixable rule, so that the fault test never depends on which
    real rules have fixes: a tag written without '#' gets one."""

    @registry.rule("ZZ901", "fault-test-tag-hash", scope="note", fix="safe")
    def tag_hash(model: Model, ctx: object) -> Iterator[Diagnostic]:
        """Test only."""
        note = model.note
        entry = note.frontmatter.entries.get("tags") if note.frontmatter else None
        for item in entry.items if entry else ():
            if isinstance(item.value, str) and not item.value.startswith("#"):
                at = item.start + (1 if item.style else 0)
                yield Diagnostic(item.start, item.end, "no '#'", Fix.safe("add '#'", Edit(at, at, "#")))


# The real command line, with the rule above.
FIX_DRIVER = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import test_hardening
from vault_lint.cli import main
test_hardening.register_fault_rule()
sys.exit(main(sys.argv[1:]))
"""
NOTES_UNDER_FAULT = 2000
KILLS = 12


@pytest.fixture
def fault_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    isolated_registry(monkeypatch)
    register_fault_rule()


def fix_process(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", FIX_DRIVER, "--fix", "--output-format", "concise", "."],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": source_path()})


def leave_temporary(folder: Path, pid: int) -> Path:
    """What a run killed while writing leaves: half a note in a hidden file."""
    temporary = folder / f".vault-lint-{pid}-{random.getrandbits(64):016x}.tmp"  # named as --fix names them
    temporary.write_bytes(b"---\ncuisine: chin")
    return temporary


@pytest.mark.slow
def test_fix_killed_at_random_leaves_whole_notes_only(fault_rule: None, scratch: Path) -> None:
    root = scratch / "vault"
    paths = generate.make_vault(root, NOTES_UNDER_FAULT, seed=7, defects=("tag-without-hash", "mixed-endings"))
    originals = {path: path.read_bytes() for path in paths}
    fixed = {path: fix_text(data.decode(), path, unsafe=False)[0].encode() for path, data in originals.items()}
    assert all(fixed[path] != originals[path] for path in paths)  # every note has a fix
    rng = random.Random(3)

    def restore() -> None:
        for path, data in originals.items():
            path.write_bytes(data)

    for _ in range(KILLS):
        restore()
        process = fix_process(root)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert all(path.read_bytes() in (originals[path], fixed[path]) for path in paths)
        leave_temporary(rng.choice(paths).parent, process.pid)
    restore()
    live = leave_temporary(paths[0].parent, os.getpid())  # a run still writing
    finish = fix_process(root)
    assert finish.wait(timeout=120) in (0, 1), finish.stderr.read()  # type: ignore[union-attr]
    assert {path: path.read_bytes() for path in paths} == fixed
    assert sorted(root.rglob(".vault-lint-*.tmp")) == [live]
