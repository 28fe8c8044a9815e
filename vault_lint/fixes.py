"""The one place where fixes are applied and notes are written.

A fix is a set of text edits. Each round applies the fixes whose edits do
not overlap those already taken (the others wait for the next round), then
the note is parsed and linted again, until no fix is left. Nothing here
knows YAML or Markdown: the bytes no edit touches stay as they were.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from vault_lint.context import Context
from vault_lint.findings import Edit, Finding, apply_edits
from vault_lint.linter import engine_finding, lint, selected_rules
from vault_lint.note import Note, encode, parse_text
from vault_lint.rules import Rule

MAX_ROUNDS = 10
TEMP_PREFIX = ".vault-lint-"
TEMP_SUFFIX = ".tmp"
# Exactly the names this tool gives its temporary files: .vault-lint-<pid>-<16 hex digits>.tmp
TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}([1-9]\d{{0,9}})-[0-9a-f]{{16}}{re.escape(TEMP_SUFFIX)}$")


@dataclass
class FixOutcome:
    """A note after its fixes: the fixed text, the findings fixed and those that remain."""

    note: Note  # the note as fixed (the original when nothing applied)
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    """Edits overlap when they share a character, or when an insertion falls
    strictly inside a replaced span; insertions at one point do not."""
    return any(edit.start < other.end and other.start < edit.end for other in taken)


def choose(findings: list[Finding], unsafe: bool, refused: frozenset[tuple[str, str]] = frozenset()) -> list[Finding]:
    """The fixable findings of one round whose edits do not overlap (and
    whose fix was not refused for damaging the note)."""
    chosen: list[Finding] = []
    taken: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    for finding in findings:
        if not finding.fixable(unsafe) or finding.fix is None or _signature(finding) in refused:
            continue
        edits = finding.fix.edits
        if edits in seen:  # two findings, one fix: apply it once
            chosen.append(finding)
            continue
        if any(_overlaps(edit, taken) for edit in edits):
            continue
        seen.add(edits)
        taken.extend(edits)
        chosen.append(finding)
    return chosen


def fix_note(note: Note, ctx: Context, unsafe: bool = False, rules: list[Rule] | None = None,
             findings: list[Finding] | None = None, again: bool = False) -> FixOutcome:
    """Apply fixes in rounds until the note settles; the note is not written.
    ``findings``: the note's findings, when they are known already; ``again``:
    as ``linter.lint`` takes it (the note was linted by other rules already)."""
    rules = selected_rules(ctx) if rules is None else rules
    current = note
    fixed: list[Finding] = []
    refused: set[tuple[str, str]] = set()
    for _ in range(MAX_ROUNDS):
        if findings is None:
            findings = lint(current, ctx, rules, again=again)
        chosen = choose(findings, unsafe, frozenset(refused))
        applied = _round(current, chosen, refused) if chosen else None
        if applied is None:
            return FixOutcome(current, fixed, findings)
        current, done = applied
        fixed.extend(done)
        findings = None
    findings = lint(current, ctx, rules, again=again)
    left = choose(findings, unsafe, frozenset(refused))
    if not left:  # settled in the last round
        return FixOutcome(current, fixed, findings)
    codes = sorted({f.code for f in left})
    stuck = engine_finding(
        note.path, "FIX001",
        f"fixes did not converge after {MAX_ROUNDS} rounds ({', '.join(codes)}); note left unchanged",
    )
    return FixOutcome(note, [], [stuck, *lint(note, ctx, rules, again=again)])


def _signature(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.message


def _apply(note: Note, findings: list[Finding]) -> Note:
    edits = list(dict.fromkeys(edit for finding in findings for edit in finding.fix.edits))  # type: ignore[union-attr]
    return _reparse(note, apply_edits(note.text, edits))


def _damaged(before: Note, after: Note) -> bool:
    """Would the edited note read worse: front matter that no longer parses,
    or keys that appeared or vanished? (No fix adds or removes a key; EN001
    may rename one.)"""
    if before.problem is None and after.problem is not None:
        return True
    return len(before.data) != len(after.data)


def _round(current: Note, chosen: list[Finding], refused: set[tuple[str, str]]) -> tuple[Note, list[Finding]] | None:
    """Apply one round of fixes; a fix that would damage the note is refused
    (and remembered, so later rounds do not try it again). None when nothing
    changes."""
    candidate = _apply(current, chosen)
    if _damaged(current, candidate):
        kept = []
        for finding in chosen:
            if _damaged(current, _apply(current, [finding])):
                refused.add(_signature(finding))
            else:
                kept.append(finding)
        chosen, candidate = kept[:1], _apply(current, kept[:1])  # one at a time from here
        if not chosen:
            return None
    if candidate.text == current.text:
        return None
    return candidate, chosen


def reencode(note: Note, raw: bytes) -> Note | None:
    """A UTF-16/32 note (known by its BOM) decoded, to be written as UTF-8:
    the unsafe fix of EN002. None when the bytes do not decode."""
    codec = "utf-32" if "32" in (note.foreign_encoding or "") else "utf-16"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return parse_text(note.path, text, Note(path=note.path, text=text))


def _reparse(note: Note, text: str) -> Note:
    fresh = Note(path=note.path, text=text, bom=note.bom, bad_utf8=note.bad_utf8)
    return parse_text(note.path, text, fresh)


# -- writing -------------------------------------------------------------------

class WriteRefused(Exception):
    """The note was not written; the message says why (and nothing changed)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def write_note(path: Path, note: Note, original: bytes, read: os.stat_result | None = None) -> None:
    """Replace the note at ``path`` (a real path: no link on it) with the
    fixed note, atomically.

    The new bytes go to a hidden temporary file in the same folder, flushed
    and synced, with the note's owner, group, permission bits and extended
    attributes; then, if the file is still the one that was read, it is
    renamed over the note: the same bytes (``original``) and, when ``read``
    (its status just before the read) is given, the same file, size and
    modification time. A reader sees the old note or the new one, never
    half of one.
    """
    data = encode(note, note.text)
    try:
        info = path.stat()
    except OSError as error:
        raise WriteRefused("IO004", f"note vanished before it could be written: {error.strerror}") from None
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteRefused("IO005", "cannot write the fixed note: the file is read-only; left untouched")
    try:
        temp = _temporary(path.parent, data)
    except OSError as error:
        raise WriteRefused("IO005", f"cannot write the fixed note: {error.strerror}; left untouched") from None
    try:
        _keep_metadata(path, info, temp)
        if not _unchanged(path, original, read):
            raise WriteRefused("IO004", "note changed on disk since it was read; not overwritten, run again")
        os.replace(temp, path)
    except OSError as error:
        raise WriteRefused("IO005", f"cannot write the fixed note: {error.strerror}; left untouched") from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` whole (a report: a new file, or one replaced):
    into a temporary file beside it, renamed into place."""
    temp = _temporary(path.parent, data)
    try:
        os.replace(temp, path)
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _temporary(folder: Path, data: bytes) -> Path:
    """A new hidden file in ``folder`` holding ``data``, flushed to disk."""
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}{TEMP_SUFFIX}"
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError:
        os.unlink(temp)
        raise
    return temp


def _keep_metadata(path: Path, info: os.stat_result, temp: Path) -> None:
    """Give ``temp`` the note's owner and group (as far as this user may),
    its permission bits, and its extended attributes (where the platform
    has them; one the file system refuses is skipped)."""
    if hasattr(os, "chown"):
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except PermissionError:  # not root: the group at least, when this user is in it
            with suppress(PermissionError):
                os.chown(temp, -1, info.st_gid)
    os.chmod(temp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
    if hasattr(os, "listxattr"):
        for name in _xattr_names(path):
            with suppress(OSError):
                os.setxattr(temp, name, os.getxattr(path, name))


def _xattr_names(path: Path) -> list[str]:
    try:
        return os.listxattr(path)
    except OSError:  # a file system without extended attributes
        return []


def _unchanged(path: Path, original: bytes, read: os.stat_result | None) -> bool:
    """Is the note still the file that was read: the same file, size and
    modification time as just before the read (when known), and the same bytes?"""
    try:
        now = path.stat()
    except OSError:  # gone, or no longer reachable
        return False
    if not stat.S_ISREG(now.st_mode) or now.st_size != len(original):
        return False
    if read is not None and _identity(now) != _identity(read):
        return False
    with path.open("rb") as handle:
        return handle.read(len(original) + 1) == original


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files that killed runs left in ``folder``.

    Only regular files named exactly as this tool names them; a file is
    stale when the process named in it is gone; one that a live run
    (pre-commit starts several at once) is still writing is kept.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = TEMP_NAME.match(name)
        if match and not _alive(int(match.group(1))):
            with suppress(OSError):
                if stat.S_ISREG(os.lstat(folder / name).st_mode):
                    os.unlink(folder / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; no process id of this system
        return True
    return True
