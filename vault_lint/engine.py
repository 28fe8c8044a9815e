"""The one engine: every front end (the command line, the Python API, the
pre-commit hook) runs notes through it.

    paths -> settings (once per vault root, selectors checked) -> notes read
          -> rules -> fixes in rounds -> written, or kept as a diff -> Outcome

The engine decides; it prints nothing. ``cli.py`` maps an ``Outcome`` to an
exit code and hands it to a reporter; ``api.py`` returns its findings and
text.

Speed: a note whose bytes are those of the last run (``cache.py``) is not
read or parsed again, its findings come from the cache; the others are
linted in a pool of processes when there are enough of them
(``POOL_MIN``), one note at a time in this process otherwise. Whichever
way, the notes are reported in the same order and the output is the same
byte for byte. Notes are written by this process only.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from vault_lint import stops
from vault_lint.config import (
    CONFIG_FILES,
    Settings,
    check_selectors,
    is_ignored,
    load_settings,
    schema_candidates,
    with_baseline,
    with_overrides,
)
from vault_lint.context import Context
from vault_lint.findings import Change, Finding, PackedFix, reading_order
from vault_lint.lines import line_starts
from vault_lint.note import Note
from vault_lint.stops import STOP_SIGNALS, signal
from vault_lint.vault import (
    TEMPLATER_SETTINGS,
    Target,
    Vault,
    discover,
    find_root,
    real_path,
)

# Findings the engine reports about itself: they make a run fail (exit 2).
ENGINE_FAILURES = ("INTERNAL", "FIX001")
# Notes to parse (not found in the cache) from which a pool of processes is
# worth its start (about 30 ms, and the results sent back); below, one process.
POOL_MIN = 300
CHUNK = 24  # notes a worker takes at a time
MAX_WORKERS = 8
Progress = Callable[[int, int], None]  # (notes done, notes in the run)


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
    cache: bool = True  # read and write the vault's cache (``--no-cache``: False)
    exclude: tuple[str, ...] | None = None  # replaces the configuration's patterns (``--exclude``)
    extend_exclude: tuple[str, ...] = ()  # added to them (``--extend-exclude``)
    baseline: str | None = None  # replaces the configuration's baseline: a file, or "" for none

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff

    @property
    def writing(self) -> bool:
        return self.fix and not self.diff


@dataclass
class NoteResult:
    """One note linted (and fixed, when asked): what remains, and what was fixed."""

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
    found: int = 0  # findings on the notes as read, before any fix (what a plain run reports)
    # For each note with findings, the lines its findings point at (the full format's
    # excerpts), each in its place: the other lines are left empty.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Did the run meet an error of its own (not a finding on a note)?"""
        return bool(self.errors) or any(f.code in ENGINE_FAILURES for f in self.findings)


@dataclass
class Done:
    """One note's result as this process gets it: from the cache, from a worker
    process, or linted here."""

    result: NoteResult  # its notes hold only the text they need: none unless a fix changed it
    excerpt: str = ""  # the lines its findings point at (``Outcome.sources``)
    name: str | None = None  # its name in the cache
    entry: tuple[Any, ...] | None = None  # what to keep in the cache about it
    real: Path | None = None  # where it really is (no link on the path)
    raw: bytes = b""  # the bytes read, when a fix is to be written
    read: os.stat_result | None = None  # its status just before the read
    summary: tuple[Any, ...] | None = None  # what the vault index keeps of it (``index.Summary``), when read now
    summary_entry: tuple[Any, ...] | None = None  # the summary as the cache keeps it, when ``entry`` is None
    sites: tuple[Any, ...] | None = None  # where the vault-wide rules may report on it (``linter.vault_sites``)


