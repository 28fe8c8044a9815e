"""Character references, ``&nbsp;``, ``&amp;``, ``&#10;``, written as they
are.

mdformat writes what a reference stands for: ``&nbsp;`` becomes an
invisible no-break space, ``&amp;`` a bare ``&``. Obsidian's help suggests
``&nbsp;`` to keep spaces from collapsing: a note that writes one means it
to be seen. This plugin reads a reference with markdown-it's own rule and
keeps it out of the text it would be merged into, as its own token,
written back as it was written (the text on either side is escaped as if
the reference were an edge of it, which escapes more, never less)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from markdown_it.rules_inline import entity

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Render

TOKEN = "character_reference"


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.inline.ruler.at("entity", _reference)


def _reference(state: StateInline, silent: bool) -> bool:
    count = len(state.tokens)
    found = entity(state, silent)
    if found and not silent and len(state.tokens) > count and state.tokens[-1].info == "entity":
        state.tokens[-1].type = TOKEN  # not "text_special": markdown-it would merge it into the text
    return found


def _as_written(node: RenderTreeNode, context: RenderContext) -> str:
    return node.markup


RENDERERS: Mapping[str, Render] = {TOKEN: _as_written}
