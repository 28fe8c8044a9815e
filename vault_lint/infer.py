"""A vault's conventions, read from its own notes.

``vault-lint init`` writes them down as a configuration; a run with no
configuration file at all uses them in memory, so that no default imposes a
convention the vault does not follow: the tag style is the vault's majority,
no tag is added in a namespace no note uses, no heading is required that
most notes do not have, no key is required that the vault does not use.

A vault whose notes follow a built-in profile (most of its keys) gets that
profile, changed only where the notes do otherwise; a vault that follows
none gets a profile of its own: its keys by role (``profiles/synonyms.toml``),
its section names and levels, and a schema of the keys nearly every recipe
has, with their types and closed vocabularies.

Reading is cheap: at most ``SAMPLE`` notes, evenly spread over the vault,
each read for its front matter and its heading lines only.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from vault_lint.listing import SKIPPED_DIRS
from vault_lint.note import bounded, heading_key
from vault_lint.profile import Profile, SectionSpec
from vault_lint.profiles import NAMES, builtin
from vault_lint.tagging import invalid_reason

SAMPLE = 400  # notes read at most
MAX_BYTES = 256 * 1024  # of each note
MAJORITY = 0.5  # a convention most recipes follow
NEARLY_ALL = 0.9  # a key nearly every recipe has becomes required
IN_USE = 0.3  # a tag namespace this share of recipes uses is the vault's
# A vault that follows a built-in profile is held to it until it has this many
# recipes: below, what its notes do otherwise is as likely a defect as a habit.
EVIDENCE = 5

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*\r?$", re.M)
FENCE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,}).*?^[ ]{0,3}(?:`{3,}|~{3,})[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Sample:
    """What one note says of the vault's conventions."""

    data: dict[str, Any] | None  # the front matter (None: none, or unreadable)
    headings: tuple[tuple[int, str], ...]  # (level, heading_key) of every ATX heading outside fences
    titles: dict[str, str] = field(default_factory=dict)  # heading_key -> the heading as written
    # A digest of what it was read from (its front matter's text, its heading lines): equal
    # digests, equal samples. Never made from ``data``, which YAML aliases may make vast.
    face: bytes = field(default=b"", compare=False, repr=False)


@dataclass(frozen=True)
class Inference:
    """The conventions read from a vault's notes."""

    profile: Profile | None  # None: no recipe note was found
    ignore: tuple[str, ...] = ()  # rules judging a convention the vault does not follow
    read: int = 0  # notes read
    recipes: int = 0  # of which recipes
    base: str | None = None  # the built-in profile the vault follows, if any
    schema: dict[str, Any] | None = None  # a schema of the vault's own, when no built-in one fits
    facts: tuple[str, ...] = ()  # what was inferred, one line each


# -- reading ---------------------------------------------------------------------------

def sample_paths(root: Path, limit: int = SAMPLE, folders: list[Folder] | None = None) -> list[Path]:
    """The notes under ``root`` (hidden and tool folders skipped), at most
    ``limit`` of them, evenly spread over the sorted list. ``folders``, when
    given, receives each folder walked (``Folder``)."""
    paths: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        notes = [name for name in files if _is_note(name)]
        if folders is not None:
            try:
                mtime = os.stat(folder).st_mtime_ns
            except OSError:
                mtime = -1
            links = [os.path.islink(os.path.join(folder, name)) for name in dirs]  # listed, not walked
            folders.append((os.path.relpath(folder, root), mtime, _listing(list(zip(dirs, links)), notes)))
        paths.extend(os.path.join(folder, name) for name in notes)
    paths.sort(key=_parts)
    if len(paths) > limit:
        step = len(paths) / limit
        paths = [paths[int(index * step)] for index in range(limit)]
    return [Path(path) for path in paths]


def _parts(path: str) -> list[str]:
    return os.path.normcase(path).split(os.sep)


