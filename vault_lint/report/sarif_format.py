"""``sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other viewers.

One run whose ``tool.driver`` lists every registered rule (its summary, the
"What it does" section, the whole documentation as help and a link to it),
and one result per finding. A result's location is the note's path relative
to the current folder under the base ``%SRCROOT%`` (run vault-lint from the
repository root), with a region whose columns count Unicode code points
(``columnKind``) and whose end is exclusive, as SARIF defines it. A finding
that a fix would repair carries that fix; its replaced regions are given as
character offsets into the note's text. Bytes that are not UTF-8 are
percent-encoded in a URI and given as ``\\xff`` in a text.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from vault_lint import __version__
from vault_lint.findings import Finding, Fix
from vault_lint.report import Report, json_text
from vault_lint.rules import HOMEPAGE, Rule, all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def _section(doc: str, title: str) -> str:
    """The text of one ``## title`` section of a rule's documentation."""
    _, found, rest = doc.partition(f"## {title}\n")
    return " ".join(rest.split("\n## ", 1)[0].split()) if found else ""


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _section(rule.doc, "What it does") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": rule.url,
        "defaultConfiguration": {"level": "error", "enabled": rule.default},
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI under ``%SRCROOT%``; an absolute ``file:`` URI for a
    note outside the current folder."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = PurePath(os.path.relpath(absolute))
    except ValueError:  # another drive, on Windows
        relative = PurePath("..")
    if relative.parts[:1] == ("..",):
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix(), errors="surrogateescape"), "uriBaseId": SOURCE_ROOT}


def _fix(finding: Finding, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{
            "artifactLocation": artifact_location(finding.path),
            "replacements": [
                {
                    "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                    "insertedContent": {"text": edit.content},
                }
                for edit in fix.edits
            ],
        }],
    }


def _result(finding: Finding, index: dict[str, int], unsafe: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": "error",
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(finding.path),
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            },
        }],
    }
    if finding.fix is not None and finding.fixable(unsafe):
        result["fixes"] = [_fix(finding, finding.fix)]
    return result


def sarif_log(report: Report) -> dict[str, Any]:
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    driver = {
        "name": "vault-lint",
        "version": __version__,
        "informationUri": HOMEPAGE,
        "rules": [_descriptor(rule) for rule in rules],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": [_result(finding, index, report.unsafe) for finding in report.findings],
        }],
    }


def render(report: Report, out: TextIO) -> None:
    out.write(json_text(sarif_log(report)) + "\n")
