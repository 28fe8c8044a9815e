"""Time vault-lint on a generated vault, side by side with the minimal Python pass.

    python benchmarks/run.py                      # 10,000 notes
    python benchmarks/run.py --notes 2000 --repeat 3 --profile --hostile

Every figure is the real command line in a child process (best of
``--repeat`` runs), with the child's peak RSS (``os.wait4``: the largest of
its processes, worker processes included). The yardstick is
``benchmarks/minimal.py`` on the same vault (read, split, PyYAML's C loader,
jsonschema built once, one check) and, for one note, ``python -c pass``: the
ratios mean the same on any machine.

- cold: the vault's cache folder removed before each run (the run writes it);
- no cache: ``--no-cache`` (neither read nor written);
- warm: nothing changed since the last run: the same command replayed from its
  record (``vault_lint/replay.py``), and the run made anew from the cache
  (the record removed before each run);
- one note: what pre-commit runs for one staged note, the cache warm: the
  note as the last run saw it (replayed; made anew), and the note edited (a
  sentence added, saved anew as editors and git write files, ten seconds
  before the run);
- ``--fix --diff``: every fix computed, nothing written (cold and warm);
- ``--fix``: on a copy of the vault, every fix written (cold).

Before timing, the package is compiled to bytecode (as ``pip install`` does)
and the notes are left to age past the cache's two-second window (a note
modified a moment before it is read is checked by its bytes every run).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import make_vault
from measure import Measurement, measure, measure_command

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "vault_lint"
MINIMAL = HERE / "minimal.py"
CACHE = ".vault-lint-cache"
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def best(runs: int, run: Callable[[], Measurement], before: Callable[[], None] | None = None) -> Measurement:
    """The fastest of ``runs`` runs (``before`` is called before each)."""
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(run())
    return min(results, key=lambda m: m.seconds)


def import_times(note: Path, cwd: Path) -> tuple[float, list[tuple[str, float]]]:
    """Total import time of a one-note run (ms) and the heaviest top-level imports."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "vault_lint", "--", str(note)],
                            capture_output=True, text=True, cwd=cwd)
    cumulative: dict[str, float] = {}
    for match in IMPORT_LINE.finditer(result.stderr):
        if len(match.group(3)) <= 1:  # top level: imported by vault-lint or by Python's startup
            cumulative[match.group(4)] = int(match.group(2)) / 1000
    heaviest = sorted(cumulative.items(), key=lambda kv: -kv[1])[:8]
    return sum(cumulative.values()), heaviest


def fix_copy(vault: Path, runs: int) -> Measurement:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "vault"
            shutil.copytree(vault, copy, ignore=shutil.ignore_patterns(CACHE))
            results.append(measure("--fix", "--output-format", "concise", ".", cwd=copy))
    return min(results, key=lambda m: m.seconds)


def profile(vault: Path, top: int = 15) -> str:
    """cProfile of a whole-vault run without the cache, in this process: the
    top entries by own time and by cumulative time (one process: the pool
    starts only for runs of more notes than ``engine.POOL_MIN``)."""
    from vault_lint.cli import main

    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profiler.runcall(main, ["--no-cache", "--output-format", "concise", str(vault)])
    parts = []
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        parts.append(f"-- by {key} --\n" + out.getvalue().split("ncalls", 1)[-1].strip())
    return "\n".join(parts)


