"""``junit``: JUnit XML, for CI systems that show test reports.

One ``testsuite`` named ``vault-lint``; one ``testcase`` per file linted
(its ``name`` and ``file`` are the note's path), passing when the note is
clean; one ``failure`` per finding inside its file's test case, with the
code as ``type``, ``CODE message`` as ``message`` and the
``path:line:col: CODE (name) message`` line as text. ``tests`` counts the
files, ``failures`` the files with findings; the property ``findings``
counts the findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from vault_lint.findings import Finding
from vault_lint.report import Report, printable

SUITE = "vault-lint"
# Characters XML 1.0 cannot carry, even escaped (a control character quoted
# from a broken note, say): shown as \xNN instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", printable(text))


def _failure(case: ET.Element, finding: Finding) -> None:
    failure = ET.SubElement(case, "failure", {
        "type": finding.code,
        "message": _xml_text(f"{finding.code} {finding.message}"),
    })
    failure.text = _xml_text(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} ({finding.name}) {finding.message}"
    )


def junit_tree(report: Report) -> ET.Element:
    by_path: dict[str, list[Finding]] = {path: [] for path in report.files}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failed = sum(1 for findings in by_path.values() if findings)
    counts = {"tests": str(len(by_path)), "failures": str(failed), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "findings", "value": str(len(report.findings))})
    for path, findings in by_path.items():
        case = ET.SubElement(suite, "testcase", {"name": _xml_text(path), "classname": SUITE,
                                                 "file": _xml_text(path)})
        for finding in findings:
            _failure(case, finding)
    return root


def render(report: Report, out: TextIO) -> None:
    root = junit_tree(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
