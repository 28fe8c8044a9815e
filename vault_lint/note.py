"""The one place where a note is parsed.

A note is decoded once, its front matter is composed once by PyYAML (the C
loader when present) into a node graph that gives both the values and the
position of every key and list item, and its body is scanned once for
headings, sections and list items. Every rule reads this shared model.

Offsets are indexes into ``Note.text`` (the decoded text without its BOM);
``Note.position`` turns one into a 1-based line and column.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import add, attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault_lint.lines import LINE_BREAK, ending_counts, line_starts, line_texts

if TYPE_CHECKING:
    import yaml

    from vault_lint.markdown import Body
    from vault_lint.markdown import BodyItem as ListItem

# Limits that keep hostile front matter from costing memory or recursion.
MAX_NODES = 100_000  # nodes after alias expansion
MAX_DEPTH = 100  # nesting of lists and mappings

UTF_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32-BE"),
    (b"\xff\xfe\x00\x00", "UTF-32-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
)
UTF8_BOM = b"\xef\xbb\xbf"
NOT_A_FILE = "not a regular file (a pipe, socket or device named like a note)"


def __getattr__(name: str) -> Any:
    # Lazy, for import time: a run whose notes all come from the cache parses no body.
    if name == "ListItem":
        from vault_lint.markdown import BodyItem

        return BodyItem
    raise AttributeError(name)


class InvalidTimestamp(str):
    """A value that looks like a YAML timestamp but names no real date
    (``2025-02-30``): kept as its text so the schema reports it."""


@lru_cache(maxsize=1)
def _yaml() -> Any:
    """PyYAML, imported the first time a front matter is read (about 15 ms of
    import time a run whose notes all come from the cache does not pay), and
    its loader: the C one when present, safe loading only, impossible dates
    as ``InvalidTimestamp``, the resolution of each scalar's tag remembered
    (a vault repeats its keys and values in every note)."""
    import yaml

    def timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return InvalidTimestamp(node.value)

    resolved: dict[tuple[str, tuple[bool, bool]], str] = {}
    scalar = yaml.ScalarNode

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """Safe loading only; impossible dates become ``InvalidTimestamp``."""

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            if kind is not scalar or type(value) is not str:
                return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
            key = (value, implicit)
            tag = resolved.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(resolved) < 50_000 and len(value) < 256:
                    resolved[key] = tag
            return tag

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    yaml.vault_lint_loader = Loader  # type: ignore[attr-defined]
    return yaml


@dataclass(frozen=True)
class Problem:
    """Why the front matter could not be read, and where."""

    kind: str  # "yaml" | "unterminated" | "unsupported"
    message: str
    offset: int


# The parts of a note (items, lines, headings) are made by the dozen for
# every note: not frozen, whose ``__init__`` sets each field through
# ``object.__setattr__`` (three times the cost); nothing changes them, and
# they hash as if frozen.
@dataclass(slots=True, unsafe_hash=True)
class Item:
    """A scalar item of a front matter list."""

    value: Any
    start: int
    end: int
    style: str  # '"', "'" or "" (plain)


@dataclass
class Entry:
    """One ``key: value`` pair of the front matter, with its positions."""

    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    node: yaml.Node
    value: Any = None
    items: list[Item] = field(default_factory=list)

    @property
    def style(self) -> str:
        """The scalar's quoting: '"', "'" or "" (plain, or not a scalar)."""
        return getattr(self.node, "style", None) or ""

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.node, _yaml().SequenceNode)

    @property
    def flow(self) -> bool:
        return bool(getattr(self.node, "flow_style", False))


@dataclass
class FrontMatter:
    """The YAML block; it opens at offset 0 (the first line is ``---``)."""

    content_start: int
    content_end: int  # the closing '---' line
    end: int  # after the closing line and its newline
    data: dict[str, Any] | None = None
    entries: dict[str, Entry] = field(default_factory=dict)  # the last of each key
    order: list[Entry] = field(default_factory=list)  # every key, as written
    scalars: list[yaml.ScalarNode] = field(default_factory=list)