def edited(note: Path) -> Callable[[], None]:
    """Each call edits ``note`` again: a sentence added at its end (its tags,
    links, headings and front matter unchanged), written to a new file renamed
    over it, as if saved ten seconds ago."""
    original = note.read_text(encoding="utf-8")
    count = 0

    def edit() -> None:
        nonlocal count
        count += 1
        replacement = note.with_name(note.name + ".tmp")
        replacement.write_text(f"{original}\nÀ servir chaud ({count}).\n", encoding="utf-8")
        os.replace(replacement, note)
        before = time.time_ns() - 10 * 1_000_000_000
        os.utime(note, ns=(before, before))

    return edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile a run (no cache, one process)")
    parser.add_argument("--hostile", action="store_true", help="also lint the hostile set (limits.py)")
    args = parser.parse_args()
    compileall.compile_dir(PACKAGE, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "vault"
        notes = make_vault(vault, args.notes)
        one = notes[1]
        time.sleep(2.1)  # past the cache's window for notes modified a moment ago

        def forget() -> None:
            shutil.rmtree(vault / CACHE, ignore_errors=True)

        def anew() -> None:
            """No run replayed: the records of earlier runs removed (the cache kept)."""
            for record in (vault / CACHE).glob("run-*.bin"):
                record.unlink()

        def lint(*options: str) -> Callable[[], Measurement]:
            return lambda: measure(*options, "--output-format", "concise", ".", cwd=vault)

        yardstick = best(args.repeat, lambda: measure_command([sys.executable, str(MINIMAL), "."], cwd=vault))
        empty = best(args.repeat * 2, lambda: measure_command([sys.executable, "-c", "pass"], cwd=vault))
        minimal_one = best(args.repeat * 2, lambda: measure_command([sys.executable, str(MINIMAL), ".", str(one)],
                                                                     cwd=vault))
        rows: list[tuple[str, int, Measurement, Measurement]] = [
            ("minimal pass", args.notes, yardstick, yardstick),
            ("lint, cold cache", args.notes, best(args.repeat, lint(), forget), yardstick),
            ("lint, --no-cache", args.notes, best(args.repeat, lint("--no-cache")), yardstick),
        ]
        lint()()  # the cache, full
        rows.append(("lint, warm cache", args.notes, best(args.repeat, lint()), yardstick))
        rows.append(("lint, warm cache, not replayed", args.notes, best(args.repeat, lint(), anew), yardstick))
        rows.append(("--fix --diff, cold cache", args.notes, best(args.repeat, lint("--fix", "--diff"), forget),
                     yardstick))
        lint()()
        rows.append(("--fix --diff, warm cache", args.notes, best(args.repeat, lint("--fix", "--diff")), yardstick))
        rows.append(("--fix (a copy), cold", args.notes, fix_copy(vault, 1), yardstick))
        lint()()
        rows.append(("python -c pass", 1, empty, empty))
        rows.append(("minimal pass, one note", 1, minimal_one, empty))
        rows.append(("one note, warm (pre-commit)", 1, best(args.repeat * 2, lambda: measure("--", str(one), cwd=vault)),
                     empty))
        rows.append(("one note, warm, not replayed", 1,
                     best(args.repeat * 2, lambda: measure("--", str(one), cwd=vault), anew), empty))
        rows.append(("one note, edited (pre-commit)", 1, best(args.repeat * 2, lambda: measure("--", str(one), cwd=vault),
                                                               edited(one)), empty))
        rows.append(("one note, cold cache", 1, best(args.repeat, lambda: measure("--", str(one), cwd=vault), forget),
                     empty))
        if args.hostile:
            from limits import lint_hostile_vault

            hostile = lint_hostile_vault()
            rows.append(("hostile set", 26, hostile, hostile))
        print(f"{'run':<30} {'notes':>7} {'seconds':>8} {'notes/s':>9} {'peak MB':>8} {'ratio':>7} {'exit':>5}")
        for name, count, m, base in rows:
            rate = f"{count / m.seconds:,.0f}" if count > 1 else ""
            print(f"{name:<30} {count:>7,} {m.seconds:>8.3f} {rate:>9} {m.peak_mb:>8.0f} "
                  f"{m.seconds / base.seconds:>6.2f}x {m.returncode:>5}")
        print("\nratio: to the minimal pass on the same vault (vault runs), to `python -c pass` (one note)")
        lint()()
        for how in ("not replayed", "replayed"):
            anew()
            if how == "replayed":
                import_times(one, vault)  # the run recorded, to be replayed next
            total, heaviest = import_times(one, vault)
            print(f"\nimport time of a one-note run, cache warm, {how} (python -X importtime): {total:.0f} ms; "
                  "heaviest:")
            for module, ms in heaviest:
                print(f"  {module:<28} {ms:>6.1f} ms")
        if args.profile:
            print("\n" + profile(vault))


if __name__ == "__main__":
    main()
