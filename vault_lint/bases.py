"""Obsidian Bases: which note properties a Base reads, and whether the vault has them.

A Base is a YAML file (``.base``) whose ``filters``, ``formulas``,
``properties`` and ``views`` name the properties of notes. ``read_base``
composes the YAML once (PyYAML, positions from the nodes' marks, which count
characters of the text) and returns every reference to a note property with
its offsets; ``check`` compares those references with the property names and
types the vault's notes hold.

The syntax read is Obsidian's since 1.9.2 (help vault: *Bases syntax*,
*Functions*):

- a filter is an expression string, or a mapping with one of ``and``, ``or``,
  ``not`` holding a list of filters;
- ``formulas`` maps a formula name to an expression string;
- ``properties`` maps a property id to its display settings (``displayName``);
- each view has ``filters``, ``order`` (a list of property ids), ``sort``
  (a list of ``{property, direction}``), ``groupBy`` (``{property,
  direction}``), ``summaries`` and ``columnSize`` (mappings keyed by property
  id);
- a property id is ``note.x`` or a bare ``x`` (a note property), ``file.x``
  (a property of the file) or ``formula.x`` (a formula of the Base).

Expressions are tokenised, never evaluated. A note property in an expression
is ``note.x``, ``note["x"]`` or a bare identifier; what follows a dot is a
field or a method, an identifier before ``(`` a function, and ``file``,
``formula``, ``this``, ``true``, ``false``, ``null`` and the variables
``value``, ``index`` and ``acc`` inside ``filter()``, ``map()`` and
``reduce()`` are not properties. An identifier may hold hyphens
(``image-property``, as the help vault writes it), so subtraction is written
with spaces (``a - b``). Summary formulas read only ``values`` and are not
scanned.

The syntax before 1.9.2, which Obsidian no longer reads, is reported as
legacy: ``display:`` (now ``properties:`` with ``displayName``),
``property.x`` ids (now ``note.x``) and the global functions
``taggedWith(file.file, …)``, ``linksTo(file.file, …)`` and
``inFolder(file.file, …)`` (now ``file.hasTag(…)``, ``file.hasLink(…)``,
``file.inFolder(…)``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vault_lint.note import UNDECODABLE, fold
from vault_lint.properties import TYPE_LABELS


@dataclass(frozen=True, slots=True)
class PropertyRef:
    """A note property a Base reads: its name and where the name is written."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """A note property compared with a literal alone: ``note.servings > 2``."""

    ref: PropertyRef
    kind: str  # "number" | "boolean" | "string"
    literal: str


@dataclass(frozen=True)
class BaseFile:
    """What a Base says about the vault's properties, as plain data.

    ``legacy`` holds ``(start, end, message)`` for syntax Obsidian no longer
    reads; ``problem`` is ``(offset, message)`` when the text is not YAML;
    ``comparisons`` are the references compared with a literal, for ``check``.
    """

    refs: tuple[PropertyRef, ...] = ()
    legacy: tuple[tuple[int, int, str], ...] = ()
    problem: tuple[int, str] | None = None
    comparisons: tuple[Comparison, ...] = ()


# ---------------------------------------------------------------- reading


@lru_cache(maxsize=1)  # BS001 and BS002 read the same Base, one after the other
def read_base(text: str) -> BaseFile:
    """Every note property ``text`` (a Base's YAML) reads, and its legacy syntax.

    Never raises: text that is not YAML gives a ``problem`` and nothing else.
    The last Base read is kept: the rules of one ``.base`` file read it once.
    """
    import yaml  # imported on the first Base read: a run without Bases does not pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(UNDECODABLE.sub("\ufffd", text), Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        return BaseFile(problem=(mark.index if mark else 0, f"the Base is not valid YAML: {message or 'invalid YAML'}"))
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return BaseFile(problem=(getattr(error, "position", 0), f"the Base cannot be read: {error}"))
    reader = _Reader(text)
    if getattr(root, "id", None) == "mapping":
        reader.base(root)
    elif root is not None and not _is_null(root):
        return BaseFile(problem=(root.start_mark.index, "the Base is not a mapping of sections (filters, views, ...)"))
    return BaseFile(
        tuple(sorted(reader.refs, key=lambda ref: ref.start)),
        tuple(sorted(reader.legacy)),
        None,
        tuple(sorted(reader.comparisons, key=lambda comparison: comparison.ref.start)),
    )


def _is_null(node: Any) -> bool:
    return node.tag == "tag:yaml.org,2002:null"


class _Reader:
    """Walks a Base's YAML nodes, collecting references and legacy syntax."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.refs: list[PropertyRef] = []
        self.legacy: list[tuple[int, int, str]] = []
        self.comparisons: list[Comparison] = []
        self.seen: set[int] = set()  # filter nodes walked: YAML aliases may share or loop

    def base(self, root: Any) -> None:
        for key, value in _items(root):
            if key.value == "filters":
                self.filters(value)
            elif key.value == "formulas":
                for _name, formula in _items(value):
                    self.expression(formula)
            elif key.value == "properties":
                for property_id, _settings in _items(value):
                    self.property_id(property_id)
            elif key.value == "display":
                self.legacy_display(key)
            elif key.value == "views":
                for view in _sequence(value):
                    self.view(view)

    def view(self, view: Any) -> None:
        for key, value in _items(view):
            if key.value == "filters":
                self.filters(value)
            elif key.value == "order":
                for property_id in _sequence(value):
                    self.property_id(property_id)
            elif key.value == "sort":
                for entry in _sequence(value):
                    self.property_id(_field(entry, "property"))
            elif key.value == "groupBy":
                self.property_id(_field(value, "property"))
            elif key.value in ("summaries", "columnSize"):
                for property_id, _setting in _items(value):
                    self.property_id(property_id)
            elif key.value == "display":
                self.legacy_display(key)

    def filters(self, node: Any) -> None:
        """A filter: an expression, or ``and``/``or``/``not`` over a list of filters."""
        stack = [node]
        while stack:
            node = stack.pop()
            if node is None or id(node) in self.seen:
                continue
            self.seen.add(id(node))
            if _is_scalar(node):
                self.expression(node)
            for key, value in _items(node):
                if key.value in ("and", "or", "not"):
                    stack.extend(reversed(_sequence(value)))

    def legacy_display(self, key: Any) -> None:
        self.legacy.append((key.start_mark.index, key.end_mark.index, _LEGACY_DISPLAY))

    def property_id(self, node: Any) -> None:
        """A property id (``note.x``, bare ``x``, ``file.x``, ``formula.x``) as written in YAML."""
        if not _is_scalar(node) or _is_null(node):
            return
        offsets = _value_offsets(self.text, node)
        value = node.value
        stripped = value.strip()
        if not stripped:
            return
        first = value.index(stripped)
        prefix, dot, rest = stripped.partition(".")
        if dot and prefix in ("file", "formula"):
            return
        if dot and prefix == "property":
            start, end = _span(offsets, first, first + len(stripped))
            message = f"`{stripped}` is no longer read by Obsidian (since 1.9.2): write `note.{rest}`"
            self.legacy.append((start, end, message))
            return
        if dot and prefix == "note":
            first += len("note.")
            stripped = rest
        if not stripped:
            return
        start, end = _span(offsets, first, first + len(stripped))
        self.refs.append(PropertyRef(_nfc(stripped), start, end))

    def expression(self, node: Any) -> None:
        if not _is_scalar(node):
            return
        offsets = _value_offsets(self.text, node)
        tokens = list(_tokens(node.value))
        scan = _scan(tokens)
        for name, (start, end) in scan.legacy:
            start, end = _span(offsets, start, end)
            self.legacy.append((start, end, _LEGACY_FUNCTIONS[name]))
        for name, (start, end), first, after in scan.refs:
            ref = PropertyRef(_nfc(name), *_span(offsets, start, end))
            self.refs.append(ref)
            literal = _compared_literal(tokens, first, after)
            if literal is not None:
                self.comparisons.append(Comparison(ref, *literal))


def _is_scalar(node: Any) -> bool:
    return getattr(node, "id", None) == "scalar"


def _items(node: Any) -> list[tuple[Any, Any]]:
    """A mapping node's (key, value) pairs whose key is a string; nothing for another node."""
    if getattr(node, "id", None) != "mapping":
        return []
    return [(key, value) for key, value in node.value if _is_scalar(key) and isinstance(key.value, str)]


def _sequence(node: Any) -> list[Any]:
    return list(node.value) if getattr(node, "id", None) == "sequence" else []


def _field(node: Any, name: str) -> Any:
    return next((value for key, value in _items(node) if key.value == name), None)


def _nfc(name: str) -> str:
    """A property name in the Unicode form the vault's note index uses."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def _span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The text offsets of the value's characters ``start:end``."""
    return offsets[start], offsets[end - 1] + 1


def _value_offsets(text: str, node: Any) -> list[int]:
    """For each character of a scalar's value, its offset in ``text``.

    The value is matched in order against the characters the node spans:
    what YAML removes (quotes, a doubled quote, a backslash, indentation, a
    folded line break) is skipped; an escape that stands for another
    character (``\\n``) takes the place of the character it was written as.
    """
    position, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        position = text.find("\n", position, end) + 1 or end
    offsets = []
    for char in node.value:
        while position < end and text[position] != char and text[position] in _SKIPPED:
            position += 1
        offsets.append(min(position, max(end - 1, 0)))
        if position < end:
            position += 1
    return offsets


_SKIPPED = frozenset(" \t\r\n\\'\"")


# ---------------------------------------------------------------- expressions

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<name>[^\W\d](?:[\w]|-(?=[^\W\d]))*)
    | (?P<operator>==|!=|>=|<=|&&|\|\||[-+*/%!<>()\[\],.?:{}])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_REGEX = re.compile(r"/(?:[^/\\\n]|\\.)+/[a-z]*")


