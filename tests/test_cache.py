"""The cache (``vault_lint/cache.py``): a note unchanged since the last run is
not parsed again, and anything a finding depends on invalidates it: the note's
bytes, the settings, the schema file, vault-lint's version. Runs that share it
at once, and a damaged cache file, give the same output as a run without it."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, EXAMPLE_NOTE, FRENCH, another, source_path, write_note

from vault_lint import cache, records
from vault_lint.engine import Engine, Options, Outcome

# Another recipe (its own address: two notes of one address are VL001), with a bad difficulty.
BAD_DIFFICULTY = another(CLEAN.replace("difficulté: intermédiaire", "difficulté: facile"), 99)
OLD = 1_600_000_000_000_000_000  # 2020, in nanoseconds: far outside the two-second window


@pytest.fixture(autouse=True)
def cache_in_the_vault(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cache where a user has it (a test run may send it elsewhere)."""
    monkeypatch.delenv(records.ENVIRONMENT, raising=False)
    monkeypatch.setenv("VAULT_LINT_JOBS", "1")
    yield


def aged(*paths: Path) -> None:
    """Make notes look modified long ago: their cache entries are then taken on
    the file's status alone (a note modified a moment ago is checked by its bytes)."""
    for path in paths:
        os.utime(path, ns=(OLD, OLD))


def lint(root: Path, *paths: Path, **options: Any) -> Outcome:
    return Engine(Options(**options)).run(list(paths) or [root])


def codes(outcome: Outcome) -> list[tuple[str, str, int]]:
    return [(Path(f.path).name, f.code, f.line) for f in outcome.findings]