@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One line of a note, and whether Obsidian shows it as text (not code, a comment or a callout)."""

    number: int  # 1-based
    start: int
    end: int  # before the line ending
    text: str
    # Inside code, a comment, an HTML or math block, or a callout: not read
    # as recipe text (never a section, a step, a source link or a value).
    hidden: bool = False
    visible: str | None = None  # the text with its inline comments blanked out (None: no comment)

    @property
    def content(self) -> str:
        """The text as the body is read: inline comments blanked out, one
        character for one, so offsets stay valid."""
        return self.text if self.visible is None else self.visible


@dataclass(slots=True, unsafe_hash=True)
class Heading:
    """An outline heading of the body (ATX ``## Title`` or setext, a title
    line over ``===`` or ``---``)."""

    level: int
    title: str
    line: int  # the (first) title line
    start: int  # start of that line
    title_start: int
    end: int  # end of the heading's last line (a setext underline)
    setext: bool = False

    @property
    def key(self) -> str:
        return heading_key(self.title)



@dataclass
class Note:
    """A note as read: its text, how it was read, its front matter and its body, parsed once."""

    path: str
    text: str
    bom: bool = False
    raw_size: int = 0
    binary: bool = False
    io_error: str | None = None  # why the file could not be read
    too_large: bool = False
    outside: str | None = None  # where a link leading out of the vault points
    foreign_encoding: str | None = None  # UTF-16/32 found by its BOM
    bad_utf8: bool = False  # bytes that are not UTF-8 (kept as U+DC80..U+DCFF)
    frontmatter: FrontMatter | None = None
    problem: Problem | None = None
    body_start: int = 0
    lines: list[Line] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    items: dict[int, ListItem] = field(default_factory=dict)  # list items read as text, by line
    line_starts: list[int] = field(default_factory=lambda: [0])  # an unread file has one empty line
    body: Body | None = None  # the body as read (regions, comments, wikilinks, inline tags, block ids)

    # -- positions -------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a text offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def next_line_start(self, number: int) -> int:
        """Where the line after line ``number`` starts (the text's end after the last)."""
        return self.line_starts[number] if number < len(self.line_starts) else len(self.text)

    def line_at(self, number: int) -> str:
        return self.text[self.line_starts[number - 1]:self.next_line_start(number)].rstrip("\r\n")

    @cached_property
    def endings(self) -> list[tuple[int, str]]:
        """(offset, text) of every line ending: ``\n``, ``\r\n`` or ``\r``."""
        if "\r" not in self.text:  # each line start but the first follows a "\n"
            return [(start - 1, "\n") for start in self.line_starts[1:]]
        return [(match.start(), match.group()) for match in LINE_BREAK.finditer(self.text)]

    @cached_property
    def newline(self) -> str:
        """The note's dominant line ending (LF when it has none; LF first,
        then CRLF, on a tie)."""
        counts = ending_counts(self.text)
        return max(counts, key=counts.__getitem__)

    @property
    def readable(self) -> bool:
        return not (self.binary or self.foreign_encoding or self.io_error or self.too_large or self.outside)

    @property
    def data(self) -> dict[str, Any]:
        return (self.frontmatter.data if self.frontmatter else None) or {}

    # -- body ------------------------------------------------------------
    @cached_property
    def body_lines(self) -> list[Line]:
        """The lines that start in the body (``Note.lines`` start where ``line_starts`` do)."""
        return self.lines[bisect.bisect_left(self.line_starts, self.body_start):]

    def lines_between(self, after: int, before: int) -> tuple[Line, ...]:
        """The lines that start after offset ``after`` and before ``before``."""
        first = bisect.bisect_right(self.line_starts, after)
        last = bisect.bisect_left(self.line_starts, before)
        return tuple(self.lines[first:last])

    def item_at(self, line: Line) -> ListItem | None:
        """The list item whose marker is on ``line``, if any."""
        return self.items.get(line.number)


# -- reading and decoding ---------------------------------------------------

def read_note(path: Path, display: str, max_size: int) -> tuple[Note, bytes]:
    """Read a note's bytes once (never more than ``max_size``) and decode them.

    Returns the note and the bytes read, which the fixer compares with the
    file before it replaces it.
    """
    raw = read_bytes(path, display, max_size)
    if isinstance(raw, Note):
        return raw, b""
    return decode(display, raw), raw


def read_bytes(path: Path, display: str, max_size: int) -> bytes | Note:
    """A note's bytes (never more than ``max_size``), or, when they cannot be
    read, the unread note saying why."""
    try:
        # Non-blocking, so that a FIFO named like a note cannot hang the run.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Note(path=display, text="", io_error=NOT_A_FILE)
            if info.st_size > max_size:
                return Note(path=display, text="", raw_size=info.st_size, too_large=True)
            # As many bytes as the file has (asking for the limit costs a buffer that large),
            # then the rest, up to the limit, should it have grown since.
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += handle.read(max_size + 1 - len(raw))
    except OSError as error:
        return Note(path=display, text="", io_error=error.strerror or str(error))
    if len(raw) > max_size:
        return Note(path=display, text="", raw_size=len(raw), too_large=True)
    return raw


def decode(path: str, raw: bytes) -> Note:
    """Decode a note's bytes; an undecodable note is returned unparsed."""
    note = Note(path=path, text="", raw_size=len(raw))
    for bom, name in UTF_BOMS:
        if raw.startswith(bom):
            note.foreign_encoding = name
            return note
    if b"\x00" in raw:
        note.binary = True
        return note
    if raw.startswith(UTF8_BOM):
        note.bom = True
        raw = raw[len(UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        note.bad_utf8 = True
        text = raw.decode("utf-8", "surrogateescape")
    return parse_text(path, text, note)


def encode(note: Note, text: str) -> bytes:
    """The bytes of ``text`` written as ``note`` was: same BOM, and any
    undecodable byte restored as it was."""
    data = text.encode("utf-8", "surrogateescape")
    return UTF8_BOM + data if note.bom else data


# -- parsing ---------------------------------------------------------------

def parse_text(path: str, text: str, note: Note | None = None) -> Note:
    note = note or Note(path=path, text=text)
    note.text = text
    texts = line_texts(text)
    note.line_starts = line_starts(text, texts)
    _parse_frontmatter(note)
    _parse_body(note, texts)
    return note


# The line breaks of a note (and of every tool reading it here): not the
# other characters ``str.splitlines`` breaks on (\f, \x85, \u2028...).


def split_lines(text: str) -> list[str]:
    """``text``'s lines with their endings, broken only at CR, LF and CRLF."""
    starts = line_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)]) if a < b]


