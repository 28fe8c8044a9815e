"""Inline suppressions: comments that silence findings, invisible in
Obsidian's reading view.

In the body, an Obsidian comment or an HTML comment::

    %% vault-lint-disable-next-line SR001 %%      the line below
    %% vault-lint-disable SC002 %% … %% vault-lint-enable SC002 %%
    %% vault-lint-disable-file TG003, TM %%       the whole note
    <!-- vault-lint-disable-next-line SR001 -->

In the front matter, a YAML comment on the line of the finding
(``temps_total: 90  # vault-lint: ignore[TM001]``), and for the whole note
the key ``vault-lint: {ignore: [TG003]}``. Codes are comma-separated, a
prefix silences a family, no code silences every rule, and text after
`` -- `` is a reason. A suppression is one line: in a comment of several
lines, the lines below it are the author's text, not codes.

``read`` finds them (only in a note whose text holds ``vault-lint``: the
others cost one substring search), ``apply`` drops the findings they cover
and says which suppressions name unknown codes (NQ001) or silence nothing
(NQ002, with a fix that removes them and nothing else the author wrote,
withheld when it cannot), and ``add`` writes a suppression for
each finding of a note (``--add-suppressions``), touching only comment
bytes, and checks that the note reads the same afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from vault_lint.edits import writable
from vault_lint.findings import Edit, Finding, Fix
from vault_lint.note import Note

SIGNATURE = "vault-lint"  # a note without it has no suppression
KEY = "vault-lint"  # the front matter key
UNKNOWN, UNUSED = "NQ001", "NQ002"
# Findings no suppression silences: vault-lint's own failures, and the
# findings about suppressions themselves.
UNSUPPRESSIBLE = frozenset({"INTERNAL", "FIX001", UNKNOWN, UNUSED})
BLANKET = ""  # the selector of a suppression that names no code
EVERY = "ALL"

# Body directives, by the word after ``vault-lint-``.
WORDS = {"disable-next-line": "next-line", "disable": "disable", "enable": "enable", "disable-file": "file"}
BODY_WORDS = ", ".join(f"vault-lint-{word}" for word in WORDS)
BODY = re.compile(r"[ \t\r\n]*vault-lint(?P<sep>[-:])(?P<word>[A-Za-z]*(?:-[A-Za-z]+)*)")
YAML = re.compile(r"#[ \t]*vault-lint(?P<sep>[-:])[ \t]*(?P<word>[A-Za-z]*(?:-[A-Za-z]+)*)"
                  r"(?:\[(?P<codes>[^\]\r\n]*)\])?")
YAML_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")
REASON = re.compile(r"(?:^|[ \t\r\n])--(?=[ \t\r\n]|$)")
TOKEN = re.compile(r"[^\s,]+")
CODE = re.compile(r"[A-Za-z]+[0-9]*")
DELIMITERS = {"%%": "%%", "<!--": "-->"}
# A line that holds nothing but a body suppression (what ``add`` writes).
DIRECTIVE_LINE = re.compile(r"(?:%%|<!--)[ \t]*vault-lint-[^\r\n]*?(?:%%|-->)")
# A hidden line that starts with a body suppression (the line of one in a longer comment).
DIRECTIVE_START = re.compile(r"(?:%%|<!--)?[ \t]*vault-lint-")


@dataclass(frozen=True)
class Selector:
    """A code a suppression names, and where it is in the comment."""

    code: str  # in capitals; BLANKET for a suppression without codes
    start: int
    end: int


@dataclass
class Directive:
    """One suppression as written in the note."""

    kind: str  # "next-line", "disable", "enable", "file" (body); "line" (YAML comment); "key" (front matter key)
    selectors: tuple[Selector, ...]  # (BLANKET,) when no code is named
    start: int  # the comment (body), the directive from its '#' (YAML), the key (front matter)
    end: int
    line: int  # the line it silences ("next-line", "line")
    list_start: int = 0  # where its codes are written
    list_end: int = 0
    text: str = ""  # the directive as written, for messages
    used: set[str] = field(default_factory=set)  # the selectors that silenced a finding
    until: dict[str, int] = field(default_factory=dict)  # "disable": where each selector's range ends
    own_end: int = 0  # body: where the directive's line ends in the comment (the rest is the author's)


@dataclass(frozen=True)
class Problem:
    """A suppression that cannot be obeyed (NQ001)."""

    start: int
    end: int
    message: str


@dataclass
class Suppressions:
    """A note's suppressions, and what is wrong with them."""

    directives: list[Directive] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------------

