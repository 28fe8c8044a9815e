"""The closing lines of the text formats (shared by full and concise)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from vault_lint.report import Report


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_summary(report: Report, out: TextIO) -> None:
    if report.show_fixes and report.fixed:
        _write_fixed(report, out)
    remaining = len(report.findings)
    if report.fix_mode:
        total = remaining + len(report.fixed)
        if total:
            out.write(f"Found {plural(total, 'error')} ({len(report.fixed)} fixed, {remaining} remaining).\n")
        else:
            out.write("All checks passed!\n")
    elif remaining:
        out.write(f"Found {plural(remaining, 'error')}.\n")
    else:
        out.write("All checks passed!\n")
    safe, hidden = report.fixable()
    if safe or hidden:
        parts = []
        if safe:
            parts.append(f"[*] {safe} fixable with the `--fix` option")
        if hidden:
            parts.append(f"{plural(hidden, 'hidden fix')} can be enabled with the `--unsafe-fixes` option")
        out.write(" (".join(parts) + (")" if len(parts) == 2 else "") + ".\n")


def _write_fixed(report: Report, out: TextIO) -> None:
    out.write(f"\nFixed {plural(len(report.fixed), 'error')}:\n")
    by_path: dict[str, Counter[tuple[str, str]]] = {}
    for finding in report.fixed:
        by_path.setdefault(finding.path, Counter())[(finding.code, finding.name)] += 1
    for path, counts in by_path.items():
        out.write(f"- {path}:\n")
        for (code, name), count in sorted(counts.items()):
            out.write(f"    {count} × {code} ({name})\n")
    out.write("\n")
