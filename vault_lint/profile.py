"""The conventions of a vault, as data.

Every key, heading, label, tag namespace and platform name a rule looks for
lives here. The rules hold no French or English string of their own. The
default profile is the French recipe vault vault-lint was built for; a
configuration file may override any field (see ``config.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from vault_lint.note import fold, heading_key


@dataclass(frozen=True)
class Keys:
    """Front matter key names, by role."""

    cuisine: str = "cuisine"
    type: str = "type"
    prep: str = "temps_prep"
    cook: str = "temps_cuisson"
    total: str = "temps_total"
    rest: str = "temps_repos"
    portions: str = "portions"
    difficulty: str = "difficulté"
    protein: str = "protéine"
    source: str = "source"
    url: str = "url"
    date_added: str = "date_ajout"
    tags: str = "tags"


@dataclass(frozen=True)
class Bucket:
    """A time bucket tag: applies when the time is at most ``max_minutes``
    (``None``: no upper bound)."""

    name: str
    max_minutes: int | None


@dataclass(frozen=True)
class SectionSpec:
    """A required body section: its role and the names it may carry (the
    first is the preferred one)."""

    role: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    keys: Keys = field(default_factory=Keys)
    schema: str = "recipe.schema.json"
    # Tag that marks a note as "not a recipe" whatever its keys.
    non_recipe_tag: str = "non-recette"
    # Tags are written with a leading '#' in the front matter.
    tags_with_hash: bool = True
    # role -> tag namespace, for fields mirrored by a tag.
    field_namespaces: tuple[tuple[str, str], ...] = (
        ("cuisine", "cuisine"),
        ("type", "type"),
        ("protein", "protéine"),
        ("difficulty", "difficulté"),
    )
    # Namespaces where a second tag beside the field's own is allowed.
    multi_value_namespaces: tuple[str, ...] = ("cuisine", "protéine")
    time_namespace: str = "temps"
    time_buckets: tuple[Bucket, ...] = (
        Bucket("express", 15),
        Bucket("rapide", 30),
        Bucket("moyen", 60),
        Bucket("long", None),
    )
    # Marker tag (inside the time namespace) for recipes that need a rest.
    advance_tag: str = "préparation-avance"
    sections: tuple[SectionSpec, ...] = (
        SectionSpec("quick_info", ("Informations rapides",)),
        SectionSpec("ingredients", ("Ingrédients", "Ingredients")),
        SectionSpec("steps", ("Étapes", "Steps")),
        SectionSpec("source", ("Source",)),
    )
    section_levels: tuple[int, ...] = (2, 3)
    preferred_section_level: int = 2
    # The line under Source that carries the recipe's address.
    link_label: str = "Link"
    # Labels under "Informations rapides", by role.
    quick_info_labels: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("prep", ("Préparation", "Temps de préparation")),
        ("cook", ("Cuisson", "Temps de cuisson")),
        ("total", ("Temps total", "Total")),
        ("rest", ("Temps de repos", "Repos")),
        ("portions", ("Portions", "Personnes")),
        ("difficulty", ("Difficulté",)),
        ("type", ("Type",)),
        ("cuisine", ("Cuisine",)),
        ("protein", ("Protéine principale", "Protéine")),
    )
    # Values that say "not stated".
    not_stated: tuple[str, ...] = (
        "n/a", "na", "-", "--", "?", "aucun", "aucune", "non précisé",
        "non précisée", "non spécifié", "non indiqué", "inconnu", "variable",
    )
    # Words joining several values in one ("Porc et chorizo").
    list_words: tuple[str, ...] = ("et", "ou", "and", "or")
    # Units of durations written in the body ("45 min", "1h05", "2 heures").
    minute_units: tuple[str, ...] = ("min", "mins", "minute", "minutes", "mn", "m")
    hour_units: tuple[str, ...] = ("h", "hr", "hrs", "heure", "heures", "hour", "hours")
    # A line saying the recipe was imported without its details (its
    # sections may then be empty).
    no_details_phrases: tuple[str, ...] = (
        "sans détails", "sans détail", "pas de détails", "détails non disponibles",
        "détails non fournis", "voir la vidéo", "voir la source", "voir le lien",
        "no details", "see the video", "see source",
    )
    # Words that, with a negation, say the same ("aucun détail fourni").
    no_details_words: tuple[str, ...] = ("détail", "detail")
    negation_words: tuple[str, ...] = ("sans", "pas", "aucun", "aucune", "non", "no", "without", "none")
    # A remark on a time that starts with one of these adds time to it:
    # "15 minutes (+ 4h au frais)", "4h20 (dont 4h au frais)".
    extra_time_markers: tuple[str, ...] = ("+", "dont", "plus", "including")
    # Words in a remark on a time that name a rest period.
    rest_words: tuple[str, ...] = (
        "marinade", "mariner", "marinage", "repos", "reposer", "réfrigération",
        "réfrigérateur", "frigo", "congélation", "congélateur", "séchage",
        "sécher", "pousse", "levée", "lever", "fermentation", "trempage",
        "infusion", "refroidissement", "refroidir", "réfrigérer", "frais", "froid",
        "dessalage", "dessaler", "macération", "macérer", "attente", "prise",
        "overnight", "nuit", "marinate",
        "marinating", "rest", "resting", "chill", "chilling", "proof",
        "proofing", "rise", "rising", "soak", "soaking", "freeze", "freezing",
    )
    # Host (or parent domain) of a url -> the platform's name.
    platforms: tuple[tuple[str, str], ...] = (
        ("instagram.com", "Instagram"),
        ("instagr.am", "Instagram"),
        ("youtube.com", "YouTube"),
        ("youtu.be", "YouTube"),
        ("tiktok.com", "TikTok"),
        ("facebook.com", "Facebook"),
        ("fb.watch", "Facebook"),
        ("pinterest.com", "Pinterest"),
        ("pinterest.fr", "Pinterest"),
        ("pin.it", "Pinterest"),
    )

    @property
    def recipe_keys(self) -> tuple[str, ...]:
        """Keys whose presence makes a note a recipe (all but ``tags``)."""
        return tuple(
            getattr(self.keys, f.name) for f in fields(Keys) if f.name != "tags"
        )

    def section(self, role: str) -> SectionSpec:
        return next(spec for spec in self.sections if spec.role == role)

    def section_keys(self, role: str) -> frozenset[str]:
        """The names of a section, as ``heading_key`` reduces headings."""
        return _section_keys(self, role)

    def is_not_stated(self, text: str) -> bool:
        """Does a value say "not stated" (``N/A``, ``-``...)?"""
        return fold(text.strip()) in _not_stated(self)


@lru_cache(maxsize=64)
def _section_keys(profile: Profile, role: str) -> frozenset[str]:
    return frozenset(heading_key(name) for name in profile.section(role).names)


@lru_cache(maxsize=8)
def _not_stated(profile: Profile) -> frozenset[str]:
    return frozenset(fold(value) for value in profile.not_stated)


DEFAULT_PROFILE = Profile()


def profile_from_mapping(overrides: dict[str, Any], base: Profile = DEFAULT_PROFILE) -> Profile:
    """Build a profile from a configuration table, field by field.

    Unknown fields raise ``ValueError`` naming them; ``keys`` is a table of
    its own, merged with the base keys.
    """
    known = {f.name for f in fields(Profile)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"unknown profile setting(s): {', '.join(unknown)}")
    changes: dict[str, Any] = {}
    roles = {f.name for f in fields(Keys)}
    for name, value in overrides.items():
        if name in ("keys", "field_namespaces", "quick_info_labels", "platforms") and not isinstance(value, dict):
            raise ValueError(f"profile setting '{name}' must be a table")
        if name in ("field_namespaces", "quick_info_labels") and not set(value) <= roles:
            bad = ", ".join(sorted(set(value) - roles))
            raise ValueError(f"profile setting '{name}' names unknown key role(s): {bad}")
        if name == "keys":
            bad = sorted(set(value) - roles)
            if bad:
                raise ValueError(f"unknown profile key role(s): {', '.join(bad)}")
            changes[name] = replace(base.keys, **value)
        elif name == "time_buckets":
            changes[name] = tuple(Bucket(b["name"], b.get("max_minutes")) for b in value)
        elif name == "sections":
            changes[name] = tuple(SectionSpec(s["role"], tuple(s["names"])) for s in value)
        elif name in ("field_namespaces", "quick_info_labels", "platforms"):
            changes[name] = tuple(
                (k, tuple(v) if isinstance(v, list) else v) for k, v in value.items()
            )
        elif isinstance(value, list):
            changes[name] = tuple(value)
        else:
            changes[name] = value
    return replace(base, **changes)