def read(note: Note, codes: Iterable[str]) -> Suppressions:
    """Every suppression of ``note``; ``codes`` are the rule codes that exist."""
    known = tuple(codes)
    found = Suppressions()
    if SIGNATURE not in note.text:
        return found
    _read_body(note, known, found)
    fm = note.frontmatter
    if fm is not None:
        _read_yaml(note, known, found)
        _read_key(note, known, found)
    found.directives.sort(key=lambda d: d.start)
    return found


def body_comments(note: Note) -> tuple[tuple[int, int], ...]:
    """The ``%%…%%`` and ``<!--…-->`` comments of the body (outside code),
    as the note's parse found them."""
    spans = getattr(note, "comments", None)  # kept on the note when note.py keeps them
    if spans is None:
        from vault_lint.markdown import parse_body

        spans = parse_body(note.text, note.body_start).comments
    return tuple(spans)


def _read_body(note: Note, known: tuple[str, ...], found: Suppressions) -> None:
    text = note.text
    for start, end in body_comments(note):
        if text.find(SIGNATURE, start, end) < 0:
            continue
        opener = "%%" if text.startswith("%%", start) else "<!--"
        closer = DELIMITERS[opener]
        if end - start < len(opener) + len(closer) or not text.startswith(closer, end - len(closer)):
            continue  # unclosed: it runs to the end of the note, and is no suppression
        inner_start, inner_end = start + len(opener), end - len(closer)
        match = BODY.match(text, inner_start, inner_end)
        if match is None:
            continue
        word_start, word_end = match.start("sep") - len(SIGNATURE), match.end("word")
        written = text[word_start:word_end]
        if match.group("sep") == ":":
            found.problems.append(Problem(word_start, word_end, (
                f"'{written}' is the front matter's form; in the body write {BODY_WORDS}")))
            continue
        kind = WORDS.get(match.group("word").lower())
        if kind is None:
            found.problems.append(Problem(word_start, word_end, (
                f"unknown suppression '{written}'; expected one of {BODY_WORDS}")))
            continue
        # A directive is one line: the comment's lines below it are the author's.
        own_end = min(note.lines[note.position(word_start)[0] - 1].end, inner_end)
        reason = REASON.search(text, word_end, own_end)
        list_end = reason.start() if reason else own_end
        selectors = _selectors(text, word_end, list_end, known, found)
        if selectors is None:
            continue
        list_start, list_stop = _list_span(text, word_end, list_end, selectors)
        line = note.position(end)[0] + 1
        shown = " ".join(text[word_start:list_end].split())
        found.directives.append(Directive(kind, selectors, start, end, line, list_start, list_stop, shown,
                                          own_end=own_end))


def _selectors(text: str, start: int, end: int, known: tuple[str, ...],
               found: Suppressions) -> tuple[Selector, ...] | None:
    """The codes written in ``text[start:end]``: (BLANKET,) when there is
    none; None when every one is wrong (reported: the suppression then
    silences nothing, rather than everything)."""
    tokens = list(TOKEN.finditer(text, start, end))
    if not tokens:
        return (Selector(BLANKET, start, start),)
    selectors = []
    for token in tokens:
        code = token.group().upper()
        if CODE.fullmatch(code) and (code == EVERY or any(rule.startswith(code) for rule in known)):
            selectors.append(Selector(code, token.start(), token.end()))
        else:
            found.problems.append(Problem(token.start(), token.end(), (
                f"unknown rule code '{token.group()}' in a suppression (see --list-rules)")))
    return tuple(selectors) or None


def _list_span(text: str, start: int, end: int, selectors: tuple[Selector, ...]) -> tuple[int, int]:
    """Where the codes are written; for a suppression without codes, the
    point after its directive word."""
    if selectors[0].code == BLANKET:
        return start, start
    tokens = list(TOKEN.finditer(text, start, end))
    return tokens[0].start(), tokens[-1].end()


def _scalar_spans(note: Note) -> list[tuple[int, int]]:
    fm = note.frontmatter
    assert fm is not None
    base = fm.content_start
    return [(base + node.start_mark.index, base + node.end_mark.index) for node in fm.scalars]


