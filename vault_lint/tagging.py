"""The tags of a note's front matter, as Obsidian reads them.

Obsidian takes ``tags`` as a list (block or flow) or as one string of tags
separated by commas or spaces; a tag may be written with or without its
leading ``#`` and is compared without regard to case. This module turns the
``tags`` entry of the parsed note into ``Tag`` objects that know where they
are written, so that every rule compares and locates tags the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from vault_lint.edits import append_item
from vault_lint.findings import Fix
from vault_lint.note import Entry, Item, Note, fold
from vault_lint.quickinfo import is_stated

if TYPE_CHECKING:
    from vault_lint.profile import Profile

# Obsidian documents tags as letters, digits, '_', '-' and '/', but it
# accepts emoji and other symbols as well: what ends a tag is a space or a
# punctuation mark. The punctuation it keeps inside a tag:
TAG_PUNCTUATION = frozenset("_-/")
# Format characters that belong inside emoji (zero-width joiner).
EMOJI_JOINERS = frozenset("\u200d")
# How a tags string is split into tags.
STRING_TAG = re.compile(r"[^,\s]+")


@dataclass(unsafe_hash=True)  # not frozen: made for every tag of every note, and cheaper so; never changed
class Tag:
    """One tag as written: ``text`` (without YAML quotes) at ``start:end``;
    ``item`` is its list item, ``None`` for a tag inside a string value."""

    text: str
    start: int
    end: int
    item: Item | None = None

    @property
    def hashed(self) -> bool:
        return self.text.startswith("#")

    @property
    def name(self) -> str:
        """The tag without its leading '#'."""
        return self.text[1:] if self.hashed else self.text

    @cached_property
    def key(self) -> str:
        return tag_key(self.text)

    def in_namespace(self, namespace: str) -> bool:
        return self.key.startswith(namespace_prefix(namespace))


@dataclass(frozen=True)
class TagList:
    """The ``tags`` entry and the tags it holds.

    ``tags`` are the tags whose place in the text is known; ``keys`` holds
    the comparison key of every tag, including those of a string value that
    cannot be located (a folded or escaped string).
    """

    entry: Entry
    tags: tuple[Tag, ...]
    keys: frozenset[str]

    @property
    def is_list(self) -> bool:
        """Fixes edit list items only; a string value, or an alias to a
        list (``tags: *t``), is reported, not fixed."""
        if self.entry.is_sequence:
            return not self.aliased
        return self.entry.value is None

    @property
    def aliased(self) -> bool:
        """Is the value a list whose items are not written under the key (a
        YAML alias, ``tags: *t``)? Its tags are counted, not located."""
        return self.entry.is_sequence and not self.entry.items and bool(self.entry.value)

    def has(self, tag: str) -> bool:
        return tag_key(tag) in self.keys

    def any_in(self, namespace: str) -> bool:
        """Whether some tag, located or not, is under ``namespace/``."""
        prefix = namespace_prefix(namespace)
        return any(key.startswith(prefix) for key in self.keys)

    def namespace(self, namespace: str) -> tuple[Tag, ...]:
        """The tags under ``namespace/``, each tag once (the first written)."""
        found = self._namespaces.get(namespace)
        if found is None:
            found = self._namespaces[namespace] = self._under(namespace_prefix(namespace))
        return found

    @cached_property
    def _namespaces(self) -> dict[str, tuple[Tag, ...]]:
        """``namespace``'s answers so far: several rules ask for the same namespaces."""
        return {}

    def _under(self, prefix: str) -> tuple[Tag, ...]:
        seen: set[str] = set()
        result = []
        for tag in self.tags:
            key = tag.key
            if key.startswith(prefix) and key not in seen:
                seen.add(key)
                result.append(tag)
        return tuple(result)


@lru_cache(maxsize=8192)  # the same tags and namespaces, note after note
def tag_key(text: str) -> str:
    """How Obsidian compares tags: without the leading '#', case folded
    (and in one Unicode normal form, so a decomposed 'é' equals 'é')."""
    return fold(text.removeprefix("#"))


@lru_cache(maxsize=256)
def namespace_prefix(namespace: str) -> str:
    """What the key of a tag under ``namespace/`` starts with."""
    return tag_key(namespace) + "/"


def slug(value: str) -> str:
    """The tag leaf for a field value: lower case, spaces as hyphens
    (``Fruits de mer`` -> ``fruits-de-mer``); accents are kept."""
    return "-".join(value.lower().split())


@lru_cache(maxsize=8192)  # a vault repeats its tags
def invalid_reason(name: str) -> str | None:
    """Why ``name`` (a tag without its '#') is not a tag Obsidian
    recognises, or ``None`` when it is one."""
    for char in name:
        if char.isspace():
            return "it contains a space"
        if not _tag_char(char):
            return f"it contains {char!r}"
    if name and all(char.isdecimal() for char in name):
        return "it has only digits"
    return None


def _tag_char(char: str) -> bool:
    """Letters, marks and digits of any script, symbols and emoji, and
    ``_ - /``; not punctuation, ASCII symbols, separators or controls."""
    if char in TAG_PUNCTUATION or char in EMOJI_JOINERS:
        return True
    if char.isascii():
        return char.isalnum()
    return unicodedata.category(char)[0] not in "PZC"


