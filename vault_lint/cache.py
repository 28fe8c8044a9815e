"""The cache: what the last runs found, so that a note unchanged since is not parsed again.

Where: ``.vault-lint-cache/`` at the vault root (``$VAULT_LINT_CACHE_DIR/<vault>-<hash>/``
when that variable is set: for a vault on a read-only disk, or to keep the cache out of a
synced folder). The folder holds its own ``.gitignore`` (``*``), so git never sees it, and a
``CACHEDIR.TAG``, so backup tools may skip it. It is hidden, so neither vault-lint nor
Obsidian reads it as notes. Deleting it is always safe; ``--no-cache`` neither reads nor
writes it. A vault root where it cannot be written simply runs without a cache.

What, in a folder of its own for each set of settings (``<key>/``; the key is a hash of the
settings after the command line's options, the vault's template folders, the schema file's
bytes, vault-lint's version and its own installed files, and the Python version):

- ``notes-XX.bin`` (256 buckets by a hash of the note's path in the vault): for each note,
  its size, modification and change times and inode, a hash of its bytes, its findings with the
  lines they point at (all that the output formats show), and the places where the
  vault-wide rules may report on it (``linter.vault_sites``: judged against the vault
  without reading the note). An entry is used when the note's
  size, modification and change times and inode are those recorded; when they differ (a
  checkout, a copy, ``touch -r``, ``chmod``), the note is read and its bytes hashed: the same bytes still use the entry. A note
  modified in the last seconds before it was read is checked by its bytes every time
  (its timestamp could be shared by a later edit), until it is older.
- ``context-<hash>.bin`` at the top: the settings of a run (the configuration file's
  bytes, the command line's options and the template settings are the key), and
  ``inference.bin``: the conventions read from the notes of a vault without
  configuration, valid while the sampled notes and the folders they were chosen from have
  the sizes, modification and change times recorded. A one-note run (pre-commit) reads neither
  the configuration's schema nor 400 notes again.
- ``run-<key>.bin`` at the top: a check run's output and what it read, so that the
  same command on unchanged files is replayed (``replay``).

Safe when runs share it: every file is written whole under a temporary name, then renamed
(a reader sees the old file or the new one), and carries a hash of its content (a file
cut short or damaged is ignored, never an error). Two runs writing one bucket at once may
lose each other's new entries: the notes are then parsed again next time.

Bounded: at most ``MAX_BUCKET_ENTRIES`` notes a bucket (the oldest entries go first), no
entry over ``MAX_ENTRY_BYTES``, at most ``MAX_SETTINGS`` settings folders and
``MAX_CONTEXTS`` context files (the least recently written go first).
"""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path
from typing import Any

from vault_lint import records
from vault_lint.records import (
    RACY_NS,
    digest,
    fingerprint,
    hex_key,
    read_record,
    write_record,
)

BUCKETS = 256
MAX_BUCKET_ENTRIES = 500  # 128,000 notes a vault; past that, the oldest entries are dropped
MAX_ENTRY_BYTES = 256 * 1024  # a note with more findings than that is parsed every time
MAX_SETTINGS = 8
MAX_CONTEXTS = 32
STALE_TEMPORARY_SECONDS = 3600
GITIGNORE = "# vault-lint's cache (safe to delete): git ignores this whole folder.\n*\n"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by vault-lint.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")

# An entry: (size, mtime_ns, inode, digest, racy, stamp, findings, excerpt, sites)
SIZE, MTIME, CTIME, INODE, DIGEST, RACY, STAMP, FINDINGS, EXCERPT, SITES = range(10)

__all__ = ["RACY_NS", "digest", "fingerprint", "hex_key", "read_record", "write_record"]


def folder_for(root: Path) -> Path:
    """The cache folder of the vault at ``root`` (``records.folder_for``)."""
    return Path(records.folder_for(str(root)))


def prepare(folder: Path) -> bool:
    """Create the cache folder with its ``.gitignore`` and ``CACHEDIR.TAG``; False when
    it cannot be written."""
    if (folder / ".gitignore").is_file():
        return True
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            temporary = folder / f"{name}.{os.getpid()}-{os.urandom(4).hex()}.part"
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, folder / name)
    except OSError:
        return False
    return True


