"""MD001 unformatted: the body as mdformat writes it, with the Obsidian-safe
plugin set of ``vault_lint.mdformat_obsidian``; every Obsidian construct
comes through a fix as it was written."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CLEAN, SHARED, TARTE, run_cli, source_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault_lint.api import check_text, fix_text
from vault_lint.findings import Finding
from vault_lint.mdformat_obsidian import format_markdown
from vault_lint.rules.format import WORD, verify

SELECTED = 'profile = "fr"\nextend-select = ["MD001"]\n'


@pytest.fixture
def md_vault(vault: Path) -> Path:
    """A vault that selects MD001 besides the French profile's rules."""
    (vault / "vault-lint.toml").write_text(SELECTED, encoding="utf-8")
    return vault


def md001(vault: Path, text: str) -> list[Finding]:
    return [f for f in check_text(text, vault / "note.md") if f.code == "MD001"]


def fixed(vault: Path, text: str) -> str:
    return fix_text(text, vault / "note.md")[0]


def swap(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def words(text: str) -> list[str]:
    """Letters, digits and symbols (no markup), ordered list numbers left
    out, a task done with [X] written [x]."""
    text = re.sub(r"(?m)^([ \t>]*)\d+[.)](?=\s)", r"\1", text)
    return WORD.findall(re.sub(r"(?m)^([ \t>]*[-*+][ \t]+\[)X\]", r"\1x]", text))


# -- a recipe ---------------------------------------------------------------------

# The clean recipe with messy markup: '*' bullets, no blank line before a list,
# '__bold__', an unaligned table.
MESSY = CLEAN
MESSY = swap(MESSY, "## Informations rapides\n\n- 🌍", "## Informations rapides\n* 🌍")
for label in ("🍽️", "⏱️", "🔥", "👥", "📊", "🥩"):
    MESSY = swap(MESSY, f"\n- {label}", f"\n* {label}")
MESSY = swap(MESSY, "## Ingrédients\n\n- 600 g", "## Ingrédients\n\nPour le __caramel__ et la viande :\n- 600 g")
MESSY = swap(MESSY, "- ½ c. à café de poivre de Sichuan\n",
             "- ½ c. à café de poivre de Sichuan\n\n| Ustensile | Taille |\n|---|---|\n| wok | 32 cm |\n")

MESSY_FIXED = CLEAN
MESSY_FIXED = swap(MESSY_FIXED, "## Ingrédients\n\n- 600 g",
                   "## Ingrédients\n\nPour le __caramel__ et la viande :\n\n- 600 g")
MESSY_FIXED = swap(MESSY_FIXED, "- ½ c. à café de poivre de Sichuan\n",
                   "- ½ c. à café de poivre de Sichuan\n\n"
                   "| Ustensile | Taille |\n| --------- | ------ |\n| wok       | 32 cm  |\n")


def test_off_by_default(vault: Path) -> None:
    assert [f.code for f in check_text(MESSY, vault / "note.md") if f.code == "MD001"] == []


def test_formatted_recipe_is_silent(md_vault: Path) -> None:
    assert md001(md_vault, CLEAN) == []
    assert fixed(md_vault, CLEAN) == CLEAN


def test_messy_recipe_is_reported_at_its_first_unformatted_line(md_vault: Path) -> None:
    found = md001(md_vault, MESSY)
    assert [(f.line, f.column, f.end_line) for f in found] == [(26, 1, 26)]
    assert MESSY.splitlines()[25] == "* 🌍 Cuisine : Chinoise"
    assert found[0].message == "not formatted as mdformat writes it: mdformat writes a blank line before this line"
    assert found[0].fix is not None and found[0].fix.applicability == "safe"


def test_messy_recipe_is_fixed_to_the_exact_bytes(md_vault: Path) -> None:
    assert fixed(md_vault, MESSY) == MESSY_FIXED
    assert fixed(md_vault, MESSY_FIXED) == MESSY_FIXED
    assert words(MESSY_FIXED) == words(MESSY)


def test_the_message_quotes_the_line_and_what_mdformat_writes(md_vault: Path) -> None:
    text = CLEAN.replace("\n- ", "\n+ ")
    found = md001(md_vault, text)
    assert [(f.line, f.message) for f in found] == [
        (27, "not formatted as mdformat writes it: '+ 🌍 Cuisine : Chinoise' where mdformat writes '- 🌍 Cuisine : Chinoise'"),
    ]
    assert fixed(md_vault, text) == CLEAN


def test_only_the_lines_that_differ_are_edited(md_vault: Path) -> None:
    text = swap(CLEAN, "caramel blond.\n", "caramel blond.   \n")
    (finding,) = md001(md_vault, text)
    (edit,) = finding.fix.edits  # type: ignore[union-attr]
    assert text[edit.start:edit.end] == "2. Faire fondre le sucre dans le wok jusqu'à un caramel blond.   \n"
    assert edit.content == "2. Faire fondre le sucre dans le wok jusqu'à un caramel blond.\n"


# -- what is kept around the body -------------------------------------------------

@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_line_endings_bom_and_final_newline_are_kept(md_vault: Path, bom: str, newline: str, final: bool) -> None:
    def shaped(text: str) -> str:
        text = text if final else text.rstrip("\n")
        return bom + text.replace("\n", newline)

    assert fixed(md_vault, shaped(MESSY)) == shaped(MESSY_FIXED)
    assert md001(md_vault, shaped(MESSY_FIXED)) == []


def test_front_matter_is_never_touched(md_vault: Path) -> None:
    # Trailing spaces, a comment and odd spacing inside the front matter stay.
    text = swap(MESSY, "cuisine: chinoise\n", "cuisine:   chinoise   # à vérifier  \n")
    expected = swap(MESSY_FIXED, "cuisine: chinoise\n", "cuisine:   chinoise   # à vérifier  \n")
    assert fixed(md_vault, text) == expected


def test_one_blank_line_after_the_front_matter(md_vault: Path) -> None:
    text = swap(CLEAN, "---\n\n# Porc", "---\n# Porc")
    assert [(f.line, f.message) for f in md001(md_vault, text)] == [
        (22, "not formatted as mdformat writes it: mdformat writes a blank line before this line"),
    ]
    assert fixed(md_vault, text) == CLEAN


def test_a_note_without_front_matter_starts_with_its_first_block(md_vault: Path) -> None:
    assert fixed(md_vault, "\n\n# Notes\n* une\n") == "# Notes\n\n- une\n"


def test_empty_or_front_matter_only_notes_are_silent(md_vault: Path) -> None:
    for text in ("", "\n\n", "---\ncuisine: thaï\n---\n", "---\ncuisine: thaï\n---\n\n"):
        assert md001(md_vault, text) == []


def test_body_after_unreadable_yaml_is_checked_but_not_after_an_unclosed_block(md_vault: Path) -> None:
    assert [f.line for f in md001(md_vault, "---\ncuisine: [thaï\n---\n\n# Curry\n* riz\n")] == [6]
    # Unclosed, TOML or JSON: where the body starts is not known; the '---'
    # line would be read as a thematic break.
    for text in ("---\ncuisine: thaï\n# Curry\n* riz\n", "+++\ncuisine = 'thaï'\n+++\n# Curry\n* riz\n"):
        assert md001(md_vault, text) == []


def test_mixed_line_endings_are_left_to_en003(md_vault: Path) -> None:
    assert md001(md_vault, "# Notes\r\n* une\n") == []


# -- every Obsidian construct ------------------------------------------------------

@dataclass(frozen=True)
class Construct:
    name: str
    formatted: str  # as mdformat writes it with the plugin set
    messy: str  # the same note with messy markup around the construct
    pattern: str  # what must come through byte for byte


CONSTRUCTS = [
    Construct(
        "wikilinks and embeds",
        "# Tarte aux pommes\n\n"
        "Voir [[Pâte brisée]], [[Pâte brisée|la pâte]], [[Sauces#Caramel]] et [[Sauces#^base-1|la base]].\n\n"
        "![[tarte.jpg|300]] ![[tarte.jpg|100x145]] ![[Sauces#Caramel]]\n\n"
        "- [[Crème pâtissière]] *avec [[Vanille|de la vanille]]*\n"
        "- **[[Sucre]]** roux\n",
        "# Tarte aux pommes\n"
        "Voir [[Pâte brisée]], [[Pâte brisée|la pâte]], [[Sauces#Caramel]] et [[Sauces#^base-1|la base]].\n\n"
        "![[tarte.jpg|300]] ![[tarte.jpg|100x145]] ![[Sauces#Caramel]]\n"
        "* [[Crème pâtissière]] *avec [[Vanille|de la vanille]]*\n"
        "* **[[Sucre]]** roux\n",
        r"!?\[\[[^\]]+\]\]",
    ),
    Construct(
        "callouts",  # written as they are, header and body: only the markup around them is formatted
        "# Tarte Tatin\n\n"
        "> [!tip] Astuce de [[Mamie|mamie]]\n>Laisser reposer la pâte une nuit.\n\n"
        ">[!faq]- Peut-on la congeler ?\n> Oui, trois mois.\n\n"
        "> [!NOTE]+\n> Ouvert par défaut.\n\n"
        "> [!warning]\n> * ne pas trop cuire\n> * servir tiède  \n\n"
        "> [!question] Et la crème ?\n> >[!todo] Crème fraîche épaisse\n\n"
        "- une étape\n",
        "# Tarte Tatin\n"
        "> [!tip] Astuce de [[Mamie|mamie]]\n>Laisser reposer la pâte une nuit.\n\n"
        ">[!faq]- Peut-on la congeler ?\n> Oui, trois mois.\n\n"
        "> [!NOTE]+\n> Ouvert par défaut.\n\n"
        "> [!warning]\n> * ne pas trop cuire\n> * servir tiède  \n\n"
        "> [!question] Et la crème ?\n> >[!todo] Crème fraîche épaisse\n"
        "* une étape\n",
        r"^>[^\n]*$",
    ),
    Construct(
        "comments",
        "# Tarte\n\n"
        "Une étape %%à vérifier : *four* à [[Four|180]]%% importante.\n\n"
        "%%\nBloc de commentaire.\n* une liste cachée\n# un titre caché\n\nAvec une ligne vide.\n%%\n\n"
        "- un ingrédient %%optionnel%%\n- le sucre\n",
        "# Tarte\n"
        "Une étape %%à vérifier : *four* à [[Four|180]]%% importante.\n\n"
        "%%\nBloc de commentaire.\n* une liste cachée\n# un titre caché\n\nAvec une ligne vide.\n%%\n"
        "* un ingrédient %%optionnel%%\n* le sucre\n",
        r"%%.*?%%",
    ),
    Construct(
        "inline tags",
        "# Tarte\n\n#dessert #cuisine/française #temps_long\n\n"
        "Une recette #facile et #rapide_à_faire.\n\n- #ingrédient/farine\n- #ingrédient/beurre\n",
        "# Tarte\n#dessert #cuisine/française #temps_long\n\n"
        "Une recette #facile et #rapide_à_faire.\n+ #ingrédient/farine\n+ #ingrédient/beurre\n",
        r"#[\w/-]+",
    ),
    Construct(
        "block ids",
        "# Tarte\n\nLa pâte doit reposer une nuit. ^repos\n\n- 200 g de farine\n- 100 g de beurre\n\n"
        "^ingredients\n\n> Ne pas ouvrir le four. ^citation\n",
        "# Tarte\nLa pâte doit reposer une nuit. ^repos\n* 200 g de farine\n* 100 g de beurre\n\n"
        "^ingredients\n\n>Ne pas ouvrir le four. ^citation\n",
        r"\^[\w-]+$",
    ),
    Construct(
        "highlights",
        "# Tarte\n\nNe ==jamais== ouvrir le four, ==*vraiment* jamais== ; ==a_b==.\n\n- ==200 g== de sucre\n",
        "# Tarte\nNe ==jamais== ouvrir le four, ==*vraiment* jamais== ; ==a_b==.\n* ==200 g== de sucre\n",
        r"==[^=]+==",
    ),
    Construct(
        "footnotes",
        "# Tarte\n\n"
        "La crème[^1] et le beurre[^beurre] ; une note en ligne^[vérifier la température].\n\n"
        "[^1]: Crème entière, 35 %.\n\n[^beurre]: Doux de préférence.\n    Sur deux lignes.\n\n- la suite\n",
        "# Tarte\n"
        "La crème[^1] et le beurre[^beurre] ; une note en ligne^[vérifier la température].\n\n"
        "[^1]: Crème entière, 35 %.\n\n[^beurre]: Doux de préférence.\n  Sur deux lignes.\n\n* la suite\n",
        r"\[\^\w+\]:?|\^\[[^\]]*\]",
    ),
    Construct(
        "math",
        "# Pâte\n\n"
        "Le ratio $e^{2i\\pi} = 1$ et $x_1 * y_2$ ; prix : $5 et $10.\n\n"
        "$$\n\\frac{a}{b} \\\\\nc_1 * d_2\n$$\n\n"
        "- en ligne $$\\sum_i x_i$$ aussi\n",
        "# Pâte\n"
        "Le ratio $e^{2i\\pi} = 1$ et $x_1 * y_2$ ; prix : $5 et $10.\n\n"
        "$$\n\\frac{a}{b} \\\\\nc_1 * d_2\n$$\n"
        "* en ligne $$\\sum_i x_i$$ aussi\n",
        r"\$\$.*?\$\$|\$[^$\s][^$]*?\$",
    ),
    Construct(
        "tables with escaped pipes",
        "# Tarte\n\n"
        "| Ingrédient         | Quantité |      Note      |\n"
        "| :----------------- | -------: | :------------: |\n"
        "| Farine             |    200 g |     a \\| b     |\n"
        "| [[Beurre\\|beurre]] |    100 g | ![[b.png\\|50]] |\n",
        "# Tarte\n"
        "| Ingrédient | Quantité | Note |\n"
        "|:--|--:|:-:|\n"
        "| Farine | 200 g | a \\| b |\n"
        "|[[Beurre\\|beurre]]|100 g|![[b.png\\|50]]|\n",
        r"!?\[\[[^\]]+\]\]|\\\|",
    ),
    Construct(
        "escapes",  # each kept as written: without it, Obsidian would read its syntax
        "# Notes\n\n"
        "Pour surligner, taper \\=\\=texte\\=\\= dans Obsidian ; clé\\:\\: valeur ; \\[^1\\] ; \\#tag.\n\n"
        "Aussi \\%\\% pas un commentaire \\%\\%, \\$x\\$, \\^\\[pas une note\\], \\[\\[Note\\]\\], "
        "a \\^bloc, \\~\\~barré\\~\\~, ![photo \\= 1](p.png)\n\n"
        "- 2\\. pas une étape, a \\| b\n",
        "# Notes\n"
        "Pour surligner, taper \\=\\=texte\\=\\= dans Obsidian ; clé\\:\\: valeur ; \\[^1\\] ; \\#tag.\n\n"
        "Aussi \\%\\% pas un commentaire \\%\\%, \\$x\\$, \\^\\[pas une note\\], \\[\\[Note\\]\\], "
        "a \\^bloc, \\~\\~barré\\~\\~, ![photo \\= 1](p.png)\n"
        "* 2\\. pas une étape, a \\| b\n",
        r"\\[^\s\w]",
    ),
    Construct(
        "task lists",
        "# Courses\n\n- [ ] acheter la farine\n- [x] préchauffer le four\n- [?] douteux\n- [-] annulé\n"
        "- [ ] la pâte\n  - [ ] la laisser reposer\n",
        "# Courses\n* [ ] acheter la farine\n* [X] préchauffer le four\n* [?] douteux\n* [-] annulé\n"
        "* [ ] la pâte\n\t* [ ] la laisser reposer\n",
        r"\[[ ?x-]\]",
    ),
]


FLAGS = re.MULTILINE | re.DOTALL


@pytest.mark.parametrize("construct", CONSTRUCTS, ids=lambda c: c.name)
def test_formatted_construct_is_silent_and_byte_identical(md_vault: Path, construct: Construct) -> None:
    assert format_markdown(construct.formatted) == construct.formatted
    assert md001(md_vault, construct.formatted) == []
    assert fixed(md_vault, construct.formatted) == construct.formatted


@pytest.mark.parametrize("construct", CONSTRUCTS, ids=lambda c: c.name)
def test_messy_construct_is_fixed_and_comes_through_as_written(md_vault: Path, construct: Construct) -> None:
    (finding,) = md001(md_vault, construct.messy)
    assert finding.line == 2 and finding.fix is not None, finding.message
    after = fixed(md_vault, construct.messy)
    assert after == construct.formatted
    assert words(after) == words(construct.messy)
    messy = re.sub(r"\[X\]", "[x]", construct.messy)  # a done task is written [x]
    assert re.findall(construct.pattern, after, FLAGS) == re.findall(construct.pattern, messy, FLAGS)


def test_comment_content_is_never_formatted(md_vault: Path) -> None:
    note = next(c for c in CONSTRUCTS if c.name == "comments")
    after = fixed(md_vault, note.messy)
    assert "%%\nBloc de commentaire.\n* une liste cachée\n# un titre caché\n\nAvec une ligne vide.\n%%" in after
    assert "- un ingrédient %%optionnel%%" in after


def test_callout_type_case_and_folding_are_kept(md_vault: Path) -> None:
    after = fixed(md_vault, next(c for c in CONSTRUCTS if c.name == "callouts").messy)
    assert ">[!faq]- Peut-on la congeler ?" in after and "> [!NOTE]+\n" in after
    assert "[!TIP]" not in after and "[!FAQ]" not in after


def test_link_addresses_are_written_as_they_are(md_vault: Path) -> None:
    text = ("# Épices\n"
            "- [4 épices](https://fr.wikipedia.org/wiki/4%20épices)\n"
            "- ![photo]({static}images/za’atar.jpg)\n"
            "- [Note](<obsidian://open?vault=Cuisine&file=Ma Note.md>)\n")
    assert fixed(md_vault, text) == text.replace("# Épices\n", "# Épices\n\n")


def test_character_references_are_written_as_they_are(md_vault: Path) -> None:
    # mdformat alone writes '&nbsp;' as an invisible no-break space.
    text = "# Crêpes\n* 250 g&nbsp;de farine &amp; 4 œufs\n"
    assert fixed(md_vault, text) == "# Crêpes\n\n- 250 g&nbsp;de farine &amp; 4 œufs\n"


def test_hard_breaks_keep_their_form(md_vault: Path) -> None:
    # Two trailing spaces (as Obsidian documents them) stay two spaces; a
    # backslash stays a backslash; neither becomes the other.
    text = "# Pâte\n\n- 200 g de farine   \n  tamisée\n- 100 g de beurre\\\n  mou\n\nReposer.  \nCuire.\n"
    assert fixed(md_vault, text) == text.replace("farine   \n", "farine  \n")
    assert md001(md_vault, text.replace("farine   \n", "farine  \n")) == []


def test_steps_are_numbered_as_mdformat_numbers_them(md_vault: Path) -> None:
    # 1, 2, 3 (as SC005 reads steps), from the first number; ten steps and
    # more are padded so that their text lines up.
    assert fixed(md_vault, "# Étapes\n\n1. a\n1. b\n1. c\n") == "# Étapes\n\n1. a\n2. b\n3. c\n"
    ten = "".join(f"{n}. étape\n" for n in range(1, 11))
    assert fixed(md_vault, "# Étapes\n\n" + ten) == "# Étapes\n\n" + "".join(f"{n:02}. étape\n" for n in range(1, 11))


# -- when the check fails: a finding without a fix --------------------------------

def test_reference_definitions_moved_by_mdformat_give_no_fix(md_vault: Path) -> None:
    # mdformat writes link reference definitions at the end, labels lower-cased.
    text = "# Tarte\n\nVoir [la recette de mamie][Mamie].\n\n[Mamie]: https://example.com/mamie\n\n## Suite\n* Texte.\n"
    (finding,) = md001(md_vault, text)
    assert finding.fix is None
    assert finding.line == 3
    assert finding.message == (
        "not formatted as mdformat writes it: 'Voir [la recette de mamie][Mamie].' where mdformat writes "
        "'Voir [la recette de mamie][mamie].'; no fix: formatting would change a word ('Mamie' would become 'mamie')"
    )
    assert fixed(md_vault, text) == text


def test_a_comment_that_formatting_would_change_gives_no_fix(md_vault: Path) -> None:
    # Opened in a paragraph, closed after a blank line: CommonMark reads the
    # list inside as a list, which mdformat would write its own way.
    text = "# Tarte\n\nTexte %%début\n* a\n\n* b fin%%\n"
    (finding,) = md001(md_vault, text)
    assert finding.fix is None
    assert "no fix: formatting would change a comment ('%%début\\n* a\\n\\n* b fin%%' would become" in finding.message


def test_text_mdformat_would_not_write_twice_alike_gives_no_fix(md_vault: Path) -> None:
    text = "# Listes\n\n" + "".join("  " * depth + "* niveau\n" for depth in range(40))
    (finding,) = md001(md_vault, text)
    assert finding.fix is None
    assert finding.message.endswith("no fix: mdformat writes its own output differently when run again")


# -- escapes and callouts come through as written ------------------------------------

RECIPE = TARTE + "\n## Notes\n\n"
ESCAPED = "Pour surligner, taper \\=\\=texte\\=\\= dans Obsidian.\n"
CALLOUT = "> [!warning]- Ancienne version\n> * 300 g farine\n> 1) mélanger\n"


@pytest.mark.parametrize("notes", [ESCAPED, "clé\\:\\: valeur\n", "Voir \\[^1\\].\n", CALLOUT,
                                   "> [!tip]\n>* a  \n>\n> 2) b\nsuite\n"],
                         ids=["highlight", "inline-field", "footnote", "callout", "callout-lazy-line"])
def test_escapes_and_callouts_are_formatted_as_written(md_vault: Path, notes: str) -> None:
    note = md_vault / "Tarte.md"
    note.write_bytes((RECIPE + notes).encode())
    result = run_cli("--no-cache", "--fix", "--extend-select", "MD001", "Tarte.md", cwd=md_vault)
    assert result.returncode == 0, result.stdout
    assert note.read_bytes() == (RECIPE + notes).encode()
    # Messy markup around them is formatted; they are not.
    messy = swap(RECIPE, "## Ingrédients\n\n- 200 g farine", "## Ingrédients\n* 200 g farine") + notes
    (finding,) = md001(md_vault, messy)
    assert (finding.code, finding.line, finding.column) == ("MD001", 27, 1)
    assert messy.splitlines()[26] == "* 200 g farine"
    assert finding.message == "not formatted as mdformat writes it: mdformat writes a blank line before this line"
    assert finding.fix is not None
    assert fixed(md_vault, messy) == RECIPE + notes


def test_callouts_in_a_list_item_or_a_quote_are_written_as_they_are(md_vault: Path) -> None:
    text = ("# Tarte\n* une étape\n  > [!note]\n  > * a\n  >1) b\n* une autre\n\n"
            "> Citation\n>\n> > [!todo] À faire\n> > + un\n")
    assert fixed(md_vault, text) == swap(swap(text, "# Tarte\n* une", "# Tarte\n\n- une"), "* une autre", "- une autre")


@pytest.mark.parametrize(("before", "after", "mark"), [
    ("Taper \\=\\=texte\\=\\= ici.\n", "Taper ==texte== ici.\n", "=="),
    ("clé\\:\\: valeur\n", "clé:: valeur\n", "::"),
    ("Voir \\[^1\\].\n", "Voir [^1].\n", "[^"),
    ("Note \\^\\[x\\].\n", "Note ^[x].\n", "^["),
    ("Prix \\$x\\$.\n", "Prix $x$.\n", "$"),
])
def test_a_fix_that_would_write_obsidian_markup_is_refused(before: str, after: str, mark: str) -> None:
    # What mdformat writes is checked before a fix: were an escape dropped,
    # Obsidian would read a highlight, an inline field, a footnote or math.
    assert verify("", "# Note\n\n" + before, "# Note\n\n" + after, False) == (
        "formatting would change Obsidian's markup (a highlight, an inline field, a footnote or math) "
        f"({mark!r} would be added)")
    assert verify("", "# Note\n\n" + before, "# Note\n\n" + before, False) is None


# -- properties --------------------------------------------------------------------

BLOCKS = [construct.messy.split("\n", 1)[1] for construct in CONSTRUCTS] + [
    "Un paragraphe\nsur deux lignes.\n",
    "1) un\n2) deux\n",
    "* a\n    * b\n",
    "Titre\n=====\n",
    "***\n",
    "    code indenté\n",
    "```python\nx = 1\n```\n",
    "<!-- commentaire HTML -->\n",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=6),
       separators=st.lists(st.sampled_from(["\n", "", "\n\n"]), min_size=6, max_size=6),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_formatting_twice_is_formatting_once_and_keeps_every_word(
    md_vault: Path, blocks: list[str], separators: list[str], newline: str,
) -> None:
    head = "---\naliases: [Note]\n---\n".replace("\n", newline)
    body = "".join(block + separator for block, separator in zip(blocks, separators))
    text = head + ("# Note\n" + body).replace("\n", newline)
    found = md001(md_vault, text)
    once = fixed(md_vault, text)
    if found and found[0].fix is not None:
        assert md001(md_vault, once) == []
        assert fixed(md_vault, once) == once
        assert words(once) == words(text)
        assert once.startswith(head)
        assert once.count("\r\n") == (once.count("\n") if newline == "\r\n" else 0)
    else:
        assert once == text  # nothing else here has a fix


def test_format_markdown_is_idempotent_on_every_construct() -> None:
    for construct in CONSTRUCTS:
        once = format_markdown(construct.messy)
        assert format_markdown(once) == once


# -- the rule's text, its import cost, the real command line -----------------------

def test_mdformat_is_imported_only_when_md001_runs(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from vault_lint.api import check_text\n"
        "check_text('# Note\\n* a\\n', 'note.md')\n"
        "print('mdformat' in sys.modules, 'markdown_it' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": source_path(), "PATH": ""}, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_cli_fixes_a_note_and_says_so(md_vault: Path) -> None:
    note = md_vault / "Recettes" / "Porc.md"
    note.parent.mkdir()
    note.write_bytes(MESSY.encode())
    result = run_cli("--select", "MD001", "--output-format", "concise", "Recettes/Porc.md", cwd=md_vault)
    assert result.stdout.splitlines()[0] == (
        "Recettes/Porc.md:26:1: MD001 [*] not formatted as mdformat writes it: "
        "mdformat writes a blank line before this line"
    )
    assert result.returncode == 1
    result = run_cli("--select", "MD001", "--fix", "Recettes/Porc.md", cwd=md_vault)
    assert result.returncode == 0, result.stdout
    assert note.read_bytes() == MESSY_FIXED.encode()


def test_explain_has_every_part() -> None:
    explained = run_cli("--explain", "md001").stdout
    assert explained.startswith("# unformatted (MD001)\n\nA fix is sometimes available. Off by default")
    for part in ("## What it does", "## Why it matters", "## Example", "## Options", "## Fix safety"):
        assert part in explained


# -- real notes ---------------------------------------------------------------------

CORPUS = SHARED / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/ is not beside the checkout")
def test_corpus_fixes_keep_every_word_and_settle(tmp_path: Path) -> None:
    notes = sorted(path for path in CORPUS.rglob("*.md") if path.name != "SOURCES.md")
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "vault-lint.toml").write_text('select = ["MD001"]\n', encoding="utf-8")
    flagged = fixable = 0
    for path in notes[::7]:  # a seventh of the 853 notes: the whole corpus is a benchmark, not a test
        text = path.read_bytes().decode("utf-8")
        found = [f for f in check_text(text, vault / "note.md") if f.code == "MD001"]
        flagged += bool(found)
        if found and found[0].fix is not None:
            fixable += 1
            after = fix_text(text, vault / "note.md")[0]
            assert words(after) == words(text), path
            assert fix_text(after, vault / "note.md")[0] == after, path
    assert flagged and fixable
