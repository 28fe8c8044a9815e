"""The body read as Obsidian reads it: nothing inside a comment, a code
block or a callout is a section, a step, a source link or a quick-info
value; a setext heading is a heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, fixed, run_cli, summary, write_note

from vault_lint.api import check_text, fix_text

OLD_REEL = "https://www.instagram.com/reel/OLD0000000/"


def swap(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("hide", [
    "%%\n## Source\n\nLink: {url}\n%%\n",
    "<!--\n## Source\n\nLink: {url}\n-->\n",
    "```\n## Source\n\nLink: {url}\n```\n",
    "> [!note] Ancienne version\n> ## Source\n>\n> Link: {url}\n",
    "%% ## Source %%\n%% Link: {url} %%\n",
])
def test_an_old_source_kept_out_of_sight_is_not_read(hide: str) -> None:
    text = swap(CLEAN, "## Informations rapides\n", hide.format(url=OLD_REEL) + "\n## Informations rapides\n")
    assert summary(text) == []
    assert fixed(text, unsafe=True) == text


@pytest.mark.parametrize("hidden", ["%% ## Étapes %%", "<!-- ## Étapes -->", "> [!tip]\n> ## Étapes"])
def test_a_section_heading_out_of_sight_does_not_make_the_section(hidden: str) -> None:
    text = swap(CLEAN, "## Étapes\n", hidden + "\n")
    assert ("SC002", 23, 1) in summary(text, "SC")


def test_a_setext_heading_is_a_section_heading() -> None:
    text = swap(CLEAN, "## Ingrédients\n", "Ingrédients\n-----------\n")
    assert summary(text) == []
    text = swap(CLEAN, "## Étapes\n", "Étapes\n===\n")  # an H1: not a section level
    [(code, line, column)] = summary(text, "SC002")
    assert (code, line, column) == ("SC002", 43, 1)


def test_a_setext_section_renamed_becomes_an_atx_heading(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text('extend-select = ["SC007"]\n', encoding="utf-8")
    text = swap(CLEAN, "## Étapes\n", "Steps\n-----\n")
    note = vault / "note.md"
    assert [(f.code, f.line, f.column) for f in check_text(text, note) if f.code == "SC007"] == [("SC007", 43, 1)]
    assert fix_text(text, note, unsafe=True)[0] == CLEAN


def test_a_link_line_in_a_comment_or_an_indented_code_block_is_not_the_source() -> None:
    real = "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
    for hidden in (f"%% Link: {OLD_REEL} %%", f"<!-- Link: {OLD_REEL} -->", f"    Link: {OLD_REEL}"):
        text = swap(CLEAN, real, f"{hidden}\n\n{real}")
        assert summary(text) == [], hidden
    only_code = swap(CLEAN, real, f"    Link: {OLD_REEL}")
    assert summary(only_code) == [("SC004", 50, 1)]  # 'Source' has no link: the code is an example


def test_an_inline_comment_after_the_address_is_not_part_of_it() -> None:
    real = "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
    text = swap(CLEAN, real, f"{real} %%vu le 3 mars%%")
    assert summary(text) == []


def test_a_step_hidden_in_a_comment_is_not_numbered() -> None:
    text = swap(CLEAN, "3. Ajouter le porc", "%% 3. Ancienne étape %%\n3. Ajouter le porc")
    assert summary(text) == []
    skipped = swap(CLEAN, "3. Ajouter le porc", "%% 3. Ancienne étape %%\n4. Ajouter le porc")
    skipped = swap(skipped, "4. Couvrir", "5. Couvrir")
    assert summary(skipped) == [("SC005", 48, 1)]
    assert fixed(skipped) == swap(
        swap(skipped, "4. Ajouter le porc", "3. Ajouter le porc"), "5. Couvrir", "4. Couvrir")


def test_a_quick_info_value_kept_in_a_comment_or_a_callout_is_not_compared() -> None:
    text = swap(CLEAN, "- 🔥 Temps de cuisson : 30 minutes",
                "- 🔥 Temps de cuisson : 30 minutes %% avant : 35 minutes %%")
    assert summary(text) == []
    callout = swap(CLEAN, "- 👥 Portions : 4", "- 👥 Portions : 4\n\n> [!note] Version d'origine\n> - 👥 Portions : 6\n")
    assert summary(callout) == []
    assert fixed(callout) == callout


def test_the_command_line_reads_the_body_the_same_way(vault: Path) -> None:
    text = swap(CLEAN, "## Informations rapides\n", f"%%\n## Source\nLink: {OLD_REEL}\n%%\n\n## Informations rapides\n")
    write_note(vault, "Porc.md", text)
    result = run_cli("--fix", "--unsafe-fixes", "Porc.md", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")
    assert (vault / "Porc.md").read_bytes() == text.encode("utf-8")