def _prune(folder: Path, keep: int, prefix: str, directories: bool) -> None:
    """Keep the ``keep`` most recently modified entries of ``folder`` named ``prefix…``,
    and remove temporary files that a killed run left behind."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    found = []
    for entry in entries:
        try:
            if entry.name.endswith(".part"):
                if now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                    os.unlink(entry.path)
            elif entry.name.startswith(prefix) and entry.is_dir() == directories:
                found.append((entry.stat().st_mtime, entry.path))
        except OSError:
            continue
    for _, path in sorted(found, reverse=True)[keep:]:
        _remove(Path(path))


def _remove(path: Path) -> None:
    try:
        if path.is_dir():
            for child in path.iterdir():
                _remove(child)
            path.rmdir()
        else:
            path.unlink()
    except OSError:
        pass


# -- notes -------------------------------------------------------------------------------

class NoteCache:
    """The entries of the notes of one vault under one set of settings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._buckets: dict[str, dict[str, tuple[Any, ...]]] = {}
        self._changed: dict[str, dict[str, tuple[Any, ...]]] = {}

    @classmethod
    def open(cls, root_folder: Path, key: str) -> NoteCache | None:
        """The note cache of a vault's cache folder for the settings ``key``; None
        when the folder cannot be written."""
        folder = root_folder / key
        if not (folder.is_dir() or (prepare(root_folder) and _make(folder))):
            return None
        return cls(folder)

    @staticmethod
    def bucket_of(name: str) -> str:
        return digest(name.encode("utf-8", "surrogateescape"))[:1].hex()

    def _bucket(self, bucket: str) -> dict[str, tuple[Any, ...]]:
        entries = self._buckets.get(bucket)
        if entries is None:
            record = read_record(self.folder / f"notes-{bucket}.bin")
            entries = record if isinstance(record, dict) else {}
            self._buckets[bucket] = entries
        return entries

    def get(self, name: str) -> tuple[Any, ...] | None:
        return _entry(self._bucket(self.bucket_of(name)).get(name))

    def put(self, name: str, entry: tuple[Any, ...]) -> None:
        bucket = self.bucket_of(name)
        self._bucket(bucket)[name] = entry
        self._changed.setdefault(bucket, {})[name] = entry

    def save(self) -> None:
        """Write the buckets that changed, merged with what other runs wrote since."""
        for bucket, changes in self._changed.items():
            path = self.folder / f"notes-{bucket}.bin"
            record = read_record(path)
            entries = record if isinstance(record, dict) else {}
            entries.update(changes)
            if len(entries) > MAX_BUCKET_ENTRIES:
                kept = sorted(entries.items(), key=lambda item: item[1][STAMP] if isinstance(item[1], tuple) else 0)
                entries = dict(kept[len(entries) - MAX_BUCKET_ENTRIES:])
            write_record(path, entries)
        self._changed.clear()


class RecordCache:
    """Entries kept whole in one record of a vault's cache folder (the summaries
    of every note: a one-note run reads one file, not one per bucket)."""

    def __init__(self, root_folder: Path, name: str, write: bool = True) -> None:
        self.root_folder, self.name, self.write = root_folder, name, write
        record = read_record(root_folder / name)
        self.entries: dict[str, tuple[Any, ...]] = record if isinstance(record, dict) else {}
        self.changed = False

    def get(self, name: str) -> tuple[Any, ...] | None:
        return _entry(self.entries.get(name))

    def put(self, name: str, entry: tuple[Any, ...]) -> None:
        self.entries[name] = entry
        self.changed = True

    def save(self, kept: set[str]) -> None:
        """Write the record when it changed (with ``write``), keeping only the names in ``kept``."""
        gone = self.entries.keys() - kept
        for name in gone:
            del self.entries[name]
        if self.write and (self.changed or gone):
            store(self.root_folder, self.name, self.entries)


def _entry(value: Any) -> tuple[Any, ...] | None:
    """``value`` when it is an entry (as ``make_entry`` makes them), else None."""
    return value if isinstance(value, tuple) and len(value) == SITES + 1 else None


def _make(folder: Path) -> bool:
    _prune(folder.parent, MAX_SETTINGS - 1, "", directories=True)
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return False
    return True


def fresh(entry: tuple[Any, ...], info: os.stat_result) -> bool:
    """Does the file's status say it is the one the entry was made from? Its
    change time too: a file written again with its size and modification
    time put back (``touch -r``, ``cp -p``), or made unreadable, has a new one."""
    return (not entry[RACY] and entry[SIZE] == info.st_size and entry[MTIME] == info.st_mtime_ns
            and entry[CTIME] == info.st_ctime_ns and entry[INODE] == info.st_ino)


def _racy(info: os.stat_result, read_at_ns: int) -> bool:
    """Was the file modified so shortly before it was read that a later edit
    could leave the same time? (A change of its status alone, ``chmod``, in
    that moment is not looked for: a clone or a checkout would make every
    note such a one until its next run.)"""
    return info.st_mtime_ns > read_at_ns - RACY_NS


def _content(raw: bytes, real: str) -> bytes:
    """A hash of a note's bytes and of where it really is (the template folders and
    ``per-file-ignores`` go by that)."""
    return digest(os.fsencode(real) + b"\0" + raw)