@dataclass(frozen=True, slots=True)
class _Token:
    """A token of a Bases expression, with where it is in the expression."""

    kind: str  # "string" | "number" | "name" | "operator" | "regex" | "other"
    text: str
    start: int
    end: int


def _tokens(source: str) -> Iterator[_Token]:
    """The tokens of a Bases expression; a ``/`` after no value opens a regular expression."""
    position = 0
    previous: _Token | None = None
    while position < len(source):
        regex = _REGEX.match(source, position) if source[position] == "/" and not _ends_value(previous) else None
        if regex:
            token = _Token("regex", regex.group(), position, regex.end())
        else:
            match = _TOKEN.match(source, position)
            assert match is not None and match.lastgroup is not None  # "other" matches any character
            token = _Token(match.lastgroup, match.group(), position, match.end())
        position = token.end
        if token.kind != "space":
            yield token
            previous = token


def _ends_value(token: _Token | None) -> bool:
    return token is not None and (token.kind in ("string", "number", "name", "regex") or token.text in (")", "]"))


_NOT_PROPERTIES = frozenset({"true", "false", "null", "and", "or", "not", "this", "file", "formula"})
_LAMBDA_VARIABLES = frozenset({"value", "index", "acc"})
_LAMBDA_METHODS = frozenset({"filter", "map", "reduce"})
_LEGACY_DISPLAY = (
    "`display` is no longer read by Obsidian (since 1.9.2): give each property a `displayName` under `properties:`"
)
_LEGACY_FUNCTIONS = {
    "taggedWith": "`taggedWith()` is no longer read by Obsidian (since 1.9.2): write `file.hasTag(...)`",
    "linksTo": "`linksTo()` as a function is no longer read by Obsidian (since 1.9.2): write `file.hasLink(...)`",
    "inFolder": "`inFolder()` as a function is no longer read by Obsidian (since 1.9.2): write `file.inFolder(...)`",
}