class Parses:
    """Counts the notes parsed (``note.decode``) and the samples read for the
    conventions of a vault without configuration."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from vault_lint import infer, note

        self.notes = 0
        self.samples = 0
        decode, read_sample = note.decode, infer.read_sample

        def counted_decode(*args: Any) -> Any:
            self.notes += 1
            return decode(*args)

        def counted_sample(*args: Any) -> Any:
            self.samples += 1
            return read_sample(*args)

        monkeypatch.setattr(note, "decode", counted_decode)
        monkeypatch.setattr(infer, "read_sample", counted_sample)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


@pytest.fixture
def notes(vault: Path) -> list[Path]:
    made = [write_note(vault, "Recettes/Porc.md", CLEAN), write_note(vault, "Recettes/Boeuf.md", BAD_DIFFICULTY)]
    aged(*made)
    return made


def test_an_unchanged_note_is_not_parsed_again(vault: Path, notes: list[Path], parses: Parses) -> None:
    first = lint(vault)
    assert parses.notes == 2 and codes(first) == [("Boeuf.md", "FM003", 8)]
    second = lint(vault)
    assert parses.notes == 2  # both from the cache
    assert codes(second) == codes(first) and second.sources == first.sources
    assert [f.message for f in second.findings] == [f.message for f in first.findings]


def test_a_fix_read_back_from_the_cache_has_every_edit(vault: Path, parses: Parses) -> None:
    """The example as it arrived: one EN001 whose safe fix holds 25 edits,
    kept packed in the cache and read back edit for edit."""
    note = vault / "Recettes" / "Pork.md"
    note.parent.mkdir()
    note.write_bytes(EXAMPLE_NOTE.read_bytes())
    aged(note)
    [first] = lint(vault).findings
    [second] = lint(vault).findings
    assert parses.notes == 1  # the second from the cache
    assert first.fix is not None and second.fix is not None and len(first.fix.edits) == 25
    assert [(e.start, e.end, e.content) for e in second.fix.edits] == [(e.start, e.end, e.content)
                                                                       for e in first.fix.edits]
    assert (second.fix.applicability, second.fix.message) == (first.fix.applicability, first.fix.message)
    assert second.fix == first.fix and first.fix == second.fix and hash(second.fix) == hash(first.fix)
    assert pickle.loads(pickle.dumps(second)) == second == first


def test_the_cache_folder_is_hidden_from_git_and_from_the_notes(vault: Path, notes: list[Path]) -> None:
    lint(vault)
    folder = vault / records.FOLDER
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert [Path(f).name for f in lint(vault).files] == ["Boeuf.md", "Porc.md"]  # no note read from the cache folder


def test_a_changed_note_is_linted_again(vault: Path, notes: list[Path], parses: Parses) -> None:
    lint(vault)
    write_note(vault, "Recettes/Porc.md", BAD_DIFFICULTY.replace("Recipe00099", "Recipe00001"))
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "FM003", 8)]
    assert parses.notes == 3


def test_a_note_touched_but_unchanged_is_checked_by_its_bytes(vault: Path, notes: list[Path], parses: Parses) -> None:
    first = codes(lint(vault))
    os.utime(notes[1], ns=(OLD + 10**9, OLD + 10**9))
    assert codes(lint(vault)) == first
    assert parses.notes == 2  # read and hashed, not parsed
    assert codes(lint(vault)) == first and parses.notes == 2


def test_a_note_modified_a_moment_ago_is_checked_by_its_bytes_each_time(vault: Path, parses: Parses) -> None:
    note = write_note(vault, "Recettes/Porc.md", BAD_DIFFICULTY)  # modified now: its time may be shared
    lint(vault)
    [folder] = [path for path in (vault / records.FOLDER).iterdir() if path.is_dir()]
    entry = cache.NoteCache(folder).get("Recettes/Porc.md")
    assert entry is not None and entry[cache.RACY]
    note.write_bytes(note.read_bytes().replace(b"facile", b"facil2"))  # the same size
    os.utime(note, ns=(entry[cache.MTIME], entry[cache.MTIME]))  # and the same time: only the bytes tell
    [finding] = lint(vault).findings
    assert "got 'facil2'" in finding.message and parses.notes == 2


def test_a_note_written_again_with_its_size_and_time_put_back_is_read_again(
        vault: Path, notes: list[Path], parses: Parses) -> None:
    """``cp -p``, ``touch -r``, ``rsync --inplace``: the size and the
    modification time say nothing changed; the change time says otherwise."""
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8)]
    porc = notes[0]
    porc.write_bytes(porc.read_bytes().replace("intermédiaire".encode(), "intermédiair3".encode()))
    aged(porc)  # the time it had
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "FM003", 8)]
    assert parses.notes == 3


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="links to files need a POSIX system")
def test_a_schema_named_through_a_link_is_read_through_it(vault: Path, notes: list[Path]) -> None:
    """The configuration names ``current.json``, a link: pointed at another
    schema, the notes are judged by that one, as a run without the cache does."""
    from vault_lint.schema import schema_file

    shipped = schema_file("recipe.schema.json").read_text(encoding="utf-8")
    (vault / "strict.json").write_text(shipped, encoding="utf-8")
    (vault / "lenient.json").write_text(shipped.replace('"débutant", ', '"facile", "débutant", '), encoding="utf-8")
    (vault / "current.json").symlink_to("strict.json")
    (vault / "vault-lint.toml").write_text('[profile]\nschema = "current.json"\n', encoding="utf-8")
    assert "FM003" in run(vault)[0]
    (vault / "current.json").unlink()
    (vault / "current.json").symlink_to("lenient.json")
    assert run(vault) == run(vault, "--no-cache")
    assert "FM003" not in run(vault)[0]


def test_changed_settings_lint_again(vault: Path, notes: list[Path], parses: Parses) -> None:
    lint(vault)
    (vault / "vault-lint.toml").write_text(FRENCH + 'ignore = ["FM003"]\n', encoding="utf-8")
    assert codes(lint(vault)) == []
    assert parses.notes == 4
    assert codes(lint(vault, ignore=("TG",))) == [] and parses.notes == 6  # the command line's options too
    (vault / "vault-lint.toml").write_text(FRENCH, encoding="utf-8")
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8)]


def test_a_changed_schema_file_lints_again(vault: Path, notes: list[Path]) -> None:
    from vault_lint.schema import schema_file

    schema = vault / "recette.schema.json"
    shutil.copyfile(schema_file("recipe.schema.json"), schema)
    (vault / "vault-lint.toml").write_text('[profile]\nschema = "recette.schema.json"\n', encoding="utf-8")
    assert "FM003" in run(vault)[0]
    assert "FM003" in run(vault)[0]
    schema.write_text(schema.read_text(encoding="utf-8").replace('"débutant", ', '"facile", "débutant", '),
                      encoding="utf-8")
    assert "FM003" not in run(vault)[0]  # 'facile' is a difficulty now (the other rules say what follows)


def test_a_schema_file_made_beside_the_configuration_is_the_schema(vault: Path, notes: list[Path]) -> None:
    """The configuration names a shipped schema by its bare name; a file of
    that name made beside it later is the schema from then on."""
    from vault_lint.schema import schema_file

    (vault / "vault-lint.toml").write_text('[profile]\nschema = "recipe.schema.json"\n', encoding="utf-8")
    assert "FM003" in run(vault)[0]
    assert "FM003" in run(vault)[0]
    shipped = schema_file("recipe.schema.json").read_text(encoding="utf-8")
    (vault / "recipe.schema.json").write_text(shipped.replace('"débutant", ', '"facile", "débutant", '),
                                              encoding="utf-8")
    assert "FM003" not in run(vault)[0]


def test_another_version_lints_again(vault: Path, notes: list[Path], parses: Parses,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import vault_lint

    lint(vault)
    monkeypatch.setattr(vault_lint, "__version__", "99.0")
    monkeypatch.setattr(records, "_FINGERPRINT", None)
    lint(vault)
    assert parses.notes == 4


def test_no_cache_neither_reads_nor_writes_it(vault: Path, notes: list[Path], parses: Parses) -> None:
    lint(vault, cache=False)
    assert not (vault / records.FOLDER).exists()
    lint(vault)
    lint(vault, cache=False)
    assert parses.notes == 6


def test_the_cache_can_live_elsewhere(vault: Path, notes: list[Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(records.ENVIRONMENT, str(tmp_path / "caches"))
    lint(vault)
    assert not (vault / records.FOLDER).exists()
    [folder] = (tmp_path / "caches").iterdir()
    assert folder.name.startswith("vault-") and (folder / ".gitignore").is_file()


def test_a_vault_that_cannot_be_written_runs_without_a_cache(vault: Path, notes: list[Path]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    vault.chmod(0o555)
    try:
        assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8)]
    finally:
        vault.chmod(0o755)


def test_a_damaged_cache_is_ignored(vault: Path, notes: list[Path]) -> None:
    expected = run(vault)
    run(vault)
    files = [path for path in (vault / records.FOLDER).rglob("*.bin")]
    assert files
    for index, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes([b"", data[:len(data) // 2], b"\x00" * len(data), data[:-1] + b"?"][index % 4])
    assert run(vault) == expected
    assert run(vault) == expected  # and written anew
    assert all(cache.read_record(path) is not None for path in files if path.exists())


def test_runs_sharing_the_cache_at_once_agree(vault: Path) -> None:
    for index in range(60):
        write_note(vault, f"Recettes/Note {index:02}.md", BAD_DIFFICULTY if index % 3 else CLEAN)
    expected = run(vault, "--no-cache")
    env = {**os.environ, "PYTHONPATH": source_path(), "PYTHONIOENCODING": "utf-8"}
    env.pop(records.ENVIRONMENT, None)
    for _ in range(2):  # a cold cache, then a warm one
        runs = [subprocess.Popen([sys.executable, "-m", "vault_lint", "--output-format", "concise", "."], cwd=vault,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
        for process in runs:
            out, err = process.communicate(timeout=120)
            assert (out.decode(), err.decode()) == expected
    assert all(cache.read_record(path) is not None for path in (vault / records.FOLDER).rglob("*.bin"))
    assert not list((vault / records.FOLDER).rglob("*.part"))  # every write renamed into place


def test_a_one_note_run_does_not_read_the_vault_again(tmp_path: Path, parses: Parses) -> None:
    """A vault without configuration: its conventions come from the cache while
    the notes and the folders they were read from are unchanged."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    made = [write_note(root, f"Recettes/Note {index}.md", another(CLEAN, index)) for index in range(12)]
    aged(*made, root / "Recettes", root)
    lint(root)
    assert parses.samples == 12
    aged(root)  # the cache folder was made a moment ago
    lint(root, made[3])
    assert parses.samples == 12  # the root's time was too recent to be trusted: listed again, the same notes
    assert codes(lint(root, made[3])) == [] and parses.samples == 12
    write_note(root, "Recettes/Note 5.md", BAD_DIFFICULTY.replace("Recipe00099", "Recipe00005"))
    os.utime(made[5], ns=(OLD, OLD + 7))
    assert codes(lint(root, made[5])) == [("Note 5.md", "FM003", 8)]
    # A sampled note's front matter changed: read to see so (for the settings,
    # then for the conventions), then the conventions were read again.
    assert parses.samples == 12 + 2 + 12
    lint(root, made[5])
    assert parses.samples == 26
    write_note(root, "Recettes/Nouvelle.md", CLEAN)  # another list of notes: the sample may be another
    lint(root, made[0])
    assert parses.samples == 26 + 13


