"""Property: a fix keeps what the author wrote (issue 16).

Notes are built from the clean fixture with random defects, each a finding
with a fix or a trap a fix used to fall into (free text in the quick info,
a reel that appears nowhere else, a year at the start of a step, a
duplicate tag with a remark), and random surroundings around them: YAML
comments, an anchor and its alias, placeholders, comments in the body, a
callout keeping an old version, code, a list with a continuation line,
extra addresses. After ``--fix``, every address, every comment and every
word of the note is still there, but the words of the values a fix states
it corrects; the note settles, and fixing it again changes nothing. After
``--fix --unsafe-fixes``, every comment is still there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conftest import CLEAN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault_lint.api import fix_text

PATH = "Recettes/note.md"
LINK = "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
REEL = "https://www.instagram.com/reel/DA1b2C3d4E5/"


@dataclass(frozen=True)
class Defect:
    """A change to the clean note; ``gone``: the words a fix may take away
    (those of the value it corrects)."""

    code: str
    old: str
    new: str
    gone: frozenset[str] = frozenset()
    trap: bool = False  # no safe fix: the fix would lose what the author wrote
    more: tuple[tuple[str, str], ...] = ()  # other lines it changes

    @property
    def changes(self) -> tuple[tuple[str, str], ...]:
        return ((self.old, self.new), *self.more)

    def apply(self, text: str) -> str | None:
        """``text`` with the defect, or None when a line it needs is gone."""
        for old, new in self.changes:
            if old not in text:
                return None
            text = text.replace(old, new, 1)
        return text


DEFECTS = (
    # Plain defects, each with a safe fix.
    Defect("TM001", "temps_total: 70", "temps_total: 65"),
    Defect("TG004", '  - "#cuisson/wok"', "  - cuisson/wok"),
    Defect("TG003", '  - "#temps/long"', '  - "#temps/rapide"', frozenset({"rapide"})),
    Defect("TG001", '  - "#cuisine/chinoise"\n', ""),
    Defect("TG005", '  - "#saveur/sucré-salé"\n', '  - "#saveur/sucré-salé"\n  - "#type/plat-principal"\n'),
    Defect("SR002", "source: Instagram", "source: instagram", frozenset({"instagram"})),
    Defect("SR001", LINK, "Link: https://www.instagram.com/reel/C8xYzAbCdEf/"),
    Defect("SC002", "## Source\n\n", ""),
    Defect("SC005", "3. Ajouter le porc", "4. Ajouter le porc"),
    Defect("TM002", "- 🔥 Temps de cuisson : 30 minutes", "- 🔥 Temps de cuisson : 35 minutes"),
    Defect("TM002", "- 👥 Portions : 4", "- 👥 Portions : 6"),
    Defect("TM002", "- 🍽️ Type : Plat principal", "- 🍽️ Type : Entrée", frozenset({"Entrée"})),
    # Traps: findings whose fix would lose what the author wrote.
    Defect("TM002", "- 📊 Difficulté : Intermédiaire", "- 📊 Difficulté : Facile mais long", trap=True),
    Defect("TM002", "- 🥩 Protéine principale : Porc", "- 🥩 Protéine principale : Dinde (ou bœuf)", trap=True),
    Defect("SR001", LINK, f"Link: {REEL} (la vidéo de Marie)", trap=True),
    Defect("SR001", LINK, f"Link: [{REEL}]({REEL})", trap=True),
    Defect("TG005", '  - "#saveur/sucré-salé"\n',
           '  - "#saveur/sucré-salé"\n  - "#cuisson/wok"  # ajouté par Marie, garder\n', trap=True),
    Defect("TG003", '"#temps/long"', '"#temps/moyen"', trap=True,  # on a total TM001 questions
           more=(("temps_total: 70", "temps_total: 75"), ("temps_cuisson: 30", "temps_cuisson: 10"),
                 ("Temps de cuisson : 30 minutes", "Temps de cuisson : 10 minutes"))),
    # Not a finding at all: a year is no step.
    Defect("", "1. Mélanger", "1984. L'année où mamie a écrit cette recette.\n\n1. Mélanger", trap=True),
)

# Around the defects: (where, what it becomes). Each anchor is a line of the
# clean note no defect changes.
SURROUNDINGS = (
    ("cuisine: chinoise\n", "# importée à la main\ncuisine: chinoise  # vérifiée\n"),
    ("portions: 4\n", "portions: &p 4\npersonnes: *p\n"),
    ("date_ajout: 2025-09-14\n", "date_ajout: 2025-09-14\nsaison: unknown\nauteur: N/A\n"),
    ("- 📊 Difficulté : Intermédiaire\n", "- 📊 Difficulté : Intermédiaire\n- ⏲️ Temps de repos : N/A\n"),
    ("## Ingrédients\n", "> [!note] Ancienne version\n> - 🍽️ Type : Entrée\n"
                         "> Link: https://www.marmiton.org/ancienne-version\n\n## Ingrédients\n"),
    ("2. Faire fondre le sucre dans le wok jusqu'à un caramel blond.\n",
     "2. Faire fondre le sucre dans le wok jusqu'à un caramel blond. %% au wok en fonte %%\n"),
    ("4. Couvrir et laisser mijoter 25 minutes en remuant de temps en temps.\n",
     "4. Couvrir et laisser mijoter 25 minutes en remuant de temps en temps.\n\n"
     "%%\n5. Étape retirée : flamber au cognac.\n%%\n"),
    ("## Étapes\n", "<!-- Type : Entrée, avant la refonte -->\n\n## Étapes\n"),
)
ENDINGS = (
    "Recipe: https://www.auxdelicesdemarie.fr/porc-caramel-gingembre\n",
    "\n## Notes\n\n- Version végétarienne : https://www.instagram.com/reel/VEGE123/\n  à tester avec du tofu\n"
    "- Vin : un riesling\n",
    "\n## Code\n\n```\nLink: https://exemple.com/code\n```\n\n    1. Pas une étape\n",
)

FREE_TEXT = st.text(alphabet=st.sampled_from("abcdeéèêàçôùüß ΑλφαКиріл漢字かなカナ한글🍜🌶️ "),
                    min_size=1, max_size=16).map(str.strip).filter(bool)

URLS = re.compile(r"https?://[^\s<>()\[\]]+")
BODY_COMMENTS = re.compile(r"%%.*?%%|<!--.*?-->", re.DOTALL)
YAML_COMMENTS = re.compile(r"(?:^|[ \t])(# [^\r\n]*)", re.MULTILINE)
WORDS = re.compile(r"[^\W\d_]+")


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, frozenset[str]]:
    """(a note's text, the words the fixes may take away)."""
    text = CLEAN
    gone: set[str] = set()
    for defect in draw(st.lists(st.sampled_from(DEFECTS), unique=True, max_size=4)):
        broken = defect.apply(text)
        if broken is not None:
            text = broken
            gone |= defect.gone
    for old, new in SURROUNDINGS:
        if draw(st.booleans()) and old in text:
            text = text.replace(old, new, 1)
    for ending in ENDINGS:
        if draw(st.booleans()):
            text += ending
    if draw(st.booleans()):
        text += f"\n{draw(FREE_TEXT)} — à refaire, voir https://www.youtube.com/watch?v=Qm2b7TtVx4s\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, frozenset(gone)


def comments(text: str) -> list[str]:
    frontmatter, _, body = text.partition("\n---")
    return [m.group(1) for m in YAML_COMMENTS.finditer(frontmatter)] + BODY_COMMENTS.findall(body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_a_fix_keeps_every_address_comment_and_word(case: tuple[str, frozenset[str]]) -> None:
    text, gone = case
    result, remaining = fix_text(text, path=PATH)
    assert not any(f.code in ("FIX001", "INTERNAL") for f in remaining), remaining
    for url in URLS.findall(text):
        assert url in result, f"address lost: {url}"
    for comment in comments(text):
        assert comment in result, f"comment lost: {comment!r}"
    lost = set(WORDS.findall(text)) - set(WORDS.findall(result)) - gone
    assert not lost, f"words lost: {lost}"
    assert fix_text(result, path=PATH)[0] == result
    unsafe, remaining = fix_text(text, path=PATH, unsafe=True)
    assert not any(f.code in ("FIX001", "INTERNAL") for f in remaining), remaining
    for comment in comments(text):
        assert comment in unsafe, f"comment lost with --unsafe-fixes: {comment!r}"


def test_every_defect_is_the_finding_it_claims_and_a_trap_gets_no_safe_fix() -> None:
    from vault_lint.api import check_text

    for defect in DEFECTS:
        text = defect.apply(CLEAN)
        assert text is not None and text != CLEAN
        found = [f for f in check_text(text, path=PATH) if f.code == defect.code]
        assert bool(found) == bool(defect.code), (defect, found)
        result, remaining = fix_text(text, path=PATH)
        if defect.trap:
            assert defect.new in result, defect  # left as written
        else:
            assert defect.code not in {f.code for f in remaining}, defect  # a plain defect is still fixed
