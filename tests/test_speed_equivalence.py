"""What makes a run fast changes nothing it prints: the pool of processes, the
cache (cold, then warm) and the compiled schema validator give, byte for byte,
the output of a run in one process, without the cache and without the compiled
validator, in every output format, on a generated vault with defects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLEAN, REPO, another, source_path, write_note

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import make_vault

from vault_lint import records
from vault_lint.engine import POOL_MIN
from vault_lint.report import FORMATS

NOTES = POOL_MIN + 20  # enough for the pool
RUNS = [[f"--output-format={name}"] for name in FORMATS] + [["--statistics"], ["--diff"],
                                                             ["--diff", "--unsafe-fixes"]]
# Notes of other shapes beside the generated ones: comments, a callout, code, a template,
# a note that is not a recipe, bytes that are not UTF-8, UTF-16, a BOM and CRLF.
EXTRA = {
    "Recettes/Commentée.md": "---\ncuisine: thaï\n---\n# Curry\n\n%% ## Étapes %%\n\n> [!note]\n> ## Source\n\n"
                             "```\n## Ingrédients\n```\n\n## Ingrédients\n\n- riz\n",
    "Templates/Modèle.md": "---\ncuisine: {{cuisine}}\n---\n# {{title}}\n",
    "Index.md": "# Index\n\n- [[Recettes/Commentée]]\n",
    # Links to headings of generated notes: one there, one not (VL002), known from their summaries.
    "Liens.md": "# Liens\n\n- [[Recette 00003#Étapes]]\n- [[Recette 00003#Nulle part]]\n- [[Introuvable]]\n",
    "Recettes/Latin-1.md": b"---\ncuisine: cr\xe9ole\n---\n# Plat\n",
    "Recettes/UTF-16.md": "\ufeff---\ncuisine: thai\n---\n# Plat\n".encode("utf-16-le"),
    "Recettes/BOM.md": "\ufeff---\r\ncuisine: française\r\ntype: dessert\r\n---\r\n# Tarte\r\n",
}
# Enough notes for a pool of their own when the vault-wide rules read them again:
# each with a link to no note (VL002), every third with a variant of a tag (VL003, a fix),
# and a suppression comment (which may silence them: the note is read again, not judged).
EXTRA.update({f"Liens/Lien {i:03}.md": f"# Lien {i}\n\n- [[Introuvable {i}]]\n" + "\n#saveur/Sucre-Sale\n" * (i % 3 == 0)
              + "\n%% vault-lint-disable-next-line VL003 %%\nUn mot.\n" for i in range(POOL_MIN)})


def cli(root: Path, *args: str, jobs: int | None = None, compiled: bool = True,
        cache_dir: Path | None = None, notes: tuple[str, ...] = (".",)) -> str:
    """The command line's output (both streams and the exit code)."""
    paths = [source_path()]
    if not compiled:  # jsonschema-rs made unimportable: jsonschema alone decides
        shim = root.parent / "no-compiled-validator"
        shim.mkdir(exist_ok=True)
        (shim / "jsonschema_rs.py").write_text("raise ImportError('not here')\n", encoding="utf-8")
        paths.insert(0, str(shim))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONIOENCODING": "utf-8"}
    env.pop(records.ENVIRONMENT, None)
    env.pop("VAULT_LINT_JOBS", None)
    if jobs is not None:
        env["VAULT_LINT_JOBS"] = str(jobs)
    if cache_dir is not None:
        env[records.ENVIRONMENT] = str(cache_dir)
    result = subprocess.run([sys.executable, "-m", "vault_lint", *args, "--", *notes], cwd=root, env=env,
                            capture_output=True, timeout=600)
    return f"{result.stdout.decode('utf-8', 'surrogateescape')}\n--\n" \
           f"{result.stderr.decode('utf-8', 'surrogateescape')}\n--\nexit {result.returncode}"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("speed") / "vault"
    make_vault(root, NOTES)
    for name, content in EXTRA.items():
        if isinstance(content, bytes):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        else:
            write_note(root, name, content)
    return root


@pytest.fixture(scope="module")
def reference(vault: Path) -> dict[str, str]:
    """Each run in one process, without the cache or the compiled validator."""
    return {" ".join(args): cli(vault, *args, "--no-cache", jobs=1, compiled=False) for args in RUNS}