def test_a_sampled_note_modified_a_moment_ago_is_read_again_alone(tmp_path: Path, parses: Parses) -> None:
    """A note saved a moment before the conventions were read from it could
    change again within the same time: the next run reads that note again
    (and the folders changed a moment ago are listed again), not the sample."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    made = [write_note(root, f"Recettes/Note {index}.md", another(CLEAN, index)) for index in range(12)]
    aged(*made[1:], root / "Recettes", root)
    lint(root)
    assert parses.samples == 12
    lint(root, made[3])
    assert parses.samples == 13
    aged(made[0], root)
    lint(root, made[3])
    assert parses.samples == 14  # read once more: its time is now another
    assert codes(lint(root, made[3])) == [] and parses.samples == 14


def test_an_edit_the_conventions_cannot_see_keeps_them(tmp_path: Path, parses: Parses) -> None:
    """A vault without configuration whose sampled note was edited in a step,
    then saved anew (a new file renamed over it, as many editors and git do:
    its folder's time changes, the list of notes does not): the note is read
    once to see that its sample is the same, and the conventions are kept."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    made = [write_note(root, f"Recettes/Note {index}.md", another(CLEAN, index)) for index in range(12)]
    aged(*made, root / "Recettes", root)
    lint(root)
    aged(root)
    lint(root, made[3])
    assert parses.samples == 12
    edited = made[3].read_text(encoding="utf-8").replace("Mélanger le porc", "Bien mélanger le porc")
    replacement = root / "Recettes" / "Note 3.md.tmp"
    replacement.write_text(edited, encoding="utf-8")
    os.replace(replacement, made[3])
    for saved in (made[3], root / "Recettes"):
        os.utime(saved, ns=(OLD + 10**9, OLD + 10**9))
    assert codes(lint(root, made[3])) == []
    assert parses.samples == 13
    assert codes(lint(root, made[3])) == [] and parses.samples == 13  # the record follows the vault
    write_note(root, "Recettes/Desserts/Flan.md", another(CLEAN, 50))  # a new folder: the sample may be another
    os.utime(root / "Recettes", ns=(OLD + 2 * 10**9, OLD + 2 * 10**9))
    aged(root / "Recettes" / "Desserts", root / "Recettes" / "Desserts" / "Flan.md")
    lint(root, made[3])
    assert parses.samples == 13 + 13


def conventions_vault(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A vault without configuration whose conventions are read from its 12 recipes."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    made = [write_note(root, f"Recettes/Note {index}.md", another(CLEAN, index)) for index in range(12)]
    aged(*made, root / "Recettes", root)
    return root, made


def test_a_folder_link_replaced_by_the_folder_is_read(tmp_path: Path, parses: Parses) -> None:
    """A link to a folder is listed, not walked; the folder itself, put in its
    place under the same name, holds notes the conventions must read."""
    root, made = conventions_vault(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    for index in range(12, 40):
        write_note(elsewhere, f"Note {index}.md", BAD_DIFFICULTY.replace("Recipe00099", f"Recipe{index:05d}"))
    (root / "Plus").symlink_to(elsewhere, target_is_directory=True)
    lint(root)
    aged(root)
    assert parses.samples == 12
    (root / "Plus").unlink()
    shutil.copytree(elsewhere, root / "Plus")
    os.utime(root, ns=(OLD + 10**9, OLD + 10**9))
    aged(*(root / "Plus").iterdir(), root / "Plus")
    lint(root, made[0])
    assert parses.samples == 12 + 40  # the sample read again, the new folder's notes with it


def test_a_sampled_note_replaced_with_the_same_size_and_time_is_read(tmp_path: Path, parses: Parses) -> None:
    """A file renamed over a sampled note, with its size and time (as an
    archive unpacks them): its inode tells the change."""
    root, made = conventions_vault(tmp_path)
    lint(root)
    aged(root)
    lint(root, made[3])
    assert parses.samples == 12
    text = made[5].read_text(encoding="utf-8")
    replacement = made[5].with_name("brouillon.txt")
    replacement.write_text(text.replace("source: Instagram", "source: Instagrom"), encoding="utf-8")
    aged(replacement)
    assert replacement.stat().st_size == made[5].stat().st_size
    os.replace(replacement, made[5])
    aged(root / "Recettes")
    lint(root, made[3])
    assert parses.samples > 12  # read again: what it says is another note's


def test_a_folder_that_becomes_an_obsidian_vault_reads_its_links(tmp_path: Path) -> None:
    """Without ``.obsidian`` a folder's links are not Obsidian's (VL002 off);
    once Obsidian opens it, a broken link is reported, cache or not."""
    root = tmp_path / "vault"
    (root / ".git").mkdir(parents=True)
    made = write_note(root, "Recettes/Porc.md", CLEAN + "\nVoir [[Nulle part]].\n")
    aged(made, root / "Recettes", root)
    assert codes(lint(root)) == []
    (root / ".obsidian").mkdir()
    aged(root)
    assert codes(lint(root, made)) == codes(lint(root, made, cache=False)) == [("Porc.md", "VL002", 54)]


def test_a_bucket_keeps_at_most_its_share_of_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_BUCKET_ENTRIES", 3)
    notes = cache.NoteCache(tmp_path)
    info = os.stat(tmp_path)
    names = [name for name in (f"n{index}.md" for index in range(2000)) if cache.NoteCache.bucket_of(name) == "00"]
    for stamp, name in enumerate(names[:5]):
        entry = cache.make_entry(info, b"x", "/x", (), (), None, stamp * 10**9 + 10**19)
        assert entry is not None
        notes.put(name, entry)
    notes.save()
    kept = cache.read_record(tmp_path / "notes-00.bin")
    assert sorted(kept) == sorted(names[2:5])  # the most recent


def test_settings_folders_are_bounded(vault: Path, notes: list[Path]) -> None:
    for index in range(cache.MAX_SETTINGS + 3):
        lint(vault, ignore=(f"SC00{index % 7 + 1}",) if index < 7 else (f"TG00{index - 6}",))
        time.sleep(0.01)
    folders = [path for path in (vault / records.FOLDER).iterdir() if path.is_dir()]
    assert len(folders) <= cache.MAX_SETTINGS


def run(root: Path, *options: str) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": source_path(), "PYTHONIOENCODING": "utf-8"}
    env.pop(records.ENVIRONMENT, None)
    result = subprocess.run([sys.executable, "-m", "vault_lint", *options, "--output-format", "concise", "."],
                            cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return result.stdout, result.stderr


def test_a_one_note_run_reads_no_other_note_even_one_with_a_large_summary(
        vault: Path, notes: list[Path], parses: Parses, monkeypatch: pytest.MonkeyPatch) -> None:
    """The vault index keeps every note's summary whatever its size: a note too
    large for the findings cache is not parsed again for another note's run."""
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 0)  # no note's findings are kept
    aged(*notes)
    lint(vault)
    assert parses.notes == 2
    lint(vault, notes[0])
    assert parses.notes == 3  # the note linted, its findings not kept; the other one not read


def test_a_broken_link_is_judged_without_reading_the_note_again(
        vault: Path, notes: list[Path], parses: Parses) -> None:
    """A broken link is reported from where the note's lint found its links
    (its sites, kept in the cache too): the note is parsed once a run, and
    not at all from the cache. A note with a suppression comment (it may
    silence a vault-wide finding) is read again, and only for a vault-wide
    rule selected for it."""
    broken = CLEAN.replace("## Source", "Voir [[Nulle part]].\n\n## Source", 1)
    notes[0].write_text(broken, encoding="utf-8")
    aged(*notes)
    assert codes(lint(vault, cache=False)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "VL002", 50)]
    assert parses.notes == 2
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "VL002", 50)]
    assert parses.notes == 4
    again = lint(vault)
    assert codes(again) == [("Boeuf.md", "FM003", 8), ("Porc.md", "VL002", 50)]
    assert again.sources[str(notes[0])].splitlines()[49] == "Voir [[Nulle part]]."
    assert parses.notes == 4  # both from the cache, the link judged again
    (vault / "Recettes" / "Nulle part.md").write_text("# Nulle part\n", encoding="utf-8")
    aged(vault / "Recettes" / "Nulle part.md")
    assert codes(lint(vault, notes[0])) == []  # the link now leads somewhere: judged from the cache
    assert parses.notes == 5  # the new note's summary read; Porc.md not at all
    (vault / "Recettes" / "Nulle part.md").unlink()
    notes[0].write_text(broken + "\n%% vault-lint-disable-next-line SC004 %%\n", encoding="utf-8")
    aged(*notes)
    assert codes(lint(vault, cache=False)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "VL002", 50)]
    assert parses.notes == 8  # Porc.md read again for the vault-wide rules
    assert codes(lint(vault, cache=False, ignore=("VL002",))) == [("Boeuf.md", "FM003", 8)]
    assert parses.notes == 10
    (vault / "vault-lint.toml").write_text(FRENCH + '\n[per-file-ignores]\n"Porc.md" = ["VL"]\n', encoding="utf-8")
    assert codes(lint(vault, cache=False)) == [("Boeuf.md", "FM003", 8)]
    assert parses.notes == 12


