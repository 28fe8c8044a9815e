"""Front matter rules on real note text: exact codes, lines and columns."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CLEAN, CLEAN_ONELINE, findings, summary

from vault_lint.api import check_text


def test_clean_notes_have_no_front_matter_finding() -> None:
    assert summary(CLEAN, "FM") == []
    assert summary(CLEAN_ONELINE, "FM") == []


def test_fm001_recipe_by_its_body_without_front_matter() -> None:
    body = CLEAN.split("---\n", 2)[2]
    assert summary(body, "FM") == [("FM001", 1, 1)]


def test_fm001_not_for_a_readme_with_a_look_alike_heading() -> None:
    readme = "# Mon livre de cuisine\n\n## 🥢 Ingrédients de base\n\n- sauce soja\n"
    assert findings(readme) == []


def test_fm002_tab_indentation_at_the_line_pyyaml_names() -> None:
    text = CLEAN.replace("type: plat-principal\n", "type: plat-principal\n\tportions: 4\n", 1)
    [finding] = findings(text, "FM002")
    assert (finding.line, finding.column) == (4, 1)
    assert "tab" in finding.message


def test_fm002_list_instead_of_mapping() -> None:
    [finding] = findings("---\n- a\n- b\n---\n# Note\n")
    assert (finding.code, finding.line, finding.column) == ("FM002", 2, 1)
    assert "a list, not a mapping" in finding.message


def test_fm002_is_reported_on_non_recipe_notes_too() -> None:
    assert summary("---\ntitle: [unclosed\n---\n# Index\n") == [("FM002", 3, 1)]


def test_fm003_messages_in_plain_words_at_the_value() -> None:
    text = CLEAN.replace("temps_prep: 40", "temps_prep: 20 min").replace(
        "difficulté: intermédiaire", "difficulté: facile")
    result = [(f.line, f.column, f.message) for f in findings(text, "FM003")]
    assert result == [
        (4, 13, "temps_prep: expected whole minutes (integer >= 0), got '20 min'"),
        (8, 13, "difficulté: expected one of débutant, intermédiaire, avancé, got 'facile'"),
    ]


def test_fm003_missing_key_on_the_first_line_of_the_block() -> None:
    text = CLEAN.replace("portions: 4\n", "")
    assert [(f.line, f.column, f.message) for f in findings(text, "FM003")] == [
        (1, 1, "missing required key 'portions'"),
    ]


def test_fm003_unquoted_date_is_accepted_and_impossible_date_reported() -> None:
    assert findings(CLEAN, "FM003") == []
    text = CLEAN.replace("date_ajout: 2025-09-14", "date_ajout: 2025-02-30")
    assert [(f.line, f.column, f.message) for f in findings(text, "FM003")] == [
        (12, 13, "date_ajout: expected a date (YYYY-MM-DD), got '2025-02-30'"),
    ]


def test_fm003_url_and_portions_and_list_item() -> None:
    text = (CLEAN.replace("url: https://", "url: ftp://").replace("portions: 4", "portions: 0")
            .replace('  - "#temps/long"', "  - 12.5"))
    assert summary(text, "FM003") == [("FM003", 7, 11), ("FM003", 11, 6), ("FM003", 17, 5)]


def test_fm003_optional_rest_time_must_be_minutes() -> None:
    text = CLEAN.replace("temps_total: 70\n", "temps_total: 70\ntemps_repos: 1 nuit\n")
    assert [f.message for f in findings(text, "FM003")] == [
        "temps_repos: expected whole minutes (integer >= 0), got '1 nuit'",
    ]


def test_fm003_not_for_notes_marked_non_recipe() -> None:
    text = "---\ntype: index\ntags:\n  - \"#non-recette\"\n---\n# Index des desserts\n"
    assert findings(text) == []


def test_fm004_duplicate_key_at_the_repeated_key() -> None:
    text = CLEAN.replace("portions: 4\n", "portions: 4\nportions: 6\n")
    [finding] = findings(text, "FM004")
    assert (finding.line, finding.column) == (8, 1)
    assert finding.message == "key 'portions' is given twice (first on line 7); only this last value is kept"


def test_fm005_values_yaml_reads_differently() -> None:
    text = CLEAN.replace("temps_prep: 40", "temps_prep: 1:30").replace(
        "portions: 4", "portions: 04").replace("protéine: porc", "protéine: no")
    assert [(f.line, f.column, f.message) for f in findings(text, "FM005")] == [
        (4, 13, "'1:30' is read as the number 90 (base 60); quote it to keep it as text"),
        (9, 11, "'no' is read as the boolean false; quote it to keep it as text"),
    ]


def test_fm005_octal() -> None:
    text = "---\ncode: 0123\n---\n# Note\n"
    [finding] = findings(text, "FM005")
    assert finding.message == "'0123' is read as the octal number 83; quote it to keep it as text"


def test_fm005_quoted_values_are_fine() -> None:
    assert findings("---\ncode: '0123'\nok: \"no\"\nt: '1:30'\n---\n# Note\n") == []


def test_fm007_toml_and_json_front_matter() -> None:
    assert summary('+++\ntitle = "x"\n+++\n# Note\n') == [("FM007", 1, 1)]
    assert summary('{\n  "title": "x"\n}\n# Note\n') == [("FM007", 1, 1)]
    assert summary('{"cuisine": "thai", "portions": 4}\n\n# Pad thaï\n') == [("FM007", 1, 1)]
    assert summary('{\n  "title": "x",\n}\n# Note\n') == [("FM007", 1, 1)]  # Hugo accepts what JSON does not
    assert summary('{{< temperature 350 >}} then bake.\n') == []  # a Hugo shortcode is text


def test_fm008_unterminated() -> None:
    text = "---\ncuisine: française\n# Tarte\n\n## Ingrédients\n- pommes\n"
    assert summary(text, "FM") == [("FM008", 1, 1)]


def test_front_matter_lookalike_in_a_code_fence_is_body_text() -> None:
    text = CLEAN + "\n```yaml\n---\ncuisine: x\n---\n```\n"
    assert summary(text) == []


def test_templates_are_skipped() -> None:
    text = "---\ndate_ajout: {{date}}\ncuisine:\n---\n# {{title}}\n\n## Ingrédients\n"
    assert findings(text) == []


def test_tags_written_as_a_text_are_fm006s_not_fm003s(vault: Path) -> None:
    text = re.sub(r"tags:\n(?:  - .*\n)+", 'tags: "#cuisine/chinoise"\n', CLEAN)
    assert [(f.code, f.line, f.column) for f in findings(text, "FM")] == [("FM006", 13, 7)]
    (vault / "vault-lint.toml").write_text('profile = "fr"\nignore = ["FM006"]\n', encoding="utf-8")
    found = check_text(text, vault / "Recettes" / "note.md")  # FM006 off: the schema says it
    assert [(f.code, f.line, f.column) for f in found if f.code.startswith("FM")] == [("FM003", 13, 7)]