def _line_count(note: Note) -> int:
    """How many ``Line``s the note has: every line, the last one only when it
    holds something (the first one always)."""
    starts = note.line_starts
    return len(starts) - (len(starts) > 1 and starts[-1] == len(note.text))


def _line_text(note: Note, number: int) -> str:
    starts = note.line_starts
    end = starts[number] if number < len(starts) else len(note.text)
    return note.text[starts[number - 1]:end].rstrip("\r\n")


def _frontmatter_bounds(note: Note) -> tuple[int, int, int] | Problem | None:
    """(content start, closing line start, end) of a YAML block, a Problem, or None."""
    text, starts = note.text, note.line_starts
    count = _line_count(note)
    first = _line_text(note, 1)
    if first.rstrip() == "---":
        for number in range(2, count + 1):
            # A closing line starts with its mark: the other lines are not cut out of the text.
            closing = text.startswith(("---", "..."), starts[number - 1])
            if closing and _line_text(note, number).rstrip() in ("---", "..."):
                nxt = starts[number] if number < len(starts) else len(text)
                return starts[1], starts[number - 1], nxt
        return Problem("unterminated", "front matter opened with '---' on line 1 is never closed", 0)
    if first.rstrip() == "+++":
        return Problem("unsupported", "TOML front matter ('+++') is not read by Obsidian; use YAML between '---' lines", 0)
    if first.lstrip().startswith("{") and _json_object_at_start(text, [_line_text(note, n) for n in range(1, count + 1)]):
        return Problem("unsupported", "JSON front matter is not read by Obsidian; use YAML between '---' lines", 0)
    return None


def _json_object_at_start(text: str, lines: list[str]) -> bool:
    """Does the note open with a JSON object (``{"cuisine": "thai"}``, on one
    line or several), or a ``{`` line closed by a ``}`` line (Hugo's JSON
    front matter, even when it does not decode)?"""
    import json  # lazy, for import time: only notes opening with '{' need it

    try:
        value, _ = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except ValueError:
        return lines[0].strip() == "{" and any(line.strip() == "}" for line in lines[1:])
    return isinstance(value, dict)


