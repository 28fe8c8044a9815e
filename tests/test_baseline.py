"""The baseline (--write-baseline, --baseline, the baseline setting), through the real command line.

The runs that change the baseline between two runs pass ``--no-cache``: what they show is the
baseline's own behaviour. ``test_a_baseline_written_since_the_last_run_applies`` shows it with
the cache.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLEAN, another, run_cli, write_note

from vault_lint.baseline import fingerprint

WRONG = CLEAN.replace("temps_total: 70", "temps_total: 65").replace('  - "#cuisson/wok"', "  - cuisson/wok")
TM001 = "temps_total is 65 but temps_prep + temps_cuisson = 40 + 30 = 70"
TG004 = "tag 'cuisson/wok' is written without the '#' the vault's tags use: expected '#cuisson/wok'"


def run(vault: Path, *args: str | Path) -> tuple[int, str, str]:
    result = run_cli("--no-cache", *args, cwd=vault)
    return result.returncode, result.stdout, result.stderr


def test_write_baseline_records_the_findings_by_path_code_and_text(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", WRONG)
    write_note(vault, "Recettes/Propre.md", another(CLEAN, 1))
    assert run(vault, "--write-baseline") == (
        0, "Recorded 2 findings in 1 note in .vault-lint-baseline.json.\n", "")
    recorded = (vault / ".vault-lint-baseline.json").read_text(encoding="utf-8")
    assert recorded == json.dumps({"version": 1, "findings": [
        {"path": "Recettes/Porc.md", "code": "TG004", "fingerprint": fingerprint("  - cuisson/wok"),
         "count": 1, "message": TG004},
        {"path": "Recettes/Porc.md", "code": "TM001", "fingerprint": fingerprint("temps_total: 65"),
         "count": 1, "message": TM001},
    ]}, ensure_ascii=False, indent=2) + "\n"
    assert run(vault) == (0, "All checks passed!\n", "")
    assert run(vault, "--statistics") == (0, "2 findings hidden by the baseline.\n", "")


def test_a_recorded_finding_survives_edits_elsewhere_not_its_own_line(vault: Path) -> None:
    note = write_note(vault, "Porc.md", WRONG)
    run(vault, "--write-baseline")
    note.write_text(WRONG.replace("# Porc", "Un mot d'abord.\n\n# Porc").replace("tags:\n", "tags:   \n")
                    .replace("temps_total: 65", "temps_total:   65  # vault-lint: ignore[TG004]"), encoding="utf-8")
    assert run(vault) == (0, "All checks passed!\n", "")  # white space and a suppression comment are not the text
    note.write_text(WRONG.replace("temps_total: 65", "temps_total: 60"), encoding="utf-8")
    code, out, _ = run(vault, "--output-format", "concise", "--statistics")
    assert (code, out) == (1, "1\tTM001\t[*] total-time-mismatch\nFound 1 error.\n1 finding hidden by the baseline.\n")


def test_a_recorded_finding_is_not_fixed(vault: Path) -> None:
    note = write_note(vault, "Porc.md", WRONG)
    run(vault, "--write-baseline")
    assert run(vault, "--fix") == (0, "All checks passed!\n", "")
    assert note.read_text(encoding="utf-8") == WRONG


def test_the_configuration_or_the_command_line_names_the_baseline(vault: Path) -> None:
    write_note(vault, "Porc.md", WRONG)
    assert run(vault, "--write-baseline", "ci/known.json") == (
        0, "Recorded 2 findings in 1 note in ci/known.json.\n", "")
    assert run(vault)[0] == 1  # not the default file: not read by itself
    assert run(vault, "--baseline", "ci/known.json") == (0, "All checks passed!\n", "")
    (vault / "vault-lint.toml").write_text('profile = "fr"\nbaseline = "ci/known.json"\n', encoding="utf-8")
    assert run(vault) == (0, "All checks passed!\n", "")
    (vault / "vault-lint.toml").write_text('profile = "fr"\nbaseline = "ci/gone.json"\n', encoding="utf-8")
    code, _, err = run(vault, "--output-format", "concise")
    assert (code, err) == (1, f"vault-lint: warning: baseline {vault / 'ci' / 'gone.json'} not found: no finding "
                              "hidden (write it with --write-baseline)\n")


def test_a_baseline_that_is_not_one_is_a_one_line_error(vault: Path) -> None:
    write_note(vault, "Porc.md", WRONG)
    (vault / ".vault-lint-baseline.json").write_text('{"version": 1, "findings": [{"path": 3}]}', encoding="utf-8")
    assert run(vault) == (2, "", f"vault-lint: {vault / '.vault-lint-baseline.json'}: findings[0]: expected "
                                 '"path", "code" and "fingerprint" (text) and a "count" of at least 1\n')
    assert run(vault, "--baseline", "nowhere.json") == (
        2, "", "vault-lint: --baseline: nowhere.json: no such file (write one with --write-baseline) (see --help)\n")


def test_writing_for_some_notes_keeps_the_others_entries(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", WRONG)
    write_note(vault, "Recettes/Porc 2.md", another(WRONG, 2))
    run(vault, "--write-baseline")
    write_note(vault, "Recettes/Porc.md", CLEAN)
    # A value that is not a .json file is a path to lint.
    assert run(vault, "--write-baseline", "Recettes/Porc.md") == (
        0, "Recorded 0 findings in 0 notes in .vault-lint-baseline.json; 2 in all.\n", "")
    recorded = json.loads((vault / ".vault-lint-baseline.json").read_text(encoding="utf-8"))
    assert {item["path"] for item in recorded["findings"]} == {"Recettes/Porc 2.md"}


def test_a_baseline_written_since_the_last_run_applies(vault: Path) -> None:
    write_note(vault, "Porc.md", WRONG)
    assert run_cli(cwd=vault).returncode == 1
    assert run_cli("--write-baseline", cwd=vault).returncode == 0
    assert run_cli(cwd=vault).stdout == "All checks passed!\n"
    (vault / ".vault-lint-baseline.json").unlink()
    assert run_cli(cwd=vault).returncode == 1
