"""The baseline: the findings a vault had when it adopted vault-lint,
recorded once (``vault-lint --write-baseline``) and not reported again.

A finding is recorded by the note's path relative to the vault root, its
code and a fingerprint of the text it points at: its line, with white space
runs made one, Unicode composed, and vault-lint's own suppression comments
left out. Not by line number: an edit elsewhere in the note does not bring
a recorded finding back, and editing the line it points at does (what the
line says has changed: it deserves a look). Identical findings on identical
lines are counted.

The file (``.vault-lint-baseline.json`` at the vault root, or the
configuration's ``baseline``, or ``--baseline FILE``) is read with the
settings (``config.load_settings`` calls ``prepare``); the linter drops the
findings it records (``Baseline.filter``).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from vault_lint.errors import ConfigError


class Settings(Protocol):
    """What a baseline needs of the settings: the ``baseline`` setting."""

    baseline: str


if TYPE_CHECKING:
    from vault_lint.findings import Finding
    from vault_lint.note import Note

DEFAULT = ".vault-lint-baseline.json"
VERSION = 1
# vault-lint's own failures are never hidden: they are not the vault's.
UNRECORDED = frozenset({"INTERNAL", "FIX001"})
# Suppression comments, left out of a fingerprint: adding one to a recorded line keeps it recorded.
DIRECTIVES = re.compile(r"(?:%%|<!--)[ \t]*vault-lint-.*?(?:%%|-->)|[ \t]*#[ \t]*vault-lint:[ \t]*\w*(?:\[[^\]]*\])?")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names it."""


def fingerprint(line: str) -> str:
    """The fingerprint of the text a finding points at."""
    # hashlib imported here: OpenSSL's start-up, for a run whose vault has a baseline only.
    from hashlib import sha256

    text = " ".join(unicodedata.normalize("NFC", DIRECTIVES.sub(" ", line)).split())
    return sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def line_of(text: str, number: int) -> str:
    """Line ``number`` (1-based) of ``text``, without its line break; empty past the end."""
    from vault_lint.lines import line_starts

    if number < 1:
        return ""
    starts = line_starts(text)
    if number > len(starts):
        return ""
    end = starts[number] if number < len(starts) else len(text)
    return text[starts[number - 1]:end].rstrip("\r\n")


def finding_key(note: Note, finding: Finding) -> tuple[str, str]:
    """(code, fingerprint) of a finding on ``note``."""
    line = note.line_at(finding.line) if note.text and 1 <= finding.line <= len(note.line_starts) else ""
    return finding.code, fingerprint(line)


@dataclass(eq=False)
class Baseline:
    """The findings recorded as known, by note: a run reports only the others."""

    path: Path
    entries: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # by path from the vault root

    def filter(self, note: Note, relative: str, findings: list[Finding]) -> list[Finding]:
        """``findings`` less those this baseline records for the note."""
        recorded = self.entries.get(relative)
        if not recorded:
            return findings
        budget = Counter(recorded)
        kept = []
        for finding in findings:
            key = finding_key(note, finding)
            if finding.code not in UNRECORDED and budget[key] > 0:
                budget[key] -= 1
            else:
                kept.append(finding)
        return kept

    @property
    def total(self) -> int:
        return sum(sum(counts.values()) for counts in self.entries.values())


_LOADED: dict[Path, Baseline] = {}
_MISSING: set[Path] = set()


def location(settings: Settings, root: Path) -> Path | None:
    """Where the settings' baseline file is: ``baseline`` from the vault
    root (None when it is empty: no baseline)."""
    value = settings.baseline
    if not value:
        return None
    return Path(os.path.abspath(root / value))


def prepare(settings: Settings, root: Path) -> Baseline | None:
    """Read the settings' baseline file now (once per file and run); None
    when there is none. A file that is not a baseline is a ``BaselineError``."""
    path = location(settings, root)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        _MISSING.add(path)
        _LOADED.pop(path, None)
        return None
    except OSError as error:
        raise BaselineError(f"{path}: cannot be read: {error.strerror}") from None
    baseline = parse(path, raw)
    _LOADED[path] = baseline
    _MISSING.discard(path)
    return baseline