def yaml_comment_start(note: Note, number: int, scalars: list[tuple[int, int]]) -> int | None:
    """Where the YAML comment of front matter line ``number`` starts: the
    first '#' at the line's start or after a blank that lies in no value."""
    line = note.lines[number - 1]
    for match in YAML_COMMENT.finditer(line.text):
        offset = line.start + match.start()
        if not any(start <= offset < end for start, end in scalars):
            return offset
    return None


def _front_lines(note: Note) -> range:
    """The numbers of the front matter's lines between its '---' lines."""
    fm = note.frontmatter
    assert fm is not None
    first = note.position(fm.content_start)[0]
    last = note.position(fm.content_end)[0]
    return range(first, last) if fm.content_start < fm.content_end else range(0)


def _read_yaml(note: Note, known: tuple[str, ...], found: Suppressions) -> None:
    text = note.text
    scalars: list[tuple[int, int]] | None = None
    for number in _front_lines(note):
        line = note.lines[number - 1]
        if SIGNATURE not in line.text:
            continue
        scalars = _scalar_spans(note) if scalars is None else scalars
        comment = yaml_comment_start(note, number, scalars)
        if comment is None:
            continue
        match = next((m for m in YAML.finditer(text, comment, line.end)
                      if m.start() == comment or text[m.start() - 1] in " \t"), None)
        if match is None:
            continue
        written = match.group()
        if match.group("sep") == "-" or match.group("word").lower() != "ignore":
            found.problems.append(Problem(match.start(), match.end(), (
                f"unknown suppression '{written}'; in the front matter write '# vault-lint: ignore[CODE]' "
                "(the body's comments go below the front matter)")))
            continue
        if match.group("codes") is None:
            selectors: tuple[Selector, ...] | None = (Selector(BLANKET, match.end(), match.end()),)
            list_start = list_end = match.end()
        else:
            list_start, list_end = match.start("codes"), match.end("codes")
            if not match.group("codes").strip():
                found.problems.append(Problem(match.start(), match.end(), (
                    f"'{written}' names no rule code; write the codes between the brackets, or leave the "
                    "brackets out to silence every rule on the line")))
                continue
            selectors = _selectors(text, list_start, list_end, known, found)
            if selectors is None:
                continue
            list_start, list_end = _list_span(text, list_start, list_end, selectors)
        found.directives.append(Directive("line", selectors, match.start(), match.end(), number,
                                          list_start, list_end, written))


def _read_key(note: Note, known: tuple[str, ...], found: Suppressions) -> None:
    fm = note.frontmatter
    assert fm is not None
    entry = fm.entries.get(KEY)
    if entry is None or fm.data is None:
        return
    import yaml  # already imported by the note's parse

    base = fm.content_start
    nodes: list[Any] = []
    value = entry.node
    ignore = None
    if isinstance(value, yaml.MappingNode) and len(value.value) == 1:
        key_node, ignore = value.value[0]
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.value == "ignore"):
            ignore = None
    if isinstance(ignore, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in ignore.value):
        nodes = list(ignore.value)
    elif isinstance(ignore, yaml.ScalarNode) and ignore.tag.endswith(":str"):
        nodes = [ignore]
    else:
        found.problems.append(Problem(entry.key_start, entry.value_end, (
            f"{KEY}: expected {{ignore: [rule codes]}} (like {{ignore: [TG003]}}), got "
            f"{' '.join(note.text[entry.value_start:entry.value_end].split())[:60]!r}")))
        return
    selectors: list[Selector] = []
    for node in nodes:
        start, end = base + node.start_mark.index, base + node.end_mark.index
        for token in TOKEN.finditer(str(node.value)):
            code = token.group().upper()
            if CODE.fullmatch(code) and (code == EVERY or any(rule.startswith(code) for rule in known)):
                selectors.append(Selector(code, start, end))
            else:
                found.problems.append(Problem(start, end, (
                    f"unknown rule code '{token.group()}' in {KEY}: ignore (see --list-rules)")))
    if selectors:
        found.directives.append(Directive("key", tuple(selectors), entry.key_start, entry.value_end, 0,
                                          text=f"{KEY}: ignore"))


# -- applying ------------------------------------------------------------------------------

def _matches(selector: str, code: str) -> bool:
    return selector in (BLANKET, EVERY) or code.startswith(selector)


