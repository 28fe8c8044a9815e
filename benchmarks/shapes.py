"""Pathological note shapes under the size limit, timed through the command line.

Each shape is a recipe note (the clean fixture's front matter and body) with
one part repeated: headings, blank lines, code fences, list items, or plain
text up to about 9 MB. Each is linted at growing sizes by the real command
line in a child process, the size doubling from a small note up to about
9 MB, until a run passes the time limit; the table gives the seconds, the
child's peak RSS and how the time grew when the size doubled (x2 for
linear work, x4 for quadratic).

    python benchmarks/shapes.py                       # every shape
    python benchmarks/shapes.py --shapes headings fences --limit 60
    python benchmarks/shapes.py --profile headings --size 4000   # cProfile, in this process
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
CLEAN = (FIXTURES / "clean_list.md").read_bytes().decode("utf-8")
NINE_MB = 9 * 1024 * 1024


def _with_body(extra: str) -> bytes:
    """The clean recipe with ``extra`` between its steps and its source."""
    head, source = CLEAN.split("## Source", 1)
    return (head + extra + "\n## Source" + source).encode()


def headings(count: int) -> bytes:
    return _with_body("".join(f"### Variante {i}\n\nUn mot.\n\n" for i in range(count)))


def blank_lines(count: int) -> bytes:
    return _with_body("\n" * count)


def fences(count: int) -> bytes:
    return _with_body("".join(f"```\ncode {i}\n```\n\n" for i in range(count)))


def list_items(count: int) -> bytes:
    return _with_body("".join(f"- 1 pincée de sel n°{i}\n" for i in range(count)))


def source_sections(count: int) -> bytes:
    """``count`` more Source sections, each with its link line."""
    return _with_body("".join(f"## Source\nLink: https://example.org/{i}\n\n" for i in range(count)))


def inline_tags(count: int) -> bytes:
    """``count`` tags written in the body, ten a line."""
    return _with_body("".join(f"#variante/n{i} " + ("\n" if i % 10 == 9 else "") for i in range(count)))


def prose(count: int) -> bytes:
    """``count`` lines of ordinary text (80 bytes each)."""
    line = "Laisser mijoter doucement en remuant de temps en temps, puis goûter et rectifier.\n"
    return _with_body(line * count)


def long_line(count: int) -> bytes:
    """One line of ``count`` words of ordinary text."""
    return _with_body("Laisser mijoter doucement, " * count + "\n")


def property_tags(count: int) -> bytes:
    """``count`` more tags in the front matter's ``tags`` list."""
    head, rest = CLEAN.split("---\n\n", 1)
    return (head + "".join(f'  - "#variante/n{i}"\n' for i in range(count)) + "---\n\n" + rest).encode()


def mojibake_line(count: int) -> bytes:
    """The whole note read as Mac Roman, with one line of ``count`` mojibake
    words: the safe fix, which decodes the whole note back."""
    line = "Crème brûlée à la vanille, " * count
    return _with_body(line + "\n").decode("mac_roman").encode("utf-8")


def mixed_mojibake_line(count: int) -> bytes:
    """A clean note (its real accents as typed) with one line of ``count``
    words of Mac Roman mojibake: the unsafe fix, ftfy on that line."""
    line = ("Crème brûlée à la vanille, " * count).encode("utf-8").decode("mac_roman")
    return _with_body(line + "\n")


@dataclass(frozen=True)
class Shape:
    make: Callable[[int], bytes]
    smallest: int  # the count of the first run
    largest: int  # the count that makes a note of about 9 MB (under the 10 MB limit)
    unit: str

    def sizes(self) -> list[int]:
        """The counts to try: doubling from the smallest, the largest last."""
        counts = [self.smallest]
        while counts[-1] * 2 < self.largest:
            counts.append(counts[-1] * 2)
        return [*counts, self.largest]


SHAPES: dict[str, Shape] = {
    "headings": Shape(headings, 1000, NINE_MB // 30, "headings"),
    "blank-lines": Shape(blank_lines, 64_000, NINE_MB, "blank lines"),
    "fences": Shape(fences, 1000, NINE_MB // 21, "fences"),
    "list-items": Shape(list_items, 4000, NINE_MB // 30, "list items"),
    "9mb-prose": Shape(prose, 4000, NINE_MB // 84, "lines"),
    "source-sections": Shape(source_sections, 1000, NINE_MB // 46, "sections"),
    "inline-tags": Shape(inline_tags, 4000, NINE_MB // 17, "tags"),
    "long-line": Shape(long_line, 4000, NINE_MB // 27, "words"),
    "property-tags": Shape(property_tags, 4000, NINE_MB // 24, "tags"),
    "mojibake-line": Shape(mojibake_line, 1000, NINE_MB // 44, "words"),
    "mixed-mojibake-line": Shape(mixed_mojibake_line, 1000, NINE_MB // 44, "words"),
}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    returncode: int | None  # None: killed at the time limit


def timed(note: Path, limit: float) -> Run:
    """``vault-lint`` on one note in a child process, killed after ``limit``
    seconds; its peak RSS from ``wait4``."""
    command = [sys.executable, "-m", "vault_lint", "--output-format", "concise", str(note)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        elapsed = time.perf_counter() - started
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            return Run(elapsed, usage.ru_maxrss / 1024, process.returncode)
        if elapsed > limit:
            process.send_signal(signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
            process.returncode = -signal.SIGKILL
            return Run(elapsed, usage.ru_maxrss / 1024, None)
        time.sleep(0.01)


def table(names: list[str], limit: float) -> None:
    print(f"{'shape':<12} {'count':>10} {'size MB':>8} {'seconds':>8} {'x (2x size)':>11} {'peak MB':>8} {'exit':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            root = Path(folder) / name  # a vault of its own: the note alone in it
            (root / ".obsidian").mkdir(parents=True)
            shape, previous = SHAPES[name], None
            for count in shape.sizes():
                note = root / f"{name}.md"
                note.write_bytes(shape.make(count))
                run = timed(note, limit)
                growth = f"{run.seconds / previous.seconds:.1f}" if previous else ""
                shown = f"{run.seconds:.2f}" if run.returncode is not None else f">{limit:.0f}"
                exit_code = "kill" if run.returncode is None else str(run.returncode)
                print(f"{name:<12} {count:>10,} {note.stat().st_size / 2**20:>8.2f} {shown:>8} {growth:>11} "
                      f"{run.peak_mb:>8.0f} {exit_code:>5}", flush=True)
                previous = run
                if run.returncode is None:
                    break  # larger sizes would only take longer


def profile(name: str, count: int, top: int) -> None:
    """cProfile of one run on the shape at ``count``, in this process: the
    top entries by own time and by cumulative time."""
    from vault_lint.cli import main

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".obsidian").mkdir()
        note = root / f"{name}.md"
        note.write_bytes(SHAPES[name].make(count))
        profiler = cProfile.Profile()
        with contextlib.redirect_stdout(io.StringIO()):
            profiler.runcall(main, ["--output-format", "concise", str(note)])
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        print(f"-- {name}, {count:,} {SHAPES[name].unit}, by {key} --")
        print(out.getvalue().split("ncalls", 1)[-1].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--limit", type=float, default=60, help="seconds before a run is killed")
    parser.add_argument("--profile", choices=SHAPES, help="profile one shape instead of timing them")
    parser.add_argument("--size", type=int, default=2000, help="with --profile: how many of the repeated part")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.size, args.top)
    else:
        table(args.shapes, args.limit)


if __name__ == "__main__":
    main()
