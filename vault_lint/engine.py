"""The one engine: every front end (the command line, the Python API, the
pre-commit hook) runs notes through it.

    paths -> settings (once per vault root, selectors checked) -> notes read
          -> rules -> fixes in rounds -> written, or kept as a diff -> Outcome

The engine decides; it prints nothing. ``cli.py`` maps an ``Outcome`` to an
exit code and hands it to a reporter; ``api.py`` returns its findings and
text.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from vault_lint.config import Settings, check_selectors, load_settings, with_overrides
from vault_lint.context import Context
from vault_lint.findings import Change, Finding
from vault_lint.note import Note
from vault_lint.vault import Target, Vault, discover, find_root, real_path

# Findings the engine reports about itself: they make a run fail (exit 2).
ENGINE_FAILURES = ("INTERNAL", "FIX001")
# Held back while a note is replaced and counted, so that a run stopped by
# one of them has written whole notes only, and knows how many.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(frozen=True)
class Options:
    """What a front end asks for; ``None`` keeps the configuration's value."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute the fixes, write nothing, keep the changes
    config: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    max_file_size: int | None = None
    follow_symlinks: bool | None = None

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


@dataclass
class NoteResult:
    note: Note  # the note as it now is (fixed, when a fix was applied)
    findings: list[Finding]  # what remains
    fixed: list[Finding] = field(default_factory=list)
    change: Change | None = None
    original: Note | None = None  # the note as read, when a fix changed it
    first: list[Finding] = field(default_factory=list)  # its findings before any fix


@dataclass
class Outcome:
    """What a run found, fixed and wrote, across every vault it touched."""

    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, for paths that name nothing
    notices: list[str] = field(default_factory=list)  # one line each, said once and not an error
    written: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # the text of each note with findings

    @property
    def failed(self) -> bool:
        """Did the run meet an error of its own (not a finding on a note)?"""
        return bool(self.errors) or any(f.code in ENGINE_FAILURES for f in self.findings)