class Engine:
    """Runs notes through settings, rules and fixes under one set of options."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._contexts: dict[Path, Context] = {}
        self._roots: dict[str, Path] = {}  # folder -> the root of its vault (the nearest configuration)
        self.notices: list[str] = []  # what the run should say once (settings read from the notes)
        self._cleaned: set[Path] = set()  # folders rid of stale temporary files
        self._caches: dict[Path, Any] = {}  # vault root -> its NoteCache (None: no cache)
        self._selected: dict[int, tuple[Context, list[Any], list[Any], list[Any]]] = {}  # the rules of each context
        self.pooled = False  # whether worker processes shared the run (what they read, this process did not)
        self.listed: dict[Path, Any] = {}  # vault root -> its files as the run last listed them (listing.Files)

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process started by ``spawn`` needs (no cache)."""
        return {"options": self.options, "_contexts": self._contexts, "_roots": self._roots, "notices": [],
                "_cleaned": set(), "_caches": {}, "_selected": {}, "pooled": True, "listed": {}}

    @property
    def contexts(self) -> dict[Path, Context]:
        """The settings of every vault the engine met so far, by root."""
        return dict(self._contexts)

    # -- settings ------------------------------------------------------------
    def context(self, path: Path, cached: bool | None = None) -> Context:
        """The settings and vault of the note or folder at ``path``, resolved
        once per vault root; a bad configuration raises ``ConfigError``.
        ``cached``: whether the vault's cache may be read and written (the
        options say, by default)."""
        folder = os.path.abspath(path)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        return self._context_in(folder, cached)

    def _context_in(self, folder: str, cached: bool | None = None) -> Context:
        """``context`` of the notes in ``folder`` (an absolute path)."""
        root = self._roots.get(folder)
        if root is None:
            root = self._roots[folder] = find_root(Path(folder))
        if root not in self._contexts:
            cached = self.options.cache if cached is None else cached
            stored = self._stored_context(root) if cached else None
            ctx = stored or self._new_context(root, cached)
            # The baseline is read now: a file that is no baseline stops the run before any note is read.
            self._contexts[root] = replace(ctx, settings=with_baseline(ctx.settings, root, self.options.baseline))
        return self._contexts[root]

    def _new_context(self, root: Path, cached: bool) -> Context:
        from vault_lint.rules import all_rules

        options, codes = self.options, [rule.code for rule in all_rules()]
        said = len(self.notices)
        settings = load_settings(root, options.config)
        check_selectors(settings, codes)
        check_selectors(Settings(select=options.select or (), extend_select=options.extend_select or (),
                                 ignore=options.ignore or ()), codes)
        state = None
        if settings.source is None:
            settings, state = self._inferred(root, settings, cached)
        settings = with_overrides(
            settings, select=options.select, extend_select=options.extend_select,
            ignore=(settings.ignore + options.ignore) if options.ignore else None,
            max_file_size=options.max_file_size, follow_symlinks=options.follow_symlinks,
        )
        if options.exclude is not None:
            settings = replace(settings, exclude=options.exclude)
        settings = replace(settings, exclude=settings.exclude + options.extend_exclude)
        ctx = Context(settings, _Vault.at(root), _baseline_file(settings, root))
        from vault_lint.linter import selected_rules

        ctx.index_rules = tuple(rule.code for rule in selected_rules(ctx) if rule.index)
        if cached:
            self._store_context(root, ctx, tuple(self.notices[said:]), state)
        return ctx

    def _context_key(self, root: Path) -> str:
        """What a vault's settings are made of: the configuration files' bytes,
        the template settings, the command line's options, this installation."""
        from vault_lint import cache

        options = self.options
        files = [root / name for name in CONFIG_FILES] + [root / ".obsidian" / "templates.json",
                                                          root / TEMPLATER_SETTINGS]
        if options.config is not None:
            files.append(Path(os.path.abspath(options.config)))
        contents = [(str(path), cache.file_bytes(path)) for path in files]
        obsidian = (root / ".obsidian").is_dir()  # a vault without configuration reads its links then (VL002)
        return cache.hex_key(cache.fingerprint(), str(root), contents, obsidian, options.select, options.extend_select,
                             options.ignore, options.max_file_size, options.follow_symlinks, options.exclude,
                             options.extend_exclude, options.baseline)

    def _stored_context(self, root: Path) -> Context | None:
        """The context the cache holds for this vault, when it still holds."""
        from vault_lint import cache

        try:
            record = cache.load(cache.folder_for(root), f"context-{self._context_key(root)}.bin")
            if not (isinstance(record, tuple) and len(record) == 6):
                return None
            plain, notices, schemas, state, baseline_file, index_rules = record
            settings = cache.from_plain(plain, _settings_classes())
            if schema_files(settings.profile.schema) != schemas or any(
                    path.is_file() for path in schema_candidates(settings)):
                return None
            now = _current(root, state) if state is not None else None
            if state is not None and now is None:
                return None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        self.notices.extend(notices)
        ctx = Context(settings, _Vault.at(root), Path(baseline_file), tuple(index_rules))
        if now is not state:  # a note saved anew, a step edited: the record follows the vault
            self._store_context(root, ctx, notices, now)
        return ctx

    def _store_context(self, root: Path, ctx: Context, notices: tuple[str, ...], state: Any) -> None:
        from vault_lint import cache

        plain = cache.to_plain(ctx.settings)
        record = (plain, notices, schema_files(ctx.settings.profile.schema),
                  None if state is None else cache.settled(state), str(ctx.baseline_file),
                  ctx.index_rules)
        cache.store(cache.folder_for(root), f"context-{self._context_key(root)}.bin", record)

    # -- text (the Python API) -------------------------------------------------
    def check_text(self, text: str, path: str | Path) -> NoteResult:
        """``text`` as if it were the note at ``path``: linted, and fixed when
        the options say so. Nothing is written. A leading BOM is set apart,
        as when a file is read."""
        from vault_lint.note import parse_text

        ctx = self.context(Path(path), cached=False)  # nothing is written: not even the cache
        bom = text.startswith("\ufeff")
        note = parse_text(str(path), text[bom:], Note(path=str(path), text="", bom=bom))
        if self._index(ctx, {}, write=False) is not None:
            assert ctx.index is not None
            ctx = replace(ctx, index=ctx.index.with_note(ctx.vault.relative(str(path)), _summary_of(note, ctx)))
        return self._process(note, b"", ctx)

    # -- files (the command line) ----------------------------------------------
    def _inferred(self, root: Path, settings: Settings, cached: bool) -> tuple[Settings, Any]:
        """Settings for a vault without a configuration file: its conventions
        read from its notes; with no recipe note to read them from, only the
        rules that hold for any note. Also what they were read from (for the
        cache: ``infer.State``)."""
        from vault_lint.rules import all_rules

        profile, ignore, state = self._inference(root, cached)
        if not (root / ".obsidian").is_dir():
            ignore += ("VL002",)  # not an Obsidian vault (a Hugo site): its links are not Obsidian's
        if profile is None:
            recipe_rules = tuple(rule.code for rule in all_rules() if rule.scope == "recipe")
            self.notices.append(f"vault-lint: {root}: no configuration and no recipe note to learn the vault's "
                                "conventions from: only the rules for any note ran; `vault-lint init` writes "
                                "a configuration")
            return replace(settings, ignore=settings.ignore + recipe_rules + ignore), state
        return replace(settings, profile=profile, ignore=settings.ignore + ignore), state

    def _inference(self, root: Path, cached: bool) -> tuple[Any, tuple[str, ...], Any]:
        """The vault's conventions (profile or None, rules to leave off) and what
        they were read from: from the cache while its notes are unchanged."""
        from vault_lint import cache, infer

        folder = cache.folder_for(root)
        if cached:
            record = cache.load(folder, "inference.bin")
            try:
                now = _current(root, record[1]) \
                    if isinstance(record, tuple) and len(record) == 4 and record[0] == cache.fingerprint() else None
                if now is not None:
                    if now is not record[1]:
                        cache.store(folder, "inference.bin", (record[0], cache.settled(now), record[2], record[3]))
                    profile = None if record[2] is None else cache.from_plain(record[2], _settings_classes())
                    return profile, tuple(record[3]), now
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                pass
        if cached:
            cache.prepare(folder)  # before the survey: making the cache folder changes the root's time
        inference, state = infer.survey(root)
        if cached:
            profile = None if inference.profile is None else cache.to_plain(inference.profile)
            cache.store(folder, "inference.bin", (cache.fingerprint(), cache.settled(state), profile, inference.ignore))
        return inference.profile, inference.ignore, state

    def run(self, paths: list[Path], outcome: Outcome | None = None, progress: Progress | None = None) -> Outcome:
        """Lint (and fix) the notes at ``paths``. ``outcome`` is filled as the
        run goes, for a caller that must know what was written if it stops;
        ``progress``, when given, is told after each note how many are done
        out of how many."""
        outcome = Outcome() if outcome is None else outcome
        targets = self._targets(paths, outcome)
        plan = [self._lookup(target, ctx) for target, ctx in targets]
        results = self._each([task for task in plan if not isinstance(task, Done)], self._work, _work_in_worker,
                             _received)
        dones: list[Done] = []
        try:
            for index, (item, (_, ctx)) in enumerate(zip(plan, targets), 1):
                done = item if isinstance(item, Done) else next(results)
                dones.append(done)
                if done.entry is not None and done.name is not None:
                    self._caches[ctx.vault.root].put(done.name, done.entry)
                if progress is not None:
                    progress(index, len(plan))
                stops.check()  # a stop a catch-all swallowed on its way (see stops)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # ends the pool's processes, also when the run is stopped
        self._vault_wide(dones, targets)
        stops.check()
        for done, (_, ctx) in zip(dones, targets):
            self._finish(done, ctx, outcome)
        for note_cache in self._caches.values():
            if note_cache is not None:
                note_cache.save()
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
                # Each note under the settings of its own vault: the nearest configuration applies.
                # A note found in a folder: its folder is known without asking the file system,
                # and its settings are found once a folder.
                by_folder: dict[str, Context] = {}
                for target in discover(path, ctx.vault, ctx.settings.follow_symlinks):
                    if target.error:
                        result.append((target, ctx))
                        continue
                    folder = os.path.dirname(target.path)
                    found = by_folder.get(folder)
                    if found is None:
                        found = by_folder[folder] = self._context_in(os.path.abspath(folder))
                    result.append((target, found))
            else:
                result.append((Target(path), ctx))
        unique = {
            os.path.normpath(target.path): (target, ctx) for target, ctx in result
            if not (ctx.settings.exclude and ctx.settings.excluded(ctx.vault.relative(str(target.path))))
        }
        return [unique[key] for key in sorted(unique)]

    @staticmethod
    def _outside(path: Path, ctx: Context) -> Path | None:
        """Where ``path`` really leads, when that is out of the vault and links
        out of it are not followed; else None."""
        if ctx.settings.follow_symlinks or ctx.vault.contains(path):
            return None
        return real_path(path)

    # -- the vault index ---------------------------------------------------------
    def _vault_wide(self, dones: list[Done], targets: list[tuple[Target, Context]]) -> None:
        """The vault-wide rules, once every note of the run is linted: the index
        of each vault built from the notes' summaries, then the rules run on the
        notes whose summary shows they may have something to report (the others
        are not read again)."""
        places = [(position, done, ctx, ctx.vault.relative(done.result.note.path, done.real))
                  for position, (done, (_, ctx)) in enumerate(zip(dones, targets)) if ctx.index_rules]
        known: dict[int, dict[str, tuple[Any, ...]]] = {}
        for _, done, ctx, relative in places:
            if done.summary is not None:  # with the entry that holds the note's status as read
                known.setdefault(id(ctx), {})[relative] = (done.summary, done.summary_entry or done.entry)
        concerns: dict[int, dict[str, frozenset[str]]] = {}
        for ctx in {id(ctx): ctx for _, _, ctx, _ in places}.values():
            run = [relative for _, done, other, relative in places if other is ctx and done.result.note.readable]
            concerns[id(ctx)] = self._concerns(ctx, run, known.get(id(ctx), {}))
        again: list[tuple[int, Done, Path]] = []
        for position, done, ctx, relative in places:
            reasons = concerns[id(ctx)].get(relative)
            if not reasons or not (reasons := reasons & _concerned(ctx, relative)):
                continue
            if self._judged(done, ctx, relative, reasons):
                continue
            again.append((position, done, ctx.vault.root))
        # In a pool too when many notes must be read again (a vault of unresolved links):
        # its workers start from this process as it now is, the vault index built.
        tasks = [(done, root) for _, done, root in again]
        for (position, _, _), done in zip(again, self._each(tasks, self._again, _again_in_worker)):
            dones[position] = done

    def _concerns(self, ctx: Context, run: list[str], known: dict[str, tuple[Any, ...]]) -> dict[str, frozenset[str]]:
        """What the vault-wide rules may report on each note of the run
        (``VaultIndex.concerns``), the index built when one of them is
        concerned. Kept in the cache with the status of every file of the vault
        (``concerns``): while no file changed, a run builds no index for notes
        that are not concerned (a one-note run stats the vault's files and reads
        one small record)."""
        from vault_lint import cache, index, listing
        from vault_lint.concerns import Concerns

        files = self.listed[ctx.vault.root] = listing.walk(ctx.vault.root)
        state = listing.state(files) if self.options.cache else None
        if state is not None and not all(entry is not None and cache.fresh(entry, files.notes[relative])
                                         for relative, (_, entry) in known.items() if relative in files.notes):
            state = None  # a note of the run was saved since it was read: its summary is of the text before
        folder, name, record = cache.folder_for(ctx.vault.root), "", None
        if state is not None:
            name = f"concerns-{self._index_key(ctx, ctx.settings.exclude, ctx.settings.max_file_size)}.bin"
            record = Concerns.from_plain(cache.load(folder, name))
            if record is not None and not record.holds(state, lambda relative: index.face(known[relative][0])
                                                       if relative in known else None):
                record = None
            elif record is not None and record.state != state:  # only notes of the run changed, and none as the vault sees it
                record = record.moved(state)
                cache.store(folder, name, record.plain())
        found = record.found(run) if record is not None else {}
        if len(found) == len(run) and not any(found.values()):
            return found
        unread: set[str] = set()
        built = self._index(ctx, known, files=files, unread=unread)
        missing = {relative: built.concerns(relative, ctx.property_types) for relative in run if relative not in found}
        found.update(missing)
        if state is not None and missing and not unread:  # a note that could not be read may be read next time
            if record is None:
                record = Concerns.made(state, {relative: index.face(summary)
                                               for relative, summary in built.summaries.items()})
            cache.store(folder, name, record.adding(missing).plain())
        return found

    def replayable(self) -> bool:
        """Could what this engine read be recorded for a run to replay
        (``replay``)? One vault; no worker process (what they read, this
        process did not see); no link followed out of it."""
        return (not self.pooled and len(self._contexts) == 1
                and not any(ctx.settings.follow_symlinks for ctx in self._contexts.values()))

    def read_beside(self, root: Path) -> list[str]:
        """What the settings of the vault at ``root`` were made from besides
        what this process opened (a worker may have read the schema): the
        schema file, and where a file of the schema's name would take its place."""
        settings = self._contexts[root].settings
        return [*(path for path, _ in schema_files(settings.profile.schema)),
                *map(str, schema_candidates(settings))]

    def _judged(self, done: Done, ctx: Context, relative: str, reasons: frozenset[str]) -> bool:
        """The vault-wide findings of a note judged at its sites (``Done.sites``)
        against the vault index, without reading it again, where the rules
        concerned all have a judge and nothing else could change what they
        report (no fix changed the note, no baseline entry for it, no gate
        finding); False when the note must be read again."""
        from vault_lint import baseline
        from vault_lint.linter import judged
        from vault_lint.rules import get

        rules = [rule for rule in self._vault_rules(ctx) if rule.concern in reasons]
        known = baseline.active(ctx.settings, ctx.vault.root)
        if (done.sites is None or done.result.change is not None or any(rule.judge is None for rule in rules)
                or (known is not None and relative in known.entries)
                or any(get(f.code).gate for f in done.result.findings)):
            return False
        try:
            found = judged(done.result.note.path, done.sites, ctx, relative, rules)
        except Exception:  # noqa: BLE001 - the note read again reports the rule's failure (INTERNAL)
            return False
        if found:
            done.result.findings = sorted([*done.result.findings, *found], key=reading_order)
            lines = dict(done.sites[1])
            shown = dict(enumerate(done.excerpt.split("\n")[:-1], 1))  # the lines the full format shows
            done.excerpt = sparse(tuple(sorted({**shown, **{f.line: lines[f.line] for f in found}}.items())))
        return True

    def _again(self, done: Done, root: Path) -> Done:
        """Run the vault-wide rules of the vault at ``root`` on one note (and
        fix, when asked), as it now is; ``done``, with what they found."""
        from vault_lint.linter import lint
        from vault_lint.note import parse_text, read_note

        ctx = self._contexts[root]
        result, rules = done.result, self._vault_rules(ctx)
        path = result.note.path
        if result.change is not None:
            note, raw = parse_text(path, result.change.after, _slim(result.note, with_text=False)), done.raw
        else:
            real = done.real or real_path(Path(path))
            note, raw = read_note(real, path, ctx.settings.max_file_size)
        if not note.readable:
            return done
        found = lint(note, ctx, rules, again=True)
        if not found:
            return done
        fixed = self._fix(note, raw, found, ctx, rules) if self.options.fixing else NoteResult(note, found)
        if fixed.change is not None:
            before = result.change.before if result.change is not None else fixed.change.before
            result.change = replace(fixed.change, before=before, encoding=getattr(result.change, "encoding", None))
            result.first = (result.first if result.original is not None else result.findings) + found
            result.original = result.original or note
            result.note = fixed.note
            result.fixed = result.fixed + fixed.fixed
            done.raw = raw
        result.findings = sorted(result.findings + fixed.findings, key=reading_order)
        if not (result.change is not None and self.options.writing):
            done.excerpt = excerpt(fixed.note.text, result.findings)
        return done

    def _index_key(self, ctx: Context, *more: Any) -> str:
        """What the summaries of a vault's notes are made under (and ``more``)."""
        from vault_lint import cache

        profile = ctx.profile
        return cache.hex_key(cache.fingerprint(), str(ctx.vault.root), cache.to_plain(profile),
                             schema_files(profile.schema), [str(folder) for folder in ctx.vault.templates],
                             sorted(ctx.property_types.items()), *more)

    def _index(self, ctx: Context, known: dict[str, tuple[Any, ...]], write: bool = True,
               files: Any = None, unread: set[str] | None = None) -> Any:
        """The vault index of ``ctx``, built once, when a selected rule reads it
        (None otherwise): each note's summary from ``known`` (the notes linted
        in this run: relative path -> (summary, a cache entry made as the note
        was read, or None)), else from the
        cache while its file's status is the one the cache knows, else read now
        (and kept, with ``write``). ``files``: the vault's files, when just
        listed (``listing.walk``); ``unread``, when given, receives the notes
        that could not be read."""
        if ctx.index is not None or not ctx.index_rules:
            return ctx.index
        from vault_lint import cache, index, listing

        root = ctx.vault.root
        summaries = None
        if self.options.cache:
            summaries = cache.RecordCache(cache.folder_for(root), f"{index.SUMMARY_CACHE}-{self._index_key(ctx)}.bin",
                                          write)

        memo: dict[Any, Any] = {}

        def keep(relative: str, entry: tuple[Any, ...] | None, summary: tuple[Any, ...]) -> None:
            """The note's status and bytes as ``entry`` holds them, its summary as the value."""
            if summaries is not None and entry is not None:
                summaries.put(relative, (*entry[:cache.FINDINGS], index.shared(summary, memo), (), None))

        if files is None:
            files = self.listed[root] = listing.walk(root)
        found: dict[str, Any] = {}
        reads: list[tuple[Any, ...]] = []  # the notes to read: the cache does not know them as they are
        base = os.path.join(root, "")
        for relative in files.names:
            if relative not in files.notes:
                continue
            if relative in known:
                summary, entry = known[relative]
                keep(relative, entry, summary)
                found[relative] = index.from_plain(summary) or index.EMPTY
                continue
            cached = self._cached_summary(base + relative, relative, files.notes[relative], ctx, summaries)
            if isinstance(cached, _Read):
                reads.append((*cached, root))
            else:
                found[relative] = cached
        # A one-note run on a vault the cache does not know reads every note: in the pool then.
        for relative, summary, made in self._each(reads, self._read_summary, _read_summary_in_worker):
            if summary is None:  # not read
                summary = index.EMPTY
                if unread is not None:
                    unread.add(relative)
            elif made is not None:
                keep(relative, made, made[cache.FINDINGS])
            found[relative] = summary

        def summary_of(relative: str) -> Any:
            if ctx.settings.exclude and ctx.settings.excluded(relative):
                return index.linkable(found[relative])  # out of vault-lint's sight; its headings and blocks still linked to
            return found[relative]

        ctx.index = index.build(files, summary_of)
        if summaries is not None:
            summaries.save(set(ctx.index.summaries))
        return ctx.index

    def _cached_summary(self, path: str, relative: str, info: os.stat_result | None, ctx: Context,
                        summaries: Any) -> Any:
        """One note's summary (``info``: its ``lstat``) when it needs no read:
        from the cache while its status is unchanged (``EMPTY`` for a note
        that is not read); else what ``_read_summary`` needs to read it."""
        from vault_lint import cache, index

        if info is None:
            return index.EMPTY
        try:
            if stat.S_ISLNK(info.st_mode):
                if not ctx.settings.follow_symlinks and not ctx.vault.contains(Path(path)):
                    return index.EMPTY  # a link out of the vault is not followed (IO003)
                info = os.stat(path)
        except OSError:
            return index.EMPTY
        if info.st_size > ctx.settings.max_file_size:
            return index.EMPTY  # not read (IO002)
        entry = summaries.get(relative) if summaries is not None else None
        if entry is not None and cache.fresh(entry, info):
            found = index.from_plain(entry[cache.FINDINGS])
            if found is not None:
                return found
        return _Read(path, relative, info, entry)

    def _read_summary(self, path: str, relative: str, info: os.stat_result, entry: tuple[Any, ...] | None,
                      root: Path) -> tuple[str, Any, Any]:
        """A note's summary, read now: (relative path, the summary or None when
        the note could not be read, the cache entry to keep or None)."""
        from vault_lint import cache, index
        from vault_lint.note import decode, read_bytes

        ctx = self._contexts[root]
        read_at = time.time_ns()
        raw = read_bytes(Path(path), relative, ctx.settings.max_file_size)
        if isinstance(raw, Note):
            return relative, None, None
        if entry is not None and cache.same_bytes(entry, raw, path):  # touched, not changed
            found = index.from_plain(entry[cache.FINDINGS])
            if found is not None:
                return relative, found, cache.refreshed(entry, info, read_at)
        summary = _summary_of(decode(path, raw), ctx)
        return relative, summary, cache.make_entry(info, raw, path, index.plain(summary), (), None, read_at,
                                                   bounded=False)

    # -- the cache -------------------------------------------------------------
    def _note_cache(self, ctx: Context) -> Any:
        """The cache of the notes of a vault under its settings (None: no cache)."""
        root = ctx.vault.root
        if root not in self._caches:
            self._caches[root] = None
            if self.options.cache:
                from vault_lint import cache

                settings = ctx.settings
                key = cache.hex_key(cache.fingerprint(), str(root), cache.to_plain(settings),
                                    [str(folder) for folder in ctx.vault.templates],
                                    schema_files(settings.profile.schema), _baseline_signature(settings, root))
                self._caches[root] = cache.NoteCache.open(cache.folder_for(root), key)
        return self._caches[root]

    def _lookup(self, target: Target, ctx: Context) -> Done | tuple[Any, ...]:
        """The note's result from the cache when its file is the one the cache
        knows; else the task of linting it (with the cache's entry, when there
        is one: the note's bytes may still be the same)."""
        note_cache = self._note_cache(ctx)
        if note_cache is None or target.error is not None or target.outside is not None:
            return (target, ctx.vault.root, None, None)
        name = _cache_name(target.path, ctx.vault.root)
        entry = note_cache.get(name)
        if entry is None:
            return (target, ctx.vault.root, name, None)
        from vault_lint import cache

        try:
            info = os.stat(target.path)
        except OSError:
            return (target, ctx.vault.root, name, None)
        if cache.fresh(entry, info) and self._usable(entry):
            return _from_entry(str(target.path), entry, info)
        return (target, ctx.vault.root, name, entry)

    def _usable(self, entry: tuple[Any, ...]) -> bool:
        """Can a run take the entry's findings as they are? Not when it fixes and
        one of them has a fix it would apply."""
        if not self.options.fixing:
            return True
        from vault_lint.cache import FINDINGS

        unsafe = self.options.unsafe_fixes
        return not any(fix is not None and (unsafe or fix[0] == "safe") for *_, fix in entry[FINDINGS])

    # -- notes -----------------------------------------------------------------
    def _each(self, tasks: list[tuple[Any, ...]], work: Callable[..., Any], in_worker: Callable[[Any], Any],
              received: Callable[[Any, dict[Any, Any]], Any] | None = None) -> Iterator[Any]:
        """``work(*task)`` of each task, in order: in this process, or, when
        there are enough tasks and processors, ``in_worker(task)`` in a pool of
        processes and ``received`` of what each sends back (``_pooled``; what
        was sent, as it is, without it)."""
        workers = _workers(len(tasks))
        if workers < 2:
            return (work(*task) for task in tasks)
        return self._pooled(tasks, workers, in_worker, received)

    def _pooled(self, tasks: list[tuple[Any, ...]], workers: int, work: Callable[[Any], Any],
                received: Callable[[Any, dict[Any, Any]], Any] | None) -> Iterator[Any]:
        """``work`` of each task in a pool of ``workers`` processes, in order;
        ``received(sent, memo)`` makes each result as this process keeps it."""
        import gc
        import multiprocessing

        self._prepare()
        self.pooled = True
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        gc.freeze()  # the objects made so far stay shared with the workers, untouched by their collector
        try:
            pool = multiprocessing.get_context(method).Pool(workers, initializer=_start_worker,
                                                              initargs=(self,))
        finally:
            gc.unfreeze()
        # Meanwhile this process only gathers the workers' results, which make no reference
        # cycle: its collector would walk every result kept so far, again and again, for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            memo: dict[Any, Any] = {}  # the summaries' parts met so far (``index.shared``)
            for sent in pool.imap(work, tasks, chunksize=CHUNK):
                yield sent if received is None else received(sent, memo)
            pool.close()
            pool.join()
        finally:
            pool.terminate()
            if collecting:
                gc.enable()

    def _prepare(self) -> None:
        """Import what linting needs and build the validators once, here, before
        the worker processes start: they share them."""
        from vault_lint.model import Model  # noqa: F401 - imported for the workers
        from vault_lint.schema import load_validator

        for ctx in self._contexts.values():
            self._rules(ctx)  # chosen once, here: the workers inherit the choice
            try:
                load_validator(ctx.profile.schema)
            except Exception:  # noqa: BLE001, S110 - a schema that cannot be used is reported per note
                pass

    def _work(self, target: Target, root: Path, name: str | None, entry: tuple[Any, ...] | None) -> Done:
        """Read, lint and (with --fix or --diff) fix one note; nothing is written.
        ``entry``: what the cache holds about the note, when its file's status
        changed since (its bytes may still be the same)."""
        from vault_lint import cache
        from vault_lint.note import decode, read_bytes

        ctx = self._contexts[root]
        display = str(target.path)
        vault: _Vault = ctx.vault  # type: ignore[assignment]
        vault.forget()  # links are resolved again for each note
        real = real_path(target.path)  # read, and written, through no link
        vault.known(target.path, real)
        if target.error is not None:
            return self._linted(Note(path=display, text="", io_error=target.error), b"", None, ctx, real)[0]
        # Decided again just before the read: a link may have changed since the walk.
        outside = target.outside or self._outside(real, ctx)
        if outside is not None:
            return self._linted(Note(path=display, text="", outside=str(outside)), b"", None, ctx, real)[0]
        try:
            read: os.stat_result | None = os.stat(real)
        except OSError:
            read = None  # the read reports why
        read_at = time.time_ns()
        raw = read_bytes(real, display, ctx.settings.max_file_size)
        if isinstance(raw, Note):
            return self._linted(raw, b"", read, ctx, real)[0]
        if entry is not None and read is not None and cache.same_bytes(entry, raw, str(real)) \
                and self._usable(entry):
            done = _from_entry(display, entry, read)
            done.name, done.entry, done.real = name, cache.refreshed(entry, read, read_at), real
            return done
        done, kept = self._linted(decode(display, raw), raw, read, ctx, real)
        if read is not None and kept is not None:  # also without a cache: what a worker sends (``_work_in_worker``)
            done.name = name
            done.entry = cache.make_entry(read, raw, str(real), *kept, read_at)
        if done.summary is not None and read is not None and done.entry is None:  # else made from the entry
            done.summary_entry = cache.make_entry(read, raw, str(real), done.summary, (), None, read_at,
                                                  bounded=False)
        return done

    def _linted(self, note: Note, raw: bytes, read: os.stat_result | None, ctx: Context,
                real: Path) -> tuple[Done, tuple[Any, ...] | None]:
        """The note linted (and fixed, with --fix or --diff), and what the cache
        may keep of it: its findings as read and the lines they point at."""
        from vault_lint.linter import classify, lint, vault_sites
        from vault_lint.model import Model

        rules = self._note_rules(ctx)
        model = Model(note, ctx.profile)  # read by the rules and by the note's summary alike
        kind = classify(model, ctx) if note.readable else None
        findings = lint(note, ctx, rules, model=model, kind=kind)
        result = self._fix(note, raw, findings, ctx, rules) if self.options.fixing else NoteResult(note, findings)
        done = Done(result, real=real, read=read)
        if kind is not None and ctx.index_rules:
            from vault_lint.index import plain

            done.summary = plain(_summary_of(note, ctx, model, kind))
            done.sites = vault_sites(model, ctx, self._vault_rules(ctx), kind)
        # The lines the findings as read point at, by the line starts of the note's parse.
        shown = excerpt_lines(note.text, findings, note.line_starts) if note.readable else ()
        if result.change is not None and self.options.writing:
            done.raw = raw  # the note is written by the run's own process, which compares the bytes
            result.note = _slim(result.note, with_text=True)
            result.original = _slim(result.original, with_text=True) if result.original is not None else None
        else:
            if result.note is note and result.findings is findings:  # nothing fixed
                done.excerpt = sparse(shown)
            else:
                done.excerpt = excerpt(result.note.text, result.findings) if result.note.readable else ""
            result.note = _slim(result.note, with_text=False)
            result.original = None
        kept = None
        if note.readable and not any(finding.code == "INTERNAL" for finding in findings):
            kept = (tuple(_plain_finding(finding) for finding in findings), shown, done.sites)
        return done, kept

    def _rules(self, ctx: Context) -> list[Any]:
        """The rules the settings select (chosen once per vault, not per note)."""
        return self._selection(ctx)[1]

    def _selection(self, ctx: Context) -> tuple[Context, list[Any], list[Any], list[Any]]:
        """The context, its selected rules, those that read one note only and
        those that read the vault index: chosen once per context, not per note."""
        from vault_lint.linter import selected_rules

        chosen = self._selected.get(id(ctx))
        if chosen is None or chosen[0] is not ctx:
            rules = selected_rules(ctx)
            chosen = self._selected[id(ctx)] = (ctx, rules, [rule for rule in rules if not rule.index],
                                                [rule for rule in rules if rule.index])
        return chosen

    def _note_rules(self, ctx: Context) -> list[Any]:
        """The selected rules that read one note only."""
        return self._selection(ctx)[2]

    def _vault_rules(self, ctx: Context) -> list[Any]:
        """The selected rules that read the vault index."""
        return self._selection(ctx)[3]

    def _finish(self, done: Done, ctx: Context, outcome: Outcome) -> None:
        """Write what a fix changed (this process only), and add the note to the outcome."""
        result = done.result
        display = result.note.path
        outcome.files.append(display)
        writing = self.options.writing
        if writing and done.read is not None:
            done.real = done.real or real_path(Path(display))
            self._clean(done.real, ctx)
        excerpt_text = done.excerpt
        if result.change is not None and writing:
            assert done.real is not None
            with held(STOP_SIGNALS):  # a run stopped by one has written whole notes only, and knows how many
                result = self._write(done.real, done.raw, done.read, result)
                outcome.written += result.change is not None
            excerpt_text = excerpt(result.note.text, result.findings) if result.note.readable else ""
        if result.change is not None:
            outcome.changes.append(result.change)
        outcome.found += len(result.first if result.change is not None else result.findings)
        outcome.fixed.extend(result.fixed)
        outcome.findings.extend(result.findings)
        if result.findings and result.note.readable:
            outcome.sources[display] = excerpt_text  # the lines the full format shows

    # -- one note ----------------------------------------------------------------
    def _process(self, note: Note, raw: bytes, ctx: Context) -> NoteResult:
        from vault_lint.linter import lint

        findings = lint(note, ctx)
        if not self.options.fixing:
            return NoteResult(note, findings)
        return self._fix(note, raw, findings, ctx)

    def _fix(self, note: Note, raw: bytes, findings: list[Finding], ctx: Context,
             rules: list[Any] | None = None) -> NoteResult:
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
        again = rules is not None and any(rule.index for rule in rules)  # the vault-wide pass
        outcome = fix_note(current, ctx, unsafe=unsafe, rules=self._rules(ctx) if rules is None else rules,
                           findings=None if decoded else findings, again=again)
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


