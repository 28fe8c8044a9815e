"""The closing lines of the text formats (shared by full and concise)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from vault_lint.report import Report

PLURALS = {"fix": "fixes", "hidden fix": "hidden fixes"}


def plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else PLURALS.get(word, word + 's')}"


def write_summary(report: Report, out: TextIO) -> None:
    if report.quiet:
        return
    if report.show_fixes and report.fixed:
        _write_fixed(report, out)
    line = found_line(report)
    if line:
        out.write(line + "\n")
    hint = fixable_line(report)
    if hint:
        out.write(hint + "\n")


def found_line(report: Report) -> str | None:
    """``Found 3 errors.``, ``Found 3 errors (2 fixed, 1 remaining).``, or
    ``All checks passed!`` when notes were checked and none has a finding
    (None when there is nothing true to say: no note checked, or the run
    failed without a finding)."""
    remaining = len(report.findings)
    if report.fix_mode:
        fixed = len(report.fixed)
        found = fixed + remaining if report.found is None else report.found
        if found or fixed or remaining:
            return _fix_counts(found, fixed, remaining)
    elif remaining:
        return f"Found {plural(remaining, 'error')}."
    if report.failed or not report.notes_checked:
        return None
    return "All checks passed!"


def _fix_counts(found: int, fixed: int, remaining: int) -> str:
    """The --fix line, whose first count is the plain run's: a fix may let
    the rules see more (a repaired encoding), or settle several findings at
    once."""
    if fixed + remaining == found:
        return f"Found {plural(found, 'error')} ({fixed} fixed, {remaining} remaining)."
    if fixed + remaining > found:
        more = fixed + remaining - found
        return (f"Found {plural(found, 'error')}, and {more} more once the first fixes were applied "
                f"({fixed} fixed, {remaining} remaining).")
    gone = found - fixed - remaining
    return f"Found {plural(found, 'error')} ({fixed} fixed, {gone} settled by those fixes, {remaining} remaining)."


def fixable_line(report: Report) -> str | None:
    safe, hidden = report.fixable()
    if not (safe or hidden):
        return None
    parts = []
    if safe:
        parts.append(f"[*] {safe} fixable with the `--fix` option")
    if hidden:
        parts.append(f"{plural(hidden, 'hidden fix')} can be enabled with the `--unsafe-fixes` option")
    return " (".join(parts) + (")" if len(parts) == 2 else "") + "."


def diff_line(report: Report) -> str:
    """What ``--diff`` would do, said after the diff."""
    _, hidden = report.fixable()
    more = f"; {plural(hidden, 'hidden fix')} can be enabled with the `--unsafe-fixes` option" if hidden else ""
    if not report.changes:
        return f"Nothing to fix{more}." if report.notes_checked or report.findings else "No note checked."
    notes = len({change.path for change in report.changes})
    left = f", {len(report.findings)} would remain" if report.findings else ""
    return f"Would fix {plural(len(report.fixed), 'error')} in {plural(notes, 'note')}{left}{more}."


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
