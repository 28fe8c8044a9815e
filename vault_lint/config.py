"""Settings: the configuration file of a vault, then the command line.

The file is looked up at the vault root: ``vault-lint.toml``,
``.vault-lint.toml``, or the ``[tool.vault-lint]`` table of
``pyproject.toml``. Command-line options override it. The file is checked
against ``settings.schema.json`` (shipped in the package) when it is read.
"""

from __future__ import annotations

import datetime
import difflib
import fnmatch
import json
import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from vault_lint.profile import DEFAULT_PROFILE, Profile, ProfileError, profile_from_mapping

CONFIG_FILES = ("vault-lint.toml", ".vault-lint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    follow_symlinks: bool = False
    profile: Profile = field(default=DEFAULT_PROFILE)
    source: Path | None = None  # the configuration file these settings come from

    def enabled(self, code: str, default: bool = True) -> bool:
        """ruff's selection: the most specific matching prefix wins; on a tie
        ``ignore`` wins. A rule off by default needs its full code selected."""
        chosen = _longest(code, self.select + self.extend_select)
        ignored = _longest(code, self.ignore)
        if ignored >= 0 and ignored >= chosen:
            return False
        if default:
            return chosen >= 0 or not self.select
        return chosen == len(code)

    def excluded(self, path: str) -> bool:
        """Is a path relative to the vault root excluded? A pattern matches
        the whole path, a folder it lies in, or its file name."""
        parts = path.split("/")
        candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)] + [parts[-1]]
        return any(fnmatch.fnmatch(c, pattern) for pattern in self.exclude for c in candidates)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored by ``per-file-ignores`` for a path relative to the
        vault root (a pattern without '/' also matches the file name)."""
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                codes.extend(pattern_codes)
        return tuple(codes)


def check_selectors(settings: Settings, codes: list[str]) -> None:
    """Refuse a selector that names no rule (a typo would silently select
    or ignore nothing), naming where it was written: the configuration file
    and the setting, or the command line's option (settings of no file)."""
    written = [("select", settings.select), ("extend-select", settings.extend_select), ("ignore", settings.ignore)]
    written += [(f'per-file-ignores."{pattern}"', pattern_codes) for pattern, pattern_codes in settings.per_file_ignores]
    for setting, selectors in written:
        unknown = sorted({s for s in selectors if s != "ALL" and not any(code.startswith(s) for code in codes)})
        if unknown:
            where = f"{settings.source}: {setting}" if settings.source else f"--{setting}"
            raise ConfigError(f"{where}: unknown rule selector(s): {', '.join(unknown)} (see --list-rules)")


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix matching ``code`` (-1 when none does)."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL" or code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def find_config(root: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = root / name
        if candidate.is_file():
            if name != "pyproject.toml" or "vault-lint" in _tool_table(_read_toml(candidate)):
                return candidate
    return None


def _tool_table(document: dict[str, Any]) -> dict[str, Any]:
    tool = document.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None


def load_settings(root: Path, explicit: Path | None = None) -> Settings:
    """The settings of the vault at ``root`` (or of the ``explicit`` file),
    checked against ``settings.schema.json``; any wrong value is a
    ``ConfigError`` of one line naming the file and the setting."""
    path = explicit or find_config(root)
    if path is None:
        return Settings()
    table: Any = _read_toml(path)
    where: tuple[str | int, ...] = ()
    if path.name == "pyproject.toml":
        table, where = _tool_table(table).get("vault-lint", {}), ("tool", "vault-lint")
    validate(table, path, where)
    try:
        return _from_table(table, path, where)
    except ProfileError as error:
        at = dotted(where + ("profile", *error.where))
        raise ConfigError(f"{path}: {at}: expected {error.expected}, got {show(error.got)}{error.note}") from None


def _from_table(table: dict[str, Any], path: Path, where: tuple[str | int, ...]) -> Settings:
    """Settings from a table valid against the settings schema."""
    values: dict[str, Any] = {}
    for name in ("select", "extend-select", "ignore", "exclude"):
        if name in table:
            values[name.replace("-", "_")] = tuple(table[name])
    if "per-file-ignores" in table:
        values["per_file_ignores"] = tuple(
            (pattern, tuple(codes)) for pattern, codes in table["per-file-ignores"].items()
        )
    if "max-file-size" in table:
        values["max_file_size"] = int(table["max-file-size"])  # 1e6 is an integer to JSON Schema
    if "follow-symlinks" in table:
        values["follow_symlinks"] = table["follow-symlinks"]
    if "profile" in table:
        values["profile"] = _with_schema(profile_from_mapping(table["profile"]), path, where)
    return Settings(**values, source=path)


# -- validation ------------------------------------------------------------------

SETTINGS_SCHEMA = "settings.schema.json"
MAX_FILE_SIZE_LIMIT = 1 << 30  # the schema's maximum for max-file-size (1 GiB)


@lru_cache(maxsize=1)
def settings_schema() -> dict[str, Any]:
    """The JSON Schema of the settings, shipped beside this module."""
    text = resources.files("vault_lint").joinpath(SETTINGS_SCHEMA).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # lazy: jsonschema is slow to import

    return Draft202012Validator(settings_schema())


def validate(table: Any, path: Path, where: tuple[str | int, ...] = ()) -> None:
    """Check a configuration table against the settings schema. Of all the
    errors, the most relevant one is reported (as check-jsonschema does):
    one line naming the file, the setting, what is expected and what was
    given. ``where`` is the table's own path in the file."""
    # Imported here, not at the top of the module: importing jsonschema
    # costs a run time, and a run without a configuration file needs none.
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(table))
    if error is not None:
        raise ConfigError(f"{path}: {describe(error, where)}")


