"""The command line: wires arguments to the engine, hands its outcome to a
reporter and maps it to an exit code (0 clean, 1 findings left or files fixed with
``--exit-non-zero-on-fix``, 2 usage, configuration or internal error; 130 and
143 when SIGINT or SIGTERM stopped the run).

This module imports little at its top: ``main`` takes over SIGINT and
SIGTERM first, then imports the rest, so a Ctrl-C at any moment of a run
gives one line, never a traceback.
"""

from __future__ import annotations

import os
import sys

from vault_lint import __version__, stops
from vault_lint.stops import STOP_SIGNALS, Interrupted, signal

TYPE_CHECKING = False  # not typing's: every import here lengthens the moment before main handles Ctrl-C
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path
    from types import FrameType
    from typing import Any, NoReturn, TextIO

    from vault_lint.engine import Outcome
    from vault_lint.replay import Recorder

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_BASELINE = ".vault-lint-baseline.json"  # baseline.DEFAULT: this module imports little at its top
OUTPUT_ERRORS = "vault-lint-escape"  # the output streams' error handler (report.escape_unencodable)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in text.split(",") if code.strip())


def _size(text: str) -> int:
    """A file size in bytes, as the configuration's ``max-file-size`` takes it."""
    import argparse

    from vault_lint.config import MAX_FILE_SIZE_LIMIT

    if not text.isdigit() or not 1 <= int(text) <= MAX_FILE_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(
            f"expected a size in bytes (an integer from 1 to {MAX_FILE_SIZE_LIMIT}, 1 GiB), got {text!r}")
    return int(text)


def _patterns(text: str) -> tuple[str, ...]:
    return tuple(pattern.strip() for pattern in text.split(",") if pattern.strip())


