"""Reporters: each output format in its own module, deciding nothing.

A reporter gets the outcome of a run and writes it; the module is imported
only when its format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from vault_lint.findings import Change, Finding

FORMATS = ("full", "concise", "json", "github", "sarif", "junit")


@dataclass
class Report:
    findings: list[Finding]  # what remains, sorted by path, line, column
    fixed: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file linted
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for notes that were read
    fix_mode: bool = False
    unsafe: bool = False
    show_fixes: bool = False
    changes: list[Change] = field(default_factory=list)  # what --fix wrote, or --diff would write

    def fixable(self) -> tuple[int, int]:
        """(fixable with --fix, fixable only with --unsafe-fixes)."""
        safe = sum(1 for f in self.findings if f.fixable(self.unsafe))
        hidden = sum(1 for f in self.findings if f.fixable(True)) - safe
        return safe, hidden


Reporter = Callable[[Report, TextIO], None]


def reporter(name: str, statistics: bool = False, diff: bool = False) -> Reporter:
    """The renderer of an output format (``--diff`` and ``--statistics``
    have their own; statistics also come as JSON)."""
    if diff:
        name = "diff"
    elif statistics:
        name = "statistics_json" if name == "json" else "statistics"
    module = importlib.import_module(f"{__name__}.{name}_format")
    return module.render  # type: ignore[no-any-return]
