"""The command line: wires arguments to the engine, hands its outcome to a
reporter and maps it to an exit code (0 clean, 1 findings left or files fixed with
``--exit-non-zero-on-fix``, 2 usage, configuration or internal error)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from vault_lint import __version__
from vault_lint.config import ConfigError
from vault_lint.engine import Engine, Options, Outcome
from vault_lint.report import FORMATS, Report, reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in text.split(",") if code.strip())


def _size(text: str) -> int:
    """A file size in bytes, as the configuration's ``max-file-size`` takes it."""
    from vault_lint.config import MAX_FILE_SIZE_LIMIT

    if not text.isdigit() or not 1 <= int(text) <= MAX_FILE_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(
            f"expected a size in bytes (an integer from 1 to {MAX_FILE_SIZE_LIMIT}, 1 GiB), got {text!r}")
    return int(text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage error in one line (argparse prints the whole usage)."""
        self.exit(EXIT_ERROR, f"vault-lint: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
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
    parser.add_argument("--config", type=Path, help="configuration file (default: found at the vault root)")
    parser.add_argument("--max-file-size", type=_size, metavar="BYTES", help="skip notes larger than this")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow links that lead out of the vault")
    parser.add_argument("--version", action="version", version=f"vault-lint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 is printed as its bytes, not a traceback.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _main(args)
    except ConfigError as error:
        print(f"vault-lint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
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


def _main(args: argparse.Namespace) -> int:
    from vault_lint.explain import explain, list_rules

    if args.explain:
        return explain(args.explain, sys.stdout)
    if args.list_rules:
        return list_rules(sys.stdout)
    options = Options(
        fix=args.fix, unsafe_fixes=args.unsafe_fixes, diff=args.diff, config=args.config,
        select=args.select, extend_select=args.extend_select, ignore=args.ignore,
        max_file_size=args.max_file_size, follow_symlinks=args.follow_symlinks,
    )
    outcome = Engine(options).run(args.paths)
    for error in outcome.errors:
        print(error, file=sys.stderr)
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