def read_sample(path: Path) -> Sample | None:
    """A note's front matter and headings; None when it cannot be read as UTF-8."""
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return sample_of(text)


def sample_of(text: str) -> Sample:
    from vault_lint.cache import digest

    match = FRONT_MATTER.match(text)
    data = _load(match.group(1)) if match else None
    body = FENCE.sub("", text[match.end():] if match else text)
    headings, titles = [], {}
    lines: list[str | None] = [match.group(1) if match else None]  # what the sample is read from
    for heading in ATX.finditer(body):
        key = heading_key(heading.group(2))
        headings.append((len(heading.group(1)), key))
        titles.setdefault(key, heading.group(2).strip())
        lines.append(heading.group(0))
    return Sample(data, tuple(headings), titles, digest(repr(lines).encode("utf-8", "surrogatepass")))


def _load(block: str) -> dict[str, Any] | None:
    """A front matter's data; None when it is not a mapping of names, or its
    aliases expand past the limits a note's own front matter has (``note.bounded``)."""
    import yaml  # lazy: a one-note run checks a sampled note's status without it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(block)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None and bounded(root) else None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) and all(isinstance(k, str) for k in data) else None


# -- synonyms ----------------------------------------------------------------------------

def squash(name: str) -> str:
    """A name compared without case, spaces, '_' or '-'."""
    return re.sub(r"[\s_-]+", "", name.casefold())


@lru_cache(maxsize=1)
def synonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    import tomllib  # lazy: a run that only checks its inference still holds reads no synonyms

    text = (Path(__file__).parent / "profiles" / "synonyms.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return {
        "keys": {role: tuple(squash(name) for name in names) for role, names in table["keys"].items()},
        "sections": {role: tuple(heading_key(name) for name in names) for role, names in table["sections"].items()},
    }


# -- inference ---------------------------------------------------------------------------

def infer_vault(root: Path, limit: int = SAMPLE) -> Inference:
    samples = [sample for path in sample_paths(root, limit) if (sample := read_sample(path)) is not None]
    return infer(samples)


# A folder as walked for the sample: its path relative to the root, its modification
# time taken as it was listed, and a digest of the folders and notes it holds.
Folder = tuple[str, int, bytes]
# What a vault's inference was read from: every folder walked; every note sampled with
# its size, modification and change times and inode (paths relative to the root); a digest of each
# sample (None for a note that could not be read).
State = tuple[tuple[Folder, ...], tuple[tuple[str, int, int, int, int], ...], tuple[bytes | None, ...]]


def survey(root: Path, limit: int = SAMPLE) -> tuple[Inference, State]:
    """``infer_vault``, and the state of the vault it was read from: the inference
    stays right while ``current`` says so (the engine keeps it in its cache,
    and a one-note run does not read the sample again)."""
    folders: list[Folder] = []
    notes: list[tuple[str, int, int, int]] = []
    faces: list[bytes | None] = []
    samples = []
    for path in sample_paths(root, limit, folders):
        notes.append(_status(os.path.relpath(path, root), path))
        sample = read_sample(path)
        faces.append(_face(sample))
        if sample is not None:
            samples.append(sample)
    return infer(samples), (tuple(folders), tuple(notes), tuple(faces))


def current(root: Path, state: State) -> State | None:
    """``state`` as the vault now is, when the inference read from it still
    holds: each folder whose time changed holds the same folders and notes (a
    note saved anew changes its folder's time, not what it holds), and each
    sampled note that changed since reads as the same sample (a step edited:
    its front matter and headings are the same). None when it may not hold."""
    folders, notes, faces = state
    walked = []
    for folder, mtime, listing in folders:
        path = os.path.join(root, folder)
        try:
            now = os.stat(path).st_mtime_ns
        except OSError:
            return None
        if now != mtime and _listed(path) != listing:
            return None
        walked.append((folder, now, listing))
    sampled = []
    for (name, *known), face in zip(notes, faces, strict=True):
        status = _status(name, os.path.join(root, name))
        if list(status[1:]) != known and _face(read_sample(root / name)) != face:
            return None
        sampled.append(status)
    return tuple(walked), tuple(sampled), faces


