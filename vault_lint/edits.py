"""Edits that rules offer as fixes, built on the parsed note, and the
checks every fix passes before it is offered.

Each helper returns ``Edit`` objects that touch only the bytes they must:
a value keeps its quoting, a new list item copies the indentation, marker
and quoting of its neighbours, a new line uses the note's line ending.
Nothing is ever re-serialised.

A fix keeps what the author wrote (``offer``, which the linter asks of
every fix a rule offers): it is withheld from a note
that is not valid UTF-8, from text inside a comment, a code block, an HTML
or math block or a callout, and from a YAML value that an alias shares;
and an edit that would delete a YAML comment, or leave it describing
another value, is never built (``remove_item`` and ``swap_item`` return
None for an item that carries one; ``append_item`` writes a new item after
the last one's comment, never between them).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from vault_lint.findings import Edit, Fix
from vault_lint.note import UNDECODABLE, Entry, Item, Note

if TYPE_CHECKING:
    import yaml


# A plain YAML scalar that reads back as the same string.
PLAIN_SAFE = re.compile(r"[^\s#&*!|>'\"%@`,\[\]{}:?-][^#:\n]*(?<!\s)")
# A YAML comment: '#' at the start of the text looked at or after white space.
YAML_COMMENT = re.compile(r"(?:^|\s)#")


def quote(value: str, style: str) -> str:
    """``value`` written in a YAML quoting style ('"', "'" or "" for plain);
    a value that cannot stay plain gets double quotes."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == "" and PLAIN_SAFE.fullmatch(value) and not _resolves_to_non_string(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _resolves_to_non_string(value: str) -> bool:
    import yaml

    try:
        return not isinstance(yaml.safe_load(value), str)
    except yaml.YAMLError:
        return True


def set_value(entry: Entry, value: str | int) -> Edit:
    """Replace a scalar value, keeping its quoting style; a whole number
    written plain stays a plain number."""
    if isinstance(value, int) and not entry.style:
        return Edit(entry.value_start, entry.value_end, str(value))
    return Edit(entry.value_start, entry.value_end, quote(str(value), entry.style))


def items_style(entry: Entry) -> str:
    """The quoting most items of a list use ('"' for an empty list)."""
    if not entry.items:
        return '"'
    return Counter(item.style for item in entry.items).most_common(1)[0][0]


def replace_item(entry: Entry, item: Item, value: str) -> Edit:
    """Replace a list item, keeping its quotes; a plain item takes the
    quotes of the list when the new value cannot stay plain."""
    return Edit(item.start, item.end, quote(value, item.style or items_style(entry)))


def swap_item(note: Note, entry: Entry, item: Item, value: str) -> Edit | None:
    """Put another value in a list item's place, as ``replace_item`` does;
    None when the item carries a YAML comment (``remarked``): the remark
    was written for the value it held, and would describe the new one."""
    return None if remarked(note, entry, item) else replace_item(entry, item, value)


def _line_rest(note: Note, offset: int) -> tuple[str, int]:
    """The text from ``offset`` to the end of its line, and where the line ends."""
    line, _ = note.position(offset)
    end = note.lines[line - 1].end if line <= len(note.lines) else len(note.text)
    return note.text[offset:end], end


