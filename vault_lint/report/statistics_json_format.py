"""``--statistics --output-format json``: the statistics as a JSON array."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from vault_lint.report import Report
from vault_lint.report.statistics_format import rows


def render(report: Report, out: TextIO) -> None:
    out.write(json.dumps([asdict(row) for row in rows(report)], ensure_ascii=False, indent=2) + "\n")