def _listed(folder: str) -> bytes | None:
    """``_listing`` of ``folder`` as ``os.walk`` lists it; None when it cannot be listed."""
    dirs, files = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir:
                    files.append(entry.name)
                elif not entry.name.startswith(".") and entry.name not in SKIPPED_DIRS:
                    dirs.append((entry.name, entry.is_symlink()))
    except OSError:
        return None
    return _listing(sorted(dirs), [name for name in files if _is_note(name)])


def _is_note(name: str) -> bool:
    """A note as Obsidian and the linter see one: Markdown, not hidden."""
    return not name.startswith(".") and name.lower().endswith(".md")


def _status(name: str, path: str | Path) -> tuple[str, int, int, int, int]:
    """A sampled note's path in the vault (``name``), size, modification and
    change times and inode (-1: no status)."""
    try:
        info = os.stat(path)
    except OSError:
        return name, -1, -1, -1, -1
    return name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _listing(dirs: list[tuple[str, bool]], notes: list[str]) -> bytes:
    """A digest of the folders a folder holds (as walked: each name, and
    whether it is a link, which is listed but not walked) and of its notes."""
    from vault_lint.cache import digest

    return digest(repr((dirs, sorted(notes))).encode("utf-8", "surrogateescape"))


def _face(sample: Sample | None) -> bytes | None:
    return None if sample is None else sample.face


def infer(samples: list[Sample]) -> Inference:
    recipes = [sample for sample in samples if _is_recipe(sample)]
    if not recipes:
        return Inference(None, read=len(samples), facts=("no recipe note found",))
    base = _base(recipes)
    if base is not None and len(recipes) < EVIDENCE:
        return Inference(builtin(base), (), len(samples), len(recipes), base, None, (
            f"{len(recipes)} recipe notes among {len(samples)} read",
            f"follows the built-in profile '{base}' (too few notes to tell where it differs)"))
    profile = builtin(base) if base else _own_keys(builtin("en"), recipes)
    profile, section_facts = _sections(profile, recipes, strict=base is None)
    profile, tag_facts, ignore = _tags(profile, recipes)
    schema = _schema(profile, recipes, base)
    if schema is not None:
        profile = replace(profile, schema=json.dumps(schema, ensure_ascii=False, sort_keys=True))
    ignore += _layout_ignores(recipes)
    facts = (
        f"{len(recipes)} recipe notes among {len(samples)} read",
        f"follows the built-in profile '{base}'" if base else "follows no built-in profile: its own keys and schema",
        *section_facts, *tag_facts,
    )
    return Inference(profile, tuple(ignore), len(samples), len(recipes), base, schema, facts)


def _is_recipe(sample: Sample) -> bool:
    """A note with two keys naming recipe roles, or an ingredients or steps heading."""
    keys = synonyms()["keys"]
    written = {squash(key) for key in sample.data or {}}
    roles = sum(1 for role, names in keys.items() if role != "tags" and not written.isdisjoint(names))
    if roles >= 2:
        return True
    sections = synonyms()["sections"]
    wanted = set(sections["ingredients"]) | set(sections["steps"])
    return any(key in wanted for _, key in sample.headings)


def _base(recipes: list[Sample]) -> str | None:
    """The built-in profile whose recipe keys most recipes hold (at least half of them)."""
    scores = {}
    for name in NAMES:
        keys = set(builtin(name).recipe_keys)
        follow = sum(1 for sample in recipes if len(keys & set(sample.data or {})) * 2 >= len(keys))
        scores[name] = follow / len(recipes)
    best = max(NAMES, key=lambda name: scores[name])
    return best if scores[best] >= MAJORITY else None


def _share(recipes: list[Sample], test: Any) -> float:
    return sum(1 for sample in recipes if test(sample)) / len(recipes)