def read_tags(note: Note, key: str) -> TagList | None:
    """The tags of ``note``'s ``key`` entry; ``None`` when it has none or
    holds something that is neither a list nor a string."""
    fm = note.frontmatter
    entry = fm.entries.get(key) if fm is not None and fm.data is not None else None
    if entry is None:
        return None
    if entry.is_sequence:
        if not entry.items and isinstance(entry.value, list):
            # An alias (``tags: *t``): the tags are counted, written elsewhere.
            return TagList(entry, (), frozenset(tag_key(v) for v in entry.value if isinstance(v, str) and v))
        tags = tuple(Tag(item.value, item.start, item.end, item) for item in entry.items
                     if item.value and _written_as_text(item))
        return TagList(entry, tags, frozenset(tag.key for tag in tags))
    if entry.value is None:
        return TagList(entry, (), frozenset())
    if isinstance(entry.value, str):
        return _string_tags(note, entry, entry.value)
    return None


def _written_as_text(item: Item) -> bool:
    """Is a list item a text or a number (``2024``, an invalid tag), not a
    YAML ``null`` or boolean (``~``, ``true``), which names no tag at all
    (the schema reports it: ``FM003``)?"""
    return bool(item.style) or _plain_tag(item.value) not in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool")


@lru_cache(maxsize=1024)
def _plain_tag(value: str) -> str:
    """How a plain scalar reads. Lazy, for import time: PyYAML is imported
    by the note's parse already."""
    import yaml

    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-any-return]


def _string_tags(note: Note, entry: Entry, value: str) -> TagList:
    keys = frozenset(tag_key(part) for part in STRING_TAG.findall(value))
    inner = 1 if entry.style else 0
    start = entry.value_start + inner
    if note.text[start:entry.value_end - inner] != value:
        return TagList(entry, (), keys)  # folded or escaped: no exact place
    tags = tuple(
        Tag(match.group(), start + match.start(), start + match.end())
        for match in STRING_TAG.finditer(value)
    )
    return TagList(entry, tags, keys)


def sums_up(tags: TagList, namespace: str, name: str) -> bool:
    """Does a field stand for several tags of its namespace: two or more of
    them, none the field's own tag ``name`` (``protéine: mixte`` with
    ``#protéine/poulet`` and ``#protéine/veau``)? Its value is then one of
    several, and no fix acts on it."""
    found = tags.namespace(namespace)
    return len(found) > 1 and not any(tag.key == tag_key(name) for tag in found)


@dataclass(frozen=True)
class FieldTag:
    """A field mirrored by a tag: ``cuisine: Fruits de mer`` and
    ``#cuisine/fruits-de-mer``."""

    entry: Entry
    value: str
    namespace: str
    expected: str  # the tag, as the vault writes it
    found: tuple[Tag, ...]  # the note's tags in the namespace
    multi: bool  # a second tag of the namespace is allowed

    def describe(self) -> str:
        return f"{self.entry.key} is '{self.value}'"


def field_tags(note: Note, profile: Profile, tags: TagList) -> list[FieldTag]:
    """The field-backed namespaces whose field holds a value to mirror."""
    fm = note.frontmatter
    assert fm is not None
    found = []
    for role, namespace in profile.field_namespaces:
        entry = fm.entries.get(getattr(profile.keys, role))
        name = _field_tag_name(profile, entry, namespace) if entry is not None else None
        if entry is not None and name is not None:
            found.append(FieldTag(entry, entry.value, namespace, written(profile, name), tags.namespace(namespace),
                                  namespace in profile.multi_value_namespaces))
    return found


def _field_tag_name(profile: Profile, entry: Entry, namespace: str) -> str | None:
    """The tag (without '#') that mirrors a field's value; ``None`` for a
    value that is not a stated text, or that would make an invalid tag, or
    that the schema rejects once written as a tag leaf (``Fruits de mer`` is
    checked as ``fruits-de-mer``): a value outside the schema's list
    (``difficulté: facile``) is FM003's, and no tag is built on it."""
    value = entry.value
    if not isinstance(value, str) or not is_stated(value, profile):
        return None
    leaf = slug(value)
    name = f"{namespace}/{leaf}"
    if invalid_reason(name) or not _schema_accepts(profile.schema, entry.key, leaf):
        return None
    return name


@lru_cache(maxsize=1024)
def _schema_accepts(schema: str, key: str, value: str) -> bool:
    """Whether the profile's schema accepts ``key: value`` (cached: a vault
    repeats a few cuisines and types across all its notes)."""
    # Lazy: jsonschema is slow to import, and notes without tags never need it.
    from vault_lint.schema import load_validator

    return not any(path[:1] == (key,) for path in load_validator(schema).error_paths({key: value}))


def written(profile: Profile, name: str) -> str:
    """A tag (``name``, without '#') as the vault writes it: with or
    without its '#', as the profile's ``tags_with_hash`` says."""
    return f"#{name}" if profile.tags_with_hash else name


def add_tag_fix(note: Note, tags: TagList, text: str, unsafe: bool = False) -> Fix | None:
    """A fix that adds ``text`` at the end of the list, written like its
    other items (none for a string value). Unsafe when the tag is a guess."""
    if not tags.is_list:
        return None
    added = append_item(note, tags.entry, text)
    edits = added if isinstance(added, tuple) else (added,)
    return Fix.unsafe(f"add the tag '{text}'", *edits) if unsafe else Fix.safe(f"add '{text}'", *edits)
