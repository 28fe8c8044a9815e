"""The vault: where its root is, which notes it holds, which are templates."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vault_lint.config import find_config
from vault_lint.listing import SKIPPED_DIRS

NOTE_SUFFIXES = (".md", ".base")  # notes, and Obsidian Bases
TEMPLATER_SETTINGS = Path(".obsidian/plugins/templater-obsidian/data.json")


def find_root(start: Path) -> Path:
    """The nearest folder holding ``.obsidian/`` or a configuration file, up
    to the git root; else the git root; else ``start``'s own folder. Nothing
    above the git root (a home folder's ``pyproject.toml``) belongs to the vault.

    The folders searched are those of the path as written (made absolute,
    links not resolved): a link leading out of the vault does not carry the
    root out with it. The root returned is a real path (links resolved)."""
    start = Path(os.path.abspath(start))
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        if marked(folder):
            return real_path(folder)
    return real_path(start)


def marked(folder: Path) -> bool:
    """Does ``folder`` hold what makes it a vault root: ``.obsidian/``, a
    configuration file, ``.git``?"""
    return (folder / ".obsidian").is_dir() or find_config(folder) is not None or (folder / ".git").exists()


def real_path(path: Path) -> Path:
    """``path`` with every link resolved (a link loop or a missing file is no error)."""
    return Path(os.path.realpath(path))


def _templates_folders(root: Path) -> tuple[Path, ...]:
    folders = []
    for settings, key in ((Path(".obsidian/templates.json"), "folder"), (TEMPLATER_SETTINGS, "templates_folder")):
        try:
            value = json.loads((root / settings).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(value, str) and value.strip("/"):
            folders.append(root / value.strip("/"))
    if not folders:
        folders = [root / "Templates", root / "templates"]
    return tuple(folders)


@dataclass
class Vault:
    """A vault: its root folder and its template folders."""

    root: Path
    templates: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def at(cls, root: Path) -> Vault:
        return cls(root, _templates_folders(root))

    def is_template_path(self, path: Path) -> bool:
        resolved = real_path(path)
        return any(folder == resolved or folder in resolved.parents for folder in self.templates)

    def relative(self, path: str, real: Path | None = None) -> str:
        """A note's path relative to the vault root, with '/' separators;
        ``real``: where it really is, when known."""
        resolved = real_path(Path(path)) if real is None else real
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def contains(self, path: Path) -> bool:
        """Does ``path``, once every link on it is resolved, lie in the vault?"""
        resolved = real_path(path)
        return resolved == self.root or self.root in resolved.parents


@dataclass(frozen=True)
class Target:
    """A file to lint: its path; ``outside`` (where it really leads) when a
    link on the path leads out of the vault, ``error`` when it is a folder
    that could not be read."""

    path: Path
    outside: Path | None = None
    error: str | None = None


def discover(folder: Path, vault: Vault, follow_outside: bool = False) -> Iterator[Target]:
    """Every note below ``folder``, skipping hidden and tool folders.

    Each real folder is walked once, so symlink loops end; links leading
    out of the vault are reported (``Target.outside``) and not followed,
    unless ``follow_outside``.
    """
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name, reverse=True)
        except OSError as error:
            yield Target(current, error=f"cannot read the folder: {error.strerror or error}")
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
                continue
            path = Path(entry.path)
            target = _target(entry, path, vault, follow_outside)
            if target == "dir":
                stack.append(path)
            elif target is not None:
                yield target


def _target(entry: os.DirEntry[str], path: Path, vault: Vault, follow_outside: bool) -> Target | str | None:
    try:
        is_dir = entry.is_dir()
    except OSError:
        return None
    if entry.is_symlink() and not follow_outside and not vault.contains(path):
        if is_dir or entry.name.lower().endswith(NOTE_SUFFIXES):
            return Target(path, outside=real_path(path))
        return None
    if is_dir:
        return "dir"
    if entry.name.lower().endswith(NOTE_SUFFIXES):
        return Target(path)
    return None
