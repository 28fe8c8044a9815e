"""A check run replayed: the same command, from the same folder, on a vault in
which nothing it read has changed, writes what the last such run wrote and
exits as it did, without reading a note or importing the rules. Pre-commit runs
the hook on the same notes again and again (a commit another hook stopped,
``pre-commit run`` twice, a message reworded): those runs cost a listing of the
vault.

A run is recorded in ``run-<key>.bin`` in the vault's cache folder. The key is
made of this installation (``records.fingerprint``), the arguments, the working
folder, the environment variables the output may depend on (``KEY_ENVIRONMENT``),
the warning options, and whether each output stream is a terminal, with its
encoding. The record holds:

- the status (kind, size, modification and change times, inode) of every
  file the run opened for reading (its notes, the configuration, the
  schema, Obsidian's settings, the baseline), as Python's audit hook reports
  them; of each path named on the command line and each note linted; and of
  each folder from there up to the vault root (a configuration file or an
  ``.obsidian`` folder made there moves the root or changes the settings),
  and above it when the root holds none;
- a digest of every file name of the vault, of the hidden names beside them
  (an ``.obsidian`` folder or a configuration file made in a sub-folder
  makes it a vault of its own), and of the status of each note and Base: the
  vault-wide rules and the conventions read from the notes see every note;
- the bytes the run wrote to standard output and error, and its exit code.

It is replayed when all of that holds; any difference and the run happens
anew. Only check runs in one process are recorded: not with ``--fix``,
``--diff``, ``--no-cache``, ``--output-file``, standard input, a baseline
being written, errors, a pool of processes, links followed out of the vault,
links to folders in it, notes in several vaults, or a file modified or
replaced in the two seconds before the run or during it (its modification time
could be shared by a later edit; a copy that keeps the original's time still
changes its change time). Only the command line replays (``main()`` without
arguments): the Python API always runs.

Light on purpose: the replay itself imports nothing beyond ``records`` and
``listing``.
"""

from __future__ import annotations

import io
import marshal
import os
import stat
import sys
import time
import warnings

from vault_lint import listing, records

TYPE_CHECKING = False  # not typing's: it costs milliseconds a replayed run does not have
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

PREFIX = "run-"
# What of the environment the output may depend on (besides VAULT_LINT_*): colours, CI, the
# encodings, Python's warnings.
KEY_ENVIRONMENT = ("CI", "NO_COLOR", "FORCE_COLOR", "TERM", "PYTHONIOENCODING", "PYTHONUTF8", "LANG", "LC_ALL",
                   "LC_CTYPE", "PYTHONWARNINGS", "PYTHONDEVMODE")
MAX_OUTPUT = 1024 * 1024  # a longer output is not recorded: the run is quick from the cache anyway
_SKIPPED_SUFFIXES = (".py", ".pyc", ".so", ".pyd", ".pth")  # modules: the fingerprint holds vault-lint's own

Status = tuple[int, int, int, int, int]


def key(argv: list[str]) -> str | None:
    """What a run's output depends on besides the files it reads; None when
    that cannot be had (the working folder deleted)."""
    environment = sorted((name, value) for name, value in os.environ.items()
                         if name.startswith("VAULT_LINT") or name in KEY_ENVIRONMENT)
    streams = [(_isatty(stream), getattr(stream, "encoding", None)) for stream in (sys.stdout, sys.stderr)]
    try:
        where = os.getcwd()
    except OSError:
        return None
    return records.hex_key(records.fingerprint(), argv, where, environment, streams, sys.warnoptions,
                           sys.flags.dev_mode)


def replayed(argv: list[str], run_key: str) -> int | None:
    """Write what the recorded run of ``argv`` wrote and give its exit code,
    when nothing it read has changed; None otherwise (nothing written). An
    output stream that cannot be written raises ``OSError``."""
    try:
        record = _find(argv, run_key)
    except OSError:
        return None
    if record is None or not all(hasattr(stream, "buffer") for stream in (sys.stdout, sys.stderr)):
        return None
    try:
        _, root, inputs, vault, out, err, code = record
        if not (isinstance(out, bytes) and isinstance(err, bytes) and code in (0, 1)
                and all(_status(path) == status for path, status in inputs)
                and _vault(listing.walk(root), time.time_ns())[0] == vault):
            return None
    except (TypeError, ValueError, OSError):
        return None
    for stream, data in ((sys.stderr, err), (sys.stdout, out)):
        if data:
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
    return int(code)