@dataclass
class _Scan:
    """What an expression reads: the note properties it names, and its legacy functions."""

    # (name, (start, end) in the value, first token index, index after the reference)
    refs: list[tuple[str, tuple[int, int], int, int]]
    legacy: list[tuple[str, tuple[int, int]]]


def _scan(tokens: list[_Token]) -> _Scan:
    """The note properties an expression reads, and its legacy functions."""
    scan = _Scan([], [])
    lambdas: list[bool] = []  # per open bracket: is it the argument list of filter/map/reduce?
    for i, token in enumerate(tokens):
        if token.text in ("(", "["):
            lambdas.append(token.text == "(" and _is_method(tokens, i - 1) and tokens[i - 1].text in _LAMBDA_METHODS)
        elif token.text in (")", "]") and lambdas:
            lambdas.pop()
        if token.kind != "name" or _text(tokens, i - 1) == ".":
            continue
        following = _text(tokens, i + 1)
        if following == "(":
            if token.text in _LEGACY_FUNCTIONS and _text(tokens, i + 2) == "file":
                scan.legacy.append((token.text, (token.start, token.end)))
            continue
        if token.text in _NOT_PROPERTIES or (token.text in _LAMBDA_VARIABLES and any(lambdas)):
            continue
        if token.text != "note":
            scan.refs.append((token.text, (token.start, token.end), i, i + 1))
        elif following == "." and _kind(tokens, i + 2) == "name":
            name = tokens[i + 2]
            scan.refs.append((name.text, (name.start, name.end), i, i + 3))
        elif following == "[" and _kind(tokens, i + 2) == "string" and _text(tokens, i + 3) == "]":
            key = tokens[i + 2]
            if len(key.text) > 2:
                scan.refs.append((_unquote(key.text), (key.start + 1, key.end - 1), i, i + 4))
    return scan


