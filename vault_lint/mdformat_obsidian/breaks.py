"""Hard line breaks written the way the note writes them.

mdformat writes every hard break as a backslash at the end of the line
(``line\\``), which CommonMark reads as a break; Obsidian's help documents
only the two trailing spaces (``line··``), and a vault written for
Obsidian uses those. The breaks written with a backslash are marked as
they are read (by ``escapes``, whose rule reads them), and this plugin
writes a break with two spaces unless it was marked: a note keeps its own
way, and none turns into the other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from vault_lint.mdformat_obsidian._verbatim import in_paragraph

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Postprocess, Render

BACKSLASH = "\\"
# Stands for the two spaces until the paragraph is written: mdformat strips
# the white space at the end of every line of a paragraph.
TWO_SPACES = "\ufffe"


def update_mdit(mdit: MarkdownIt) -> None:
    """Nothing to parse here: markdown-it reads a break written with a
    backslash with its escape rule, which ``escapes`` replaces and which
    marks that break."""


def _hardbreak(node: RenderTreeNode, context: RenderContext) -> str:
    if node.markup == BACKSLASH or not in_paragraph(node):
        return context.with_default_renderer_for("hardbreak").renderers["hardbreak"](node, context)
    return TWO_SPACES + "\n"


def _restore(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    return text.replace(TWO_SPACES, "  ")


RENDERERS: Mapping[str, Render] = {"hardbreak": _hardbreak}
POSTPROCESSORS: Mapping[str, Postprocess] = {"paragraph": _restore}
