"""mdformat for Obsidian notes: the plugin set MD001 formats a note's body
with, and the plugins of vault-lint's own that it needs.

Published plugins, where they are right:

- ``gfm`` (mdformat-gfm): tables (an escaped ``\\|`` in a cell, as in
  ``[[Note\\|alias]]``, stays escaped), ``~~strikethrough~~``, task lists,
  bare URLs left unescaped;
- ``wikilink`` (mdformat-wikilink): ``[[Note]]``, ``[[Note#Heading|alias]]``,
  ``![[image.png|200]]`` written as they are (mdformat alone escapes them,
  ``\\[[Note]\\]``).

Plugins of this package (mdformat's plugin interface: ``update_mdit`` and
``RENDERERS``), for what no published plugin gets right:

- ``comments``: ``%%…%%``, inline and as blocks, written back as they are;
- ``math``: ``$…$`` and ``$$…$$`` written back as they are;
- ``footnotes``: ``[^1]``, ``^[…]`` and definitions, left in place;
- ``links``: link and image destinations written as they are (markdown-it
  percent-encodes them: ``(4%20épices)`` would become ``(4%20%C3%A9pices)``);
- ``callouts``: a callout, header and body, written back as it is;
- ``escapes``: a backslash escape written as it is (mdformat drops those
  CommonMark does not need, but ``\\=\\=``, ``\\:\\:`` or ``\\[^1\\]`` would
  then be Obsidian syntax);
- ``breaks``: a hard line break written as the note writes it (two
  trailing spaces, as Obsidian documents it, or a backslash), where
  mdformat always writes a backslash;
- ``entities``: ``&nbsp;`` and other character references written as they
  are (mdformat writes the character: an invisible no-break space).

Left out: mdformat-obsidian upper-cases callout types (``[!tip]`` becomes
``[!TIP]``), drops a callout title holding a wikilink, moves footnote
definitions to the end of the note; mdformat-footnote moves, renumbers and
drops footnote definitions; mdformat-tables and mdformat-dollarmath do not
install beside mdformat 1.0 (they require mdformat < 0.8); mdformat-frontmatter
is not needed, since the front matter is never given to mdformat;
mdformat-recover-urls decodes relative links only and drops link titles.
Tags (``#tag``), block ids (``^id``) and highlights (``==text==``) are
text mdformat leaves alone.

mdformat, markdown-it-py and the plugins found through mdformat's entry
points take about 0.2 s to load: this package is imported only when MD001
runs.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# The published plugins, by their mdformat names.
PUBLISHED = ("gfm", "wikilink")

# How the body is written: lines kept as they are (no wrapping), ordered
# lists numbered 1, 2, 3 (as SC005 reads steps), LF (the rule puts the
# note's own line endings back).
OPTIONS: dict[str, Any] = {"wrap": "keep", "number": True, "end_of_line": "lf"}


@cache
def parser() -> MarkdownIt:
    """markdown-it set up as ``mdformat.text`` sets it up, with the plugin
    objects themselves: this package's plugins are no entry points, and a
    plugin some other package installs never changes how a note is
    written."""
    import mdformat.plugins
    from markdown_it import MarkdownIt
    from mdformat.renderer import MDRenderer

    from vault_lint.mdformat_obsidian import (
        breaks,
        callouts,
        comments,
        entities,
        escapes,
        footnotes,
        links,
        math,
    )

    mdit = MarkdownIt(renderer_cls=MDRenderer)
    mdit.options["mdformat"] = OPTIONS
    mdit.options["store_labels"] = True  # as mdformat does: reference links keep their labels
    mdit.options["codeformatters"] = {}
    mdit.options["parser_extension"] = []
    # Comments first: their inline rule goes before every other one.
    extensions = [comments, math, footnotes, links, callouts, breaks, escapes, entities,
                  *(mdformat.plugins.PARSER_EXTENSIONS[name] for name in PUBLISHED)]
    for extension in extensions:
        if extension not in mdit.options["parser_extension"]:
            mdit.options["parser_extension"].append(extension)
            extension.update_mdit(mdit)
    return mdit


def format_markdown(text: str) -> str:
    """``text`` (LF line endings) as mdformat writes it with this plugin set."""
    return parser().render(text)
