"""The command line: wires arguments to the flow and maps the outcome to an
exit code (0 clean, 1 findings left or files fixed with
``--exit-non-zero-on-fix``, 2 usage, configuration or internal error)."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TextIO

from vault_lint import __version__
from vault_lint.config import (
    ConfigError,
    check_selectors,
    load_settings,
    with_overrides,
)
from vault_lint.context import Context
from vault_lint.findings import Finding
from vault_lint.note import Note, split_lines
from vault_lint.report import FORMATS, Report, reporter
from vault_lint.report.summary import plural
from vault_lint.rules import all_rules
from vault_lint.vault import Target, Vault, discover, find_root

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in text.split(",") if code.strip())


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
    parser.add_argument("--max-file-size", type=int, metavar="BYTES", help="skip notes larger than this")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow links that lead out of the vault")
    parser.add_argument("--version", action="version", version=f"vault-lint {__version__}")
    return parser


@dataclass
class Run:
    """What a run found, fixed and wrote, across every vault it touched."""

    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changed: int = 0
    cleaned: set[Path] = field(default_factory=set)  # folders rid of stale temporary files
    sources: dict[str, str] = field(default_factory=dict)  # the text of each note with findings


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
    run = Run()
    contexts: dict[Path, Context] = {}
    for target, ctx in _targets(args, run, contexts):
        _process(target, ctx, args, run)
    return _finish(args, run, sys.stdout)


def _context(path: Path, args: argparse.Namespace, contexts: dict[Path, Context]) -> Context:
    root = find_root(path)
    if root not in contexts:
        settings = with_overrides(
            load_settings(root, args.config),
            select=args.select, extend_select=args.extend_select, ignore=args.ignore,
            max_file_size=args.max_file_size, follow_symlinks=args.follow_symlinks,
        )
        check_selectors(settings, [rule.code for rule in all_rules()])
        contexts[root] = Context(settings, Vault.at(root))
    return contexts[root]


def _targets(args: argparse.Namespace, run: Run, contexts: dict[Path, Context]) -> list[tuple[Target, Context]]:
    result: list[tuple[Target, Context]] = []
    for path in args.paths or [Path(".")]:
        if not os.path.lexists(path):
            run.errors.append(f"vault-lint: {path}: no such file or folder")
            continue
        ctx = _context(path, args, contexts)
        if path.is_dir():
            result.extend((target, ctx) for target in discover(path, ctx.vault, ctx.settings.follow_symlinks))
        elif path.is_symlink() and not ctx.settings.follow_symlinks and not ctx.vault.contains(path):
            result.append((Target(path, outside=path.resolve()), ctx))
        else:
            result.append((Target(path), ctx))
    unique = {
        os.path.normpath(target.path): (target, ctx) for target, ctx in result
        if not ctx.settings.excluded(ctx.vault.relative(str(target.path)))
    }
    return [unique[key] for key in sorted(unique)]


def _process(target: Target, ctx: Context, args: argparse.Namespace, run: Run) -> None:
    from vault_lint.linter import lint
    from vault_lint.note import Note, read_note

    display = str(target.path)
    run.files.append(display)
    if target.error is not None:
        note, raw = Note(path=display, text="", io_error=target.error), b""
    elif target.outside is not None:
        note, raw = Note(path=display, text="", outside=str(target.outside)), b""
    else:
        note, raw = read_note(target.path, display, ctx.settings.max_file_size)
    findings = lint(note, ctx)
    reported = len(run.findings)
    if args.fix or args.diff:
        note = _fix(target, note, raw, findings, ctx, args, run)
    else:
        run.findings.extend(findings)
    if len(run.findings) > reported and note.readable:
        run.sources[display] = note.text  # the lines the full format shows


def _fix(target: Target, note: Note, raw: bytes, findings: list[Finding], ctx: Context,
         args: argparse.Namespace, run: Run) -> Note:
    """Fix one note (write it, or add its diff); returns the note as it now is."""
    # Lazy, for import time: a plain check never loads the fix engine.
    from vault_lint.fixes import (
        WriteRefused,
        fix_note,
        reencode,
        remove_stale_temporaries,
        write_note,
    )
    from vault_lint.linter import engine_finding

    display = str(target.path)
    folder = target.path.resolve().parent
    if not args.diff and folder not in run.cleaned:
        remove_stale_temporaries(folder)
        run.cleaned.add(folder)
    encoding = note.foreign_encoding
    # EN002's unsafe fix: a UTF-16/32 note is decoded, then fixed and written as UTF-8.
    reencoded = [f for f in findings if f.code == "EN002" and args.unsafe_fixes and encoding]
    decoded = reencode(note, raw) if reencoded else None
    if decoded is None:
        reencoded = []
    current = decoded or note
    if not current.readable:
        run.findings.extend(findings)
        return note
    outcome = fix_note(current, ctx, unsafe=args.unsafe_fixes, findings=None if decoded else findings)
    if not (outcome.changed or reencoded):
        run.findings.extend(outcome.remaining)
        return note
    if args.diff:
        run.diffs.append(_diff(display, encoding, current.text, outcome.note.text))
        run.findings.extend(outcome.remaining)
        return note
    try:
        write_note(target.path, outcome.note, raw)
    except WriteRefused as refused:
        run.findings.append(engine_finding(display, refused.code, str(refused)))
        run.findings.extend(findings)
        return note
    run.changed += 1
    run.fixed.extend(reencoded + outcome.fixed)
    run.findings.extend(outcome.remaining)
    return outcome.note


def _diff(path: str, encoding: str | None, before: str, after: str) -> str:
    """A unified diff of the text; a note re-encoded says so in its header."""
    label = f" ({encoding}, written as UTF-8)" if encoding else ""
    # A tab ends a name holding spaces, as `diff -u` writes it (for `patch`).
    end = "\t" if " " in path or label else ""
    lines = difflib.unified_diff(
        split_lines(before), split_lines(after),
        fromfile=f"a/{path}{end}{label.strip()}", tofile=f"b/{path}{end}",
    )
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
    return text or f"--- a/{path}{label}\n+++ b/{path}\n"


def _finish(args: argparse.Namespace, run: Run, out: TextIO) -> int:
    for error in run.errors:
        print(error, file=sys.stderr)
    run.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    if args.diff:
        out.write("".join(run.diffs))
        code = EXIT_FINDINGS if run.diffs and not args.exit_zero else EXIT_CLEAN
    else:
        report = Report(run.findings, run.fixed, run.files, run.sources, fix_mode=args.fix,
                        unsafe=args.unsafe_fixes, show_fixes=args.show_fixes)
        if args.statistics:
            _statistics(report, out, as_json=args.output_format == "json")
        else:
            reporter(args.output_format)(report, out)
        code = EXIT_FINDINGS if run.findings or (args.exit_non_zero_on_fix and run.changed) else EXIT_CLEAN
        if args.exit_zero:
            code = EXIT_CLEAN
    if run.errors or any(f.code in ("INTERNAL", "FIX001") for f in run.findings):
        return EXIT_ERROR
    return code


def _statistics(report: Report, out: TextIO, as_json: bool = False) -> None:
    counts = Counter((f.code, f.name) for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable(report.unsafe))
    if as_json:
        import json

        rows = [{"code": code, "name": name, "count": count, "fixable": fixable[code]}
                for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if fixable[code] else "   "
        out.write(f"{count:>{width}}\t{code}\t{mark} {name}\n")
    if counts:
        out.write(f"Found {plural(sum(counts.values()), 'error')}.\n")
