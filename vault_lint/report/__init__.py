"""Reporters: each output format in its own module, deciding nothing.

A reporter gets the outcome of a run and writes it; the module is imported
only when its format is asked for.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from vault_lint.findings import Change, Finding

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "obsidian")
# A note's bytes that are not UTF-8 are held in its text, and a file name's
# in its path, as lone surrogates U+DC80..U+DCFF ("surrogateescape"); a YAML
# escape can make other lone surrogates. No output carries one raw.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(char: str) -> str:
    """A character as a printable escape: a byte that was not UTF-8 as
    ``\\xff``, anything else as Python writes it (``\\ud800``, ``\\xe9``)."""
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("ascii", "backslashreplace").decode("ascii")


def printable(text: str) -> str:
    """``text`` with every lone surrogate escaped, for formats that must
    escape before they serialise (XML) or must count columns."""
    return _SURROGATE.sub(lambda match: _escaped(match.group()), text)


def json_text(value: Any) -> str:
    """``value`` as indented JSON whose strings hold every lone surrogate
    escaped as ``printable`` does (a lone surrogate only occurs inside a
    string, where the escape's backslash is itself escaped)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda match: _escaped(match.group()).replace("\\", "\\\\"), text)


def escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """The output streams' error handler: what the stream cannot encode
    (a lone surrogate in a path or a quoted value) is written escaped."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(map(_escaped, error.object[error.start:error.end])), error.end


@dataclass
class Report:
    """What a run has to show: its findings, fixes, changes and options of output."""

    findings: list[Finding]  # what remains, sorted by path, line, column
    fixed: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file linted
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for notes that were read
    fix_mode: bool = False
    unsafe: bool = False
    show_fixes: bool = False
    changes: list[Change] = field(default_factory=list)  # what --fix wrote, or --diff would write
    # None: as many as ``files``; fewer when a note named on the command line was skipped (a template).
    checked: int | None = None
    failed: bool = False  # the run met an error of its own (a path naming nothing): no "All checks passed!"
    found: int | None = None  # with --fix: the findings on the notes as read (what a plain run reports)
    baselined: int = 0  # findings the baseline hid
    color: bool = False  # ANSI colours (a terminal, or FORCE_COLOR)
    quiet: bool = False  # the findings only: no summary
    # For the obsidian format: path -> {line: the link anchor that jumps there (#^id, #Heading)},
    # and path -> the note's path in its vault ('/' separators), when it is not the path shown.
    anchors: dict[str, dict[int, str]] = field(default_factory=dict)
    vault_paths: dict[str, str] = field(default_factory=dict)

    def fixable(self) -> tuple[int, int]:
        """(fixable with --fix, fixable only with --unsafe-fixes)."""
        safe = sum(1 for f in self.findings if f.fixable(self.unsafe))
        hidden = sum(1 for f in self.findings if f.fixable(True)) - safe
        return safe, hidden

    @property
    def notes_checked(self) -> int:
        return len(self.files) if self.checked is None else self.checked


# SGR codes of the text formats' colours, as ruff uses them.
BOLD, RED, CYAN, BLUE = "1", "31", "36", "34"


def paint(text: str, report: Report, *codes: str) -> str:
    """``text`` in the colours ``codes`` when the report is in colour."""
    if not report.color or not text:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def use_color(stream: Any, environ: dict[str, str] | None = None) -> bool:
    """Colours on a terminal, not when piped; ``NO_COLOR`` (any value but
    empty) turns them off, else ``FORCE_COLOR`` (same) on."""
    import os

    environ = dict(os.environ) if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


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
