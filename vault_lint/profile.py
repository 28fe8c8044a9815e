"""The conventions of a vault, as data.

Every key, heading, label, tag namespace and platform name a rule looks for
lives here. The rules hold no French or English string of their own. The
default profile is the French recipe vault vault-lint was built for (these
dataclass defaults, the same as the built-in profile ``fr``: a test checks
it); the built-in profiles are data files in ``vault_lint/profiles/``
(``fr``, ``en``). A configuration selects one, or overrides any field of one
(see ``config.py``; what each field may hold is in ``settings.schema.json``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
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
    first is the preferred one). The rules of a role (``ROLES``) read the
    section of that role; a section configured without a role is only
    required, under the role ``extra:<its first name>``."""

    role: str
    names: tuple[str, ...]


# The roles rules read sections by. A profile may leave any of them out: the
# rules of that role then switch off.
ROLES = ("quick_info", "ingredients", "steps", "source")
EXTRA_ROLE = "extra"


class ProfileError(ValueError):
    """A ``[profile]`` table whose values do not fit together (a role used
    twice, buckets out of order...): ``where`` is the path of the value in
    the table, the message says what was expected and what was given."""

    def __init__(self, where: tuple[str | int, ...], expected: str, got: Any, note: str = "") -> None:
        super().__init__(f"{where}: expected {expected}, got {got!r}{note}")
        self.where, self.expected, self.got, self.note = where, expected, got, note


@dataclass(frozen=True)
class Profile:
    """A vault's conventions: its keys, sections, tags, words and schema (validated data)."""

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
        return per_profile(self, "recipe keys", _recipe_keys)  # type: ignore[no-any-return]

    def section(self, role: str) -> SectionSpec | None:
        """The section of a role, or None when the profile has none."""
        return next((spec for spec in self.sections if spec.role == role), None)

    def has_role(self, role: str) -> bool:
        """Does the profile have a section of this role (its rules run)?"""
        return self.section(role) is not None

    def section_keys(self, role: str) -> frozenset[str]:
        """The names of a section, as ``heading_key`` reduces headings
        (empty for a role the profile does not have)."""
        keys: frozenset[str] = per_profile(self, f"section keys: {role}", lambda profile: _section_keys(profile, role))
        return keys

    def is_not_stated(self, text: str) -> bool:
        """Does a value say "not stated" (``N/A``, ``-``...)?"""
        return fold(text.strip()) in per_profile(self, "not stated", _not_stated)


_PROFILES: dict[int, tuple[Profile, dict[str, Any]]] = {}


def per_profile(profile: Profile, name: str, make: Callable[[Profile], Any]) -> Any:
    """``make(profile)``, computed once per profile. Keyed by the profile
    object itself, not by its value: hashing a profile (every field, every
    tuple of names) costs more than most of what is cached here."""
    found = _PROFILES.get(id(profile))
    if found is None or found[0] is not profile:
        if len(_PROFILES) >= 32:
            _PROFILES.clear()
        found = _PROFILES[id(profile)] = (profile, {})
    values = found[1]
    if name not in values:
        values[name] = make(profile)
    return values[name]


def _recipe_keys(profile: Profile) -> tuple[str, ...]:
    return tuple(getattr(profile.keys, f.name) for f in fields(Keys) if f.name != "tags")


def _section_keys(profile: Profile, role: str) -> frozenset[str]:
    spec = profile.section(role)
    return frozenset(heading_key(name) for name in spec.names) if spec is not None else frozenset()


def _not_stated(profile: Profile) -> frozenset[str]:
    return frozenset(fold(value) for value in profile.not_stated)


DEFAULT_PROFILE = Profile()
# What says "not stated" in any built-in profile (``profiles/*.toml``: a test
# checks they give the same), known without reading their files.
BUILTIN_NOT_STATED = (*DEFAULT_PROFILE.not_stated, "unknown", "none", "not specified", "not stated", "varies")


_TABLES = ("field_namespaces", "quick_info_labels", "platforms")


