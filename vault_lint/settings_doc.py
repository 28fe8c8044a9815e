"""The configuration reference (docs/configuration.md), generated.

Every setting's description, type, default and example come from
``settings.schema.json`` (``description``, the type keywords, ``default``,
``examples``), the defaults of the profile's fields from the built-in
profiles' data files, and the sample error lines from the validation
itself: the reference cannot say something the schema does not. A test
fails when the committed file is stale; regenerate it with
``python -m vault_lint.settings_doc > docs/configuration.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from vault_lint import profiles
from vault_lint.config import (
    ConfigError,
    profile_table_schema,
    settings_schema,
    toml_value,
    tool_settings,
    validate,
)

COMMAND = "python -m vault_lint.settings_doc > docs/configuration.md"

# An English vault's configuration, shown in the reference (a test loads
# every TOML block of the reference, this one included).
ENGLISH_EXAMPLE = """\
# vault-lint.toml, at the root of an English vault
ignore = ["SC003"]
extend-select = ["SC007"]
exclude = ["Archives"]

[per-file-ignores]
"Meal plans/*" = ["SC"]

[profile]
extends = "en"                        # start from the built-in English profile
schema = "schemas/recipe.schema.json" # the vault's copy of recipe.en.schema.json, with its key names
link_label = "URL"
time_buckets = [
  { name = "quick", max_minutes = 20 },
  { name = "weeknight", max_minutes = 45 },
  { name = "weekend" },
]

