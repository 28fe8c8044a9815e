"""The front matter schema, and its errors in plain words.

A note's front matter is judged by a compiled validator (jsonschema-rs, when
it is installed: a few microseconds a note), which only says whether it is
valid; jsonschema, imported the first time a note fails, then gives the
errors and their messages. The compiled validator is stricter than
jsonschema in a few corners (a pattern's ``$`` before a final line break, a
value JSON has no type for): there it says "invalid" and jsonschema has the
last word, so the findings are always jsonschema's.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault_lint.memo import REMEMBERED_LENGTH

if TYPE_CHECKING:
    import jsonschema

REPO_SCHEMAS = Path(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))) / "schemas"


@dataclass(frozen=True)
class Violation:
    """Where a front matter fails its schema, and why in words."""

    path: tuple[str | int, ...]  # () for the whole mapping
    message: str
    validator: str  # the JSON Schema keyword that failed ("type", "enum", "uniqueItems"...)


def schema_file(name: str) -> Path:
    """A schema by absolute path (the configuration resolves one relative to
    its own folder), else by the name of a schema shipped with vault-lint."""
    if Path(name).is_absolute():
        return Path(name)
    shipped = Path(os.path.dirname(os.path.abspath(__file__))) / "schemas" / name  # in the wheel
    if shipped.is_file():
        return shipped
    return REPO_SCHEMAS / name


def load_schema(name: str) -> dict[str, Any]:
    """A schema by file name, or given inline as a JSON document (the schema
    a vault without configuration gets from its own notes: ``infer.py``)."""
    import json

    text = name if name.lstrip().startswith("{") else schema_file(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class Validator:
    """A schema's validator: ``is_valid`` asks the compiled validator when
    there is one; everything else (``iter_errors``, ``schema``...) is
    jsonschema's, built the first time it is needed."""

    def __init__(self, schema: dict[str, Any], checked: bool = False) -> None:
        self.schema = schema
        self._full: jsonschema.protocols.Validator | None = None
        self._explained: dict[tuple[str, type, Any], tuple[Violation, ...]] = {}
        if checked:
            self._jsonschema()
        self._fast = _compiled(schema)

    def _jsonschema(self) -> jsonschema.protocols.Validator:
        if self._full is None:
            # Lazy, for import time (about 80 ms): only a note that fails needs it.
            import jsonschema

            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            self._full = cls(self.schema, format_checker=cls.FORMAT_CHECKER)
        return self._full

    def is_valid(self, instance: Any) -> bool:
        """Is ``instance`` valid? True only when jsonschema would say so."""
        if self._fast is not None:
            try:
                return bool(self._fast.is_valid(instance))
            except Exception:  # noqa: BLE001 - a value JSON has no type for (bytes, a set): jsonschema decides
                pass
        return bool(self._jsonschema().is_valid(instance))

    def iter_errors(self, instance: Any) -> Any:
        return self._jsonschema().iter_errors(instance)

    def violations(self, instance: dict[str, Any]) -> list[Violation]:
        """jsonschema's errors of an object, each path's in jsonschema's order.
        When the schema's top level checks only ``type``, ``required`` and
        ``properties``, each property's errors depend on its value alone:
        those of a text, a whole number, a boolean or a null are found once
        (a vault writes the same wrong value in note after note)."""
        full = self._jsonschema()
        if self._split is None:
            return [_violation(error) for error in full.iter_errors(instance)]
        rest, properties = self._split
        found = [_violation(error) for error in rest.iter_errors(instance)]
        for key, subschema in properties.items():
            if key in instance:
                found.extend(self._property(full, key, subschema, instance[key]))
        return found

    @cached_property
    def _split(self) -> tuple[jsonschema.protocols.Validator, dict[str, Any]] | None:
        """When the other keywords of the schema's top level judge an object
        without its properties (``type``, ``required``): a validator of the
        schema less its ``properties``, and those. Else None."""
        full = self._jsonschema()
        properties = self.schema.get("properties")
        if not isinstance(properties, dict) or not {keyword for keyword in self.schema
                                                    if keyword in full.VALIDATORS} <= SEPARABLE:
            return None
        rest = {keyword: value for keyword, value in self.schema.items() if keyword != "properties"}
        return full.evolve(schema=rest), properties

    def _property(self, full: jsonschema.protocols.Validator, key: str, subschema: Any,
                  value: Any) -> tuple[Violation, ...]:
        """The errors of one property's value, as jsonschema finds them in the whole object."""
        # The type apart: True and 1 are equal keys, not equal values.
        remembered = type(value) in REMEMBERED and (type(value) is not str or len(value) <= REMEMBERED_LENGTH)
        memo = (key, type(value), value) if remembered else None
        found = self._explained.get(memo) if memo is not None else None
        if found is None:
            found = tuple(_violation(error) for error in full.descend(value, subschema, path=key, schema_path=key))
            if memo is not None:
                if len(self._explained) >= EXPLAINED:
                    self._explained.clear()
                self._explained[memo] = found
        return found

    def error_paths(self, instance: Any) -> list[tuple[Any, ...]]:
        """Where ``instance`` fails: the path of each error, as jsonschema
        locates them. The compiled validator answers while it finds no error
        below the top level (a key missing); an error in a value is located by
        jsonschema, whose patterns the compiled one does not read alike
        everywhere (``\\w`` beyond ASCII, ``$`` before a final line break)."""
        if self._fast is not None:
            try:
                paths = [tuple(error.instance_path) for error in self._fast.iter_errors(instance)]
            except Exception:  # noqa: BLE001 - as in is_valid: jsonschema decides
                paths = None
            if paths is not None and not any(paths):
                return paths
        return [tuple(error.absolute_path) for error in self._jsonschema().iter_errors(instance)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._jsonschema(), name)


