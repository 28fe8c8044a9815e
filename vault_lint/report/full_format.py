"""``full``: each finding with the line it points at, and a caret under it."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.report import Report
from vault_lint.report.concise_format import line
from vault_lint.report.summary import write_summary


def render(report: Report, out: TextIO) -> None:
    texts: dict[str, list[str]] = {}
    for finding in report.findings:
        out.write(line(finding, report.unsafe) + "\n")
        source = _source_line(texts, finding)
        if source is not None:
            out.write(_excerpt(finding, source))
    write_summary(report, out)


def _source_line(cache: dict[str, list[str]], finding: Finding) -> str | None:
    if finding.path not in cache:
        try:
            data = Path(finding.path).read_bytes()
            cache[finding.path] = [] if b"\x00" in data else data.decode("utf-8", "replace").splitlines()
        except OSError:
            cache[finding.path] = []
    lines = cache[finding.path]
    if not 1 <= finding.line <= len(lines):
        return None
    return lines[finding.line - 1].lstrip("\ufeff") if finding.line == 1 else lines[finding.line - 1]


def _excerpt(finding: Finding, source: str) -> str:
    number = str(finding.line)
    pad = " " * len(number)
    shown = source if len(source) <= 200 else source[: max(200, finding.column + 40)] + " …"
    width = finding.end_column - finding.column if finding.end_line == finding.line else len(source) - finding.column + 1
    caret = " " * (finding.column - 1) + "^" * max(1, min(width, len(shown) - finding.column + 1))
    return f"{pad} |\n{number} | {shown}\n{pad} | {caret}\n{pad} |\n"
