"""``--diff``: what ``--fix`` would write, as a unified diff ``patch`` applies."""

from __future__ import annotations

import difflib
from typing import TextIO

from vault_lint.findings import Change
from vault_lint.note import split_lines
from vault_lint.report import Report


def render(report: Report, out: TextIO) -> None:
    """The diff; the command line says what it would fix on standard error
    (``summary.diff_line``), so that the output stays a patch."""
    out.write("".join(diff(change) for change in report.changes))


def diff(change: Change) -> str:
    """A unified diff of the text; a note re-encoded says so in its header."""
    path = change.path
    label = f" ({change.encoding}, written as UTF-8)" if change.encoding else ""
    # A tab ends a name holding spaces, as `diff -u` writes it (for `patch`).
    end = "\t" if " " in path or label else ""
    lines = difflib.unified_diff(
        split_lines(change.before), split_lines(change.after),
        fromfile=f"a/{path}{end}{label.strip()}", tofile=f"b/{path}{end}",
    )
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
    return text or f"--- a/{path}{label}\n+++ b/{path}\n"
