"""`vault-lint --fix` on the example vault, through the real CLI: the exact
bytes of every note afterwards, and a second run that changes nothing.

`tests/fixtures/fixed_vault/` holds the expected result, reviewed by hand:
each fixable rule (TM001, TM002, TG001–TG005, SC002, SC005, SR001, SR002,
EN001, EN003) changes only its own bytes; CRLF stays CRLF.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_example, run_cli

EXPECTED = FIXTURES / "fixed_vault"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fix_gives_the_expected_bytes_and_is_idempotent(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    copy_example(vault)
    first = run_cli("--fix", "--unsafe-fixes", "--output-format", "concise", ".", cwd=vault)
    assert first.returncode == 1, first.stderr  # findings no fix repairs remain
    assert first.stdout.endswith("Found 19 errors (12 fixed, 7 remaining).\n")
    assert snapshot(vault) == snapshot(EXPECTED)
    second = run_cli("--fix", "--unsafe-fixes", "--output-format", "concise", ".", cwd=vault)
    assert second.stdout.endswith("Found 7 errors (0 fixed, 7 remaining).\n")
    assert snapshot(vault) == snapshot(EXPECTED)


def test_safe_fixes_leave_the_unsafe_ones(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    copy_example(vault)
    run_cli("--fix", ".", cwd=vault)
    curry = "Recettes/Curry vert thaï.md"
    text = (vault / curry).read_text(encoding="utf-8")
    assert "source: Instagram" in text  # SR002, safe
    assert '"#difficulté/intermédiaire"' in text  # TG002 is unsafe: untouched
    assert (vault / curry).read_bytes() != (EXPECTED / curry).read_bytes()


def test_the_example_note_is_repaired_to_readable_french(tmp_path: Path) -> None:
    name = "Recettes/Pork Belly Burnt Ends - Miso Butterscotch Glaze.md"
    text = (EXPECTED / name).read_text(encoding="utf-8")
    assert "cuisine: américaine\n" in text and "  * ¼ tsp chilli powder\n" in text
    assert "110g (½ cup)" in text and "⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30" in text
    assert (EXPECTED / name).read_bytes() == (FIXTURES / "clean_oneline.md").read_bytes()