def append_item(note: Note, entry: Entry, value: str) -> Edit | tuple[Edit, ...]:
    """Add ``value`` at the end of a list, written like its other items. A
    comment after the list's last item, or after an empty key, stays where
    it is: the new item never takes it, and never comes between an item and
    its comment."""
    text = quote(value, items_style(entry))
    if entry.is_sequence and entry.flow:
        if entry.items:
            last = entry.items[-1]
            lines = [note.position(item.start)[0] for item in entry.items]
            rest, line_end = _line_rest(note, last.end)
            remark = YAML_COMMENT.search(rest)
            if remark is not None and "]" not in rest[:remark.start()]:
                # The last item's own comment: the new item on the next
                # line, after the comment. The line break is written again
                # (the same bytes), so that two additions in one round
                # overlap and wait for each other instead of running
                # together without a comma between them.
                next_line = note.next_line_start(note.position(last.end)[0])
                below = Edit(line_end, next_line,
                             f"{note.newline}{_flow_indent(note, entry, last)}{text}{note.text[line_end:next_line]}")
                return below if rest.lstrip().startswith(",") else (Edit(last.end, last.end, ","), below)
            if remark is not None or len(set(lines)) < len(lines) \
                    or lines[0] == note.position(entry.value_start)[0]:
                # Items side by side (``[a, b]``, or wrapped over lines), or
                # a comment after the closing bracket, on the list as a
                # whole: the new item beside the last, on its line.
                return Edit(last.end, last.end, f", {text}")
            # One item per line: the new one on a line of its own, indented like the last.
            return Edit(last.end, last.end, f",{note.newline}{_flow_indent(note, entry, last)}{text}")
        # '[]' is replaced whole, so that two additions in one round overlap
        # and wait for each other instead of running together ('["a""b"]').
        return Edit(entry.value_start, entry.value_end, f"[{text}]")
    if entry.is_sequence and entry.items:
        last = entry.items[-1]
        line, _ = note.position(last.start)
        line_start = note.line_starts[line - 1]
        prefix = note.text[line_start:last.start]
        next_line = note.next_line_start(note.position(max(last.start, last.end - 1))[0])
        return Edit(next_line, next_line, f"{prefix}{text}{note.newline}")
    # No value (``tags:``) or an explicit null (``tags: ~``): a block list
    # under the key, on the lines after it, so that a comment on the key's
    # line (``tags: # à compléter``) stays there.
    line, _ = note.position(entry.key_start)
    next_line = note.next_line_start(line)
    item = Edit(next_line, next_line, f"  - {text}{note.newline}")
    if next_line == len(note.text) and not note.text.endswith(("\n", "\r")):
        item = Edit(next_line, next_line, f"{note.newline}  - {text}")
    if entry.value_end > entry.value_start:
        return (Edit(entry.value_start, entry.value_end, ""), item)
    return item


def _flow_indent(note: Note, entry: Entry, last: Item) -> str:
    """The indentation of a new line of a flow list: that of the last
    item's line, or two spaces more than the key's when that line is the key's."""
    line, _ = note.position(last.start)
    text = note.lines[line - 1].text
    indent = text[:len(text) - len(text.lstrip(" \t"))]
    if line == note.position(entry.key_start)[0]:
        return indent + "  "
    return indent


def remove_item(note: Note, entry: Entry, item: Item) -> Edit | None:
    """Drop an item from a list, with its line (block) or its comma (flow);
    None when that would delete a YAML comment (a remark on the item, which
    may say why it is there)."""
    if remarked(note, entry, item):
        return None  # the item's own remark
    if entry.flow:
        index = entry.items.index(item)
        following = entry.items[index + 1] if index + 1 < len(entry.items) else None
        rest, _ = _line_rest(note, item.end)
        line, _ = note.position(item.start)
        line_start = note.line_starts[line - 1]
        if not note.text[line_start:item.start].strip(" \t") and re.fullmatch(r"[ \t]*,?[ \t]*", rest) \
                and index > 0 and note.position(entry.items[index - 1].end)[0] < line:
            # Alone on its line: the line goes (the comma before it may stay: ``[a, ]`` is valid).
            return Edit(line_start, note.next_line_start(line), "")
        if index > 0 and not YAML_COMMENT.search(note.text[entry.items[index - 1].end:item.start]):
            return Edit(entry.items[index - 1].end, item.end, "")
        if following is not None and not YAML_COMMENT.search(note.text[item.end:following.start]):
            return Edit(item.start, following.start, "")
        if len(entry.items) == 1:
            return Edit(item.start, item.end, "")
        return None
    first, _ = note.position(item.start)
    last, _ = note.position(max(item.start, item.end - 1))  # a block scalar item spans lines
    return Edit(note.line_starts[first - 1], note.next_line_start(last), "")


def remarked(note: Note, entry: Entry, item: Item) -> bool:
    """Does a YAML comment belong to the item: one after it on its line
    (in a flow list, before any other item: ``[a, b # c`` is b's), or one on
    the line directly above an item that begins its line?"""
    if entry.flow:
        rest, _ = _line_rest(note, item.end)
        remark = YAML_COMMENT.search(rest)
        index = entry.items.index(item)
        following = entry.items[index + 1] if index + 1 < len(entry.items) else None
        if remark and (following is None or following.start > item.end + remark.start()):
            return True
    else:
        last, _ = note.position(max(item.start, item.end - 1))  # a block scalar item spans lines
        if YAML_COMMENT.search(note.text[item.end:note.next_line_start(last)]):
            return True
    return _comment_above(note, item)


