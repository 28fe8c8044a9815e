"""A vault of hostile notes: every way a file can be malformed, oversized or
odd, next to ordinary ones. The hardening tests lint it note by note, and
``limits.py`` lints it whole under a clock and a memory gauge.

    python benchmarks/hostile.py DIR      # write the hostile vault into DIR
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
CLEAN = (FIXTURES / "clean_list.md").read_bytes().decode("utf-8")
FRONT, BODY = CLEAN[4:].split("\n---\n", 1)  # the front matter's keys; the body
HUGE_SIZE = 50 * 1024 * 1024


def note(front: str, body: str = "# Titre\n") -> bytes:
    return f"---\n{front}\n---\n{body}".encode()


def alias_bomb(levels: int = 10, width: int = 9) -> bytes:
    """The "billion laughs": each level a list of ``width`` aliases of the
    one before, 9**10 values once expanded."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return note("\n".join(lines))


def many_tags(count: int = 100_000) -> bytes:
    tags = "".join(f'  - "#ingrédient/n{i}"\n' for i in range(count))
    return ("---\n" + FRONT.replace("tags:\n", "tags:\n" + tags) + "\n---\n" + BODY).encode()


# Each hostile note: its file name and its bytes.
NOTES: dict[str, Callable[[], bytes]] = {
    "empty.md": lambda: b"",
    "whitespace.md": lambda: b"  \n\n\t \n",
    "unterminated.md": lambda: b"---\ncuisine: chinoise\n# Titre\n\n- [a, b\n  key: [\n",
    "toml.md": lambda: b'+++\ncuisine = "chinoise"\n+++\n# Titre\n',
    "json.md": lambda: b'{\n  "cuisine": "chinoise"\n}\n# Titre\n',
    "tab-indent.md": lambda: note("cuisine: chinoise\n\ttype: plat-principal"),
    "invalid-yaml.md": lambda: note("cuisine: chinoise\ntags: [a, b\nportions: 4"),
    "list.md": lambda: note("- cuisine\n- type"),
    "scalar.md": lambda: note("just some text"),
    "unhashable-key.md": lambda: note("cuisine: chinoise\n? [a, b]\n: c"),
    "alias-bomb.md": alias_bomb,
    "deep-nesting.md": lambda: note("tags: " + "[" * 5000 + "]" * 5000),
    "python-tag.md": lambda: note('cuisine: !!python/object/apply:os.system ["touch PWNED"]'),
    "unknown-tag.md": lambda: note("cuisine: !recette chinoise"),
    "impossible-date.md": lambda: CLEAN.replace("2025-09-14", "2025-02-30").encode(),
    "out-of-range-date.md": lambda: CLEAN.replace("2025-09-14", "2025-09-14 25:61:00").encode(),
    "many-tags.md": many_tags,
    "long-line.md": lambda: (CLEAN + "x" * 2_000_000 + "\n").encode(),
    "binary.md": lambda: bytes(range(256)) * 64,
    "nul-bytes.md": lambda: CLEAN.replace("wok", "w\x00k").encode(),
    "utf16.md": lambda: b"\xff\xfe" + CLEAN.encode("utf-16-le"),
    "utf32.md": lambda: b"\x00\x00\xfe\xff" + CLEAN.encode("utf-32-be"),
    "mixed-endings.md": lambda: CLEAN.replace("\n", "\r\n", 12).encode(),
    "fenced-dashes.md": lambda: (CLEAN + "\n```yaml\n---\ncuisine: [\n---\n```\n").encode(),
}


def make_hostile_vault(root: Path, outside: Path) -> None:
    """Write every hostile note into ``root`` (an Obsidian vault), with a
    sparse 50 MB note, a symlink loop, a link to a note in ``outside``, a
    link to a folder of notes there, and a dangling link."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for name, make in NOTES.items():  # each its own reel: the notes are not copies of one recipe (VL001)
        (root / name).write_bytes(make().replace(b"C8xYzAbCdEf", name.encode().replace(b".", b"-")))
    with (root / "huge.md").open("wb") as handle:
        handle.truncate(HUGE_SIZE)  # sparse: instant, no disk used
    loop = root / "loop"
    loop.mkdir(exist_ok=True)
    os.symlink("..", loop / "parent")
    os.symlink(".", loop / "self")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "elsewhere.md").write_bytes(CLEAN.replace("C8xYzAbCdEf", "elsewhere").encode())
    os.symlink(outside / "elsewhere.md", root / "outside-link.md")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "inside-the-link.md").write_bytes(CLEAN.replace("C8xYzAbCdEf", "inside-the-link").encode())
    os.symlink(outside / "folder", root / "outside-folder")
    os.symlink("no-such-note.md", root / "dangling.md")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    make_hostile_vault(target / "vault", target / "outside")
    print(f"hostile vault written to {target / 'vault'}")
