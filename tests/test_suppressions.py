"""Inline suppressions (NQ001, NQ002) and --add-suppressions, through the real command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import CLEAN, run_cli, write_note

from vault_lint.note import parse_text
from vault_lint.suppressions import read

LINK = "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
SHORT_LINK = "Link: https://www.instagram.com/reel/C8xYzAbCdEf/"
# TM001 on line 6, TG004 on line 18, TM002 on line 30 (a quick-info item, under the one
# above it), SC005 on line 47 (a step, under the one above it), SR001 on line 52.
MANY = (CLEAN.replace("temps_total: 70", "temps_total: 65")
        .replace('  - "#cuisson/wok"', "  - cuisson/wok")
        .replace("Temps de cuisson : 30 minutes", "Temps de cuisson : 35 minutes")
        .replace("3. Ajouter", "5. Ajouter")
        .replace(LINK, SHORT_LINK))
WRONG_TOTAL = CLEAN.replace("temps_total: 70", "temps_total: 65")
WRONG_LINK = CLEAN.replace(LINK, SHORT_LINK)
SR001 = ("Porc.md:52:7: SR001 [*] Link address 'https://www.instagram.com/reel/C8xYzAbCdEf/' is not the front "
         "matter url 'https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk'")


def concise(vault: Path, *args: str) -> tuple[int, list[str], str]:
    result = run_cli("--output-format", "concise", *args, "Porc.md", cwd=vault)
    return result.returncode, result.stdout.splitlines(), result.stderr


# -- each form silences its finding ------------------------------------------------------

@pytest.mark.parametrize("text", [
    WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TM001]"),
    WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65 # vault-lint: ignore[TM]"),
    WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65  # à revoir # vault-lint: ignore[TG, TM001]"),
    WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore"),
    WRONG_TOTAL.replace("tags:\n", "vault-lint: {ignore: [TM001]}\ntags:\n"),
    WRONG_TOTAL.replace("tags:\n", "vault-lint:\n  ignore: TM\ntags:\n"),
    WRONG_TOTAL + "\n%% vault-lint-disable-file TM001 %%\n",
    WRONG_TOTAL + "\n<!-- vault-lint-disable-file SR001,TM001 -- the total counts the marinade -->\n",
    WRONG_LINK.replace(SHORT_LINK, f"%% vault-lint-disable-next-line SR001 %%\n{SHORT_LINK}"),
    WRONG_LINK.replace(SHORT_LINK, f"<!-- vault-lint-disable-next-line SR -->\n{SHORT_LINK}"),
    WRONG_LINK.replace(SHORT_LINK, f"%% vault-lint-disable SR001 %%\n{SHORT_LINK}\n%% vault-lint-enable SR001 %%"),
    WRONG_LINK.replace("## Source", "%%\nvault-lint-disable SR001\n%%\n## Source"),
], ids=["yaml", "yaml-prefix", "yaml-after-a-remark", "yaml-every-code", "key-flow", "key-block", "file",
        "file-html-with-reason", "next-line", "next-line-html", "disable-enable", "disable-to-the-end"])
def test_a_suppression_silences_its_finding(vault: Path, text: str) -> None:
    write_note(vault, "Porc.md", text)
    result = run_cli("Porc.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_a_suppression_covers_only_its_line_range_or_codes(vault: Path) -> None:
    text = (MANY.replace(SHORT_LINK, f"%% vault-lint-disable-next-line SR001 %%\n\n{SHORT_LINK}")
            .replace("## Étapes", "%% vault-lint-disable SC005 %%\n## Étapes\n%% vault-lint-enable SC005 %%")
            .replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TG004]"))
    write_note(vault, "Porc.md", text)
    code, lines, _ = concise(vault)
    assert code == 1
    assert [line.split(" ")[1] for line in lines[:-2]] == ["TM001", "TG004", "TM002", "SC005", "SR001"]


def test_a_suppressed_finding_is_not_fixed(vault: Path) -> None:
    text = WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TM001]")
    note = write_note(vault, "Porc.md", text)
    result = run_cli("--fix", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")
    assert note.read_bytes() == text.encode()


def test_a_suppression_in_code_is_only_code(vault: Path) -> None:
    write_note(vault, "Porc.md",
               WRONG_LINK.replace("## Source", "```\n%% vault-lint-disable SR001 %%\n```\n\n## Source"))
    code, lines, _ = concise(vault)
    assert (code, lines[0]) == (1, SR001.replace(":52:", ":56:"))


# -- NQ001: a suppression that cannot be obeyed -------------------------------------------

def test_unknown_codes_and_directives_are_reported(vault: Path) -> None:
    text = (WRONG_TOTAL.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TM01, TM001]")
            .replace("portions: 4", "portions: 4  # vault-lint: ingore[FM003]")
            .replace("tags:\n", "vault-lint: {ignore: [TG9, TG003]}\ntags:\n")
            + "%% vault-lint-disabel-file SC %%\n%% vault-lint: ignore[SC002] %%\n"
            + "<!-- vault-lint-disable-file ZZ9 -->\n")
    write_note(vault, "Porc.md", text)
    code, lines, _ = concise(vault)
    assert code == 1
    assert lines == [
        "Porc.md:6:39: NQ001 unknown rule code 'TM01' in a suppression (see --list-rules)",
        "Porc.md:7:14: NQ001 unknown suppression '# vault-lint: ingore[FM003]'; in the front matter write "
        "'# vault-lint: ignore[CODE]' (the body's comments go below the front matter)",
        "Porc.md:13:23: NQ001 unknown rule code 'TG9' in vault-lint: ignore (see --list-rules)",
        "Porc.md:54:4: NQ001 unknown suppression 'vault-lint-disabel-file'; expected one of "
        "vault-lint-disable-next-line, vault-lint-disable, vault-lint-enable, vault-lint-disable-file",
        "Porc.md:55:4: NQ001 'vault-lint:' is the front matter's form; in the body write "
        "vault-lint-disable-next-line, vault-lint-disable, vault-lint-enable, vault-lint-disable-file",
        "Porc.md:56:30: NQ001 unknown rule code 'ZZ9' in a suppression (see --list-rules)",
        "Found 6 errors.",
    ]


# -- NQ002: unused suppressions, removed by a safe fix ------------------------------------

UNUSED = (CLEAN.replace("temps_total: 70", "temps_total: 70  # vault-lint: ignore[TM001]")
          .replace("portions: 4", "portions: 4 # quatre # vault-lint: ignore[FM003] -- old")
          .replace(LINK, f"%% vault-lint-disable-next-line SR001, SC007 %%\n{SHORT_LINK}")
          + "<!-- vault-lint-disable SC --> après\n%% vault-lint-enable SC %%")


def test_unused_suppressions_are_off_by_default(vault: Path) -> None:
    write_note(vault, "Porc.md", UNUSED)
    assert concise(vault)[:2] == (0, ["All checks passed!"])


def test_unused_suppressions_are_reported_and_removed(vault: Path) -> None:
    note = write_note(vault, "Porc.md", UNUSED)
    code, lines, _ = concise(vault, "--extend-select", "NQ002")
    assert code == 1
    assert lines == [
        "Porc.md:6:18: NQ002 [*] unused suppression '# vault-lint: ignore[TM001]': TM001 silences nothing here",
        "Porc.md:7:22: NQ002 [*] unused suppression '# vault-lint: ignore[FM003]': FM003 silences nothing here",
        "Porc.md:52:40: NQ002 [*] unused suppression 'vault-lint-disable-next-line SR001, SC007': "
        "SC007 did not run on this note",
        "Porc.md:54:1: NQ002 [*] unused suppression 'vault-lint-disable SC': SC silences nothing here",
        "Found 4 errors.",
        "[*] 4 fixable with the `--fix` option.",
    ]
    result = run_cli("--fix", "--extend-select", "NQ002", "Porc.md", cwd=vault)
    # The enable closing nothing once its disable is gone is found in the second round.
    assert (result.returncode, result.stdout) == (
        0, "Found 4 errors, and 1 more once the first fixes were applied (5 fixed, 0 remaining).\n")
    assert note.read_text(encoding="utf-8") == (
        CLEAN.replace("portions: 4", "portions: 4 # quatre")
        .replace(LINK, f"%% vault-lint-disable-next-line SR001 %%\n{SHORT_LINK}") + "après"
    )


def test_an_unused_key_is_reported_not_edited(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN.replace("tags:\n", "vault-lint: {ignore: [TM001]}\ntags:\n"))
    code, lines, _ = concise(vault, "--extend-select", "NQ002", "--fix")
    assert (code, lines[0]) == (1, "Porc.md:13:1: NQ002 unused suppression 'vault-lint: ignore': TM001 silences "
                                   "nothing here (the vault-lint key is a property: edit it by hand)")


# -- --add-suppressions ----------------------------------------------------------------------

def test_add_suppressions_makes_the_run_clean_touching_only_comments(vault: Path) -> None:
    note = write_note(vault, "Porc.md", MANY)
    os.chmod(note, 0o640)
    result = run_cli("--add-suppressions", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Added 4 suppressions for 5 findings in 1 note.\n", "")
    assert note.read_text(encoding="utf-8") == (
        MANY.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TM001]")
        .replace("  - cuisson/wok", "  - cuisson/wok  # vault-lint: ignore[TG004]")
        .replace(SHORT_LINK, f"%% vault-lint-disable-next-line SR001 %%\n{SHORT_LINK}")
        + "\n%% vault-lint-disable-file TM002, SC005 %%\n"  # list items: not between two of them
    )
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert run_cli("Porc.md", cwd=vault).stdout == "All checks passed!\n"
    again = run_cli("--add-suppressions", "Porc.md", cwd=vault)
    assert (again.returncode, again.stdout) == (0, "No finding to suppress.\n")


def test_add_suppressions_extends_the_comments_already_there(vault: Path) -> None:
    text = (MANY.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TG]")
            .replace(SHORT_LINK, f"%% vault-lint-disable-next-line TM %%\n{SHORT_LINK}")
            + "\n%% vault-lint-disable-file TG004 %%\n")
    note = write_note(vault, "Porc.md", text)
    assert run_cli("--add-suppressions", "Porc.md", cwd=vault).returncode == 0
    assert note.read_text(encoding="utf-8") == (
        MANY.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TG, TM001]")
        .replace(SHORT_LINK, f"%% vault-lint-disable-next-line TM, SR001 %%\n{SHORT_LINK}")
        + "\n%% vault-lint-disable-file TG004, TM002, SC005 %%\n"
    )


def test_add_suppressions_keeps_line_endings_and_a_missing_final_newline(vault: Path) -> None:
    text = WRONG_LINK.replace("\n", "\r\n").rstrip("\r\n")
    note = write_note(vault, "Porc.md", text)
    assert run_cli("--add-suppressions", "Porc.md", cwd=vault).returncode == 0
    assert note.read_bytes() == text.replace(
        SHORT_LINK, f"%% vault-lint-disable-next-line SR001 %%\r\n{SHORT_LINK}").encode()


def test_add_suppressions_under_an_unclosed_comment_goes_to_the_top(vault: Path) -> None:
    text = WRONG_TOTAL.replace("temps_total: 65\n", "temps_total: '65'\n") + "\n%% brouillon\n"
    note = write_note(vault, "Porc.md", text)
    assert concise(vault)[1][0].startswith("Porc.md:6:14: FM003 ")
    result = run_cli("--add-suppressions", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "Added 1 suppression for 1 finding in 1 note.\n")
    assert note.read_text(encoding="utf-8") == text.replace(
        "temps_total: '65'\n", "temps_total: '65'  # vault-lint: ignore[FM003]\n")


def test_add_suppressions_says_what_it_cannot_suppress(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN)
    write_note(vault, "Vide.md", "\n")
    result = run_cli("--add-suppressions", ".", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "Added 0 suppressions for 0 findings in 0 notes.\n",
        "vault-lint: Vide.md: 1 finding not suppressed (SC006): the note is empty, and a comment would make "
        "it a note that is not (delete it, or record it in the baseline)\n")


def test_add_suppressions_is_refused_with_fix() -> None:
    result = run_cli("--add-suppressions", "--fix")
    assert (result.returncode, result.stderr) == (
        2, "vault-lint: --add-suppressions cannot be used with --fix (see --help)\n")


# -- reading, as the rules see it ----------------------------------------------------------

def test_a_hash_inside_a_value_is_no_comment() -> None:
    note = parse_text("n.md", '---\ntitre: "a # vault-lint: ignore[TM001]"\nx: |\n  # vault-lint: ignore\n---\n')
    assert read(note, ["TM001"]).directives == []


# -- a suppression in a comment that holds more: the author's text stays -------------------

REMARK = "Note perso : doubler la dose de beurre."
STEP1 = "1. Mélanger le porc avec la sauce soja et le poivre.\n"
MARIE = "     Marie : le four chauffe fort, compter 35 min -->\n"


def fixed(vault: Path, text: str) -> tuple[list[str], str, bytes]:
    """What ``--extend-select NQ002`` reports on ``text``, what ``--fix``
    says, and the note's bytes afterwards; a second ``--fix`` finds nothing."""
    note = write_note(vault, "Porc.md", text)
    _, lines, _ = concise(vault, "--extend-select", "NQ002")
    result = run_cli("--fix", "--extend-select", "NQ002", "Porc.md", cwd=vault)
    assert (result.returncode, result.stderr) == (0, "")
    after = note.read_bytes()
    again = run_cli("--fix", "--extend-select", "NQ002", "Porc.md", cwd=vault)
    assert (again.returncode, again.stdout, note.read_bytes()) == (0, "All checks passed!\n", after)
    return lines, result.stdout, after


