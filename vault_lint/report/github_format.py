"""``github``: one GitHub Actions workflow command per finding.

Each finding becomes ``::error file=…,line=…,col=…,endLine=…,endColumn=…,
title=CODE (name)::message``, which the runner turns into an annotation on
the file and line of a pull request. Columns are given only for a finding
on one line: GitHub ignores them on a span of several lines. Values are
escaped as the Actions toolkit does (``%``, ``\\r``, ``\\n`` everywhere; also
``:`` and ``,`` in properties).
"""

from __future__ import annotations

from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.report import Report

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def _escape(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for raw, escaped in escapes:
        text = text.replace(raw, escaped)
    return text


def annotation(finding: Finding) -> str:
    properties: dict[str, object] = {"file": finding.path, "line": finding.line}
    if finding.end_line == finding.line:
        properties.update(col=finding.column, endLine=finding.end_line, endColumn=finding.end_column)
    else:
        properties.update(endLine=finding.end_line)
    properties["title"] = f"{finding.code} ({finding.name})"
    joined = ",".join(f"{key}={_escape(str(value), _PROPERTY_ESCAPES)}" for key, value in properties.items())
    return f"::error {joined}::{_escape(finding.message, _DATA_ESCAPES)}"


def render(report: Report, out: TextIO) -> None:
    for finding in report.findings:
        out.write(annotation(finding) + "\n")
