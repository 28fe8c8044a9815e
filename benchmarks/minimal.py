"""The yardstick: the least a Python linter of these notes can do.

    python benchmarks/minimal.py VAULT [NOTE ...]

Every note under VAULT (or only the NOTEs given) is read, its front matter
split off and loaded by PyYAML's C loader, validated by a jsonschema
validator built once from ``schemas/recipe.schema.json``, and checked once
(the total time is the sum of the preparation and cooking times); one line
is printed per finding. No positions, no body, no fixes, no output format:
``run.py`` gives vault-lint's times as ratios to this one's, so that the
figures mean the same on any machine.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

import jsonschema
import yaml

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "recipe.schema.json"


def notes(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(os.path.join(folder, name) for name in files if name.endswith(".md"))
    return sorted(found)


def plain(value: object) -> object:
    """Values as JSON Schema sees them: YAML dates become ISO strings."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def main(args: list[str]) -> int:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    paths = args[1:] if len(args) > 1 else notes(args[0])
    out = []
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", "surrogateescape")
        lines = text.splitlines()
        if not lines or lines[0].rstrip() != "---":
            out.append(f"{path}:1:1: no front matter")
            continue
        end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
        if end is None:
            out.append(f"{path}:1:1: unterminated front matter")
            continue
        try:
            data = yaml.load("\n".join(lines[1:end]), Loader=loader)
        except yaml.YAMLError as error:
            out.append(f"{path}:1:1: invalid YAML: {' '.join(str(error).split())}")
            continue
        if not isinstance(data, dict):
            out.append(f"{path}:1:1: front matter is not a mapping")
            continue
        for error in validator.iter_errors(plain(data)):
            out.append(f"{path}:1:1: {error.message}")
        times = [data.get(key) for key in ("temps_prep", "temps_cuisson", "temps_total")]
        if all(isinstance(t, int) for t in times) and times[0] + times[1] != times[2]:
            out.append(f"{path}:1:1: temps_total is {times[2]}, not {times[0]} + {times[1]}")
    sys.stdout.write("".join(line + "\n" for line in out))
    sys.stdout.write(f"Found {len(out)} errors.\n")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
