"""Fuzzing: random and broken notes never crash a rule, every finding points
inside its note, fixing settles at once and is idempotent, and a fix touches
no byte outside its own edits.

The notes are generated as bytes (a BOM or not, bytes that are not UTF-8,
CRLF, LF and CR mixed) around front matter that is valid, broken or hostile,
and a body of headings, lists, code fences holding ``---``, wikilinks,
callouts and ``%%`` comments. ``fuzz/longrun.py`` runs the same property for
minutes; this file keeps CI time modest.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLEAN, CLEAN_ONELINE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault_lint.config import Settings
from vault_lint.context import Context
from vault_lint.findings import Finding
from vault_lint.fixes import choose, fix_note
from vault_lint.linter import lint
from vault_lint.note import UTF8_BOM, Note, decode, encode
from vault_lint.vault import Vault

CTX = Context(Settings(), Vault(Path("/nonexistent-vault")))
PATH = "Recettes/note.md"
# Codes that mean vault-lint itself failed.
FAILURES = {"INTERNAL", "FIX001"}

KEYS = ("cuisine", "type", "temps_prep", "temps_cuisson", "temps_total", "temps_repos", "portions",
        "difficulté", "protéine", "source", "url", "date_ajout", "tags")
WORDS = ("chinoise", "plat-principal", "porc", "Instagram", "intermédiaire", "débutant", "long",
         "rapide", "wok", "four", "sucré-salé", "https://www.instagram.com/reel/C8x/", "20", "1:30",
         "yes", "no", "0123", "2025-02-30", "2025-09-14", "~", "null", "[]", "{}", "*a", "&a x", "!!binary x",
         "!!python/object:os.system", "? [a, b]", "Porc caramélisé 🐷", "'quoted'", '"dq"', "a: b", "- x")
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=12)
SCALAR = st.one_of(st.sampled_from(WORDS), TEXT, st.integers(-5, 100_000).map(str))


def tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(("cuisine/chinoise", "type/plat-principal", "temps/long", "temps/rapide",
                                 "protéine/porc", "difficulté/intermédiaire", "cuisson/wok", "saveur/x")))
    hashed = draw(st.sampled_from(("#", "", "##")))
    quote = draw(st.sampled_from(('"', "'", "")))
    return f"{quote}{hashed}{name}{quote}"


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    """The lines of a front matter block: keys of the profile with values
    valid, wrong, odd or hostile, tags in every style, at times a broken line."""
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=10)):
        if key == "tags":
            tags = [tag(draw) for _ in range(draw(st.integers(0, 6)))]
            if draw(st.booleans()):
                lines.append("tags: [" + ", ".join(tags) + "]")
            else:
                lines.append("tags:")
                lines.extend(f"{draw(st.sampled_from(('  ', '', '    ')))}- {t}" for t in tags)
        else:
            lines.append(f"{key}:{draw(st.sampled_from((' ', '  ', '	')))}{draw(SCALAR)}")
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(
            ("# a comment", "  indented: x", "\tcuisine: tab", "key without value", "[", "{a: [b",
             "x: |", "  literal", "---x", "...", "? complex", "dup: 1", "dup: 2", "nested:\n  - [[a]]"))))
    return lines


BODY_LINES = (
    "# Porc caramélisé au gingembre 🐷", "## Informations rapides", "## Ingrédients", "## Étapes",
    "## Source", "## Notes", "### Sous-partie", "#", "#NotAHeading", "- 600 g d'échine de porc",
    "- ⏱️ Temps de préparation : 40 minutes", "- 👥 Portions : 4", "1. Mélanger.", "2. Cuire.", "4. Servir.",
    "  - nested item", "\t- tab item", "* star item", "```", "~~~", "```yaml", "---", "+++", "...",
    "Link: https://www.instagram.com/reel/C8xYzAbCdEf/", "[[Autre recette]] et [[Page|alias]]",
    "> [!note] Astuce", "> texte du callout", "%% commentaire %%", "%%", "![[image.png]]",
    "⏱️ Préparation : 20 min | 🔥 Cuisson : 3h30 | 🍽️ Portions : 6", "", "   ", "<% tp.date.now() %>",
    "{{title}}", "tags:: #inline", "#cuisine/chinoise", "| a | b |",
)
# One ending for the whole note, most often; else a mix per line.
ENDINGS = st.sampled_from(("\n", "\n", "\r\n", "mixed"))
MIXED = st.sampled_from(("\n", "\r\n", "\r"))


@st.composite
def note_lines(draw: st.DrawFn) -> list[str]:
    """A whole note as lines: front matter (valid, unterminated, TOML or
    none) then a body."""
    lines: list[str] = []
    opening = draw(st.sampled_from(("---", "---", "---", "--- ", "+++", "{", None)))
    if opening is not None:
        lines.append(opening)
        lines.extend("\n".join(draw(front_matter())).split("\n"))
        if draw(st.integers(0, 9)):
            lines.append({"+++": "+++", "{": "}"}.get(opening, draw(st.sampled_from(("---", "---", "...")))))
    lines.extend(draw(st.lists(st.one_of(st.sampled_from(BODY_LINES), TEXT), max_size=25)))
    return lines


@st.composite
def mutated_fixture(draw: st.DrawFn) -> list[str]:
    """A clean fixture with lines deleted, repeated or replaced, digits
    changed, a '#' dropped."""
    lines = draw(st.sampled_from((CLEAN, CLEAN_ONELINE))).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("delete", "repeat", "replace", "digit", "unhash")))
        if action == "delete":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = draw(st.one_of(st.sampled_from(BODY_LINES), TEXT))
        elif action == "unhash":
            lines[index] = lines[index].replace("#", "", 1)
        else:
            lines[index] = "".join(draw(st.sampled_from("0123456789")) if c.isdigit() else c for c in lines[index])
        if not lines:
            break
    return lines


@st.composite
def note_bytes(draw: st.DrawFn) -> bytes:
    """A note's bytes: lines joined by mixed endings, maybe a BOM, maybe a
    few bytes that are not UTF-8."""
    lines = draw(st.one_of(note_lines(), mutated_fixture()))
    ending = draw(ENDINGS)
    text = "".join(line + (draw(MIXED) if ending == "mixed" else ending) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 4)) == 0 else 0):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from((b"\xff", b"\xe9", b"\xc3", b"\x80\x80"))) + data[at:]
    if draw(st.integers(0, 5)) == 0:
        data = UTF8_BOM + data
    return data


def assert_inside(note: Note, finding: Finding) -> None:
    """The finding's start and end are real positions of the note."""
    for line, column in ((finding.line, finding.column), (finding.end_line, finding.end_column)):
        assert 1 <= line <= len(note.line_starts), finding
        start = note.line_starts[line - 1]
        end = note.line_starts[line] if line < len(note.line_starts) else len(note.text)
        assert 1 <= column <= end - start + 1, finding
    assert (finding.line, finding.column) <= (finding.end_line, finding.end_column), finding