# The top-level keywords that judge an object whatever its properties hold.
SEPARABLE = frozenset({"type", "required", "properties"})
# The values JSON Schema sees as they are (``plain`` leaves them alone).
SCALARS = frozenset({str, int, float, bool, type(None)})
# The values a property's errors are remembered by (not a float: 0.0 and
# -0.0 are one key, and a message shows the value).
REMEMBERED = frozenset({str, int, bool, type(None)})
EXPLAINED = 4096  # property values whose errors are remembered, per schema (texts up to REMEMBERED_LENGTH)


# The formats jsonschema's format checker knows without extra packages, and
# that the compiled validator is asked to check as jsonschema does. A schema
# using any other format is judged by jsonschema alone.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: str) -> bool:
    """jsonschema's ``date`` check."""
    try:
        return bool(_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False


FORMATS = {"date": _is_date}


def _compiled(schema: dict[str, Any]) -> Any:
    """jsonschema-rs's validator of ``schema``; None when it is not
    installed, refuses the schema, or the schema uses a format it could
    check otherwise than jsonschema."""
    if not set(_formats(schema)) <= set(FORMATS):
        return None
    try:
        import jsonschema_rs  # lazy, for import time (about 25 ms); optional
    except ImportError:
        return None
    try:
        return jsonschema_rs.validator_for(schema, validate_formats=True, formats=FORMATS)
    except Exception:  # noqa: BLE001 - a schema it cannot compile is jsonschema's alone
        return None


def _formats(schema: Any) -> list[str]:
    """Every ``format`` a schema names."""
    found: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            value = node.get("format")
            if isinstance(value, str):
                found.append(value)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


@lru_cache(maxsize=8)
def load_validator(name: str) -> Validator:
    """The validator of a schema by name. A schema file named by absolute
    path (a configuration's own) is checked against its metaschema now, and
    raises when it is not a valid schema; the shipped schemas and those
    inferred from a vault's notes are checked by the tests and by
    construction, and jsonschema is imported only when a note fails."""
    return Validator(load_schema(name), checked=Path(name).is_absolute())


def violations(validator: Validator, data: dict[str, Any]) -> list[Violation]:
    instance = plain(data)
    if validator.is_valid(instance):
        return []
    return sorted(validator.violations(instance), key=lambda v: [str(p) for p in v.path])


def _violation(error: jsonschema.ValidationError) -> Violation:
    return Violation(tuple(error.absolute_path), describe(error), str(error.validator))


def plain(value: Any) -> Any:
    """Values as JSON Schema sees them: YAML dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): v if type(v) in SCALARS else plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required key '{missing}'"
    where = _where(error.absolute_path)
    if error.validator == "enum":
        expected = "one of " + ", ".join(str(v) for v in error.validator_value)
    elif error.validator == "uniqueItems":
        return f"{where}: expected each item once, got a list that repeats one"
    else:
        schema = error.schema if isinstance(error.schema, dict) else {}
        expected = str(schema.get("expected", error.message))
    return f"{where}: expected {expected}, got {show(error.instance)}"


def _where(path: Any) -> str:
    parts = list(path)
    text = str(parts[0]) if parts else "front matter"
    for part in parts[1:]:
        text += f" (item {part + 1})" if isinstance(part, int) else f".{part}"
    return text


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)