def same_bytes(entry: tuple[Any, ...], raw: bytes, real: str) -> bool:
    """Are these the bytes (and the file's real path) the entry was made from?"""
    return entry[SIZE] == len(raw) and entry[DIGEST] == _content(raw, real)


def make_entry(info: os.stat_result, raw: bytes, real: str, findings: tuple[Any, ...], excerpt: tuple[Any, ...],
               sites: tuple[Any, ...] | None, read_at_ns: int, bounded: bool = True) -> tuple[Any, ...] | None:
    """The entry of a note read at ``read_at_ns`` (time.time_ns) with the status ``info``
    taken just before (``sites``: where the vault-wide rules may report on it,
    ``linter.vault_sites``); None when ``bounded`` and it would be larger than
    ``MAX_ENTRY_BYTES`` (a note's summary is kept whatever its size, or every
    run would parse the note again)."""
    entry = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, _content(raw, real),
             _racy(info, read_at_ns), int(read_at_ns // 1_000_000_000), findings, excerpt, sites)
    if bounded and len(marshal.dumps((findings, excerpt, sites))) > MAX_ENTRY_BYTES:  # the bytes it is stored in
        return None
    return entry


def refreshed(entry: tuple[Any, ...], info: os.stat_result, read_at_ns: int) -> tuple[Any, ...]:
    """An entry whose bytes were found the same, under the file's new status."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, entry[DIGEST], _racy(info, read_at_ns),
            int(read_at_ns // 1_000_000_000), entry[FINDINGS], entry[EXCERPT], entry[SITES])


# -- records of the run's settings ----------------------------------------------------------

def load(root_folder: Path, name: str) -> Any:
    return read_record(root_folder / name)


def store(root_folder: Path, name: str, value: Any) -> None:
    if prepare(root_folder):
        for prefix in ("context-", "index-", "concerns-", "run-"):  # one per set of settings: the oldest go
            if name.startswith(prefix):
                _prune(root_folder, MAX_CONTEXTS - 1, prefix, directories=False)
        write_record(root_folder / name, value)


def unchanged(root: Path, state: Any) -> bool:
    """Are the folders and the notes of an ``infer.State`` as they were (the
    same times; the same sizes, change times and inodes)? False also when
    ``state`` is not one."""
    try:
        folders, notes, _ = state
        return (all(os.stat(os.path.join(root, folder)).st_mtime_ns == mtime for folder, mtime, _ in folders)
                and all((info := os.stat(os.path.join(root, note))).st_size == size and info.st_mtime_ns == mtime
                        and info.st_ctime_ns == ctime and info.st_ino == inode
                        for note, size, mtime, ctime, inode in notes))
    except (OSError, TypeError, ValueError):
        return False


def settled(state: Any) -> Any:
    """``state`` (``infer.State``) as a record keeps it: a folder or a note
    modified a moment ago (it could change again within the same time) kept
    without its time, so that the next run looks at it again (lists the
    folder, reads the note) rather than trust it."""
    recent = time.time_ns() - RACY_NS
    folders, notes, faces = state
    return (tuple((name, -1 if mtime > recent else mtime, listing) for name, mtime, listing in folders),
            tuple((name, size, -1 if mtime > recent else mtime, ctime, inode)
                  for name, size, mtime, ctime, inode in notes), faces)


def file_bytes(path: Path | str) -> bytes | None:
    """A small file's bytes, or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


# -- plain values: settings and profiles as marshal holds them -----------------------------------

_DATACLASS = "\x00dataclass"
_PATH = "\x00path"


def to_plain(value: Any) -> Any:
    """``value`` (settings, a profile: frozen dataclasses of tuples, strings and paths)
    as values marshal can hold."""
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return (_DATACLASS, type(value).__name__, tuple((name, to_plain(getattr(value, name))) for name in fields))
    if isinstance(value, tuple):
        return tuple(to_plain(item) for item in value)
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, Path):
        return (_PATH, str(value))
    return value


def from_plain(value: Any, classes: dict[str, type]) -> Any:
    """The value ``to_plain`` gave, with its dataclasses among ``classes``; ValueError
    for a class that is not there."""
    if isinstance(value, tuple):
        if len(value) == 3 and value[0] == _DATACLASS:
            cls = classes.get(value[1])
            if cls is None:
                raise ValueError(f"unknown class {value[1]!r}")
            return cls(**{name: from_plain(item, classes) for name, item in value[2]})
        if len(value) == 2 and value[0] == _PATH:
            return Path(value[1])
        return tuple(from_plain(item, classes) for item in value)
    if isinstance(value, list):
        return [from_plain(item, classes) for item in value]
    if isinstance(value, dict):
        return {key: from_plain(item, classes) for key, item in value.items()}
    return value