def test_a_note_with_more_sites_than_kept_is_read_again(
        vault: Path, notes: list[Path], parses: Parses, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run keeps at most ``MAX_SITES`` places of a note for the vault-wide
    rules to judge: a note with more is read again, with the same findings."""
    from vault_lint import linter

    notes[0].write_text(CLEAN.replace("## Source", "[[Un]] [[Deux]] [[Trois]]\n\n## Source", 1), encoding="utf-8")
    aged(*notes)
    expected = [("Boeuf.md", "FM003", 8), *[("Porc.md", "VL002", 50)] * 3]
    assert codes(lint(vault, cache=False)) == expected
    assert parses.notes == 2
    monkeypatch.setattr(linter, "MAX_SITES", 3)  # the url and three links: four sites
    assert codes(lint(vault, cache=False)) == expected
    assert parses.notes == 5  # Porc.md read again


def test_a_later_run_takes_the_vaults_settings_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read from the notes (no configuration) are kept: a later run
    neither reads the notes again nor imports the rules to choose them."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    made = [write_note(root, f"Recettes/Note {index}.md", another(CLEAN, index)) for index in range(6)]
    aged(*made, root / "Recettes", root / ".obsidian")
    first = lint(root)
    aged(root)  # the cache folder was made a moment ago
    lint(root)

    def refused(*args: Any) -> Any:
        raise AssertionError("the settings were made again")

    monkeypatch.setattr(Engine, "_new_context", refused)
    again = Engine(Options())
    assert codes(again.run([made[2]])) == [c for c in codes(first) if c[0] == "Note 2.md"]
    ctx = again.contexts[root]
    assert ctx.index_rules == ("BS001", "OB001", "VL001", "VL002", "VL003")
    assert ctx.baseline_file == root / ".vault-lint-baseline.json"


class Built:
    """Counts the vault indexes built."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        index = Engine._index

        def counted(engine: Engine, ctx: Any, *args: Any, **kwargs: Any) -> Any:
            self.count += ctx.index is None
            return index(engine, ctx, *args, **kwargs)

        monkeypatch.setattr(Engine, "_index", counted)


def test_an_unchanged_vault_builds_no_index_for_a_note_it_does_not_concern(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-note run over a vault whose files did not change since the last
    run knows from the cache that no vault-wide rule concerns the note; a
    change to another note is seen on the next run."""
    built = Built(monkeypatch)
    lint(vault)
    assert built.count == 1
    assert codes(lint(vault, notes[0])) == []
    assert built.count == 1  # every file's status as the cache knows it: no index
    # The other note now has the same address: both are VL001, seen from the one-note run.
    write_note(vault, "Recettes/Boeuf.md", CLEAN)
    os.utime(notes[1], ns=(OLD + 10**9, OLD + 10**9))
    assert codes(lint(vault, notes[0])) == [("Porc.md", "VL001", 11)]
    assert built.count == 2
    assert codes(lint(vault, notes[0])) == [("Porc.md", "VL001", 11)]
    assert built.count == 3  # a concerned note needs the index
    (vault / "Recettes" / "Boeuf.md").unlink()  # a file gone is a change too
    assert codes(lint(vault, notes[0])) == []
    assert built.count == 4
    assert codes(lint(vault, notes[0])) == [] and built.count == 4


def test_an_edit_the_vault_wide_rules_cannot_see_builds_no_index(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The note of a one-note run (pre-commit's staged note) was edited since
    the last run: a step changed, its tags, url, headings and links did not.
    What the vault-wide rules report is then unchanged, and no index is built;
    an edit they can see (its url now another note's) builds one."""
    built = Built(monkeypatch)
    lint(vault)
    assert built.count == 1
    edited = CLEAN.replace("Mélanger le porc", "Bien mélanger le porc")
    write_note(vault, "Recettes/Porc.md", edited)
    os.utime(notes[0], ns=(OLD + 10**9, OLD + 10**9))
    assert codes(lint(vault, notes[0])) == []
    assert built.count == 1
    write_note(vault, "Recettes/Porc.md", edited.replace("Bien mélanger", "Mélanger doucement"))  # again: the record follows
    os.utime(notes[0], ns=(OLD + 2 * 10**9, OLD + 2 * 10**9))
    assert codes(lint(vault, notes[0])) == [] and built.count == 1
    write_note(vault, "Recettes/Porc.md", another(edited, 99))  # Boeuf.md's address: VL001
    os.utime(notes[0], ns=(OLD + 3 * 10**9, OLD + 3 * 10**9))
    assert codes(lint(vault, notes[0])) == [("Porc.md", "VL001", 11)]
    assert built.count == 2
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8), ("Boeuf.md", "VL001", 11), ("Porc.md", "VL001", 11)]


