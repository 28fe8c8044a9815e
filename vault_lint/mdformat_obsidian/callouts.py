"""Callouts: a quote whose first line is ``[!type]``, ``[!type]-`` or
``[!type]+ Title``, written back exactly as the note writes it.

mdformat alone would rewrite a callout's body as it rewrites any quote: a
``*`` bullet as ``-``, ``1)`` as ``1.``, an empty quote line between the
header and a list. A callout is often an old version of a recipe or a
remark set aside (``> [!warning]- Ancienne version``) that the author
keeps as it was, and Obsidian reads its first line as the header whatever
follows: the whole callout, header and body, is kept byte for byte, less
the indentation of the container it is in (a list item, a quote), which
mdformat writes back itself. The published mdformat-obsidian upper-cases
the type (``[!TIP]``) and drops a title holding a wikilink.

Where a callout ends is read by markdown-it's own quote rule (a lazy line
of its last paragraph belongs to it, as in Obsidian)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from markdown_it.rules_block import blockquote

from vault_lint.mdformat_obsidian._verbatim import render_content

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from mdformat.renderer.typing import Render

# A callout's first line: '>', then its type in '[!…]'.
OPENING = re.compile(r">[ \t]*\[![^\]\n]+\]")
TOKEN = "obsidian_callout"


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.block.ruler.before("blockquote", TOKEN, _callout, {"alt": ["paragraph", "reference", "blockquote", "list"]})


def _callout(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A quote opening with ``[!type]``, read by the quote rule, kept as
    one token holding its lines as written."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.is_code_block(start_line) or not OPENING.match(state.src, begin, state.eMarks[start_line]):
        return False
    if silent:
        return True
    tokens = len(state.tokens)
    if not blockquote(state, start_line, end_line, False):
        return False
    end = state.line
    del state.tokens[tokens:]
    token = state.push(TOKEN, "", 0)
    token.block = True
    token.content = state.getLines(start_line, end, state.blkIndent, False).rstrip("\n")
    token.map = [start_line, end]
    state.line = end
    return True


RENDERERS: Mapping[str, Render] = {TOKEN: render_content}
