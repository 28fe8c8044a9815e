"""The real command line on real files: output, selection, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLEAN, another, run_cli, write_note

BROKEN = CLEAN.replace("difficulté: intermédiaire", "difficulté: facile")


def test_clean_vault_exits_0(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN)
    result = run_cli(vault)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_full_output_shows_the_line_and_exits_1(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", BROKEN)
    result = run_cli("Recettes", cwd=vault)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "Recettes/Porc.md:8:13: FM003 difficulté: expected one of débutant, intermédiaire, avancé, got 'facile'\n"
        "  |\n"
        "8 | difficulté: facile\n"
        "  |             ^^^^^^\n"
    )
    assert result.stdout.endswith("Found 1 error.\n")


def test_json_output_fields(vault: Path) -> None:
    write_note(vault, "Porc.md", BROKEN)
    result = run_cli("--output-format", "json", "Porc.md", cwd=vault)
    assert result.returncode == 1
    [item] = [f for f in json.loads(result.stdout) if f["code"] == "FM003"]
    assert item == {
        "path": "Porc.md", "line": 8, "column": 13, "end_line": 8, "end_column": 19,
        "code": "FM003", "name": "schema-violation",
        "message": "difficulté: expected one of débutant, intermédiaire, avancé, got 'facile'",
        "fixable": False, "fix": None,
    }


def test_select_and_ignore_by_prefix(vault: Path) -> None:
    write_note(vault, "Porc.md", BROKEN.replace("portions: 4\n", "portions: 4\nportions: 4\n"))
    codes = lambda *args: sorted({f["code"] for f in json.loads(  # noqa: E731
        run_cli("--output-format", "json", *args, "Porc.md", cwd=vault).stdout)})
    assert codes() == ["FM003", "FM004"]
    assert codes("--select", "FM004") == ["FM004"]
    assert codes("--ignore", "FM00") == []
    assert codes("--select", "FM", "--ignore", "FM003") == ["FM004"]


def test_configuration_file_at_the_vault_root(vault: Path) -> None:
    write_note(vault, "vault-lint.toml", 'ignore = ["FM003"]\n')
    write_note(vault, "Recettes/Porc.md", BROKEN)
    assert run_cli("Recettes/Porc.md", cwd=vault).returncode == 0


def test_invalid_configuration_is_a_one_line_error(vault: Path) -> None:
    write_note(vault, "vault-lint.toml", "ignore = FM003\n")
    write_note(vault, "Porc.md", CLEAN)
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "vault-lint.toml: invalid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_exit_zero_and_statistics(vault: Path) -> None:
    write_note(vault, "a.md", BROKEN)
    write_note(vault, "b.md", another(BROKEN, 1))
    assert run_cli("--exit-zero", vault).returncode == 0
    result = run_cli("--statistics", vault)
    assert result.stdout == "2\tFM003\t    schema-violation\nFound 2 errors.\n"


def test_hidden_and_tool_folders_are_skipped(vault: Path) -> None:
    for folder in (".obsidian", ".trash", ".hidden", "Templates"):
        write_note(vault, f"{folder}/Porc.md", BROKEN)
    assert run_cli(vault).stdout == "All checks passed!\n"


def test_templates_folder_named_in_obsidian_settings(vault: Path) -> None:
    write_note(vault, ".obsidian/templates.json", '{"folder": "Modèles"}')
    write_note(vault, "Modèles/Recette.md", BROKEN)
    write_note(vault, "Templates/Vraie recette.md", BROKEN)
    result = run_cli("--output-format", "concise", vault)
    assert "Modèles" not in result.stdout
    assert "Templates/Vraie recette.md:8:13: FM003" in result.stdout


def test_missing_path_is_an_error_but_the_others_are_linted(vault: Path) -> None:
    write_note(vault, "Porc.md", BROKEN)
    result = run_cli("nope.md", "Porc.md", cwd=vault)
    assert result.returncode == 2
    assert result.stderr == "vault-lint: nope.md: no such file or folder\n"
    assert "Porc.md:8:13: FM003" in result.stdout


def test_explain_and_list_rules() -> None:
    explained = run_cli("--explain", "fm004")
    assert explained.returncode == 0
    assert explained.stdout.startswith("# duplicate-key (FM004)\n\nNo fix. On by default.\n\n")
    assert "## Why it matters" in explained.stdout
    assert run_cli("--explain", "XX999").returncode == 2
    listed = run_cli("--list-rules").stdout.splitlines()
    assert any(line.startswith("FM002 ") and "invalid-yaml" in line for line in listed)


def test_every_rule_is_documented_like_ruff() -> None:
    from vault_lint.rules import all_rules

    for rule in all_rules():
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.code
        for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
            assert section in rule.doc, f"{rule.code} lacks {section}"


def test_python_module_entry_point_and_version() -> None:
    assert run_cli("--version").stdout.startswith("vault-lint ")


FIXABLE = CLEAN.replace("temps_total: 70", "temps_total: 65").replace('  - "#cuisson/wok"', "  - cuisson/wok")


def test_fix_writes_the_note_and_reports_the_count(vault: Path) -> None:
    note = write_note(vault, "Porc.md", FIXABLE.replace("difficulté: intermédiaire", "difficulté: facile"))
    result = run_cli("--fix", "--output-format", "concise", "Porc.md", cwd=vault)
    assert result.returncode == 1  # FM003 remains
    assert result.stdout.endswith("Found 3 errors (2 fixed, 1 remaining).\n")
    assert note.read_text(encoding="utf-8") == CLEAN.replace("difficulté: intermédiaire", "difficulté: facile")


def test_fix_exit_codes_for_pre_commit(vault: Path) -> None:
    write_note(vault, "Porc.md", FIXABLE)
    assert run_cli("--fix", "--exit-non-zero-on-fix", "Porc.md", cwd=vault).returncode == 1
    assert run_cli("--fix", "--exit-non-zero-on-fix", "Porc.md", cwd=vault).returncode == 0
    write_note(vault, "Porc.md", FIXABLE)
    result = run_cli("--fix", "--show-fixes", "Porc.md", cwd=vault)
    assert result.returncode == 0
    assert result.stdout == (
        "\nFixed 2 errors:\n- Porc.md:\n    1 × TG004 (invalid-tag)\n    1 × TM001 (total-time-mismatch)\n\n"
        "Found 2 errors (2 fixed, 0 remaining).\n"
    )


def test_diff_prints_and_writes_nothing(vault: Path) -> None:
    note = write_note(vault, "Porc.md", FIXABLE)
    result = run_cli("--diff", "Porc.md", cwd=vault)
    assert result.returncode == 1
    assert "-temps_total: 65\n+temps_total: 70\n" in result.stdout
    assert '-  - cuisson/wok\n+  - "#cuisson/wok"\n' in result.stdout
    assert result.stdout.startswith("--- a/Porc.md\n+++ b/Porc.md\n")
    assert note.read_text(encoding="utf-8") == FIXABLE
    write_note(vault, "Porc.md", CLEAN)
    assert run_cli("--diff", "Porc.md", cwd=vault) .stdout == ""


def test_utf16_note_is_re_encoded_only_with_unsafe_fixes(vault: Path) -> None:
    crlf = CLEAN.replace("\n", "\r\n")
    note = vault / "Porc.md"
    note.write_bytes(crlf.encode("utf-16"))
    before = note.read_bytes()
    assert run_cli("--fix", "Porc.md", cwd=vault).returncode == 1
    assert note.read_bytes() == before
    result = run_cli("--fix", "--unsafe-fixes", "Porc.md", cwd=vault)
    assert result.returncode == 0, result.stdout
    assert note.read_bytes() == crlf.encode("utf-8")


def test_a_fix_that_cannot_be_written_leaves_the_note(vault: Path) -> None:
    note = write_note(vault, "Porc.md", FIXABLE)
    note.chmod(0o444)
    result = run_cli("--fix", "--output-format", "concise", "Porc.md", cwd=vault)
    assert result.returncode == 1
    assert "Porc.md:1:1: IO005 cannot write the fixed note: the file is read-only; left untouched" in result.stdout
    assert note.read_text(encoding="utf-8") == FIXABLE


def test_rule_reference_is_up_to_date() -> None:
    from conftest import REPO

    from vault_lint.explain import rules_markdown

    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "regenerate: python -m vault_lint.explain > docs/rules.md"


def test_output_breaks_lines_as_the_note_does(vault: Path) -> None:
    # U+2028 and form feeds are not line breaks for vault-lint (nor Obsidian).
    text = FIXABLE.replace("# Porc caramélisé au gingembre 🐷", "# Porc caramélisé\u2028au gingembre\f🐷")
    write_note(vault, "Porc.md", text)
    shown = run_cli("Porc.md", cwd=vault).stdout
    assert "6 | temps_total: 65\n" in shown
    diff = run_cli("--diff", "Porc.md", cwd=vault).stdout
    assert "No newline" not in diff and "@@ -3,7 +3,7 @@" in diff


def test_templater_folder_and_placeholders_are_skipped(vault: Path) -> None:
    write_note(vault, ".obsidian/plugins/templater-obsidian/data.json", '{"templates_folder": "_modeles/recettes"}')
    write_note(vault, "_modeles/recettes/Recette.md", BROKEN)
    write_note(vault, "Brouillon.md", BROKEN.replace("date_ajout: 2025-09-14", 'date_ajout: <% tp.date.now() %>'))
    write_note(vault, "Porc.md", BROKEN)
    result = run_cli("--output-format", "concise", vault)
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == [str(vault / "Porc.md")]


def test_unknown_rule_selector_is_refused(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN)
    result = run_cli("--select", "TM9", "Porc.md", cwd=vault)
    assert (result.returncode, result.stderr) == (2, "vault-lint: --select: unknown rule selector(s): TM9 (see --list-rules)\n")
    assert run_cli("--select", "ALL", "--ignore", "SC00", "Porc.md", cwd=vault).returncode == 0


def test_usage_errors_are_one_line(vault: Path) -> None:
    for args in (["--max-file-size", "abc"], ["--output-format", "xml"], ["-x"]):
        result = run_cli(*args, cwd=vault)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("vault-lint: ") and result.stderr.endswith("(see --help)\n")


def test_diff_applies_with_patch_to_a_name_with_spaces(vault: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("the patch program is not installed")
    note = write_note(vault, "Plats du soir/Pâté en croûte.md", FIXABLE)
    diff = run_cli("--diff", "--exit-zero", ".", cwd=vault)
    assert diff.returncode == 0 and diff.stdout.startswith("--- a/Plats du soir/Pâté en croûte.md\t\n")
    subprocess.run(["patch", "-p1", "-s"], input=diff.stdout, text=True, cwd=vault, check=True)
    assert note.read_text(encoding="utf-8") == CLEAN


def test_statistics_as_json(vault: Path) -> None:
    write_note(vault, "a.md", FIXABLE)
    result = run_cli("--statistics", "--output-format", "json", vault)
    assert json.loads(result.stdout) == [
        {"code": "TG004", "name": "invalid-tag", "count": 1, "fixable": 1},
        {"code": "TM001", "name": "total-time-mismatch", "count": 1, "fixable": 1},
    ]


def test_decomposed_accents_read_as_composed(vault: Path) -> None:
    import unicodedata

    write_note(vault, "Porc.md", unicodedata.normalize("NFD", CLEAN))
    assert run_cli("Porc.md", cwd=vault).stdout == "All checks passed!\n"


def test_api_keeps_a_bom_read_from_a_file() -> None:
    import vault_lint

    text = "\ufeff" + FIXABLE
    assert [f.code for f in vault_lint.check_text(text, path="Recettes/a.md")] == ["TM001", "TG004"]
    fixed_text, remaining = vault_lint.fix_text(text, path="Recettes/a.md")
    assert (fixed_text, remaining) == ("\ufeff" + CLEAN, [])


def test_a_message_stays_on_one_line(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN.replace("source: Instagram", "source: |\n  instagram"))
    lines = run_cli("--output-format", "concise", "Porc.md", cwd=vault).stdout.splitlines()
    assert lines[0] == ("Porc.md:10:9: SR002 [*] source 'instagram\\n' is spelled differently "
                        "from the platform name 'Instagram'")


def test_a_configuration_above_the_git_root_does_not_apply(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.vault-lint\nbroken", encoding="utf-8")
    (tmp_path / "vault-lint.toml").write_text('select = ["TM"]\n', encoding="utf-8")
    repo = tmp_path / "cookbook"
    (repo / ".git").mkdir(parents=True)
    write_note(repo, "Porc.md", CLEAN.replace("portions: 4", "portions: quatre"))
    result = run_cli("--output-format", "concise", "Porc.md", cwd=repo)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("Porc.md:7:11: FM003 ")


def test_check_text_refuses_a_configuration_the_command_line_refuses(vault: Path) -> None:
    from vault_lint.api import check_text, fix_text
    from vault_lint.config import ConfigError

    (vault / "vault-lint.toml").write_text('select = ["TM9"]\n', encoding="utf-8")
    write_note(vault, "Porc.md", CLEAN)
    result = run_cli("Porc.md", cwd=vault)
    assert result.returncode == 2
    assert result.stderr == f"vault-lint: {vault / 'vault-lint.toml'}: select: unknown rule selector(s): TM9 (see --list-rules)\n"
    for call in (check_text, fix_text):
        with pytest.raises(ConfigError, match=r"unknown rule selector\(s\): TM9"):
            call(CLEAN, vault / "Porc.md")


# -- a command line that tells the truth --------------------------------------------------

def _stdin_cli(text: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, reading ``text`` on standard input."""
    from conftest import source_path

    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": source_path()}
    return subprocess.run([sys.executable, "-m", "vault_lint", *args], input=text, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_a_missing_path_alone_never_passes(vault: Path) -> None:
    result = run_cli("nope.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "vault-lint: nope.md: no such file or folder\n")


def test_no_notes_found_is_one_warning(vault: Path) -> None:
    (vault / "Vide").mkdir()
    result = run_cli("Vide", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "", "vault-lint: warning: no notes found under the given paths\n")


def test_a_note_named_but_skipped_says_so_once(vault: Path) -> None:
    write_note(vault, "Templates/Recette.md", BROKEN)
    write_note(vault, "Archives/Vieux.md", another(BROKEN, 1))
    result = run_cli("Templates/Recette.md", "Templates/Recette.md", "Archives/Vieux.md", "--exclude", "Archives",
                     cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", (
        "vault-lint: Templates/Recette.md: a template (in the templates folder); only the file checks ran\n"
        "vault-lint: Archives/Vieux.md: excluded by the settings (exclude); not checked\n"))
    write_note(vault, "Porc.md", CLEAN)
    result = run_cli("Porc.md", "Templates/Recette.md", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")


def test_exclude_and_extend_exclude_on_the_command_line(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text('profile = "fr"\nexclude = ["Archives"]\n', encoding="utf-8")
    for folder in ("Archives", "Brouillons", "Recettes"):
        write_note(vault, f"{folder}/Porc.md", BROKEN)
    paths = lambda *args: sorted({line.split(":")[0] for line in run_cli(  # noqa: E731
        "--output-format", "concise", "--quiet", *args, cwd=vault).stdout.splitlines()})
    assert paths() == ["Brouillons/Porc.md", "Recettes/Porc.md"]
    assert paths("--extend-exclude", "Brouillons") == ["Recettes/Porc.md"]
    assert paths("--exclude", "Recettes,Brouillons") == ["Archives/Porc.md"]


def test_quiet_prints_the_findings_only(vault: Path) -> None:
    write_note(vault, "Porc.md", FIXABLE)
    result = run_cli("--quiet", "--output-format", "concise", "Porc.md", cwd=vault)
    assert result.stdout.splitlines() == [
        "Porc.md:6:14: TM001 [*] temps_total is 65 but temps_prep + temps_cuisson = 40 + 30 = 70",
        "Porc.md:18:5: TG004 [*] tag 'cuisson/wok' is written without the '#' the vault's tags use: "
        "expected '#cuisson/wok'",
    ]
    write_note(vault, "Porc.md", CLEAN)
    assert run_cli("-q", "Porc.md", cwd=vault).stdout == ""


def test_plain_and_fix_runs_give_the_same_count(vault: Path) -> None:
    # A note garbled by mojibake: the recipe rules wait for its repair (an unsafe fix), which
    # lets them see the wrong total.
    write_note(vault, "Porc.md", FIXABLE.replace("caramélisé", "caramÃ©lisÃ©").replace("  - cuisson/wok",
                                                                                       '  - "#cuisson/wok"'))
    plain = run_cli("--unsafe-fixes", "--output-format", "concise", "Porc.md", cwd=vault).stdout.splitlines()
    assert plain[1:] == ["Found 1 error.", "[*] 1 fixable with the `--fix` option."]
    fixed = run_cli("--fix", "--unsafe-fixes", "Porc.md", cwd=vault)
    assert (fixed.returncode, fixed.stdout) == (
        0, "Found 1 error, and 1 more once the first fixes were applied (2 fixed, 0 remaining).\n")


def test_hidden_fixes_are_counted_in_english(vault: Path) -> None:
    for number, name in enumerate(("a.md", "b.md")):
        write_note(vault, name, another(CLEAN.replace('"#difficulté/intermédiaire"', '"#difficulté/avancé"'), number))
    assert run_cli(vault).stdout.endswith(
        "Found 2 errors.\n2 hidden fixes can be enabled with the `--unsafe-fixes` option.\n")


def test_diff_ends_with_a_summary(vault: Path) -> None:
    write_note(vault, "Porc.md", FIXABLE)
    result = run_cli("--diff", "Porc.md", cwd=vault)
    assert (result.returncode, result.stderr) == (1, "Would fix 2 errors in 1 note.\n")
    write_note(vault, "Porc.md", CLEAN.replace('"#difficulté/intermédiaire"', '"#difficulté/avancé"'))
    result = run_cli("--diff", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "", "Nothing to fix; 1 hidden fix can be enabled with the `--unsafe-fixes` option.\n")


def test_standard_input_as_a_named_note(vault: Path) -> None:
    result = _stdin_cli(FIXABLE, "-", "--stdin-filename", "Recettes/Porc.md", "--output-format", "concise", cwd=vault)
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1, "Recettes/Porc.md:6:14: TM001 [*] temps_total is 65 but temps_prep + temps_cuisson = 40 + 30 = 70")
    fixed = _stdin_cli(FIXABLE, "--fix", "--stdin-filename", "Recettes/Porc.md", cwd=vault)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, CLEAN, "Found 2 errors (2 fixed, 0 remaining).\n")
    assert not (vault / "Recettes").exists()
    refused = _stdin_cli(FIXABLE, "-", cwd=vault)
    assert (refused.returncode, refused.stderr) == (2, "vault-lint: '-' reads a note from standard input: name the "
                                                       "note it stands for with --stdin-filename (see --help)\n")


def test_colours_on_request_only(vault: Path) -> None:
    write_note(vault, "Porc.md", FIXABLE)
    lines = run_cli("--select", "TM001", "Porc.md", cwd=vault, env={"FORCE_COLOR": "1"}).stdout.splitlines()
    assert lines[:4] == [
        "\x1b[1mPorc.md\x1b[0m:6:14: \x1b[1;31mTM001\x1b[0m \x1b[36m[*]\x1b[0m temps_total is 65 but temps_prep "
        "+ temps_cuisson = 40 + 30 = 70",
        "  \x1b[1;34m|\x1b[0m",
        "\x1b[1;34m6\x1b[0m \x1b[1;34m|\x1b[0m temps_total: 65",
        "  \x1b[1;34m|\x1b[0m              \x1b[1;31m^^\x1b[0m",
    ]
    assert "\x1b" not in run_cli("Porc.md", cwd=vault, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b" not in run_cli("Porc.md", cwd=vault).stdout  # a pipe


class _Terminal:
    """Standard error as a terminal: what a person watching a run sees."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("notes", "args", "environment", "shown"), [
    (2000, [], {}, True),
    (1999, [], {}, False),  # a short run: no bar
    (2000, ["--output-format", "json"], {}, False),
    (2000, ["--quiet"], {}, False),
    (2000, [], {"CI": "true"}, False),
])
def test_a_long_run_on_a_terminal_shows_a_progress_bar(scratch: Path, monkeypatch: pytest.MonkeyPatch, notes: int,
                                                        args: list[str], environment: dict[str, str],
                                                        shown: bool) -> None:
    from vault_lint import cli

    (scratch / ".obsidian").mkdir()
    (scratch / "vault-lint.toml").write_text('select = ["SC006"]\n', encoding="utf-8")
    for number in range(notes):
        (scratch / f"n{number}.md").write_bytes(b"# Note\n")
    monkeypatch.delenv("CI", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(scratch)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main([*args, "--no-cache", "."]) == 0
    assert (f"/{notes} [" in terminal.text) is shown, terminal.text  # tqdm's "721/2000 [00:00<00:00, ...]"
    assert terminal.text.endswith("\r") or not shown  # and the bar is cleared at the end