def test_the_reference_lints_every_note(vault: Path, reference: dict[str, str]) -> None:
    output = reference["--output-format=concise"]
    assert "FM003" in output and "EN002" in output and "EN003" in output and "TG005" in output
    assert output.count("VL002") == POOL_MIN + 2 and output.count("VL003") >= POOL_MIN // 3
    assert output.endswith("exit 1")


def test_the_pool_gives_the_same_output(vault: Path, reference: dict[str, str]) -> None:
    assert (os.cpu_count() or 1) >= 1
    for args in RUNS:
        assert cli(vault, *args, "--no-cache", jobs=2, compiled=False) == reference[" ".join(args)], args


def test_the_compiled_validator_gives_the_same_output(vault: Path, reference: dict[str, str]) -> None:
    for args in RUNS:
        assert cli(vault, *args, "--no-cache", jobs=1) == reference[" ".join(args)], args


def test_a_few_notes_with_a_cold_cache_read_the_vault_in_the_pool(vault: Path, reference: dict[str, str],
                                                                   tmp_path: Path) -> None:
    """A run of a few notes on a vault the cache does not know reads every
    other note for the vault-wide rules, in a pool of processes: it reports
    on those notes what a run of the whole vault reports, in one process or
    several, the cache cold or warm."""
    whole = reference["--output-format=concise"].split("\n--\n")[0].splitlines()
    chosen = ("Index.md", "Liens.md")
    expected = [line for line in whole if line.split(":")[0] in chosen]
    assert [line.split(": ")[1].split()[0] for line in expected] == ["VL002", "VL002"]
    runs = [cli(vault, "--output-format=concise", "--no-cache", jobs=jobs, notes=chosen) for jobs in (1, 2)]
    runs += [cli(vault, "--output-format=concise", jobs=2, cache_dir=tmp_path / "cache", notes=chosen)
             for _ in range(2)]
    assert runs[1:] == runs[:1] * 3
    assert runs[0].split("\n--\n")[0].splitlines()[:len(expected)] == expected


def test_the_cache_cold_then_warm_gives_the_same_output(vault: Path, reference: dict[str, str],
                                                        tmp_path: Path) -> None:
    for args in RUNS:
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        key = " ".join(args)
        assert cli(vault, *args, cache_dir=tmp_path / "cache") == reference[key], ("cold", args)
        assert cli(vault, *args, cache_dir=tmp_path / "cache") == reference[key], ("warm", args)
        assert cli(vault, *args, cache_dir=tmp_path / "cache", jobs=1) == reference[key], ("warm, one process", args)


# A note at the size limit of ``LIMITED`` whose fix would take it past it (IO005):
# a fix tried, and reported on, without a change (a worker sends its whole result).
LIMIT = 2600
AT_THE_LIMIT = another(CLEAN.replace('  - "#cuisson/wok"', "  - cuisson/wok"), 4242)
AT_THE_LIMIT += "\nRemarque : " + "x" * (LIMIT - len(AT_THE_LIMIT.encode()) - 13) + "\n"
LIMITED = ["--max-file-size", str(LIMIT)]


@pytest.mark.parametrize("limit", [[], LIMITED], ids=["", "limited"])
def test_fix_writes_the_same_bytes_with_the_pool_and_the_cache(vault: Path, tmp_path: Path,
                                                               limit: list[str]) -> None:
    copies = {}
    for name, options in {"reference": dict(jobs=1, compiled=False), "fast": {}}.items():
        copy = tmp_path / name / "vault"
        shutil.copytree(vault, copy)
        write_note(copy, "Recettes/À la limite.md", AT_THE_LIMIT)
        if name == "fast" and not limit:  # the cache warm; cold with the limit: every note in the pool
            cli(copy, "--output-format=concise", cache_dir=tmp_path / "cache")
        extra = ["--no-cache"] if name == "reference" else []
        output = cli(copy, "--fix", "--unsafe-fixes", "--output-format=concise", *limit, *extra,
                     cache_dir=tmp_path / "cache", **options)  # type: ignore[arg-type]
        copies[name] = (output, {path.relative_to(copy).as_posix(): path.read_bytes()
                                 for path in sorted(copy.rglob("*.md"))})
    assert copies["fast"] == copies["reference"]
    assert "fixed" in copies["reference"][0]
    assert ("IO005" in copies["reference"][0]) == bool(limit)
