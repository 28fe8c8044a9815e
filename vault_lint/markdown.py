"""The body of a note as Obsidian reads it, parsed by pulldown-cmark (pyromark).

pyromark is the fastest candidate with the source range of every block, list item and code span,
and has a ``$$`` math option: 42 µs per note, markdown-it-pyrs 120, markdown-it-py 1,037 (line maps
only), on the 869 notes of examples/vault and ../shared/corpus (benchmarks/parsers.py; this module:
about 530). Its import costs 1.8 ms (markdown-it-py: 28); it is imported when the first body is parsed.

CommonMark does not know Obsidian's comments: they are found outside code, then masked (spaces,
or a placeholder on a line they share with text) before the body is parsed again.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from typing import TYPE_CHECKING, Any

from vault_lint.lines import break_count, line_starts

if TYPE_CHECKING:
    from pyromark.event import Event


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The parser, made the first time a body is read (a run whose notes all
    come from the cache parses none)."""
    import pyromark

    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES | pyromark.Options.ENABLE_MATH
    return pyromark.Markdown(options=options)

NEXT_BREAK = re.compile(r"[\r\n]")
LINE_PARTS = re.compile(r"[^\r\n]+")
SURROGATE = re.compile(r"[\ud800-\udfff]")  # undecodable bytes, kept by the reader; the parser refuses them
# UTF-8 continuation bytes (0x80 to 0xbf) all made 0x80: split at that one byte, the text tells
# where they are without a match object for each.
CONTINUATIONS = bytes.maketrans(bytes(range(0x80, 0xC0)), b"\x80" * 0x40)
COMMENT_OPEN = re.compile(r"%%|<!--")
COMMENT_CLOSE = {"%%": "%%", "<!--": "-->"}
# What a comment becomes on a line it shares with text: not white space, so the line keeps
# its place in the blocks (``- %%x%%`` stays a list item, ``%%x%% text`` is not indented code).
PLACEHOLDER = "\x1a"
TRIM = " \t" + PLACEHOLDER
# Comments are looked for outside the code of the text parsed with the comments found so far
# masked, until they are the same twice (a comment can hide a fence): this many parses at most.
MAX_ROUNDS = 4
BLOCKS = frozenset({"Heading", "List", "Item", "CodeBlock", "HtmlBlock", "BlockQuote"})  # what _Walk.open reads
ATX_OPENING = re.compile(r"[ \t]*#{1,6}")
ATX_CLOSING = re.compile(r"(?:^|[ \t])#+$")
# The parser may start a block or an item before its line (at the line break before it, in
# a tab, at a '>'): what comes before the first mark of the block is skipped.
SPACE = re.compile(r"[ \t\r\n]*")
MARKER = re.compile(r"[ \t\r\n>]*(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])[ \t]*")
CALLOUT = re.compile(r"[ \t]*>[ \t]*\[![^\]\r\n]+\][+-]?")
WIKILINK = re.compile(r"\[\[(?P<inner>[^\[\]\r\n]+)\]\]")
ALIAS = re.compile(r"\\?\|")
# '#' (white space or nothing before it: checked apart, the scan is faster), then what may be
# in a tag as far as ASCII goes; other characters are checked one by one (``_tags``).
TAG = re.compile(r"#[^\s!\"#$%&'()*+,.:;<=>?@\[\\\]^`{|}~\x00-\x1f\x7f]+")
BLOCK_ID = re.compile(r"\^(?P<id>[A-Za-z0-9-]+)[ \t]*(?=[\r\n]|\Z)")


# The parts of a body are made by the dozen for every note: not frozen, whose ``__init__`` sets
# each field through ``object.__setattr__`` (three times the cost); nothing changes them, and
# they hash as if frozen.
@dataclass(slots=True, unsafe_hash=True)
class Region:
    """A part of the body that is not read as recipe text."""

    kind: str  # "code", "comment", "html", "callout" or "math"
    start: int
    end: int  # exclusive; a block ends with its last line, before the line break


@dataclass(slots=True, unsafe_hash=True)
class BodyHeading:
    """A heading of the body's outline, as Obsidian shows it."""

    level: int
    title: str  # as written, trimmed; an ATX closing sequence and comments at either end left out
    title_start: int
    line: int  # 1-based, the (first) text line
    start: int  # start of that line
    end: int  # end of the last line (a setext underline), before the line break
    setext: bool


