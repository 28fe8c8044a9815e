"""Coverage-guided fuzzing with atheris (libFuzzer) of the property in
``tests/test_fuzz.py``. Seeds come from the fixtures and the hostile set.

    pip install atheris
    python fuzz/atheris_fuzz.py -max_total_time=600 fuzz/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

with atheris.instrument_imports(include=["vault_lint"]):
    from test_fuzz import check_note

from hostile import NOTES  # noqa: E402 - needs the path above


def seed(corpus: Path) -> None:
    """Start from real notes: the fixtures and the small hostile ones."""
    corpus.mkdir(parents=True, exist_ok=True)
    for path in (REPO / "tests" / "fixtures").rglob("*.md"):
        (corpus / f"fixture-{path.name}").write_bytes(path.read_bytes())
    for name, make in NOTES.items():
        data = make()
        if len(data) < 100_000:
            (corpus / f"hostile-{name}").write_bytes(data)


def main() -> None:
    folders = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    for folder in folders:
        seed(Path(folder))
    atheris.Setup(sys.argv, check_note)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
