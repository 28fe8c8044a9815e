"""The recipe model: one note read under one profile.

``Note`` is the parse (front matter with positions, the body's headings,
lines and list items); ``Model`` is what the rules read of it under the
vault's conventions: the required sections by role, the quick-info values,
the source links, the tags, the times, the schema errors. Each is computed
the first time a rule asks, once, on a typed field. A rule never parses text
for structure: it reads this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from vault_lint.links import LinkLine, read_source_links
from vault_lint.note import Heading, Line, Note
from vault_lint.profile import Profile, SectionSpec, per_profile
from vault_lint.quickinfo import Field, read_quick_info
from vault_lint.tagging import FieldTag, TagList, field_tags, read_tags
from vault_lint.timing import Times, read_times

if TYPE_CHECKING:
    from vault_lint.obsidian_links import LinkRef
    from vault_lint.schema import Violation


@dataclass(frozen=True)
class Found:
    """The first heading of a required section, and the lines it owns."""

    spec: SectionSpec
    rank: int  # 1-based place in the required order (the title is 0)
    heading: Heading
    lines: tuple[Line, ...]


class Model:
    """What the rules read of ``note`` under ``profile``, computed lazily."""

    def __init__(self, note: Note, profile: Profile) -> None:
        self.note = note
        self.profile = profile

    @cached_property
    def sections(self) -> dict[str, Found]:
        """The first heading of each required section present, by role. A
        section owns the lines up to the next heading of the same or a
        higher level, or up to the next required section's heading."""
        note, profile = self.note, self.profile
        specs = [(heading, _spec_of(heading, profile)) for heading in note.headings]
        found: dict[str, Found] = {}
        for index, (heading, match) in enumerate(specs):
            if match is None or match[1].role in found:
                continue
            end = next((later.start for later, other in specs[index + 1:]
                        if later.level <= heading.level or other is not None), len(note.text))
            lines = note.lines_between(heading.end, end)
            found[match[1].role] = Found(match[1], match[0], heading, lines)
        return found

    @cached_property
    def misplaced(self) -> dict[str, Heading]:
        """The first heading naming a required section that is missing, at
        a level that is not a section level (``# Ingrédients``), by role."""
        misplaced: dict[str, Heading] = {}
        keys_of = per_profile(self.profile, "keys by role", _keys_by_role)
        for spec in self.profile.sections:
            if spec.role in self.sections:
                continue
            keys = keys_of[spec.role]
            heading = next((h for h in self.note.headings if h.key in keys), None)
            if heading is not None:
                misplaced[spec.role] = heading
        return misplaced

    @cached_property
    def quick_info(self) -> list[Field]:
        """Every labelled value of the quick-info section(s), in reading order."""
        return read_quick_info(self.note, self.profile)

    @cached_property
    def source_links(self) -> list[LinkLine]:
        """The ``Link:`` lines that give the recipe's address."""
        return read_source_links(self.note, self.profile)

    @cached_property
    def links(self) -> tuple[LinkRef, ...]:
        """Every link the note makes (``obsidian_links.extract_links``): read
        by VL002 and by the note's summary for the vault index (imported
        lazily: only the vault index reads them)."""
        from vault_lint.obsidian_links import extract_links

        return extract_links(self.note)

    @cached_property
    def tags(self) -> TagList | None:
        """The front matter tags; None when there are none, or no list or string."""
        return read_tags(self.note, self.profile.keys.tags)

    @cached_property
    def field_tags(self) -> list[FieldTag]:
        """The fields mirrored by a tag namespace that hold a value to mirror
        (none when the note has no tags)."""
        return [] if self.tags is None else field_tags(self.note, self.profile, self.tags)

    @cached_property
    def times(self) -> Times:
        """The front matter times in whole minutes; a written duration
        (``PT30M``, ``1 h 30``) is read where the schema accepts the key."""
        invalid = frozenset(str(violation.path[0]) for violation in self.violations if violation.path)
        return read_times(self.note, self.profile, invalid)

    @cached_property
    def violations(self) -> list[Violation]:
        """The schema errors of the front matter."""
        # Lazy: jsonschema is slow to import, and notes that are not recipes never need it.
        from vault_lint.schema import load_validator, violations

        return violations(load_validator(self.profile.schema), self.note.data)

    @cached_property
    def is_recipe(self) -> bool:
        """A recipe has a recipe key, or an ingredients or steps section, and
        not the profile's "not a recipe" tag."""
        profile, tags = self.profile, self.tags
        if profile.non_recipe_tag and tags is not None and tags.has(profile.non_recipe_tag):
            return False
        if any(key in self.note.data for key in profile.recipe_keys):
            return True
        names = per_profile(profile, "recipe sections",
                            lambda p: p.section_keys("ingredients") | p.section_keys("steps"))
        return any(heading.key in names for heading in self.note.headings)


def _spec_of(heading: Heading, profile: Profile) -> tuple[int, SectionSpec] | None:
    """The required section a heading opens, with its rank."""
    if heading.level not in profile.section_levels:
        return None
    return per_profile(profile, "specs by key", _specs_by_key).get(heading.key)  # type: ignore[no-any-return]


def _keys_by_role(profile: Profile) -> dict[str, frozenset[str]]:
    return {spec.role: profile.section_keys(spec.role) for spec in profile.sections}


def _specs_by_key(profile: Profile) -> dict[str, tuple[int, SectionSpec]]:
    """Each section name, as headings compare, with the first required section
    it names and that section's rank."""
    specs: dict[str, tuple[int, SectionSpec]] = {}
    for rank, spec in enumerate(profile.sections, 1):
        for key in profile.section_keys(spec.role):
            specs.setdefault(key, (rank, spec))
    return specs
