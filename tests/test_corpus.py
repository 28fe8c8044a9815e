"""Real notes written by other people (``../shared/corpus/``, 853 notes in
six conventions; a handful of them in ``tests/fixtures/corpus/``): no crash,
every finding inside its note, and ``--fix --unsafe-fixes`` settles in one
run and changes only notes that had a fixable finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SHARED, run_cli

from vault_lint.note import decode

CORPORA = {"fixtures": FIXTURES / "corpus", "shared": SHARED / "corpus"}


@pytest.fixture(params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> Path:
    folder = CORPORA[request.param]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the shared corpus of real notes lives beside the checkout")
    return folder


def lint_json(folder: Path, *options: str) -> list[dict[str, Any]]:
    """The findings of a run over ``folder``, which must end without a crash."""
    result = run_cli("--output-format", "json", *options, ".", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    assert not [f for f in findings if f["code"] in ("INTERNAL", "FIX001")]
    return findings


def notes(folder: Path) -> dict[Path, bytes]:
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*.md"))}


def test_every_finding_is_inside_its_note(corpus: Path) -> None:
    findings = lint_json(corpus, "--unsafe-fixes")
    assert findings  # these notes follow other conventions: there is much to say
    texts = {name: decode(str(name), data) for name, data in notes(corpus).items()}
    for finding in findings:
        note = texts[Path(finding["path"])]
        for line, column in ((finding["line"], finding["column"]), (finding["end_line"], finding["end_column"])):
            assert 1 <= line <= len(note.line_starts), finding
            assert 1 <= column <= len(note.line_at(line)) + 2, finding  # + 2: a CRLF's '\n'


def test_fix_settles_in_one_run_and_touches_only_fixable_notes(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / corpus.name
    shutil.copytree(corpus, work, symlinks=True)
    for path in work.rglob("*.md"):
        path.chmod(0o644)  # the shared notes are read-only
    before = notes(work)
    fixable = {Path(f["path"]) for f in lint_json(work, "--unsafe-fixes") if f["fixable"]}
    assert notes(work) == before  # a plain run writes nothing
    lint_json(work, "--fix", "--unsafe-fixes")
    after = notes(work)
    changed = {name for name in before if after[name] != before[name]}
    assert changed <= fixable
    assert changed  # the fixes did something
    lint_json(work, "--fix", "--unsafe-fixes")
    assert notes(work) == after
    assert not list(work.rglob(".vault-lint-*.tmp"))
