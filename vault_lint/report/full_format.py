"""``full``: each finding with the line it points at, and a caret under it."""

from __future__ import annotations

from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.note import split_lines
from vault_lint.report import Report, printable
from vault_lint.report.concise_format import line
from vault_lint.report.summary import write_summary


def render(report: Report, out: TextIO) -> None:
    lines: dict[str, list[str]] = {}
    for finding in report.findings:
        out.write(line(finding, report.unsafe) + "\n")
        if finding.path not in lines:
            lines[finding.path] = [line.rstrip("\r\n") for line in split_lines(report.sources.get(finding.path, ""))]
        source = lines[finding.path]
        if 1 <= finding.line <= len(source):
            out.write(_excerpt(finding, source[finding.line - 1]))
    write_summary(report, out)


def _excerpt(finding: Finding, source: str) -> str:
    number = str(finding.line)
    pad = " " * len(number)
    shown = source if len(source) <= 200 else source[: max(200, finding.column + 40)] + " …"
    width = finding.end_column - finding.column if finding.end_line == finding.line else len(source) - finding.column + 1
    start = finding.column - 1
    marked = shown[start:start + max(1, min(width, len(shown) - start))]
    # A byte that is not UTF-8 is shown as \xff: the caret follows the text as shown.
    caret = " " * len(printable(shown[:start])) + "^" * max(1, len(printable(marked)))
    return f"{pad} |\n{number} | {printable(shown)}\n{pad} | {caret}\n{pad} |\n"
