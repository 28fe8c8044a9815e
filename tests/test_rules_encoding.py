"""Encoding rules on real note text: mojibake (EN001), bytes that are not
UTF-8 (EN002), mixed line endings (EN003), binary files (EN004)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    CLEAN,
    CLEAN_ONELINE,
    EXAMPLE_NOTE,
    SHARED,
    findings,
    fixed,
    run_cli,
    summary,
)

from vault_lint.api import context_for
from vault_lint.linter import lint
from vault_lint.note import decode
from vault_lint.rules import get

CORPUS = SHARED / "corpus"
ENCODING_RULES = ("EN001", "EN002", "EN003", "EN004")

# Lines 28, 35 and 43 of the example note, byte for byte: UTF-8 read as Mac
# Roman (and saved again as UTF-8).
QUICK_INFO = (
    b"\xe2\x80\x9a\xc3\xa8\xc2\xb1\xc3\x94\xe2\x88\x8f\xc3\xa8 Pr\xe2\x88\x9a\xc2\xa9paration : 20 min | "
    b"\xef\xa3\xbf\xc3\xbc\xc3\xae\xe2\x80\xa2 Cuisson : 3h30 | "
    b"\xef\xa3\xbf\xc3\xbc\xc3\xa7\xce\xa9\xc3\x94\xe2\x88\x8f\xc3\xa8 Portions : 6 | "
    b"\xef\xa3\xbf\xc3\xbc\xc3\xac\xc3\xa4 Difficult\xe2\x88\x9a\xc2\xa9 : Interm\xe2\x88\x9a\xc2\xa9diaire"
).decode("utf-8")
QUARTER = b"  * \xc2\xac\xc2\xba tsp chilli powder".decode("utf-8")
HALF = b"  * 110g (\xc2\xac\xce\xa9 cup) brown sugar".decode("utf-8")
CUISINE = b"cuisine: am\xe2\x88\x9a\xc2\xa9ricaine".decode("utf-8")

QUICK_INFO_FIXED = "⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30 | 🍽️ Portions : 6 | 📊 Difficulté : Intermédiaire"


def with_lines(text: str, replacements: dict[int, str]) -> str:
    """``text`` with some of its lines (1-based) replaced, endings kept."""
    lines = text.splitlines(keepends=True)
    for number, content in replacements.items():
        ending = lines[number - 1][len(lines[number - 1].rstrip("\r\n")):]
        lines[number - 1] = content + ending
    return "".join(lines)


def line_of(text: str, number: int) -> str:
    return text.splitlines()[number - 1]


def lint_bytes(path: Path, raw: bytes) -> list[tuple[str, int, int, str]]:
    result = lint(decode(str(path), raw), context_for(path))
    return [(f.code, f.line, f.column, f.message) for f in result if f.code.startswith("EN")]


# -- EN001 mojibake -----------------------------------------------------------------

def test_example_note_is_repaired_to_the_clean_fixture() -> None:
    text = EXAMPLE_NOTE.read_bytes().decode("utf-8")
    [finding] = findings(text, "EN")
    assert (finding.code, finding.line, finding.column) == ("EN001", 2, 12)
    assert finding.message == (
        "text looks like UTF-8 read as Mac Roman on 14 lines (first: 'am√©ricaine' should read 'américaine')"
    )
    assert finding.fix is not None and finding.fix.applicability == "safe"
    repaired = fixed(text)
    assert repaired == CLEAN_ONELINE
    assert "cuisine: américaine\n" in repaired and "(½ cup)" in repaired and "¼ tsp" in repaired
    assert fixed(repaired) == repaired
    assert summary(repaired, "EN") == []


def test_example_note_with_crlf_keeps_crlf() -> None:
    text = EXAMPLE_NOTE.read_bytes().decode("utf-8").replace("\n", "\r\n")
    assert summary(text, "EN") == [("EN001", 2, 12)]
    assert fixed(text) == CLEAN_ONELINE.replace("\n", "\r\n")


def test_example_lines_alone_round_trip_safely() -> None:
    text = f"## Informations rapides\n\n{QUICK_INFO}\n\n**Miso butter**\n{QUARTER}\n{HALF}\n"
    [finding] = findings(text, "EN")
    assert (finding.code, finding.line, finding.column) == ("EN001", 3, 1)
    assert finding.message == "text looks like UTF-8 read as Mac Roman on 3 lines (first: '‚è±Ô∏è' should read '⏱️')"
    assert finding.fix is not None and finding.fix.applicability == "safe"
    expected = (
        f"## Informations rapides\n\n{QUICK_INFO_FIXED}\n\n**Miso butter**\n"
        "  * ¼ tsp chilli powder\n  * 110g (½ cup) brown sugar\n"
    )
    assert fixed(text) == expected
    assert fixed(expected) == expected


def test_the_safe_fix_edits_only_the_changed_characters() -> None:
    text = f"{CUISINE}\n"
    [finding] = findings(text, "EN001")
    assert finding.fix is not None
    assert [(e.start, e.end, e.content) for e in finding.fix.edits] == [(11, 13, "é")]


def test_the_safe_fix_of_the_example_edits_each_stretch_of_mojibake_alone() -> None:
    # One edit per stretch of mojibake (25 in the example), the ASCII around
    # it (keys, spaces, "#", line endings) untouched.
    text = EXAMPLE_NOTE.read_bytes().decode("utf-8")
    [finding] = findings(text, "EN001")
    assert finding.fix is not None and finding.fix.applicability == "safe"
    edits = finding.fix.edits
    assert len(edits) == 25
    assert [(e.start, e.end, e.content) for e in edits[:3]] == [(15, 17, "é"), (118, 120, "é"), (128, 130, "é")]
    assert {(text[e.start:e.end], e.content) for e in edits} == {
        ("√©", "é"), ("√â", "É"), ("¬º", "¼"), ("¬Ω", "½"), ("¬∞", "°"), ("‚è±Ô∏è", "⏱️"),
        ("\uf8ffüî•", "🔥"), ("\uf8ffüçΩÔ∏è", "🍽️"), ("\uf8ffüìä", "📊")}


def test_a_long_line_of_mojibake_is_repaired_whole() -> None:
    # 2,000 words on one line (about 60,000 characters), in a note read
    # whole as Mac Roman (the safe fix) and in a clean note (ftfy, unsafe).
    words = "Crème brûlée à la vanille, " * 2000
    clean = CLEAN.replace("## Source", words + "\n\n## Source", 1)
    whole = clean.encode("utf-8").decode("mac_roman")
    assert summary(whole, "EN") == [("EN001", 8, 10)]
    assert fixed(whole) == clean
    one_line = CLEAN.replace("## Source", words.encode("utf-8").decode("mac_roman") + "\n\n## Source", 1)
    assert fixed(one_line) == one_line
    assert fixed(one_line, unsafe=True) == clean


def test_windows_1252_mojibake_note() -> None:
    import ftfy.bad_codecs  # noqa: F401 - the codec Windows uses, holes included

    text = CLEAN.encode("utf-8").decode("sloppy-windows-1252")
    assert line_of(text, 8) == "difficultÃ©: intermÃ©diaire"
    [finding] = findings(text, "EN")
    assert (finding.code, finding.line, finding.column) == ("EN001", 8, 10)
    assert finding.message.startswith("text looks like UTF-8 read as Windows-1252 on ")
    assert finding.message.endswith("(first: 'difficultÃ©:' should read 'difficulté:')")
    assert fixed(text) == CLEAN
    assert fixed(text.replace("\n", "\r\n")) == CLEAN.replace("\n", "\r\n")


def test_part_mojibake_next_to_real_utf8_needs_the_unsafe_fix() -> None:
    # The example's own lines in an otherwise clean note: re-decoding the
    # whole note would break its real 'é', so only ftfy's repair is offered.
    text = with_lines(CLEAN_ONELINE, {2: CUISINE, 28: QUICK_INFO, 35: QUARTER, 43: HALF})
    [finding] = findings(text, "EN")
    assert (finding.code, finding.line, finding.column) == ("EN001", 2, 12)
    assert finding.message == (
        "text looks like UTF-8 read as Mac Roman on 4 lines (first: 'am√©ricaine' should read 'américaine')"
    )
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fixed(text) == text
    repaired = fixed(text, unsafe=True)
    assert repaired.encode("utf-8") == CLEAN_ONELINE.encode("utf-8")
    assert fixed(repaired, unsafe=True) == repaired


def test_mac_roman_beside_a_real_emoji_on_one_line() -> None:
    # ftfy cannot decode this line as a whole (the real 🔥 is not Mac
    # Roman); the run of mojibake is decoded on its own.
    broken = "⏱️ Pr" + "éparation".encode("utf-8").decode("mac_roman") + " : 20 min | 🔥 Cuisson : 3h30"
    assert broken == "⏱️ Pr√©paration : 20 min | 🔥 Cuisson : 3h30"
    text = with_lines(CLEAN_ONELINE, {28: broken})
    assert summary(text, "EN") == [("EN001", 28, 6)]
    repaired = fixed(text, unsafe=True)
    assert line_of(repaired, 28) == "⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30"
    assert repaired == with_lines(CLEAN_ONELINE, {28: "⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30"})


def test_windows_1252_mojibake_in_a_clean_note_is_repaired_by_ftfy() -> None:
    text = with_lines(CLEAN_ONELINE, {9: "protÃ©ine: porc", 52: line_of(CLEAN_ONELINE, 52).replace("°", "Â°")})
    assert summary(text, "EN") == [("EN001", 9, 5)]
    assert fixed(text, unsafe=True) == CLEAN_ONELINE


CLEAN_TEXT = [
    "Crème brûlée, pâte à choux, où, déjà, naïve, Noël, garçon, l’été, qu’à, « Ça va », “Émile”",
    "Äpfel, Größe, süß, „Äpfel“, ‚Äpfel‘, Öl, 200 g Mehl – ca. 30 Min. bei 180 °C",
    "¡Olé! ¿Qué tal? Ñandú, jalapeño, 1½ taza, año, acción",
    "CRÊPES — ÉTÉ… «ÉTÉ» L’ÉTÉ, bœuf, cœur, Œufs en meurette, œil",
    "2×½ tasse, 5 × 3 cm, 10–12 min, ±2 °C, 350°F, ¼, ¾, ⅓",
    "100\u00a0g de beurre\u202f; 1\u00a0½\u00a0cuillère ; 5\u00a0€",
    "👨‍🍳 🇫🇷 😋👍🏽 ❤️ ✓ → • … € £ © ® ™ § µ ≈ √2",
    "Smørrebrød, Åland, blåbær, Żurek, łódź, São Paulo, NÃO, 麻婆豆腐, борщ, τζατζίκι",
]


@pytest.mark.parametrize("line", CLEAN_TEXT)
def test_clean_text_is_not_mojibake(line: str) -> None:
    text = with_lines(CLEAN_ONELINE, {40: line})
    assert summary(text, "EN") == []
    assert summary(text.replace("\n", "\r\n"), "EN") == []


@pytest.mark.parametrize("text", [CLEAN, CLEAN_ONELINE])
def test_clean_fixtures_are_silent(text: str) -> None:
    assert summary(text, "EN") == []
    assert summary(text.replace("\n", "\r\n"), "EN") == []


def test_other_peoples_notes_are_silent() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus of real notes is not here ({CORPUS}): /work/shared is absent")
    ctx = context_for(CORPUS)
    rules = [get(code) for code in ENCODING_RULES]
    paths = sorted(CORPUS.rglob("*.md"))
    assert len(paths) > 800
    loud = [(str(path), f.code, f.message) for path in paths
            for f in lint(decode(str(path), path.read_bytes()), ctx, rules)]
    assert loud == []


# -- EN002 not UTF-8 --------------------------------------------------------------

def test_invalid_byte_on_line_5(tmp_path: Path) -> None:
    lines = CLEAN_ONELINE.encode("utf-8").split(b"\n")
    lines[4] = b"temps_cuisson: 210 # cuisson \xe0 basse temp\xe9rature"
    path = tmp_path / "note.md"
    assert lint_bytes(path, b"\n".join(lines)) == [
        ("EN002", 5, 30, "byte 0xE0 is not valid UTF-8 (2 such bytes in the file; in Windows-1252 it reads 'à')"),
    ]


def test_invalid_byte_after_a_bom(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + CLEAN_ONELINE.encode("utf-8").replace(b"portions: 6", b"portions: 6 \x81", 1)
    assert lint_bytes(tmp_path / "note.md", raw) == [
        ("EN002", 7, 13, "byte 0x81 is not valid UTF-8 (1 such byte in the file)"),
    ]


def test_utf16_file_through_the_cli(vault: Path) -> None:
    (vault / "Recette.md").write_bytes(CLEAN_ONELINE.encode("utf-16"))  # with its BOM
    result = run_cli("Recette.md", cwd=vault)
    assert result.returncode == 1
    assert "Recette.md:1:1: EN002 file is UTF-16-LE, not UTF-8; it was not read\n" in result.stdout


# -- EN003 mixed line endings -----------------------------------------------------

def test_one_crlf_line_in_an_lf_note() -> None:
    text = CLEAN_ONELINE.replace("temps_prep: 20\n", "temps_prep: 20\r\n")
    [finding] = findings(text, "EN")
    assert (finding.code, finding.line, finding.column) == ("EN003", 4, 15)
    assert finding.message == "line ends with CRLF but the note uses LF (57 LF, 1 CRLF)"
    assert fixed(text).encode("utf-8") == CLEAN_ONELINE.encode("utf-8")
    assert fixed(fixed(text)) == CLEAN_ONELINE


def test_one_lf_line_in_a_crlf_note() -> None:
    crlf = CLEAN_ONELINE.replace("\n", "\r\n")
    text = crlf.replace("## Ingrédients\r\n", "## Ingrédients\n")
    assert summary(text, "EN") == [("EN003", 30, 15)]
    assert findings(text, "EN003")[0].message == "line ends with LF but the note uses CRLF (57 CRLF, 1 LF)"
    assert fixed(text).encode("utf-8") == crlf.encode("utf-8")


def test_lone_cr_endings_become_the_dominant_one() -> None:
    text = CLEAN_ONELINE.replace("portions: 6\n", "portions: 6\r").replace("sea salt\n", "sea salt\r")
    assert summary(text, "EN") == [("EN003", 7, 12)]
    assert findings(text, "EN003")[0].message == "line ends with CR but the note uses LF (56 LF, 2 CR)"
    assert fixed(text) == CLEAN_ONELINE


# -- EN004 binary content ---------------------------------------------------------

def test_nul_bytes_through_the_cli(vault: Path) -> None:
    (vault / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (vault / "Recette.md").write_bytes(CLEAN_ONELINE.encode("utf-8"))
    result = run_cli(".", cwd=vault)
    assert result.returncode == 1
    assert result.stdout.startswith("photo.md:1:1: EN004 file holds NUL bytes: binary data, not a text note; skipped\n")
    assert "Recette.md" not in result.stdout
