"""Edits that rules offer as fixes, built on the parsed note.

Each helper returns ``Edit`` objects that touch only the bytes they must:
a value keeps its quoting, a new list item copies the indentation, marker
and quoting of its neighbours, a new line uses the note's line ending.
Nothing is ever re-serialised.
"""

from __future__ import annotations

import re
from collections import Counter

from vault_lint.findings import Edit
from vault_lint.note import Entry, Item, Note

# A plain YAML scalar that reads back as the same string.
PLAIN_SAFE = re.compile(r"[^\s#&*!|>'\"%@`,\[\]{}:?-][^#:\n]*(?<!\s)")


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


def append_item(note: Note, entry: Entry, value: str) -> Edit:
    """Add ``value`` at the end of a list, written like its other items."""
    text = quote(value, items_style(entry))
    if entry.is_sequence and entry.flow:
        if entry.items:
            last = entry.items[-1]
            line, _ = note.position(last.start)
            if line == note.position(entry.value_start)[0]:
                return Edit(last.end, last.end, f", {text}")
            # A list written one item per line: the new one on a line of its own.
            indent = note.text[note.line_starts[line - 1]:last.start]
            return Edit(last.end, last.end, f",{note.newline}{indent}{text}")
        # '[]' is replaced whole, so that two additions in one round overlap
        # and wait for each other instead of running together ('["a""b"]').
        return Edit(entry.value_start, entry.value_end, f"[{text}]")
    if entry.is_sequence and entry.items:
        last = entry.items[-1]
        line, _ = note.position(last.start)
        line_start = note.line_starts[line - 1]
        prefix = note.text[line_start:last.start]
        next_line = note.next_line_start(line)
        return Edit(next_line, next_line, f"{prefix}{text}{note.newline}")
    # No value (``tags:``) or an explicit null (``tags: ~``): start a block
    # list under the key, after its colon (``tags :`` has a space before it).
    item = f"{note.newline}  - {text}"
    if entry.value_end > entry.value_start:
        return Edit(entry.value_start, entry.value_end, item)
    colon = note.text.index(":", entry.key_end)
    return Edit(colon + 1, colon + 1, item)


def remove_item(note: Note, entry: Entry, item: Item) -> Edit:
    """Drop an item from a list, with its line (block) or its comma (flow)."""
    if entry.flow:
        index = entry.items.index(item)
        if index > 0:
            return Edit(entry.items[index - 1].end, item.end, "")
        if len(entry.items) > 1:
            return Edit(item.start, entry.items[1].start, "")
        return Edit(item.start, item.end, "")
    first, _ = note.position(item.start)
    last, _ = note.position(max(item.start, item.end - 1))  # a block scalar item spans lines
    return Edit(note.line_starts[first - 1], note.next_line_start(last), "")
