"""The vault index: what the vault-wide rules know of every file of a vault.

Built once per run and vault from every file under the vault root (notes,
attachments, Bases), also when pre-commit passes only a few notes: each
note gives a ``Summary`` (its headings and block ids, its recipe ``url``,
its tags, the type of each of its properties), made from the note model
and kept in the vault's cache beside the note's status, so a run reads and
parses only the notes that changed since the last one. Rules read the index
through ``ctx.index``; they report on the notes asked for only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from vault_lint.listing import Files
    from vault_lint.model import Model
    from vault_lint.obsidian_links import Resolver

SUMMARY_CACHE = "index"  # the cache record of every note's summary: index-<settings>.bin
# A property's type must be this share of the notes that have it (and at least
# MIN_NOTES of them) to count as the vault's, where .obsidian/types.json is silent.
MAJORITY = 0.9
MIN_NOTES = 5


class Summary(NamedTuple):
    """One note as the vault sees it: plain data (tuples of str, int and
    None), as the cache stores it."""

    headings: tuple[tuple[int, str], ...]  # (level, title) of each outline heading
    blocks: tuple[str, ...]  # block ids, without '^'
    url: str | None  # the recipe's ``url``, normalised (``urls.normalise``; recipes only)
    tags: tuple[str, ...]  # every tag as written (front matter and body), without '#', once each
    properties: tuple[tuple[str, str], ...]  # (property, its Obsidian type as written)
    # The links it makes: (target, heading parts or None, block or None, embed, markdown).
    links: tuple[tuple[Any, ...], ...] = ()


EMPTY = Summary((), (), None, (), ())


def summarize(model: Model, recipe: bool) -> Summary:
    """What the vault knows of one note (``model``: the note read under the
    vault's profile; ``recipe``: a recipe, not a template)."""
    from vault_lint.obsidian_links import targets_of
    from vault_lint.obsidian_report import is_report
    from vault_lint.properties import observed_type

    note = model.note
    if not note.readable:
        return EMPTY
    targets = targets_of(note)
    if is_report(note):  # vault-lint's own report: what links point at, not a note whose tags or links count
        return EMPTY._replace(headings=tuple(targets.headings), blocks=tuple(targets.blocks))
    url = note.data.get(model.profile.keys.url) if recipe else None
    tags = [tag.text for tag in model.tags.tags] if model.tags is not None else []
    if note.body is not None:
        tags += [tag.name for tag in note.body.tags]
    fm = note.frontmatter
    properties = tuple((entry.key, kind) for entry in (fm.order if fm is not None and fm.data is not None else ())
                       if isinstance(entry.key, str) and (kind := observed_type(entry)) is not None)
    links = tuple(dict.fromkeys(link.parts for link in model.links))
    url = url if isinstance(url, str) and url else None
    if url is not None:
        from vault_lint.urls import normalise  # lazy: yarl, for recipes only

        url = normalise(url)
    return Summary(tuple(targets.headings), tuple(targets.blocks), url,
                   tuple(dict.fromkeys(tag.lstrip("#") for tag in tags if isinstance(tag, str) and tag.strip("#"))),
                   properties, links)


@dataclass
class VaultIndex:
    """Every file of a vault (vault-relative POSIX paths) and the summary of each note."""

    files: tuple[str, ...]
    summaries: dict[str, Summary] = field(default_factory=dict)
    _expected: tuple[Mapping[str, str], dict[str, str]] | None = field(default=None, repr=False, compare=False)
    # Whether each set of properties (most notes of a vault share one) holds one of another type.
    _mistyped: dict[tuple[tuple[str, str], ...], bool] = field(default_factory=dict, repr=False, compare=False)

    def with_note(self, path: str, summary: Summary) -> VaultIndex:
        """The index with the note at ``path`` as ``summary`` says (a text checked as if it were there)."""
        files = self.files if path in self.summaries else (*self.files, path)
        return VaultIndex(files, {**self.summaries, path: summary})

    def concerns(self, path: str, declared: Mapping[str, str]) -> frozenset[str]:
        """What a vault-wide rule may report on the file at ``path``, as its
        summary shows (``duplicate``, ``tag``, ``property``, ``link``; ``base``
        for a Base, always read). ``declared``: the types of ``.obsidian/types.json``."""
        if path.lower().endswith(".base"):
            return frozenset({"base"})
        summary = self.summaries.get(path)
        if summary is None:
            return frozenset()
        reasons = {
            "duplicate": summary.url is not None and path in self.duplicates,
            "tag": any(tag in self.tag_variants for tag in summary.tags),
            "property": self._mistyped_in(summary.properties, declared),
            "link": any(self.link_problem(path, link) is not None for link in summary.links),
        }
        return frozenset(reason for reason, found in reasons.items() if found)

    def link_problem(self, path: str, parts: tuple[Any, ...]) -> str | None:
        """Why a link the note at ``path`` makes (``LinkRef.parts``) is broken; None when it is not."""
        from vault_lint.obsidian_links import LinkRef

        return self.resolver.problem(path, LinkRef(*parts, 0, 0))

    def _mistyped_in(self, properties: tuple[tuple[str, str], ...], declared: Mapping[str, str]) -> bool:
        """Does one of ``properties`` have another type than expected (found once a set)?"""
        expected = self._expected_types(declared)
        found = self._mistyped.get(properties)
        if found is None:
            found = self._mistyped[properties] = any(expected.get(name.lower(), kind) != kind
                                                     for name, kind in properties)
        return found

    def _expected_types(self, declared: Mapping[str, str]) -> dict[str, str]:
        """The type each property should have, by its name in lower case: as
        ``declared``, else as nearly every note gives it (made once, not per note)."""
        if self._expected is None or self._expected[0] is not declared:
            self._expected = (declared, {name.lower(): kind for name, kind in (declared or self.majority_types).items()})
            self._mistyped.clear()
        return self._expected[1]

    @cached_property
    def resolver(self) -> Resolver:
        from vault_lint.obsidian_links import NoteTargets, Resolver

        return Resolver(self.files, {path: NoteTargets(summary.headings, summary.blocks)
                                     for path, summary in self.summaries.items()})

    @cached_property
    def duplicates(self) -> dict[str, tuple[str, ...]]:
        """For each recipe whose ``url`` another recipe shares, the others' paths."""
        from vault_lint.vaultwide import duplicates

        return duplicates({path: summary.url for path, summary in self.summaries.items() if summary.url})

    @cached_property
    def tag_variants(self) -> dict[str, str]:
        """Each tag form that is a variant of a more used one, with that form."""
        from vault_lint.vaultwide import tag_variants

        return tag_variants(Counter(tag for summary in self.summaries.values() for tag in summary.tags))

    @cached_property
    def property_types(self) -> dict[str, dict[str, int]]:
        """Each property, with how many notes hold it as each type."""
        types: dict[str, dict[str, int]] = {}
        # Most notes of a vault have the same properties: each set is counted once, then spread.
        for properties, notes in Counter(summary.properties for summary in self.summaries.values()).items():
            for name, kind in properties:
                counts = types.setdefault(name, {})
                counts[kind] = counts.get(kind, 0) + notes
        return types

    @cached_property
    def majority_types(self) -> dict[str, str]:
        """The type nearly every note gives a property (``MAJORITY``), where one does."""
        chosen = {}
        for name, counts in self.property_types.items():
            kind, count = max(counts.items(), key=lambda item: (item[1], item[0]))
            total = sum(counts.values())
            if count >= MIN_NOTES and count >= MAJORITY * total:
                chosen[name] = kind
        return chosen


def build(files: Files, summary_of: Callable[[str], Summary]) -> VaultIndex:
    """The index of a vault holding ``files``; ``summary_of(relative)`` gives
    a note's summary (from the cache, or read now)."""
    return VaultIndex(files.names, {relative: summary_of(relative) for relative in files.names
                                    if relative in files.notes})


def linkable(summary: Summary) -> Summary:
    """What the vault keeps of an excluded note: what links can point at."""
    return EMPTY._replace(headings=summary.headings, blocks=summary.blocks)


def plain(summary: Summary) -> tuple[Any, ...]:
    """A summary as the cache stores it (marshal holds plain tuples only)."""
    return tuple(summary)


def shared(value: tuple[Any, ...], memo: dict[Any, Any]) -> tuple[Any, ...]:
    """A plain summary whose headings, tags and properties are the very objects
    other notes' equal ones are (``memo``): the cache then writes each once
    (marshal refers to an object met before), a third of the size, and reads
    them back shared, four times faster."""
    headings, blocks, url, tags, properties, *rest = value
    keep = memo.setdefault
    return (tuple(keep(heading, heading) for heading in headings), blocks, url, keep(tags, tags),
            keep(properties, properties), *rest)


def face(summary: tuple[Any, ...]) -> bytes:
    """A digest of what the vault-wide rules' concerns read of a note
    (``VaultIndex.concerns``): the whole summary (its headings, block ids, url,
    tags, properties and links)."""
    from vault_lint.cache import digest

    return digest(repr(tuple(summary)).encode("utf-8", "surrogatepass"))


def from_plain(value: Any) -> Summary | None:
    """A summary as the cache held it; None when it is not one."""
    if isinstance(value, tuple) and len(value) == len(Summary._fields):
        return Summary(*value)
    return None

