"""``--explain`` and ``--list-rules``: the rule documentation, from the rules."""

from __future__ import annotations

import sys
from typing import TextIO

from vault_lint.rules import REGISTRY, all_rules

FIX_WORDS = {
    "never": "No fix.",
    "safe": "A safe fix is available.",
    "unsafe": "An unsafe fix is available (with --unsafe-fixes).",
    "sometimes": "A fix is sometimes available.",
}


def explain(code: str, out: TextIO) -> int:
    all_rules()
    rule = REGISTRY.get(code.upper())
    if rule is None:
        print(f"vault-lint: unknown rule code {code!r}; see --list-rules", file=sys.stderr)
        return 2
    default = "on by default" if rule.default else "off by default (select it by its code)"
    out.write(f"# {rule.name} ({rule.code})\n\n{FIX_WORDS[rule.fix]} {default.capitalize()}.\n\n{rule.doc}\n\n{rule.url}\n")
    return 0


def list_rules(out: TextIO) -> int:
    for rule in all_rules():
        default = "" if rule.default else " (off by default)"
        fix = {"never": "   "}.get(rule.fix, "[*]")
        out.write(f"{rule.code:<8} {fix} {rule.name:<28} {rule.summary}{default}\n")
    return 0


def rules_markdown() -> str:
    """The rule reference (docs/rules.md), from the same text as --explain."""
    parts = ["# Rules\n\nGenerated from the rules' own documentation by "
             "`python -m vault_lint.explain > docs/rules.md`; `vault-lint --explain CODE` prints the same text.\n\n"
             "| code | name | fix | default |\n|---|---|---|---|\n"]
    rules = all_rules()
    for rule in rules:
        anchor = rule.code.lower()
        parts.append(f"| [{rule.code}](#{anchor}) | {rule.name} | {rule.fix} | {'on' if rule.default else 'off'} |\n")
    for rule in rules:
        body = rule.doc.replace("\n## ", "\n#### ")
        summary, _, rest = body.partition("\n")
        parts.append(f"\n## {rule.code}\n\n**{rule.name}**: {summary}\n\n{FIX_WORDS[rule.fix]}\n{rest}\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(rules_markdown())
