"""Sections rules (SC001-SC007) on variants of the clean fixture notes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import (
    CLEAN,
    CLEAN_ONELINE,
    EXAMPLE_NOTE,
    TARTE_BODY,
    TARTE_FIELDS,
    TARTE_TAGS,
    findings,
    fixed,
    run_cli,
    summary,
)

from vault_lint.api import check_text, fix_text


def swap(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


STEPS = CLEAN[CLEAN.index("## Étapes"):CLEAN.index("## Source")]
INGREDIENTS = CLEAN[CLEAN.index("## Ingrédients"):CLEAN.index("## Étapes")]


# -- silence -----------------------------------------------------------------

@pytest.mark.parametrize("text", [CLEAN, CLEAN_ONELINE, crlf(CLEAN), crlf(CLEAN_ONELINE)])
def test_clean_notes_are_silent(text: str) -> None:
    assert summary(text, "SC") == []


H3_NOTE = (
    swap(swap(swap(CLEAN, "## Informations rapides", "### Informations rapides :"),
              "## Ingrédients", "### 🥘 Ingredients"), "## Étapes", "### Steps")
    .replace("- 600 g", "#### Viande\n\n- 600 g")
    .replace("- 2 c. à soupe de sucre", "#### Caramel\n- 2 c. à soupe de sucre")
    .replace("3. Ajouter", "#### Cuisson\n\n1. Ajouter").replace("4. Couvrir", "2. Couvrir")
)


def test_h3_sections_with_emoji_colon_and_sub_headings_are_silent() -> None:
    assert "### Steps" in H3_NOTE and "#### Cuisson" in H3_NOTE
    assert summary(H3_NOTE, "SC") == []


def test_steps_numbering_may_go_on_after_a_sub_heading() -> None:
    text = CLEAN.replace("3. Ajouter", "### Cuisson\n\n3. Ajouter")
    assert summary(text, "SC") == []


def test_steps_numbering_may_restart_after_a_paragraph() -> None:
    text = CLEAN.replace("3. Ajouter", "Pendant ce temps :\n\n1. Ajouter").replace("4. Couvrir", "2. Couvrir")
    assert summary(text, "SC") == []


def test_steps_all_numbered_one_are_silent() -> None:
    text = CLEAN.replace("2. Faire", "1. Faire").replace("3. Ajouter", "1. Ajouter").replace("4. Couvrir", "1. Couvrir")
    assert summary(text, "SC") == []


def test_source_link_in_angle_brackets_is_silent() -> None:
    text = swap(CLEAN, "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk",
                "Link: <https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk>")
    assert summary(text, "S") == []


IMPORTED = (
    CLEAN[:CLEAN.index("## Ingrédients")]
    + "Recette importée sans détails : voir la vidéo.\n\n## Ingrédients\n\n## Étapes\n\n"
    + CLEAN[CLEAN.index("## Source"):]
)


def test_imported_without_details_is_silent() -> None:
    assert summary(IMPORTED, "S") == []


def test_headings_in_a_fenced_code_block_do_not_count() -> None:
    block = "\n## Notes personnelles\n\n```markdown\n# Autre titre\n## Étapes\n## Ingrédients\n```\n"
    assert summary(CLEAN + block, "SC") == []
    assert summary(CLEAN_ONELINE + block, "SC") == []


def test_a_source_heading_only_inside_a_fence_is_missing() -> None:
    text = swap(CLEAN, "## Source\n", "```\n## Source\n```\n")
    assert summary(text, "SC") == [("SC002", 54, 1)]


def test_mojibake_headings_are_left_to_the_encoding_rule(tmp_path: Path) -> None:
    text = EXAMPLE_NOTE.read_bytes().decode("utf-8")
    assert "## Ingr√©dients" in text and "## √âtapes" in text
    assert summary(text, "SC") == []
    (tmp_path / "vault-lint.toml").write_text('extend-select = ["SC007"]\n', encoding="utf-8")
    assert [f.code for f in check_text(text, tmp_path / "note.md") if f.code.startswith("SC")] == []


# -- SC001 title ---------------------------------------------------------------

def test_missing_title_reported_at_first_body_line() -> None:
    text = swap(CLEAN, "# Porc caramélisé au gingembre 🐷\n\n", "")
    assert summary(text, "SC") == [("SC001", 23, 1)]


def test_second_h1_reported_at_its_line() -> None:
    text = CLEAN + "\n# Variante\n"
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC001", 54, 1)
    assert finding.message == ("extra H1 'Variante': the note's title is 'Porc caramélisé au gingembre 🐷' "
                               "(line 23); a section needs '##'")


def test_section_written_as_h1_is_named_at_its_heading() -> None:
    text = swap(CLEAN, "## Ingrédients", "# Ingrédients")
    assert summary(text, "SC") == [("SC002", 35, 1)]
    assert "is an H1" in findings(text, "SC002")[0].message


def test_section_written_as_h1_gives_one_finding_not_an_extra_h1_too() -> None:
    text = swap(CLEAN, "## Étapes", "# 🔪 Étapes :")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC002", 43, 1)
    assert finding.message == "section '🔪 Étapes :' is an H1; a required section is H2 or H3"


def test_h1_repeating_a_present_section_is_still_an_extra_h1() -> None:
    text = CLEAN + "\n# Ingrédients\n"
    assert summary(text, "SC") == [("SC001", 54, 1)]


# -- SC002 missing-section -------------------------------------------------------

def test_missing_section_reported_at_the_title() -> None:
    text = swap(CLEAN, "## Informations rapides\n\n", "")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC002", 23, 1)
    assert finding.message == "required section 'Informations rapides' is missing"
    assert finding.fix is None


def test_link_without_source_heading_gets_the_heading() -> None:
    text = swap(CLEAN, "## Source\n\n", "")
    assert summary(text, "SC") == [("SC002", 50, 1)]
    assert fixed(text) == CLEAN
    assert fixed(CLEAN) == CLEAN


def test_link_right_after_the_last_step_is_reported_but_no_heading_cuts_the_step() -> None:
    # With no blank line between, Markdown reads the Link line as part of
    # step 4: a heading inserted there would cut the step and its
    # continuation apart. The line is still the note's source.
    text = swap(CLEAN_ONELINE, "\n\n## Source\n\n", "\n")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SC002", 55, 1, None)
    assert finding.message == "the Link line has no 'Source' heading above it"
    assert fixed(text) == text
    assert fixed(crlf(text), unsafe=True) == crlf(text)


def test_link_a_blank_line_after_the_steps_gets_blank_lines_around_the_heading() -> None:
    text = swap(CLEAN_ONELINE, "\n\n## Source\n\n", "\n\n")
    assert summary(text, "SC") == [("SC002", 56, 1)]
    assert fixed(text) == CLEAN_ONELINE
    assert fixed(crlf(text)) == crlf(CLEAN_ONELINE)


def test_inserted_source_heading_takes_the_notes_level() -> None:
    text = swap(H3_NOTE.replace("## Source", "### Source"), "### Source\n\n", "")
    assert fixed(text) == H3_NOTE.replace("## Source", "### Source")


LINK_LINE = CLEAN[CLEAN.index("Link: "):].partition("\n")[0]
SOURCE = f"## Source\n\n{LINK_LINE}"


@pytest.mark.parametrize(("block", "line"), [
    (f"Vu chez Marie[^1].\n\n[^1]: Sa version.\n    {LINK_LINE}", 53),
    (f"Vu chez Marie[^1].\n\n[^1]: Sa version.\n{LINK_LINE}", 53),
    (f"Vu chez Marie.\n{LINK_LINE}", 51),
    (f"> Vu chez Marie.\n{LINK_LINE}", 51),
    (f"**Source**\n{LINK_LINE}", 51),
], ids=["footnote-continuation", "footnote-lazy", "paragraph", "quote-lazy", "bold-line"])
def test_link_continuing_a_block_above_is_reported_but_no_heading_cuts_it(block: str, line: int) -> None:
    # The Link line belongs to the block above it: a heading inserted before
    # it would end that block (a footnote's indented line would even become
    # code). The finding stays, without a fix.
    text = swap(CLEAN, SOURCE, block)
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SC002", line, 1, None)
    assert finding.message == "the Link line has no 'Source' heading above it"
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == text
    assert fixed(crlf(text)) == crlf(text)


@pytest.mark.parametrize("block", [
    f"Vu chez Marie[^1].\n\n[^1]: Sa version.\n\n{LINK_LINE}",
    f"Vu chez Marie.\n\n{LINK_LINE}",
    f"> Vu chez Marie.\n\n{LINK_LINE}",
], ids=["after-footnote", "after-paragraph", "after-quote"])
def test_link_starting_its_own_block_still_gets_the_heading(block: str) -> None:
    text = swap(CLEAN, SOURCE, block)
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC002", CLEAN.count("\n", 0, CLEAN.index(SOURCE))
                                                             + block.count("\n") + 1, 1)
    assert finding.fix is not None
    expected = swap(CLEAN, SOURCE, block.replace(LINK_LINE, f"## Source\n\n{LINK_LINE}"))
    assert fixed(text) == expected
    assert fixed(crlf(text)) == crlf(expected)


FOOTNOTED = TARTE_FIELDS + TARTE_TAGS + TARTE_BODY + """
Vu chez Marie[^1].

