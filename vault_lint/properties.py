"""Obsidian's properties: the type each one is declared with, the type a
value has as written, and whether the two agree.

Obsidian keeps the type of every property of a vault in
``.obsidian/types.json`` (``{"types": {"portions": "number"}}``) and shows
"Type mismatch" on a value that does not fit it. It reads the front matter
as YAML 1.2 does: ``yes`` and ``1:30`` are texts, ``"4"`` is a text, a date
is the text ``YYYY-MM-DD``. A value with nothing in it fits every type: the
field is shown empty.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from pathlib import Path

from vault_lint.findings import Edit, Fix
from vault_lint.memo import by_short_text
from vault_lint.note import Entry, Note

# The types Obsidian writes in types.json, with the names its property menu shows
# (the Bases check names them from these too).
TYPE_LABELS = {
    "text": "Text", "multitext": "List", "number": "Number", "checkbox": "Checkbox",
    "date": "Date", "datetime": "Date & time", "tags": "Tags", "aliases": "Aliases",
}
LIST_TYPES = frozenset({"multitext", "tags", "aliases"})
SINGLE_TYPES = frozenset({"text", "number", "checkbox", "date", "datetime"})

# How YAML 1.2 (its core schema) reads a plain scalar.
YAML12_NULL = re.compile(r"~|null|Null|NULL|")
YAML12_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
YAML12_NUMBER = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")
# A number that reads the same without its quotes in YAML 1.1 and 1.2 (no
# leading zero, which YAML 1.1 reads as octal).
PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
# What may stand between a key and a value made a list: the colon, and blanks.
KEY_COLON = re.compile(r"[ \t]*:[ \t]*")
BLOCK_ITEM = re.compile(r"[ \t]*-[ \t]+")
DEFAULT_ITEM = "  - "


def declared_types(root: Path) -> dict[str, str]:
    """The type of each property of the vault at ``root``, by name, as
    ``.obsidian/types.json`` declares it; empty when the file is absent or
    is not the object Obsidian writes."""
    try:
        data = json.loads((root / ".obsidian" / "types.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return {}
    return {name: kind for name, kind in types.items() if isinstance(name, str) and isinstance(kind, str)}


def observed_type(entry: Entry) -> str | None:
    """The Obsidian type of a front matter value as written: ``"text"``,
    ``"number"``, ``"checkbox"``, ``"date"``, ``"datetime"``, ``"multitext"``
    (a list), ``"object"`` (nested properties, which no type holds); None
    for a value with nothing in it (empty, ``~``, ``[]``)."""
    node = entry.node
    if entry.is_sequence:
        return "multitext" if entry.value else None
    if node.id == "mapping":
        return "object" if node.value else None
    text = node.value
    if entry.style:
        return "text" if text else None
    return _plain_type(text)


@by_short_text(4096)  # a vault writes the same values (a cuisine, a time, a date) in note after note
def _plain_type(text: str) -> str | None:
    """The Obsidian type of a plain (unquoted) scalar, as ``observed_type`` reads it."""
    if YAML12_NULL.fullmatch(text):
        return None
    if YAML12_BOOL.fullmatch(text):
        return "checkbox"
    if YAML12_NUMBER.fullmatch(text):
        return "number"
    if DATE.fullmatch(text):  # a real date only: Obsidian shows 2025-02-30 as a text
        return "date" if _is_moment("date", text) else "text"
    if DATETIME.fullmatch(text):
        return "datetime" if _is_moment("datetime", text) else "text"
    return "text"


def type_problem(declared: str, entry: Entry, note: Note,
                 source: str = ".obsidian/types.json") -> tuple[str, Fix | None] | None:
    """Why ``entry``'s value does not fit the type ``declared`` for it (what
    Obsidian shows as "Type mismatch"), with a fix where the value meant is
    certain: a number written as a quoted text, a single text where a list
    is expected. None when it fits, or when the type is not one Obsidian has.
    ``source``: where the type comes from, as the message says it."""
    observed = observed_type(entry)
    if declared not in TYPE_LABELS or observed is None or _fits(declared, observed, entry):
        return None
    message = (f"'{entry.key}' is a {TYPE_LABELS[declared]} property ({source}) but holds "
               f"{_described(observed, entry, note)}: Obsidian shows a type mismatch; expected {_expected(declared)}")
    return message, _type_fix(declared, observed, entry, note)


def _fits(declared: str, observed: str, entry: Entry) -> bool:
    if declared in LIST_TYPES:
        return observed == "multitext"
    if declared == "text":
        return observed in SINGLE_TYPES
    if declared in ("date", "datetime"):
        return observed in ("date", "datetime", "text") and _is_moment(declared, entry.node.value)
    return observed == declared


def _is_moment(declared: str, text: str) -> bool:
    """Is ``text`` a real date (``YYYY-MM-DD``) or date and time
    (``YYYY-MM-DDTHH:mm``, ``YYYY-MM-DDTHH:mm:ss``), as ``declared`` asks?"""
    pattern = DATE if declared == "date" else DATETIME
    if not pattern.fullmatch(text):
        return False
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _described(observed: str, entry: Entry, note: Note) -> str:
    if observed == "multitext":
        return "a list"
    if observed == "object":
        return "nested properties"
    written = note.text[entry.value_start:entry.value_end]
    kind = {"number": "the number", "checkbox": "the checkbox value", "date": "the date",
            "datetime": "the date and time"}.get(observed, "the text")
    return f"{kind} {written}"


def _expected(declared: str) -> str:
    return {
        "text": "a single text",
        "number": "a number written without quotes",
        "checkbox": "true or false",
        "date": "a date written YYYY-MM-DD",
        "datetime": "a date and time written YYYY-MM-DDTHH:mm or YYYY-MM-DDTHH:mm:ss",
    }.get(declared, "a list")


def _type_fix(declared: str, observed: str, entry: Entry, note: Note) -> Fix | None:
    if declared == "number" and entry.style in ('"', "'") and PLAIN_NUMBER.fullmatch(entry.node.value):
        return Fix.safe(f"write {entry.node.value} without quotes",
                        Edit(entry.value_start, entry.value_end, entry.node.value))
    if declared in LIST_TYPES and observed in ("text", "date", "datetime"):
        edit = as_list(note, entry, [note.text[entry.value_start:entry.value_end]], [entry.value])
        return Fix.safe("make it a list of one item", edit) if edit is not None else None
    return None


# -- a value made a list --------------------------------------------------------------

def as_list(note: Note, entry: Entry, items: list[str], values: list[object]) -> Edit | None:
    """An edit that writes ``entry``'s single-line value as a list of
    ``items`` (each as YAML text), in the style the note's other lists use
    (a flow list ``[a, b]``, or a block list under the key, indented and
    marked like them; a block list when the note has none). A comment after
    the value stays, after the last item. None when the value is not on the
    key's line, or when the note would not read back as ``values``."""
    between = note.text[entry.key_end:entry.value_start]
    if not KEY_COLON.fullmatch(between) or entry.style in ("|", ">") \
            or note.position(entry.key_start)[0] != note.position(entry.value_end)[0]:
        return None
    flow, prefix = _list_style(note, entry)
    if flow and not (entry.style == "" and len(items) == 1 and re.search(r"[,\[\]{}]", items[0])):
        edit = Edit(entry.value_start, entry.value_end, "[" + ", ".join(items) + "]")
    else:
        colon = entry.key_end + between.index(":") + 1
        edit = Edit(colon, entry.value_end, "".join(f"{note.newline}{prefix}{item}" for item in items))
    return edit if _reads_as(note, edit, entry, values) else None


