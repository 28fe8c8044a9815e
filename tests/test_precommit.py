"""The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit in a
real git repository holding a small vault.

The hook repository is a copy of this checkout, uncommitted work included,
committed in a temporary repository; every test shares one
``PRE_COMMIT_HOME``, so the hook's environment is built once per session.
Deselect these tests with ``-m "not precommit"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import CLEAN, REPO, another

pytestmark = pytest.mark.precommit

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Vault Lint Tests",
    "GIT_AUTHOR_EMAIL": "tests@vault-lint.invalid",
    "GIT_COMMITTER_NAME": "Vault Lint Tests",
    "GIT_COMMITTER_EMAIL": "tests@vault-lint.invalid",
    # The user's own git configuration (signing, hooks path...) stays out.
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

# FM003 at 4:13 (temps_prep) and 8:13 (difficulté).
BROKEN = CLEAN.replace("temps_prep: 40", "temps_prep: 40 min").replace(
    "difficulté: intermédiaire", "difficulté: facile")
# A tag written without '#' (TG004, safe fix) in the block list of quoted tags.
UNHASHED = CLEAN.replace('  - "#temps/long"', "  - temps/long")
# ...and a total smaller than prep + cook (TM001, safe fix to the sum).
SHORT_TOTAL = UNHASHED.replace("temps_total: 70", "temps_total: 60")


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command; its output decoded with its line endings kept."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=600)
    return subprocess.CompletedProcess(args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = run(["git", *args], cwd, env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's files as they are now, committed in a new repository:
    (its path, the commit's sha)."""
    if not (REPO / ".git").exists():
        pytest.skip("the hook tests copy a git checkout of vault-lint")
    listed = git(REPO, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file() or source.is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name, follow_symlinks=False)
    git(copy, env, "init", "-q")
    git(copy, env, "add", "-A")
    git(copy, env, "commit", "-q", "--no-verify", "-m", "vault-lint under test")
    return copy, git(copy, env, "rev-parse", "HEAD").strip()


@dataclass
class VaultRepo:
    root: Path
    env: dict[str, str]

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    def read(self, name: str) -> str:
        return (self.root / name).read_bytes().decode("utf-8")

    def commit(self, *names: str) -> subprocess.CompletedProcess[str]:
        """Stage ``names`` (everything when none) and commit, hooks running."""
        git(self.root, self.env, "add", *(names or ("-A",)))
        return run(["git", "commit", "-m", "recettes"], self.root, self.env)

    def committed(self) -> list[str]:
        result = run(["git", "ls-tree", "-r", "--name-only", "HEAD"], self.root, self.env)
        return result.stdout.splitlines() if result.returncode == 0 else []


@pytest.fixture
def vault_repo(tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]) -> Callable[..., VaultRepo]:
    """A new git repository using the given hooks, as a vault would."""

    def make(*hooks: str | dict[str, object]) -> VaultRepo:
        """A hook is its id, or the mapping a vault writes (its id and its own settings)."""
        root = tmp_path / "vault-repo"
        root.mkdir()
        git(root, env, "init", "-q")
        config = {"repos": [{"repo": str(hook_repo[0]), "rev": hook_repo[1],
                             "hooks": [{"id": hook} if isinstance(hook, str) else hook for hook in hooks]}]}
        (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        installed = run([sys.executable, "-m", "pre_commit", "install"], root, env)
        assert installed.returncode == 0, installed.stdout + installed.stderr
        return VaultRepo(root, env)

    return make


def test_manifest_declares_both_hooks() -> None:
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["args"], h["language"], h["types"]) for h in hooks] == [
        ("vault-lint", "vault-lint", ["--"], "python", ["markdown"]),
        ("vault-lint-fix", "vault-lint --fix --exit-non-zero-on-fix", ["--"], "python", ["markdown"]),
    ]