def _concerned(ctx: Context, relative: str) -> set[str]:
    """What of the vault index the vault-wide rules selected for the note at
    ``relative`` read (``Rule.concern``): a note concerned otherwise has
    nothing for them, and is not read again."""
    from vault_lint.rules import get

    ignored = ctx.settings.ignored_for(relative)
    return {get(code).concern for code in ctx.index_rules if not is_ignored(code, ignored)}


def _summary_of(note: Note, ctx: Context, model: Any = None, kind: Any = None) -> Any:
    """What the vault index keeps of a note (``index.Summary``): a template gives
    no recipe address. ``model``: the note's model, and ``kind``: what
    ``classify`` says of it, when already made."""
    from vault_lint.index import EMPTY, summarize
    from vault_lint.linter import classify
    from vault_lint.model import Model

    if not note.readable:
        return EMPTY
    model = Model(note, ctx.profile) if model is None else model
    kind = classify(model, ctx) if kind is None else kind
    return summarize(model, kind.recipe and not kind.template)


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
def held(signals: tuple[int, ...]) -> Iterator[None]:
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


# -- helpers of the run --------------------------------------------------------------

class _Vault(Vault):
    """The vault, with the real path of a path asked about resolved once while one
    note is linted (the engine and the linter ask about each note's path several
    times; ``forget`` starts over, before each note), and compared as text."""

    def __init__(self, root: Path, templates: tuple[Path, ...] = ()) -> None:
        super().__init__(root, templates)
        self._reals: dict[str, str] = {}
        self._folders: dict[str, str] = {}  # a folder -> its real path
        self._root = os.path.normcase(str(root))
        self._templates = tuple(os.path.normcase(str(folder)) for folder in templates)

    def forget(self) -> None:
        self._reals.clear()
        self._folders.clear()

    def known(self, path: Path, real: Path) -> None:
        """``path`` leads to ``real`` (resolved just now)."""
        self._reals[os.fspath(path)] = self._reals[os.fspath(real)] = os.fspath(real)

    def _real(self, path: Path | str) -> str:
        key = os.fspath(path)
        found = self._reals.get(key)
        if found is None:
            if len(self._reals) > 1024:
                self._reals.clear()
                self._folders.clear()
            found = self._reals[key] = self._resolve(key)
        return found

    def _resolve(self, path: str) -> str:
        """``os.path.realpath``, each folder resolved once: a note that is no link
        costs one ``lstat``, not one for each folder on its path."""
        folder, name = os.path.split(os.path.abspath(path))
        if not name or ".." in path or os.path.islink(path):  # '..' after a link is not lexical
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)

    def is_template_path(self, path: Path) -> bool:
        if not self._templates:
            return False  # no template folder: no path to resolve
        resolved = os.path.normcase(self._real(path))
        return any(resolved == folder or _under(resolved, folder) for folder in self._templates)

    def relative(self, path: str, real: Path | None = None) -> str:
        resolved = self._real(path) if real is None else os.fspath(real)
        folded = os.path.normcase(resolved)
        if folded == self._root:
            return "."
        if _under(folded, self._root):
            return resolved[len(self._root.rstrip(os.sep)) + 1:].replace(os.sep, "/")
        return Path(path).as_posix()

    def contains(self, path: Path) -> bool:
        resolved = os.path.normcase(self._real(path))
        return resolved == self._root or _under(resolved, self._root)


