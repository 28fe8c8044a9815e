"""Settings: the configuration file of a vault, then the command line.

The file is looked up at the vault root: ``vault-lint.toml``,
``.vault-lint.toml``, or the ``[tool.vault-lint]`` table of
``pyproject.toml``. Command-line options override it.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault_lint.profile import DEFAULT_PROFILE, Profile, profile_from_mapping

if TYPE_CHECKING:
    from vault_lint.rules import Rule

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

    def enabled(self, rule: Rule) -> bool:
        """ruff's selection: the most specific matching prefix wins; on a tie
        ``ignore`` wins. A rule off by default needs its full code selected."""
        chosen = _longest(rule.code, self.select + self.extend_select)
        ignored = _longest(rule.code, self.ignore)
        if ignored >= 0 and ignored >= chosen:
            return False
        if rule.default:
            return chosen >= 0 or not self.select
        return chosen == len(rule.code)

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
    or ignore nothing)."""
    chosen = settings.select + settings.extend_select + settings.ignore
    chosen += tuple(code for _, codes_ in settings.per_file_ignores for code in codes_)
    unknown = sorted({s for s in chosen if s != "ALL" and not any(code.startswith(s) for code in codes)})
    if unknown:
        raise ConfigError(f"unknown rule selector(s): {', '.join(unknown)} (see --list-rules)")


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
            if name != "pyproject.toml" or "vault-lint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None


def load_settings(root: Path, explicit: Path | None = None) -> Settings:
    path = explicit or find_config(root)
    if path is None:
        return Settings()
    table = _read_toml(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("vault-lint", {})
    try:
        return _from_table(table, path)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ConfigError(f"{path}: {error}") from None


_LIST_OPTIONS = {"select", "extend-select", "ignore", "exclude"}
_KNOWN = _LIST_OPTIONS | {"per-file-ignores", "max-file-size", "follow-symlinks", "profile"}


def _from_table(table: dict[str, Any], path: Path) -> Settings:
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name in _LIST_OPTIONS & set(table):
        if not isinstance(table[name], list):
            raise ValueError(f"'{name}' must be a list of strings")
        values[name.replace("-", "_")] = tuple(str(item) for item in table[name])
    if "per-file-ignores" in table:
        ignores = table["per-file-ignores"]
        if not isinstance(ignores, dict) or not all(isinstance(codes, list) for codes in ignores.values()):
            raise ValueError("'per-file-ignores' must be a table of glob = [codes]")
        values["per_file_ignores"] = tuple(
            (pattern, tuple(codes)) for pattern, codes in table["per-file-ignores"].items()
        )
    if "max-file-size" in table:
        values["max_file_size"] = int(table["max-file-size"])
    if "follow-symlinks" in table:
        values["follow_symlinks"] = bool(table["follow-symlinks"])
    if "profile" in table:
        values["profile"] = _with_schema(profile_from_mapping(table["profile"]), path.parent)
    return Settings(**values)


def _with_schema(profile: Profile, folder: Path) -> Profile:
    """The profile with its schema file found from the configuration's
    folder, and checked now: a missing or invalid schema is a configuration
    error, not an error on every note."""
    if profile.schema == DEFAULT_PROFILE.schema:
        return profile
    schema = (folder / profile.schema).resolve()
    if not schema.is_file():
        raise ValueError(f"schema file not found: {schema}")
    from vault_lint.schema import load_validator  # lazy: jsonschema is slow to import

    try:
        load_validator(str(schema))
    except Exception as error:  # noqa: BLE001 - any reason is the same to the user
        raise ValueError(f"schema {schema} cannot be used: {error}") from None
    return replace(profile, schema=str(schema))


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Settings with the command line's options (``None`` means "not given")."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
