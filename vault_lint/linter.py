"""Run the selected rules over one parsed note."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vault_lint import baseline, suppressions
from vault_lint.config import is_ignored
from vault_lint.context import Context
from vault_lint.edits import offer
from vault_lint.findings import Diagnostic, Finding, reading_order
from vault_lint.model import Model
from vault_lint.note import Note
from vault_lint.obsidian_report import is_report
from vault_lint.rules import Rule, all_rules, get
from vault_lint.suppressions import SIGNATURE

# Obsidian's own template placeholders ({{title}}, {{date}}, {{date:YYYY-MM-DD}},
# {{time}}) and Templater's <% … %>; other braces (Hugo's {{< … >}}) are text.
PLACEHOLDER = re.compile(r"\{\{\s*(?:title|date|time)\s*(?::[^{}\n]*)?\}\}|<%.*?%>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Kind:
    """What a note is to the rules: a template, a recipe, an Obsidian Base, or another note."""

    template: bool
    recipe: bool
    base: bool = False


def classify(model: Model, ctx: Context) -> Kind:
    """Is the note a template, a recipe, an Obsidian Base, or another note?"""
    note = model.note
    fm = note.frontmatter
    if note.path.lower().endswith(".base"):
        return Kind(template=False, recipe=False, base=True)
    if ctx.vault.is_template_path(Path(note.path)) or (
        fm is not None and PLACEHOLDER.search(note.text, fm.content_start, fm.content_end)
    ):
        return Kind(template=True, recipe=False)
    return Kind(template=False, recipe=model.is_recipe)


def selected_rules(ctx: Context) -> list[Rule]:
    """The rules the settings select, less those needing a section role the
    profile does not have."""
    profile = ctx.profile
    return [rule for rule in all_rules()
            if rule.check is not None and ctx.settings.enabled(rule.code, rule.default) and all(map(profile.has_role, rule.needs))]


def lint(note: Note, ctx: Context, rules: list[Rule] | None = None, *, suppress: bool = True,
         recorded: bool = True, again: bool = False, model: Model | None = None,
         kind: Kind | None = None) -> list[Finding]:
    """Every finding of the selected rules on one note, in reading order.

    An exception inside a rule becomes an ``INTERNAL`` finding naming the
    rule; the other rules still run. Then the note's suppression comments
    drop the findings they cover (a finding suppressed is not reported, and
    its fix is not applied), with NQ001 and NQ002 on the suppressions
    themselves (not with ``suppress=False``), and the baseline drops the
    findings it records (not with ``recorded=False``). ``again``: the note
    was linted by other rules already, which reported its unknown codes.
    ``model``: the note's model under the profile, and ``kind``: what
    ``classify`` says of it, when the caller reads them too.
    """
    if note.readable and is_report(note):
        return []  # vault-lint's own report (``--output-format obsidian``) is never linted
    model = Model(note, ctx.profile) if model is None else model
    readable = note.readable
    if kind is None:
        kind = classify(model, ctx) if readable else Kind(template=False, recipe=False)
    ignored = _ignored(note, ctx)
    findings: list[Finding] = []
    chosen = _chosen(rules if rules is not None else selected_rules(ctx), ignored, readable, kind)
    gated = False
    for rule in chosen:
        if gated and rule.scope == "recipe":
            break
        found = _run(rule, model, ctx)
        gated = gated or (rule.gate and bool(found))
        findings.extend(found)
    if suppress and SIGNATURE in note.text and note.readable:
        findings = _suppressed(note, ctx, findings, chosen, ignored, reports=not kind.template, gated=gated,
                               again=again)
    if recorded and findings:
        known = baseline.active(ctx.settings, ctx.vault.root)
        if known is not None:
            findings = known.filter(note, ctx.vault.relative(note.path), findings)
    findings.sort(key=reading_order)
    return findings


def _ignored(note: Note, ctx: Context) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` turns off for the note (none without the setting)."""
    return ctx.settings.ignored_for(ctx.vault.relative(note.path)) if ctx.settings.per_file_ignores else ()


_CHOSEN: dict[tuple[tuple[int, ...], tuple[str, ...], bool, Kind], tuple[tuple[Rule, ...], list[Rule]]] = {}


def _chosen(rules: list[Rule], ignored: tuple[str, ...], readable: bool, kind: Kind) -> list[Rule]:
    """The rules of ``rules`` that run on a note of this kind, less those
    ``per-file-ignores`` turns off for it; the recipe rules last (they do not
    run when a gate rule reported). Chosen once per set of rules and kind of
    note (the rules are kept with the choice, so that their ids stay theirs)."""
    key = (tuple(map(id, rules)), ignored, readable, kind)
    known = _CHOSEN.get(key)
    if known is not None:
        return known[1]
    chosen = [rule for rule in rules if _applies(rule, readable, kind) and not is_ignored(rule.code, ignored)]
    chosen.sort(key=lambda rule: rule.scope == "recipe")
    if len(_CHOSEN) >= 64:
        _CHOSEN.clear()
    _CHOSEN[key] = (tuple(rules), chosen)
    return chosen


