"""What the plugins of this package share: blocks and spans written back
exactly as they were read.

A verbatim block runs from a line opening with a mark (``%%``, ``$$``) to
the line where the closing mark ends it; its lines are kept as written,
less the indentation of the container they are in (a list item, a quote),
which mdformat writes back itself.

A verbatim span inside a paragraph may hold line breaks (``%%a\\nb%%``):
mdformat strips each line of a paragraph and escapes a line that would
open a block (``2) b`` becomes ``2\\) b``), so the span's line breaks are
written as ``PROTECTED_BREAK`` and put back once the paragraph is written
(``restore_breaks``, a paragraph postprocessor).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from mdformat.renderer import RenderContext, RenderTreeNode

# A noncharacter: never in a note, never touched by mdformat's escapes.
PROTECTED_BREAK = "\uffff"

BlockRule = Callable[["StateBlock", int, int, bool], bool]


def protect_breaks(text: str) -> str:
    return text.replace("\n", PROTECTED_BREAK)


def restore_breaks(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Paragraph postprocessor: the line breaks of verbatim spans back."""
    return text.replace(PROTECTED_BREAK, "\n")


def block_rule(token_type: str, mark: str, *, unclosed_to_end: bool) -> BlockRule:
    """A block rule for ``mark`` at the start of a line up to the next
    ``mark`` that ends a line (on the same line or a later one). When no
    closing mark follows, the block runs to the end of its container with
    ``unclosed_to_end`` (an unclosed ``%%`` hides the rest of the note in
    Obsidian), else there is no block.

    No block either, but a paragraph holding a span, when the closing mark
    is followed by text on its line, or when the block would be one line
    followed by a line of text (``%% todo %%`` over a step stays in the
    step's paragraph); and a block interrupts a paragraph only when it spans
    lines (``text\\n%%\\n- hidden item\\n%%``: the hidden item is no list).

    The token's ``content`` is the block's lines as written, from the
    opening mark to the closing one, with the container's indentation
    taken off."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.is_code_block(start_line):
            return False
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if not state.src.startswith(mark, begin):
            return False
        line, search_from = start_line, begin + len(mark)
        while True:
            line_end = state.eMarks[line]
            found = state.src.find(mark, search_from, line_end)
            if found >= 0:
                if state.src[found + len(mark):line_end].strip():
                    return False
                break
            line += 1
            if line >= end_line:
                if not unclosed_to_end:
                    return False
                line = end_line - 1
                break
            if not state.isEmpty(line) and state.sCount[line] < state.blkIndent:
                # A line less indented than the list item the block is in
                # is outside it: the block cannot reach past it.
                if not unclosed_to_end:
                    return False
                line -= 1
                break
            search_from = state.bMarks[line] + state.tShift[line]
        one_line = line == start_line
        if one_line and (silent or (line + 1 < end_line and not state.isEmpty(line + 1))):
            return False
        if silent:
            return True
        token = state.push(token_type, "", 0)
        token.block = True
        token.markup = mark
        token.content = state.getLines(start_line, line + 1, state.sCount[start_line], False)
        token.map = [start_line, line + 1]
        state.line = line + 1
        return True

    return rule


def render_content(node: RenderTreeNode, context: RenderContext) -> str:
    """A verbatim block's renderer."""
    return node.content


def render_span(node: RenderTreeNode, context: RenderContext) -> str:
    """A verbatim span's renderer."""
    return span(node, node.content)


def span(node: RenderTreeNode, text: str) -> str:
    """``text``, written for ``node``: its line breaks protected inside a
    paragraph."""
    return protect_breaks(text) if in_paragraph(node) else text


def in_paragraph(node: RenderTreeNode) -> bool:
    """Is ``node`` in the text of a paragraph (not of a heading or a table
    cell, where mdformat keeps no line break)?"""
    inline = node.parent
    while inline is not None and inline.type != "inline":
        inline = inline.parent
    return inline is not None and inline.parent is not None and inline.parent.type == "paragraph"