def _close_ranges(directives: list[Directive], end_of_text: int) -> None:
    """Pair each ``disable`` with the ``enable`` that ends it: an enable
    naming codes ends the ranges opened for exactly those codes; one naming
    none ends every open range."""
    opened: dict[str, Directive] = {}
    for directive in directives:
        if directive.kind == "disable":
            for selector in directive.selectors:
                previous = opened.get(selector.code)
                if previous is not None:  # disabled twice: the first range ends here
                    previous.until[selector.code] = directive.start
                opened[selector.code] = directive
        elif directive.kind == "enable":
            for selector in directive.selectors:
                closing = list(opened) if selector.code == BLANKET else [selector.code]
                for code in closing:
                    if code in opened:
                        opened.pop(code).until[code] = directive.start
                        directive.used.add(selector.code)
    for code, directive in opened.items():
        directive.until[code] = end_of_text


def _covers(directive: Directive, selector: Selector, finding: Finding, offset: int) -> bool:
    if not _matches(selector.code, finding.code):
        return False
    kind = directive.kind
    if kind in ("file", "key"):
        return True
    if kind in ("next-line", "line"):
        return finding.line == directive.line
    if kind == "disable":
        return directive.end <= offset < directive.until.get(selector.code, directive.end)
    return False


def offset_of(note: Note, finding: Finding) -> int:
    index = min(max(finding.line, 1), len(note.line_starts)) - 1
    return min(note.line_starts[index] + finding.column - 1, len(note.text))


def apply(note: Note, findings: list[Finding], suppressions: Suppressions) -> list[Finding]:
    """The findings no suppression covers; each directive records which of
    its selectors silenced something."""
    directives = [d for d in suppressions.directives if d.kind != "enable"]
    _close_ranges(suppressions.directives, len(note.text))
    if not directives:
        return findings
    kept = []
    for finding in findings:
        silenced = False
        if finding.code not in UNSUPPRESSIBLE:
            offset = offset_of(note, finding)
            for directive in directives:
                for selector in directive.selectors:
                    if _covers(directive, selector, finding, offset):
                        directive.used.add(selector.code)
                        silenced = True
        if not silenced:
            kept.append(finding)
    return kept


def problems(note: Note, suppressions: Suppressions, enabled: Callable[[str], bool],
             unknown: bool, unused: bool) -> list[tuple[str, int, int, str, Fix | None]]:
    """NQ001 and NQ002 as (code, start, end, message, fix), after ``apply``.
    ``enabled`` says whether a selector names a rule that ran."""
    found: list[tuple[str, int, int, str, Fix | None]] = []
    if unknown:
        found += [(UNKNOWN, p.start, p.end, p.message, None) for p in suppressions.problems]
    if not unused:
        return found
    fixable = writable(note)
    for directive in suppressions.directives:
        idle = [s for s in directive.selectors if s.code not in directive.used]
        if not idle:
            continue
        reasons = []
        for selector in idle:
            if selector.code == BLANKET:
                reasons.append("it silences nothing here")
            elif selector.code != EVERY and not enabled(selector.code):
                reasons.append(f"{selector.code} did not run on this note")
            elif directive.kind == "enable":
                reasons.append(f"{selector.code} was not disabled above")
            else:
                reasons.append(f"{selector.code} silences nothing here")
        message = f"unused suppression '{directive.text}': {'; '.join(reasons)}"
        fix = None
        if directive.kind == "key":
            message += f" (the {KEY} key is a property: edit it by hand)"
        elif any(directive.list_start <= p.start < directive.list_end for p in suppressions.problems):
            message += " (it also names an unknown code: correct that first)"  # the fix would drop it
        elif fixable:
            fix = _removal(note, directive, idle)
            if fix is None:
                message += " (the comment holds more than the suppression: edit it by hand)"
        start, end = (directive.start, directive.end) if len(idle) == len(directive.selectors) else \
            (idle[0].start, idle[-1].end)
        found.append((UNUSED, start, end, message, fix))
    return found


def _removal(note: Note, directive: Directive, idle: list[Selector]) -> Fix | None:
    if len(idle) < len(directive.selectors):
        kept = [s for s in directive.selectors if s not in idle]
        joined = ", ".join(note.text[s.start:s.end] for s in kept)
        codes = ", ".join(s.code for s in idle)
        return Fix.safe(f"remove {codes} from the suppression",
                        Edit(directive.list_start, directive.list_end, joined))
    if directive.kind == "line":
        return Fix.safe("remove the suppression comment", _remove_yaml_comment(note, directive))
    closer = DELIMITERS["%%" if note.text.startswith("%%", directive.start) else "<!--"]
    if not note.text[directive.own_end:directive.end - len(closer)].strip():
        return Fix.safe("remove the suppression comment", remove_span(note, directive.start, directive.end))
    edit = _remove_directive_line(note, directive)
    return None if edit is None else Fix.safe("remove the suppression from the comment", edit)


