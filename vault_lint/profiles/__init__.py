"""The built-in profiles, as data: one TOML file per profile in this folder.

``fr`` is the French vault vault-lint was built for (the default), ``en`` an
English one. Each file gives every field of a profile, in the shape of a
configuration's ``[profile]`` table; the tests check that each file is valid
against ``settings.schema.json`` and complete, so a built-in profile cannot
drift from what a configuration may say.

A configuration selects one with ``profile = "en"``, or starts a
``[profile]`` table from one with ``extends = "en"`` (``fr`` when left out)
and overrides any field (``from_table``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from vault_lint.profile import (
    DEFAULT_PROFILE,
    Profile,
    ProfileError,
    profile_from_mapping,
)

# The built-in profiles, the default first (settings.schema.json lists the
# same names: a test checks it).
NAMES = ("fr", "en")
DEFAULT = "fr"


@lru_cache(maxsize=len(NAMES))
def table(name: str) -> dict[str, Any]:
    """The data file of a built-in profile, as ``tomllib`` reads it."""
    if name not in NAMES:
        raise ProfileError(("extends",), _choices(), name)
    import tomllib  # lazy: a run whose settings come from the cache reads no profile

    return tomllib.loads(_text(name))


@lru_cache(maxsize=len(NAMES))
def builtin(name: str) -> Profile:
    """A built-in profile by name (``ProfileError`` for an unknown name).
    Its file gives every field, so nothing comes from the base it is built
    on; ``builtin("fr")`` equals ``DEFAULT_PROFILE`` (a test checks it)."""
    return profile_from_mapping(table(name), DEFAULT_PROFILE)


def from_table(given: Mapping[str, Any]) -> Profile:
    """The profile of a configuration's ``[profile]`` table: the built-in
    profile it ``extends`` (``fr`` when left out), with the table's fields
    over it. The table must be valid against the settings schema."""
    base = builtin(given.get("extends", DEFAULT))
    return profile_from_mapping({name: value for name, value in given.items() if name != "extends"}, base)


def summary(name: str) -> str:
    """What a built-in profile is: the first paragraph of its file's
    opening comment, on one line."""
    text = _text(name)
    lines = []
    for line in text.splitlines():
        if not line.startswith("#") or not line.lstrip("# "):
            break
        lines.append(line.lstrip("# ").strip())
    return " ".join(lines)


def _text(name: str) -> str:
    """The data file of a built-in profile, beside this module (read as a file:
    importlib.resources costs a one-note run 10 ms of imports)."""
    with open(os.path.join(os.path.dirname(__file__), f"{name}.toml"), encoding="utf-8") as data:
        return data.read()


def _choices() -> str:
    return "one of " + ", ".join(f'"{name}"' for name in NAMES) + " (the built-in profiles)"
