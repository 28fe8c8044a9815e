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
import signal
import sys

from vault_lint import __version__

TYPE_CHECKING = False  # not typing's: every import here lengthens the moment before main handles Ctrl-C
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path
    from types import FrameType
    from typing import NoReturn

    from vault_lint.engine import Outcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
OUTPUT_ERRORS = "vault-lint-escape"  # the output streams' error handler (report.escape_unencodable)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: the run stops where it is (a note being
    written is finished first: the engine holds these signals back then)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: FrameType | None) -> NoReturn:
    for other in STOP_SIGNALS:  # one stop is enough: a second signal while stopping is ignored
        signal.signal(other, signal.SIG_IGN)
    raise Interrupted(signum)


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
    parser.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: the current folder)")
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
    parser.add_argument("--statistics", action="store_true", help="count findings per rule")
    parser.add_argument("--explain", metavar="CODE", help="print a rule's documentation")
    parser.add_argument("--list-rules", action="store_true", help="list every rule")
    parser.add_argument("--config", type=_config_file,
                        help="configuration file (default: found at the vault root)")
    parser.add_argument("--max-file-size", type=_size, metavar="BYTES", help="skip notes larger than this")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow links that lead out of the vault")
    parser.add_argument("--version", action="version", version=f"vault-lint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The program. SIGINT and SIGTERM stop it at any moment: exit 130 or
    143 and one line saying how many notes were written, each whole. Meant
    as the process's entry point: once the run is over (reported, or
    stopped), both signals are ignored until the process exits, so a late
    one cannot turn a finished run into a traceback or a silent kill."""
    outcome: Outcome | None = None
    try:
        _handle_signals(_interrupt)
        # The bulk of the imports, once the signals are handled.
        from vault_lint.engine import Outcome

        outcome = Outcome()
        return _guarded(argv, outcome)
    except Interrupted as stop:
        return _stopped(stop.signum, outcome)
    except KeyboardInterrupt:  # a Ctrl-C that came before the handlers were in place
        return _stopped(signal.SIGINT, outcome)
    finally:
        _handle_signals(signal.SIG_IGN)


def _handle_signals(handler: Callable[[int, FrameType | None], object] | signal.Handlers) -> None:
    try:
        for signum in STOP_SIGNALS:
            signal.signal(signum, handler)
    except ValueError:  # not the main thread: the signals stay the caller's
        pass


def _stopped(signum: int, outcome: Outcome | None) -> int:
    written = outcome.written if outcome is not None else 0
    notes = "1 note" if written == 1 else f"{written} notes"
    try:
        print(f"vault-lint: interrupted by {signal.Signals(signum).name} after writing {notes} "
              "(each whole; the others untouched)", file=sys.stderr, flush=True)
    except OSError:  # no stderr to write to: the exit code still says it
        pass
    return 128 + signum


def _guarded(argv: list[str] | None, outcome: Outcome) -> int:
    """The run, with every error of its own as one line (exit 2)."""
    from vault_lint.config import ConfigError

    _escape_unencodable_output()
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["init"]:
            from vault_lint.init import main as init

            code = init(argv[1:])
        else:
            code = _main(build_parser().parse_args(argv), outcome)
        sys.stdout.flush()  # here, where a broken pipe or a signal is still handled
        return code
    except ConfigError as error:
        print(f"vault-lint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`vault-lint | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - one line, never a traceback
        if os.environ.get("VAULT_LINT_DEBUG"):
            raise
        print(f"vault-lint: internal error: {type(error).__name__}: {error}; please report this "
              "(set VAULT_LINT_DEBUG=1 for the traceback)", file=sys.stderr)
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


def _main(args: argparse.Namespace, outcome: Outcome) -> int:
    from vault_lint.engine import Engine, Options
    from vault_lint.explain import explain, list_rules
    from vault_lint.report import Report, reporter

    if args.explain:
        return explain(args.explain, sys.stdout)
    if args.list_rules:
        return list_rules(sys.stdout)
    options = Options(
        fix=args.fix, unsafe_fixes=args.unsafe_fixes, diff=args.diff, config=args.config,
        select=args.select, extend_select=args.extend_select, ignore=args.ignore,
        max_file_size=args.max_file_size, follow_symlinks=args.follow_symlinks,
    )
    Engine(options).run(args.paths, outcome)
    for line in outcome.notices + outcome.errors:
        print(line, file=sys.stderr)
    report = Report(outcome.findings, outcome.fixed, outcome.files, outcome.sources, fix_mode=args.fix,
                    unsafe=args.unsafe_fixes, show_fixes=args.show_fixes, changes=outcome.changes)
    reporter(args.output_format, statistics=args.statistics, diff=args.diff)(report, sys.stdout)
    return _exit_code(args, outcome)


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