def _remove_directive_line(note: Note, directive: Directive) -> Edit | None:
    """An edit that removes a body directive from a comment whose other
    lines hold the author's text, kept with the comment's markers: the
    directive's line when the directive is alone on it, else from the
    opener to the line's end. None when the note would not read the same
    afterwards (its comments, or what it shows, would change)."""
    from vault_lint.findings import apply_edits
    from vault_lint.note import parse_text

    text = note.text
    number = note.position(directive.own_end)[0]
    line = note.lines[number - 1]
    opener = "%%" if text.startswith("%%", directive.start) else "<!--"
    if directive.start >= line.start:  # the opener is on the directive's line
        edit = Edit(directive.start + len(opener), line.end, "")
    else:
        edit = Edit(line.start, note.next_line_start(number), "")
    after_text = apply_edits(text, [edit])
    after = parse_text(note.path, after_text, Note(path=note.path, text=after_text, bom=note.bom,
                                                   bad_utf8=note.bad_utf8))
    if len(body_comments(after)) != len(body_comments(note)) or _seen(after) != _seen(note):
        return None
    return edit


def _seen(note: Note) -> tuple[Any, ...]:
    """What Obsidian's reading view shows of a note, line numbers and the
    blanks of its comments left out: its front matter, the kinds of its
    headings and list items, and the words of every line shown."""
    lines = tuple(" ".join(line.content.split()) for line in note.body_lines
                  if not line.hidden and line.content.strip())
    headings = tuple((h.level, h.setext) for h in note.headings)
    items = tuple((i.marker, i.number, i.depth, i.indent) for i in note.items.values())
    return (note.problem is None, note.data, headings, items, lines)


def remove_span(note: Note, start: int, end: int) -> Edit:
    """An edit that removes ``text[start:end]`` (a comment): with its line
    when nothing else is on it, else with the blanks before it."""
    text = note.text
    first, last = note.position(start)[0], note.position(end)[0]
    line_start = note.line_starts[first - 1]
    line_end = note.lines[last - 1].end if last <= len(note.lines) else len(text)
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip():
        following = note.next_line_start(last)
        if following < len(text) or line_end < len(text):
            return Edit(line_start, following, "")
        previous = len(text[:line_start].rstrip("\r\n"))  # the last line, with no break after it
        return Edit(previous, len(text), "")
    if before.strip():
        return Edit(start - (len(before) - len(before.rstrip(" \t"))), end, "")
    return Edit(start, end + (len(after) - len(after.lstrip(" \t"))), "")


def _remove_yaml_comment(note: Note, directive: Directive) -> Edit:
    """From the blanks before the directive's '#' to the end of its line
    (a reason written after it goes with it). Other text after it is the
    author's and stays, a comment still: a '#' of its own keeps its '#'
    (``# vault-lint: ignore[X] # autre`` becomes ``# autre``), other text
    keeps the directive's (``# vault-lint: ignore[X] à revoir`` becomes
    ``# à revoir``)."""
    text = note.text
    line = note.lines[directive.line - 1]
    rest = line.end - len(text[directive.end:line.end].lstrip(" \t"))  # what follows the directive
    reason = rest > directive.end and text.startswith("--", rest) and (
        rest + 2 == line.end or text[rest + 2] in " \t")
    if rest == line.end or reason:
        return remove_span(note, directive.start, line.end)
    if text.startswith("#", rest):
        return Edit(directive.start, rest, "")
    return Edit(text.index(SIGNATURE, directive.start), rest, "")


# -- adding (--add-suppressions) -------------------------------------------------------------

@dataclass
class Added:
    """Suppressions written into a note (``--add-suppressions``), and what they silence."""

    text: str  # the note's text with the suppressions
    comments: int = 0  # suppression comments written or extended
    silenced: int = 0  # findings they silence
    left: list[tuple[Finding, str]] = field(default_factory=list)  # not silenced, and why


