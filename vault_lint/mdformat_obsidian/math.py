"""Math, ``$…$`` and ``$$…$$``, as Obsidian reads it (MathJax): written
back exactly as it is (mdformat alone doubles every backslash of
``\\frac``, ``\\pi``, ``\\\\``, and escapes ``*`` and ``_``).

Inline math is found by mdit-py-plugins' ``dollarmath`` with Obsidian's
rules: no space after the opening ``$`` nor before the closing one, no
digit right after the closing one (``$5 and $10`` is no math), and
``$$…$$`` inside a paragraph. A ``$$`` block is this package's own rule:
dollarmath keeps the indentation of a list item on the lines of a block,
which mdformat then indents once more at every run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mdit_py_plugins.dollarmath import dollarmath_plugin

from vault_lint.mdformat_obsidian._verbatim import (
    block_rule,
    render_content,
    render_span,
    restore_breaks,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Postprocess, Render


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True)
    mdit.block.ruler.at("math_block", block_rule("obsidian_math_block", "$$", unclosed_to_end=False))


def _inline(node: RenderTreeNode, context: RenderContext) -> str:
    return node.markup + render_span(node, context) + node.markup


RENDERERS: Mapping[str, Render] = {
    "obsidian_math_block": render_content,
    "math_inline": _inline,
    "math_inline_double": _inline,
}
POSTPROCESSORS: Mapping[str, Postprocess] = {"paragraph": restore_breaks}