@dataclass(slots=True, unsafe_hash=True)
class BodyItem:
    """A list item of the body: its marker, its place and its depth."""

    line: int  # 1-based, the marker's line
    start: int  # start of that line
    indent: int  # the marker's column: the width of what precedes it on its line (tabs to 4)
    marker: str
    marker_start: int
    number: int | None  # for ordered items
    text: str  # the rest of the marker's line, as written
    text_start: int
    last_line: int  # 1-based, continuation lines and nested content included
    depth: int  # 0 in a top-level list, 1 in a list nested in an item...


@dataclass(slots=True, unsafe_hash=True)
class Wikilink:
    """``[[target#heading|alias]]``, ``[[target#^block]]``, ``![[image.png|300]]``: the parts as
    written (``target`` empty for a link into the note itself; ``alias`` is an embed's size)."""

    target: str
    heading: str | None
    block: str | None
    alias: str | None
    embed: bool
    start: int  # the '!' of an embed, else the first '['
    end: int  # after ']]'


@dataclass(slots=True, unsafe_hash=True)
class InlineTag:
    """A #tag written in the body."""

    name: str  # without its '#'
    start: int  # the '#'
    end: int


@dataclass(slots=True, unsafe_hash=True)
class BlockId:
    """A block id (^id) written in the body."""

    id: str  # without its '^'
    start: int  # the '^'
    end: int


@dataclass(frozen=True)
class Body:
    """The body as Obsidian reads it: its outline, items, hidden regions, links, tags and block ids."""

    headings: tuple[BodyHeading, ...]  # outline headings: at the root, outside code, comments, HTML, quotes, items
    items: tuple[BodyItem, ...]  # outside code, comments, HTML and callouts
    regions: tuple[Region, ...]  # sorted by start; one inside another is left out
    comments: tuple[tuple[int, int], ...]  # every %%…%% and <!--…--> (unclosed: to the end)
    wikilinks: tuple[Wikilink, ...]  # outside code, comments, HTML and math
    tags: tuple[InlineTag, ...]  # outside code, comments, HTML, math and wikilinks
    block_ids: tuple[BlockId, ...]  # outside code, comments, HTML and math


# The helpers below are plain classes: a dataclass costs about a millisecond to import.
class _Tree:
    """What the parse gives, in character offsets of the body."""

    def __init__(self) -> None:
        self.regions: list[Region] = []  # code, html, callout and math, nested ones too
        self.code: list[tuple[int, int]] = []  # code blocks and code spans, in order
        self.headings: list[tuple[int, int, int]] = []  # level, start, end
        self.items: list[tuple[int, int, int]] = []  # start, end, depth


class _Lines:
    """Where the lines of the body start and end: the same in the body and in its masked copy."""

    def __init__(self, body: str) -> None:
        self.starts = line_starts(body)
        self.body = body
        self.crlf = "\r\n" in body

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def start(self, offset: int) -> int:
        return self.starts[self.index(offset)]

    def end(self, index: int) -> int:
        """Where the line at ``index`` (0-based) ends, before its line break."""
        if index + 1 == len(self.starts):
            return len(self.body)
        following = self.starts[index + 1]
        return following - 2 if self.crlf and self.body[following - 2:following] == "\r\n" else following - 1


class _Note:
    """The note's text and its body, masked, for turning what the parse found into results."""

    def __init__(self, text: str, base: int, masked: str, lines: _Lines) -> None:
        self.text, self.base, self.masked, self.lines = text, base, masked, lines
        self.before = break_count(text, base)  # the lines before the body


