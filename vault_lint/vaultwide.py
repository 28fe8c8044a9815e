"""What the vault-wide rules compare across notes: recipes saved twice
under one address, and tags written in several forms.

Pure functions of plain data (note paths, addresses, tag counts), read by
the rules that look at the whole vault's index.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping

# The characters a tag's words are joined with: ``sucré-salé``,
# ``sucré_salé`` and ``sucré salé`` are one tag written three ways.
JOINERS = re.compile(r"[-_\s]+")


def duplicates(addresses: Mapping[str, str | None]) -> dict[str, tuple[str, ...]]:
    """For each note (path -> its ``url`` as ``urls.normalise`` gives it:
    tracking parameters, ``www.``, a trailing slash do not count) whose
    address another note has too, the other notes' paths, sorted. None (a
    value that is not an http(s) address) is no one's duplicate."""
    by_address: defaultdict[str, list[str]] = defaultdict(list)
    for path, address in addresses.items():
        if address is not None:
            by_address[address].append(path)
    return {path: tuple(sorted(other for other in paths if other != path))
            for paths in by_address.values() if len(paths) > 1 for path in sorted(paths)}


def variant_key(tag: str) -> str:
    """``tag`` folded for comparing its forms: case, accents, and ``-``,
    ``_`` or a space between words do not count; the nesting does
    (``cuisine/Américaine`` and ``cuisine/americaine`` fold alike,
    ``americaine`` is another tag)."""
    decomposed = unicodedata.normalize("NFKD", tag.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "/".join(JOINERS.sub("-", part) for part in bare.split("/"))


def tag_variants(counts: Mapping[str, int]) -> dict[str, str]:
    """Given every form a tag is written in across the vault (without ``#``)
    and how many notes use it, each form that is a variant of a more used
    one, mapped to the most used form of its kind (on a tie, a form in lower
    case, as Obsidian's own tags are written, then the first in sorted
    order). A form with no variant is absent.

    Obsidian matches tags whatever their case, but lists both spellings
    in its tag pane: ``Cuisine/italienne`` beside ``cuisine/italienne`` is
    still reported."""
    forms: defaultdict[str, list[str]] = defaultdict(list)
    for form in counts:
        forms[variant_key(form)].append(form)
    variants: dict[str, str] = {}
    for group in forms.values():
        main = min(group, key=lambda form: (-counts[form], form != form.lower(), form))
        variants.update((form, main) for form in sorted(group) if form != main)
    return variants