def _own_keys(profile: Profile, recipes: list[Sample]) -> Profile:
    """Each role named by the key the recipes use for it, most used first."""
    counts = Counter(key for sample in recipes for key in sample.data or {})
    chosen: dict[str, str] = {}
    for role, names in synonyms()["keys"].items():
        used = [(count, key) for key, count in counts.items() if squash(key) in names and key not in chosen.values()]
        if used:
            chosen[role] = max(used)[1]
    return replace(profile, keys=replace(profile.keys, **chosen))


def _sections(profile: Profile, recipes: list[Sample], strict: bool) -> tuple[Profile, list[str]]:
    """The required sections most recipes have, under the names they use."""
    specs, levels, facts = [], Counter(), []
    aliases = synonyms()["sections"]
    for role in ("quick_info", "ingredients", "steps", "source"):
        known = profile.section(role)
        candidates = set(aliases.get(role, ())) | {heading_key(name) for name in (known.names if known else ())}
        used = Counter(key for sample in recipes for level, key in set(sample.headings)
                       if key in candidates and level >= 2)
        having = _share(recipes, lambda s, c=candidates: any(k in c and lv >= 2 for lv, k in s.headings))
        if having < MAJORITY:
            if known is not None:
                facts.append(f"section '{known.names[0]}' is not in most recipes: not required")
            continue
        levels.update(level for sample in recipes for level, key in sample.headings if key in candidates)
        names = _section_names(known, used, recipes)
        specs.append(SectionSpec(role, names))
        facts.append(f"section '{names[0]}' in {having:.0%} of recipes")
    kept = tuple(level for level, count in sorted(levels.items()) if level >= 2 and count * 20 >= sum(levels.values()))
    if not strict and profile.sections == tuple(specs) or not kept:
        return replace(profile, sections=tuple(specs)), facts
    preferred = max(kept, key=lambda level: levels[level])
    return replace(profile, sections=tuple(specs), section_levels=kept, preferred_section_level=preferred), facts


def _section_names(known: SectionSpec | None, used: Counter[str], recipes: list[Sample]) -> tuple[str, ...]:
    """A built-in section's names when the vault writes its first one; else
    the names the vault writes, the most used first."""
    if known is not None and used and heading_key(known.names[0]) == used.most_common(1)[0][0]:
        return known.names
    written = []
    for key, _ in used.most_common():
        title = next(sample.titles[key] for sample in recipes if key in sample.titles)
        written.append(re.sub(r"[\s:]*(?:\{[^}]*\})?\s*$", "", title))
    return tuple(dict.fromkeys(written + list(known.names if known else ())))


def _tag_values(profile: Profile, recipes: list[Sample]) -> list[tuple[str, ...]]:
    result = []
    for sample in recipes:
        value = (sample.data or {}).get(profile.keys.tags)
        items = value if isinstance(value, list) else str(value or "").replace(",", " ").split()
        result.append(tuple(str(item) for item in items if isinstance(item, str) and item))
    return result


def _tags(profile: Profile, recipes: list[Sample]) -> tuple[Profile, list[str], list[str]]:
    """The tag style of most tags, and the namespaces the recipes use."""
    notes = _tag_values(profile, recipes)
    every = [tag for tags in notes for tag in tags]
    if not every:
        return profile, ["no tags in the front matter: tag rules off"], ["TG"]
    hashed = sum(tag.startswith("#") for tag in every) * 2 > len(every)

    def in_use(namespace: str) -> bool:
        prefix = namespace.casefold() + "/"
        having = sum(1 for tags in notes if any(t.lstrip("#").casefold().startswith(prefix) for t in tags))
        return having >= IN_USE * len(recipes)

    fields = tuple((role, ns) for role, ns in profile.field_namespaces if in_use(ns))
    changes: dict[str, Any] = {"tags_with_hash": hashed, "field_namespaces": fields,
                               "multi_value_namespaces": tuple(ns for ns in profile.multi_value_namespaces
                                                               if any(ns == used for _, used in fields))}
    facts = [f"tags written {'with' if hashed else 'without'} '#' ({len(every)} tags)",
             "tag namespaces mirroring fields: " + (", ".join(ns for _, ns in fields) or "none")]
    ignore: list[str] = []
    if not in_use(profile.time_namespace):
        changes["time_namespace"] = ""
        facts.append(f"no '{profile.time_namespace}/' tags: times are not tagged")
    invalid = [tag for tag in every if invalid_reason(tag.lstrip("#"))]
    if len(invalid) * 2 > len(every):
        ignore.append("TG004")
        facts.append(f"most tags are not tags Obsidian reads (like '{invalid[0]}'): the vault's own style, not checked")
    return replace(profile, **changes), facts, ignore


