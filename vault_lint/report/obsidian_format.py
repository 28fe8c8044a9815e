"""``obsidian``: a Markdown note to keep in the vault and click through.

The note is marked in its front matter (``vault-lint-report: true``), so
vault-lint never lints it. It holds a title, a summary line, then a section
per rule (``## CODE name``, by code), each finding one list item whose
wikilink jumps to the block or heading the finding lies in::

    - [[Recettes/Soupe#Étapes|Soupe]] 12:1 step number 3 comes after 1; expected 2

A link names the note by its path in the vault, without ``.md``: always
the note meant, whatever other note shares its name. A message is written
escaped, so that no value in it becomes a tag, a link, a comment or
formatting. The note carries no date: the same run writes the same bytes.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.obsidian_report import REPORT_KEY, link_text
from vault_lint.report import Report, printable
from vault_lint.report.summary import plural

TITLE = "# vault-lint report"
# What Obsidian would read as markup in a message: always, or when doubled
# (%% comment, == highlight, ~~ strike), or '_' not inside a word.
MARKUP = re.compile(r"[\\`*\[\]#|^<$&]|%(?=%)|(?<=%)%|=(?==)|(?<==)=|~(?=~)|(?<=~)~|(?<!\w)_|_(?!\w)")


def render(report: Report, out: TextIO) -> None:
    out.write(f"---\n{REPORT_KEY}: true\n---\n{TITLE}\n\n{_summary(report)}\n")
    by_rule = sorted(report.findings, key=lambda finding: finding.code)  # stable: each rule's in order
    for (code, name), findings in groupby(by_rule, key=lambda finding: (finding.code, finding.name)):
        out.write(f"\n## {code} {name}\n\n")
        out.writelines(_item(finding, report) + "\n" for finding in findings)


def _summary(report: Report) -> str:
    if report.findings:
        notes = len({finding.path for finding in report.findings})
        return f"{plural(len(report.findings), 'finding')} in {plural(notes, 'note')}."
    if report.failed or not report.notes_checked:
        return "No findings."
    return f"All checks passed! ({plural(report.notes_checked, 'note')} checked)"


def _item(finding: Finding, report: Report) -> str:
    """``- [[path#anchor|name]] line:col message``."""
    path = report.vault_paths.get(finding.path, Path(finding.path).as_posix())
    target = path.removesuffix(".md")
    anchor = report.anchors.get(finding.path, {}).get(finding.line, "")
    name = link_text(PurePosixPath(target).name) or target
    return (f"- [[{printable(target)}{printable(anchor)}|{printable(name)}]] "
            f"{finding.line}:{finding.column} {escaped(finding.message)}")


def escaped(message: str) -> str:
    """``message`` on one line, its markup characters escaped."""
    return MARKUP.sub(lambda match: "\\" + match.group(), " ".join(printable(message).splitlines()))
