"""The rule registry.

Each module of this package is one rule family; a rule is a function
decorated with ``@rule`` whose docstring is its documentation, in the shape
``What it does / Why it matters / Example / Fix safety``. Adding a rule
means adding a function (or a module) here: the registry finds the modules
by itself.

A rule is a pure function ``(model, context) -> Iterable[Diagnostic]`` of
the recipe model (``vault_lint.model``) and the run's settings: it never
reads files, parses text for structure, prints or writes.
"""

from __future__ import annotations

import importlib
import pkgutil
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from vault_lint.findings import Diagnostic

if TYPE_CHECKING:
    from vault_lint.context import Context
    from vault_lint.index import VaultIndex
    from vault_lint.model import Model

# "file": every file, even one that could not be read or decoded;
# "note": every readable note that is not a template;
# "recipe": recipe notes only;
# "base": Obsidian Bases (``.base`` files) only.
Scope = Literal["file", "note", "recipe", "base"]
FixAvailability = Literal["never", "safe", "unsafe", "sometimes"]
Check = Callable[["Model", "Context"], Iterable[Diagnostic]]
# A vault-wide rule in two halves. ``Sites``: the places of a note where the
# rule may report, each (what the vault index is asked about, as plain data
# the cache stores; start; end), read from the note alone while it is
# linted. ``Judge``: (what, index, context, the note's vault path) -> the
# message, or None; it reads the index alone, so the engine can judge a
# note's sites once the whole vault is known without reading the note again.
Sites = Callable[["Model", "Context"], Iterable[tuple[Any, int, int]]]
Judge = Callable[[Any, "VaultIndex", "Context", str], "str | None"]

HOMEPAGE = "https://github.com/vault-lint/vault-lint"
RULE_DOCS_URL = f"{HOMEPAGE}/blob/main/docs/rules.md#"


@dataclass(frozen=True)
class Rule:
    """A rule: its code, name, check, scope, whether it is on by default, and its fix."""

    code: str
    name: str
    check: Check | None  # None: reported by the engine itself (I/O, internal)
    scope: Scope
    default: bool
    fix: FixAvailability
    doc: str
    # When a gate rule reports on a note, the recipe rules are not run on it:
    # their findings would only be about text that is garbled.
    gate: bool = False
    # Section roles the rule reads: it is not run under a profile without them.
    needs: tuple[str, ...] = ()
    # The fix repairs the note's characters or line endings everywhere (EN001,
    # EN003): it may touch comments, code and callouts too.
    whole_note_fix: bool = False
    # The rule reads the vault index (``ctx.index``): other notes of the vault.
    # What of the index may give it something to report on a note (a reason
    # of ``VaultIndex.concerns``: "duplicate", "tag", "property", "link",
    # "base"); a note concerned by no rule selected for it is not read again.
    concern: str = ""
    # A vault-wide rule's halves (``vault_rule``); None for a rule written as one check.
    sites: Sites | None = None
    judge: Judge | None = None

    @property
    def index(self) -> bool:
        """Does the rule read the vault index?"""
        return bool(self.concern)

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    @property
    def url(self) -> str:
        """Where the rule's documentation is published."""
        return RULE_DOCS_URL + self.code.lower()


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    scope: Scope = "recipe",
    default: bool = True,
    fix: FixAvailability = "never",
    gate: bool = False,
    needs: tuple[str, ...] = (),
    whole_note_fix: bool = False,
    concern: str = "",
) -> Callable[[Check], Check]:
    """Register a check function as a rule."""

    def register(check: Check) -> Check:
        define(code, name, check.__doc__ or "", check=check, scope=scope, default=default, fix=fix, gate=gate,
               needs=needs, whole_note_fix=whole_note_fix, concern=concern)
        return check

    return register


def vault_rule(
    code: str,
    name: str,
    *,
    judge: Judge,
    concern: str,
    scope: Scope = "recipe",
    default: bool = True,
) -> Callable[[Sites], Sites]:
    """Register a vault-wide rule from its ``Sites`` function (decorated: its
    docstring is the rule's documentation) and its ``judge``: its check
    judges each site of the note against the vault index. Such a rule offers
    no fix (a fix edits the note's text, which the judge does not have)."""

    def register(sites: Sites) -> Sites:
        def check(model: Model, ctx: Context) -> Iterator[Diagnostic]:
            index = ctx.index
            if index is None:
                return
            relative = ctx.vault.relative(model.note.path)
            for what, start, end in sites(model, ctx):
                message = judge(what, index, ctx, relative)
                if message is not None:
                    yield Diagnostic(start, end, message)

        define(code, name, sites.__doc__ or "", check=check, scope=scope, default=default, concern=concern,
               sites=sites, judge=judge)
        return sites

    return register


def define(
    code: str,
    name: str,
    doc: str,
    *,
    check: Check | None = None,
    scope: Scope = "file",
    default: bool = True,
    fix: FixAvailability = "never",
    gate: bool = False,
    needs: tuple[str, ...] = (),
    whole_note_fix: bool = False,
    concern: str = "",
    sites: Sites | None = None,
    judge: Judge | None = None,
) -> Rule:
    """Register a rule; without ``check`` it is one the engine reports."""
    if code in REGISTRY:
        raise ValueError(f"rule code {code} registered twice")
    registered = Rule(code, name, check, scope, default, fix, _clean(doc), gate, needs, whole_note_fix, concern,
                      sites, judge)
    REGISTRY[code] = registered
    return registered


def _clean(doc: str) -> str:
    """A docstring without its indentation (tabs inside kept, unlike
    ``inspect.cleandoc``)."""
    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


_loaded = False


def _load() -> None:
    """Import the rule families, once."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def get(code: str) -> Rule:
    _load()
    return REGISTRY[code]