def _config_file(text: str) -> Path:
    """``--config`` names a regular file: a FIFO would hang the read, and a
    folder or a device is no configuration."""
    import argparse
    import stat
    from pathlib import Path

    try:
        mode = os.stat(text).st_mode
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{text}: cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise argparse.ArgumentTypeError(f"{text}: not a regular file; expected a TOML configuration file")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    from vault_lint.report import FORMATS

    class _Parser(argparse.ArgumentParser):  # here: argparse is imported once main handles Ctrl-C
        def error(self, message: str) -> NoReturn:
            """A usage error in one line (argparse prints the whole usage)."""
            self.exit(EXIT_ERROR, f"vault-lint: {message} (see --help)\n")

    parser = _Parser(
        prog="vault-lint",
        description="Lint and fix an Obsidian vault of recipe notes.",
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="notes or folders (default: the current folder); '-' reads a note from standard input "
                             "(with --stdin-filename)")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply (and show as fixable) unsafe fixes")
    parser.add_argument("--diff", action="store_true", help="print the diff --fix would write; write nothing")
    parser.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true",
                        help="with --fix, exit 1 when a file was changed even if nothing remains (pre-commit)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument("--select", type=_codes, help="rule codes or prefixes to run (comma-separated)")
    parser.add_argument("--extend-select", type=_codes, help="codes or prefixes to add to the selection")
    parser.add_argument("--ignore", type=_codes, help="codes or prefixes not to run")
    parser.add_argument("--output-format", choices=FORMATS, default="full")
    parser.add_argument("--output-file", type=Path, metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print the findings and nothing else (no summary, no notice)")
    parser.add_argument("--statistics", action="store_true", help="count findings per rule")
    parser.add_argument("--explain", metavar="CODE", help="print a rule's documentation")
    parser.add_argument("--list-rules", action="store_true", help="list every rule")
    parser.add_argument("--show-settings", action="store_true",
                        help="print the settings the (first) path is checked under, as a configuration file")
    parser.add_argument("--config", type=_config_file,
                        help="configuration file (default: found at the vault root)")
    parser.add_argument("--exclude", type=_patterns, metavar="PATTERNS",
                        help="glob patterns of notes or folders not to check, comma-separated (replaces the "
                             "configuration's exclude)")
    parser.add_argument("--extend-exclude", type=_patterns, metavar="PATTERNS",
                        help="glob patterns to exclude besides the configuration's, comma-separated")
    parser.add_argument("--stdin-filename", type=Path, metavar="PATH",
                        help="lint standard input as if it were the note at PATH (with '-' or no path)")
    parser.add_argument("--add-suppressions", action="store_true",
                        help="write a suppression comment for every finding, so that the run is clean")
    parser.add_argument("--write-baseline", nargs="?", const="", metavar="FILE.json",
                        help="record the findings in a baseline file (default: the configuration's baseline, "
                             f"else {DEFAULT_BASELINE} at the vault root) instead of reporting them; a value "
                             "not ending in .json is a path to lint")
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help=f"the baseline file whose findings are not reported (default: {DEFAULT_BASELINE} "
                             "at the vault root, when it is there)")
    parser.add_argument("--max-file-size", type=_size, metavar="BYTES", help="skip notes larger than this")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the vault's cache of findings (.vault-lint-cache/)")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow links that lead out of the vault")
    parser.add_argument("--version", action="version", version=f"vault-lint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The program. SIGINT and SIGTERM stop it at any moment: exit 130 or
    143 and one line saying how many notes were written, each whole. Meant
    as the process's entry point: once the run is over (reported, or
    stopped), both signals are ignored until the process exits, so a late
    one cannot turn a finished run into a traceback or a silent kill.
    Without ``argv`` (the process's own arguments), a check run is replayed
    when nothing it read changed since the same command last ran (``replay``),
    and recorded otherwise."""
    outcome: Outcome | None = None
    recorder: Recorder | None = None
    try:
        stops.forget()
        _handle_signals(stops.interrupt)
        if argv is None and sys.argv[1:2] != ["init"] and "--no-cache" not in sys.argv:
            # The process's own run: replayed when nothing it read changed, else recorded.
            from vault_lint import replay

            argv = sys.argv[1:]
            key = replay.key(argv)  # None: no key to be had (the working folder gone): the run just runs
            try:
                code = None if key is None else replay.replayed(argv, key)
            except BrokenPipeError:
                return _reader_gone()
            except OSError as error:
                print(f"vault-lint: cannot write the output: {error.strerror or error}", file=sys.stderr)
                return EXIT_ERROR
            if code is not None:
                return code
            recorder = None if key is None else replay.Recorder(key)
        # The bulk of the imports, once the signals are handled.
        from vault_lint.engine import Outcome

        outcome = Outcome()
        return _guarded(argv, outcome, recorder)
    except Interrupted as stop:
        return _stopped(stop.signum, outcome)
    except KeyboardInterrupt:  # a Ctrl-C that came before the handlers were in place
        return _stopped(signal.SIGINT, outcome)
    except BaseException:  # what a stop became on its way (an extension module's panic while imported)
        signum = stops.received()
        if signum is None:
            raise
        return _stopped(signum, outcome)
    finally:
        if recorder is not None:
            recorder.close()
        _handle_signals(signal.SIG_IGN)


def _handle_signals(handler: Callable[[int, FrameType | None], object] | int) -> None:
    try:
        for signum in STOP_SIGNALS:
            signal.signal(signum, handler)
    except ValueError:  # not the main thread: the signals stay the caller's
        pass


def _stopped(signum: int, outcome: Outcome | None) -> int:
    written = outcome.written if outcome is not None else 0
    notes = "1 note" if written == 1 else f"{written} notes"
    try:
        from signal import Signals

        print(f"vault-lint: interrupted by {Signals(signum).name} after writing {notes} "
              "(each whole; the others untouched)", file=sys.stderr, flush=True)
    except OSError:  # no stderr to write to: the exit code still says it
        pass
    return 128 + signum


def _guarded(argv: list[str] | None, outcome: Outcome, recorder: Recorder | None = None) -> int:
    """The run, with every error of its own as one line (exit 2); kept by
    ``recorder``, when given, for a later run to replay."""
    from vault_lint.config import ConfigError

    _escape_unencodable_output()
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["init"]:
            from vault_lint.init import main as init

            code = init(argv[1:])
        else:
            code = _main(build_parser().parse_args(argv), outcome, recorder)
        sys.stdout.flush()  # here, where a broken pipe or a signal is still handled
        return code
    except ConfigError as error:
        stops.check()  # a stop, whatever became of it on its way, is no error
        print(f"vault-lint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:  # noqa: BLE001 - one line, never a traceback
        stops.check()
        if os.environ.get("VAULT_LINT_DEBUG"):
            raise
        print(f"vault-lint: internal error: {type(error).__name__}: {error}; please report this "
              "(set VAULT_LINT_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_ERROR


def _reader_gone() -> int:
    """The reader went away (`vault-lint | head`): stop quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_ERROR


def _escape_unencodable_output() -> None:
    """A path or a quoted value holding bytes that are not UTF-8 is written
    with those bytes as ``\\xff``: never raw, never a traceback."""
    import codecs

    from vault_lint.report import escape_unencodable

    codecs.register_error(OUTPUT_ERRORS, escape_unencodable)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=OUTPUT_ERRORS)