def test_an_edit_to_a_heading_others_link_to_is_seen_by_them(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Another note links to a heading of the run's note; the edit renames that
    heading: the link is broken (VL002 on the other note, in the next run of it)."""
    write_note(vault, "Recettes/Boeuf.md", BAD_DIFFICULTY + "\nVoir [[Porc#Étapes]].\n")
    aged(notes[1])
    built = Built(monkeypatch)
    lint(vault)
    write_note(vault, "Recettes/Porc.md", CLEAN.replace("## Étapes", "## Préparation"))
    os.utime(notes[0], ns=(OLD + 10**9, OLD + 10**9))
    lint(vault, notes[0])
    assert built.count == 2  # the note's headings changed: what the vault sees changed
    assert ("Boeuf.md", "VL002", 54) in codes(lint(vault, notes[1]))


def test_a_note_modified_a_moment_ago_keeps_the_vault_index_checked(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    built = Built(monkeypatch)
    write_note(vault, "Recettes/Boeuf.md", BAD_DIFFICULTY.replace("facile", "difficile"))  # now
    lint(vault)
    lint(vault, notes[0])
    assert built.count == 2  # a time that recent could hide the next change: never taken as unchanged


def test_a_note_saved_while_a_run_lists_the_vault_is_read_again(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A note saved after the run read it, before it listed the vault's files:
    the listing finds its new status, but the run knows only its old text. The
    next run reads it again and reports on what it now says."""
    from vault_lint import listing

    listed = listing.walk

    def saved_meanwhile(root: Path) -> Any:
        with notes[0].open("a", encoding="utf-8") as note:
            note.write("\nVoir [[Recette inexistante]].\n")
        os.utime(notes[0], ns=(OLD + 5 * 10**9, OLD + 5 * 10**9))  # saved long enough ago to be trusted
        monkeypatch.setattr(listing, "walk", listed)
        return listed(root)

    monkeypatch.setattr(listing, "walk", saved_meanwhile)
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8)]  # the notes as they were read
    assert codes(lint(vault, notes[0])) == [("Porc.md", "VL002", 54)]
    assert codes(lint(vault)) == [("Boeuf.md", "FM003", 8), ("Porc.md", "VL002", 54)]


def test_a_note_that_could_not_be_read_is_read_again_next_time(
        vault: Path, notes: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A note unreadable in one run (its permissions), readable in the next
    with the same size and time: the vault-wide rules see it again."""
    from vault_lint import note as notes_module

    write_note(vault, "Recettes/Boeuf.md", CLEAN)  # the same address as Porc.md: VL001 on both
    aged(notes[1])
    reading = notes_module.read_bytes

    def refused(path: Path, display: str, limit: int) -> Any:
        if path.name == "Boeuf.md":
            return notes_module.Note(path=display, text="", io_error="Permission denied")
        return reading(path, display, limit)

    monkeypatch.setattr(notes_module, "read_bytes", refused)
    assert codes(lint(vault)) == [("Boeuf.md", "IO001", 1)]
    monkeypatch.setattr(notes_module, "read_bytes", reading)
    assert codes(lint(vault, notes[0])) == [("Porc.md", "VL001", 11)]
    assert codes(lint(vault)) == [("Boeuf.md", "VL001", 11), ("Porc.md", "VL001", 11)]
