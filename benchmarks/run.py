"""Time vault-lint on generated vaults and print a table.

    python benchmarks/run.py                 # 1,000 and 5,000 notes
    python benchmarks/run.py --sizes 1000 --repeat 3 --profile

Measures a whole-vault run, a one-file run (what pre-commit does for one
staged note), the import time of a one-file run (``python -X importtime``),
``--fix`` on a copy of the vault, and the hostile set of ``limits.py``.
Each figure is the best of ``--repeat`` runs; memory is the child's peak RSS.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generate import make_vault
from limits import lint_hostile_vault
from measure import Measurement, measure

IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def best(runs: int, run: Callable[[], Measurement]) -> Measurement:
    return min((run() for _ in range(runs)), key=lambda m: m.seconds)


def import_times(note: Path) -> tuple[float, list[tuple[str, float]]]:
    """Total import time of a one-file run (ms) and the heaviest top-level imports."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "vault_lint", str(note)],
                            capture_output=True, text=True)
    cumulative: dict[str, float] = {}
    for match in IMPORT_LINE.finditer(result.stderr):
        if len(match.group(3)) <= 1:  # top level: imported by vault-lint or by Python's startup
            cumulative[match.group(4)] = int(match.group(2)) / 1000
    heaviest = sorted(cumulative.items(), key=lambda kv: -kv[1])[:6]
    return sum(cumulative.values()), heaviest


def fix_copy(vault: Path, runs: int) -> Measurement:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "vault"
            shutil.copytree(vault, copy)
            results.append(measure("--fix", "--output-format", "concise", ".", cwd=copy))
    return min(results, key=lambda m: m.seconds)


def profile(vault: Path, top: int = 12) -> str:
    """cProfile of a whole-vault run, in this process: the top entries by
    own time and by cumulative time."""
    from vault_lint.cli import main

    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profiler.runcall(main, ["--output-format", "concise", str(vault)])
    parts = []
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        parts.append(f"-- by {key} --\n" + out.getvalue().split("ncalls", 1)[-1].strip())
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile a run of the first size")
    args = parser.parse_args()
    rows: list[tuple[str, Measurement]] = []
    with tempfile.TemporaryDirectory() as folder:
        vaults = {size: Path(folder) / f"vault-{size}" for size in args.sizes}
        for size, vault in vaults.items():
            notes = make_vault(vault, size)
            rows.append((f"lint {size:,} notes", best(args.repeat, lambda: measure(
                "--output-format", "concise", ".", cwd=vault))))
            rows.append((f"--fix {size:,} notes", fix_copy(vault, args.repeat)))
        one = notes[1]
        rows.append(("lint one note", best(args.repeat * 2, lambda: measure(str(one)))))
        rows.append(("hostile set", lint_hostile_vault()))
        print(f"{'run':<22} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        for name, m in rows:
            print(f"{name:<22} {m.seconds:>8.2f} {m.peak_mb:>8.0f} {m.returncode:>5}")
        total, heaviest = import_times(one)
        print(f"\nimport time of a one-file run: {total:.0f} ms; heaviest top-level imports:")
        for module, ms in heaviest:
            print(f"  {module:<28} {ms:>6.1f} ms")
        if args.profile:
            print("\n" + profile(vaults[args.sizes[0]]))


if __name__ == "__main__":
    main()
