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

FORMATS = ("full", "concise", "json", "github", "sarif", "junit")
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