def fixed_once(vault: Path, text: str) -> tuple[str, bytes]:
    """``fixed`` for a note with one NQ002, which ``--fix`` fixes: its line
    as reported, and the note's bytes afterwards."""
    lines, said, after = fixed(vault, text)
    assert lines[1:] == ["Found 1 error.", "[*] 1 fixable with the `--fix` option."]
    assert said == "Found 1 error (1 fixed, 0 remaining).\n"
    return lines[0], after


def test_a_directive_ends_with_its_line_and_its_fix_keeps_the_remark_below(tmp_path: Path) -> None:
    note = write_note(tmp_path, "note.md", "# Tarte\n\nTexte.\n\n%%\nvault-lint-disable-file TG003\n"
                                           f"{REMARK}\n%%\n")
    result = run_cli("--output-format", "concise", "--no-cache", "--extend-select", "NQ002", "note.md",
                     cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()) == (1, [
        "note.md:5:1: NQ002 [*] unused suppression 'vault-lint-disable-file TG003': TG003 did not run on this "
        "note",
        "Found 1 error.",
        "[*] 1 fixable with the `--fix` option.",
    ])
    result = run_cli("--fix", "--no-cache", "--extend-select", "NQ002", "note.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Found 1 error (1 fixed, 0 remaining).\n")
    assert note.read_bytes() == f"# Tarte\n\nTexte.\n\n%%\n{REMARK}\n%%\n".encode()


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_an_unused_directive_on_its_own_line_goes_alone(vault: Path, newline: str) -> None:
    text = (CLEAN + f"\n%%\nvault-lint-disable-file TG003 -- tags kept by hand\n{REMARK}\n%%\n").replace(
        "\n", newline)
    finding, after = fixed_once(vault, text)
    assert finding == (
        "Porc.md:54:1: NQ002 [*] unused suppression 'vault-lint-disable-file TG003': TG003 silences nothing here")
    assert after == (CLEAN + f"\n%%\n{REMARK}\n%%\n").replace("\n", newline).encode()


