"""Property: a fix changes only the lines it must, and fixing twice changes nothing.

Notes are generated from the clean fixture with random defects (each one a
known, safely fixable finding) and random surroundings: LF or CRLF, a BOM or
not, YAML comments, quoting styles of the tags, Unicode in free text, a final
newline or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import CLEAN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault_lint.api import check_text, fix_text
from vault_lint.note import UTF8_BOM, decode, encode


@dataclass(frozen=True)
class Defect:
    """A change to one line of the clean note that a safe fix undoes."""

    code: str
    old: str
    new: str


DEFECTS = (
    Defect("TM001", "temps_total: 70", "temps_total: 65"),
    Defect("TG004", '  - "#cuisson/wok"', "  - cuisson/wok"),
    Defect("TG003", '  - "#temps/long"', '  - "#temps/rapide"'),
    Defect("SR002", "source: Instagram", "source: instagram"),
    Defect("SR001", "Link: https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk",
           "Link: https://www.instagram.com/reel/C8xYzAbCdEf/"),
    Defect("SC005", "3. Ajouter le porc", "4. Ajouter le porc"),
    Defect("TM002", "- 🔥 Temps de cuisson : 30 minutes", "- 🔥 Temps de cuisson : 35 minutes"),
    Defect("TM002", "- 👥 Portions : 4", "- 👥 Portions : 6"),
)

# Free text from several scripts and emoji (Latin-1 symbols and 'œ' are left
# out: 'œ' is 0x9C in Windows-1252, a UTF-8 continuation byte, so 'çœœ' is what
# mojibake of '眜' looks like, EN001's own business).
FREE_TEXT = st.text(
    alphabet=st.sampled_from("abcdeéèêàçôùüß ΑλφαβητοКиріл漢字かなカナ한글🍜🌶️🥢 "),
    min_size=1, max_size=20,
).map(str.strip).filter(bool)


@st.composite
def notes(draw: st.DrawFn) -> tuple[bytes, str, frozenset[str]]:
    """(the note's bytes, its clean counterpart's text, the lines broken)."""
    text = CLEAN
    quote = draw(st.sampled_from(['"', "'"]))
    if quote == "'":
        text = text.replace('  - "#', "  - '#").replace('"\n', "'\n")
    if draw(st.booleans()):
        text = text.replace("cuisine: chinoise\n", "# importée à la main\ncuisine: chinoise  # vérifiée\n")
    words = draw(FREE_TEXT)
    text = text.replace("# Porc caramélisé au gingembre 🐷", f"# Porc caramélisé {words} 🐷")
    text += f"\n## Notes personnelles\n\n{words} — très bon avec du riz 🍚\tà refaire.\n"
    clean = text
    broken_lines: set[str] = set()
    for defect in draw(st.lists(st.sampled_from(DEFECTS), unique=True, max_size=4)):
        old = defect.old.replace('"', "'") if quote == "'" and defect.old.startswith("  - ") else defect.old
        new = defect.new.replace('"', "'") if quote == "'" and defect.new.startswith("  - ") else defect.new
        text = text.replace(old, new, 1)
        broken_lines.add(new)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    final = draw(st.booleans())
    if not final:
        text, clean = text.rstrip("\n"), clean.rstrip("\n")
    text, clean = text.replace("\n", newline), clean.replace("\n", newline)
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = UTF8_BOM + data
    return data, clean, frozenset(broken_lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_fix_changes_only_broken_lines_and_is_idempotent(case: tuple[bytes, str, frozenset[str]]) -> None:
    data, clean, broken = case
    note = decode("Recettes/note.md", data)
    fixed_text, remaining = fix_text(note.text, path="Recettes/note.md")
    # Every line the defects did not touch is still there, byte for byte, in order.
    kept = iter(fixed_text.splitlines(keepends=True))
    for line in note.text.splitlines(keepends=True):
        if any(fragment in line for fragment in broken):
            continue
        assert any(candidate == line for candidate in kept), f"line lost or changed: {line!r}"
    # Every safe defect is gone: the note comes back exactly to its clean text.
    assert fixed_text == clean
    assert remaining == []
    # The bytes keep the BOM and the line endings; fixing again changes nothing.
    assert encode(note, fixed_text).startswith(UTF8_BOM) == data.startswith(UTF8_BOM)
    assert fix_text(fixed_text, path="Recettes/note.md")[0] == fixed_text


def test_every_defect_is_the_finding_it_claims() -> None:
    for defect in DEFECTS:
        text = CLEAN.replace(defect.old, defect.new, 1)
        assert text != CLEAN
        codes = {f.code for f in check_text(text, path="Recettes/note.md")}
        assert defect.code in codes, (defect, codes)