def active(settings: Settings, root: Path) -> Baseline | None:
    """The baseline of these settings, if any: the one ``prepare`` read, or
    read now (settings that did not come through ``config.load_settings``:
    a cached context, a worker process). A file that is not a baseline is a
    ``ConfigError`` here, one line for the command line."""
    path = location(settings, root)
    if path is None or path in _MISSING:
        return None
    found = _LOADED.get(path)
    if found is None:
        try:
            found = prepare(settings, root)
        except BaselineError as error:
            raise ConfigError(str(error)) from None
    return found


def signature(settings: Settings, root: Path) -> str:
    """What a cache of findings must be keyed by besides the settings: the
    baseline file's bytes (the findings it hides change with them), as a
    hash; "" without a baseline file."""
    path = location(settings, root)
    if path is None:
        return ""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    from hashlib import sha256

    return sha256(data).hexdigest()


def missing(settings: Settings, root: Path) -> Path | None:
    """The settings' baseline file, when it was named (not the default) and
    is not there."""
    path = location(settings, root)
    if path is not None and path in _MISSING and settings.baseline != DEFAULT:
        return path
    return None


def parse(path: Path, raw: bytes) -> Baseline:
    try:
        document = json.loads(raw.decode("utf-8", "surrogateescape"))  # a note's path may hold such bytes
    except ValueError as error:
        raise BaselineError(f"{path}: not a vault-lint baseline: invalid JSON ({error})") from None
    if not (isinstance(document, dict) and document.get("version") == VERSION
            and isinstance(document.get("findings"), list)):
        raise BaselineError(f"{path}: not a vault-lint baseline: expected an object with \"version\": {VERSION} "
                            "and a \"findings\" list (write one with --write-baseline)")
    entries: dict[str, Counter[tuple[str, str]]] = {}
    for index, item in enumerate(document["findings"]):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("path", "code", "fingerprint"))
                and isinstance(item.get("count", 1), int) and item.get("count", 1) >= 1):
            raise BaselineError(f"{path}: findings[{index}]: expected \"path\", \"code\" and \"fingerprint\" "
                                "(text) and a \"count\" of at least 1")
        counts = entries.setdefault(item["path"], Counter())
        counts[(item["code"], item["fingerprint"])] += item.get("count", 1)
    return Baseline(path, entries)


@dataclass(frozen=True)
class Record:
    """One finding as the baseline file records it."""

    path: str  # from the vault root
    code: str
    fingerprint: str
    message: str  # for the people reading the file; not compared


def write(path: Path, records: list[Record], replaced: set[str]) -> int:
    """Write the baseline at ``path``: ``records``, and the entries of the
    file already there for notes not in ``replaced`` (the notes this run
    linted). Returns how many findings it holds."""
    kept: list[dict[str, Any]] = []
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(old, dict) and isinstance(old.get("findings"), list):
            kept = [item for item in old["findings"]
                    if isinstance(item, dict) and isinstance(item.get("path"), str) and item["path"] not in replaced]
    except (OSError, ValueError):
        pass  # no file yet, or one that is not a baseline: written anew
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record in records:
        key = (record.path, record.code, record.fingerprint)
        if key in grouped:
            grouped[key]["count"] += 1
        else:
            grouped[key] = {"path": record.path, "code": record.code, "fingerprint": record.fingerprint,
                            "count": 1, "message": record.message}
    items = kept + list(grouped.values())
    items.sort(key=lambda item: (str(item.get("path")), str(item.get("code")), str(item.get("fingerprint"))))
    document = {"version": VERSION, "findings": items}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "surrogateescape")
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    _LOADED.pop(path, None)
    return sum(int(item.get("count", 1)) for item in items)