def parse_body(text: str, start: int) -> Body:
    """Parse ``text[start:]``, the body (``start``: where the front matter ends, 0 without one).
    Every offset returned is an index into ``text`` (characters, not UTF-8 bytes)."""
    source = SURROGATE.sub("\ufffd", text[start:])
    lines = _Lines(source)
    comments, masked, tree = _parse(source, lines)
    note = _Note(text, start, masked, lines)
    hidden = [(region.start, region.end) for region in tree.regions if region.kind != "callout"]
    visible = _fill(source, [*comments, *hidden, *tree.code], PLACEHOLDER)
    wikilinks = _wikilinks(visible, start)
    unlinked = _fill(visible, [(link.start - start, link.end - start) for link in wikilinks], PLACEHOLDER)
    regions = [Region("comment", a, b) for a, b in comments] + tree.regions
    return Body(
        headings=tuple(_heading(note, *head) for head in tree.headings),
        items=tuple(_item(note, *item) for item in tree.items),
        regions=tuple(Region(r.kind, r.start + start, r.end + start) for r in _outermost(regions)),
        comments=tuple((a + start, b + start) for a, b in comments),
        wikilinks=tuple(wikilinks),
        tags=tuple(_tags(unlinked, start)),
        block_ids=tuple(_block_ids(visible, start)),
    )


def masked_events(text: str, start: int) -> list[Event]:
    """The parser's events for the body ``text[start:]`` with its comments
    masked, as ``parse_body`` reads it (ranges left out): two texts that give
    the same events read the same."""
    source = SURROGATE.sub("\ufffd", text[start:])
    _, masked, _ = _parse(source, _Lines(source))
    return list(_parser().events(masked))


def hidden_lines(body: Body, text: str, line_starts: list[int]) -> frozenset[int]:
    """The 1-based numbers of the lines whose text lies inside one region (a blank line: whose
    start does); ``line_starts`` are the offsets in ``text`` where its lines start."""
    hidden = set()
    for region in body.regions:
        for index in range(bisect.bisect_right(line_starts, region.start) - 1, len(line_starts)):
            line_start = line_starts[index]
            if line_start > region.end:
                break
            line = text[line_start:_line_end(text, line_start)]
            first = line_start + len(line) - len(line.lstrip())  # after the line's end when it is blank
            last = line_start + len(line.rstrip())  # the line's start when it is blank
            if region.start <= min(first, last) and max(first, last) <= region.end:
                hidden.add(index + 1)
    return frozenset(hidden)


# -- comments ------------------------------------------------------------------------------
def _parse(source: str, lines: _Lines) -> tuple[list[tuple[int, int]], str, _Tree]:
    """The comments outside code, the body with them masked, and its parse."""
    comments = _comments(source, _code(source)) if COMMENT_OPEN.search(source) else []
    masked, tree = _parse_masked(source, comments, lines)
    for _ in range(MAX_ROUNDS - 1):
        found = _comments(source, tree.code)
        if found == comments:
            break
        comments = found
        masked, tree = _parse_masked(source, comments, lines)
    return comments, masked, tree


def _parse_masked(source: str, comments: list[tuple[int, int]], lines: _Lines) -> tuple[str, _Tree]:
    masked = _mask(source, comments, lines)
    return masked, _Walk(masked, lines).run()