def _parse_frontmatter(note: Note) -> None:
    bounds = _frontmatter_bounds(note)
    if bounds is None:
        return
    if isinstance(bounds, Problem):
        note.problem = bounds
        return
    content_start, content_end, end = bounds
    fm = FrontMatter(content_start=content_start, content_end=content_end, end=end)
    note.frontmatter = fm
    note.body_start = end
    source = _yaml_source(note.text[content_start:content_end])
    yaml = _yaml()
    try:
        loader = yaml.vault_lint_loader(source)
        try:
            root = loader.get_single_node()
            if root is not None:
                nodes, shared = _limited(root, "*" in source)
                _collect(fm, root, note.text, nodes, shared)
                data = _construct(loader, root, shared)
            else:
                data = {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = content_start + (mark.index if mark else 0)
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        if "nesting depth" in message:  # libyaml's own limit (PyYAML >= 6.0.4)
            message = TOO_DEEP
        note.problem = Problem("yaml", message or "invalid YAML", offset)
        return
    except (yaml.YAMLError, RecursionError, _TooLarge, TypeError, ValueError) as error:
        offset = getattr(error, "offset", 0)
        note.problem = Problem("yaml", _describe(error), content_start + offset)
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        kind = {"list": "a list", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean"}.get(kind, kind)
        note.problem = Problem("yaml", f"front matter is {kind}, not a mapping of keys to values", content_start)
        return
    fm.data = data
    for entry in fm.entries.values():
        entry.value = fm.data.get(entry.key)


TOO_DEEP = f"front matter is nested too deeply (more than {MAX_DEPTH} levels)"
UNDECODABLE = re.compile("[\udc80-\udcff]")


def _yaml_source(source: str) -> str:
    """The block as YAML reads it: bytes that were not UTF-8 (kept as
    surrogate escapes in ``Note.text``) become U+FFFD, as an editor shows
    them. One character for one, so every offset stays valid."""
    return UNDECODABLE.sub("\ufffd", source)


class _TooLarge(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _nfc(value: Any) -> Any:
    """Keys and text in one Unicode form (a note typed on macOS may hold
    decomposed accents): rules compare what the note means, not its bytes."""
    if isinstance(value, str):
        if value.isascii() or isinstance(value, InvalidTimestamp):
            return value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {_nfc(key): _nfc(item) for key, item in value.items()}
    return value


def _describe(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return TOO_DEEP
    if isinstance(error, _TooLarge):
        return str(error)
    return f"front matter cannot be read: {error}"


def _nodes(root: yaml.Node, aliases: bool) -> tuple[list[yaml.Node], int, bool]:
    """Every node of the graph once, in document order for a tree; how deep it
    goes (the root at 1); whether a node is reached twice (an alias). Without
    ``aliases`` (no ``*`` in the text) the graph is a tree: no node is looked
    for among those met already."""
    yaml = _yaml()
    sequence, mapping = yaml.SequenceNode, yaml.MappingNode
    seen: set[int] = set()
    nodes: list[yaml.Node] = []
    shared = False
    deepest = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if aliases:
            if id(node) in seen:
                shared = True
                continue
            seen.add(id(node))
        nodes.append(node)
        if depth > deepest:
            deepest = depth
            if depth > MAX_DEPTH + 1:
                return nodes, depth, shared  # _check_size says where
        kind = type(node)
        if kind is sequence or (kind is not mapping and isinstance(node, sequence)):
            stack.extend((child, depth + 1) for child in reversed(node.value))
        elif kind is mapping or isinstance(node, mapping):
            for key, value in reversed(node.value):
                stack.append((value, depth + 1))
                stack.append((key, depth + 1))
    return nodes, deepest, shared


def _limited(root: yaml.Node, aliases: bool = True) -> tuple[list[yaml.Node], bool]:
    """A composed document's nodes, and whether aliases share some of them;
    ``_TooLarge`` when it goes past the limits once its aliases are followed
    (``MAX_NODES`` values, ``MAX_DEPTH`` levels). ``aliases``: whether its text
    may hold one."""
    nodes, depth, shared = _nodes(root, aliases)
    if shared or depth > MAX_DEPTH:
        _check_size(root)  # aliases, or too deep: the limits, with the node to blame
    return nodes, shared


def bounded(root: yaml.Node) -> bool:
    """Does a composed document stay within the limits (``_limited``)?"""
    try:
        _limited(root)
    except _TooLarge:
        return False
    return True


def _check_size(root: yaml.Node) -> None:
    """Refuse alias bombs and deep nesting before anything walks the graph.

    Computes, without recursion and visiting each shared node once, how many
    values and how many levels the graph expands to once its aliases are
    followed. Values actually written cost what the file costs (its size is
    bounded); only what aliases add beyond them is limited.
    """
    expanded: dict[int, tuple[int, int]] = {}  # id -> (values, levels)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if depth > MAX_DEPTH:
            raise _TooLarge(TOO_DEEP, node.start_mark.index)
        children = _children(node)
        if children and not children_done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children if id(child) not in expanded)
            continue
        values = 1 + sum(expanded[id(child)][0] for child in children)
        levels = 1 + max((expanded[id(child)][1] for child in children), default=0)
        if depth + levels - 1 > MAX_DEPTH:
            raise _TooLarge(TOO_DEEP, node.start_mark.index)
        if values > MAX_NODES + len(expanded):
            raise _TooLarge(
                f"aliases expand too far: the front matter would grow past {MAX_NODES:,} values",
                node.start_mark.index,
            )
        expanded[id(node)] = (values, levels)


def _children(node: yaml.Node) -> list[yaml.Node]:
    yaml = _yaml()
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


# The tags whose values ``_construct`` builds itself (PyYAML's own constructor
# for each scalar), and those of the collections it walks.
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_PLAIN_SCALARS = frozenset({_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                            "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"})
_REMEMBERED = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"})  # immutable, costly to build
_SCALARS: dict[tuple[str, str], Any] = {}  # (tag, text) -> value


class _Unusual(Exception):
    """A front matter ``_construct`` leaves to PyYAML's constructor."""


def _construct(loader: Any, root: yaml.Node, shared: bool) -> Any:
    """The data of the document, its text in NFC (``_nfc``): as PyYAML's
    constructor builds it, built here for a tree of mappings, lists and plain
    scalars (no alias, merge key, or other tag), the common case, at a
    fraction of the cost; anything else is PyYAML's."""
    if not shared:
        try:
            return _build(loader, root)
        except _Unusual:
            pass
    return _nfc(loader.construct_document(root))


def _build(loader: Any, node: yaml.Node) -> Any:
    tag = node.tag
    if tag in _PLAIN_SCALARS:
        value = node.value
        if type(value) is not str:
            raise _Unusual
        if tag == _STR:
            return value if value.isascii() else _nfc(value)
        if tag not in _REMEMBERED:
            return loader.yaml_constructors[tag](loader, node)
        key = (tag, value)
        if key in _SCALARS:
            return _SCALARS[key]
        built = loader.yaml_constructors[tag](loader, node)
        if len(_SCALARS) < 50_000 and len(value) < 256:
            _SCALARS[key] = built
        return built
    if tag == _SEQ and type(node.value) is list:
        return [_build(loader, child) for child in node.value]
    if tag == _MAP and type(node.value) is list:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag not in _PLAIN_SCALARS or not isinstance(key_node.value, str):
                raise _Unusual  # a merge key ('<<'), '=', a list or a mapping as a key...
            mapping[_build(loader, key_node)] = _build(loader, value_node)
        return mapping
    raise _Unusual


def _collect(fm: FrontMatter, root: yaml.Node, text: str, nodes: list[yaml.Node], shared: bool) -> None:
    """Record the position of every top-level key and list item, and every
    scalar of the block once (for rules that look at how values are written)."""
    yaml = _yaml()
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    base = fm.content_start
    fm.scalars = sorted([node for node in nodes if isinstance(node, scalar)], key=attrgetter("start_mark.index"))
    if not isinstance(root, yaml.MappingNode):
        return
    placed: set[int] = set()  # nodes met already: met again, they are aliases (none in a tree)
    for key_node, value_node in root.value:
        if not isinstance(key_node, scalar):
            continue
        key_start, key_end = base + key_node.start_mark.index, base + key_node.end_mark.index
        value_start, value_end = _span(text, value_node, base, placed, key_end)
        key = str(key_node.value)
        entry = Entry(key if key.isascii() else unicodedata.normalize("NFC", key), key_start, key_end,
                      value_start, value_end, value_node)
        if isinstance(value_node, sequence) and id(value_node) not in placed:
            cursor = value_start
            for child in value_node.value:
                start, end = _span(text, child, base, placed, cursor)
                cursor = max(cursor, end)
                if shared:
                    placed.update(id(node) for node in _walk(child))
                if isinstance(child, scalar):
                    entry.items.append(Item(child.value, start, end, child.style or ""))
        if shared:
            placed.update(id(node) for node in _walk(value_node))
        fm.order.append(entry)
        fm.entries[entry.key] = entry


ALIAS = re.compile(r"\*[^\s,\[\]{}]+")
PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+)+")


def _span(text: str, node: yaml.Node, base: int, placed: set[int], after: int) -> tuple[int, int]:
    """Where a value is written: for an alias (``*t``), its own token (the
    node's marks are the anchor's); otherwise the node without its anchor or
    tag (``&t 60`` -> ``60``) and without a block scalar's final line break."""
    if id(node) in placed:
        match = ALIAS.search(text, after)
        return (match.start(), match.end()) if match else (after, after)
    start, end = base + node.start_mark.index, base + node.end_mark.index
    if node.id == "scalar":
        if text[start:start + 1] in ("&", "!"):
            properties = PROPERTIES.match(text, start, end)
            start = properties.end() if properties else start
        if node.style in ("|", ">"):
            end = start + len(text[start:end].rstrip("\r\n"))
    return start, end


def _walk(node: yaml.Node) -> list[yaml.Node]:
    """Every node under ``node`` once (an aliased node is not walked twice)."""
    seen: dict[int, yaml.Node] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) not in seen:
            seen[id(current)] = current
            stack.extend(_children(current))
    return list(seen.values())


# -- body --------------------------------------------------------------------

def _parse_body(note: Note, texts: list[str]) -> None:
    """Read the body as Obsidian does (``vault_lint.markdown``): mark the
    lines inside code, comments, HTML, math and callouts, blank the inline
    comments out of the others, and keep the outline headings and the list
    items. ``texts`` are the note's ``line_texts``."""
    from vault_lint.markdown import hidden_lines, parse_body

    text, starts = note.text, note.line_starts
    body = parse_body(text, note.body_start)
    hidden = hidden_lines(body, text, starts)
    contents = texts[:_line_count(note)]
    visible: dict[int, str] = {}  # line number -> its text with its comments blanked out
    for start, end in body.comments:
        _blank(note, contents, hidden, visible, start, end)
    # Built plain (``map`` calls ``Line`` with no loop of its own), then the few hidden lines
    # and lines with a comment are marked.
    lines = note.lines = list(map(Line, itertools.count(1), starts, map(add, starts, map(len, contents)), contents))
    for number in hidden:
        if number <= len(lines):
            lines[number - 1].hidden = True
    for number, content in visible.items():
        lines[number - 1].visible = content
    note.headings = [Heading(h.level, h.title, h.line, h.start, h.title_start, h.end, h.setext) for h in body.headings]
    note.items = {item.line: item for item in body.items}
    note.body = body


def _blank(note: Note, contents: list[str], hidden: frozenset[int], visible: dict[int, str],
           start: int, end: int) -> None:
    """Blank a comment out of the ``content`` of the lines it crosses."""
    starts = note.line_starts
    first, last = note.position(start)[0], note.position(end)[0]
    for number in range(first, min(last, len(contents)) + 1):
        if number in hidden:
            continue
        line_start = starts[number - 1]
        line_end = line_start + len(contents[number - 1])
        a, b = max(start, line_start) - line_start, min(end, line_end) - line_start
        if a >= b:
            continue
        content = visible.get(number, contents[number - 1])
        visible[number] = content[:a] + " " * (b - a) + content[b:]


FOLDED = 128  # texts up to this length are remembered once folded (tags and names repeat in every note)


def fold(text: str) -> str:
    """Text as compared without regard to case or Unicode normal form."""
    if text.isascii():
        return text.lower()  # the same as NFC and casefold for ASCII
    if len(text) > FOLDED:  # a section's text: not remembered (8,192 of them would hold 90 MB)
        return unicodedata.normalize("NFC", text).casefold()
    return _fold(text)


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def indent_width(text: str) -> int:
    """The width of a line's leading white space (tab stops every 4 columns)."""
    return len(text[:len(text) - len(text.lstrip(" \t"))].expandtabs(4))


TRAILING_ANCHOR = re.compile(r"\{[^}]*\}\s*$")


class _KeyCharacters(dict[int, str]):
    """What a character of a heading becomes in its key: itself for a letter,
    a digit, a space, ``-``, ``'`` or ``’``, a space for anything else. Filled
    as ``str.translate`` meets characters, up to a few thousand of them."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kept = char if unicodedata.category(char)[0] in "LN" or char in " -'’" else " "
        if len(self) < 4096:
            self[code] = kept
        return kept


_KEY_CHARACTERS = _KeyCharacters()


@lru_cache(maxsize=4096)  # rules compare every heading with every section name
def heading_key(title: str) -> str:
    """A heading's text reduced for comparison: emoji, punctuation, a trailing
    colon and a trailing ``{ #anchor }`` dropped, case folded."""
    title = TRAILING_ANCHOR.sub("", unicodedata.normalize("NFC", title))
    return " ".join(title.translate(_KEY_CHARACTERS).split()).casefold()
