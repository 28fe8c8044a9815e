"""Callouts: a quote whose first line is ``[!type]``, ``[!type]-`` or
``[!type]+ Title``.

mdformat alone writes a callout as it is (type, ``+``/``-``, title with
its links, once wikilinks are read), but separates a one-line header from
the block after it by an empty quote line, since CommonMark reads the
header as a paragraph::

    > [!warning]        > [!warning]
    > - ne pas cuire    >
                        > - ne pas cuire

Obsidian reads the first line as the header whatever follows, and notes
write the body right under it: this plugin keeps a one-line header on the
line above the block that follows it when the note has it there (the
parser then already read that block as interrupting the header's
paragraph, so the two still read the same). The published
mdformat-obsidian upper-cases the type (``[!TIP]``) and drops a title
holding a wikilink."""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Render

HEADER = re.compile(r"\[![^\]\n]+\][+-]?(?:[ \t][^\n]*)?")
MARKER = "> "


def update_mdit(mdit: MarkdownIt) -> None:
    """Nothing to parse: a callout is a quote."""


def _blockquote(node: RenderTreeNode, context: RenderContext) -> str:
    """A quote as mdformat writes it, but a callout's one-line header stays
    right above the block that follows it in the note."""
    with context.indented(len(MARKER)):
        parts = [(child, text) for child in node.children if (text := child.render(context))]
    if not parts:
        return ">"
    text = parts[0][1]
    for (before, _), (child, part) in pairwise(parts):
        text += ("\n" if before is parts[0][0] and _header_over(node, before, child) else "\n\n") + part
    return "\n".join(MARKER + line if line else ">" for line in text.splitlines())


def _header_over(quote: RenderTreeNode, header: RenderTreeNode, block: RenderTreeNode) -> bool:
    """Is ``header`` a callout's one-line header with ``block`` on the line
    under it in the note?"""
    if header.type != "paragraph" or quote.children[0] is not header:
        return False
    inline = header.children[0] if header.children else None
    if inline is None or not HEADER.fullmatch(inline.content):
        return False
    return header.map is not None and block.map is not None and header.map[1] == block.map[0]


RENDERERS: Mapping[str, Render] = {"blockquote": _blockquote}
