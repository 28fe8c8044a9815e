"""The links of a vault as Obsidian reads and resolves them (for the broken-link rule).

``extract_links`` lists every link a note makes: wikilinks and embeds (also inside ``%%`` and
``<!-- -->`` comments, which Obsidian indexes), Markdown links and images to files of the vault,
and wikilinks written in front matter values. Nothing inside code, inline code, HTML blocks or
math is a link. ``targets_of`` lists what a link can point at in a note: its outline headings
and its block ids, as plain data the cache can keep. ``Resolver`` resolves a link against every
file of the vault as Obsidian does: by file name anywhere in the vault, case-insensitively,
preferring the linking note's folder, then the shortest path.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from vault_lint.markdown import ALIAS, BLOCK_ID, WIKILINK
from vault_lint.note import Note, fold

# ``[text](destination "title")`` and ``![alt](image.png)``: the destination in ``<…>`` (spaces
# allowed) or bare (balanced parentheses, backslash escapes); text on one line, starting with
# no '[' (``[[Note]](x)`` is a wikilink followed by text).
MARKDOWN_LINK = re.compile(
    r"(?<!\\)!?\[(?!\[)(?:\\.|[^\[\]\\\r\n]|\[[^\[\]\r\n]*\])*\]"
    r"\([ \t]*(?:<(?P<angle>[^<>\r\n]*)>|(?P<bare>(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))+))"
    r"(?:[ \t]+(?:\"[^\"\r\n]*\"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*\)"
)
WEB = ("http://", "https://")  # a Markdown link's destination that leads out of the vault
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# A code span: a run of backticks closed by a run of the same length, within one paragraph.
INLINE_CODE = re.compile(r"(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)\1(?!`)")
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)(?:\\.|[^$\r\n\\])+?(?<=\S)\$(?!\d)")
LINE = re.compile(r"[^\r\n]*")
NOT_A_BREAK = re.compile(r"[^\r\n]")
QUOTE_MARKS = re.compile(r"[ \t]*(?:>[ \t]?)+")
FENCE = re.compile(r"(`{3,}|~{3,})")
# What Obsidian drops from a heading and from a link's heading before comparing them: ASCII
# punctuation but ``'``, ``-`` and ``_``.
HEADING_PUNCTUATION = re.compile(r"[!\"#$%&()*+,./:;<=>?@\[\\\]^`{|}~]")
# A name ending in an extension other than ``.md`` (``photo.jpg``; not ``Mr. Smith``, not ``v1.2``).
ATTACHMENT = re.compile(r"\.(?!md$)[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$", re.IGNORECASE)
HIDDEN_KINDS = frozenset({"code", "html", "math"})


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One link of a note, its parts as written (a Markdown link's URL-decoded)."""

    target: str  # the file named, without heading or block ("" for the note itself)
    heading: tuple[str, ...] | None  # ``#A#B``: ("A", "B")
    block: str | None  # ``#^id``: "id"
    embed: bool  # ``![[…]]`` or ``![…](…)``
    markdown: bool  # ``[text](path)`` rather than ``[[path]]``
    start: int  # the '!' of an embed, else the first '['
    end: int  # after ']]' or ')'

    @property
    def parts(self) -> tuple[str, tuple[str, ...] | None, str | None, bool, bool]:
        """What the link asks for, without its place: as the vault index keeps
        it (``index.Summary.links``) and VL002 judges it (``VaultIndex.link_problem``)."""
        return self.target, self.heading, self.block, self.embed, self.markdown


@dataclass(frozen=True, slots=True)
class NoteTargets:
    """What a link can point at in a note: plain data (``dataclasses.astuple`` gives tuples of
    str and int the cache can store; ``NoteTargets(*data)`` rebuilds it)."""

    headings: tuple[tuple[int, str], ...]  # (level, title) of each outline heading, in order
    blocks: tuple[str, ...]  # block ids, without '^', as written


# -- what a note links to ------------------------------------------------------------------
def extract_links(note: Note) -> tuple[LinkRef, ...]:
    """Every link ``note`` makes, in the order they are written."""
    if note.body is None:
        return ()
    if not _may_link(note):
        return tuple(sorted(_frontmatter_links(note), key=lambda link: link.start))
    scan = _linkable(note)
    # The parse's wikilinks (less those in inline math), and those in comments.
    spans = [(link.start, link.end) for link in note.body.wikilinks if scan[link.end - 1] == "]"]
    spans += [_span(scan, match) for start, end in note.body.comments
              for match in WIKILINK.finditer(scan, start, end)]
    links = [_wikilink(note.text, start, end) for start, end in spans]
    if "](" in scan:
        links += _markdown_links(_blank(scan, spans))
    links += _frontmatter_links(note)
    return tuple(sorted(links, key=lambda link: link.start))


