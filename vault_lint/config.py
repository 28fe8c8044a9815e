"""Settings: the configuration file of a vault, then the command line.

The file is looked up at the vault root: ``vault-lint.toml``,
``.vault-lint.toml``, or the ``[tool.vault-lint]`` table of
``pyproject.toml``. Command-line options override it. The file is checked
against ``settings.schema.json`` (shipped in the package) when it is read.
Its ``profile`` names a built-in profile (``vault_lint/profiles/``), or is a
``[profile]`` table over the one it ``extends``. ``docs/configuration.md``
is generated from the same schema (``settings_doc.py``).
"""

from __future__ import annotations

import datetime
import fnmatch
import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from vault_lint import profiles
from vault_lint.errors import ConfigError
from vault_lint.profile import DEFAULT_PROFILE, Profile, ProfileError

CONFIG_FILES = ("vault-lint.toml", ".vault-lint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_BASELINE = ".vault-lint-baseline.json"  # baseline.DEFAULT, without importing it here


@dataclass(frozen=True)
class Settings:
    """A vault's settings, as its configuration file gives them (validated)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    follow_symlinks: bool = False
    profile: Profile = field(default=DEFAULT_PROFILE)
    baseline: str = DEFAULT_BASELINE  # from the vault root; "" for none (baseline.py reads it)
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


def is_ignored(code: str, ignored: tuple[str, ...]) -> bool:
    """Is ``code`` among the codes ``ignored`` (``Settings.ignored_for`` a note:
    codes and prefixes of codes)?"""
    return bool(ignored) and code.startswith(ignored)


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


TOOL_TABLE = "vault-lint"


def find_config(root: Path) -> Path | None:
    """The configuration file of the vault at ``root``: a ``pyproject.toml``
    counts when it has a ``[tool.vault-lint]`` table, or one that looks
    meant to be it (``[tool.vault_lint]``: reading it reports the mistake)."""
    for name in CONFIG_FILES:
        candidate = root / name
        if candidate.is_file():
            if name != "pyproject.toml":
                return candidate
            tool = _tool_table(_read_toml(candidate))
            if TOOL_TABLE in tool or _misspelt_tool_tables(tool):
                return candidate
    return None


def _misspelt_tool_tables(tool: dict[str, Any]) -> list[str]:
    """Tables of ``[tool]`` that look meant for vault-lint but are not
    ``[tool.vault-lint]`` (``vault_lint``, ``vaultlint``, ``vault-lnt``...):
    their settings would be silently ignored."""
    import difflib

    def bare(name: str) -> str:
        return re.sub(r"[-_.\s]", "", name.casefold())

    return [name for name in tool if name != TOOL_TABLE and (
        bare(name) == bare(TOOL_TABLE) or difflib.SequenceMatcher(None, name.casefold(), TOOL_TABLE).ratio() >= 0.8)]


def _tool_table(document: dict[str, Any]) -> dict[str, Any]:
    tool = document.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # lazy, as the imports below: a run whose settings come from the cache reads no file

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None


def tool_settings(document: dict[str, Any], path: Path) -> tuple[Any, tuple[str, ...]]:
    """The ``[tool.vault-lint]`` table of a ``pyproject.toml`` document, and
    where it lies; a table meant for vault-lint under another name
    (``[tool.vault_lint]``) is a ``ConfigError``, not settings ignored."""
    tool = _tool_table(document)
    misspelt = _misspelt_tool_tables(tool)
    if misspelt:
        raise ConfigError(f"{path}: [{dotted(('tool', misspelt[0]))}]: unknown table "
                          f"(did you mean [tool.{TOOL_TABLE}]?)")
    return tool.get(TOOL_TABLE, {}), ("tool", TOOL_TABLE)


def load_settings(root: Path, explicit: Path | None = None) -> Settings:
    """The settings of the vault at ``root`` (or of the ``explicit`` file),
    checked against ``settings.schema.json``; any wrong value is a
    ``ConfigError`` of one line naming the file and the setting."""
    path = explicit or find_config(root)
    if path is None:
        return with_baseline(Settings(), root)
    table: Any = _read_toml(path)
    where: tuple[str | int, ...] = ()
    if path.name == "pyproject.toml":
        table, where = tool_settings(table, path)
    validate(table, path, where)
    try:
        settings = _from_table(table, path, where)
    except ProfileError as error:
        at = dotted(where + ("profile", *error.where))
        raise ConfigError(f"{path}: {at}: expected {error.expected}, got {show(error.got)}{error.note}") from None
    return with_baseline(settings, root)


def with_baseline(settings: Settings, root: Path, baseline: str | None = None) -> Settings:
    """The settings with their baseline file (``baseline``, when given,
    replaces the setting: ``--baseline FILE``, or "" for none) read now, so
    that a file that is not a baseline stops the run before any note is
    read."""
    from vault_lint.baseline import BaselineError, prepare

    if baseline is not None:
        settings = replace(settings, baseline=baseline)
    try:
        prepare(settings, root)
    except BaselineError as error:
        raise ConfigError(str(error)) from None
    return settings


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
    if "baseline" in table:
        values["baseline"] = table["baseline"]
    if "profile" in table:
        values["profile"] = profile_setting(table["profile"], path, where)
    return Settings(**values, source=path)


def profile_setting(value: str | dict[str, Any], path: Path, where: tuple[str | int, ...] = ()) -> Profile:
    """The profile a valid ``profile`` setting gives: a built-in profile by
    name (``profile = "en"``), or a ``[profile]`` table over the built-in
    profile it ``extends`` (``fr`` when left out)."""
    if isinstance(value, str):
        return profiles.builtin(value)
    return _with_schema(profiles.from_table(value), path, where, written="schema" in value)


# -- validation ------------------------------------------------------------------

SETTINGS_SCHEMA = "settings.schema.json"
MAX_FILE_SIZE_LIMIT = 1 << 30  # the schema's maximum for max-file-size (1 GiB)


@lru_cache(maxsize=1)
def settings_schema() -> dict[str, Any]:
    """The JSON Schema of the settings, shipped beside this module (read as a
    file: importlib.resources costs a one-note run 10 ms of imports)."""
    text = Path(__file__).with_name(SETTINGS_SCHEMA).read_text(encoding="utf-8")
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
        hint = _hint(unknown, known, _elsewhere(tuple(error.absolute_path)))
        message = f"{schema.get('x-unknown', 'unknown setting(s)')}: {', '.join(unknown)}{hint}"
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


def _hint(unknown: list[str], known: list[str], elsewhere: dict[str, str] | None = None) -> str:
    """Did you mean...: for each unknown name, the setting it belongs to
    when it is one of another table (``elsewhere``: ``time_buckets`` at the
    top is ``profile.time_buckets``), else the closest known name; when one
    has neither, the known names."""
    import difflib

    moved = {_bare_name(name): place for name, place in (elsewhere or {}).items()}
    suggestions = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        suggestion = moved.get(_bare_name(name)) or (close[0] if close else None)
        if suggestion is None:
            return f" (expected: {', '.join(known)})" if known else ""
        suggestions.append(suggestion if suggestion.startswith("the ") else f"'{suggestion}'")
    return f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""


def _bare_name(name: str) -> str:
    return name.casefold().replace("-", "_")


def _elsewhere(table: tuple[str | int, ...]) -> dict[str, str]:
    """Settings that belong to another table than ``table``, by name, with
    the place they belong: a profile field written at the top, a top-level
    setting written in ``[profile]``."""
    top = settings_schema()["properties"]
    if table == ():
        return {name: f"profile.{name}" for name in profile_table_schema()["properties"]}
    if table == ("profile",):
        return {name: f"the top-level '{name}'" for name in top if name != "profile"}
    return {}


def profile_table_schema() -> dict[str, Any]:
    """The schema of a ``[profile]`` table (the built-in profiles' data
    files are checked against it too)."""
    branches = settings_schema()["properties"]["profile"]["anyOf"]
    table: dict[str, Any] = next(branch for branch in branches if branch.get("type") == "object")
    return table


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


def toml_value(value: Any) -> str:
    """A value as TOML writes it inline (``[2, 3]``, ``{ name = "long" }``)."""
    return _toml(value)


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


def _with_schema(profile: Profile, path: Path, where: tuple[str | int, ...], written: bool) -> Profile:
    """The profile with the schema the configuration names (``written``)
    found from the configuration's folder, else among the schemas shipped
    with vault-lint, and checked now: a missing or invalid schema is a
    configuration error, not an error on every note. A schema the table
    does not name is its built-in profile's, shipped and checked by the
    tests."""
    if not written:
        return profile
    # The configuration's folder resolved, not the schema's own path: a schema named through
    # a link is read through it each run (the cache sees the link led elsewhere).
    local = path.parent.resolve() / profile.schema
    at = f"{path}: {dotted(where + ('profile', 'schema'))}"
    from vault_lint.schema import load_validator  # lazy: jsonschema is slow to import

    shipped = _shipped_schemas()
    if local.is_file():
        schema = str(local)
    elif profile.schema in shipped:
        schema = profile.schema
    else:
        raise ConfigError(f"{at}: schema file not found: {local} "
                          f"(nor a schema shipped with vault-lint: {', '.join(shipped)})")
    try:
        load_validator(schema)
    except Exception as error:  # noqa: BLE001 - any reason is the same to the user
        reason = " ".join(str(getattr(error, "message", None) or error).split())  # one line
        raise ConfigError(f"{at}: schema {schema} cannot be used: {reason}") from None
    return replace(profile, schema=schema)


def schema_candidates(settings: Settings) -> tuple[Path, ...]:
    """The files whose coming or going changes the schema the settings name
    (``_with_schema``): a schema named by its bare name is the one shipped
    with vault-lint while the configuration's folder holds no file of that
    name."""
    name = settings.profile.schema
    if settings.source is None or name.lstrip().startswith("{") or Path(name).is_absolute():
        return ()
    return (settings.source.parent / name,)


def _shipped_schemas() -> tuple[str, ...]:
    """The names of the schemas shipped with vault-lint: the built-in
    profiles' own."""
    return tuple(dict.fromkeys(str(profiles.table(name)["schema"]) for name in profiles.NAMES))


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Settings with the command line's options (``None`` means "not given")."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
