"""Reading the "Informations rapides" section and its values."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import CLEAN, CLEAN_ONELINE

from vault_lint.model import Model
from vault_lint.note import parse_text
from vault_lint.profile import DEFAULT_PROFILE, Profile
from vault_lint.quickinfo import (
    Field,
    find_durations,
    is_stated,
    label_role,
    mentions,
    parse_count,
    parse_duration,
    same_words,
    word_choices,
)

P = DEFAULT_PROFILE


def fields(text: str, profile: Profile = P) -> list[Field]:
    return Model(parse_text("note.md", text), profile).quick_info


def pairs(text: str) -> list[tuple[str | None, str, str, int]]:
    """(role, value, remark, line) of every field, and each value's span checked."""
    result = []
    for field in fields(text):
        assert text[field.start:field.end] == field.value
        result.append((field.role, field.value, field.remark, field.line))
    return result


def test_list_format() -> None:
    assert pairs(CLEAN) == [
        ("cuisine", "Chinoise", "", 27),
        ("type", "Plat principal", "", 28),
        ("prep", "40 minutes", "", 29),
        ("cook", "30 minutes", "", 30),
        ("portions", "4", "", 31),
        ("difficulty", "Intermédiaire", "", 32),
        ("protein", "Porc", "", 33),
    ]


def test_oneline_format() -> None:
    assert pairs(CLEAN_ONELINE) == [
        ("prep", "20 min", "", 28),
        ("cook", "3h30", "", 28),
        ("portions", "6", "", 28),
        ("difficulty", "Intermédiaire", "", 28),
    ]


def test_crlf_leaves_values_unchanged() -> None:
    assert pairs(CLEAN.replace("\n", "\r\n")) == pairs(CLEAN)


def test_remark_markers_and_punctuation_are_kept_apart() -> None:
    text = CLEAN.replace(
        "- ⏱️ Temps de préparation : 40 minutes",
        "- ⏱️ **Temps de préparation**\u202f: *40 minutes* (+ 30 min marinade).",
    )
    [prep] = [field for field in fields(text) if field.role == "prep"]
    assert (prep.label, prep.value, prep.remark) == ("Temps de préparation", "40 minutes", "(+ 30 min marinade).")
    assert text[prep.start:prep.end] == "40 minutes"


def test_unknown_labels_and_text_without_label() -> None:
    text = CLEAN.replace("- 👥 Portions : 4", "- 🧂 Marinade : une nuit\n- Prévoir la veille\n- 👥 Portions : 4")
    unknown = [(f.role, f.label, f.value) for f in fields(text) if f.role is None]
    assert unknown == [(None, "Marinade", "une nuit"), (None, "", "Prévoir la veille")]


def test_section_ends_at_a_sub_heading_and_skips_code() -> None:
    text = CLEAN.replace(
        "- 👥 Portions : 4\n",
        "```\n- Portions : 9\n```\n### Astuces\n- 👥 Portions : 4\n",
    )
    assert [f.role for f in fields(text)] == ["cuisine", "type", "prep", "cook"]


def test_no_section_no_fields() -> None:
    assert fields(CLEAN.replace("## Informations rapides", "## Infos")) == []


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("⏱️ Préparation", "prep"),
        ("**Temps de préparation**", "prep"),
        ("TEMPS DE CUISSON", "cook"),
        ("⏰ Temps total", "total"),
        ("🦐 Protéine principale", "protein"),
        ("🌱 Protéine", "protein"),
        ("Temps de préparation total", None),
        ("", None),
    ],
)
def test_label_role(label: str, role: str | None) -> None:
    assert label_role(label, P) == role


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45 min", 45), ("40 minutes", 40), ("1h", 60), ("3h30", 210), ("1h05", 65), ("2 h", 120),
        ("1 h 30", 90), ("90 min", 90), ("1 heure", 60), ("2 heures 15", 135), ("1h30min", 90),
        ("20mn", 20), ("0 min", 0), ("2H", 120), ("1\u00a0h\u00a030", 90),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    duration = parse_duration(text, P)
    assert duration is not None and duration.minutes == minutes


