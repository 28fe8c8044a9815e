"""Link and image destinations written as they are.

markdown-it percent-encodes a destination as it reads it, and mdformat
writes what it read: ``(4%20épices)`` would become ``(4%20%C3%A9pices)``,
``({static}images/a.jpg)`` ``(%7Bstatic%7Dimages/a.jpg)``. Obsidian reads
both forms, but the note would no longer say what its author wrote. This
plugin replaces markdown-it's ``normalizeLink`` (the parser's documented
place for it) by one that leaves the destination as it is.

mdformat-recover-urls, published for the same trouble, decodes relative
links only and writes a link without its title."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer.typing import Render


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.normalizeLink = _as_written  # type: ignore[method-assign]


def _as_written(url: str) -> str:
    return url


RENDERERS: Mapping[str, Render] = {}