def _may_link(note: Note) -> bool:
    """Could the body link to a file of the vault? Not without a wikilink (read by the parse,
    or in a comment) or a Markdown link whose destination is no web address: most recipes
    link only to their source, and are not scanned further."""
    assert note.body is not None
    text = note.text
    if note.body.wikilinks or any("[[" in text[start:end] for start, end in note.body.comments):
        return True
    at = text.find("](", note.body_start)
    while at >= 0:
        if not text.startswith(WEB, at + 2):
            return True
        at = text.find("](", at + 2)
    return False


def _linkable(note: Note) -> str:
    """The note's text with what holds no link blanked out (one space for each character, line
    breaks kept): the front matter, code, HTML and math blocks, fenced code inside callouts,
    inline code and inline math."""
    assert note.body is not None
    spans = [(0, note.body_start)]
    spans += [(region.start, region.end) for region in note.body.regions if region.kind in HIDDEN_KINDS]
    spans += [span for region in note.body.regions if region.kind == "callout"
              for span in _callout_code(note.text, region.start, region.end)]
    text = _blank(note.text, spans)
    if "`" in text:
        text = _blank(text, [match.span() for match in INLINE_CODE.finditer(text)])
    if "$" in text:
        text = _blank(text, [match.span() for match in INLINE_MATH.finditer(text)])
    return text


