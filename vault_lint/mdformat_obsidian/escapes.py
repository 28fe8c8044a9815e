"""Backslash escapes written as the note writes them.

CommonMark reads ``\\=``, ``\\:``, ``\\#`` or ``\\[`` as the character
alone, and mdformat drops every escape CommonMark does not need: but
Obsidian reads more syntax than CommonMark, and the escape is what keeps
it text. Without it ``\\=\\=texte\\=\\=`` would become a highlight,
``clé\\:\\: valeur`` a Dataview inline field, ``\\[^1\\]`` a footnote
reference, ``\\#tag`` a tag, ``\\%\\%`` a comment, ``\\$x\\$`` math,
``\\^\\[…\\]`` an inline footnote. This plugin keeps each escape the note
writes as its own token, written back as it was written (the text on
either side is escaped as if the escape were an edge of it, which escapes
more, never less); an escape mdformat adds where CommonMark needs one is
still added.

markdown-it reads an escape and a hard break written with a backslash
(``line\\`` over the next line) with the same rule: this one marks that
break too, for ``breaks``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from markdown_it.rules_inline import escape

from vault_lint.mdformat_obsidian.breaks import BACKSLASH

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from mdformat.renderer import RenderContext, RenderTreeNode
    from mdformat.renderer.typing import Render

TOKEN = "written_escape"


def update_mdit(mdit: MarkdownIt) -> None:
    mdit.inline.ruler.at("escape", _escape)
    mdit.core.ruler.push("written_escape_in_alt", _in_alt)


def _escape(state: StateInline, silent: bool) -> bool:
    """markdown-it's own escape rule; the escape it reads is kept out of
    the text it would be merged into, a hard break it reads is marked."""
    count = len(state.tokens)
    found = escape(state, silent)
    if found and not silent and len(state.tokens) > count:
        token = state.tokens[-1]
        if token.type == "hardbreak":
            token.markup = BACKSLASH
        elif token.type == "text_special" and token.info == "escape":
            token.type = TOKEN  # not "text_special": markdown-it would merge it into the text
    return found


def _in_alt(state: StateCore) -> None:
    """An image's description is written as plain text (mdformat renders
    no other token there): its escapes become text, as written."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            _alt_text(token.children, False)


def _alt_text(tokens: list[Token], in_image: bool) -> None:
    for token in tokens:
        if in_image and token.type == TOKEN:
            token.type, token.content = "text", token.markup
        if token.children:
            _alt_text(token.children, in_image or token.type == "image")


def _as_written(node: RenderTreeNode, context: RenderContext) -> str:
    return node.markup


RENDERERS: Mapping[str, Render] = {TOKEN: _as_written}