# Where the vault-wide rules may report on a note: (code, what, line, column,
# end line, end column) for each site, and (number, text) of each line they are on.
Sites = tuple[tuple[tuple[str, Any, int, int, int, int], ...], tuple[tuple[int, str], ...]]
MAX_SITES = 1000  # a note with more (thousands of links) is read again when concerned: the run keeps less


def vault_sites(model: Model, ctx: Context, rules: list[Rule], kind: Kind) -> Sites | None:
    """The sites (``Rule.sites``) of the vault-wide rules among ``rules`` that
    run on the note, which the engine judges once the vault index is built
    (``judged``); None when their findings cannot be had from these alone: a
    note with a suppression comment (it may silence them), a site function
    that failed (the note read again reports it as ``INTERNAL``), more than
    ``MAX_SITES`` sites."""
    note = model.note
    if not note.readable or SIGNATURE in note.text:
        return None
    if is_report(note):
        return (), ()  # never linted
    ignored = _ignored(note, ctx)
    found: list[tuple[str, Any, int, int, int, int]] = []
    try:
        for rule in _chosen(rules, ignored, True, kind):
            if rule.sites is not None:
                for what, start, end in rule.sites(model, ctx):
                    found.append((rule.code, what, *note.position(start), *note.position(max(start, end))))
                    if len(found) > MAX_SITES:
                        return None
    except Exception:  # noqa: BLE001 - contained: the note is read again, and the rule reports INTERNAL
        return None
    return tuple(found), tuple((line, note.line_at(line)) for line in sorted({site[2] for site in found}))


def judged(path: str, sites: Sites, ctx: Context, relative: str, rules: list[Rule]) -> list[Finding]:
    """What ``rules`` (vault-wide rules with a judge) report at the note's
    ``sites`` from the vault index (``ctx.index``) alone; ``path``: the
    note's path as shown. A judge that fails raises."""
    assert ctx.index is not None
    by_code = {rule.code: rule for rule in rules}
    found = []
    for code, what, line, column, end_line, end_column in sites[0]:
        rule = by_code.get(code)
        if rule is None or rule.judge is None:
            continue
        message = rule.judge(what, ctx.index, ctx, relative)
        if message is not None:
            found.append(Finding(path, code, rule.name, one_line(message), line, column, end_line, end_column))
    return found


def _suppressed(note: Note, ctx: Context, findings: list[Finding], ran: list[Rule], ignored: tuple[str, ...],
                reports: bool, gated: bool, again: bool = False) -> list[Finding]:
    """The findings the note's suppressions leave, with NQ001 (a suppression
    that names an unknown code) and NQ002 (one that silences nothing; not
    on a note whose recipe rules a gate rule held back) when selected."""
    codes = [rule.code for rule in all_rules()]
    found = suppressions.read(note, codes)
    kept = suppressions.apply(note, findings, found)

    def wanted(code: str) -> bool:
        rule = get(code)
        return reports and ctx.settings.enabled(code, rule.default) and not is_ignored(code, ignored)

    ran_codes = [rule.code for rule in ran]
    for code, start, end, message, fix in suppressions.problems(
            note, found, lambda selector: any(c.startswith(selector) for c in ran_codes),
            unknown=wanted(suppressions.UNKNOWN) and not again, unused=wanted(suppressions.UNUSED) and not gated):
        kept.append(to_finding(note, get(code), Diagnostic(start, end, message, fix)))
    return kept


def _run(rule: Rule, model: Model, ctx: Context) -> list[Finding]:
    note = model.note
    try:
        return [to_finding(note, rule, _offered(note, rule, d)) for d in rule.check(model, ctx)]  # type: ignore[misc]
    except Exception as error:  # noqa: BLE001 - contained by design
        return [internal(note, rule, error)]


def _offered(note: Note, rule: Rule, diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic with its fix only where a fix may be offered: one that
    would edit a comment, code, a callout or an aliased value, or write into
    a note that is not UTF-8, is dropped; the finding stays."""
    if diagnostic.fix is None or offer(note, diagnostic.fix, rule.whole_note_fix) is not None:
        return diagnostic
    return replace(diagnostic, fix=None)


def _applies(rule: Rule, readable: bool, kind: Kind) -> bool:
    """Does ``rule`` run on a note of this kind (``readable``: the note's text could be read)?"""
    if rule.scope == "file":
        return True
    if not readable or kind.template or kind.base != (rule.scope == "base"):
        return False
    return rule.scope in ("note", "base") or kind.recipe


def to_finding(note: Note, rule: Rule, diagnostic: Diagnostic) -> Finding:
    line, column = note.position(diagnostic.start)
    end_line, end_column = note.position(max(diagnostic.start, diagnostic.end))
    return Finding(note.path, rule.code, rule.name, one_line(diagnostic.message), line, column, end_line,
                   end_column, diagnostic.fix)


def one_line(message: str) -> str:
    """One line per finding: a value quoted in a message may hold a line break."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def engine_finding(path: str, code: str, message: str, line: int = 1, column: int = 1) -> Finding:
    """A finding the engine reports itself (I/O, internal errors)."""
    return Finding(path, code, get(code).name, message, line, column, line, column)


def internal(note: Note, rule: Rule, error: Exception) -> Finding:
    return engine_finding(
        note.path, "INTERNAL",
        f"rule {rule.code} ({rule.name}) failed on this note with {type(error).__name__}: {error}; "
        "please report this",
    )
