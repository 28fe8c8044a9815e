"""The Python API, for scripts that import recipes into a vault.

``check_text`` and ``fix_text`` resolve settings exactly as the command line
does: the vault root is found from ``path`` (the folder holding
``.obsidian/`` or a configuration file, else the git root) and its
configuration file is read. Nothing is written to disk.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from vault_lint.config import load_settings
from vault_lint.context import Context
from vault_lint.findings import Finding
from vault_lint.note import Note
from vault_lint.vault import Vault, find_root


def context_for(path: str | Path) -> Context:
    """The settings and vault of the note at ``path``; read once per vault
    root in a process (a script importing many recipes reads them once)."""
    return _context_at(find_root(Path(path)))


@lru_cache(maxsize=32)
def _context_at(root: Path) -> Context:
    return Context(load_settings(root), Vault.at(root))


def check_text(text: str, path: str | Path = "note.md") -> list[Finding]:
    """Every finding on ``text`` as if it were the note at ``path``."""
    from vault_lint.linter import lint

    return lint(_parse(text, path), context_for(path))


def fix_text(text: str, path: str | Path = "note.md", unsafe: bool = False) -> tuple[str, list[Finding]]:
    """``text`` with the safe fixes (and the unsafe ones with ``unsafe``)
    applied, and the findings that remain. A leading BOM is kept."""
    from vault_lint.fixes import fix_note

    note = _parse(text, path)
    outcome = fix_note(note, context_for(path), unsafe=unsafe)
    return ("\ufeff" if note.bom else "") + outcome.note.text, outcome.remaining


def _parse(text: str, path: str | Path) -> Note:
    """A note from text as a script read it (``encoding="utf-8"`` keeps a
    BOM as U+FEFF: it is set apart, as the command line does)."""
    from vault_lint.note import parse_text

    bom = text.startswith("\ufeff")
    return parse_text(str(path), text[bom:], Note(path=str(path), text="", bom=bom))
