"""Resource limits: the whole hostile set (``hostile.py``) linted in one run
stays under 500 MB of memory and 30 s.

    python benchmarks/limits.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hostile import make_hostile_vault
from measure import Measurement, measure

MAX_SECONDS = 30
MAX_MB = 500


def lint_hostile_vault() -> Measurement:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "vault"
        make_hostile_vault(root, Path(folder) / "outside")
        return measure("--output-format", "concise", ".", cwd=root)


def main() -> int:
    result = lint_hostile_vault()
    print(f"hostile vault: {result.seconds:.2f} s (limit {MAX_SECONDS} s), "
          f"peak RSS {result.peak_mb:.0f} MB (limit {MAX_MB} MB), exit {result.returncode}")
    within = result.seconds < MAX_SECONDS and result.peak_mb < MAX_MB and "Traceback" not in result.stderr
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