def _main(args: argparse.Namespace, outcome: Outcome, recorder: Recorder | None = None) -> int:
    if args.explain or args.list_rules:  # the rules' documentation: imported for these two only
        from vault_lint.explain import explain, list_rules

        return explain(args.explain, sys.stdout) if args.explain else list_rules(sys.stdout)
    problem = _check_arguments(args)
    if problem is not None:
        print(f"vault-lint: {problem} (see --help)", file=sys.stderr)
        return EXIT_ERROR
    run = _Run(args)
    if args.show_settings:
        return _show_settings(args, run)
    if args.stdin_filename is not None:
        return _stdin_run(args, run, outcome)
    if args.add_suppressions:
        return _add_suppressions(args, run, outcome)
    run.run(outcome)
    if args.write_baseline is not None:
        return _write_baseline(args, run, outcome)
    report = _report_of(args, run, outcome)
    _say(args, run, outcome)
    _output(args, report)
    code = _exit_code(args, outcome)
    if recorder is not None and _replayable(args, run, outcome, code):
        try:
            _record(args, run, outcome, recorder, code)
        except Exception:  # noqa: BLE001, S110 - the run is over and reported: a record is only a saving
            pass
    return code


def _exit_code(args: argparse.Namespace, outcome: Outcome) -> int:
    if outcome.failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if args.diff:
        return EXIT_FINDINGS if outcome.changes else EXIT_CLEAN
    if outcome.findings or (args.exit_non_zero_on_fix and outcome.written):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _replayable(args: argparse.Namespace, run: _Run, outcome: Outcome, code: int) -> bool:
    """May a later run of the same command replay this one (``replay``)? A
    check run whose output is all it did, in one process, in one vault whose
    links are not followed out of it."""
    return (code in (EXIT_CLEAN, EXIT_FINDINGS) and not (args.fix or args.diff or args.no_cache or args.output_file)
            and not outcome.errors and not outcome.changes and run.engine.replayable()
            and (run.progress is None or run.progress.bar is None))


def _record(args: argparse.Namespace, run: _Run, outcome: Outcome, recorder: Recorder, code: int) -> None:
    (root,) = run.roots
    named = [os.path.abspath(path) for path in args.paths] or [os.getcwd()]
    recorder.keep(str(root), named, [os.path.abspath(path) for path in outcome.files],
                  run.engine.read_beside(root), code, run.engine.listed.get(root))


# -- the parts of a run ------------------------------------------------------------------------