def test_an_unused_directive_on_the_openers_line_goes_the_markers_stay(vault: Path) -> None:
    text = CLEAN.replace(STEP1, f"{STEP1}<!-- vault-lint-disable-next-line SC005\n{MARIE}")
    finding, after = fixed_once(vault, text)
    assert finding == (
        "Porc.md:46:1: NQ002 [*] unused suppression 'vault-lint-disable-next-line SC005': SC005 silences "
        "nothing here")
    assert after == CLEAN.replace(STEP1, f"{STEP1}<!--\n{MARIE}").encode()


def test_words_below_a_directive_are_no_codes(vault: Path) -> None:
    text = CLEAN + f"\n%% vault-lint-disable-file TG003, SR -- à revoir\n{REMARK} SR001 %%\n"
    finding, after = fixed_once(vault, text)
    assert finding == (
        "Porc.md:54:1: NQ002 [*] unused suppression 'vault-lint-disable-file TG003, SR': TG003 silences "
        "nothing here; SR silences nothing here")
    assert after == (CLEAN + f"\n%%\n{REMARK} SR001 %%\n").encode()


def test_a_comment_that_is_only_the_directive_goes_whole(vault: Path) -> None:
    text = (CLEAN.replace(STEP1, f"{STEP1}<!-- vault-lint-disable-next-line SC005 -->\n")
            + "\n%%\nvault-lint-disable-file TG003 -- tags kept by hand\n%%\n"
            + "\n%% vault-lint-disable-file SR001 -- the reel %%\n")
    lines, said, after = fixed(vault, text)
    assert lines == [
        "Porc.md:46:1: NQ002 [*] unused suppression 'vault-lint-disable-next-line SC005': SC005 silences "
        "nothing here",
        "Porc.md:55:1: NQ002 [*] unused suppression 'vault-lint-disable-file TG003': TG003 silences nothing here",
        "Porc.md:59:1: NQ002 [*] unused suppression 'vault-lint-disable-file SR001': SR001 silences nothing here",
        "Found 3 errors.",
        "[*] 3 fixable with the `--fix` option.",
    ]
    assert said == "Found 3 errors (3 fixed, 0 remaining).\n"
    assert after == (CLEAN + "\n\n").encode()