def assert_edits_sound(note: Note, finding: Finding) -> None:
    """A fix's edits lie inside the note, do not overlap one another, and
    never split a CRLF pair."""
    assert finding.fix is not None
    spans = sorted((edit.start, edit.end) for edit in finding.fix.edits)
    for start, end in spans:
        assert 0 <= start <= end <= len(note.text), finding
        for offset in (start, end):
            assert note.text[offset - 1:offset + 1] != "\r\n" or offset == 0, f"splits a CRLF: {finding}"
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), finding


def check_note(data: bytes) -> None:
    """The fuzzing property, for one note's bytes."""
    note = decode(PATH, data)
    if note.readable:
        assert encode(note, note.text) == data  # what no edit touches is written back as read
    findings = lint(note, CTX)
    assert not [f for f in findings if f.code in FAILURES], findings
    for finding in findings:
        assert_inside(note, finding)
    for finding in choose(findings, unsafe=True):
        assert_edits_sound(note, finding)
    outcome = fix_note(note, CTX, unsafe=True)
    assert not [f for f in outcome.remaining if f.code in FAILURES], outcome.remaining
    again = fix_note(outcome.note, CTX, unsafe=True)
    assert not again.changed, (outcome.note.text, again.fixed)
    assert outcome.note.bom == note.bom


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note_bytes())
def test_random_notes_never_crash_and_fixes_settle(data: bytes) -> None:
    check_note(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    check_note(data)
