"""The tags family (TG001-TG005) on variants of the clean fixture notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    CLEAN,
    CLEAN_ONELINE,
    TARTE_BODY,
    TARTE_FIELDS,
    TARTE_SOURCE,
    findings,
    fixed,
    summary,
)

from vault_lint.api import check_text, fix_text

# The tags block of CLEAN (tests/fixtures/clean_list.md), lines 13 to 20.
CLEAN_TAGS = """tags:
  - "#cuisine/chinoise"
  - "#type/plat-principal"
  - "#protéine/porc"
  - "#temps/long"
  - "#cuisson/wok"
  - "#difficulté/intermédiaire"
  - "#saveur/sucré-salé"
"""
assert CLEAN_TAGS in CLEAN


def with_tags(block: str, text: str = CLEAN) -> str:
    """CLEAN with its tags block (``tags:`` and its items) replaced."""
    return text.replace(CLEAN_TAGS, block)


def edited(*pairs: tuple[str, str], text: str = CLEAN) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def fixes_to(text: str, expected: str, unsafe: bool = False) -> None:
    """``text`` fixes to ``expected``, which fixing leaves as it is, in LF
    and in CRLF."""
    for convert in (str, crlf):
        result = fixed(convert(text), unsafe)
        assert result == convert(expected)
        assert fixed(result, unsafe) == result


# -- silence -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [CLEAN, CLEAN_ONELINE, crlf(CLEAN), crlf(CLEAN_ONELINE)],
                         ids=["list", "oneline", "list-crlf", "oneline-crlf"])
def test_clean_notes_are_silent(text: str) -> None:
    assert summary(text, "TG") == []


def test_second_protein_and_cuisine_beside_the_fields_own_are_silent() -> None:
    text = edited(('  - "#protéine/porc"\n', '  - "#protéine/porc"\n  - "#protéine/fruits-de-mer"\n'),
                  ('  - "#cuisine/chinoise"\n', '  - "#cuisine/chinoise"\n  - "#cuisine/thaï"\n'))
    assert summary(text, "TG") == []


def test_tags_compare_without_case_and_field_spaces_become_hyphens() -> None:
    text = edited(("cuisine: chinoise", "cuisine: Fruits de mer"),
                  ('"#cuisine/chinoise"', '"#Cuisine/Fruits-De-Mer"'))
    assert summary(text, "TG") == []


def test_not_stated_field_needs_no_tag() -> None:
    text = edited(("protéine: porc", "protéine: aucune"), ('  - "#protéine/porc"\n', ""))
    assert summary(text, "TG") == []


def test_note_without_tags_key_is_left_to_the_schema() -> None:
    assert summary(with_tags(""), "TG") == []


# -- TG001 missing-field-tag ---------------------------------------------------------

def test_missing_field_tag_reported_at_the_field_value_and_appended() -> None:
    text = edited(('  - "#cuisine/chinoise"\n', ""))
    assert summary(text, "TG") == [("TG001", 2, 10)]
    assert findings(text, "TG")[0].message == "cuisine is 'chinoise' but tags have no '#cuisine/chinoise'"
    fixes_to(text, edited(('  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - "#cuisine/chinoise"\n'),
                          text=text))


def test_field_value_with_spaces_maps_to_a_hyphenated_tag() -> None:
    text = edited(("cuisine: chinoise", "cuisine: Fruits de mer"), ('  - "#cuisine/chinoise"\n', ""))
    assert summary(text, "TG") == [("TG001", 2, 10)]
    fixes_to(text, edited(('"#saveur/sucré-salé"\n', '"#saveur/sucré-salé"\n  - "#cuisine/fruits-de-mer"\n'),
                          text=text))


def test_several_missing_field_tags_fixed_in_one_call() -> None:
    text = with_tags('tags:\n  - "#temps/long"\n')
    assert summary(text, "TG") == [("TG001", 2, 10), ("TG001", 3, 7), ("TG001", 8, 13), ("TG001", 9, 11)]
    fixes_to(text, with_tags(
        'tags:\n  - "#temps/long"\n  - "#cuisine/chinoise"\n  - "#type/plat-principal"\n'
        '  - "#difficulté/intermédiaire"\n  - "#protéine/porc"\n'))


def test_missing_field_tag_appended_to_a_flow_list() -> None:
    text = with_tags('tags: ["#type/plat-principal", "#protéine/porc", "#temps/long", '
                     '"#difficulté/intermédiaire"]\n')
    assert summary(text, "TG") == [("TG001", 2, 10)]
    fixes_to(text, with_tags('tags: ["#type/plat-principal", "#protéine/porc", "#temps/long", '
                             '"#difficulté/intermédiaire", "#cuisine/chinoise"]\n'))


def test_missing_tags_added_to_an_empty_flow_list_one_round_at_a_time() -> None:
    text = with_tags("tags: []\n")
    assert [code for code, _, _ in summary(text, "TG")] == ["TG001", "TG001", "TG003", "TG001", "TG001"]
    fixes_to(text, with_tags('tags: ["#cuisine/chinoise", "#type/plat-principal", "#temps/long", '
                             '"#difficulté/intermédiaire", "#protéine/porc"]\n'))


def test_missing_tags_start_a_block_list_under_an_empty_key() -> None:
    text = with_tags('tags:\n')
    fixes_to(text, with_tags('tags:\n  - "#cuisine/chinoise"\n  - "#type/plat-principal"\n  - "#temps/long"\n'
                             '  - "#difficulté/intermédiaire"\n  - "#protéine/porc"\n'))


def test_added_tag_follows_the_vault_hash_in_a_list_written_without_it() -> None:
    text = with_tags("tags:\n  - type/plat-principal\n")
    fixed_text = fixed(text)
    assert '  - "#cuisine/chinoise"\n' in fixed_text
    assert '  - "#type/plat-principal"\n' in fixed_text


# -- TG002 conflicting-field-tag ------------------------------------------------------

def test_conflicting_tag_reported_once_at_the_tag_and_replaced_only_with_unsafe_fixes() -> None:
    text = edited(('"#cuisine/chinoise"', '"#cuisine/italienne"'))
    assert summary(text, "TG") == [("TG002", 14, 5)]
    assert findings(text, "TG")[0].message == (
        "tag '#cuisine/italienne' disagrees with the field: cuisine is 'chinoise', expected '#cuisine/chinoise'")
    assert fixed(text) == text
    fixes_to(text, CLEAN, unsafe=True)


def test_second_type_tag_is_a_conflict_removed_by_the_unsafe_fix() -> None:
    text = edited(('  - "#type/plat-principal"\n', '  - "#type/plat-principal"\n  - "#type/dessert"\n'))
    assert summary(text, "TG") == [("TG002", 16, 5)]
    fixes_to(text, CLEAN, unsafe=True)


def test_two_other_proteins_without_the_fields_own_report_the_first_without_a_fix() -> None:
    # The field may sum them up, or be one of them: replacing the first would
    # keep the second and lose the first, so not even the unsafe fix guesses.
    text = edited(('  - "#protéine/porc"\n', '  - "#protéine/veau"\n  - "#protéine/fruits-de-mer"\n'))
    [finding] = findings(text, "TG")
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TG002", 16, 5, None)
    assert finding.message == ("the protéine tags '#protéine/veau', '#protéine/fruits-de-mer' disagree with the "
                               "field: protéine is 'porc', expected '#protéine/porc' among them")
    assert fixed(text, unsafe=True) == text


# -- TG003 time-tag-mismatch ---------------------------------------------------------

def test_wrong_time_bucket_reported_at_the_tag_and_replaced() -> None:
    text = edited(('"#temps/long"', '"#temps/moyen"'))
    assert summary(text, "TG") == [("TG003", 17, 5)]
    assert findings(text, "TG")[0].message == (
        "tag '#temps/moyen' does not match the time: temps_total is 70, expected '#temps/long' (> 60 min)")
    fixes_to(text, CLEAN)


def test_missing_time_bucket_reported_at_temps_total_and_added() -> None:
    text = edited(('  - "#temps/long"\n', ""))
    assert summary(text, "TG") == [("TG003", 6, 14)]
    fixes_to(text, edited(('"#saveur/sucré-salé"\n', '"#saveur/sucré-salé"\n  - "#temps/long"\n'), text=text))


def test_bucket_bounds_are_inclusive() -> None:
    text = edited(("temps_prep: 40", "temps_prep: 10"), ("temps_cuisson: 30", "temps_cuisson: 20"),
                  ("temps_total: 70", "temps_total: 30"), ('"#temps/long"', '"#temps/rapide"'))
    assert summary(text, "TG") == []


def test_second_bucket_tag_is_removed() -> None:
    text = edited(('  - "#temps/long"\n', '  - "#temps/long"\n  - "#temps/express"\n'))
    assert summary(text, "TG") == [("TG003", 18, 5)]
    fixes_to(text, CLEAN)


ADVANCE = edited(("temps_prep: 40", "temps_prep: 15"), ("temps_cuisson: 30", "temps_cuisson: 10"),
                 ("temps_total: 70", "temps_total: 745"),
                 ("préparation : 40 minutes", "préparation : 15 minutes"),
                 ("cuisson : 30 minutes", "cuisson : 10 minutes"),
                 ('  - "#temps/long"\n', '  - "#temps/rapide"\n  - "#temps/préparation-avance"\n'))


def test_advance_marker_buckets_on_active_time() -> None:
    assert summary(ADVANCE, "TG") == []


def test_advance_marker_note_with_total_time_bucket_is_reported() -> None:
    text = edited(('"#temps/rapide"', '"#temps/long"'), text=ADVANCE)
    assert summary(text, "TG") == [("TG003", 17, 5)]
    assert findings(text, "TG")[0].message == (
        "tag '#temps/long' does not match the time: temps_prep + temps_cuisson = 15 + 10 = 25 "
        "(the note is tagged '#temps/préparation-avance'), expected '#temps/rapide' (<= 30 min)")
    fixes_to(text, ADVANCE)


def test_time_tag_without_hash_is_only_an_invalid_tag() -> None:
    text = edited(('"#temps/long"', "temps/long"))
    assert summary(text, "TG") == [("TG004", 17, 5)]


@pytest.mark.parametrize("tags", ['  - "#temps/long"\n', ""], ids=["right-tag", "no-tag"])
def test_total_from_a_yaml_merge_key_is_not_bucketed(tags: str) -> None:
    # '<<: *times' gives temps_total a value but no line of its own to
    # report at: TG003 stays silent (it used to fail with KeyError).
    text = edited(("temps_total: 70\n", "<<: *times\n"),
                  ("temps_prep: 40\n", "temps_prep: 40\ndefaults: &times\n  temps_total: 70\n"),
                  ('  - "#temps/long"\n', tags))
    assert [f for f in findings(text) if f.code in ("TG003", "INTERNAL")] == []


def test_negative_time_is_not_bucketed() -> None:
    text = edited(("temps_total: 70", "temps_total: -5"))
    assert summary(text, "TG") == []
    assert summary(text, "TM") == []
    assert ("FM003", 6, 14) in summary(text)


def test_time_that_is_not_whole_minutes_is_not_bucketed() -> None:
    text = edited(("temps_total: 70", "temps_total: 1h10"), ('"#temps/long"', '"#temps/express"'))
    assert summary(text, "TG") == []


# -- TG004 invalid-tag ---------------------------------------------------------------

def test_missing_hash_fixed_inside_quotes_keeping_the_quoting() -> None:
    text = edited(('"#temps/long"', "temps/long"), ('"#cuisson/wok"', "'cuisson/wok'"))
    assert summary(text, "TG") == [("TG004", 17, 5), ("TG004", 18, 5)]
    assert findings(text, "TG")[0].message == (
        "tag 'temps/long' is written without the '#' the vault's tags use: expected '#temps/long'")
    fixes_to(text, edited(('"#cuisson/wok"', "'#cuisson/wok'")))


def test_plain_item_takes_the_quotes_of_its_list() -> None:
    single = CLEAN_TAGS.replace('"', "'")
    text = with_tags(single.replace("'#cuisson/wok'", "cuisson/wok").replace("'#temps/long'", "temps/moyen"))
    assert summary(text, "TG") == [("TG003", 17, 5), ("TG004", 17, 5), ("TG004", 18, 5)]
    fixes_to(text, with_tags(single))


def test_a_note_written_without_hashes_follows_the_vault_convention() -> None:
    bare = CLEAN_TAGS.replace('"#', "").replace('"', "")
    assert len(summary(with_tags(bare), "TG004")) == 7
    fixes_to(with_tags(bare), CLEAN)


def test_missing_hash_fixed_in_a_flow_list() -> None:
    text = with_tags("tags: [cuisine/chinoise, type/plat-principal, protéine/porc, temps/long, "
                     "difficulté/intermédiaire]\n")
    assert summary(text, "TG") == [("TG004", 13, 8), ("TG004", 13, 26), ("TG004", 13, 47), ("TG004", 13, 62),
                                   ("TG004", 13, 74)]
    fixes_to(text, with_tags('tags: ["#cuisine/chinoise", "#type/plat-principal", "#protéine/porc", '
                             '"#temps/long", "#difficulté/intermédiaire"]\n'))


@pytest.mark.parametrize(("tag", "reason"), [
    ('"#fruits de mer"', "it contains a space"),
    ('"#2024"', "it has only digits"),
    ("2024", "it has only digits"),
    ('"#sucré;salé"', "it contains ';'"),
    ('"#"', "it is empty"),
])
def test_invalid_tag_reported_without_fix(tag: str, reason: str) -> None:
    text = edited(('"#saveur/sucré-salé"', tag))
    [finding] = findings(text, "TG")
    assert (finding.code, finding.line, finding.column) == ("TG004", 20, 5)
    assert finding.message.endswith(f"is not a tag Obsidian recognises: {reason}")
    assert fixed(text) == text


@pytest.mark.parametrize("tag", ['"#saveur/épicé"', '"#🐷"', '"#occasion/fête_2024"', '"#ÉTÉ/été-2024"'])
def test_letters_of_any_script_digits_and_emoji_are_valid(tag: str) -> None:
    assert summary(edited(('"#saveur/sucré-salé"', tag)), "TG") == []


# -- TG005 duplicate-tag -------------------------------------------------------------

def test_duplicate_reported_at_the_later_one_and_removed() -> None:
    text = edited(('  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - "#Cuisson/Wok"\n'))
    assert summary(text, "TG") == [("TG005", 21, 5)]
    assert findings(text, "TG")[0].message == "tag '#Cuisson/Wok' is given twice (first on line 18)"
    fixes_to(text, CLEAN)


def test_duplicate_without_hash_is_only_a_duplicate() -> None:
    text = edited(('  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - cuisson/wok\n'))
    assert summary(text, "TG") == [("TG005", 21, 5)]
    fixes_to(text, CLEAN)


def test_duplicates_removed_from_a_flow_list() -> None:
    text = with_tags('tags: ["#cuisine/chinoise", "#type/plat-principal", "#cuisine/chinoise", "#protéine/porc", '
                     '"#temps/long", "#difficulté/intermédiaire", "#temps/long"]\n')
    assert summary(text, "TG") == [("TG005", 13, 53), ("TG005", 13, 136)]
    fixes_to(text, with_tags('tags: ["#cuisine/chinoise", "#type/plat-principal", "#protéine/porc", '
                             '"#temps/long", "#difficulté/intermédiaire"]\n'))


# -- a string value: reported where precise, never fixed ------------------------------

def test_string_tags_are_reported_at_their_token_and_not_fixed() -> None:
    text = with_tags('tags: "#type/plat-principal, protéine/porc #temps/long #difficulté/intermédiaire '
                     '#temps/long"\n')
    assert summary(text, "TG") == [("TG001", 2, 10), ("TG004", 13, 30), ("TG005", 13, 82)]
    assert fixed(text) == text


def test_folded_string_tags_count_but_are_not_located() -> None:
    text = with_tags('tags: >\n  #cuisine/chinoise #type/plat-principal #protéine/porc\n'
                     '  temps/long #difficulté/intermédiaire #temps/long\n')
    assert summary(text, "TG") == []


# -- fields the schema rejects are FM003's ---------------------------------------------

def test_field_value_outside_the_schema_gets_no_tag_rule() -> None:
    text = edited(("difficulté: intermédiaire", "difficulté: facile"), ('  - "#difficulté/intermédiaire"\n', ""))
    assert summary(text, "TG") == []
    assert summary(text, "FM003") == [("FM003", 8, 13)]


def test_field_value_written_unlike_a_tag_still_maps_to_its_tag() -> None:
    text = edited(("type: plat-principal", "type: Plat principal"))
    assert summary(text, "TG") == []


def test_a_vault_written_without_hashes_gets_hashes_removed(vault: Path) -> None:
    (vault / "vault-lint.toml").write_text("[profile]\ntags_with_hash = false\n", encoding="utf-8")
    path = vault / "Recettes" / "note.md"
    text = edited(('"#cuisine/chinoise"', "cuisine/chinoise"), ('  - "#temps/long"\n', ""))
    assert [(f.code, f.line, f.column) for f in check_text(text, path) if f.code.startswith("TG")] == [
        ("TG003", 6, 14), ("TG004", 15, 5), ("TG004", 16, 5), ("TG004", 17, 5), ("TG004", 18, 5), ("TG004", 19, 5)]
    result = fix_text(text, path)[0]
    assert result == with_tags(CLEAN_TAGS.replace('"#', '"').replace('"cuisine/chinoise"', "cuisine/chinoise")
                               .replace('  - "temps/long"\n', "") + '  - "temps/long"\n')
    assert fix_text(result, path)[0] == result


def test_tg003_buckets_a_total_smaller_than_its_parts_on_their_sum() -> None:
    # 40 + 30 = 70 is "long"; the written total (60) is TM001's to fix, and
    # the two fixes must not pull the tag back and forth.
    text = CLEAN.replace("temps_total: 70", "temps_total: 60")
    assert summary(text) == [("TM001", 6, 14)]
    assert fixed(text) == CLEAN


def test_notes_that_are_not_recipes_get_no_tag_finding() -> None:
    # The vault's README, indexes and tag guide: only the generic rules apply.
    guide = "---\ntags:\n  - guide\n  - guide\n  - \"#temps/express\"\n---\n\n# Guide des tags\n\n- `#temps/express` : 15 min\n"
    assert summary(guide) == []


# -- a comment stays with the tag it was written for -----------------------------------

# conftest's recipe, TAGS its tags block.
TARTE = TARTE_FIELDS + "TAGS" + TARTE_BODY + TARTE_SOURCE


def tarte(tags: str) -> str:
    return TARTE.replace("TAGS", tags)


def test_a_duplicate_keeps_its_comment_while_tags_are_added() -> None:
    text = tarte('tags: ["#cuisine/française",\n  "#type/dessert",\n'
                 '  "#cuisine/française" # ajouté par Marie, garder\n  ]\n')
    [finding] = findings(text, "TG005")
    assert finding.fix is None
    # The new tags go after the comment, which stays with the repetition:
    # TG005 keeps it in every round.
    fixes_to(text, tarte('tags: ["#cuisine/française",\n  "#type/dessert",\n'
                         '  "#cuisine/française", # ajouté par Marie, garder\n'
                         '  "#temps/moyen", "#difficulté/débutant"\n  ]\n'))
    assert summary(fixed(text), "TG") == [("TG005", 15, 3)]


@pytest.mark.parametrize(("tags", "expected"), [
    ('tags: ["#cuisine/française",\n  "#type/dessert",\n  "#cuisine/française"\n  ]\n',
     'tags: ["#cuisine/française",\n  "#type/dessert", "#temps/moyen", "#difficulté/débutant"\n  ]\n'),
    # The last item's own comment: the new tags go on the next line, after it.
    ('tags: ["#cuisine/française", "#type/dessert",\n  "#temps/moyen" # moyen : vérifié au four\n  ]\n',
     ('tags: ["#cuisine/française", "#type/dessert",\n'
      '  "#temps/moyen", # moyen : vérifié au four\n  "#difficulté/débutant"\n  ]\n')),
    ('tags: ["#cuisine/française", "#type/dessert",\n  "#temps/moyen"\n  ]\n',
     'tags: ["#cuisine/française", "#type/dessert",\n  "#temps/moyen", "#difficulté/débutant"\n  ]\n'),
    ('tags: ["#cuisine/française", "#type/dessert", "#temps/moyen" # à compléter\n  ]\n',
     ('tags: ["#cuisine/française", "#type/dessert", "#temps/moyen", # à compléter\n'
      '  "#difficulté/débutant"\n  ]\n')),
    # A comment after the bracket is the list's: it keeps its line, and the new tags go inside the bracket.
    ('tags: [\n  "#cuisine/française",\n  "#type/dessert"] # à compléter\n',
     'tags: [\n  "#cuisine/française",\n  "#type/dessert", "#temps/moyen", "#difficulté/débutant"] # à compléter\n'),
    ('tags: [\n  "#cuisine/française",\n  "#type/dessert",\n  "#temps/moyen" # voir [four]\n]\n',
     ('tags: [\n  "#cuisine/française",\n  "#type/dessert",\n'
      '  "#temps/moyen", # voir [four]\n  "#difficulté/débutant"\n]\n')),
], ids=["duplicate-without-comment-removed", "after-the-last-items-comment", "wrapped-without-comment",
        "comment-on-the-tags-line", "comment-after-the-bracket", "bracket-inside-the-comment"])
def test_tg001_adds_to_a_flow_list_never_between_an_item_and_its_comment(tags: str, expected: str) -> None:
    fixes_to(tarte(tags), tarte(expected))


@pytest.mark.parametrize("tags", [
    ('tags:\n  - "#cuisine/française"\n  - "#type/dessert"\n  # rapide chez nous\n  - "#temps/rapide"\n'
     '  - "#difficulté/débutant"\n'),
    ('tags:\n  - "#cuisine/française"\n  - "#type/dessert"\n  - "#temps/rapide"  # chez nous\n'
     '  - "#difficulté/débutant"\n'),
    ('tags: [\n  "#cuisine/française",\n  "#type/dessert",\n  # rapide chez nous\n  "#temps/rapide",\n'
     '  "#difficulté/débutant"\n]\n'),
    'tags: ["#cuisine/française", "#type/dessert",\n  "#temps/rapide", # chez nous\n  "#difficulté/débutant"]\n',
], ids=["block-above", "block-beside", "flow-above", "flow-beside"])
def test_tg003_keeps_a_bucket_tag_that_carries_a_comment(tags: str) -> None:
    text = tarte(tags)
    [finding] = findings(text, "TG")
    assert (finding.code, finding.fix) == ("TG003", None)
    assert finding.message == ("tag '#temps/rapide' does not match the time: temps_total is 60, "
                               "expected '#temps/moyen' (<= 60 min)")
    fixes_to(text, text)


def test_tg003_still_replaces_a_bucket_tag_without_a_comment() -> None:
    block = 'tags:\n  - "#cuisine/française"\n  - "#type/dessert"\n  - "#temps/rapide"\n  - "#difficulté/débutant"\n'
    fixes_to(tarte(block), tarte(block.replace("rapide", "moyen")))
    # A comment on another tag does not hold it back.
    other = block.replace('  - "#type/dessert"\n', '  # pour le dimanche\n  - "#type/dessert"\n')
    fixes_to(tarte(other), tarte(other.replace("rapide", "moyen")))


def test_tg002_keeps_a_tag_that_carries_a_comment() -> None:
    text = tarte('tags:\n  - "#cuisine/française"\n  - "#type/gâteau"  # en fait un gâteau\n'
                 '  - "#temps/moyen"\n  - "#difficulté/débutant"\n')
    [finding] = findings(text, "TG002")
    assert finding.fix is None
    fixes_to(text, text, unsafe=True)
    plain = text.replace("  # en fait un gâteau", "")
    fixes_to(plain, plain.replace("#type/gâteau", "#type/dessert"), unsafe=True)