Lint = Callable[[Note, bool], list[Finding]]  # the note's findings, suppressions and baseline applied (True) or not


def add(note: Note, findings: list[Finding], lint: Lint, codes: Iterable[str]) -> Added:
    """``note``'s text with a suppression for each of ``findings``: a
    front matter finding gets ``# vault-lint: ignore[CODE]`` at the end of
    its line, a body finding ``%% vault-lint-disable-next-line CODE %%``
    on a line of its own above it where a line can go without changing
    what the note shows (after a blank line or the front matter, above an
    ATX heading; not inside a paragraph, a list, a table or a code block),
    any other one ``%% vault-lint-disable-file CODE %%`` at the end of the
    note. Existing suppressions are extended rather than repeated.

    The result is checked: the note must read the same (front matter
    values, headings, list items, every visible line and every finding but
    those silenced); else the body's suppressions all go to the end of the
    note, then every one; then the same with the note's comment at the top
    of its body instead of its end (an unclosed comment or code block may
    run to the end). A note that still does not read the same is left as it
    is, its findings in ``left``."""
    known = tuple(codes)
    targets = [f for f in findings if f.code not in UNSUPPRESSIBLE]
    left = [(f, "a finding about vault-lint itself or its suppressions cannot be suppressed")
            for f in findings if f.code in UNSUPPRESSIBLE]
    if not targets:
        return Added(note.text, left=left)
    if not note.readable:
        return Added(note.text, left=left + [(f, "the note could not be read") for f in targets])
    if not note.text.strip():
        reason = "the note is empty, and a comment would make it a note that is not (delete it, or record it " \
                 "in the baseline)"
        return Added(note.text, left=left + [(f, reason) for f in targets])
    places = [_place(note, finding) for finding in targets]
    before = _reading(note, lint)
    tried: set[str] = set()
    for top in (False, True):
        for demote in (None, "next", "all"):
            chosen = [_demoted(place, demote) for place in places]
            if top and ("file", 0) not in chosen:
                continue
            text, comments = _write(note, known, targets, chosen, top)
            if text == note.text or text in tried:
                continue
            tried.add(text)
            if _reads_the_same(note, before, text, targets, lint):
                return Added(text, comments, len(targets), left)
    reason = "no suppression comment could be added without changing how the note reads"
    return Added(note.text, left=left + [(f, reason) for f in targets])


def _demoted(place: tuple[str, int], demote: str | None) -> tuple[str, int]:
    kind, _ = place
    if demote == "all" or (demote == "next" and kind == "next"):
        return ("file", 0)
    return place


def _place(note: Note, finding: Finding) -> tuple[str, int]:
    """Where a finding's suppression goes: ("yaml", line), ("next", line)
    or ("file", 0)."""
    fm = note.frontmatter
    number = finding.line
    if fm is not None and fm.data is not None and note.problem is None and number in _front_lines(note):
        return ("yaml", number) if _yaml_line_takes_a_comment(note, number) else ("file", 0)
    if number <= len(note.lines) and note.lines[number - 1].start >= note.body_start \
            and _line_can_go_above(note, number):
        return ("next", number)
    return ("file", 0)


def _yaml_line_takes_a_comment(note: Note, number: int) -> bool:
    """Can a comment end front matter line ``number``: it holds something,
    and its end lies in no value (a quoted or block text going on below)?"""
    line = note.lines[number - 1]
    if not line.text.strip():
        return False
    end = line.start + len(line.text.rstrip())
    return not any(start < end < stop for start, stop in _scalar_spans(note))


def _line_can_go_above(note: Note, number: int) -> bool:
    lines = note.lines
    line = lines[number - 1]
    if line.hidden or not line.text.strip():
        return False
    above = number - 1  # the line above, past suppression comments alone on their lines
    while above >= 2 and lines[above - 1].hidden and DIRECTIVE_LINE.fullmatch(lines[above - 1].text.strip()):
        above -= 1
    previous = lines[above - 1] if above >= 1 else None
    following = lines[number] if number < len(lines) else None
    if "|" in line.text and any(other is not None and "|" in other.text for other in (previous, following)):
        return False  # a table's row
    if previous is None or previous.start < note.body_start:
        return True  # the first line of the note, or of the body
    if previous.hidden:
        return False
    if not previous.text.strip():
        return True
    return any(h.line == number and not h.setext for h in note.headings)