def _readme_snippet() -> str:
    """The pre-commit configuration the README gives a vault owner, as written."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme.split("<!-- pre-commit-snippet:", 1)[1]
    return after.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_snippet_works_as_written_with_a_local_clone(
        tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]) -> None:
    """The README's snippet, with ``repo:`` a clone and ``rev:`` what the
    README's own command prints for it (``git ls-remote <repo> HEAD``)."""
    clone = tmp_path / "vault-lint-clone"
    git(tmp_path, env, "clone", "-q", str(hook_repo[0]), str(clone))
    rev = git(tmp_path, env, "ls-remote", str(clone), "HEAD").split()[0]
    snippet = _readme_snippet()
    config = yaml.safe_load(snippet)
    assert config["repos"][0]["repo"] == "https://github.com/vault-lint/vault-lint"
    assert [hook["id"] for hook in config["repos"][0]["hooks"]] == ["vault-lint"]
    root = tmp_path / "vault-repo"
    root.mkdir()
    git(root, env, "init", "-q")
    written = snippet.replace("https://github.com/vault-lint/vault-lint", str(clone), 1)
    written = written.replace(config["repos"][0]["rev"], rev, 1)
    (root / ".pre-commit-config.yaml").write_text(written, encoding="utf-8")
    installed = run([sys.executable, "-m", "pre_commit", "install"], root, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    repo = VaultRepo(root, env)
    repo.write(".obsidian/app.json", "{}\n")
    repo.write("Recettes/Porc.md", BROKEN)
    refused = repo.commit()
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "Recettes/Porc.md:4:13: FM003" in refused.stdout + refused.stderr
    repo.write("Recettes/Porc.md", CLEAN)
    passed = repo.commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert repo.committed() == [".obsidian/app.json", ".pre-commit-config.yaml", "Recettes/Porc.md"]


def test_check_hook_refuses_broken_notes_and_names_them(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint")
    repo.write(".obsidian/app.json", "{}\n")
    repo.write("Recettes/Porc.md", BROKEN)
    repo.write("Recettes/Tarte.md", another(BROKEN.replace("portions: 4", "portions: 0"), 1))
    repo.write("Recettes/Propre.md", another(CLEAN, 2))
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert "vault-lint" in shown and "Failed" in shown
    for line in ("Recettes/Porc.md:4:13: FM003 temps_prep: expected whole minutes (integer >= 0), got '40 min'",
                 "Recettes/Porc.md:8:13: FM003 difficulté: expected one of débutant, intermédiaire, avancé, "
                 "got 'facile'",
                 "Recettes/Tarte.md:4:13: FM003", "Recettes/Tarte.md:7:11: FM003", "Recettes/Tarte.md:8:13: FM003"):
        assert line in shown
    assert "Propre.md" not in shown
    assert repo.committed() == []


def test_check_hook_reports_only_on_the_staged_notes(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint")
    repo.write(".obsidian/app.json", "{}\n")
    repo.write("Recettes/Porc.md", BROKEN)  # on disk, never staged
    repo.write("Recettes/Propre.md", another(CLEAN, 1))
    passed = repo.commit(".pre-commit-config.yaml", ".obsidian/app.json", "Recettes/Propre.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Porc.md" not in passed.stdout + passed.stderr
    assert "Recettes/Propre.md" in repo.committed()


@pytest.mark.parametrize("vault_dir", ["", "Cuisine/"])
def test_configuration_at_the_vault_root_applies(vault_repo: Callable[..., VaultRepo], vault_dir: str) -> None:
    """pre-commit runs at the git root and passes ``Recettes/x.md`` (or
    ``Cuisine/Recettes/x.md``): the vault's own configuration still applies."""
    repo = vault_repo("vault-lint")
    repo.write(f"{vault_dir}vault-lint.toml", 'ignore = ["FM003"]\n')
    repo.write(f"{vault_dir}Recettes/x.md", BROKEN.replace("portions: 4", "portions: 4\nportions: 4"))
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert f"{vault_dir}Recettes/x.md:8:1: FM004 key 'portions' is given twice" in shown
    assert "FM003" not in shown


def _fix_hook_round(repo: VaultRepo, broken: str, newline: str) -> None:
    """Commit ``broken``: refused and fixed to the clean note; commit again: passes."""
    expected = CLEAN.replace("\n", newline)
    repo.write("Recettes/Porc.md", broken.replace("\n", newline))
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert "vault-lint (fix)" in shown and "files were modified by this hook" in shown
    assert repo.read("Recettes/Porc.md") == expected
    assert repo.committed() == []
    passed = repo.commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "vault-lint (fix)" in passed.stderr and "Passed" in passed.stderr
    assert git(repo.root, repo.env, "show", "HEAD:Recettes/Porc.md") == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_hook_adds_the_missing_hash(vault_repo: Callable[..., VaultRepo], newline: str) -> None:
    repo = vault_repo("vault-lint-fix")
    repo.write(".obsidian/app.json", "{}\n")
    _fix_hook_round(repo, UNHASHED, newline)


def test_fix_hook_repairs_tag_and_total(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint-fix")
    repo.write(".obsidian/app.json", "{}\n")
    _fix_hook_round(repo, SHORT_TOTAL, "\n")


def test_fix_hook_still_refuses_what_it_cannot_fix(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint-fix")
    repo.write(".obsidian/app.json", "{}\n")
    repo.write("Recettes/Porc.md", BROKEN.replace('  - "#temps/long"', "  - temps/long"))
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert "Recettes/Porc.md:4:13: FM003" in shown
    assert repo.read("Recettes/Porc.md") == BROKEN  # the tag fixed, the rest left to the author
    second = repo.commit()
    assert second.returncode == 1 and "Recettes/Porc.md:4:13: FM003" in second.stdout + second.stderr


# A note whose name starts with '-': pre-commit passes it as it is, after
# the hook's args; the `--` there keeps it a note, not an option.
DASHED = "-brouillon.md"


def test_check_hook_lints_a_note_named_like_an_option(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint")
    repo.write(".obsidian/app.json", "{}\n")
    repo.write(DASHED, BROKEN)
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert f"{DASHED}:4:13: FM003 temps_prep: expected whole minutes (integer >= 0), got '40 min'" in shown
    assert "unrecognized arguments" not in shown and repo.committed() == []


def test_fix_hook_fixes_a_note_named_like_an_option(vault_repo: Callable[..., VaultRepo]) -> None:
    repo = vault_repo("vault-lint-fix")
    repo.write(".obsidian/app.json", "{}\n")
    repo.write(DASHED, UNHASHED)
    refused = repo.commit()
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert repo.read(DASHED) == CLEAN and repo.committed() == []
    passed = repo.commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert DASHED in repo.committed()


def test_a_vaults_own_args_end_with_the_double_dash(vault_repo: Callable[..., VaultRepo]) -> None:
    """The hook's options come before `--` (in `entry`), the vault's own in `args`."""
    repo = vault_repo({"id": "vault-lint-fix", "args": ["--output-format", "concise", "--"]})
    repo.write(".obsidian/app.json", "{}\n")
    repo.write(DASHED, BROKEN.replace('  - "#temps/long"', "  - temps/long"))
    refused = repo.commit()
    shown = refused.stdout + refused.stderr
    assert refused.returncode == 1, shown
    assert f"{DASHED}:4:13: FM003 temps_prep: expected whole minutes (integer >= 0), got '40 min'\n" \
           f"{DASHED}:8:13: FM003 difficulté: expected one of débutant, intermédiaire, avancé, got 'facile'\n" \
           "Found 3 errors (1 fixed, 2 remaining).\n" in shown  # concise: no excerpt between the lines
    assert repo.read(DASHED) == BROKEN