def describe(error: Any, where: tuple[str | int, ...] = ()) -> str:
    """One line for a ``jsonschema`` error: the setting as a dotted path,
    then what its schema's ``x-expected`` says and what the value is."""
    at = where + tuple(error.absolute_path)
    schema, keyword, instance = error.schema, error.validator, error.instance
    schema_path = list(error.schema_path)
    if keyword == "additionalProperties":
        known = list(schema.get("properties", {}))
        unknown = [name for name in instance if name not in known]
        message = f"{schema.get('x-unknown', 'unknown setting(s)')}: {', '.join(unknown)}{_hint(unknown, known)}"
        return f"{dotted(at)}: {message}" if at else message
    if keyword == "required":
        missing = next(name for name in error.validator_value if name not in instance)
        return f"{dotted(at + (missing,))}: expected {_expected(schema['properties'][missing], error)}, got nothing"
    if len(schema_path) >= 2 and schema_path[-2] == "propertyNames" and schema_path[-3:-2] != ["properties"]:
        at += (instance,)  # a key of the table is wrong, not its value
    got = show(instance)
    if keyword == "minItems" and instance == []:
        got = "an empty list"
    elif keyword == "uniqueItems":
        twice = next((item for index, item in enumerate(instance) if item in instance[:index]), None)
        got += f" ({show(twice)} twice)" if twice is not None else ""
    return f"{dotted(at) or 'the settings'}: expected {_expected(schema, error)}, got {got}"


def _expected(schema: Any, error: Any) -> str:
    if isinstance(schema, dict) and "x-expected" in schema:
        return str(schema["x-expected"])
    return " ".join(str(error.message).split())  # a schema without x-expected: jsonschema's words


def _hint(unknown: list[str], known: list[str]) -> str:
    """Did you mean...: the closest known name for a single unknown one,
    else the known names."""
    if len(unknown) == 1:
        close = difflib.get_close_matches(unknown[0], known, n=1, cutoff=0.6)
        if close:
            return f" (did you mean '{close[0]}'?)"
    return f" (expected: {', '.join(known)})" if known else ""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dotted(path: tuple[str | int, ...] | list[str | int]) -> str:
    """A setting's path as TOML writes it: ``profile.time_buckets[1].name``,
    ``per-file-ignores."Journal/*"[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            text += f".{key}" if text else key
    return text


def show(value: Any, limit: int = 80) -> str:
    """A TOML value as TOML writes it, on one line, shortened past ``limit``."""
    text = _toml(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _toml(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{dotted([key])} = {_toml(item)}" for key, item in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return repr(value)


def _with_schema(profile: Profile, path: Path, where: tuple[str | int, ...]) -> Profile:
    """The profile with its schema file found from the configuration's
    folder, and checked now: a missing or invalid schema is a configuration
    error, not an error on every note."""
    if profile.schema == DEFAULT_PROFILE.schema:
        return profile
    schema = (path.parent / profile.schema).resolve()
    at = f"{path}: {dotted(where + ('profile', 'schema'))}"
    if not schema.is_file():
        raise ConfigError(f"{at}: schema file not found: {schema}")
    from vault_lint.schema import load_validator  # lazy: jsonschema is slow to import

    try:
        load_validator(str(schema))
    except Exception as error:  # noqa: BLE001 - any reason is the same to the user
        reason = " ".join(str(getattr(error, "message", None) or error).split())  # one line
        raise ConfigError(f"{at}: schema {schema} cannot be used: {reason}") from None
    return replace(profile, schema=str(schema))


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Settings with the command line's options (``None`` means "not given")."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