@pytest.mark.parametrize("text", ["20-25 min", "20 à 25 min", "environ 20 min", "N/A", "20", "1h75", "1.5 h", "3 hommes"])
def test_parse_duration_refuses(text: str) -> None:
    assert parse_duration(text, P) is None


@pytest.mark.parametrize(
    ("text", "minutes", "written"),
    [
        ("3h30", 200, "3h20"), ("3h30", 240, "4h"), ("1h", 65, "1h05"), ("2 h", 150, "2 h 30"),
        ("1 h 30 min", 45, "45 min"), ("3h30", 45, "45 min"), ("40 minutes", 1, "1 minute"),
        ("1 minute", 90, "90 minutes"), ("20 min", 25, "25 min"), ("20min", 25, "25min"),
        ("1 heure", 120, "2 heures"), ("2 heures", 60, "1 heure"), ("90 min", 120, "120 min"),
    ],
)
def test_duration_rewritten_in_its_own_form(text: str, minutes: int, written: str) -> None:
    duration = parse_duration(text, P)
    assert duration is not None
    assert duration.rewritten(minutes, P) == written
    again = parse_duration(written, P)
    assert again is not None and again.minutes == minutes


def test_find_durations_in_a_remark() -> None:
    assert [d.minutes for d in find_durations("(+ 24h de repos, puis 30 min au frais)", P)] == [1440, 30]


@pytest.mark.parametrize(
    ("text", "count"),
    [("4", (4, 0, 1)), ("6 personnes", (6, 0, 1)), (" 12 parts", (12, 1, 3)), ("4-6", None), ("4 à 6", None),
     ("environ 4", None)],
)
def test_parse_count(text: str, count: tuple[int, int, int] | None) -> None:
    found = parse_count(text)
    assert (found and (found.value, found.start, found.end)) == count


@pytest.mark.parametrize("text", ["", "N/A", "n/a", " Non précisé ", "-", "?", "NON PRE\u0301CISE\u0301"])
def test_not_stated(text: str) -> None:
    assert not is_stated(text, P)


def test_not_stated_words_of_the_profile_compare_without_case() -> None:
    # A configured word in capitals says "not stated" in any case, as it
    # does for the tag rules (both ask the profile).
    profile = replace(P, not_stated=("N/A", "Non Précisé"))
    assert not is_stated("n/a", profile)
    assert not is_stated("non précisé", profile)
    assert is_stated("20 min", profile)


def test_quick_info_is_read_once_per_model() -> None:
    model = Model(parse_text("note.md", CLEAN), P)
    assert model.quick_info is model.quick_info


@pytest.mark.parametrize(
    ("written", "value", "same"),
    [
        ("Plat principal", "plat-principal", True),
        ("Intermédiaire", "intermédiaire", True),
        ("INTERMEDIAIRE", "intermédiaire", True),
        ("ENTREE", "entrée", True),
        ("Epicé", "épicé", True),
        ("Fruits de mer", "fruits-de-mer", True),
        ("Entree", "entrée", False),
        ("Porc", "bœuf", False),
        ("Plat", "plat-principal", False),
    ],
)
def test_same_words(written: str, value: str, same: bool) -> None:
    assert same_words(written, value) is same


def test_word_choices() -> None:
    assert word_choices("Porc et chorizo", P) == ["Porc", "chorizo"]
    assert word_choices("Poulet, crevettes / calamars", P) == ["Poulet", "crevettes", "calamars"]
    assert word_choices("Fruits de mer", P) == ["Fruits de mer"]


def test_word_choices_follow_the_profile_list_words() -> None:
    english = replace(P, list_words=("and", "or"))
    assert word_choices("Pork or beef AND chorizo", english) == ["Pork", "beef", "chorizo"]
    assert word_choices("Porc et chorizo", english) == ["Porc et chorizo"]
    assert word_choices("Porc, chorizo", replace(P, list_words=())) == ["Porc", "chorizo"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("(+ marinade overnight)", True), ("(congélation 30 min)", True), ("(+ 24h de repos)", True),
        ("(laisser reposer)", True), ("(REFRIGERATION)", True), ("(au four)", False),
        ("(restaurant)", False), ("", False),
    ],
)
def test_mentions_rest(text: str, found: bool) -> None:
    assert mentions(text, P.rest_words) is found
