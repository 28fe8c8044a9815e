"""The front matter schema, and its errors in plain words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

REPO_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True)
class Violation:
    path: tuple[str | int, ...]  # () for the whole mapping
    message: str
    validator: str  # the JSON Schema keyword that failed ("type", "enum", "uniqueItems"...)


def schema_file(name: str) -> Path:
    """A schema by absolute path (the configuration resolves one relative to
    its own folder), else by the name of a schema shipped with vault-lint."""
    if Path(name).is_absolute():
        return Path(name)
    shipped = resources.files("vault_lint").joinpath("schemas").joinpath(name)
    if shipped.is_file():
        return Path(str(shipped))
    return REPO_SCHEMAS / name


def load_schema(name: str) -> dict[str, Any]:
    """A schema by file name, or given inline as a JSON document (the schema
    a vault without configuration gets from its own notes: ``infer.py``)."""
    import json

    text = name if name.lstrip().startswith("{") else schema_file(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=8)
def load_validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def violations(validator: jsonschema.protocols.Validator, data: dict[str, Any]) -> list[Violation]:
    result = []
    for error in validator.iter_errors(plain(data)):
        result.append(Violation(tuple(error.absolute_path), describe(error), str(error.validator)))
    return sorted(result, key=lambda v: [str(p) for p in v.path])


def plain(value: Any) -> Any:
    """Values as JSON Schema sees them: YAML dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
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