[profile.keys]                        # merged with the keys of "en"
prep = "prepTime"
cook = "cookTime"
total = "totalTime"
"""

# Mistakes whose one-line message the reference shows, produced by the
# validation itself: (file name, TOML).
MISTAKES = (
    ("vault-lint.toml", 'selct = ["TM"]\n'),
    ("vault-lint.toml", "time_buckets = []\n"),
    ("vault-lint.toml", 'profile = "de"\n'),
    ("vault-lint.toml", "[profile]\nsection_levels = [2, 7]\n"),
    ("pyproject.toml", '[tool.vault_lint]\nselect = ["TM"]\n'),
)


def configuration_markdown() -> str:
    """The configuration reference."""
    schema = settings_schema()
    top = schema["properties"]
    parts = [
        "# Configuration\n\n",
        (f"Generated from `vault_lint/settings.schema.json` by `{COMMAND}`; a test fails when this file "
         "is stale.\n\n"),
        ("vault-lint reads its settings at the vault root, from the first of `vault-lint.toml`, "
         "`.vault-lint.toml`, or the `[tool.vault-lint]` table of `pyproject.toml`; the command line's "
         "options override them. The file is checked against the settings schema when it is read: a wrong "
         "value, or a name vault-lint does not know, stops the run (exit code 2) with one line naming the "
         "file and the setting, what is expected and what was given, and the setting meant when a name is "
         "misspelt or in the wrong table:\n\n"),
        "```text\n", *(f"vault-lint: {_mistake(name, text)}\n" for name, text in MISTAKES), "```\n\n",
        "## An English vault\n\n",
        "`profile` selects a built-in profile, the conventions the rules look for:\n\n",
        "```toml\nprofile = \"en\"\n```\n\n",
        ("A `[profile]` table starts from one (`extends`, `\"fr\"` when left out) and overrides any of its "
         "fields:\n\n"),
        f"```toml\n{ENGLISH_EXAMPLE}```\n\n",
        ("The schema says which keys a note must have and what values they take; a vault that renames "
         "its keys gives its own schema, a copy of the built-in profile's "
         "([`schemas/`](../schemas/)) with the new names.\n\n"),
        "## Settings\n\n",
    ]
    for name, sub in top.items():
        if name != "profile":
            parts.append(_setting(name, sub, (name,)))
    parts += ["## The profile\n\n", _setting("profile", top["profile"], ("profile",)), _builtins()]
    for name, sub in profile_table_schema()["properties"].items():
        parts.append(_setting(f"profile.{name}", sub, ("profile", name)))
    return "".join(parts).rstrip("\n") + "\n"


def _mistake(name: str, text: str) -> str:
    import tomllib

    document = tomllib.loads(text)
    path = Path(name)
    try:
        table, where = tool_settings(document, path) if name == "pyproject.toml" else (document, ())
        validate(table, path, where)
    except ConfigError as error:
        return str(error)
    raise AssertionError(f"no error for {text!r}")  # pragma: no cover - a mistake the schema accepts


def _builtins() -> str:
    lines = ["The built-in profiles ([`vault_lint/profiles/`](../vault_lint/profiles/)):\n\n",
             "| name | |\n|---|---|\n"]
    for name in profiles.NAMES:
        lines.append(f"| `{name}` | {profiles.summary(name)} |\n")
    return "".join(lines) + "\n"


def _setting(dotted_name: str, schema: dict[str, Any], path: tuple[str, ...]) -> str:
    text = f"### `{dotted_name}`\n\n{schema.get('description', '').strip()}\n\n"
    text += f"- Type: {_type(schema)}\n- Default: {_default(schema, path)}\n\n"
    for example in schema.get("examples", []):
        text += f"```toml\n{_example(path, example)}```\n\n"
    return text


def _default(schema: dict[str, Any], path: tuple[str, ...]) -> str:
    if "default" in schema:
        return f"`{toml_value(schema['default'])}`"
    assert path[0] == "profile" and len(path) == 2, path
    by_value: dict[str, list[str]] = {}
    for name in profiles.NAMES:
        by_value.setdefault(toml_value(profiles.table(name)[path[1]]), []).append(f"`{name}`")
    shown = [f"`{value}` ({', '.join(names)})" for value, names in by_value.items()]
    return "the built-in profile's: " + "; ".join(shown)


def _type(schema: dict[str, Any], plural: bool = False) -> str:
    if "anyOf" in schema:
        # A table among the choices is the one whose fields follow.
        return ", or ".join("a table of the settings below" if branch.get("type") == "object" else _type(branch)
                           for branch in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(f"`{toml_value(value)}`" for value in schema["enum"])
    kind = schema.get("type")
    s = "s" if plural else ""
    if kind == "array":
        return f"list{s} of {_type(schema['items'], plural=True)}"
    if kind == "object":
        return f"table{s}{_fields(schema)}"
    if kind == "integer" and "minimum" in schema:
        limits = f"from {schema['minimum']} to {schema['maximum']}" if "maximum" in schema else \
            f"at least {schema['minimum']}"
        return f"integer{s} {limits}"
    return {"string": "string", "integer": "integer", "boolean": "boolean"}[kind] + s


def _fields(schema: dict[str, Any]) -> str:
    """What a table holds."""
    if isinstance(schema.get("additionalProperties"), dict):
        key = _type(schema.get("propertyNames", {"type": "string"}))
        return f" of {key} = {_type(schema['additionalProperties'])}"
    fields = schema.get("properties", {})
    kinds = {_type(sub, plural=True) for sub in fields.values()}
    names = ", ".join(f"`{name}`" for name in fields)
    if len(fields) > 3 and len(kinds) == 1:
        return f" of {kinds.pop()}, by key role: {names}"
    return " (" + ", ".join(f"`{name}`: {_type(sub)}" for name, sub in fields.items()) + ")"


def _example(path: tuple[str, ...], value: Any) -> str:
    """An example value as a configuration file writes it."""
    *tables, name = path
    header = f"[{'.'.join(tables)}]\n" if tables else ""
    if isinstance(value, dict):
        lines = "".join(f"{_key(key)} = {toml_value(item)}\n" for key, item in value.items())
        return f"[{'.'.join(path)}]\n{lines}"
    return f"{header}{name} = {_inline(value)}\n"


def _inline(value: Any) -> str:
    """A value on one line, or a list of tables one item a line."""
    text = toml_value(value)
    if isinstance(value, list) and len(text) > 72:
        return "[\n" + "".join(f"  {toml_value(item)},\n" for item in value) + "]"
    return text


def _key(name: str) -> str:
    from vault_lint.config import dotted

    return dotted([name])


if __name__ == "__main__":
    sys.stdout.write(configuration_markdown())
