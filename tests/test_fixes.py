"""The fix engine: edits, rounds, convergence and atomic writes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault_lint.api import context_for
from vault_lint.findings import Diagnostic, Edit, Finding, Fix
from vault_lint.fixes import (
    WriteRefused,
    apply_edits,
    choose,
    fix_note,
    remove_stale_temporaries,
    write_note,
)
from vault_lint.note import decode, parse_text
from vault_lint.rules import Rule


def finding(*edits: Edit, applicability: str = "safe") -> Finding:
    fix = Fix(tuple(edits), applicability, "fix")  # type: ignore[arg-type]
    return Finding("n.md", "X001", "x", "m", 1, 1, 1, 1, fix)


def test_apply_edits_keeps_untouched_text() -> None:
    text = "a: 1\r\nb: 2\r\n"
    assert apply_edits(text, [Edit(9, 10, "3"), Edit(3, 4, "10")]) == "a: 10\r\nb: 3\r\n"


def test_insertions_at_one_point_keep_their_order() -> None:
    assert apply_edits("ab", [Edit(1, 1, "x"), Edit(1, 1, "y")]) == "axyb"


def test_overlapping_fix_waits_for_the_next_round() -> None:
    first, second, third = finding(Edit(0, 4, "x")), finding(Edit(2, 6, "y")), finding(Edit(6, 6, "z"))
    unsafe = finding(Edit(8, 9, "u"), applicability="unsafe")
    assert choose([first, second, third, unsafe], unsafe=False) == [first, third]
    assert choose([first, second, third, unsafe], unsafe=True) == [first, third, unsafe]


def _rule(code: str, check) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(code, code.lower(), check, "note", True, "safe", "doc")


def test_rounds_until_nothing_changes() -> None:
    def shorten(model, ctx) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        index = model.note.text.find("aa")
        if index >= 0:
            yield Diagnostic(index, index + 2, "aa", Fix.safe("a", Edit(index, index + 2, "a")))

    note = parse_text("n.md", "x aaaa y\n")
    outcome = fix_note(note, context_for("n.md"), rules=[_rule("T001", shorten)])
    assert outcome.note.text == "x a y\n"
    assert len(outcome.fixed) == 3 and outcome.remaining == []


def test_fixes_that_never_settle_are_reported_not_looped_on() -> None:
    def flip(model, ctx) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        other = "b" if model.note.text[0] == "a" else "a"
        yield Diagnostic(0, 1, "flip", Fix.safe("flip", Edit(0, 1, other)))

    note = parse_text("n.md", "a\n")
    outcome = fix_note(note, context_for("n.md"), rules=[_rule("T002", flip)])
    assert outcome.note.text == "a\n" and not outcome.changed
    assert outcome.remaining[0].code == "FIX001"
    assert "T002" in outcome.remaining[0].message


def _note_file(tmp_path: Path, data: bytes, mode: int = 0o640) -> tuple[Path, object, bytes]:
    path = tmp_path / "Porc.md"
    path.write_bytes(data)
    path.chmod(mode)
    note = decode(str(path), data)
    return path, note, data


def test_write_keeps_bom_permissions_and_leaves_no_temporary(tmp_path: Path) -> None:
    path, note, raw = _note_file(tmp_path, b"\xef\xbb\xbfa: 1\r\n")
    note.text = "a: 2\r\n"  # type: ignore[attr-defined]
    write_note(path, note, raw)  # type: ignore[arg-type]
    assert path.read_bytes() == b"\xef\xbb\xbfa: 2\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["Porc.md"]


def test_read_only_note_is_left_untouched(tmp_path: Path) -> None:
    path, note, raw = _note_file(tmp_path, b"a: 1\n", mode=0o444)
    note.text = "a: 2\n"  # type: ignore[attr-defined]
    with pytest.raises(WriteRefused) as refused:
        write_note(path, note, raw)  # type: ignore[arg-type]
    assert refused.value.code == "IO005" and "read-only" in str(refused.value)
    assert path.read_bytes() == b"a: 1\n" and os.listdir(tmp_path) == ["Porc.md"]


def test_note_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    path, note, raw = _note_file(tmp_path, b"a: 1\n")
    path.write_bytes(b"a: 1\nedited: yes\n")
    note.text = "a: 2\n"  # type: ignore[attr-defined]
    with pytest.raises(WriteRefused) as refused:
        write_note(path, note, raw)  # type: ignore[arg-type]
    assert refused.value.code == "IO004"
    assert path.read_bytes() == b"a: 1\nedited: yes\n" and os.listdir(tmp_path) == ["Porc.md"]


def test_stale_temporaries_of_dead_runs_are_removed_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".vault-lint-999999999-0123456789abcdef.tmp"
    live = tmp_path / f".vault-lint-{os.getppid()}-0123456789abcdef.tmp"
    other = tmp_path / ".vault-lint-notes.tmp"
    lookalike = tmp_path / ".vault-lint-999999999-abc.tmp"  # not a name --fix gives: kept
    for path in (dead, live, other, lookalike):
        path.write_text("x")
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, lookalike.name])


def test_a_note_that_settles_in_the_last_round_is_fixed() -> None:
    from vault_lint.fixes import MAX_ROUNDS

    def shorten_first(model, ctx) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        index = model.note.text.find("aa")
        if index >= 0:
            yield Diagnostic(index, index + 2, "aa", Fix.safe("a", Edit(index, index + 2, "a")))

    note = parse_text("n.md", "a" * (MAX_ROUNDS + 1) + "\n")  # one round per extra 'a'
    outcome = fix_note(note, context_for("n.md"), rules=[_rule("T003", shorten_first)])
    assert outcome.note.text == "a\n"
    assert len(outcome.fixed) == MAX_ROUNDS and outcome.remaining == []


def test_a_fix_that_would_damage_the_front_matter_is_refused() -> None:
    def break_yaml(model, ctx) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        index = model.note.text.find("b: 2")
        if index >= 0:
            yield Diagnostic(index, index + 4, "b", Fix.safe("b", Edit(index, index + 4, "b: [2")))

    def upper(model, ctx) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        index = model.note.text.find("a: x")
        if index >= 0:
            yield Diagnostic(index, index + 4, "a", Fix.safe("a", Edit(index + 3, index + 4, "X")))

    note = parse_text("n.md", "---\na: x\nb: 2\n---\n# N\n")
    outcome = fix_note(note, context_for("n.md"), rules=[_rule("T004", break_yaml), _rule("T005", upper)])
    assert outcome.note.text == "---\na: X\nb: 2\n---\n# N\n"
    assert [f.code for f in outcome.fixed] == ["T005"]
    assert [f.code for f in outcome.remaining] == ["T004"]