def _comments(source: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every comment whose opening mark is outside ``code``; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    while match := COMMENT_OPEN.search(source, cursor):
        inside = _enclosing(code, match.start())
        if inside:
            cursor = inside[1]
            continue
        closer = COMMENT_CLOSE[match.group()]
        close = source.find(closer, match.end())
        cursor = len(source) if close < 0 else close + len(closer)
        spans.append((match.start(), cursor))
    return spans


def _code(source: str) -> list[tuple[int, int]]:
    """Where code blocks and code spans are, in order."""
    char = _char_offsets(source)
    return [(char(span["start"]), char(span["end"])) for event, span in _parser().events_with_range(source)
            if _is_code(event)]


def _is_code(event: Event) -> bool:
    """A code span, or the start of a code block."""
    if type(event) is not dict:
        return False
    opened = event.get("Start")
    return "Code" in event or (type(opened) is dict and "CodeBlock" in opened)


def _enclosing(code: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    index = bisect.bisect_right(code, offset, key=lambda span: span[0]) - 1
    return code[index] if index >= 0 and code[index][1] > offset else None


def _mask(source: str, spans: list[tuple[int, int]], lines: _Lines) -> str:
    """``source`` with each comment's characters (not its line breaks) replaced: by spaces
    on lines left blank, by the placeholder on a line that holds text besides comments."""
    if not spans:
        return source
    blank = _fill(source, spans, " ")
    parts = [
        (part.start(), part.end()) for a, b in spans for part in LINE_PARTS.finditer(source, a, b)
        if blank[lines.start(part.start()):_line_end(blank, part.start())].strip()
    ]
    return _fill(blank, parts, PLACEHOLDER)


def _fill(text: str, spans: Iterable[tuple[int, int]], char: str) -> str:
    """``text`` with the characters of ``spans`` (sorted or not, overlapping or not) replaced
    by ``char``, line breaks kept."""
    pieces, last = [], 0
    for a, b in sorted(spans):
        a = max(a, last)
        if a < b:
            pieces += [text[last:a], LINE_PARTS.sub(lambda part: char * len(part.group()), text[a:b])]
            last = b
    return "".join([*pieces, text[last:]])


# -- the parse -----------------------------------------------------------------------------
class _Walk:
    """One pass over the parser's events, keeping the blocks that matter."""

    def __init__(self, source: str, lines: _Lines) -> None:
        self.source, self.lines = source, lines
        self.char = _char_offsets(source)
        self.tree = _Tree()
        self.stack: list[str] = []  # "list", "callout" or the tag of every open element

    def run(self) -> _Tree:
        char, tree, stack, source = self.char, self.tree, self.stack, self.source
        code, regions, headings, items = tree.code, tree.regions, tree.headings, tree.items
        push, pop = stack.append, stack.pop
        lists = callouts = 0  # the lists and the callouts open
        for event, span in _parser().events_with_range(source):
            if type(event) is not dict:  # SoftBreak, HardBreak, Rule
                continue
            opened: Any = event.get("Start")
            if opened is None:
                if "End" in event:
                    closed = pop()
                    if closed == "list":
                        lists -= 1
                    elif closed == "callout":
                        callouts -= 1
                elif "Code" in event:
                    code.append((char(span["start"]), char(span["end"])))
                elif "DisplayMath" in event:
                    regions.append(self.block("math", char(span["start"]), char(span["end"])))
                continue
            if opened == "Item":  # the most common block here
                if not callouts:
                    items.append((char(span["start"]), char(span["end"]), lists - 1))
                push("Item")
                continue
            tag = opened if type(opened) is str else next(iter(opened))
            if tag not in BLOCKS:
                push(tag)
                continue
            start, end = char(span["start"]), char(span["end"])
            if tag == "Heading":
                if not stack:
                    headings.append((int(opened["Heading"]["level"][1]), start, end))
            elif tag == "List":
                lists += 1
                tag = "list"
            elif tag == "CodeBlock":
                code.append((start, end))
                regions.append(self.block("code", start, end))
            elif tag == "HtmlBlock":
                regions.append(self.block("html", start, end))
            elif tag == "BlockQuote" and CALLOUT.match(source, start):
                regions.append(self.block("callout", start, end))
                callouts += 1
                tag = "callout"
            push(tag)
        return tree

    def block(self, kind: str, start: int, end: int) -> Region:
        """A block from the start of its first line (when only white space comes before it) to
        the end of its last line."""
        start = SPACE.match(self.source, start, end).end()  # type: ignore[union-attr]
        line_start = self.lines.start(start)
        if not self.source[line_start:start].strip():
            start = line_start
        return Region(kind, start, _trim_end(self.source, start, end))


def _char_offsets(text: str) -> Callable[[int], int]:
    """The character offset in ``text`` of each UTF-8 byte offset the parser gives: the byte
    offset less the continuation bytes before it."""
    if text.isascii():
        return int  # the offset itself
    pieces = text.encode().translate(CONTINUATIONS).split(b"\x80")
    # Each continuation byte comes after the pieces before it and one byte for each of those.
    continuations = list(map(add, accumulate(map(len, pieces[:-1])), count()))
    return lambda offset: offset - bisect.bisect_left(continuations, offset)


# -- the body's parts ----------------------------------------------------------------------
def _heading(note: _Note, level: int, start: int, end: int) -> BodyHeading:
    masked, lines = note.masked, note.lines
    start = SPACE.match(masked, start, end).end()  # type: ignore[union-attr]
    last = _trim_end(masked, start, end, "\r\n") - 1
    first, final = lines.index(start), lines.index(last)  # the lines of the heading's first and last marks
    line_start, line_end = lines.starts[first], lines.end(final)
    setext = final > first
    if setext:  # the text lines, without the underline
        title_start, title_end = start, lines.starts[final]
    else:
        title_start = ATX_OPENING.match(masked, line_start).end()  # type: ignore[union-attr]
        content = masked[title_start:line_end].rstrip(TRIM)
        closing = ATX_CLOSING.search(content)
        title_end = title_start + (closing.start() if closing else len(content))
    title = masked[title_start:title_end]
    trimmed = title.lstrip(TRIM + "\r\n")
    title_start += len(title) - len(trimmed)
    title_end = title_start + len(trimmed.rstrip(TRIM + "\r\n"))
    base = note.base
    return BodyHeading(level, note.text[base + title_start:base + title_end], base + title_start,
                       note.before + first + 1, base + line_start, base + line_end, setext)


def _item(note: _Note, start: int, end: int, depth: int) -> BodyItem:
    masked, base, lines = note.masked, note.base, note.lines
    starts = lines.starts
    marker = MARKER.match(masked, start)
    assert marker is not None, "the parser's list item starts with a marker"
    marker_start, text_start = marker.start("marker"), marker.end()
    index = bisect.bisect_right(starts, marker_start) - 1  # lines.index, inlined: an item for every list line
    line_start = starts[index]
    sign, number = marker.group("marker", "number")
    before = masked[line_start:marker_start]
    last = max(marker_start, _trim_end(masked, start, end) - 1)
    return BodyItem(
        note.before + index + 1,  # line
        base + line_start,  # start
        len(before.expandtabs(4)) if "\t" in before else len(before),  # indent
        sign,
        base + marker_start,
        int(number) if number is not None else None,
        note.text[base + text_start:base + lines.end(index)],  # text: the rest of the marker's line
        base + text_start,
        note.before + bisect.bisect_right(starts, last),  # last_line: the note's line holding ``last``
        depth,
    )


def _wikilinks(visible: str, base: int) -> list[Wikilink]:
    links = []
    for match in WIKILINK.finditer(visible):
        parts = ALIAS.split(match.group("inner"), maxsplit=1)
        target, hashed, anchor = parts[0].partition("#")
        block = anchor[1:] if anchor.startswith("^") else None
        heading = anchor if hashed and block is None else None
        embed = visible[match.start() - 1:match.start()] == "!"
        links.append(Wikilink(target, heading, block, parts[1] if len(parts) > 1 else None, embed,
                              base + match.start() - embed, base + match.end()))
    return links


def _tags(visible: str, base: int) -> list[InlineTag]:
    """Tags as Obsidian reads them: after white space, letters, digits, symbols and emoji of any
    script and ``_ - /``, not only digits."""
    tags = []
    for match in TAG.finditer(visible):
        name = match.group()[1:]
        if not name.isascii():
            name = name[:next((i for i, char in enumerate(name) if not _tag_char(char)), len(name))]
        if name and not name.isdecimal() and not visible[match.start() - 1:match.start()].strip():
            tags.append(InlineTag(name, base + match.start(), base + match.start() + 1 + len(name)))
    return tags


def _block_ids(visible: str, base: int) -> list[BlockId]:
    """``^id`` at the end of a line, after white space or alone."""
    return [
        BlockId(match.group("id"), base + match.start(), base + match.end("id"))
        for match in BLOCK_ID.finditer(visible) if not visible[match.start() - 1:match.start()].strip()
    ]


def _tag_char(char: str) -> bool:
    """Past the ASCII filter of ``TAG``: anything but punctuation, separators and controls
    (the zero-width joiner inside emoji is kept)."""
    return char.isascii() or char == "\u200d" or unicodedata.category(char)[0] not in "PZC"


def _outermost(regions: list[Region]) -> list[Region]:
    """The regions sorted by start, less those inside another."""
    kept: list[Region] = []
    reach = -1
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        if region.end > reach:
            kept.append(region)
            reach = region.end
    return kept


def _trim_end(text: str, start: int, end: int, chars: str = " \t\r\n") -> int:
    """``end`` moved back over ``chars``, not before ``start``."""
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _line_end(text: str, offset: int) -> int:
    found = NEXT_BREAK.search(text, offset)
    return found.start() if found else len(text)