def _layout_ignores(recipes: list[Sample]) -> list[str]:
    """Rules on a layout most recipes do not have: front matter, an H1 title."""
    ignore = []
    if _share(recipes, lambda s: s.data is not None) < MAJORITY:
        ignore.append("FM001")
    if _share(recipes, lambda s: any(level == 1 for level, _ in s.headings)) < MAJORITY:
        ignore.append("SC001")
    return ignore


# -- the schema --------------------------------------------------------------------------

def _schema(profile: Profile, recipes: list[Sample], base: str | None) -> dict[str, Any] | None:
    """The built-in schema less the keys most recipes do not have (None when
    it needs no change); for a vault of its own, a schema of its keys."""
    with_data = [sample.data for sample in recipes if sample.data is not None]
    if not with_data:
        return {"type": "object"}
    if base is not None:
        return _fitted(profile.schema, with_data)
    return own_schema(with_data)


def _fitted(name: str, data: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A built-in schema less what most recipes do otherwise: a required key
    most of them lack, a key whose values most of them write another way
    (its own type and values then). None when the schema fits as it is."""
    from vault_lint.schema import load_schema, load_validator, plain

    schema, validator = load_schema(name), load_validator(name)
    required = [key for key in schema.get("required", []) if _key_share(data, key) >= MAJORITY]
    broken = Counter(str(path[0]) for item in data for path in validator.error_paths(plain(item)) if path)
    properties = dict(schema.get("properties", {}))
    for key, count in broken.items():
        having = [item[key] for item in data if key in item]
        if key in properties and count * 2 >= len(having):
            properties[key] = _property(having)
    if required == schema.get("required", []) and properties == schema.get("properties", {}):
        return None
    return {**schema, "required": required, "properties": properties}


def _key_share(data: list[dict[str, Any]], key: str) -> float:
    return sum(1 for item in data if key in item) / len(data)


def own_schema(data: list[dict[str, Any]]) -> dict[str, Any]:
    """The keys nearly every recipe has (required), and for each key most
    recipes have: its type, and its values when they are few (an enum)."""
    counts = Counter(key for item in data for key in item)
    required = sorted(key for key, count in counts.items() if count >= NEARLY_ALL * len(data))
    properties = {}
    for key, count in counts.items():
        if count * 5 >= len(data):
            values = [item[key] for item in data if key in item]
            properties[key] = _property(values)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": required,
        "properties": {key: value for key, value in sorted(properties.items()) if value},
    }


def _property(values: list[Any]) -> dict[str, Any]:
    kinds = Counter(_kind(value) for value in values)
    kind, count = kinds.most_common(1)[0]
    if count < NEARLY_ALL * len(values) or kind == "null":
        return {}
    result: dict[str, Any] = {"type": kind}
    if kind == "string":
        words = Counter(str(value) for value in values)
        if len(values) >= 10 and len(words) <= max(3, len(values) // 10) and all(len(w) < 40 for w in words):
            result["enum"] = sorted(words)
    return result


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    return "string"  # text and dates (YAML dates are checked as ISO strings)