def _comment_above(note: Note, item: Item) -> bool:
    """Is the item the first thing on its line, under a line holding only a
    comment (a remark about the item)?"""
    line, _ = note.position(item.start)
    if line < 2 or note.text[note.line_starts[line - 1]:item.start].strip(" \t-["):
        return False
    return note.lines[line - 2].text.lstrip().startswith("#")


# -- what a fix may touch ------------------------------------------------------------

def offer(note: Note, fix: Fix | None, whole_note: bool = False) -> Fix | None:
    """``fix``, or None when it must not be offered: the note is not valid
    UTF-8 (an edit would write U+FFFD, or bytes the note did not hold); an
    edit reaches inside a comment, a code block, an HTML or math block or a
    callout; an edit changes a YAML value an alias shares, or rewrites an
    alias. A ``whole_note`` repair (the encoding rules: characters restored,
    line endings made one) is judged on the first point only: it restores
    what the author typed wherever it is."""
    if fix is None or not writable(note):
        return None
    if whole_note:
        return fix
    shared = _alias_spans(note)
    if not all(clear_of_regions(note, edit) and not _through_alias(note, edit, shared) for edit in fix.edits):
        return None
    return fix


def writable(note: Note) -> bool:
    """Can an edit be written into the note as it was read? Not into one that
    is not valid UTF-8 (the edit would write U+FFFD, or bytes it did not hold)."""
    return not (note.bad_utf8 or UNDECODABLE.search(note.text))


def clear_of_regions(note: Note, edit: Edit) -> bool:
    """Does ``edit`` stay out of every comment, code block, HTML or math
    block and callout of the body? An insertion must not fall inside one,
    nor touch a comment's edge."""
    first, _ = note.position(edit.start)
    last, _ = note.position(max(edit.start, edit.end - 1) if edit.end > edit.start else edit.start)
    for number in range(first, min(last, len(note.lines)) + 1):
        line = note.lines[number - 1]
        if line.hidden:
            return False
        if line.visible is None:
            continue
        a = max(edit.start, line.start) - line.start
        b = min(edit.end, line.end) - line.start
        if edit.start == edit.end:
            a, b = max(a - 1, 0), min(a + 1, len(line.text))
        if line.text[a:b] != line.visible[a:b]:
            return False
    return True


def _through_alias(note: Note, edit: Edit, shared: list[tuple[int, int]] | None) -> bool:
    """Does ``edit`` change a front matter value that a YAML alias shares
    (``temps_total: &t 25`` with ``affiché: *t``, a list appended to while
    another key is ``*tags``), or rewrite an alias (``tags: *t``)? Removing
    an alias item alone changes nothing else. ``shared``: ``_alias_spans``."""
    fm = note.frontmatter
    if shared is None or fm is None or edit.start >= fm.end:
        return False
    replaced = note.text[edit.start:edit.end]
    if edit.content and replaced.lstrip().startswith("*"):
        return True
    for start, end in shared:
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end and start <= edit.start <= end:
            return True
    return False


def _alias_spans(note: Note) -> list[tuple[int, int]] | None:
    """The text of every front matter node that is written once and used
    again through an alias; None when the front matter holds no alias (no ``*``)."""
    fm = note.frontmatter
    if fm is None or note.text.find("*", fm.content_start, fm.content_end) < 0:
        return None
    parents: Counter[int] = Counter()
    nodes: dict[int, yaml.Node] = {}
    stack: list[yaml.Node] = []
    for entry in fm.order:
        parents[id(entry.node)] += 1
        stack.append(entry.node)
    while stack:
        node = stack.pop()
        if id(node) in nodes:
            continue
        nodes[id(node)] = node
        for child in _children(node):
            parents[id(child)] += 1
            stack.append(child)
    base = fm.content_start
    return [(base + nodes[key].start_mark.index, base + nodes[key].end_mark.index)
            for key, count in parents.items() if count > 1 and key in nodes]


def _children(node: yaml.Node) -> list[yaml.Node]:
    value = node.value
    if not isinstance(value, list):
        return []
    return [part for child in value for part in (child if isinstance(child, tuple) else (child,))]