def test_a_remark_after_a_yaml_directive_stays_a_comment(vault: Path) -> None:
    text = (CLEAN.replace("temps_total: 70", "temps_total: 70  # vault-lint: ignore[TM001] à revoir")
            .replace("portions: 4", "portions: 4 # vault-lint: ignore[FM003] # quatre")
            .replace("temps_prep: 40", "temps_prep: 40  # vault-lint: ignore[TM] -- old"))
    lines, said, after = fixed(vault, text)
    assert lines == [
        "Porc.md:4:17: NQ002 [*] unused suppression '# vault-lint: ignore[TM]': TM silences nothing here",
        "Porc.md:6:18: NQ002 [*] unused suppression '# vault-lint: ignore[TM001]': TM001 silences nothing here",
        "Porc.md:7:13: NQ002 [*] unused suppression '# vault-lint: ignore[FM003]': FM003 silences nothing here",
        "Found 3 errors.",
        "[*] 3 fixable with the `--fix` option.",
    ]
    assert said == "Found 3 errors (3 fixed, 0 remaining).\n"
    assert after == (CLEAN.replace("temps_total: 70", "temps_total: 70  # à revoir")
                     .replace("portions: 4", "portions: 4 # quatre")).encode()


def test_add_suppressions_extends_a_directive_without_touching_the_remark_below(vault: Path) -> None:
    comment = "\n%%\nvault-lint-disable-file TG004\n{}\n%%\n"
    note = write_note(vault, "Porc.md", MANY + comment.format(REMARK))
    result = run_cli("--add-suppressions", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Added 3 suppressions for 4 findings in 1 note.\n", "")
    assert note.read_text(encoding="utf-8") == (
        MANY.replace("temps_total: 65", "temps_total: 65  # vault-lint: ignore[TM001]")
        .replace(SHORT_LINK, f"%% vault-lint-disable-next-line SR001 %%\n{SHORT_LINK}")
        + comment.replace("TG004", "TG004, TM002, SC005").format(REMARK)
    )
    assert run_cli("Porc.md", cwd=vault).stdout == "All checks passed!\n"


def test_an_unused_suppression_naming_an_unknown_code_too_is_not_fixed(vault: Path) -> None:
    text = CLEAN + "\n%% vault-lint-disable-file TG003, TG9 -- tags kept by hand %%\n"
    note = write_note(vault, "Porc.md", text)
    code, lines, _ = concise(vault, "--extend-select", "NQ002", "--fix")
    assert (code, lines) == (1, [
        "Porc.md:54:1: NQ002 unused suppression 'vault-lint-disable-file TG003, TG9': TG003 silences nothing "
        "here (it also names an unknown code: correct that first)",
        "Porc.md:54:35: NQ001 unknown rule code 'TG9' in a suppression (see --list-rules)",
        "Found 2 errors (0 fixed, 2 remaining).",
    ])
    assert note.read_bytes() == text.encode()