def _check_arguments(args: argparse.Namespace) -> str | None:
    """What makes the options given impossible to honour, in words (None:
    nothing). A ``--write-baseline`` value that is no ``.json`` file is a
    path to lint (``vault-lint --write-baseline Recettes``)."""
    from pathlib import Path

    if args.write_baseline and not args.write_baseline.endswith(".json"):
        args.paths.append(Path(args.write_baseline))
        args.write_baseline = ""
    if any(str(path) == "-" for path in args.paths):
        if args.stdin_filename is None:
            return "'-' reads a note from standard input: name the note it stands for with --stdin-filename"
        if len(args.paths) > 1:
            return "'-' (standard input) cannot be given with other paths"
        args.paths = []
    elif args.stdin_filename is not None and args.paths:
        return "--stdin-filename names the note read from standard input: give '-' or no path"
    stdin = args.stdin_filename is not None
    refused = {
        "--add-suppressions": [("--fix", args.fix), ("--diff", args.diff),
                               ("--write-baseline", args.write_baseline is not None), ("standard input", stdin)],
        "--write-baseline": [("--diff", args.diff), ("standard input", stdin)],
    }
    for option, others in refused.items():
        if getattr(args, option[2:].replace("-", "_")) not in (None, False):
            for other, given in others:
                if given:
                    return f"{option} cannot be used with {other}"
    if args.baseline is not None and args.write_baseline is None and not args.baseline.is_file():
        return f"--baseline: {args.baseline}: no such file (write one with --write-baseline)"
    return None


class _Run:
    """The engine of a run, under the command line's options."""

    def __init__(self, args: argparse.Namespace) -> None:
        from vault_lint.engine import Engine, Options

        self.args = args
        baseline: str | None = None  # the baseline the command line imposes
        if args.write_baseline is not None:
            baseline = ""  # recording: nothing hidden
        elif args.baseline is not None:
            baseline = os.path.abspath(args.baseline)
        self.engine = Engine(Options(
            fix=args.fix, unsafe_fixes=args.unsafe_fixes, diff=args.diff, config=args.config,
            select=args.select, extend_select=args.extend_select, ignore=args.ignore,
            max_file_size=args.max_file_size, follow_symlinks=args.follow_symlinks, cache=not args.no_cache,
            exclude=args.exclude, extend_exclude=args.extend_exclude or (), baseline=baseline,
        ))
        self.skipped: list[tuple[str, bool]] = []
        self.progress: _ProgressBar | None = None

    @property
    def roots(self) -> dict[Path, Any]:
        """The settings of each vault the run met, by root."""
        return self.engine.contexts

    def prepare(self, paths: list[Path], existing: bool = True) -> None:
        """Settle the settings of the vaults of ``paths`` (a configuration
        that cannot be used stops the run here); with ``existing``, of the
        paths that name something (the engine says which do not)."""
        for path in paths:
            if not existing or os.path.lexists(path):
                self.engine.context(path)

    def context(self, path: str | Path) -> Any:
        """The context of the vault a note of the run lies in."""
        from pathlib import Path

        return self.engine.context(Path(path))

    def run(self, outcome: Outcome) -> None:
        from pathlib import Path

        paths = self.args.paths
        self.prepare(paths or [Path(".")])
        self.progress = _progress_bar(self.args)
        try:
            self.engine.run(paths, outcome, self.progress)
        finally:
            if self.progress is not None:
                self.progress.close()

    def hidden(self, outcome: Outcome) -> int:
        """How many findings the baselines hid: each note they record
        something on linted again, without them."""
        from pathlib import Path

        from vault_lint import baseline as baselines
        from vault_lint.linter import lint
        from vault_lint.note import Note, parse_text, read_note
        from vault_lint.vault import real_path

        if not any(baselines.active(ctx.settings, root) for root, ctx in self.roots.items()):
            return 0
        after = {change.path: change.after for change in outcome.changes}
        total = 0
        for path in outcome.files:
            ctx = self.context(path)
            known = baselines.active(ctx.settings, ctx.vault.root)
            relative = ctx.vault.relative(path) if known is not None else ""
            if known is None or relative not in known.entries:
                continue
            if path in after and self.args.diff:
                note = parse_text(path, after[path], Note(path=path, text=""))
            else:
                note, _ = read_note(real_path(Path(path)), path, ctx.settings.max_file_size)
            every = lint(note, ctx, recorded=False)
            total += len(every) - len(known.filter(note, relative, every))
        return total


PROGRESS_MIN = 2000  # notes from which a run on a terminal shows a progress bar


