"""The Python API, for scripts that import recipes into a vault.

``check_text`` and ``fix_text`` run the engine the command line runs, with
the same settings: the vault root is found from ``path`` (the folder
holding ``.obsidian/`` or a configuration file, else the git root) and its
configuration file is read once per vault root in a process. A
configuration the command line refuses raises ``ConfigError`` here.
Nothing is written to disk.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from vault_lint.context import Context
from vault_lint.engine import Engine, Options
from vault_lint.findings import Finding


@lru_cache(maxsize=2)
def _engine(fix: bool, unsafe: bool) -> Engine:
    return Engine(Options(fix=fix, unsafe_fixes=unsafe))


def context_for(path: str | Path) -> Context:
    """The settings and vault of the note at ``path``."""
    return _engine(False, False).context(Path(path))


def check_text(text: str, path: str | Path = "note.md") -> list[Finding]:
    """Every finding on ``text`` as if it were the note at ``path``."""
    return _engine(False, False).check_text(text, path).findings


def fix_text(text: str, path: str | Path = "note.md", unsafe: bool = False) -> tuple[str, list[Finding]]:
    """``text`` with the safe fixes (and the unsafe ones with ``unsafe``)
    applied, and the findings that remain. A leading BOM is kept."""
    result = _engine(True, unsafe).check_text(text, path)
    return ("\ufeff" if result.note.bom else "") + result.note.text, result.findings
