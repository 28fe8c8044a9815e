"""``full``: each finding with the line it points at, a caret under it, and
what its fix does (``= help: …``) when it has one.

The caret sits under the characters the finding points at as a terminal
shows them: an emoji or a CJK character takes two columns, a combining
accent none (``wcwidth``), and a tab before the finding is copied into the
caret's line, so it lands on the same tab stop.
"""

from __future__ import annotations

from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.note import split_lines
from vault_lint.report import BLUE, BOLD, CYAN, RED, Report, paint, printable
from vault_lint.report.concise_format import line
from vault_lint.report.summary import write_summary

LONG_LINE = 200  # characters shown of a longer line (more when the finding lies further)


def render(report: Report, out: TextIO) -> None:
    lines: dict[str, list[str]] = {}
    for finding in report.findings:
        out.write(line(finding, report.unsafe, report) + "\n")
        if finding.path not in lines:
            lines[finding.path] = [line.rstrip("\r\n") for line in split_lines(report.sources.get(finding.path, ""))]
        source = lines[finding.path]
        if 1 <= finding.line <= len(source):
            out.write(_excerpt(finding, source[finding.line - 1], report))
        elif finding.fix is not None:
            out.write(_help(finding, report, " "))
    write_summary(report, out)


def _excerpt(finding: Finding, source: str, report: Report) -> str:
    number = str(finding.line)
    pad = " " * len(number)
    cut = len(source) > LONG_LINE
    shown = source[: max(LONG_LINE, finding.column + 40)] if cut else source
    one_line = finding.end_line == finding.line
    width = finding.end_column - finding.column if one_line else len(source) - finding.column + 1
    start = min(finding.column - 1, len(shown))
    marked = shown[start:start + max(1, min(width, len(shown) - start))]
    # A byte that is not UTF-8 is shown as \xff: the caret follows the text as shown.
    indent = _indent(printable(shown[:start]))
    caret = paint("^" * max(1, display_width(printable(marked))), report, BOLD, RED)
    bar = paint("|", report, BOLD, BLUE)
    text = printable(shown) + (" …" if len(shown) < len(source) else "")
    return (f"{pad} {bar}\n{paint(number, report, BOLD, BLUE)} {bar} {text}\n{pad} {bar} {indent}{caret}\n"
            f"{pad} {bar}\n{_help(finding, report, pad)}")


def _help(finding: Finding, report: Report, pad: str) -> str:
    """What the finding's fix does, under it; an unsafe fix says how to enable it."""
    fix = finding.fix
    if fix is None:
        return ""
    unsafe = "" if fix.applicability == "safe" else (
        " (unsafe fix)" if report.unsafe else " (unsafe fix: enable it with `--unsafe-fixes`)")
    return f"{pad} {paint('=', report, BOLD, BLUE)} {paint('help', report, BOLD, CYAN)}: {fix.message}{unsafe}\n"


def _indent(prefix: str) -> str:
    """Blanks as wide as ``prefix`` on a terminal, its tabs kept."""
    parts = prefix.split("\t")
    return "\t".join(" " * display_width(part) for part in parts)


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (no tab in it)."""
    if text.isascii():
        return sum(1 for char in text if char.isprintable())
    try:
        from wcwidth import width  # lazy: only a line with non-ASCII text needs it
    except ImportError:  # a wcwidth older than width(): no emoji sequences, the characters one by one
        from wcwidth import wcwidth

        return sum(max(0, wcwidth(char)) for char in text)
    return max(0, width(text, control_codes="ignore"))
