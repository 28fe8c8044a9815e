"""Hard line breaks written the way the note writes them.

mdformat writes every hard break as a backslash at the end of the line
(``line\\``), which CommonMark reads as a break; Obsidian's help documents
only the two trailing spaces (``line··``), and a vault written for
Obsidian uses those. This plugin marks the breaks written with a
backslash as it reads them, and writes a break with two spaces unless it
was marked: a note keeps its own way, and none turns into the other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from markdown_it.rules_inline import escape

from vault_lint.mdformat_obsidian._verbatim import in_paragraph

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Postprocess, Render

BACKSLASH = "\\"
# Stands for the two spaces until the paragraph is written: mdformat strips
# the white space at the end of every line of a paragraph.
TWO_SPACES = "\ufffe"


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.inline.ruler.at("escape", _escape)


def _escape(state: StateInline, silent: bool) -> bool:
    """markdown-it's own escape rule, which also reads ``\\`` before a line
    break as a hard break: that break is marked."""
    count = len(state.tokens)
    found = escape(state, silent)
    if found and not silent and len(state.tokens) > count and state.tokens[-1].type == "hardbreak":
        state.tokens[-1].markup = BACKSLASH
    return found


def _hardbreak(node: RenderTreeNode, context: RenderContext) -> str:
    if node.markup == BACKSLASH or not in_paragraph(node):
        return context.with_default_renderer_for("hardbreak").renderers["hardbreak"](node, context)
    return TWO_SPACES + "\n"


def _restore(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    return text.replace(TWO_SPACES, "  ")


RENDERERS: Mapping[str, Render] = {"hardbreak": _hardbreak}
POSTPROCESSORS: Mapping[str, Postprocess] = {"paragraph": _restore}
