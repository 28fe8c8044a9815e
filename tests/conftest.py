"""Shared test helpers: real note text, a real vault folder, the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault_lint.api import check_text, fix_text
from vault_lint.findings import Finding

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"  # beside the checkout in CI; tests that need it skip without it
# The real note as it arrived (mojibake), shipped byte for byte in the example vault.
EXAMPLE_NOTE = REPO / "examples" / "vault" / "Recettes" / "Pork Belly Burnt Ends - Miso Butterscotch Glaze.md"


@pytest.fixture(autouse=True, scope="session")
def isolated_cwd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test runs in an empty vault of its own (a folder holding
    ``.obsidian/``): a relative note path such as ``Recettes/note.md`` and a
    CLI run without ``cwd`` never meet a configuration file lying above the
    checkout or the temporary folder."""
    # The cache of every run lives outside the vaults, whose files the tests list.
    os.environ["VAULT_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("vault-lint-cache"))
    root = tmp_path_factory.mktemp("isolated") / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / "vault-lint.toml").write_text(FRENCH, encoding="utf-8")
    previous = Path.cwd()
    os.chdir(root)
    yield root
    os.chdir(previous)


# The configuration of the test vaults: the notes of most tests are written in
# the French vault's conventions.
FRENCH = 'profile = "fr"\n'


def fixture_text(name: str) -> str:
    """A fixture note's text, exactly as stored (no newline translation)."""
    return (FIXTURES / name).read_bytes().decode("utf-8")


# A recipe of a French vault (``profile = "fr"``), in parts: its front matter
# but its tags, its tags (those its fields call for: 60 minutes in all is
# '#temps/moyen'), its body to the end of its steps, its Source section.
TARTE_FIELDS = """---
cuisine: française
type: dessert
temps_prep: 20
temps_cuisson: 40
temps_total: 60
portions: 6
difficulté: débutant
protéine: aucune
source: Instagram
url: https://www.instagram.com/reel/ABC/
date_ajout: 2025-11-02
"""
TARTE_TAGS = """tags:
  - "#cuisine/française"
  - "#type/dessert"
  - "#temps/moyen"
  - "#difficulté/débutant"
"""
TARTE_BODY = """---

# Tarte

## Informations rapides

⏱️ Préparation : 20 min | 🔥 Cuisson : 40 min | 🍽️ Portions : 6 | 📊 Difficulté : Débutant

## Ingrédients

- 200 g farine

## Étapes

1. Mélanger.
2. Cuire.
3. Servir.
"""
TARTE_SOURCE = """
## Source

Link: https://www.instagram.com/reel/ABC/
"""
TARTE = TARTE_FIELDS + TARTE_TAGS + TARTE_BODY + TARTE_SOURCE

CLEAN = fixture_text("clean_list.md")  # bullet-list "Informations rapides"
REEL_ID = "C8xYzAbCdEf"  # the reel of CLEAN's url
CLEAN_ONELINE = fixture_text("clean_oneline.md")  # the example note, repaired


def findings(text: str, select: str | None = None, path: str = "Recettes/note.md") -> list[Finding]:
    """Findings on ``text``, optionally only those whose code starts with ``select``."""
    result = check_text(text, path=path)
    return [f for f in result if select is None or f.code.startswith(select)]


def summary(text: str, select: str | None = None) -> list[tuple[str, int, int]]:
    """(code, line, column) of every finding, for exact assertions."""
    return [(f.code, f.line, f.column) for f in findings(text, select)]


def fixed(text: str, unsafe: bool = False) -> str:
    return fix_text(text, path="Recettes/note.md", unsafe=unsafe)[0]


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 300,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line of this checkout (not an installed copy), in a
    subprocess; colours as ``env`` asks, whatever the surrounding CI sets."""
    given = env or {}
    env = {name: value for name, value in os.environ.items() if name not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONPATH=source_path(), **given)
    return subprocess.run(
        [sys.executable, "-m", "vault_lint", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape",
        env=env, timeout=timeout,
    )


def copy_example(target: Path) -> None:
    """The example vault copied to ``target``, without the cache a run of it
    left there (the README's first command lints it in place)."""
    shutil.copytree(REPO / "examples" / "vault", target, ignore=shutil.ignore_patterns(".vault-lint-cache"))


def another(text: str, number: int) -> str:
    """A note made from CLEAN as another recipe: its own address (two notes
    of one address are VL001 duplicates)."""
    return text.replace(REEL_ID, f"Recipe{number:05d}")


def source_path() -> str:
    """``PYTHONPATH`` that makes a subprocess import this source tree first."""
    return os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))


def write_note(root: Path, name: str, text: str) -> Path:
    """Write a note's text as UTF-8 bytes (no newline translation)."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# Killed and signalled runs lose no written page whatever the medium, so a
# RAM-backed folder tests the same as a disk without the cost of the fsyncs.
RAM_FOLDER = Path("/dev/shm")


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory when the machine has one (else ``tmp_path``), for
    tests that write many notes with ``--fix``."""
    if not (RAM_FOLDER.is_dir() and os.access(RAM_FOLDER, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="vault-lint-test-", dir=RAM_FOLDER))
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty Obsidian vault folder that follows the French profile (the
    notes of most tests do); a test of a vault without configuration makes
    its own folder."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / "vault-lint.toml").write_text(FRENCH, encoding="utf-8")
    return root
