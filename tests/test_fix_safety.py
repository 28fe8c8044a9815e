"""Fixes that keep what the author wrote (issue 16).

"Safe" means: the note says what it said, with the one thing the rule
states corrected, and nothing the author wrote is lost. Each case below is a
note that a fix used to damage, written from the clean fixtures and the
notes of the example vault: the exact bytes after ``fix_text`` (or the
command line), with and without ``--unsafe-fixes``, and the finding that
remains. The plain defects beside them are still fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, CLEAN_ONELINE, REPO, findings, fixed, run_cli

RECETTES = REPO / "examples" / "vault" / "Recettes"


def example(name: str) -> str:
    """A note of the example vault, exactly as stored."""
    return (RECETTES / f"{name}.md").read_bytes().decode("utf-8")


TIRAMISU = example("Tiramisu")
GRAVLAX = example("Gravlax de saumon")

URL = "https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
LINK = f"Link: {URL}"
REEL = "https://www.instagram.com/reel/DA1b2C3d4E5/"
BLOG = "https://www.auxdelicesdemarie.fr/porc-caramel-gingembre"
TAGS = CLEAN[CLEAN.index("tags:\n"):CLEAN.index("---\n\n# ")]


def edited(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each ``old`` (there once) replaced by ``new``."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def left(text: str, unsafe: bool = False) -> list[tuple[str, int, int, bool]]:
    """What remains after fixing: (code, line, column, still fixable)."""
    from vault_lint.api import fix_text

    return [(f.code, f.line, f.column, f.fixable(unsafe)) for f in fix_text(text, "Recettes/note.md", unsafe)[1]]


def unchanged(text: str) -> None:
    """Neither ``--fix`` nor ``--fix --unsafe-fixes`` changes ``text``."""
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == text


# -- SR001: the body's address is where the recipe was found ------------------------

def test_sr001_keeps_a_reel_that_appears_nowhere_else() -> None:
    # url is the blog, Link: the Instagram reel where the recipe was found.
    text = edited(CLEAN, (f"url: {URL}", f"url: {BLOG}"), ("source: Instagram", "source: Aux délices de Marie"),
                  (LINK, f"Link: {REEL}\nRecipe: {BLOG}"))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SR001", 52, 7, None)
    assert finding.message == f"Link address '{REEL}' is not the front matter url '{BLOG}'"


def test_sr001_rewrites_a_markdown_links_text_with_its_target() -> None:
    text = edited(CLEAN, (LINK, f"Link: [{REEL}]({REEL})"))
    assert fixed(text) == text  # the reel would vanish: unsafe
    assert fixed(text, unsafe=True) == edited(CLEAN, (LINK, f"Link: [{URL}]({URL})"))
    assert left(text) == [("SR001", 52, 53, False)]


def test_sr001_leaves_a_markdown_link_whose_text_names_another_address() -> None:
    text = edited(CLEAN, (LINK, f"Link: [instagram.com/reel/DA1b2C3d4E5]({REEL})"))
    unchanged(text)
    assert [(f.code, f.fix) for f in findings(text)] == [("SR001", None)]


def test_sr001_picks_no_line_among_two_and_keeps_their_remarks() -> None:
    text = edited(CLEAN, (LINK, f"Link: {REEL} (la version courte)\n"
                                "Link: https://www.instagram.com/reel/DB9z8Y7x6W5/ (la version longue)"))
    unchanged(text)
    assert left(text, unsafe=True) == [("SR001", 52, 7, False)]


def test_sr001_keeps_a_remark_describing_the_old_address() -> None:
    text = edited(CLEAN, (LINK, f"Link: {REEL} (la vidéo de Marie)"))
    unchanged(text)
    assert left(text, unsafe=True) == [("SR001", 52, 7, False)]


def test_sr001_takes_no_tool_link_in_the_ingredients_for_the_source() -> None:
    equipment = "- ½ c. à café de poivre de Sichuan\n- 1 wok en acier carbone\n  Link: https://www.amazon.fr/dp/B000WOK42\n"
    text = edited(CLEAN, (f"## Source\n\n{LINK}\n", ""), ("- ½ c. à café de poivre de Sichuan\n", equipment))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SC002", 23, 1, None)
    assert finding.message == "required section 'Source' is missing"


def test_sr001_still_fixes_an_address_that_stays_in_the_note() -> None:
    # A dropped tracking parameter: the old address is part of url.
    text = edited(CLEAN, (LINK, "Link: https://www.instagram.com/reel/C8xYzAbCdEf/"))
    assert fixed(text) == CLEAN
    # Another reel, quoted on another line: rewriting the link loses nothing.
    noted = CLEAN + f"\n## Notes\n\nVersion végétarienne : {REEL}\n"
    text = edited(noted, (LINK, f"Link: {REEL}"))
    assert fixed(text) == noted


# -- SC002: a heading never cuts a list or lands in a comment -------------------------

NOTES_LIST = CLEAN.replace(f"## Source\n\n{LINK}\n", f"## Notes\n\n- Vue sur Instagram\n- {LINK}\n")
NOTES_CONTINUATION = CLEAN.replace(f"## Source\n\n{LINK}\n", f"## Notes\n\n- Vue sur Instagram,\n  {LINK}\n")
NOTES_LAZY = CLEAN.replace(f"## Source\n\n{LINK}\n", f"## Notes\n\n- Vue sur Instagram\n{LINK}\n")


@pytest.mark.parametrize(("text", "line"), [(NOTES_LIST, 53), (NOTES_CONTINUATION, 53), (NOTES_LAZY, 53)],
                         ids=["later-item", "continuation", "lazy-continuation"])
def test_sc002_inserts_no_heading_inside_a_list(text: str, line: int) -> None:
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.fix) == ("SC002", line, None)
    assert finding.message == "the Link line has no 'Source' heading above it"


@pytest.mark.parametrize("block", [
    f"<!-- ancienne source :\n{LINK}\n-->",
    f"%%\n{LINK}\n%%",
    f"Pour citer la source, écrire :\n\n    {LINK}",
    f"> [!quote] Source\n> {LINK}",
], ids=["html-comment", "obsidian-comment", "indented-code", "callout"])
def test_sc002_reads_no_link_inside_a_comment_code_or_callout(block: str) -> None:
    text = edited(CLEAN, (f"## Source\n\n{LINK}", block))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SC002", 23, 1, None)


def test_sc002_inserts_nothing_into_a_comment_that_ends_on_the_link_line() -> None:
    text = edited(CLEAN, (f"## Source\n\n{LINK}", f"%% ancienne source :\nLink: https://www.instagram.com/p/old %% {LINK}"))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.fix) == ("SC002", 51, None)


def test_sc002_sees_a_setext_source_heading() -> None:
    text = edited(CLEAN, ("## Source\n", "Source\n------\n"))
    unchanged(text)
    assert findings(text) == []


def test_sc002_and_sc005_still_fix_the_example_tiramisu() -> None:
    # Its Link line a blank line under the last step, its steps 1, 2, 4, 5.
    assert fixed(TIRAMISU) == edited(TIRAMISU, ("4. Tremper", "3. Tremper"), ("5. Saupoudrer", "4. Saupoudrer"),
                                     ("\n\nLink: ", "\n\n## Source\n\nLink: "))


# -- SC005: a year is no step --------------------------------------------------------

def test_sc005_leaves_a_year_at_the_start_of_a_line() -> None:
    text = edited(CLEAN, ("## Étapes\n\n", "## Étapes\n\n1984. L'année où mamie a écrit cette recette.\n\n"))
    unchanged(text)
    assert findings(text) == []


def test_sc005_counts_no_step_hidden_in_a_comment() -> None:
    text = edited(CLEAN, ("2. Faire fondre", "%% 2. Étape retirée : flamber au cognac. %%\n2. Faire fondre"))
    unchanged(text)
    assert findings(text) == []


# -- TM002: only a value that is one word of the field's vocabulary is replaced ------------

@pytest.mark.parametrize(("line", "written"), [
    ("- 🍽️ Type : Plat principal", "- 🍽️ Type : Guide de référence"),
    ("- 📊 Difficulté : Intermédiaire", "- 📊 Difficulté : Facile mais long"),
], ids=["free-text-type", "phrase-difficulty"])
def test_tm002_replaces_no_free_text(line: str, written: str) -> None:
    text = edited(CLEAN, (line, written))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.fix) == ("TM002", CLEAN[:CLEAN.index(line)].count("\n") + 1, None)


def test_tm002_reads_an_alternative_in_a_remark() -> None:
    text = edited(CLEAN, ("protéine: porc", "protéine: poulet"), ('"#protéine/porc"', '"#protéine/poulet"'),
                  ("Protéine principale : Porc", "Protéine principale : Dinde (ou poulet)"))
    unchanged(text)
    assert findings(text) == []
    beef = edited(text, ("Dinde (ou poulet)", "Dinde (ou bœuf)"))
    unchanged(beef)
    assert [(f.code, f.fix) for f in findings(beef)] == [("TM002", None)]


@pytest.mark.parametrize("kept", [
    "> [!note] Ancienne version\n> - 🍽️ Type : Entrée\n> - 🥩 Protéine principale : Veau",
    "%% avant : Type : Entrée %%",
    "<!-- Type : Entrée -->",
], ids=["callout", "obsidian-comment", "html-comment"])
def test_tm002_leaves_an_old_value_kept_in_a_callout_or_comment(kept: str) -> None:
    text = edited(CLEAN, ("- 🥩 Protéine principale : Porc\n", f"- 🥩 Protéine principale : Porc\n\n{kept}\n"))
    unchanged(text)
    assert findings(text) == []


def test_tm002_edits_no_value_written_across_a_comment() -> None:
    text = edited(CLEAN, ("Type : Plat principal", "Type : Entrée %% corrigé ? %% principal"))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.fix) == ("TM002", None)
    assert finding.message == "'Type' says Entrée principal but type is plat-principal"


def test_tm002_still_replaces_a_word_of_the_vocabulary() -> None:
    text = edited(CLEAN_ONELINE, ("Difficulté : Intermédiaire", "Difficulté : Avancé"))
    assert fixed(text) == CLEAN_ONELINE
    text = edited(CLEAN, ("Type : Plat principal", "Type : Entrée"))
    assert fixed(text) == CLEAN


def test_tm002_takes_no_placeholder_for_a_reference() -> None:
    # A recipe saved without its details: every time 0, the body's are real.
    text = edited(CLEAN, ("temps_prep: 40", "temps_prep: 0"), ("temps_cuisson: 30", "temps_cuisson: 0"),
                  ("temps_total: 70", "temps_total: 0"), ('  - "#temps/long"\n', ""))
    unchanged(text)
    assert findings(text) == []


# -- TG003: a bucket only on a time the note is sure of ---------------------------------

def tiramisu_with_rest() -> str:
    return edited(TIRAMISU, ("temps_total: 30", "temps_total: 270"),
                  ("📊 Difficulté : Débutant", "📊 Difficulté : Débutant | ⏲️ Temps total : 4h30 (inclut repos au frigo)"))


def test_tg003_leaves_the_bucket_of_a_total_that_counts_a_declared_rest() -> None:
    text = tiramisu_with_rest()
    result = fixed(text, unsafe=True)
    assert '  - "#temps/rapide"\n' in result and "#temps/long" not in result
    [finding] = [f for f in findings(result) if f.code.startswith("TG")]
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TG003", 17, 5, None)
    assert finding.message == (
        "tag '#temps/rapide' does not match the time: temps_total is 270, expected '#temps/long' (> 60 min); "
        "the total counts a rest the note declares: tag the note '#temps/préparation-avance' to bucket it on its "
        "active time (30 min)")


def test_tg003_adds_no_bucket_to_times_that_are_all_zero() -> None:
    text = edited(CLEAN, ("temps_prep: 40", "temps_prep: 0"), ("temps_cuisson: 30", "temps_cuisson: 0"),
                  ("temps_total: 70", "temps_total: 0"), ('  - "#temps/long"\n', ""),
                  ("## Ingrédients", "Recette non détaillée : voir la vidéo.\n\n## Ingrédients"))
    unchanged(text)
    assert findings(text) == []


def test_tg003_waits_for_tm001_on_a_questioned_total() -> None:
    # 40 + 10 = 50 but the total says 75: a typo, or a rest not declared.
    text = edited(CLEAN, ("temps_cuisson: 30", "temps_cuisson: 10"), ("temps_total: 70", "temps_total: 75"),
                  ("Temps de cuisson : 30 minutes", "Temps de cuisson : 10 minutes"),
                  ('"#temps/long"', '"#temps/moyen"'))
    assert fixed(text) == text  # --fix does not say "long"...
    assert [(code, line, fixable) for code, line, _, fixable in left(text)] == [("TM001", 6, False), ("TG003", 17, False)]
    # ...and --unsafe-fixes adds the advance marker, which keeps "moyen".
    assert fixed(text, unsafe=True) == edited(text, ('  - "#saveur/sucré-salé"\n',
                                                      '  - "#saveur/sucré-salé"\n  - "#temps/préparation-avance"\n'))


def test_tg003_still_fixes_a_wrong_bucket() -> None:
    assert fixed(edited(CLEAN, ('"#temps/long"', '"#temps/rapide"'))) == CLEAN
    assert fixed(edited(GRAVLAX, ('"#temps/express"', '"#temps/long"'))) == fixed(GRAVLAX)


# -- TG001: a tag is never built on a placeholder, nor written over what is there -------

def test_tg001_builds_no_tag_on_a_placeholder() -> None:
    text = edited(CLEAN, ("cuisine: chinoise", "cuisine: unknown"), ('  - "#cuisine/chinoise"\n', ""))
    unchanged(text)
    assert findings(text) == []


def test_tg001_appends_to_a_wrapped_flow_list_on_its_last_line() -> None:
    text = edited(CLEAN, (TAGS, 'tags: ["#type/plat-principal", "#temps/long", "#cuisson/wok",\n'
                                '  "#difficulté/intermédiaire", "#protéine/porc", 2024]\n'))
    assert fixed(text) == edited(text, ("2024]", '2024, "#cuisine/chinoise"]'))
    assert [(f.code, f.line, f.column) for f in findings(fixed(text))] == [("FM003", 14, 50), ("TG004", 14, 50)]


def test_tg001_keeps_the_tags_a_yaml_alias_gives() -> None:
    text = edited(CLEAN, (TAGS, 'étiquettes: &t\n  - "#occasion/noël"\n  - "#cuisine/chinoise"\n  - "#temps/long"\n'
                                '  - "#type/plat-principal"\n  - "#protéine/porc"\ntags: *t\n'))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TG001", 8, 13, None)
    assert finding.message == "difficulté is 'intermédiaire' but tags have no '#difficulté/intermédiaire'"


def test_tg001_leaves_a_comment_on_the_tags_line_where_it_is() -> None:
    text = edited(CLEAN, (TAGS, "tags: # à compléter\n"))
    assert fixed(text) == edited(CLEAN, (TAGS, 'tags: # à compléter\n  - "#cuisine/chinoise"\n  - "#type/plat-principal"\n'
                                               '  - "#temps/long"\n  - "#difficulté/intermédiaire"\n'
                                               '  - "#protéine/porc"\n'))


def test_tg001_still_adds_a_missing_field_tag() -> None:
    text = edited(CLEAN, ('  - "#cuisine/chinoise"\n', ""))
    assert fixed(text) == edited(text, ('  - "#saveur/sucré-salé"\n',
                                        '  - "#saveur/sucré-salé"\n  - "#cuisine/chinoise"\n'))


# -- TG002: a field that stands for several tags ------------------------------------------

def test_tg002_guesses_nothing_for_a_field_that_sums_up_two_tags() -> None:
    text = edited(CLEAN, ("protéine: porc", "protéine: mixte"),
                  ('  - "#protéine/porc"\n', '  - "#protéine/poulet"\n  - "#protéine/veau"\n'),
                  ("Protéine principale : Porc", "Protéine principale : Poulet et veau"))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TG002", 16, 5, None)
    assert findings(edited(text, ("Poulet et veau", "Porc")))[-1].fix is None  # TM002 writes no "Mixte" either


# -- TG005: a duplicate with a remark ------------------------------------------------------

def test_tg005_keeps_a_duplicate_that_carries_a_comment() -> None:
    text = edited(CLEAN, ('  - "#saveur/sucré-salé"\n',
                          '  - "#saveur/sucré-salé"\n  - "#cuisson/wok"  # ajouté par Marie, garder\n'))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TG005", 21, 5, None)
    above = edited(CLEAN, ('  - "#saveur/sucré-salé"\n',
                           '  - "#saveur/sucré-salé"\n  # ajouté par Marie, garder\n  - "#cuisson/wok"\n'))
    unchanged(above)


def test_tg005_flow_list_keeps_every_comment_in_place() -> None:
    flow = ('tags: [\n  "#cuisine/chinoise", "#type/plat-principal", "#protéine/porc", "#temps/long",\n'
            '  "#cuisson/wok",  # garder\n  "#difficulté/intermédiaire",\n  "#cuisson/wok"  # doublon ?\n]\n')
    text = edited(CLEAN, (TAGS, flow))
    unchanged(text)  # the repetition has its own comment
    plain = edited(text, ("  # doublon ?", ""))
    assert fixed(plain) == edited(plain, ('  "#difficulté/intermédiaire",\n  "#cuisson/wok"\n',
                                          '  "#difficulté/intermédiaire",\n'))


def test_tg005_still_removes_a_duplicate_without_a_comment() -> None:
    text = edited(CLEAN, ('  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - "#cuisson/wok"\n'))
    assert fixed(text) == CLEAN


# -- TG004: no character the note did not hold ------------------------------------------

def test_tg004_writes_nothing_into_a_note_that_is_not_utf8(vault: Path) -> None:
    raw = edited(CLEAN, ('"#temps/long"', "temps/long"), ("Mélanger le porc", "M\x00langer le porc"))
    data = raw.encode("utf-8").replace(b"M\x00langer", b"M\xe9langer")  # Windows-1252 'é'
    note = vault / "Recettes" / "Porc.md"
    note.parent.mkdir()
    note.write_bytes(data)
    result = run_cli("--fix", "--unsafe-fixes", "--output-format", "concise", ".", cwd=vault)
    assert note.read_bytes() == data
    assert result.stdout.splitlines()[:2] == [
        "Recettes/Porc.md:17:5: TG004 tag 'temps/long' is written without the '#' the vault's tags use: "
        "expected '#temps/long'",
        "Recettes/Porc.md:45:5: EN002 byte 0xE9 is not valid UTF-8 (1 such byte in the file; in Windows-1252 "
        "it reads 'é')",
    ]


def test_tg004_makes_no_tag_of_yaml_null_or_true() -> None:
    text = edited(CLEAN, ('  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - null\n  - true\n'))
    unchanged(text)
    assert [(f.code, f.line, f.column) for f in findings(text)] == [("FM003", 21, 5), ("FM003", 22, 5)]


# -- TM001: a value an alias shares ----------------------------------------------------

def test_tm001_edits_no_value_an_alias_shares() -> None:
    text = edited(CLEAN, ("temps_total: 70", "temps_total: &t 25"),
                  ("date_ajout: 2025-09-14", "date_ajout: 2025-09-14\naffiché: *t"))
    unchanged(text)
    [finding] = findings(text)
    assert (finding.code, finding.line, finding.column, finding.fix) == ("TM001", 6, 17, None)


def test_tm001_still_fixes_a_total_below_its_parts_and_keeps_its_comment() -> None:
    text = edited(CLEAN, ("temps_total: 70", "temps_total: 65  # à vérifier"))
    assert fixed(text) == edited(CLEAN, ("temps_total: 70", "temps_total: 70  # à vérifier"))
    anchored = edited(CLEAN, ("temps_total: 70", "temps_total: &t 65"))  # anchored, used nowhere
    assert fixed(anchored) == edited(CLEAN, ("temps_total: 70", "temps_total: &t 70"))


def test_tm001_rewrites_no_total_written_as_a_duration(vault: Path) -> None:
    # A vault whose schema accepts durations as text: the sum would come
    # back as minutes, in another form than the note's.
    import json

    schema = json.loads((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"))
    schema["$defs"]["minutes"] = {"type": ["integer", "string"]}
    (vault / "recipe.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (vault / "vault-lint.toml").write_text('[profile]\nschema = "recipe.schema.json"\n', encoding="utf-8")
    from vault_lint.api import fix_text

    text = edited(CLEAN, ("temps_total: 70", "temps_total: 1 h 05"))
    result, remaining = fix_text(text, vault / "Recettes" / "note.md")
    assert result == text
    assert [(f.code, f.line, f.column, f.fix) for f in remaining] == [("TM001", 6, 14, None)]
    assert remaining[0].message == "temps_total is 65 but temps_prep + temps_cuisson = 40 + 30 = 70"