def _find(argv: list[str], run_key: str) -> tuple[Any, ...] | None:
    """The record of a run of ``argv``: in the cache folder of a folder
    holding a path it names (an option's value may look like one), or the
    working folder, or a folder above."""
    name = f"{PREFIX}{run_key}.bin"
    starts = [os.path.abspath(item) for item in argv if not item.startswith("-") and os.path.lexists(item)]
    seen: set[str] = set()
    for start in (*starts, os.getcwd()):
        for folder in _upwards(start if os.path.isdir(start) else os.path.dirname(start)):
            if folder in seen:
                break  # this folder and those above it were looked in already
            seen.add(folder)
            record = records.read_record(os.path.join(records.folder_for(os.path.realpath(folder)), name))
            if isinstance(record, tuple) and len(record) == 7 and record[0] == run_key:
                return record
    return None


def _upwards(folder: str) -> Iterator[str]:
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def _status(path: str) -> Status | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def _vault(files: listing.Files, since: int) -> tuple[bytes | None, listing.Files]:
    """A digest of a vault's ``files``, of the hidden names beside them and of
    each note's and Base's status, with the files; no digest when a status
    cannot show a change: a file modified or replaced in the two seconds
    before ``since`` (time.time_ns: the run's start, or now) or after (it could
    change again within the same time), a link, a file without status, a link
    to a folder (what it leads to is not listed)."""
    if files.linked:
        return None, files
    recent = since - records.RACY_NS
    found = [*files.notes.values(), *files.bases.values()]
    if None in found:
        return None, files
    modified, changed = [info.st_mtime_ns for info in found], [info.st_ctime_ns for info in found]
    if found and (max(modified) > recent or max(changed) > recent or any(stat.S_ISLNK(info.st_mode)
                                                                          for info in found)):
        return None, files
    status = (modified, changed, [info.st_size for info in found], [info.st_ino for info in found])
    kept = (files.names, files.hidden, tuple(files.notes), tuple(files.bases), status)
    return records.digest(marshal.dumps(kept, 2)), files


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# -- recording ---------------------------------------------------------------------------

class _Copy(io.BufferedIOBase):
    """An output stream's bytes, passed on and kept."""

    def __init__(self, target: Any) -> None:
        super().__init__()
        self.target = target
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(self.data) <= MAX_OUTPUT:  # past it, the run is not recorded: nothing more to keep
            self.data += data
        return int(self.target.write(data))

    def flush(self) -> None:
        self.target.flush()

    def fileno(self) -> int:
        return int(self.target.fileno())

    def isatty(self) -> bool:
        return bool(self.target.isatty())


