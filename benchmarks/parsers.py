"""Time the CommonMark parsers that ``vault_lint.markdown`` could be built on.

    python benchmarks/parsers.py [--runs 7] [DIR ...]

Each candidate parses the body of every note (the text after its front
matter) and walks the result for the source position of every node, which is
what ``vault_lint.markdown`` needs. The figure is microseconds per note: the
median over ``--runs`` passes (after one untimed pass) of one pass's time
divided by the number of notes. The import cost is the module's cumulative ``python -X importtime``
line, taken after ``vault_lint.note`` is imported (``re``, ``enum`` and
``yaml`` are then already loaded, as in a real run); the best of three.
The last row times ``vault_lint.markdown.parse_body`` itself.

DIR defaults to ``examples/vault`` and ``../shared/corpus`` (when present);
every ``*.md`` under them is read.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT / "examples" / "vault", ROOT.parent / "shared" / "corpus")
FRONT_MATTER = re.compile(r"---\r?\n.*?\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)


def read_bodies(folders: list[Path]) -> list[str]:
    bodies = []
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            text = path.read_text(encoding="utf-8", errors="surrogateescape").removeprefix("\ufeff")
            match = FRONT_MATTER.match(text)
            bodies.append(text[match.end():] if match else text)
    return bodies


def markdown_it_py() -> Callable[[str], int]:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")

    def parse(body: str) -> int:  # line maps only (block tokens): no offsets
        return sum(token.map[0] for token in parser.parse(body) if token.map)

    return parse


def markdown_it_pyrs() -> Callable[[str], int]:
    from markdown_it_pyrs import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")

    def parse(body: str) -> int:  # UTF-8 byte offsets of every node
        return sum(node.srcmap[0] for node in parser.tree(body).walk() if node.srcmap)

    return parse


def pyromark() -> Callable[[str], int]:
    import pyromark

    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_MATH

    def parse(body: str) -> int:  # UTF-8 byte offsets of every event
        return sum(span["start"] for _, span in pyromark.events_with_range(body, options=options))

    return parse


def vault_lint_markdown() -> Callable[[str], int]:
    from vault_lint.markdown import parse_body

    def parse(body: str) -> int:
        return len(parse_body(body, 0).items)

    return parse


# name, distribution (for its version), module (for its import time), factory
CANDIDATES = (
    ("markdown-it-py", "markdown-it-py", "markdown_it", markdown_it_py),
    ("markdown-it-pyrs", "markdown-it-pyrs", "markdown_it_pyrs", markdown_it_pyrs),
    ("pyromark", "pyromark", "pyromark", pyromark),
    ("vault_lint.markdown", "pyromark", "vault_lint.markdown", vault_lint_markdown),
)


def per_note_us(parse: Callable[[str], int], bodies: list[str], runs: int) -> float:
    passes = []
    for body in bodies:  # a pass to warm up, not timed
        parse(body)
    for _ in range(runs):
        began = time.perf_counter()
        for body in bodies:
            parse(body)
        passes.append(time.perf_counter() - began)
    return statistics.median(passes) / len(bodies) * 1e6


def import_ms(module: str) -> float:
    def once() -> float:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import vault_lint.note; import {module}"],
            capture_output=True, text=True, cwd=ROOT, check=True)
        line = next(line for line in result.stderr.splitlines() if line.endswith(f"| {module}"))
        return int(line.split("|")[1]) / 1000

    return min(once() for _ in range(3))


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folders", nargs="*", type=Path)
    arguments.add_argument("--runs", type=int, default=7)
    options = arguments.parse_args()
    folders = options.folders or [folder for folder in DEFAULT_DIRS if folder.is_dir()]
    bodies = read_bodies(folders)
    size = statistics.mean(len(body.encode("utf-8", "surrogateescape")) for body in bodies)
    print(f"{len(bodies)} notes, {size / 1024:.1f} KB of body on average; median of {options.runs} runs\n")
    print(f"| {'parser':<20} | {'version':<8} | {'µs / note':>9} | {'import ms':>9} |")
    print(f"|{'-' * 22}|{'-' * 10}|{'-' * 10}:|{'-' * 10}:|")
    for name, distribution, module, factory in CANDIDATES:
        parse = factory()
        version = importlib.metadata.version(distribution)
        print(f"| {name:<20} | {version:<8} | {per_note_us(parse, bodies, options.runs):>9.1f} "
              f"| {import_ms(module):>9.1f} |")


if __name__ == "__main__":
    main()
