"""What any run of vault-lint costs at the least on this machine, before a rule runs.

    python benchmarks/floor.py [--notes 10000] [--runs 15]

**One note, edited since the last run** (what pre-commit runs for a staged
note): a fresh Python process imports the libraries a note's parse needs
(PyYAML, pyromark, jsonschema-rs; yarl for its address), and lists the vault
with the status of every note (the vault-wide rules and the conventions come
from the cache, which holds while no other note changed: the status of each
note is how a run knows). Each part is timed alone in a child process, in
turn with ``python -c pass`` (median of ``--runs`` pairs), and given as a
ratio to it, as ``run.py`` gives a one-note run.

**A cold run of a vault**: every note read and parsed with positions
(PyYAML's composer, pyromark's events with their ranges) and its front
matter validated (jsonschema-rs), timed in this process per note; against
the CPU time per note of ``minimal.py`` and of vault-lint in one process
(``--no-cache``, ``VAULT_LINT_JOBS=1``), both in a child. With two workers
at best, half the minimal pass's wall time leaves each note one minimal
pass's CPU time, for the parse and every rule.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import make_vault

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "recipe.schema.json"
MINIMAL = Path(__file__).resolve().parent / "minimal.py"
IMPORTS = {
    "import yaml": "yaml",
    "import yaml, pyromark, jsonschema_rs": "yaml, pyromark, jsonschema_rs",
    "... and yarl": "yaml, pyromark, jsonschema_rs, yarl",
}


def wall(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def cpu(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """User and system seconds of ``command`` and the processes it waited for."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def paired_ratio(command: list[str], runs: int) -> float:
    """The median, over ``runs`` pairs run in turn, of ``command``'s time over ``python -c pass``'s."""
    empty = [sys.executable, "-c", "pass"]
    wall(command)  # warm the file system's caches
    return statistics.median(wall(command) / wall(empty) for _ in range(runs))


def per_note(notes: list[Path], step: Callable[[Path], object]) -> float:
    """Microseconds a note of ``step``, over every note (best of three passes)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for note in notes:
            step(note)
        best = min(best, time.perf_counter() - started)
    return best / len(notes) * 1e6


def parse_floor(notes: list[Path]) -> list[tuple[str, float]]:
    """What reading and parsing a note costs in the libraries alone, per note."""
    import jsonschema_rs
    import pyromark
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    markdown = pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
                                 | pyromark.Options.ENABLE_MATH)
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8")))
    parts = {}
    for note in notes:
        text = note.read_bytes().decode("utf-8", "surrogateescape")
        end = text.find("\n---", 4)
        front = text[4:end] if text.startswith("---\n") and end > 0 else ""
        try:
            data = yaml.load(front, Loader=loader) or {}
        except yaml.YAMLError:
            continue  # a defect of the generated vault: what vault-lint reports, not a parse to time
        parts[note] = (front, text[end + 4:] if front else text, json.loads(json.dumps(data, default=str)))
    notes = list(parts)
    return [
        ("read and decode", per_note(notes, lambda note: note.read_bytes().decode("utf-8", "surrogateescape"))),
        ("PyYAML compose (positions)", per_note(notes, lambda note: yaml.compose(parts[note][0], Loader=loader))),
        ("pyromark events with ranges", per_note(notes, lambda note: list(markdown.events_with_range(parts[note][1])))),
        ("jsonschema-rs is_valid", per_note(notes, lambda note: validator.is_valid(parts[note][2]))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "vault"
        notes = make_vault(vault, args.notes)
        print(f"One note edited (pre-commit): the parts every such run pays, as ratios to `python -c pass` "
              f"(median of {args.runs} pairs)")
        for name, modules in IMPORTS.items():
            ratio = paired_ratio([sys.executable, "-c", f"import {modules}"], args.runs)
            print(f"  {name:<40} {ratio:5.1f}x")
        walk = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from vault_lint import listing; "
                f"listing.walk({str(vault)!r})")
        total = paired_ratio([sys.executable, "-c", walk], args.runs) - 1.0
        print(f"  {'the vault listed, each note stat-ed':<40} {total:5.1f}x  (beyond starting Python; "
              f"{args.notes:,} notes)")
        print("  the target: 6.0x for the whole run\n")
        print(f"A cold run: the libraries' parse per note ({args.notes:,} notes, in this process)")
        floor = parse_floor(notes)
        for name, micros in floor:
            print(f"  {name:<40} {micros:7.1f} us")
        parsed = sum(micros for _, micros in floor)
        print(f"  {'in all':<40} {parsed:7.1f} us")
        minimal = cpu([sys.executable, str(MINIMAL), str(vault)]) / args.notes * 1e6
        linted = cpu([sys.executable, "-m", "vault_lint", "--no-cache", "--exit-zero", "--output-format", "concise",
                      str(vault)], cwd=ROOT, env={**os.environ, "VAULT_LINT_JOBS": "1"}) / args.notes * 1e6
        print(f"  {'minimal.py, CPU per note':<40} {minimal:7.1f} us   (the libraries' parse: {parsed / minimal:.2f} of it)")
        print(f"  {'vault-lint, one process, CPU per note':<40} {linted:7.1f} us   ({linted / minimal:.2f}x the minimal "
              "pass)")
        print("  the target, half the minimal pass's wall time on two cores: at most 1.00x its CPU per note")


if __name__ == "__main__":
    main()