[^1]: Sa version.
    Link: https://www.instagram.com/reel/ABC/
"""


def test_fix_leaves_a_link_continuing_a_footnote_byte_for_byte(vault: Path) -> None:
    note = vault / "Tarte.md"
    note.write_bytes(FOOTNOTED.encode("utf-8"))
    result = run_cli("--no-cache", "--fix", "Tarte.md", cwd=vault)
    assert note.read_bytes() == FOOTNOTED.encode("utf-8")
    assert result.returncode == 1
    assert "Tarte.md:39:1: SC002 the Link line has no 'Source' heading above it" in result.stdout
    assert "(0 fixed, 1 remaining)" in result.stdout
    # The same line a blank line under the footnote starts a paragraph of its own: fixed.
    apart = FOOTNOTED.replace("\n    Link:", "\n\nLink:")
    note.write_bytes(apart.encode("utf-8"))
    result = run_cli("--no-cache", "--fix", "Tarte.md", cwd=vault)
    assert result.returncode == 0, result.stdout
    assert note.read_bytes() == apart.replace("\n\nLink:", "\n\n## Source\n\nLink:").encode("utf-8")


# -- SC003 section-order -----------------------------------------------------------

def test_sections_out_of_order() -> None:
    text = swap(CLEAN, INGREDIENTS + STEPS, STEPS + INGREDIENTS)
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC003", 42, 1)
    assert finding.message == ("'Ingrédients' comes after 'Étapes'; expected order: "
                               "title, Informations rapides, Ingrédients, Étapes, Source")


def test_section_above_the_title() -> None:
    text = swap(CLEAN, "# Porc caramélisé au gingembre 🐷\n\n## Informations rapides",
                "## Informations rapides\n\n# Porc caramélisé au gingembre 🐷")
    assert summary(text, "SC") == [("SC003", 25, 1)]


# -- SC004 empty-section ---------------------------------------------------------

def test_empty_ingredients() -> None:
    text = swap(CLEAN, INGREDIENTS, "## Ingrédients\n\n")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC004", 35, 1)
    assert finding.message == "section 'Ingrédients' is empty"


def test_ingredients_in_bold_sub_groups_count() -> None:
    text = swap(CLEAN, "- 2 c. à soupe de sucre", "**Caramel**\n- 2 c. à soupe de sucre")
    assert summary(text, "SC") == []


def test_steps_as_paragraphs_have_no_numbered_steps() -> None:
    text = CLEAN
    for number in "1234":
        text = swap(text, f"\n{number}. ", "\n")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC004", 43, 1)
    assert finding.message == "section 'Étapes' has no numbered steps ('1.', '2.', ...)"


def test_empty_steps_in_h3_note() -> None:
    text = H3_NOTE[:H3_NOTE.index("### Steps")] + "### Steps\n\n" + H3_NOTE[H3_NOTE.index("## Source"):]
    assert summary(text, "SC") == [("SC004", text[:text.index("### Steps")].count("\n") + 1, 1)]


def test_source_without_link() -> None:
    text = swap(CLEAN, "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk", "Link:")
    assert summary(crlf(text), "S") == [("SC004", 50, 1)]


def test_source_naming_a_book_needs_a_link_only_with_url() -> None:
    text = swap(CLEAN, "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk",
                "Le livre de cuisine de ma grand-mère")
    assert summary(text, "SC") == [("SC004", 50, 1)]
    assert findings(text, "SC")[0].message == "section 'Source' has no link"
    without_url = swap(text, "url: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk\n", "")
    assert summary(without_url, "SC") == []


# -- SC005 step-numbering ---------------------------------------------------------

def test_skipped_step_number() -> None:
    text = swap(swap(CLEAN, "3. Ajouter", "4. Ajouter"), "4. Couvrir", "5. Couvrir")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC005", 47, 1)
    assert finding.message == "step numbering skips from 2 to 4; expected 3"
    assert fixed(text) == CLEAN
    assert fixed(crlf(text)) == crlf(CLEAN)


def test_indented_steps_renumbered_in_place() -> None:
    text = swap(CLEAN_ONELINE, "  2. **Cook", "  3. **Cook")
    assert summary(text, "SC") == [("SC005", 52, 3)]
    assert "repeats" not in findings(text, "SC")[0].message
    assert fixed(text) == CLEAN_ONELINE
    assert fixed(fixed(text)) == CLEAN_ONELINE


def test_repeated_step_number() -> None:
    text = swap(CLEAN, "3. Ajouter", "2. Ajouter")
    [finding] = findings(text, "SC")
    assert (finding.code, finding.line, finding.column) == ("SC005", 47, 1)
    assert finding.message == "step number 2 repeats; expected 3"
    assert fixed(text) == CLEAN


def test_steps_starting_at_two() -> None:
    text = CLEAN
    for number in "4321":
        text = swap(text, f"\n{number}. ", f"\n{int(number) + 1}. ")
    assert summary(text, "SC") == [("SC005", 45, 1)]
    assert findings(text, "SC")[0].message == "numbered steps start at 2; expected 1"
    assert fixed(text) == CLEAN


def test_parenthesis_markers_keep_their_style() -> None:
    paren = CLEAN
    for number in "1234":
        paren = swap(paren, f"\n{number}. ", f"\n{number}) ")
    text = swap(paren, "3) Ajouter", "7) Ajouter")
    assert summary(text, "SC") == [("SC005", 47, 1)]
    assert fixed(text) == paren


def test_skip_inside_a_part_after_a_sub_heading() -> None:
    text = CLEAN.replace("3. Ajouter", "### Cuisson\n\n1. Ajouter").replace("4. Couvrir", "3. Couvrir")
    assert summary(text, "SC") == [("SC005", 50, 1)]
    assert fixed(text) == text.replace("3. Couvrir", "2. Couvrir")


def test_part_that_neither_restarts_nor_goes_on() -> None:
    text = CLEAN.replace("3. Ajouter", "### Cuisson\n\n5. Ajouter").replace("4. Couvrir", "6. Couvrir")
    assert summary(text, "SC") == [("SC005", 49, 1)]
    assert fixed(text) == text.replace("5. Ajouter", "3. Ajouter").replace("6. Couvrir", "4. Couvrir")


def test_nested_numbered_list_is_not_a_step() -> None:
    text = swap(CLEAN, "2. Faire fondre", "   1. sous-étape\n   3. autre\n2. Faire fondre")
    assert summary(text, "SC") == []


# -- SC006 empty-note -------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\n", "\r\n\t\r\n"])
def test_empty_note(text: str) -> None:
    assert summary(text, "SC") == [("SC006", 1, 1)]


def test_empty_file_through_the_cli(vault: Path) -> None:
    (vault / "Untitled.md").write_bytes(b"")
    (vault / "Recette.md").write_text(CLEAN, encoding="utf-8", newline="")
    result = run_cli("--select", "SC", vault)
    assert result.returncode == 1
    assert "Untitled.md:1:1: SC006 note is empty" in result.stdout
    assert "Recette.md" not in result.stdout


# -- SC007 section-name (off by default) -------------------------------------------

@pytest.fixture
def strict(vault: Path) -> Path:
    """A note path in a vault that selects SC007."""
    (vault / "vault-lint.toml").write_text('extend-select = ["SC007"]\n', encoding="utf-8")
    return vault / "note.md"


def sc007(text: str, path: Path) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in check_text(text, path) if f.code == "SC007"]


def test_section_name_is_off_by_default() -> None:
    assert summary(H3_NOTE, "SC007") == []


def test_section_name_silent_on_clean_notes(strict: Path) -> None:
    assert sc007(CLEAN, strict) == sc007(CLEAN_ONELINE, strict) == []


def test_section_name_rewrites_level_and_name(strict: Path) -> None:
    text = swap(CLEAN, "## Étapes", "### Steps")
    [finding] = [f for f in check_text(text, strict) if f.code == "SC007"]
    assert (finding.line, finding.column) == (43, 1)
    assert finding.message == "section heading '### Steps' should be '## Étapes'"
    assert fix_text(text, strict)[0] == text
    assert fix_text(text, strict, unsafe=True)[0] == CLEAN
    assert fix_text(crlf(text), strict, unsafe=True)[0] == crlf(CLEAN)


def test_section_name_keeps_emoji_and_colon(strict: Path) -> None:
    text = swap(CLEAN, "## Ingrédients", "## 🥘 Ingredients :")
    assert sc007(text, strict) == [("SC007", 35, 1)]
    assert fix_text(text, strict, unsafe=True)[0] == swap(CLEAN, "## Ingrédients", "## 🥘 Ingrédients :")


def test_section_name_level_only(strict: Path) -> None:
    text = swap(CLEAN, "## Informations rapides", "### Informations rapides")
    assert sc007(text, strict) == [("SC007", 25, 1)]
    assert fix_text(text, strict, unsafe=True)[0] == CLEAN


@pytest.mark.parametrize("said", [
    "Recette enregistrée sans les détails : tout est dans la vidéo.",
    "Pas de détail disponible pour cette recette.",
    "Détails de la recette non disponibles (reel sans légende).",
    "Aucun détail fourni, recette à reprendre depuis le reel.",
    unicodedata.normalize("NFD", "Recette importée sans détails."),
])
def test_sc004_silent_for_a_recipe_saved_without_its_details(said: str) -> None:
    head, _, _ = CLEAN.partition("## Ingrédients")
    text = f"{head}{said}\n\n## Ingrédients\n\n## Étapes\n\n## Source\n\nLink: {CLEAN.rsplit('Link: ', 1)[1]}"
    assert summary(text, "SC") == []
    assert [code for code, *_ in summary(text.replace(said, "Une recette de famille."), "SC")] == ["SC004", "SC004"]
