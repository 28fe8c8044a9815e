"""TM001 total-time-mismatch and TM002 quick-info-mismatch, on variants of
the clean fixture notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN, CLEAN_ONELINE, findings, fixed, summary

from vault_lint.api import fix_text

Fixer = Callable[..., str]

ADVANCE_TAG_LINE = '  - "#temps/préparation-avance"\n'
LAST_TAG_LINE = '  - "#saveur/sucré-salé"\n'


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each ``old`` replaced by ``new``; ``old`` must be there once."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def tm_fixer(factory: pytest.TempPathFactory, config: str = "") -> Fixer:
    """Fix with the TM rules only (a vault whose configuration selects
    them), so that the exact bytes do not depend on other rule families."""
    root: Path = factory.mktemp("vault")
    (root / ".obsidian").mkdir()
    (root / "vault-lint.toml").write_text('select = ["TM"]\n' + config, encoding="utf-8")

    def fix(text: str, unsafe: bool = False) -> str:
        return fix_text(text, path=root / "Recettes" / "note.md", unsafe=unsafe)[0]

    return fix


@pytest.fixture(scope="module")
def fix_tm(tmp_path_factory: pytest.TempPathFactory) -> Fixer:
    return tm_fixer(tmp_path_factory)


@pytest.fixture(scope="module")
def fix_tm_bare(tmp_path_factory: pytest.TempPathFactory) -> Fixer:
    """As ``fix_tm``, in a vault whose tags are written without '#'."""
    return tm_fixer(tmp_path_factory, "[profile]\ntags_with_hash = false\n")


def gravlax(tag: bool, remark: str = "") -> str:
    """The list fixture turned into a gravlax: 15 + 0 minutes, 1440 in all."""
    text = edit(
        CLEAN,
        ("temps_prep: 40", "temps_prep: 15"),
        ("temps_cuisson: 30", "temps_cuisson: 0"),
        ("temps_total: 70", "temps_total: 1440"),
        ("préparation : 40 minutes", f"préparation : 15 minutes{remark}"),
        ("cuisson : 30 minutes", "cuisson : 0 minutes"),
    )
    return edit(text, (LAST_TAG_LINE, LAST_TAG_LINE + ADVANCE_TAG_LINE)) if tag else text


@pytest.mark.parametrize("text", [CLEAN, CLEAN_ONELINE], ids=["list", "oneline"])
def test_clean_fixtures_are_silent(text: str) -> None:
    assert summary(text, "TM") == []
    assert summary(text.replace("\n", "\r\n"), "TM") == []


# -- TM001: a total smaller than its parts -------------------------------------

def test_tm001_total_smaller_than_its_parts() -> None:
    text = edit(CLEAN_ONELINE, ("temps_total: 230", "temps_total: 200"))
    assert summary(text, "TM") == [("TM001", 6, 14)]
    [finding] = findings(text, "TM001")
    assert finding.message == "temps_total is 200 but temps_prep + temps_cuisson = 20 + 210 = 230"
    assert fixed(text) == CLEAN_ONELINE


def test_tm001_fix_keeps_crlf(fix_tm: Fixer) -> None:
    text = edit(CLEAN, ("temps_total: 70", "temps_total: 60")).replace("\n", "\r\n")
    assert summary(text, "TM") == [("TM001", 6, 14)]
    assert fix_tm(text) == CLEAN.replace("\n", "\r\n")


def test_tm001_rest_time_counts_in_the_sum(fix_tm: Fixer) -> None:
    text = edit(CLEAN, ("temps_total: 70\n", "temps_total: 70\ntemps_repos: 30\n"))
    assert summary(text, "TM") == [("TM001", 6, 14)]
    [finding] = findings(text, "TM001")
    assert finding.message == (
        "temps_total is 70 but temps_prep + temps_cuisson + temps_repos = 40 + 30 + 30 = 100"
    )
    expected = edit(CLEAN, ("temps_total: 70\n", "temps_total: 100\ntemps_repos: 30\n"))
    assert fix_tm(text) == expected
    assert fix_tm(expected) == expected
    assert summary(expected, "TM") == []


def test_tm001_total_larger_than_parts_and_rest_has_no_fix(fix_tm: Fixer) -> None:
    text = edit(CLEAN, ("temps_total: 70\n", "temps_total: 120\ntemps_repos: 30\n"))
    assert summary(text, "TM") == [("TM001", 6, 14)]
    [finding] = findings(text, "TM001")
    assert "20 min are not accounted for" in finding.message
    assert finding.fix is None
    assert fix_tm(text, unsafe=True) == text


@pytest.mark.parametrize("value", ["'20'", "20.5", "true", ""])
@pytest.mark.parametrize("key", ["temps_prep", "temps_total"])
def test_tm001_silent_when_a_time_is_not_a_whole_number(key: str, value: str) -> None:
    text = edit(CLEAN, ("temps_prep: 40", "temps_prep: 10"), (f"{key}: ", f"{key}: {value}  # "))
    assert summary(text, "TM001") == []


def test_tm001_silent_when_a_rest_time_is_not_a_whole_number() -> None:
    text = edit(CLEAN, ("temps_total: 70\n", "temps_total: 20\ntemps_repos: une nuit\n"))
    assert summary(text, "TM001") == []


# -- TM001: a total larger than its parts ----------------------------------------

def test_tm001_gravlax_with_the_advance_tag_is_clean() -> None:
    assert summary(gravlax(tag=True), "TM") == []


def test_tm001_gravlax_without_any_rest_declared(fix_tm: Fixer) -> None:
    text = gravlax(tag=False)
    assert summary(text, "TM") == [("TM001", 6, 14)]
    [finding] = findings(text, "TM001")
    assert finding.message == (
        "temps_total is 1440 but temps_prep + temps_cuisson = 15 + 0 = 15: 1425 min more with no rest "
        "declared; if it is resting, marinating or chilling time, tag the note '#temps/préparation-avance' "
        "or add 'temps_repos: 1425'"
    )
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fix_tm(text) == text
    assert fixed(text) == fixed(fixed(text))
    assert summary(fixed(text), "TM") == [("TM001", 6, 14)]  # safe fixes leave it
    assert fix_tm(text, unsafe=True) == gravlax(tag=True)
    assert fix_tm(gravlax(tag=True), unsafe=True) == gravlax(tag=True)


def test_tm001_unsafe_fix_keeps_crlf(fix_tm: Fixer) -> None:
    text = gravlax(tag=False).replace("\n", "\r\n")
    assert fix_tm(text, unsafe=True) == gravlax(tag=True).replace("\n", "\r\n")


def test_tm001_tag_added_without_hash_when_the_vault_writes_none(fix_tm_bare: Fixer) -> None:
    text = gravlax(tag=False).replace('  - "#', "  - ").replace('"\n', "\n")
    assert summary(text, "TM") == [("TM001", 6, 14)]
    expected = text.replace("  - saveur/sucré-salé\n", "  - saveur/sucré-salé\n  - temps/préparation-avance\n")
    assert fix_tm_bare(text, unsafe=True) == expected
    assert summary(expected, "TM") == []


def test_tm001_tag_follows_the_vault_hash_not_the_note(fix_tm: Fixer, fix_tm_bare: Fixer) -> None:
    # As TG001 and TG003 add tags: the profile's tags_with_hash decides,
    # not how most of the note's tags happen to be written.
    bare = gravlax(tag=False).replace('  - "#', "  - ").replace('"\n', "\n")
    assert fix_tm(bare, unsafe=True) == edit(
        bare, ("  - saveur/sucré-salé\n", '  - saveur/sucré-salé\n  - "#temps/préparation-avance"\n'))
    hashed = gravlax(tag=False)
    assert fix_tm_bare(hashed, unsafe=True) == edit(
        hashed, (LAST_TAG_LINE, LAST_TAG_LINE + '  - "temps/préparation-avance"\n'))


def test_tm001_tag_added_to_a_flow_list(fix_tm: Fixer) -> None:
    text = edit(
        gravlax(tag=False),
        ('tags:\n  - "#cuisine/chinoise"\n', 'tags: ["#cuisine/chinoise", "#saveur/sucré-salé"]\n'),
        ('  - "#type/plat-principal"\n  - "#protéine/porc"\n  - "#temps/long"\n  - "#cuisson/wok"\n'
         '  - "#difficulté/intermédiaire"\n  - "#saveur/sucré-salé"\n', ""),
    )
    assert fix_tm(text, unsafe=True) == edit(
        text, ('"#saveur/sucré-salé"]', '"#saveur/sucré-salé", "#temps/préparation-avance"]')
    )


@pytest.mark.parametrize(
    "declaration",
    [
        ("temps_total: 1440\n", "temps_total: 1440\ntemps_repos: 1425\n"),
        (LAST_TAG_LINE, LAST_TAG_LINE + "  - temps/préparation-avance\n"),
        (LAST_TAG_LINE, LAST_TAG_LINE + '  - "#Temps/Préparation-avance"\n'),
        ("15 minutes\n", "15 minutes (+ 24h de repos)\n"),
        ("15 minutes\n", "15 minutes (+ marinade overnight)\n"),
        ("0 minutes\n", "0 minutes (congélation 30 min)\n"),
        ("- 👥 Portions", "- ⏰ Temps total : 24h (dont une nuit au frigo)\n- 👥 Portions"),
        ("- 👥 Portions", "- 🧊 Temps de repos : 24h\n- 👥 Portions"),
        ("- 👥 Portions", "- 🧂 Marinade : 24 heures\n- 👥 Portions"),
    ],
    ids=["temps_repos", "tag-without-hash", "tag-in-other-case", "repos", "marinade", "congélation",
         "total-remark", "rest-label", "unknown-label"],
)
def test_tm001_silent_when_rest_is_declared(declaration: tuple[str, str]) -> None:
    assert summary(edit(gravlax(tag=False), declaration), "TM") == []


@pytest.mark.parametrize(
    "line",
    [
        "- 🧊 Temps de repos : N/A\n",
        "- 🧊 Temps de repos : 0 min\n",
        "- 🌍 Cuisine : Chinoise (infusion de thé)\n",
    ],
    ids=["rest-not-stated", "rest-zero", "word-on-a-non-time-value"],
)
def test_tm001_rest_not_declared_by(line: str) -> None:
    text = edit(gravlax(tag=False), ("- 👥 Portions", line + "- 👥 Portions"))
    assert summary(text, "TM001") == [("TM001", 6, 14)]


def test_tm001_oneline_remark_declares_rest() -> None:
    text = edit(
        CLEAN_ONELINE,
        ("temps_total: 230", "temps_total: 1670"),
        ("Cuisson : 3h30 |", "Cuisson : 3h30 (+ 24h de marinade) |"),
    )
    assert summary(text, "TM") == []
    assert summary(edit(text, (" (+ 24h de marinade)", "")), "TM") == [("TM001", 6, 14)]


# -- TM002: the list format ---------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("Cuisine : Chinoise", "Cuisine : Japonaise", 15),
        ("Type : Plat principal", "Type : Dessert", 13),
        ("préparation : 40 minutes", "préparation : 45 minutes", 29),
        ("cuisson : 30 minutes", "cuisson : 35 minutes", 24),
        ("Portions : 4", "Portions : 6", 16),
        ("Difficulté : Intermédiaire", "Difficulté : Avancé", 18),
        ("principale : Porc", "principale : Bœuf", 27),
    ],
    ids=["cuisine", "type", "prep", "cook", "portions", "difficulty", "protein"],
)
def test_tm002_list_value_disagrees(old: str, new: str, column: int) -> None:
    text = edit(CLEAN, (old, new))
    line = next(n for n, content in enumerate(CLEAN.split("\n"), 1) if old in content)
    assert summary(text, "TM") == [("TM002", line, column)]
    assert fixed(text) == CLEAN
    assert fixed(text.replace("\n", "\r\n")) == CLEAN.replace("\n", "\r\n")


def test_tm002_message_names_both_values() -> None:
    text = edit(CLEAN, ("cuisson : 30 minutes", "cuisson : 1h"))
    [finding] = findings(text, "TM002")
    assert finding.message == "'Temps de cuisson' says 1h (60 min) but temps_cuisson is 30"
    assert finding.fix is not None and finding.fix.message == "write '30 min'"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("45 minutes (+ 30 min marinade)", "40 minutes (+ 30 min marinade)"),
        ("45 minutes.", "40 minutes."),
        ("45 min", "40 min"),
        ("45mn", "40mn"),
        ("1 h", "40 min"),
        ("**45 minutes**", "**40 minutes**"),
    ],
)
def test_tm002_time_keeps_the_note_form(fix_tm: Fixer, written: str, expected: str) -> None:
    text = edit(CLEAN, ("préparation : 40 minutes", f"préparation : {written}"))
    assert summary(text, "TM") == [("TM002", 29, 29 + written.startswith("**") * 2)]
    assert fix_tm(text) == edit(CLEAN, ("préparation : 40 minutes", f"préparation : {expected}"))


@pytest.mark.parametrize(
    ("written", "fm", "expected"),
    [
        ("1h20", 70, "1h10"),
        ("1 h 30", 120, "2 h"),
        ("2 heures", 150, "2 heures 30"),
        ("90 min", 120, "120 min"),
        ("1h05", 125, "2h05"),
    ],
)
def test_tm002_total_in_hours(fix_tm: Fixer, written: str, fm: int, expected: str) -> None:
    text = edit(
        CLEAN,
        ("temps_total: 70\n", f"temps_total: {fm}\n"),
        ("- 👥 Portions", f"- ⏰ Temps total : {written}\n- 👥 Portions"),
        (LAST_TAG_LINE, LAST_TAG_LINE + ADVANCE_TAG_LINE),
    )
    assert summary(text, "TM") == [("TM002", 32, 19)]
    assert fix_tm(text) == edit(text, (f"total : {written}\n", f"total : {expected}\n"))


def test_tm002_word_keeps_the_note_case_and_spaces(fix_tm: Fixer) -> None:
    text = edit(CLEAN, ("type: plat-principal", "type: entrée"), ("protéine: porc", "protéine: fruits-de-mer"),
                ("#protéine/porc", "#protéine/fruits-de-mer"), ("difficulté: intermédiaire", "difficulté: débutant"),
                ("Difficulté : Intermédiaire", "Difficulté : AVANCÉ"))
    assert summary(text, "TM") == [("TM002", 28, 13), ("TM002", 32, 18), ("TM002", 33, 27)]
    assert fix_tm(text) == edit(text, ("Type : Plat principal", "Type : Entrée"),
                                ("Difficulté : AVANCÉ", "Difficulté : DÉBUTANT"),
                                ("principale : Porc", "principale : Fruits de mer"))


def test_tm002_portions_keep_their_words(fix_tm: Fixer) -> None:
    text = edit(CLEAN, ("Portions : 4", "Portions : 6 personnes (ou 8 en entrée)"))
    assert summary(text, "TM") == [("TM002", 31, 16)]
    assert fix_tm(text) == edit(CLEAN, ("Portions : 4", "Portions : 4 personnes (ou 8 en entrée)"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Type : Plat principal", "Type : plat-principal"),
        ("Type : Plat principal", "Type : PLAT PRINCIPAL"),
        ("Difficulté : Intermédiaire", "Difficulté : INTERMEDIAIRE"),
        ("Difficulté : Intermédiaire", "Difficulté : Intermédiaire ⭐⭐"),
        ("principale : Porc", "principale : Porc (échine)"),
        ("principale : Porc", "principale : Porc et chorizo"),
        ("principale : Porc", "principale : N/A"),
        ("Cuisine : Chinoise", "Cuisine : Non précisée"),
        ("préparation : 40 minutes", "préparation : 40 min."),
        ("préparation : 40 minutes", "préparation : 20-25 min"),
        ("préparation : 40 minutes", "préparation : selon la taille"),
        ("préparation : 40 minutes", "préparation : environ 45 minutes"),
        ("cuisson : 30 minutes", "cuisson : 30 minutes (+ 10 min de repos)"),
        ("Portions : 4", "Portions : 4-6"),
        ("Portions : 4", "Portions : 4 personnes"),
        ("- 👥 Portions", "- 🥡 Emporter : 2 jours\n- 👥 Portions"),
    ],
)
def test_tm002_silent_when_values_agree_or_are_not_stated(old: str, new: str) -> None:
    assert summary(edit(CLEAN, (old, new)), "TM") == []


def test_tm002_remark_rest_may_be_counted_in_the_front_matter() -> None:
    text = edit(CLEAN, ("temps_prep: 40", "temps_prep: 70"), ("temps_total: 70", "temps_total: 100"),
                ("préparation : 40 minutes", "préparation : 40 minutes (+ 30 min marinade)"))
    assert summary(text, "TM") == []


def test_tm002_cuisine_agrees_with_a_second_tag() -> None:
    text = edit(CLEAN, ("Cuisine : Chinoise", "Cuisine : Asiatique"))
    assert summary(text, "TM") == [("TM002", 27, 15)]
    tagged = edit(text, (LAST_TAG_LINE, LAST_TAG_LINE + '  - "#cuisine/asiatique"\n'))
    assert summary(tagged, "TM") == []


def test_tm002_second_tag_read_as_obsidian_reads_tags() -> None:
    text = edit(CLEAN, ("Cuisine : Chinoise", "Cuisine : Asiatique"))
    for tag in ('  - "#Cuisine/Asiatique"\n', "  - cuisine/asiatique\n"):
        assert summary(edit(text, (LAST_TAG_LINE, LAST_TAG_LINE + tag)), "TM") == []
    assert summary(edit(text, (LAST_TAG_LINE, LAST_TAG_LINE + '  - "#cuisinex/asiatique"\n')), "TM") == [
        ("TM002", 28, 15)]


def test_tm002_silent_when_the_front_matter_value_is_invalid() -> None:
    text = edit(CLEAN, ("difficulté: intermédiaire", "difficulté: facile"), ("temps_prep: 40", "temps_prep: 40 min"))
    assert summary(text, "TM") == []


def test_tm002_silent_when_the_key_is_missing() -> None:
    text = edit(CLEAN, ("protéine: porc\n", ""), ("principale : Porc", "principale : Bœuf"))
    assert summary(text, "TM") == []


@pytest.mark.parametrize(
    "label",
    ["**Temps de préparation** :", "**Temps de préparation :**", "TEMPS DE PRÉPARATION :",
     "Temps de préparation\u00a0:", "Temps de préparation\u202f:", "Temps de préparation:"],
)
def test_tm002_label_variants(fix_tm: Fixer, label: str) -> None:
    text = edit(CLEAN, ("Temps de préparation : 40 minutes", f"{label} 45 minutes"))
    column = 6 + len(label) + 1
    assert summary(text, "TM") == [("TM002", 29, column)]
    assert fix_tm(text) == edit(CLEAN, ("Temps de préparation : 40 minutes", f"{label} 40 minutes"))


def test_tm002_total_is_not_read_as_prep() -> None:
    text = edit(CLEAN, ("- 👥 Portions", "- ⏰ Temps total : 70 minutes\n- 👥 Portions"))
    assert summary(text, "TM") == []
    assert summary(edit(text, ("total : 70", "total : 40")), "TM") == [("TM002", 31, 19)]


def test_tm002_heading_at_level_three() -> None:
    text = edit(CLEAN, ("## Informations rapides", "### ⚡ Informations rapides"),
                ("Portions : 4", "Portions : 5"))
    assert summary(text, "TM") == [("TM002", 31, 16)]


def test_tm002_ignores_other_sections_and_code() -> None:
    text = edit(CLEAN, ("## Ingrédients\n", "## Ingrédients\n\n- Portions : 12\n\n```\nPortions : 9\n```\n"))
    assert summary(text, "TM") == []


# -- TM002: the one-line format ----------------------------------------------------

def test_tm002_oneline_several_disagreements() -> None:
    text = edit(CLEAN_ONELINE, ("20 min | 🔥 Cuisson : 3h30 | 🍽️ Portions : 6 |",
                                "25 min | 🔥 Cuisson : 3h | 🍽️ Portions : 4 |"))
    assert summary(text, "TM") == [("TM002", 28, 18), ("TM002", 28, 39), ("TM002", 28, 58)]
    assert fixed(text) == CLEAN_ONELINE
    assert fixed(text.replace("\n", "\r\n")) == CLEAN_ONELINE.replace("\n", "\r\n")


def test_tm002_oneline_rewrites_hours_in_hours(fix_tm: Fixer) -> None:
    text = edit(CLEAN_ONELINE, ("temps_cuisson: 210", "temps_cuisson: 200"), ("temps_total: 230", "temps_total: 220"))
    assert summary(text, "TM") == [("TM002", 28, 39)]
    [finding] = findings(text, "TM002")
    assert finding.message == "'Cuisson' says 3h30 (210 min) but temps_cuisson is 200"
    expected = edit(text, ("Cuisson : 3h30 |", "Cuisson : 3h20 |"))
    assert fix_tm(text) == expected
    assert fix_tm(expected) == expected


def test_tm002_oneline_trailing_punctuation_and_remark(fix_tm: Fixer) -> None:
    text = edit(CLEAN_ONELINE, ("Difficulté : Intermédiaire", "Difficulté : Avancée (selon le four)."))
    assert summary(text, "TM") == [("TM002", 28, 79)]
    assert fix_tm(text) == edit(CLEAN_ONELINE, ("Difficulté : Intermédiaire",
                                                "Difficulté : Intermédiaire (selon le four)."))


# -- ways the vault writes a rest or a value, none of them a finding ----------

PANNA = CLEAN.replace("temps_total: 70", "temps_total: 310")  # 4 h more than prep + cook


@pytest.mark.parametrize("remark", [
    "(+ 4h au frais)", "(+ 2h à réfrigérer)", "(+ 24h de dessalage)", "(+ 1h pour refroidir)", "(+ 4h)",
])
def test_tm001_rest_declared_by_a_remark_that_adds_time(remark: str) -> None:
    text = PANNA.replace("- ⏱️ Temps de préparation : 40 minutes", f"- ⏱️ Temps de préparation : 40 minutes {remark}")
    assert summary(text, "TM") == []


def test_tm001_rest_inside_a_stated_total() -> None:
    text = PANNA.replace("- 👥 Portions : 4", "- ⏰ Temps total : 5h10 (dont 4h au frais)\n- 👥 Portions : 4")
    assert summary(text, "TM") == []


def test_tm001_a_remark_that_adds_nothing_is_no_rest() -> None:
    text = PANNA.replace("- ⏱️ Temps de préparation : 40 minutes", "- ⏱️ Temps de préparation : 40 minutes (environ)")
    assert summary(text, "TM") == [("TM001", 6, 14)]


def test_tm002_total_with_an_uncounted_night() -> None:
    text = PANNA.replace("- 👥 Portions : 4", "- ⏰ Temps total : 1h10 (+ une nuit au réfrigérateur)\n- 👥 Portions : 4")
    assert summary(text, "TM") == []
    shorter = text.replace("temps_total: 310", "temps_total: 60")
    assert ("TM002", 31, 19) in summary(shorter, "TM")


@pytest.mark.parametrize(("line", "front"), [
    ("- 🥩 Protéine principale : Boeuf", "protéine: bœuf"),
    ("- 🥩 Protéine principale : Cuisses de poulet", "protéine: poulet"),
    ("- 🌍 Cuisine : Thaï", "cuisine: thaïlandaise"),
])
def test_tm002_the_same_value_written_otherwise(line: str, front: str) -> None:
    key, value = front.split(": ")
    text = CLEAN.replace(f"{key}: {'porc' if key == 'protéine' else 'chinoise'}", front)
    text = text.replace("- 🥩 Protéine principale : Porc" if key == "protéine" else "- 🌍 Cuisine : Chinoise", line)
    assert summary(text, "TM") == []


def test_tm002_another_value_of_the_field_is_a_finding() -> None:
    text = CLEAN.replace("- 🌍 Cuisine : Chinoise", "- 🌍 Cuisine : Japonaise")
    assert summary(text, "TM") == [("TM002", 27, 15)]
    assert "- 🌍 Cuisine : Chinoise\n" in fixed(text)


@pytest.mark.parametrize(("line", "front"), [
    ("- 🥩 Protéine principale : Poulet entier", "protéine: poulet"),
    ("- 🥩 Protéine principale : Porc haché", "protéine: porc"),
    ("- 🍽️ Type : Plat", "type: plat-principal"),
    ("- 🍽️ Type : Entrée ou plat", "type: plat-principal"),
])
def test_tm002_the_value_named_first_or_shortened(line: str, front: str) -> None:
    key = front.split(":")[0]
    old_line = {"protéine": "- 🥩 Protéine principale : Porc", "type": "- 🍽️ Type : Plat principal"}[key]
    old_front = {"protéine": "protéine: porc", "type": "type: plat-principal"}[key]
    text = CLEAN.replace(old_front, front).replace(old_line, line)
    if key == "protéine":
        text = text.replace('"#protéine/porc"', f'"#protéine/{front.split(": ")[1]}"')
    assert summary(text, "TM") == []
