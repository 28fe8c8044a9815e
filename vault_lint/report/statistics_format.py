"""``--statistics``: how many findings of each rule, and how many are fixable."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from vault_lint.report import Report
from vault_lint.report.summary import plural


@dataclass(frozen=True)
class Row:
    """One rule's line of the statistics: how often it reported, and how often with a fix."""

    code: str
    name: str
    count: int
    fixable: int


def rows(report: Report) -> list[Row]:
    """One row per rule that reported, the most frequent first."""
    counts = Counter((f.code, f.name) for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable(report.unsafe))
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Row(code, name, count, fixable[code]) for (code, name), count in ordered]


def render(report: Report, out: TextIO) -> None:
    table = rows(report)
    width = max((len(str(row.count)) for row in table), default=1)
    for row in table:
        mark = "[*]" if row.fixable else "   "
        out.write(f"{row.count:>{width}}\t{row.code}\t{mark} {row.name}\n")
    if table:
        out.write(f"Found {plural(sum(row.count for row in table), 'error')}.\n")
    if report.baselined:
        out.write(f"{plural(report.baselined, 'finding')} hidden by the baseline.\n")
