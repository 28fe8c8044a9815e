"""``vault-lint --show-settings [PATH]``: the settings a note is checked under.

The settings of the vault ``PATH`` lies in (the nearest configuration, or
the conventions read from its notes), written as a configuration file that
gives them back: every setting and every profile field, the command line's
options applied, with the vault root, where the settings come from and the
rules they turn on as comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from vault_lint.context import Context


def show_settings(ctx: Context, path: Path, rules: list[str], out: TextIO) -> None:
    import tomli_w  # lazy, for import time: only this and init write TOML

    settings = ctx.settings
    source = settings.source or "none found: the conventions were read from the vault's notes"
    out.write(f"# Settings for {path}\n# vault root: {ctx.vault.root}\n# configuration: {source}\n")
    out.write(f"# rules on ({len(rules)}): {', '.join(rules)}\n\n")
    out.write(tomli_w.dumps(settings_table(ctx)))


def settings_table(ctx: Context) -> dict[str, Any]:
    """The settings as a configuration file's table writes them."""
    from vault_lint.init import profile_changes

    settings = ctx.settings
    return {
        "select": list(settings.select),
        "extend-select": list(settings.extend_select),
        "ignore": list(settings.ignore),
        "per-file-ignores": {pattern: list(codes) for pattern, codes in settings.per_file_ignores},
        "exclude": list(settings.exclude),
        "max-file-size": settings.max_file_size,
        "follow-symlinks": settings.follow_symlinks,
        "baseline": settings.baseline,
        "profile": profile_changes(settings.profile, None),
    }
