"""Obsidian comments, ``%%…%%``, inline and as blocks: written back exactly
as they are, so that nothing inside a comment is ever formatted (a list,
a heading or a wikilink set aside in a comment stays as it was written)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from vault_lint.mdformat_obsidian._verbatim import (
    block_rule,
    render_content,
    render_span,
    restore_breaks,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from mdformat.renderer.typing import Postprocess, Render

MARK = "%%"


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.block.ruler.before(
        "fence", "obsidian_comment_block", block_rule("obsidian_comment_block", MARK, unclosed_to_end=True),
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    # First of the inline rules: nothing inside a comment is read as
    # emphasis, a link, a wikilink or math.
    mdit.inline.ruler.before("text", "obsidian_comment", _comment)


def _comment(state: StateInline, silent: bool) -> bool:
    """``%%…%%`` in a paragraph (an unclosed one is left to the text)."""
    if not state.src.startswith(MARK, state.pos):
        return False
    close = state.src.find(MARK, state.pos + len(MARK), state.posMax)
    if close < 0:
        return False
    end = close + len(MARK)
    if not silent:
        token = state.push("obsidian_comment", "", 0)
        token.content = state.src[state.pos:end]
    state.pos = end
    return True


RENDERERS: Mapping[str, Render] = {
    "obsidian_comment_block": render_content,
    "obsidian_comment": render_span,
}
POSTPROCESSORS: Mapping[str, Postprocess] = {"paragraph": restore_breaks}
