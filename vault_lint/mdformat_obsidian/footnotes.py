"""Footnotes, ``[^1]``, ``[^1]: …`` and inline ``^[…]``, left where they
are written.

mdit-py-plugins' ``footnote`` parser, with its definitions kept in place
(``move_to_end=False``) and every ``[^label]`` read as a reference, defined
or not. The published mdformat-footnote moves the definitions to the end
of the note, renumbers them and drops those never referenced: it would
move or delete what the author wrote."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mdit_py_plugins.footnote import footnote_plugin

from vault_lint.mdformat_obsidian._verbatim import restore_breaks, span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Postprocess, Render

INDENT = " " * 4  # a definition's lines after its first


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.use(footnote_plugin, inline=True, move_to_end=False, always_match_refs=True)


def _reference(node: RenderTreeNode, context: RenderContext) -> str:
    """``[^label]``, or an inline footnote ``^[…]`` as written."""
    if "label" in node.meta:
        return f"[^{node.meta['label']}]"
    content = context.env["footnotes"]["list"][node.meta["id"]]["content"]
    return "^[" + span(node, content) + "]"


def _definition(node: RenderTreeNode, context: RenderContext) -> str:
    """``[^label]: text``, its other lines and blocks indented by four."""
    head = f"[^{node.meta['label']}]:"
    children = list(node.children)
    if not children:
        return head
    with context.indented(len(INDENT)):
        parts = [child.render(context) for child in children]
    first, *rest = parts
    text = head + " " + first if children[0].type == "paragraph" else head + "\n" + first
    text += "".join("\n\n" + part for part in rest)
    line, _, more = text.partition("\n")
    return line + ("\n" + textwrap.indent(more, INDENT) if more else "")


RENDERERS: Mapping[str, Render] = {
    "footnote_ref": _reference,
    "footnote_reference": _definition,
}
POSTPROCESSORS: Mapping[str, Postprocess] = {"paragraph": restore_breaks}
