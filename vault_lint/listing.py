"""Which files a vault holds, as Obsidian lists them, and the status of each
note: what the vault-wide rules and a replayed run check before they trust
what an earlier run found.

Light on purpose (``os``, ``stat``, ``time`` and ``records``): a replayed
run (``replay``) lists the vault before anything else is imported. ``Files``
is a plain class for the same reason (``dataclasses`` imports ``inspect``).
"""

from __future__ import annotations

import os
import stat
import struct
import time

from vault_lint.records import RACY_NS

SKIPPED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
_STATUS = struct.Struct("<QqqQ")  # a note's size, modification and change times and inode, packed
STATUS_WIDTH = _STATUS.size


class Files:
    """Every file of a vault, as Obsidian lists them (hidden files and
    folders and vault-lint's own left out; links to folders not followed),
    and the status of each note and of each Base (``os.lstat``; None when it
    cannot be had). Also what was left out beside them: the hidden names
    (an ``.obsidian`` folder or a configuration file made in a folder makes
    it a vault of its own) and the links to folders."""

    __slots__ = ("bases", "hidden", "linked", "names", "notes")

    def __init__(self, names: tuple[str, ...], notes: dict[str, os.stat_result | None],
                 bases: dict[str, os.stat_result | None] | None = None, hidden: list[str] | None = None,
                 linked: list[str] | None = None) -> None:
        self.names = names  # paths relative to the vault root, sorted
        self.notes = notes  # Markdown notes
        self.bases = bases or {}  # Obsidian Bases (.base)
        self.hidden = hidden or []  # hidden files and folders in the folders listed, with "/" after a folder
        self.linked = linked or []  # links to folders


def walk(root: str | os.PathLike[str]) -> Files:
    """The vault's files: one ``scandir`` a folder, one ``lstat`` a note or a Base."""
    names: list[str] = []
    notes: dict[str, os.stat_result | None] = {}
    bases: dict[str, os.stat_result | None] = {}
    hidden: list[str] = []
    linked: list[str] = []
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                hidden.append(prefix + name + ("/" if _is_folder(entry) else ""))
                continue
            if _is_folder(entry):
                if entry.is_symlink():
                    linked.append(prefix + name)
                elif name not in SKIPPED_DIRS:
                    pending.append((f"{prefix}{name}/", entry.path))
                continue
            relative = prefix + name
            names.append(relative)
            suffix = name[-5:].lower()
            kept = notes if suffix[-3:] == ".md" else bases if suffix == ".base" else None
            if kept is not None:
                try:
                    kept[relative] = entry.stat(follow_symlinks=False)
                except OSError:
                    kept[relative] = None
    names.sort()
    return Files(tuple(names), notes, bases, hidden, linked)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def state(files: Files) -> tuple[tuple[str, ...], tuple[str, ...], bytes] | None:
    """Every file of a vault, its notes, and each note's size, modification
    and change times and inode packed (``STATUS_WIDTH`` bytes a note, in the
    names' order), as a later run compares them; None when that cannot show a
    change: a note modified a moment ago (it could change again within the
    same time), a link (its target changes unseen), a note without status, an inode too large to pack
    (some Windows file systems)."""
    recent = time.time_ns() - RACY_NS
    notes = files.notes
    named = []
    status = []
    for name in files.names:  # in the names' order, whatever order the folders listed them in
        if name not in notes:
            continue  # an attachment: its name is enough
        info = notes[name]
        if info is None or stat.S_ISLNK(info.st_mode) or info.st_mtime_ns > recent:
            return None
        named.append(name)
        try:
            status.append(_STATUS.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
        except struct.error:
            return None
    return files.names, tuple(named), b"".join(status)