def _under(path: str, folder: str) -> bool:
    """Is ``path`` below ``folder`` (both absolute and normalised)?"""
    return path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


JOBS = "VAULT_LINT_JOBS"  # how many processes may lint at once (1: this one only)


def _workers(tasks: int) -> int:
    """How many processes share ``tasks`` notes: one below ``POOL_MIN``."""
    if tasks < POOL_MIN:
        return 1
    return min(_processors(), MAX_WORKERS, tasks // (POOL_MIN // 2) or 1)


def _processors() -> int:
    """The processes a run may use: ``$VAULT_LINT_JOBS`` when set, else the
    processors this process may run on."""
    jobs = os.environ.get(JOBS, "")
    if jobs.isdigit() and int(jobs) > 0:
        return int(jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Read(NamedTuple):
    """A note whose summary must be read (``Engine._read_summary``)."""

    path: str
    relative: str
    info: os.stat_result  # its status (of the file a link leads to)
    entry: tuple[Any, ...] | None  # what the cache holds of it: its bytes may be the same


_WORKER: Engine | None = None  # the engine of a worker process


def _start_worker(engine: Engine) -> None:
    """A worker process: the run's process handles Ctrl-C and SIGTERM and ends
    the workers itself."""
    global _WORKER
    _WORKER = engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _work_in_worker(task: tuple[Any, ...]) -> Done | tuple[Any, ...]:
    """One note's result as a worker sends it: for a note linted and not
    fixed, what the cache keeps of it (``_received`` makes the result from it,
    as from a cache entry: a fraction of the bytes to send and of the objects
    the run's process keeps); else the whole result."""
    from vault_lint.cache import FINDINGS

    assert _WORKER is not None
    done = _WORKER._work(*task)
    entry = done.entry
    if entry is None or done.result.change is not None:
        return done
    if _WORKER.options.fixing and tuple(map(_plain_finding, done.result.findings)) != entry[FINDINGS]:
        return done  # a fix was tried, and reported on (IO005, FIX001): the whole result
    return done.result.note.path, entry, done.name, done.summary, done.read, os.fspath(done.real)


def _read_summary_in_worker(read: tuple[Any, ...]) -> tuple[str, Any, Any]:
    """``Engine._read_summary`` in a worker process."""
    assert _WORKER is not None
    return _WORKER._read_summary(*read)


def _again_in_worker(task: tuple[Done, Path]) -> Done:
    """``Engine._again`` in a worker process: the note's result sent back
    without its parse, as ``_work`` sends one."""
    assert _WORKER is not None
    done = _WORKER._again(*task)
    result = done.result
    result.note = _slim(result.note, with_text=result.change is not None)
    if result.original is not None:
        result.original = _slim(result.original, with_text=True)
    return done


def _received(sent: Done | tuple[Any, ...], memo: dict[Any, Any]) -> Done:
    """A worker's result (``_work_in_worker``) as the run's process keeps it:
    its summary's headings, tags and properties shared with other notes' equal
    ones (``memo``)."""
    from vault_lint.index import shared

    if isinstance(sent, Done):
        return sent
    display, entry, name, summary, read, real = sent
    done = _from_entry(display, entry, read)
    done.name, done.entry, done.real = name, entry, Path(real)
    done.summary = None if summary is None else shared(summary, memo)
    return done


def _cache_name(path: Path, root: Path) -> str:
    """A note's name in the cache: its path in the vault (made absolute, links
    not resolved: the cache entry also records where the file really is)."""
    absolute = os.path.abspath(path)
    base = str(root).rstrip(os.sep)
    if absolute.startswith(base + os.sep):
        return absolute[len(base) + 1:].replace(os.sep, "/")
    return absolute


def _plain_finding(finding: Finding) -> tuple[Any, ...]:
    """A finding as the cache keeps it and a worker sends it."""
    fix = finding.fix
    return (finding.code, finding.name, finding.message, finding.line, finding.column, finding.end_line,
            finding.end_column, None if fix is None else (fix.applicability, fix.message, *PackedFix.pack(fix.edits)))


def _finding(path: str, plain: tuple[Any, ...]) -> Finding:
    fix = plain[7]
    return Finding(path, *plain[:7], None if fix is None else PackedFix(fix[2], fix[3], fix[0], fix[1]))


def _current(root: Path, state: Any) -> Any:
    """``state`` (``infer.State``) as the vault now is, when what was read from
    it still holds; None when it may not. Unchanged folders and notes say so at
    once; else ``infer.current`` looks at what changed."""
    from vault_lint import cache

    if cache.unchanged(root, state):
        return state
    from vault_lint import infer  # lazy: only when a folder or a sampled note changed

    try:
        return infer.current(root, state)
    except (TypeError, ValueError, OSError):
        return None


def _from_entry(display: str, entry: tuple[Any, ...], read: os.stat_result | None) -> Done:
    """A note's result as the cache holds it."""
    from vault_lint.cache import EXCERPT, FINDINGS, SITES

    findings = [_finding(display, plain) for plain in entry[FINDINGS]]
    return Done(NoteResult(Note(path=display, text=""), findings), excerpt=sparse(entry[EXCERPT]), read=read,
                sites=entry[SITES])


def _slim(note: Note, with_text: bool) -> Note:
    """``note`` without its parse (what the run's process needs of it)."""
    return Note(path=note.path, text=note.text if with_text else "", bom=note.bom, raw_size=note.raw_size,
                binary=note.binary, io_error=note.io_error, too_large=note.too_large, outside=note.outside,
                foreign_encoding=note.foreign_encoding, bad_utf8=note.bad_utf8)


def excerpt_lines(text: str, findings: Iterable[Finding],
                  starts: list[int] | None = None) -> tuple[tuple[int, str], ...]:
    """The lines of ``text`` that ``findings`` point at, as the full format shows
    them: (number, the line without its line break), for lines the text has.
    ``starts``: its ``line_starts``, when known."""
    wanted = sorted({finding.line for finding in findings})
    if not wanted:
        return ()
    starts = line_starts(text) if starts is None else starts
    count = len(starts) - (starts[-1] == len(text))  # a text ending with a line break has no line after it
    return tuple((number, text[starts[number - 1]:starts[number] if number < len(starts) else len(text)]
                  .rstrip("\r\n")) for number in wanted if 1 <= number <= count)


def sparse(lines: tuple[tuple[int, str], ...]) -> str:
    """A text holding ``lines`` in their places, the other lines empty."""
    if not lines:
        return ""
    text = [""] * lines[-1][0]
    for number, line in lines:
        text[number - 1] = line
    return "\n".join(text) + "\n"


def excerpt(text: str, findings: list[Finding]) -> str:
    return sparse(excerpt_lines(text, findings)) if findings else ""


def schema_files(name: str) -> tuple[tuple[str, bytes | None], ...]:
    """The schema file a profile names, with a hash of its bytes (none for a
    schema given inline)."""
    if name.lstrip().startswith("{"):
        return ()
    from vault_lint import cache
    from vault_lint.schema import schema_file

    path = schema_file(name)
    data = cache.file_bytes(path)
    return ((str(path), None if data is None else cache.digest(data)),)


def _settings_classes() -> dict[str, type]:
    from vault_lint.profile import Bucket, Keys, Profile, SectionSpec

    return {"Settings": Settings, "Profile": Profile, "Keys": Keys, "Bucket": Bucket, "SectionSpec": SectionSpec}


def _baseline_file(settings: Settings, root: Path) -> Path:
    """Where ``--write-baseline`` writes for this vault: its configured baseline, or the default."""
    from vault_lint import baseline

    return baseline.location(settings, root) or root / baseline.DEFAULT


def _baseline_signature(settings: Settings, root: Path) -> str:
    """The baseline file's bytes, hashed: the findings it hides change with them."""
    from vault_lint import baseline

    return baseline.signature(settings, root)
