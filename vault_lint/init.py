"""``vault-lint init [PATH]``: write a vault's conventions down.

Reads every note of the vault (``infer.py``), writes a commented
``vault-lint.toml`` at its root (and ``recipe.schema.json`` beside it when
the vault's schema is not a built-in one), then prints what it inferred and,
for each rule, how many notes it would flag: the owner adopts vault-lint on
an existing vault in one step, and edits the file where the notes were wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from vault_lint.config import ConfigError, load_settings
from vault_lint.infer import Inference, infer_vault
from vault_lint.profile import Keys, Profile
from vault_lint.profiles import builtin

CONFIG = "vault-lint.toml"
SCHEMA = "recipe.schema.json"
EVERY_NOTE = 10**9  # init reads them all


def main(argv: list[str], out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="vault-lint init",
                                     description="Write a vault's conventions, read from its notes, to vault-lint.toml.")
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), help="the vault root (default: here)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing configuration")
    parser.add_argument("--stdout", action="store_true", help="print the configuration instead of writing it")
    args = parser.parse_args(argv)
    root: Path = args.path
    if not root.is_dir():
        raise ConfigError(f"{root}: not a folder")
    inference = infer_vault(root, EVERY_NOTE)
    if inference.profile is None:
        raise ConfigError(f"{root}: no recipe note found among {inference.read} notes; nothing to write")
    files = render(inference)
    if args.stdout:
        out.write(files[CONFIG])
        _summary(inference, _counts(files, root), sys.stderr)
        return 0
    existing = [name for name in files if (root / name).exists()]
    if existing and not args.force:
        raise ConfigError(f"{root / existing[0]} exists already; use --force to overwrite it")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    load_settings(root)  # what was written must load: a bug here is not the user's to find
    out.write(f"wrote {', '.join(str(root / name) for name in files)}\n")
    _summary(inference, _counts(files, root), out)
    return 0


def render(inference: Inference) -> dict[str, str]:
    """The files to write: the configuration, and the schema when the vault has its own."""
    profile = inference.profile
    assert profile is not None
    base = inference.base or "en"
    table: dict[str, Any] = {"extends": base, **profile_changes(profile, builtin(base))}
    files = {}
    if inference.schema is not None:
        table["schema"] = SCHEMA
        files[SCHEMA] = json.dumps(inference.schema, ensure_ascii=False, indent=2) + "\n"
    top: dict[str, Any] = {"ignore": list(inference.ignore)} if inference.ignore else {}
    files = {CONFIG: _toml(inference, {**top, "profile": table}), **files}
    return files


def profile_changes(profile: Profile, base: Profile | None) -> dict[str, Any]:
    """The fields of ``profile`` that differ from ``base`` (every field, with
    no base), as a configuration writes them; the schema only with no base."""
    changes: dict[str, Any] = {}
    for spec in fields(Profile):
        value = getattr(profile, spec.name)
        default = None if base is None else getattr(base, spec.name)
        if value == default or (spec.name == "schema" and base is not None):
            continue
        if spec.name == "keys":
            changes["keys"] = {f.name: getattr(value, f.name) for f in fields(Keys)
                               if default is None or getattr(value, f.name) != getattr(default, f.name)}
        elif spec.name == "sections":
            changes["sections"] = [{"role": s.role, "names": list(s.names)} for s in value]
        elif spec.name == "time_buckets":
            changes["time_buckets"] = [{"name": b.name} | ({"max_minutes": b.max_minutes} if b.max_minutes else {})
                                       for b in value]
        elif spec.name in ("field_namespaces", "quick_info_labels", "platforms"):
            changes[spec.name] = {k: list(v) if isinstance(v, tuple) else v for k, v in value}
        else:
            changes[spec.name] = list(value) if isinstance(value, tuple) else value
    return changes


def _toml(inference: Inference, table: dict[str, Any]) -> str:
    import tomli_w  # lazy, for import time: only init writes TOML

    head = [f"# vault-lint configuration, written by `vault-lint init` from the {inference.read} notes of this",
            f"# vault ({inference.recipes} recipes). What the notes showed:"]
    head += [f"#   - {fact}" for fact in inference.facts]
    head += ["# Every setting: docs/configuration.md. Edit freely; `vault-lint init --force` writes it anew.", ""]
    return "\n".join(head) + "\n" + tomli_w.dumps(table)


def _counts(files: dict[str, str], root: Path) -> Counter[tuple[str, str]]:
    """How many notes each rule flags under the configuration about to be written."""
    from vault_lint.engine import Engine, Options

    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        outcome = Engine(Options(config=Path(folder) / CONFIG)).run([root])
    return Counter((code, name) for code, name, _ in {(f.code, f.name, f.path) for f in outcome.findings})


def _summary(inference: Inference, counts: Counter[tuple[str, str]], out: TextIO) -> None:
    out.write("Read from the notes:\n")
    out.writelines(f"  - {fact}\n" for fact in inference.facts)
    if not counts:
        out.write(f"No rule flags any of the {inference.recipes} recipes.\n")
        return
    out.write(f"Notes each rule flags ({inference.recipes} recipes):\n")
    for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"  {count:>5}  {code} {name}\n")
