"""The obsidian output format: a report note whose links jump to each finding."""

from __future__ import annotations

import io

import pytest

from vault_lint.findings import Finding
from vault_lint.note import Note, parse_text
from vault_lint.obsidian_report import anchors, is_report
from vault_lint.report import Report
from vault_lint.report.obsidian_format import escaped, render

SOUP = """\
---
cuisine: française
temps_prep: 40 min
---
# Soupe 🥕 | C# [v2]

## 🥕 Ingrédients

- 2 carottes ^carottes
- 1 oignon

## Étapes

1. Cuire.
"""

TART = """\
Une tarte sans titre.

Tarte
=====

- pâte
"""


def finding(path: str, code: str, name: str, line: int, column: int, message: str) -> Finding:
    return Finding(path, code, name, message, line, column, line, column + 1)


def rendered(report: Report) -> str:
    out = io.StringIO()
    render(report, out)
    return out.getvalue()


# --- anchors --------------------------------------------------------------


def test_anchor_is_the_block_id_on_the_line_else_the_heading_above() -> None:
    note = parse_text("Soupe.md", SOUP)
    assert anchors(note, [5, 7, 8, 9, 10, 13]) == {
        5: "#Soupe 🥕 C v2",  # the heading's own line
        7: "#🥕 Ingrédients",
        8: "#🥕 Ingrédients",
        9: "#^carottes",
        10: "#🥕 Ingrédients",
        13: "#Étapes",
    }


def test_no_anchor_in_the_front_matter_or_above_the_first_heading() -> None:
    assert anchors(parse_text("Soupe.md", SOUP), [1, 2, 3, 4]) == {}
    assert anchors(parse_text("Tarte.md", TART), [1, 2, 3, 4, 6]) == {3: "#Tarte", 4: "#Tarte", 6: "#Tarte"}


def test_no_anchor_past_the_last_line_or_under_a_heading_without_text() -> None:
    note = parse_text("Vide.md", "# Titre\n\n## [[ ]] ^\n\ntexte\n")
    assert anchors(note, [0, 1, 5, 6, 99]) == {1: "#Titre"}


@pytest.mark.parametrize(("title", "anchor"), [
    ("Sauce : soja", "#Sauce soja"),
    ("Riz | pilaf", "#Riz pilaf"),
    ("C# et F#", "#C et F"),
    ("Note ^ 2", "#Note 2"),
    ("Étapes [[Sauce]] %%brouillon%%", "#Étapes Sauce brouillon"),
    ("Pâte [v2] \\ sucrée", "#Pâte v2 sucrée"),
    ("%%20250201%%Notes ##", "#20250201 Notes"),  # Obsidian's heading keeps its comments
])
def test_heading_text_loses_what_would_break_the_link(title: str, anchor: str) -> None:
    note = parse_text("n.md", f"## {title}\n\ntexte\n")
    assert anchors(note, [3]) == {3: anchor}


# --- is_report -------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("---\nvault-lint-report: true\n---\n# vault-lint report\n", True),
    ("---\ntitle: x\nvault-lint-report: yes\n---\n", True),  # YAML's other spelling of true
    ("---\nvault-lint-report: false\n---\n", False),
    ("---\nvault-lint-report: \"true\"\n---\n", False),
    ("vault-lint-report: true\n", False),  # not in front matter
    ("---\nvault-lint-report: [true\n---\n", False),  # front matter that does not parse
])
def test_a_report_is_marked_in_its_front_matter(text: str, expected: bool) -> None:
    assert is_report(parse_text("Rapport.md", text)) is expected


def test_an_unread_note_is_no_report() -> None:
    assert is_report(Note(path="x.md", text="", binary=True)) is False


# --- the note ---------------------------------------------------------------


def test_report_note_links_each_finding_by_rule() -> None:
    soup, tart = "Recettes/Plats/Soupe.md", "Recettes/Desserts/Tarte (v2).md"
    findings = [
        finding(tart, "FM001", "missing-key", 1, 1, "required key 'cuisine' is missing"),
        finding(tart, "TG001", "tag-disagrees", 6, 3,
                "tag '#temps/long' disagrees with the field: temps_total is 20, expected '#temps/rapide'"),
        finding(soup, "FM003", "schema-violation", 3, 13,
                "temps_prep: expected whole minutes (integer >= 0), got '40 min'"),
        finding(soup, "SC004", "step-text", 5, 1, "see [[Sauce|la sauce]] ^x and *this* %% == ~~ $5 & <b>"),
        finding(soup, "TG001", "tag-disagrees", 9, 3, "tag '#légume' names no field"),
        finding(soup, "TG001", "tag-disagrees", 10, 3, "a_b _c_ under_"),
    ]
    report = Report(sorted(findings, key=lambda f: (f.path, f.line)), files=[soup, tart, "Recettes/Propre.md"],
                    anchors={soup: anchors(parse_text(soup, SOUP), [3, 5, 9, 10]),
                             tart: anchors(parse_text(tart, TART), [1, 6])},
                    vault_paths={soup: "Recettes/Plats/Soupe.md", tart: "Recettes/Desserts/Tarte (v2).md"})
    assert rendered(report) == """\
---
vault-lint-report: true
---
# vault-lint report

6 findings in 2 notes.

## FM001 missing-key

- [[Recettes/Desserts/Tarte (v2)|Tarte (v2)]] 1:1 required key 'cuisine' is missing

## FM003 schema-violation

- [[Recettes/Plats/Soupe|Soupe]] 3:13 temps_prep: expected whole minutes (integer >= 0), got '40 min'

## SC004 step-text

- [[Recettes/Plats/Soupe#Soupe 🥕 C v2|Soupe]] 5:1 see \\[\\[Sauce\\|la sauce\\]\\] \\^x and \\*this\\* \\%\\% \\=\\= \\~\\~ \\$5 \\& \\<b>

## TG001 tag-disagrees

- [[Recettes/Desserts/Tarte (v2)#Tarte|Tarte (v2)]] 6:3 tag '\\#temps/long' disagrees with the field: \
temps_total is 20, expected '\\#temps/rapide'
- [[Recettes/Plats/Soupe#^carottes|Soupe]] 9:3 tag '\\#légume' names no field
- [[Recettes/Plats/Soupe#🥕 Ingrédients|Soupe]] 10:3 a_b \\_c\\_ under\\_
"""


def test_a_path_shown_relative_to_elsewhere_links_by_its_path_in_the_vault() -> None:
    shown = "../vault/Recettes/Soupe.md"
    report = Report([finding(shown, "FM001", "missing-key", 1, 1, "required key 'type' is missing")],
                    files=[shown], vault_paths={shown: "Recettes/Soupe.md"})
    assert rendered(report).splitlines()[-1] == "- [[Recettes/Soupe|Soupe]] 1:1 required key 'type' is missing"


def test_a_message_stays_one_line_and_its_bytes_that_are_not_utf8_are_escaped() -> None:
    assert escaped("first\nsecond\r\nthird caf\udce9") == "first second third caf\\\\xe9"


def test_a_clean_run_says_all_checks_passed() -> None:
    assert rendered(Report([], files=["a.md", "b/c.md"])) == (
        "---\nvault-lint-report: true\n---\n# vault-lint report\n\nAll checks passed! (2 notes checked)\n")


@pytest.mark.parametrize("report", [Report([], files=["a.md"], failed=True), Report([])])
def test_a_run_that_checked_nothing_or_failed_claims_no_pass(report: Report) -> None:
    assert rendered(report).endswith("# vault-lint report\n\nNo findings.\n")