class Recorder:
    """Keeps what a run of the command line opens and writes, then records it
    (``keep``) when the run may be replayed."""

    def __init__(self, run_key: str) -> None:
        self.key = run_key
        self.started = time.time_ns()
        self.warned = False  # a warning on standard error: not to be replayed once it is gone
        self.opened: dict[str, Status | None] = {}  # each file opened, with its status then
        self.streams = (sys.stdout, sys.stderr)
        self.copies: list[_Copy] = []
        self._package = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")  # in the fingerprint
        sys.stdout, sys.stderr = (self._copying(stream) for stream in self.streams)
        self._show_warning = warnings.showwarning
        warnings.showwarning = self._warned
        global _RECORDER
        _RECORDER = self
        _listen()

    def _copying(self, stream: Any) -> Any:
        buffer = getattr(stream, "buffer", None)
        if buffer is None or not isinstance(stream, io.TextIOWrapper):
            return stream
        stream.flush()
        copy = _Copy(buffer)
        self.copies.append(copy)
        return io.TextIOWrapper(copy, encoding=stream.encoding, errors=stream.errors,
                                line_buffering=stream.line_buffering, write_through=True)

    def _warned(self, *arguments: Any, **options: Any) -> None:
        self.warned = True
        self._show_warning(*arguments, **options)

    def heard(self, path: Any, mode: Any, flags: Any) -> None:
        """A file opened: kept, with its status, when opened for reading and
        neither a module nor one of vault-lint's own files."""
        if isinstance(mode, str) and any(letter in mode for letter in "wax+"):
            return
        if mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            return
        if isinstance(path, int):
            return
        try:
            name = os.path.abspath(os.fsdecode(path))
        except TypeError:
            return
        if name not in self.opened and not (name.endswith(_SKIPPED_SUFFIXES) or name.startswith(self._package)):
            self.opened[name] = _status(name)

    def close(self) -> None:
        """The output streams given back (flushed) and nothing more kept."""
        global _RECORDER
        if _RECORDER is self:
            _RECORDER = None
            warnings.showwarning = self._show_warning
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):  # gone, closed: what it holds is lost either way
                pass
        sys.stdout, sys.stderr = self.streams

    def keep(self, root: str, named: list[str], linted: list[str], also: list[str], code: int,
             files: listing.Files | None = None) -> None:
        """Record the run: its vault's ``root``, the paths ``named`` on the
        command line (the working folder when none is), the notes ``linted``,
        ``also`` (files read elsewhere: the schema), its exit ``code``; the
        vault's ``files`` as the run listed them, when it did (a file changed
        since has another status than the one recorded: the next run is not
        replayed)."""
        self.close()
        if (len(self.copies) != 2 or self.warned or os.name == "nt"  # Windows: no change time, a creation time
                or not all(_listed(path, root) for path in named if os.path.isdir(path))):
            return
        out, err = (bytes(copy.data) for copy in self.copies)
        if len(out) + len(err) > MAX_OUTPUT:
            return
        vault, files = _vault(files or listing.walk(root), self.started)
        if vault is None:
            return
        under = os.path.join(root, "")  # a note's path is this and its name in the listing
        unlisted = [path for path in linted
                    if not (path.startswith(under) and (path[len(under):] in files.notes
                                                        or path[len(under):] in files.bases))]
        kept_in = os.path.join(records.folder_for(root), "")
        recent = self.started - records.RACY_NS
        inputs = {}
        for path in sorted({*self.opened, *named, *also, *_folders(named, root), *unlisted}):
            if path.startswith(kept_in):
                continue  # what the run keeps for later, not what it read
            status = _status(path)
            if status is not None and max(status[2], status[4]) > recent:
                return  # changed a moment before or during the run: what was read may not be what is there
            if status != self.opened.get(path, status) or (status is None and path in unlisted):
                return  # gone (or replaced) during the run, without a time to say so
            inputs[path] = status
        from pathlib import Path

        from vault_lint import cache

        cache.store(Path(records.folder_for(root)), f"{PREFIX}{self.key}.bin",
                    (self.key, root, tuple(inputs.items()), vault, out, err, code))


def _listed(folder: str, root: str) -> bool:
    """Is ``folder`` (a path named on the command line) in the vault's
    listing: under the root, in no hidden or skipped folder? A new note in a
    folder out of it would go unseen."""
    relative = os.path.relpath(os.path.realpath(folder), root)
    if relative == ".":
        return True
    parts = relative.split(os.sep)
    return parts[0] != ".." and not any(part.startswith(".") or part in listing.SKIPPED_DIRS for part in parts)


def _folders(named: list[str], root: str) -> list[str]:
    """The folders the vault root was searched in: from each named path up to
    the root; above it too when the root holds no mark of one (``vault.marked``)."""
    from pathlib import Path

    from vault_lint.vault import marked

    found = []
    tops = [root] if marked(Path(root)) else []
    for path in named:
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        for each in _upwards(folder):
            found.append(each)
            if each in tops or os.path.realpath(each) in tops:
                break
    return found


_RECORDER: Recorder | None = None
_LISTENING = False


def _listen() -> None:
    """Python's audit hook, once a process (it cannot be removed): every file
    opened while a recorder is on; none in a worker process forked meanwhile
    (its runs are not recorded)."""
    global _LISTENING
    if not _LISTENING:
        sys.addaudithook(_heard)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=_forget)
        _LISTENING = True


def _forget() -> None:
    global _RECORDER
    _RECORDER = None


def _heard(event: str, arguments: tuple[Any, ...]) -> None:
    if event == "open" and _RECORDER is not None:
        _RECORDER.heard(*arguments)