def profile_from_mapping(table: Mapping[str, Any], base: Profile = DEFAULT_PROFILE) -> Profile:
    """Build a profile from a ``[profile]`` table (without its ``extends``,
    which ``profiles.from_table`` turns into ``base``), field by field over
    ``base``; ``keys`` is merged with the base keys, any other field given
    replaces the base's whole.

    The table must already be valid against ``settings.schema.json``
    (``config.load_settings`` checks it: names, types, allowed values and
    ranges). What a schema cannot say is checked here, on the profile built,
    and raises ``ProfileError``: a role or a section name used twice, a key
    name shared by two roles, a label shared by two roles, time buckets out
    of order, a preferred section level that is not a section level.
    """
    changes: dict[str, Any] = {}
    for name, value in table.items():
        if name == "keys":
            changes[name] = replace(base.keys, **value)
        elif name == "time_buckets":
            changes[name] = tuple(Bucket(b["name"], b.get("max_minutes")) for b in value)
        elif name == "sections":
            changes[name] = tuple(
                SectionSpec(s.get("role", f"{EXTRA_ROLE}:{s['names'][0]}"), tuple(s["names"])) for s in value
            )
        elif name in _TABLES:
            changes[name] = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())
        elif isinstance(value, list):
            changes[name] = tuple(value)
        else:
            changes[name] = value
    levels = changes.get("section_levels", base.section_levels)
    if "preferred_section_level" not in table and base.preferred_section_level not in levels:
        changes["preferred_section_level"] = levels[0]
    profile = replace(base, **changes)
    _check_keys(profile, table.get("keys", {}))
    if "sections" in table:
        _check_sections(profile.sections)
    if profile.preferred_section_level not in profile.section_levels:
        levels_text = ", ".join(map(str, profile.section_levels))
        raise ProfileError(("preferred_section_level",), f"one of section_levels ({levels_text})",
                           profile.preferred_section_level)
    if "time_buckets" in table:
        _check_buckets(profile.time_buckets)
    if "quick_info_labels" in table:
        _check_labels(profile.quick_info_labels)
    return profile


def _check_keys(profile: Profile, given: Mapping[str, str]) -> None:
    """Two roles cannot read the same front matter key."""
    roles = [f.name for f in fields(Keys)]
    for role in given:
        key = getattr(profile.keys, role)
        other = next((r for r in roles if r != role and getattr(profile.keys, r) == key), None)
        if other is not None:
            raise ProfileError(("keys", role), "a key name no other role uses", key, f" (the key of {other} too)")


def _check_sections(sections: tuple[SectionSpec, ...]) -> None:
    """Each role once; each name, as headings compare, in one section only
    and naming something (a name of emoji or punctuation only reduces to
    nothing and would match any such heading)."""
    roles: dict[str, int] = {}
    names: dict[str, tuple[int, int]] = {}
    for index, spec in enumerate(sections):
        if spec.role in roles:
            raise ProfileError(("sections", index, "role"), "a role no other section has", spec.role,
                               f" (the role of sections[{roles[spec.role]}] too)")
        roles[spec.role] = index
        for place, name in enumerate(spec.names):
            key = heading_key(name)
            if not key:
                raise ProfileError(("sections", index, "names", place), "a heading name with a letter or digit", name)
            if key in names and names[key][0] != index:
                first, first_place = names[key]
                raise ProfileError(("sections", index, "names", place), "a name no other section uses", name,
                                   f" (as sections[{first}].names[{first_place}])")
            names.setdefault(key, (index, place))


def _check_buckets(buckets: tuple[Bucket, ...]) -> None:
    """Shortest first (a bucket is the first one the time fits in), each
    name once, and only the last without an upper bound."""
    seen: dict[str, int] = {}
    previous: int | None = None
    for index, bucket in enumerate(buckets):
        if fold(bucket.name) in seen:
            raise ProfileError(("time_buckets", index, "name"), "a name no other bucket has", bucket.name,
                               f" (the name of time_buckets[{seen[fold(bucket.name)]}] too)")
        seen[fold(bucket.name)] = index
        if bucket.max_minutes is None and index < len(buckets) - 1:
            raise ProfileError(("time_buckets", index, "max_minutes"),
                               "a number of minutes (only the last bucket may have no upper bound)", None)
        if bucket.max_minutes is not None and previous is not None and bucket.max_minutes <= previous:
            raise ProfileError(("time_buckets", index, "max_minutes"),
                               f"more than {previous} (the buckets go from the shortest to the longest)",
                               bucket.max_minutes)
        previous = bucket.max_minutes


def _check_labels(labels: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    """A label, as headings compare, names one role only."""
    seen: dict[str, tuple[str, int]] = {}
    for role, names in labels:
        for place, label in enumerate(names):
            key = heading_key(label)
            if not key:
                raise ProfileError(("quick_info_labels", role, place), "a label with a letter or digit", label)
            if key in seen and seen[key][0] != role:
                other, other_place = seen[key]
                raise ProfileError(("quick_info_labels", role, place), "a label no other role uses", label,
                                   f" (as quick_info_labels.{other}[{other_place}])")
            seen.setdefault(key, (role, place))