def _callout_code(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The fenced code blocks of a callout (``> ```…``), which the parse keeps inside it."""
    fence = ""
    for line in LINE.finditer(text, start, end):
        if not line.group():
            continue
        marks = QUOTE_MARKS.match(line.group())  # none on a lazy continuation line
        content = line.start() + (marks.end() if marks else 0)
        opening = FENCE.match(text, content, line.end())
        if fence:
            yield line.span()
            # Closed by a run of the same character, as long or longer, alone on its line.
            if opening and opening.group().startswith(fence) and not text[opening.end():line.end()].strip():
                fence = ""
        elif opening:
            fence = opening.group()
            yield line.span()


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` but line breaks replaced by spaces."""
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if start < end:
            part = text[start:end]
            blank = NOT_A_BREAK.sub(" ", part) if "\n" in part or "\r" in part else " " * len(part)
            pieces += [text[last:start], blank]
            last = end
    return "".join([*pieces, text[last:]])


def _span(text: str, match: re.Match[str]) -> tuple[int, int]:
    """Where a wikilink found by ``WIKILINK`` is written, with the '!' of an embed."""
    return match.start() - (text[match.start() - 1:match.start()] == "!"), match.end()


def _wikilink(text: str, start: int, end: int) -> LinkRef:
    """The parts of the wikilink ``text[start:end]``: ``[[…]]``, or the embed ``![[…]]``."""
    embed = text[start] == "!"
    inner = text[start + 2 + embed:end - 2]
    path = ALIAS.split(inner, maxsplit=1)[0]
    target, _, anchor = path.partition("#")
    return _link(target, anchor, embed, False, start, end)


def _markdown_links(scan: str) -> Iterator[LinkRef]:
    """The Markdown links and images of ``scan`` that lead to a file of the vault (no ``:``
    in their path: ``https:``, ``mailto:`` and ``C:`` lead out)."""
    for match in MARKDOWN_LINK.finditer(scan):
        written = match.group("angle") if match.group("angle") is not None else match.group("bare")
        destination = unquote(ESCAPE.sub(r"\1", written))
        target, _, anchor = destination.partition("#")
        if destination and ":" not in target:
            yield _link(target, anchor, match.group().startswith("!"), True, match.start(), match.end())


def _frontmatter_links(note: Note) -> Iterator[LinkRef]:
    """Wikilinks written in front matter values (``related: "[[Tarte tatin]]"``), which
    Obsidian reads as links of the note's properties."""
    frontmatter = note.frontmatter
    if frontmatter is None or note.problem is not None \
            or note.text.find("[[", frontmatter.content_start, frontmatter.content_end) < 0:
        return
    base = frontmatter.content_start
    for node in frontmatter.scalars:
        start, end = base + node.start_mark.index, base + node.end_mark.index
        for match in WIKILINK.finditer(note.text, start, end):
            yield _wikilink(note.text, *_span(note.text, match))


def _link(target: str, anchor: str, embed: bool, markdown: bool, start: int, end: int) -> LinkRef:
    """A link from its target and what follows its first '#': ``^id`` names a block, anything
    else headings, one for each '#'-separated part."""
    if anchor.startswith("^"):
        return LinkRef(target, None, anchor[1:], embed, markdown, start, end)
    heading = tuple(part for part in anchor.split("#") if part)
    return LinkRef(target, heading or None, None, embed, markdown, start, end)


# -- what a note can be linked at ----------------------------------------------------------
def targets_of(note: Note) -> NoteTargets:
    """The outline headings of ``note`` and its block ids: ``^id`` at the end of a line (after
    white space, or alone on its line), or right after an embed (``![[photo.png]]^cover``)."""
    headings = tuple((heading.level, heading.title) for heading in note.headings)
    if note.body is None:
        return NoteTargets(headings, ())
    blocks = [block.id for block in note.body.block_ids]
    blocks += [match.group("id") for link in note.body.wikilinks if link.embed
               if (match := BLOCK_ID.match(note.text, link.end))]  # ``![[photo.png]]^cover``
    return NoteTargets(headings, tuple(dict.fromkeys(blocks)))


def heading_key(text: str) -> str:
    """A heading, or a link's heading, as Obsidian compares them: ASCII punctuation but ``'``,
    ``-`` and ``_`` turned to spaces, white space collapsed, lower case."""
    return " ".join(HEADING_PUNCTUATION.sub(" ", text).split()).lower()


# -- resolving ---------------------------------------------------------------------------
class _Anchors:
    """A note's targets ready for lookups."""

    def __init__(self, targets: NoteTargets) -> None:
        self.headings = [(level, heading_key(title)) for level, title in targets.headings]
        self.blocks = frozenset(block.lower() for block in targets.blocks)

    def has_heading(self, parts: tuple[str, ...]) -> bool:
        """Is there a heading for the first part, then one under it for the next, and so on?
        As Obsidian walks them: each part is looked for after the heading found for the part
        before it, and not past the end of that heading's section."""
        position, above = 0, 0  # where to look from; the level of the heading found last
        for part in map(heading_key, parts):
            while True:
                if position == len(self.headings):
                    return False
                level, key = self.headings[position]
                position += 1
                if above and level <= above:
                    return False
                if key == part:
                    above = level
                    break
        return True


class Resolver:
    """Resolves links against every file of a vault.

    ``files``: every file of the vault (notes and attachments), as vault-relative POSIX paths;
    ``targets``: the headings and block ids of the Markdown notes, by path.
    """

    def __init__(self, files: Iterable[str], targets: Mapping[str, NoteTargets]) -> None:
        self._paths: dict[str, str] = {}  # folded path -> path
        self._names: dict[str, list[tuple[str, str]]] = {}  # folded file name -> (folded path, path)
        for path in files:
            folded = fold(path)
            self._paths.setdefault(folded, path)
            self._names.setdefault(folded.rpartition("/")[2], []).append((folded, path))
        for paths in self._names.values():
            paths.sort(key=lambda pair: (len(pair[0]), pair[0]))
        self._targets = targets
        self._anchors: dict[str, _Anchors] = {}

    def problem(self, source: str, link: LinkRef) -> str | None:
        """Why ``link``, made by the note at ``source``, is broken; None when it is not."""
        path = self.resolve(source, link)
        if path is None:
            target = link.target.strip()
            return f"{'file' if ATTACHMENT.search(target) else 'note'} '{target}' not found in the vault"
        if link.heading is None and link.block is None:
            return None
        anchors = self._anchors_of(path)
        if anchors is None:
            return None  # an attachment (``#page=3``), or a note whose contents are unknown
        where = "this note" if path == source else f"'{path}'"
        if link.block is not None:
            return None if link.block.lower() in anchors.blocks else f"block '^{link.block}' not found in {where}"
        assert link.heading is not None
        return None if anchors.has_heading(link.heading) else f"heading '{'#'.join(link.heading)}' not found in {where}"

    def resolve(self, source: str, link: LinkRef) -> str | None:
        """The path of the file ``link`` leads to, or None."""
        target = link.target.strip()
        if not target:
            return source
        folder = source.rpartition("/")[0]
        if target.startswith(("./", "../")):
            return self._at(posixpath.join(folder, target))
        if link.markdown:
            found = self._at(posixpath.join(folder, target)) or self._at(target)
            if found:
                return found
        return self._by_name(target, folder)

    def _at(self, path: str) -> str | None:
        """The file at a vault path (``..`` and ``.`` resolved), also with ``.md`` added."""
        path = posixpath.normpath(path).lstrip("/")
        if path.startswith("../") or path == "..":
            return None
        folded = fold(path)
        return self._paths.get(folded) or self._paths.get(folded + ".md")

    def _by_name(self, target: str, folder: str) -> str | None:
        """The file a link names: by its name anywhere in the vault (``.md`` added when
        the name alone finds nothing), a path given matching the end of the file's path; in
        the linking note's folder first, then the shortest path."""
        wanted = fold(target.lstrip("/"))
        for name in (wanted, wanted + ".md"):
            candidates = self._names.get(name.rpartition("/")[2], [])
            if "/" in name:
                candidates = [pair for pair in candidates if pair[0] == name or pair[0].endswith("/" + name)]
            if candidates:
                return next((path for _, path in candidates if path.rpartition("/")[0] == folder),
                            candidates[0][1])
        return None

    def _anchors_of(self, path: str) -> _Anchors | None:
        anchors = self._anchors.get(path)
        if anchors is None:
            targets = self._targets.get(path)
            if targets is None:
                return None
            anchors = self._anchors[path] = _Anchors(targets)
        return anchors