class _ProgressBar:
    """A progress bar on standard error (tqdm, imported when a run is long
    enough to show one)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=" notes", file=sys.stderr, leave=False, mininterval=0.2)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress_bar(args: argparse.Namespace) -> _ProgressBar | None:
    """A progress bar when a person watches: standard error a terminal, not
    in CI, not --quiet, and a format meant to be read (full, concise)."""
    if args.quiet or args.output_format not in ("full", "concise") or os.environ.get("CI"):
        return None
    isatty = getattr(sys.stderr, "isatty", None)
    return _ProgressBar() if isatty is not None and isatty() else None


def _report_of(args: argparse.Namespace, run: _Run, outcome: Outcome) -> Any:
    from vault_lint.report import Report, use_color

    run.skipped = _skipped(args.paths, run)
    templates = sum(1 for _, linted in run.skipped if linted)
    report = Report(outcome.findings, outcome.fixed, outcome.files, outcome.sources, fix_mode=args.fix,
                  unsafe=args.unsafe_fixes, show_fixes=args.show_fixes, changes=outcome.changes,
                  checked=len(outcome.files) - templates, failed=bool(outcome.errors),
                  found=outcome.found if args.fix else None,
                  baselined=run.hidden(outcome) if args.statistics else 0, quiet=args.quiet,
                  color=args.output_format in ("full", "concise") and use_color(sys.stdout))
    if args.output_format == "obsidian":
        report.vault_paths, report.anchors = _places(run, outcome)
    return report


def _places(run: _Run, outcome: Outcome) -> tuple[dict[str, str], dict[str, dict[int, str]]]:
    """For the Obsidian report: each note's path in its vault, and the heading
    or block each finding's line lies under (the notes read again: the text
    the findings point at, fixed or not)."""
    from pathlib import Path

    from vault_lint.note import Note, parse_text, read_note
    from vault_lint.obsidian_report import anchors
    from vault_lint.vault import real_path

    lines: dict[str, set[int]] = {}
    for finding in outcome.findings:
        lines.setdefault(finding.path, set()).add(finding.line)
    paths, places = {}, {}
    for path, numbers in lines.items():
        ctx = run.context(path)
        paths[path] = ctx.vault.relative(path)
        if path in outcome.sources and run.args.stdin_filename is not None:
            note = parse_text(path, outcome.sources[path], Note(path=path, text=""))
        else:
            note, _ = read_note(real_path(Path(path)), path, ctx.settings.max_file_size)
        if note.readable:
            places[path] = anchors(note, numbers)
    return paths, places


def _skipped(paths: list[Path], run: _Run) -> list[tuple[str, bool]]:
    """A line for each note named on the command line that was not checked
    as a note: excluded by the settings (not linted), or a template (only
    the file checks ran); with whether it was linted."""
    from pathlib import Path

    lines: dict[str, tuple[str, bool]] = {}
    for path in paths:
        key = os.path.normpath(path)
        if key in lines or not path.is_file():
            continue
        ctx = run.context(path)
        if not ctx.vault.contains(path):
            continue
        if ctx.settings.excluded(ctx.vault.relative(str(path))):
            lines[key] = (f"vault-lint: {path}: excluded by the settings (exclude); not checked", False)
        elif ctx.vault.is_template_path(Path(path)):
            lines[key] = (f"vault-lint: {path}: a template (in the templates folder); only the file checks ran",
                          True)
        elif _has_placeholders(path):
            # Here, for import time: a plain one-note run never needs them.
            from vault_lint.linter import classify
            from vault_lint.model import Model
            from vault_lint.note import read_note
            from vault_lint.vault import real_path

            note, _ = read_note(real_path(path), str(path), ctx.settings.max_file_size)
            if note.readable and classify(Model(note, ctx.profile), ctx).template:
                lines[key] = (f"vault-lint: {path}: a template ({{{{…}}}} or <%…%> in its front matter); "
                              "only the file checks ran", True)
    return list(lines.values())


def _has_placeholders(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return False
    return b"{{" in head or b"<%" in head


def _say(args: argparse.Namespace, run: _Run, outcome: Outcome) -> None:
    """The lines for standard error: notices (not with --quiet), then errors."""
    from vault_lint import baseline as baselines

    lines: list[str] = []
    if not args.quiet:
        lines += outcome.notices + [line for line, _ in run.skipped]
        for root, ctx in run.roots.items():
            missing = baselines.missing(ctx.settings, root)
            if missing is not None:
                lines.append(f"vault-lint: warning: baseline {missing} not found: no finding hidden "
                             "(write it with --write-baseline)")
        if not outcome.files and not outcome.errors and not run.skipped:
            lines.append("vault-lint: warning: no notes found under the given paths")
    for line in dict.fromkeys(lines + outcome.errors):
        print(line, file=sys.stderr)


def _output(args: argparse.Namespace, report: Any) -> None:
    """The report to standard output, or into ``--output-file`` (written whole, then renamed into place)."""
    import io

    if args.output_file is None:
        _render(args, report, sys.stdout)
        return
    from vault_lint.config import ConfigError
    from vault_lint.fixes import write_file

    buffer = io.StringIO()
    report.color = False
    _render(args, report, buffer)
    try:
        write_file(args.output_file, buffer.getvalue().encode("utf-8", OUTPUT_ERRORS))
    except OSError as error:
        raise ConfigError(f"--output-file: {args.output_file}: {error.strerror or error}") from None


def _render(args: argparse.Namespace, report: Any, out: TextIO) -> None:
    from vault_lint.report import reporter
    from vault_lint.report.summary import diff_line

    reporter(args.output_format, statistics=args.statistics, diff=args.diff)(report, out)
    if args.diff and not args.quiet:
        out.flush()
        print(diff_line(report), file=sys.stderr)


def _stdin_run(args: argparse.Namespace, run: _Run, outcome: Outcome) -> int:
    """``-`` with ``--stdin-filename PATH``: standard input linted as if it
    were the note at PATH. With ``--fix`` the fixed text goes to standard
    output and the report to standard error; with ``--diff``, the diff."""
    from vault_lint.note import encode

    name = args.stdin_filename
    text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    run.prepare([name], existing=False)
    result = run.engine.check_text(text, name)
    outcome.files.append(str(name))
    outcome.findings.extend(result.findings)
    outcome.fixed.extend(result.fixed)
    if result.findings and result.note.readable:
        outcome.sources[str(name)] = result.note.text
    if result.change is not None:
        outcome.changes.append(result.change)
    outcome.found += len(result.first if result.change is not None else result.findings)
    outcome.notices.extend(run.engine.notices)
    report = _report_of(args, run, outcome)
    _say(args, run, outcome)
    if args.fix and not args.diff:
        outcome.written += result.change is not None
        sys.stdout.flush()
        sys.stdout.buffer.write(encode(result.note, result.note.text))
        sys.stdout.flush()
        report.color = args.output_format in ("full", "concise") and _use_color(sys.stderr)
        _render(args, report, sys.stderr)
    else:
        _render(args, report, sys.stdout)
    return _exit_code(args, outcome)


def _show_settings(args: argparse.Namespace, run: _Run) -> int:
    from pathlib import Path

    from vault_lint.linter import selected_rules
    from vault_lint.show import show_settings

    path = args.paths[0] if args.paths else Path(".")
    if not os.path.lexists(path):
        print(f"vault-lint: {path}: no such file or folder", file=sys.stderr)
        return EXIT_ERROR
    ctx = run.context(path)
    show_settings(ctx, path, [rule.code for rule in selected_rules(ctx)], sys.stdout)
    if not args.quiet:
        for line in run.engine.notices:
            print(line, file=sys.stderr)
    return EXIT_CLEAN


def _use_color(stream: TextIO) -> bool:
    from vault_lint.report import use_color

    return use_color(stream)


def _write_baseline(args: argparse.Namespace, run: _Run, outcome: Outcome) -> int:
    """``--write-baseline [FILE]``: the findings of the run recorded (the
    entries of the notes not linted kept), one file per vault unless FILE
    names one."""
    from pathlib import Path

    from vault_lint import baseline as baselines
    from vault_lint.report.summary import plural

    _say(args, run, outcome)
    explicit = Path(args.write_baseline) if args.write_baseline else args.baseline
    targets: dict[Path, tuple[list[baselines.Record], set[str]]] = {}
    for path in outcome.files:
        ctx = run.context(path)
        target = Path(os.path.abspath(explicit)) if explicit else ctx.baseline_file
        targets.setdefault(target, ([], set()))[1].add(ctx.vault.relative(path))
    for finding in outcome.findings:
        if finding.code in baselines.UNRECORDED:
            continue
        ctx = run.context(finding.path)
        target = Path(os.path.abspath(explicit)) if explicit else ctx.baseline_file
        line = baselines.line_of(outcome.sources.get(finding.path, ""), finding.line)
        targets.setdefault(target, ([], set()))[0].append(baselines.Record(
            ctx.vault.relative(finding.path), finding.code, baselines.fingerprint(line), finding.message))
    for target, (records, replaced) in targets.items():
        total = baselines.write(target, records, replaced)
        if not args.quiet:
            notes = len({record.path for record in records})
            kept = f"; {total} in all" if total != len(records) else ""
            shown = os.path.relpath(target) if not os.path.relpath(target).startswith("..") else str(target)
            print(f"Recorded {plural(len(records), 'finding')} in {plural(notes, 'note')} in {shown}{kept}.")
    if not targets and not args.quiet and not outcome.errors:
        print("No note checked: no baseline written.")
    return EXIT_ERROR if outcome.failed else EXIT_CLEAN


def _add_suppressions(args: argparse.Namespace, run: _Run, outcome: Outcome) -> int:
    """``--add-suppressions``: a suppression comment for every finding of
    the run, written into the notes (atomically, owner and mode kept)."""
    from pathlib import Path

    from vault_lint import suppressions
    from vault_lint.findings import Finding
    from vault_lint.fixes import WriteRefused, write_note
    from vault_lint.linter import lint
    from vault_lint.note import Note, parse_text, read_note
    from vault_lint.report.summary import plural
    from vault_lint.rules import all_rules
    from vault_lint.vault import real_path

    run.run(outcome)
    run.skipped = _skipped(args.paths, run)
    _say(args, run, outcome)
    codes = [rule.code for rule in all_rules()]
    by_path: dict[str, list[Finding]] = {}
    for finding in outcome.findings:
        by_path.setdefault(finding.path, []).append(finding)
    comments = silenced = notes = 0
    left: list[tuple[Finding, str]] = []
    for path, findings in by_path.items():
        if path not in outcome.sources:
            left += [(finding, "the note could not be read") for finding in findings]
            continue
        ctx = run.context(path)
        real = real_path(Path(path))
        try:
            read: os.stat_result | None = os.stat(real)
        except OSError:
            read = None
        note, raw = read_note(real, path, ctx.settings.max_file_size)
        added = suppressions.add(note, lint(note, ctx),
                                 lambda n, on, ctx=ctx: lint(n, ctx, suppress=on, recorded=on), codes)
        left += added.left
        if added.text == note.text:
            continue
        fresh = parse_text(path, added.text, Note(path=path, text=added.text, bom=note.bom, bad_utf8=note.bad_utf8))
        try:
            write_note(real, fresh, raw, read)
        except WriteRefused as refused:
            left += [(finding, str(refused)) for finding in findings]
            continue
        outcome.written += 1
        comments, silenced, notes = comments + added.comments, silenced + added.silenced, notes + 1
    if not args.quiet and not by_path:
        print("No finding to suppress.")
    elif not args.quiet:
        print(f"Added {plural(comments, 'suppression')} for {plural(silenced, 'finding')} in {plural(notes, 'note')}.")
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for finding, why in left:
        grouped.setdefault((finding.path, why), []).append(finding)
    for (path, why), findings in grouped.items():
        codes = ", ".join(dict.fromkeys(finding.code for finding in findings))
        print(f"vault-lint: {path}: {plural(len(findings), 'finding')} not suppressed ({codes}): {why}",
              file=sys.stderr)
    if outcome.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if left else EXIT_CLEAN