def _write(note: Note, known: tuple[str, ...], targets: list[Finding],
           places: list[tuple[str, int]], top: bool = False) -> tuple[str, int]:
    """The note's text with the suppressions at ``places`` (the note's own
    at the end, or with ``top`` where the body starts), and how many
    comments were written or extended."""
    from vault_lint.findings import apply_edits

    codes: dict[tuple[str, int], list[str]] = {}
    for finding, place in zip(targets, places, strict=True):
        listed = codes.setdefault(place, [])
        if finding.code not in listed:
            listed.append(finding.code)
    existing = read(note, known)
    _close_ranges(existing.directives, len(note.text))
    edits = []
    newline = note.newline
    text = note.text
    for (kind, number), new in sorted(codes.items()):
        current = _existing(note, existing, kind, number)
        if current is not None:
            written = [note.text[s.start:s.end] for s in current.selectors]
            added = [code for code in new if code not in {w.upper() for w in written}]
            if added:
                edits.append(Edit(current.list_start, current.list_end, ", ".join(written + added)))
            continue
        joined = ", ".join(new)
        if kind == "yaml":
            line = note.lines[number - 1]
            end = line.start + len(line.text.rstrip())
            edits.append(Edit(end, end, f"  # vault-lint: ignore[{joined}]"))
        elif kind == "next":
            line = note.lines[number - 1]
            indent = line.text[:len(line.text) - len(line.text.lstrip(" \t"))]
            comment = f"{indent}%% vault-lint-disable-next-line {joined} %%{newline}"
            edits.append(Edit(line.start, line.start, comment))
        else:
            comment = f"%% vault-lint-disable-file {joined} %%"
            if top:
                edits.append(Edit(note.body_start, note.body_start, comment + newline))
            elif not text:
                edits.append(Edit(0, 0, comment + newline))
            elif text.endswith(("\n", "\r")):
                last = note.lines[-1].text if note.lines else ""
                gap = newline if last.strip() else ""
                edits.append(Edit(len(text), len(text), f"{gap}{comment}{newline}"))
            else:
                edits.append(Edit(len(text), len(text), f"{newline}{newline}{comment}"))
    return apply_edits(text, edits), len(codes)


def _existing(note: Note, existing: Suppressions, kind: str, number: int) -> Directive | None:
    """The suppression a new code can join: the YAML comment of the line,
    the next-line comment alone on the line above, the file's comment."""
    for directive in existing.directives:
        if directive.selectors[0].code == BLANKET:
            continue
        if kind == "yaml" and directive.kind == "line" and directive.line == number:
            return directive
        if kind == "next" and directive.kind == "next-line" and directive.line == number \
                and DIRECTIVE_LINE.fullmatch(note.lines[number - 2].text.strip()):
            return directive
        if kind == "file" and directive.kind == "file":
            return directive
    return None


# -- the check after adding ----------------------------------------------------------------------

def _shape(note: Note) -> tuple[Any, ...]:
    """What a reader sees of the note, line numbers left out: its front
    matter values, headings, list items, and the visible text of every
    body line but blank lines and the lines of suppressions."""
    fm = note.frontmatter
    lines = tuple((line.hidden, line.content.rstrip()) for line in note.body_lines
                  if line.text.strip() and not DIRECTIVE_LINE.fullmatch(line.text.strip())
                  and not (line.hidden and DIRECTIVE_START.match(line.text.strip())))
    headings = tuple((h.level, h.title, h.setext) for h in note.headings)
    items = tuple((i.marker, i.number, i.text, i.depth, i.indent) for i in note.items.values())
    return (note.problem is None, fm is not None, note.data, headings, items, lines)


def _reading(note: Note, lint: Lint) -> tuple[Any, ...]:
    from vault_lint.baseline import finding_key

    raw = Counter(finding_key(note, f) for f in lint(note, False))
    return _shape(note), raw


def _reads_the_same(note: Note, before: tuple[Any, ...], text: str, targets: list[Finding], lint: Lint) -> bool:
    from vault_lint.baseline import finding_key
    from vault_lint.note import parse_text

    after = parse_text(note.path, text, Note(path=note.path, text=text, bom=note.bom, bad_utf8=note.bad_utf8))
    if _reading(after, lint) != before:
        return False
    silenced = Counter(finding_key(note, f) for f in targets)
    left = Counter(finding_key(after, f) for f in lint(after, True))
    return not (left & silenced)