def _is_method(tokens: list[_Token], i: int) -> bool:
    return _kind(tokens, i) == "name" and _text(tokens, i - 1) == "."


def _text(tokens: list[_Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


def _kind(tokens: list[_Token], i: int) -> str:
    return tokens[i].kind if 0 <= i < len(tokens) else ""


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal[1:-1])


_COMPARISONS = frozenset({"==", "!=", ">", "<", ">=", "<="})
_OPENS_OPERAND = frozenset({"", "(", ",", "&&", "||"})


def _compared_literal(tokens: list[_Token], first: int, after: int) -> tuple[str, str] | None:
    """``(kind, literal)`` when the reference alone is compared with a literal alone.

    ``note.servings > 2`` and ``"dessert" == category`` qualify;
    ``servings * 2 > 4``, ``servings.length > 2`` or ``servings > 2 + x`` do not.
    """
    if _text(tokens, after) in _COMPARISONS and _text(tokens, first - 1) in _OPENS_OPERAND:
        return _literal(tokens, after + 1, forward=True)
    if _text(tokens, first - 1) in _COMPARISONS and _text(tokens, after) in _OPENS_OPERAND | {")"}:
        return _literal(tokens, first - 2, forward=False)
    return None


def _literal(tokens: list[_Token], i: int, *, forward: bool) -> tuple[str, str] | None:
    """The literal operand starting (or, backwards, ending) at token ``i``."""
    sign = ""
    if forward and _text(tokens, i) == "-" and _kind(tokens, i + 1) == "number":
        sign, i = "-", i + 1
    token = tokens[i] if 0 <= i < len(tokens) else None
    if token is None:
        return None
    if forward:
        closed = _text(tokens, i + 1) in _OPENS_OPERAND | {")"}
    else:
        closed = _text(tokens, i - 1) in _OPENS_OPERAND
    if not closed:
        return None
    if token.kind == "number":
        return "number", sign + token.text
    if token.kind == "string" and len(token.text) >= 2 and token.text[0] == token.text[-1]:
        return "string", token.text
    if token.text in ("true", "false"):
        return "boolean", token.text
    return None


# ---------------------------------------------------------------- checking

# Obsidian's property types (``.obsidian/types.json``) as a sentence names
# them: the name its property menu shows, in lower case, with "a" before the
# types that are one thing ("a number"; not "text", "tags", "aliases").
_UNCOUNTED = frozenset({"text", "tags", "aliases"})
_TYPE_NAMES = {
    kind: label.lower() if kind in _UNCOUNTED else f"a {label.lower()}" for kind, label in TYPE_LABELS.items()
}
# The types a literal of each kind is compared with meaningfully. A date is
# compared with numbers (milliseconds) and strings ("2025-01-01") alike.
_COMPATIBLE = {
    "number": frozenset({"number", "date", "datetime"}),
    "boolean": frozenset({"checkbox"}),
    "string": frozenset(_TYPE_NAMES) - {"number", "checkbox"},
}


def check(base: BaseFile, properties: Mapping[str, Mapping[str, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, message)`` for what a Base reads that the vault's notes do not hold.

    ``properties`` maps each property name, as notes write it, to
    ``{Obsidian type: number of notes}`` (types as in ``.obsidian/types.json``:
    ``text``, ``multitext``, ``number``, ``checkbox``, ``date``, ``datetime``,
    ``tags``, ``aliases``).

    Names compare without regard to case, as Obsidian's properties do (its
    *All properties* view lists ``URL`` and ``url`` as one property): a Base
    reading ``Category`` is not reported when notes write ``category``.

    Reported: a reference to a property no note has (naming the closest
    existing name), and a property compared with a number, boolean or string
    literal that no note holds a value of that kind for (a type unknown to
    vault-lint is never reported). A vault with no properties at all has
    nothing to compare with: nothing is reported. The legacy syntax needs no
    vault: it is ``base.legacy``, reported on its own (BS002).
    """
    by_name = _by_name(properties)
    if not by_name:
        return []
    return sorted([*_missing(base.refs, by_name), *_mismatched(base.comparisons, by_name)])


def _by_name(properties: Mapping[str, Mapping[str, int]]) -> dict[str, tuple[str, dict[str, int]]]:
    """Per name without case: the spelling most notes use, and the notes per type of all spellings."""
    merged: dict[str, tuple[str, dict[str, int]]] = {}
    for name, types in sorted(properties.items(), key=lambda item: -sum(item[1].values())):
        _spelling, counts = merged.setdefault(fold(name), (_nfc(name), {}))
        for kind, count in types.items():
            counts[kind] = counts.get(kind, 0) + count
    return merged


def _missing(
    refs: tuple[PropertyRef, ...], by_name: dict[str, tuple[str, dict[str, int]]]
) -> Iterator[tuple[int, int, str]]:
    for ref in refs:
        key = fold(ref.name)
        if key in by_name:
            continue
        message = f"no note has a property `{ref.name}`"
        close = difflib.get_close_matches(key, list(by_name), n=1)
        if close:
            message += f"; did you mean `{by_name[close[0]][0]}`?"
        yield ref.start, ref.end, message


def _mismatched(
    comparisons: tuple[Comparison, ...], by_name: dict[str, tuple[str, dict[str, int]]]
) -> Iterator[tuple[int, int, str]]:
    for comparison in comparisons:
        found = by_name.get(fold(comparison.ref.name))
        if found is None:
            continue
        spelling, types = found
        held = {kind: count for kind, count in types.items() if count > 0}
        if not held or any(kind not in _TYPE_NAMES or kind in _COMPATIBLE[comparison.kind] for kind in held):
            continue
        ref = comparison.ref
        where = "" if spelling == ref.name else f" in `{spelling}`"
        yield ref.start, ref.end, (
            f"`{ref.name}` is compared with the {comparison.kind} {comparison.literal}, "
            f"but notes hold {_describe_types(held)}{where}"
        )


def _describe_types(held: dict[str, int]) -> str:
    parts = sorted(held.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{_TYPE_NAMES[kind]} ({count} note{'s' if count != 1 else ''})" for kind, count in parts)
