"""``json``: a list of objects, one per finding (a stable format).

Each object has ``path``, ``line``, ``column``, ``end_line``, ``end_column``
(1-based; columns count characters), ``code``, ``name``, ``message``,
``fixable`` (a fix applies with the options given) and ``fix`` (``null``, or
``applicability``, ``message`` and the ``edits`` with their positions).
Bytes that are not UTF-8, in a path or a note, are given as ``\\xff``.
"""

from __future__ import annotations

from typing import Any, TextIO

from vault_lint.findings import Finding
from vault_lint.report import Report, json_text


def as_dict(finding: Finding, unsafe: bool) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability,
            "message": finding.fix.message,
            "edits": [
                {"start_offset": e.start, "end_offset": e.end, "content": e.content} for e in finding.fix.edits
            ],
        }
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "fixable": finding.fixable(unsafe),
        "fix": fix,
    }


def render(report: Report, out: TextIO) -> None:
    out.write(json_text([as_dict(f, report.unsafe) for f in report.findings]) + "\n")