class Engine:
    """Runs notes through settings, rules and fixes under one set of options."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._contexts: dict[Path, Context] = {}
        self.notices: list[str] = []  # what the run should say once (settings read from the notes)
        self._cleaned: set[Path] = set()  # folders rid of stale temporary files

    # -- settings ------------------------------------------------------------
    def context(self, path: Path) -> Context:
        """The settings and vault of the note or folder at ``path``, resolved
        once per vault root; a bad configuration raises ``ConfigError``."""
        root = find_root(path)
        if root not in self._contexts:
            from vault_lint.rules import all_rules

            options, codes = self.options, [rule.code for rule in all_rules()]
            settings = load_settings(root, options.config)
            check_selectors(settings, codes)
            check_selectors(Settings(select=options.select or (), extend_select=options.extend_select or (),
                                     ignore=options.ignore or ()), codes)
            if settings.source is None:
                settings = self._inferred(root, settings)
            settings = with_overrides(
                settings, select=options.select, extend_select=options.extend_select,
                ignore=(settings.ignore + options.ignore) if options.ignore else None,
                max_file_size=options.max_file_size, follow_symlinks=options.follow_symlinks,
            )
            self._contexts[root] = Context(settings, Vault.at(root))
        return self._contexts[root]

    # -- text (the Python API) -------------------------------------------------
    def check_text(self, text: str, path: str | Path) -> NoteResult:
        """``text`` as if it were the note at ``path``: linted, and fixed when
        the options say so. Nothing is written. A leading BOM is set apart,
        as when a file is read."""
        from vault_lint.note import parse_text

        ctx = self.context(Path(path))
        bom = text.startswith("\ufeff")
        note = parse_text(str(path), text[bom:], Note(path=str(path), text="", bom=bom))
        return self._process(note, b"", ctx)

    # -- files (the command line) ----------------------------------------------
    def _inferred(self, root: Path, settings: Settings) -> Settings:
        """Settings for a vault without a configuration file: its conventions
        read from its notes; with no recipe note to read them from, only the
        rules that hold for any note."""
        from vault_lint.infer import infer_vault
        from vault_lint.rules import all_rules

        inference = infer_vault(root)
        if inference.profile is None:
            recipe_rules = tuple(rule.code for rule in all_rules() if rule.scope == "recipe")
            self.notices.append(f"vault-lint: {root}: no configuration and no recipe note to learn the vault's "
                                "conventions from: only the rules for any note ran; `vault-lint init` writes "
                                "a configuration")
            return replace(settings, ignore=settings.ignore + recipe_rules)
        return replace(settings, profile=inference.profile, ignore=settings.ignore + inference.ignore)

    def run(self, paths: list[Path], outcome: Outcome | None = None) -> Outcome:
        """Lint (and fix) the notes at ``paths``. ``outcome`` is filled as the
        run goes, for a caller that must know what was written if it stops."""
        outcome = Outcome() if outcome is None else outcome
        for target, ctx in self._targets(paths, outcome):
            self._file(target, ctx, outcome)
        outcome.notices.extend(self.notices)
        outcome.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
        return outcome

    def _targets(self, paths: list[Path], outcome: Outcome) -> list[tuple[Target, Context]]:
        result: list[tuple[Target, Context]] = []
        for path in paths or [Path(".")]:
            if not os.path.lexists(path):
                outcome.errors.append(f"vault-lint: {path}: no such file or folder")
                continue
            ctx = self.context(path)
            outside = self._outside(path, ctx)
            if outside is not None:
                result.append((Target(path, outside=outside), ctx))
            elif path.is_dir():
                result.extend((target, ctx) for target in discover(path, ctx.vault, ctx.settings.follow_symlinks))
            else:
                result.append((Target(path), ctx))
        unique = {
            os.path.normpath(target.path): (target, ctx) for target, ctx in result
            if not ctx.settings.excluded(ctx.vault.relative(str(target.path)))
        }
        return [unique[key] for key in sorted(unique)]

    @staticmethod
    def _outside(path: Path, ctx: Context) -> Path | None:
        """Where ``path`` really leads, when that is out of the vault and links
        out of it are not followed; else None."""
        if ctx.settings.follow_symlinks or ctx.vault.contains(path):
            return None
        return real_path(path)

    def _file(self, target: Target, ctx: Context, outcome: Outcome) -> None:
        display = str(target.path)
        outcome.files.append(display)
        real = real_path(target.path)  # read, and written, through no link
        note, raw, read = self._load(target, real, ctx)
        writing = self.options.fix and not self.options.diff
        if writing and read is not None:
            self._clean(real, ctx)
        result = self._process(note, raw, ctx)
        if result.change is not None and writing:
            with held(STOP_SIGNALS):
                result = self._write(real, raw, read, result)
                outcome.written += result.change is not None
        if result.change is not None:
            outcome.changes.append(result.change)
        outcome.fixed.extend(result.fixed)
        outcome.findings.extend(result.findings)
        if result.findings and result.note.readable:
            outcome.sources[display] = result.note.text  # the lines the full format shows

    def _load(self, target: Target, real: Path, ctx: Context) -> tuple[Note, bytes, os.stat_result | None]:
        display = str(target.path)
        if target.error is not None:
            return Note(path=display, text="", io_error=target.error), b"", None
        # Decided again just before the read: a link may have changed since the walk.
        outside = target.outside or self._outside(real, ctx)
        if outside is not None:
            return Note(path=display, text="", outside=str(outside)), b"", None
        return self._read(real, display, ctx)

    @staticmethod
    def _read(real: Path, display: str, ctx: Context) -> tuple[Note, bytes, os.stat_result | None]:
        """The note, its bytes, and the file's status taken just before the
        read (None when it could not be taken): the write compares it with
        the file's status then, to leave alone a note saved in between."""
        from vault_lint.note import read_note

        try:
            read: os.stat_result | None = os.stat(real)
        except OSError:
            read = None  # read_note reports why
        note, raw = read_note(real, display, ctx.settings.max_file_size)
        return note, raw, read

    # -- one note ----------------------------------------------------------------
    def _process(self, note: Note, raw: bytes, ctx: Context) -> NoteResult:
        from vault_lint.linter import lint

        findings = lint(note, ctx)
        if not self.options.fixing:
            return NoteResult(note, findings)
        return self._fix(note, raw, findings, ctx)

    def _fix(self, note: Note, raw: bytes, findings: list[Finding], ctx: Context) -> NoteResult:
        # Lazy, for import time: a plain check never loads the fix engine.
        from vault_lint.fixes import fix_note, reencode

        unsafe = self.options.unsafe_fixes
        # EN002's unsafe fix (the one fix that is not text edits): a UTF-16/32
        # note (known by its BOM) is decoded, then fixed and written as UTF-8.
        # Bytes that are merely not UTF-8 get no such fix.
        reencoding = unsafe and note.foreign_encoding is not None and any(f.code == "EN002" for f in findings)
        decoded = reencode(note, raw) if reencoding else None
        current = decoded or note
        if not current.readable:
            return NoteResult(note, findings)
        outcome = fix_note(current, ctx, unsafe=unsafe, findings=None if decoded else findings)
        if not (outcome.changed or decoded):
            return NoteResult(note, outcome.remaining)
        too_large = _over_limit(outcome.note, ctx.settings.max_file_size)
        if too_large is not None:
            return NoteResult(note, [too_large, *findings])
        reencoded = [f for f in findings if f.code == "EN002"] if decoded else []
        change = Change(note.path, current.text, outcome.note.text, note.foreign_encoding if decoded else None)
        return NoteResult(outcome.note, outcome.remaining, reencoded + outcome.fixed, change, note, findings)

    def _write(self, real: Path, raw: bytes, read: os.stat_result | None, result: NoteResult) -> NoteResult:
        from vault_lint.fixes import WriteRefused, write_note
        from vault_lint.linter import engine_finding

        try:
            write_note(real, result.note, raw, read)
        except WriteRefused as refused:
            kept = engine_finding(result.note.path, refused.code, str(refused))
            return NoteResult(result.original or result.note, [kept, *result.first])
        return result

    def _clean(self, real: Path, ctx: Context) -> None:
        """Remove the temporary files killed runs left beside the note, once
        per folder, and only in a folder of the vault."""
        from vault_lint.fixes import remove_stale_temporaries

        folder = real.parent
        if folder not in self._cleaned and ctx.vault.contains(folder):
            remove_stale_temporaries(folder)
            self._cleaned.add(folder)


def _over_limit(note: Note, limit: int) -> Finding | None:
    """IO005 when the fixed note would be larger than the size limit: a fix
    never makes a note that a later run would skip."""
    from vault_lint.linter import engine_finding
    from vault_lint.note import encode

    size = len(encode(note, note.text))
    if size <= limit:
        return None
    return engine_finding(note.path, "IO005", f"the fixed note would be {size:,} bytes, over the limit of "
                                              f"{limit:,} bytes (max-file-size); not written")


@contextmanager
def held(signals: tuple[signal.Signals, ...]) -> Iterator[None]:
    """Delivery of ``signals`` is held back until the block ends, where the
    platform can hold signals back. A signal already received is handled
    before the block starts (``pthread_sigmask`` runs pending handlers);
    one received inside it, when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, signals)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