def _list_style(note: Note, entry: Entry) -> tuple[bool, str]:
    """Whether the note's other lists are mostly flow lists, and the
    prefix (indentation and marker) its block lists give an item."""
    fm = note.frontmatter
    others = [other for other in (fm.order if fm else []) if other is not entry and other.is_sequence
              and (other.items or other.value == [])]
    flows = sum(other.flow for other in others)
    prefix = DEFAULT_ITEM
    block = next((other for other in others if not other.flow and other.items), None)
    if block is not None:
        first = block.items[0]
        line, _ = note.position(first.start)
        written = note.text[note.line_starts[line - 1]:first.start]
        prefix = written if BLOCK_ITEM.fullmatch(written) else DEFAULT_ITEM
    return flows > len(others) - flows, prefix


def _reads_as(note: Note, edit: Edit, entry: Entry, values: list[object]) -> bool:
    """Does ``entry``'s line, once edited, give its key the list ``values``?"""
    import yaml  # loaded by the note's parse already

    line, _ = note.position(entry.key_start)
    start = note.line_starts[line - 1]
    end = note.lines[line - 1].end
    try:
        data = yaml.safe_load(note.text[start:edit.start] + edit.content + note.text[edit.end:end])
    except (yaml.YAMLError, ValueError):
        return False
    if not isinstance(data, dict) or not isinstance(data.get(entry.key), list):
        return False
    return [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in data[entry.key]] == values
