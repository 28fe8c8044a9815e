"""Encoding rules: mojibake, bytes that are not UTF-8, mixed line endings,
binary files."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from vault_lint.context import Context
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.memo import by_short_text
from vault_lint.model import Model
from vault_lint.note import UNDECODABLE, Line, Note
from vault_lint.rules import rule

# -- EN001: mojibake ------------------------------------------------------------

@dataclass(frozen=True)
class Codepage:
    """A single-byte code page UTF-8 is often misread through."""

    label: str  # as messages name it
    codec: str  # the Python codec (ftfy's "sloppy" one fills cp1252's five holes)


# In order of preference when two explain a note equally well.
CODEPAGES = (
    Codepage("Mac Roman", "mac_roman"),
    Codepage("Windows-1252", "sloppy-windows-1252"),
    Codepage("Latin-1", "latin-1"),
)

# The UTF-8 lead bytes of the characters notes actually hold: the Latin-1
# letters and signs (C2, C3: é, à, ½, °), œ and the letters of Central
# Europe (C5: œ, ł, ś), punctuation and symbols (E2: ’, …, ⏱) and emoji
# (F0). Read through a code page, each becomes a character that is almost
# never followed by what a continuation byte becomes there ('√©', 'Ã©',
# 'â€™', '\uf8ffüî•'). ftfy's badness misses some of these for Mac Roman
# ('√¢' for 'â', '√π' for 'ù', every emoji), so a sequence opened by one
# of them counts as mojibake by itself.
TELLING_LEADS = frozenset(b"\xc2\xc3\xc5\xe2\xf0")

# A run without a telling lead byte counts when ftfy's badness says it reads
# better decoded and it is this long: a whole word of Greek, Cyrillic or CJK
# mojibake ('è±†è…\x90' for '豆腐'), not two characters that may be meant
# ('”à', 'œé').
LEAST_UNTOLD_RUN = 3

# Valid UTF-8 sequences as byte ranges (RFC 3629: no overlong forms, no
# surrogates, nothing past U+10FFFF).
UTF8_SEQUENCES: tuple[tuple[tuple[int, int], ...], ...] = (
    ((0xC2, 0xDF), (0x80, 0xBF)),
    ((0xE0, 0xE0), (0xA0, 0xBF), (0x80, 0xBF)),
    ((0xE1, 0xEC), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xED, 0xED), (0x80, 0x9F), (0x80, 0xBF)),
    ((0xEE, 0xEF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF0, 0xF0), (0x90, 0xBF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF1, 0xF3), (0x80, 0xBF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF4, 0xF4), (0x80, 0x8F), (0x80, 0xBF), (0x80, 0xBF)),
)

# Characters a repaired run may not hold: controls, private use, surrogates,
# unassigned code points; nor may it open with a combining mark.
IMPLAUSIBLE = frozenset({"Cc", "Co", "Cs", "Cn"})

WORD = re.compile(r"\S+")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Past this many character pairs, a changed stretch is one edit, not a diff.
LONGEST_DIFF = 40_000
LONGEST_QUOTED_WORD = 40


@dataclass(frozen=True)
class Run:
    """A stretch of text that is UTF-8 bytes read through a code page."""

    start: int
    end: int
    repaired: str


@dataclass(frozen=True)
class Mojibake:
    """Text that reads as UTF-8 decoded in a legacy code page, and where."""

    codepage: Codepage
    runs: list[Run]

    @property
    def length(self) -> int:
        """How many characters of the text the runs cover."""
        return sum(run.end - run.start for run in self.runs)


def _ftfy() -> Any:
    # Lazy: ftfy costs tens of milliseconds of import time, and a one-file
    # pre-commit run over clean ASCII notes never needs it.
    import ftfy
    import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec

    return ftfy


def _badness(text: str) -> float:
    return _ftfy().badness.badness(text)


@cache
def _image_pattern(codec: str) -> re.Pattern[str]:
    """Runs of valid UTF-8 sequences as they read through ``codec``. The
    lookahead names every lead byte's image first: ``re`` then skips to the
    next such character instead of trying each sequence at every position
    (four times faster on a note)."""
    def chars(low: int, high: int) -> str:
        return "[" + "".join(re.escape(ch) for ch in bytes(range(low, high + 1)).decode(codec)) + "]"

    sequence = "|".join("".join(chars(low, high) for low, high in ranges) for ranges in UTF8_SEQUENCES)
    return re.compile(f"(?={chars(0xC2, 0xF4)})(?:{sequence})+")


def _plausible(text: str) -> bool:
    return not unicodedata.category(text[0]).startswith("M") and not any(
        unicodedata.category(ch) in IMPLAUSIBLE for ch in text
    )


def _runs(text: str, codepage: Codepage) -> list[Run]:
    """The runs of ``text`` that read better decoded from ``codepage``."""
    _ftfy()  # registers the "sloppy-windows-1252" codec
    runs = []
    for match in _image_pattern(codepage.codec).finditer(text):
        repaired = _repaired(match.group(), codepage.codec)
        if repaired is not None:
            runs.append(Run(match.start(), match.end(), repaired))
    return runs


@by_short_text(4096)  # the same few words recur in every note of a vault
def _repaired(image: str, codec: str) -> str | None:
    """A run of UTF-8 sequences as ``codec`` reads them, decoded, when it
    reads better so; else None."""
    raw = image.encode(codec)
    repaired = raw.decode("utf-8")
    if _plausible(repaired) and (
        not TELLING_LEADS.isdisjoint(raw)
        or (len(image) >= LEAST_UNTOLD_RUN and _badness(repaired) < _badness(image))
    ):
        return repaired
    return None


def _images(low: int, high: int) -> str:
    """The characters bytes ``low..high`` read as in the code pages (with
    Python's own codecs: this needs no ftfy)."""
    chars = {bytes([b]).decode(codec, "ignore") for b in range(low, high + 1)
             for codec in ("mac_roman", "latin-1", "cp1252")}
    return "".join(sorted(re.escape(ch) for ch in chars if ch))


# A UTF-8 lead byte followed by a continuation byte, as any code page reads
# them: a note without one holds no mojibake, and ftfy is not imported.
SUSPECT_PAIR = re.compile(f"[{_images(0xC2, 0xF4)}][{_images(0x80, 0xBF)}]")


def find_mojibake(text: str) -> Mojibake | None:
    """The code page that explains most of the text's mojibake, if it has
    any: the one whose runs cover the most text, then one the whole text
    can be decoded from."""
    if text.isascii() or not SUSPECT_PAIR.search(text):
        return None
    found = [Mojibake(codepage, runs) for codepage in CODEPAGES if (runs := _runs(text, codepage))]
    return max(found, key=lambda m: (m.length, _redecode(text, m.codepage.codec) is not None), default=None)


def _redecode(text: str, codec: str) -> str | None:
    try:
        return text.encode(codec).decode("utf-8")
    except UnicodeError:
        return None


def _diff_edits(start: int, old: str, new: str) -> Iterator[Edit]:
    """The smallest edits turning ``old`` (at offset ``start``) into ``new``:
    what the two share at either end is left alone, and what lies between
    is compared by ``difflib`` when it is short (its matcher is quadratic),
    else replaced as one edit."""
    if old == new:
        return
    if set(old).isdisjoint(new):  # what difflib would give: one replacement
        yield Edit(start, start + len(old), new)
        return
    head = len(os.path.commonprefix((old, new)))
    tail = len(os.path.commonprefix((old[head:][::-1], new[head:][::-1])))
    old, new, start = old[head:len(old) - tail], new[head:len(new) - tail], start + head
    if len(old) * len(new) > LONGEST_DIFF:
        yield Edit(start, start + len(old), new)
        return
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield Edit(start + i1, start + i2, new[j1:j2])


def _line_edits(lines: Iterable[Line], repair: Callable[[str], str]) -> list[Edit]:
    """Edits repairing the text of ``lines`` (never their endings)."""
    return [edit for line in lines for edit in _diff_edits(line.start, line.text, repair(line.text))]


def _decoding_edits(text: str, codec: str) -> list[Edit]:
    """Edits decoding ``text`` back from ``codec``, for a text that decodes
    whole: each stretch of non-ASCII characters decodes on its own (ASCII is
    the same in every code page and in UTF-8, and never part of a longer
    UTF-8 sequence), so only those stretches are compared."""
    return [Edit(match.start() + start, match.start() + end, content) for match in NON_ASCII.finditer(text)
            for start, end, content in _stretch_edits(match.group(), codec)]


@by_short_text(4096)  # the same stretches recur in every note of a vault
def _stretch_edits(stretch: str, codec: str) -> tuple[tuple[int, int, str], ...]:
    """The edits decoding ``stretch`` back from ``codec``, from its start."""
    return tuple((edit.start, edit.end, edit.content)
                 for edit in _diff_edits(0, stretch, stretch.encode(codec).decode("utf-8")))


def _splice(text: str, runs: Iterable[Run], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with the runs inside it decoded."""
    end = len(text) if end is None else end
    parts: list[str] = []
    position = start
    for run in runs:
        if start <= run.start and run.end <= end:
            parts += [text[position:run.start], run.repaired]
            position = run.end
    return "".join(parts) + text[position:end]


@cache
def _ftfy_config() -> Any:
    """ftfy set to repair the encoding and nothing else."""
    return _ftfy().TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        replace_lossy_sequences=False,  # would put '�' in the text
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _repair_fix(note: Note, codepage: Codepage, numbers: set[int]) -> Fix | None:
    """Safe when the whole note decodes back exactly; else ftfy, unsafe, on
    the lines with mojibake."""
    whole = _redecode(note.text, codepage.codec)
    if whole is not None and find_mojibake(whole) is None:
        edits = _decoding_edits(note.text, codepage.codec)
        return Fix.safe(f"decode the note's text from {codepage.label} back to UTF-8", *edits)

    def repair(text: str) -> str:
        # ftfy first; then the runs it leaves because it cannot decode their
        # line as a whole (Mac Roman next to real UTF-8 text).
        text = _ftfy().fix_text(text, _ftfy_config())
        return _splice(text, _runs(text, codepage))

    edits = _line_edits([line for line in note.lines if line.number in numbers], repair)
    return Fix.unsafe("repair the mojibake with ftfy", *edits) if edits else None


def _quoted_word(note: Note, run: Run, runs: list[Run]) -> tuple[str, str]:
    """The word holding ``run``, as written and as repaired."""
    line = note.lines[note.position(run.start)[0] - 1]
    word = next((m for m in WORD.finditer(line.text) if line.start + m.start() <= run.start < line.start + m.end()),
                None)  # None: the run starts with white space (a Mac Roman no-break space)
    start, end = (line.start + word.start(), line.start + word.end()) if word else (run.start, run.end)
    if end - start > LONGEST_QUOTED_WORD:
        start, end = run.start, run.end
    return note.text[start:end], _splice(note.text, runs, start, end)


@rule("EN001", "mojibake", scope="note", fix="sometimes", gate=True, whole_note_fix=True)
def mojibake(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """Text is UTF-8 that was read through another code page (mojibake).

    ## What it does
    Finds characters that are the bytes of UTF-8 text read as Mac Roman,
    Windows-1252 or Latin-1: `am√©ricaine` (Mac Roman) or `amÃ©ricaine`
    (Windows-1252) for `américaine`, `¬Ω` for `½`, `‚è±Ô∏è` for `⏱️`.
    It reports the first one, with the number of lines affected. Clean
    accented text, curly quotes, fractions, `°C`, `œ`, `×` and emoji are
    not mistaken for it: a sequence counts only when it decodes to valid
    UTF-8 and reads better decoded: by ftfy's heuristics, or because it
    opens with a character that is almost never followed by such a sequence
    in real text (`√`, `¬`, `‚`, `Ã`, `Â`, `â`...).

    ## Why it matters
    A note copied through a Mac or Windows tool that guessed the wrong
    encoding shows garbage in Obsidian, and its keys and tags
    (`difficult√©`, `#cuisine/am√©ricaine`) no longer match any other note.

    ## Example
    ```yaml
    ---
    cuisine: am√©ricaine
    difficult√©: interm√©diaire
    ---
    ```
    Use instead:
    ```yaml
    ---
    cuisine: américaine
    difficulté: intermédiaire
    ---
    ```

    ## Fix safety
    Safe when the whole note, encoded back to the code page, decodes as
    UTF-8 and the result has no mojibake left: that is an exact reversal,
    applied only to the characters that change. Otherwise (mojibake next to
    real UTF-8 text) the fix is unsafe: ftfy repairs the affected lines,
    with every other ftfy option (quotes, normalisation, line breaks) off.
    The repair is the note's whole text, comments, code and callouts
    included: it restores the characters the author typed, and changes
    nothing else.

    Withheld: a note that is not valid UTF-8 gets no fix at all (its bytes
    are `EN002`'s, and no character it did not hold is ever written).
    """
    note = model.note
    found = find_mojibake(note.text)
    if found is None:
        return
    runs = found.runs
    lines = {note.position(run.start)[0] for run in runs}
    first = runs[0]
    written, repaired = _quoted_word(note, first, runs)
    count = f"{len(lines)} line{'s' if len(lines) > 1 else ''}"
    yield Diagnostic(
        first.start, first.end,
        f"text looks like UTF-8 read as {found.codepage.label} on {count} "
        f"(first: '{written}' should read '{repaired}')",
        _repair_fix(note, found.codepage, lines),
    )


# -- EN002: not UTF-8 -----------------------------------------------------------

@rule("EN002", "not-utf8", scope="file", fix="sometimes")
def not_utf8(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The file is not UTF-8.

    ## What it does
    Reports a note holding bytes that are not valid UTF-8, at the first
    one, with its value and the number of such bytes; and a note written in
    UTF-16 or UTF-32 (found by its byte order mark), which is not read.

    ## Why it matters
    Obsidian expects UTF-8: it shows `�` for the bytes it cannot decode and
    other tools refuse the file. Such bytes usually come from a note saved
    as Windows-1252 or Latin-1 (`é` written as the single byte `0xE9`).

    ## Example
    ```console
    $ vault-lint Recettes/Gratin.md
    Recettes/Gratin.md:5:4: EN002 byte 0xE9 is not valid UTF-8 (2 such bytes in the file; in Windows-1252 it reads 'é')
    ```

    ## Fix safety
    A UTF-16 or UTF-32 note is re-encoded as UTF-8 by an unsafe fix (with
    `--unsafe-fixes`): its text is kept, but tools that expected the old
    encoding may not. Invalid bytes get no fix: which encoding they were
    written in is a guess. Save the note as UTF-8 from its editor, or
    convert it with `iconv`. While a note holds such bytes, no rule offers
    a fix for it: an edit would write U+FFFD, or other characters the note
    did not hold, over them.
    """
    note = model.note
    if note.foreign_encoding:
        # The fix holds no edit: the engine decodes the bytes and writes
        # them as UTF-8 (``fixes.reencode``); the text here is empty.
        yield Diagnostic(0, 0, f"file is {note.foreign_encoding}, not UTF-8; it was not read",
                         Fix.unsafe("re-encode the file as UTF-8"))
        return
    if not note.bad_utf8:
        return
    bad = UNDECODABLE.search(note.text)
    if bad is None:
        return
    byte = ord(bad.group()) - 0xDC00
    count = len(UNDECODABLE.findall(note.text))
    guess = bytes([byte]).decode("cp1252", "replace")
    hint = f"; in Windows-1252 it reads '{guess}'" if guess.isprintable() and guess != "\ufffd" else ""
    yield Diagnostic(
        bad.start(), bad.end(),
        f"byte 0x{byte:02X} is not valid UTF-8 ({count} such byte{'s' if count > 1 else ''} in the file{hint})",
    )


# -- EN003: mixed line endings ------------------------------------------------

ENDING_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


@rule("EN003", "mixed-line-endings", scope="note", fix="safe", whole_note_fix=True)
def mixed_line_endings(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A note mixes line endings (CRLF, LF, CR).

    ## What it does
    Reports the first line whose ending differs from the one most of the
    note uses, with the count of each kind.

    ## Why it matters
    Mixed endings come from pasting between tools; they make every diff
    of the note noisy and some tools see a lone CR as no line break at all.

    ## Example
    A note written with LF (`\\n`) where one pasted line ends with CRLF
    (`\\r\\n`):
    ```console
    Gravlax.md:7:18: EN003 line ends with CRLF but the note uses LF (40 LF, 1 CRLF)
    ```

    ## Fix safety
    Safe: every other ending becomes the note's dominant one, in comments
    and code blocks too (an ending is no text the author wrote); nothing
    else changes.

    Withheld: a note that is not valid UTF-8 gets no fix at all (the bytes
    written back would not be the ones it holds).
    """
    note = model.note
    if "\r" not in note.text:  # every line ends with LF
        return
    endings = note.endings
    dominant = note.newline
    others = [(offset, ending) for offset, ending in endings if ending != dominant]
    if not others:
        return
    counts = Counter(ending for _, ending in endings)
    tally = ", ".join(f"{count} {ENDING_NAMES[ending]}" for ending, count in counts.most_common())
    offset, ending = others[0]
    yield Diagnostic(
        offset, offset + len(ending),
        f"line ends with {ENDING_NAMES[ending]} but the note uses {ENDING_NAMES[dominant]} ({tally})",
        Fix.safe(f"end every line with {ENDING_NAMES[dominant]}",
                 *(Edit(start, start + len(text), dominant) for start, text in others)),
    )


# -- EN004: binary content ----------------------------------------------------

@rule("EN004", "binary-content", scope="file")
def binary_content(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The file holds binary data (NUL bytes), not text.

    ## What it does
    Reports a file named `.md` that contains NUL bytes: an image, a PDF or
    a database saved with the wrong name, or a note damaged by a crash or a
    sync conflict. It is not read further.

    ## Why it matters
    Obsidian cannot show it as a note, and no other rule can check it.

    ## Example
    ```console
    $ vault-lint .
    Recettes/photo.md:1:1: EN004 file holds NUL bytes: binary data, not a text note; skipped
    ```

    ## Fix safety
    No fix: rename or restore the file.
    """
    note = model.note
    if note.binary:
        yield Diagnostic(0, 0, "file holds NUL bytes: binary data, not a text note; skipped")
