"""``concise``: one ``path:line:col: CODE message`` line per finding."""

from __future__ import annotations

from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.report import Report
from vault_lint.report.summary import write_summary


def line(finding: Finding, unsafe: bool) -> str:
    mark = " [*]" if finding.fixable(unsafe) else ""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code}{mark} {finding.message}"


def render(report: Report, out: TextIO) -> None:
    for finding in report.findings:
        out.write(line(finding, report.unsafe) + "\n")
    write_summary(report, out)
