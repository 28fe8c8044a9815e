"""Generate a realistic vault of N recipe notes for benchmarks and fault tests.

Each note is one of the clean fixture notes (both formats), renamed, with
at most one defect of the kinds a real vault holds (a wrong total time, a
tag without ``#``, mixed line endings, a difficulty outside the list...).

    python benchmarks/generate.py DIR 5000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
TEMPLATES = tuple((FIXTURES / name).read_bytes().decode("utf-8") for name in ("clean_list.md", "clean_oneline.md"))
FOLDERS = ("Recettes", "Recettes/Desserts", "Recettes/Plats", "Cuisine du monde")


def _first_tag_without_hash(text: str) -> str:
    return text.replace('  - "#', '  - "', 1)


def _total_mismatch(text: str) -> str:
    return re.sub(r"(?m)^temps_total: (\d+)", lambda m: f"temps_total: {int(m.group(1)) + 10}", text, count=1)


def _drop_key(text: str) -> str:
    return re.sub(r"(?m)^protéine: .*\n", "", text, count=1)


def _duplicate_tag(text: str) -> str:
    return re.sub(r'(?m)^(  - "#type/[^"]*"\n)', r"\1\1", text, count=1)


# name -> how to put the defect into a clean note
DEFECTS: dict[str, Callable[[str], str]] = {
    "none": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "tag-without-hash": _first_tag_without_hash,
    "mixed-endings": lambda text: text.replace("\n", "\r\n", 10),
    "total-mismatch": _total_mismatch,
    "bad-difficulty": lambda text: text.replace("difficulté: intermédiaire", "difficulté: facile", 1),
    "missing-key": _drop_key,
    "duplicate-tag": _duplicate_tag,
    "trailing-space": lambda text: text.replace("\n## ", "  \n## ", 1),
    "tab-in-yaml": lambda text: text.replace("\nportions:", "\n\tportions:", 1),
}
# Most notes of a real vault are clean.
WEIGHTS = {"none": 12, "crlf": 1}


def note_text(index: int, defect: str, rng: random.Random) -> str:
    """Note ``index``: its own title and its own reel (in ``url`` and the
    ``Link:`` line), as the recipes of a real vault have."""
    text = DEFECTS[defect](rng.choice(TEMPLATES))
    text = re.sub(r"(instagram\.com/reel/)[A-Za-z0-9_-]+", lambda m: f"{m.group(1)}Recette{index:05}", text)
    return re.sub(r"(?m)^# (.*)$", lambda m: f"# {m.group(1)} n°{index}", text, count=1)


def make_vault(root: Path, count: int, seed: int = 1, defects: Sequence[str] | None = None) -> list[Path]:
    """Write ``count`` notes below ``root`` (an Obsidian vault); return their paths."""
    rng = random.Random(seed)
    names = list(defects or DEFECTS)
    weights = [WEIGHTS.get(name, 1) for name in names]
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = root / FOLDERS[index % len(FOLDERS)] / f"Recette {index:05}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(note_text(index, rng.choices(names, weights)[0], rng).encode("utf-8"))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_vault(args.folder, args.count, args.seed)
    print(f"{args.count} notes written to {args.folder}")


if __name__ == "__main__":
    main()
