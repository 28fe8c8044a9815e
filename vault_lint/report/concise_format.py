"""``concise``: one ``path:line:col: CODE message`` line per finding."""

from __future__ import annotations

from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.report import BOLD, CYAN, RED, Report, paint
from vault_lint.report.summary import write_summary


def line(finding: Finding, unsafe: bool, report: Report | None = None) -> str:
    """The finding's line; in colour (path, code, fix mark) when ``report`` says so."""
    mark = " [*]" if finding.fixable(unsafe) else ""
    if report is None or not report.color:
        return f"{finding.path}:{finding.line}:{finding.column}: {finding.code}{mark} {finding.message}"
    where = paint(finding.path, report, BOLD) + f":{finding.line}:{finding.column}:"
    fix = " " + paint("[*]", report, CYAN) if mark else ""
    return f"{where} {paint(finding.code, report, BOLD, RED)}{fix} {finding.message}"


def render(report: Report, out: TextIO) -> None:
    for finding in report.findings:
        out.write(line(finding, report.unsafe, report) + "\n")
    write_summary(report, out)
