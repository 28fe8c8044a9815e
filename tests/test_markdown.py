"""The body of a note as Obsidian reads it (``vault_lint.markdown``)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault_lint.markdown import Body, BodyHeading, Region, hidden_lines, parse_body

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LINE_BREAK = re.compile(r"\r\n|\r|\n")

GRAVLAX = """\
---
tags:
  - "#poisson"
---
# Gravlax

## Ingrédients
- 500 g de saumon
- 2 c. à soupe de sel
  et de sucre
lazy continuation

## Étapes
1. Mélanger le sel et le sucre.
2. Couvrir le saumon.
   1. Filmer.
   2. Laisser 48 h au frais.
3. Trancher finement.

## Source
Link: https://www.instagram.com/reel/DQDuWQZAaoP/
"""


def parse(body: str) -> Body:
    return parse_body(body, 0)


def line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def titles(body: Body) -> list[tuple[int, str, int]]:
    return [(heading.level, heading.title, heading.line) for heading in body.headings]


def items(body: Body) -> list[tuple[int, str, int | None, int, int]]:
    return [(item.line, item.marker, item.number, item.last_line, item.depth) for item in body.items]


def kinds(body: Body, text: str) -> list[tuple[str, str]]:
    return [(region.kind, text[region.start:region.end]) for region in body.regions]


# -- a recipe ---------------------------------------------------------------------------------
def test_recipe_with_front_matter() -> None:
    start = GRAVLAX.index("# Gravlax")
    body = parse_body(GRAVLAX, start)
    assert titles(body) == [(1, "Gravlax", 5), (2, "Ingrédients", 7), (2, "Étapes", 13), (2, "Source", 20)]
    assert items(body) == [
        (8, "-", None, 8, 0),
        (9, "-", None, 11, 0),  # an indented continuation line and a lazy one
        (14, "1.", 1, 14, 0),
        (15, "2.", 2, 17, 0),  # its nested list included
        (16, "1.", 1, 16, 1),
        (17, "2.", 2, 17, 1),
        (18, "3.", 3, 18, 0),
    ]
    assert body.regions == body.comments == body.wikilinks == body.tags == body.block_ids == ()


def test_heading_positions() -> None:
    start = GRAVLAX.index("# Gravlax")
    heading = parse_body(GRAVLAX, start).headings[1]
    line_start = GRAVLAX.index("## Ingrédients")
    assert heading == BodyHeading(2, "Ingrédients", line_start + 3, 7, line_start, line_start + 14, False)


def test_item_positions() -> None:
    start = GRAVLAX.index("# Gravlax")
    nested = parse_body(GRAVLAX, start).items[4]
    line_start = GRAVLAX.index("   1. Filmer.")
    assert (nested.start, nested.indent, nested.marker_start) == (line_start, 3, line_start + 3)
    assert (nested.text, nested.text_start) == ("Filmer.", line_start + 6)
    assert GRAVLAX[nested.text_start:].startswith("Filmer.\n")


def test_front_matter_only_counts_in_line_numbers() -> None:
    text = "---\ntitle: x\n---\n## Étapes\n- a\n"
    body = parse_body(text, text.index("##"))
    assert titles(body) == [(2, "Étapes", 4)]
    assert items(body) == [(5, "-", None, 5, 0)]
    assert body.items[0].marker_start == text.index("- a")


# -- comments -----------------------------------------------------------------------------------
def test_heading_in_a_block_comment_is_hidden() -> None:
    text = "# Gravlax\n\n%%\n## Ingrédients\n- 500 g de saumon\n%%\n\n## Étapes\n"
    body = parse(text)
    assert titles(body) == [(1, "Gravlax", 1), (2, "Étapes", 8)]
    assert body.items == ()
    comment = text.index("%%")
    assert body.regions == (Region("comment", comment, text.index("%%", comment + 2) + 2),)
    assert body.comments == ((comment, body.regions[0].end),)


def test_heading_in_an_html_comment_is_hidden() -> None:
    text = "# Gravlax\n<!--\n## Ingrédients\n- sel\n-->\n## Étapes\n"
    body = parse(text)
    assert titles(body) == [(1, "Gravlax", 1), (2, "Étapes", 6)]
    assert body.items == ()
    assert kinds(body, text) == [("comment", "<!--\n## Ingrédients\n- sel\n-->")]


def test_inline_comments() -> None:
    text = "Saler %%pas trop%% puis <!-- ou pas --> poivrer.\n"
    body = parse(text)
    assert [text[a:b] for a, b in body.comments] == ["%%pas trop%%", "<!-- ou pas -->"]
    assert kinds(body, text) == [("comment", "%%pas trop%%"), ("comment", "<!-- ou pas -->")]


def test_step_hidden_in_a_comment() -> None:
    text = "## Étapes\n1. Mélanger.\n%%\n2. Étape cachée.\n%%\n3. Cuire.\n%% 4. Encore une. %%\n"
    body = parse(text)
    assert items(body) == [(2, "1.", 1, 2, 0), (6, "3.", 3, 6, 0)]
    assert [kind for kind, _ in kinds(body, text)] == ["comment", "comment"]


def test_unclosed_comment_hides_to_the_end() -> None:
    text = "## Étapes\n1. Mélanger.\n%% à finir\n## Notes\n- rien\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 1)]
    assert items(body) == [(2, "1.", 1, 2, 0)]
    assert body.comments == ((text.index("%%"), len(text)),)
    unclosed_html = parse("# Titre\n<!-- brouillon\n## Notes\n")
    assert titles(unclosed_html) == [(1, "Titre", 1)]


def test_percent_signs_in_code_are_text() -> None:
    text = "Voir `%%` ici.\n\n```\n%%\n```\n\n## Étapes\n\n- un %%\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 7)]
    assert body.comments == ((text.index("%%\n", text.index("- un")), len(text)),)
    assert [kind for kind, _ in kinds(body, text)] == ["code", "comment"]


def test_fence_inside_a_comment_opens_no_code() -> None:
    text = "%%\n```\n%%\n## Étapes\n- un\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 4)]
    assert items(body) == [(5, "-", None, 5, 0)]
    assert kinds(body, text) == [("comment", "%%\n```\n%%")]


def test_comment_sharing_a_line_with_text() -> None:
    # The text after it is not indented code, an item holding only a comment is still an item,
    # and a comment ending a heading is not part of its title.
    text = "Avant.\n\n%%note%%     Après.\n\n- %%vide%%\n\n## Étapes %%à revoir%%\n"
    body = parse(text)
    assert [region.kind for region in body.regions] == ["comment"] * 3
    assert items(body) == [(5, "-", None, 5, 0)]
    assert body.items[0].text == "%%vide%%"
    assert titles(body) == [(2, "Étapes", 7)]


def test_fences_hidden_in_several_comments() -> None:
    # Each comment hides an unclosed fence: the parse shows code only once the comments before
    # are masked, so the comments are looked for again on each new parse.
    text = "".join(f"## Étape {n}\n%%\n```\n%%\n- {n}\n\n" for n in range(3))
    body = parse(text)
    assert titles(body) == [(2, "Étape 0", 1), (2, "Étape 1", 7), (2, "Étape 2", 13)]
    assert items(body) == [(5, "-", None, 5, 0), (11, "-", None, 11, 0), (17, "-", None, 17, 0)]
    assert [kind for kind, _ in kinds(body, text)] == ["comment"] * 3


def test_hostile_comments_stay_fast() -> None:
    # Thousands of those: the parses are capped (the notes past the first few are then read
    # with the code of the last parse), so the time stays linear.
    text = "".join(f"## Étape {n}\n%%\n```\n%%\n- {n}\n\n" for n in range(5000))
    began = time.perf_counter()
    body = parse(text)
    assert time.perf_counter() - began < 10
    assert body.headings[:4] == parse(text[:text.index("## Étape 4")]).headings
    assert all(0 <= a <= b <= len(text) for a, b in body.comments)


# -- code ---------------------------------------------------------------------------------------
def test_heading_in_a_fence_is_code() -> None:
    text = "# Gravlax\n\n```markdown\n## Ingrédients\n- sel\n```\n~~~\n## Étapes\n~~~\n## Source\n"
    body = parse(text)
    assert titles(body) == [(1, "Gravlax", 1), (2, "Source", 10)]
    assert body.items == ()
    assert kinds(body, text) == [
        ("code", "```markdown\n## Ingrédients\n- sel\n```"), ("code", "~~~\n## Étapes\n~~~")
    ]


def test_unclosed_fence_runs_to_the_end() -> None:
    text = "## Étapes\n```\n1. Mélanger.\n## Source\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 1)]
    assert body.items == ()
    assert body.regions == (Region("code", text.index("```"), len(text) - 1),)


def test_heading_in_an_indented_code_block() -> None:
    text = "Texte.\n\n    ## Pas un titre\n    - pas un élément\n\n## Étapes\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 6)]
    assert body.items == ()
    assert kinds(body, text) == [("code", "    ## Pas un titre\n    - pas un élément")]


def test_indented_list_continuation_is_not_code() -> None:
    text = "- Saumon\n\n    frais, sans peau\n- Sel\n"
    body = parse(text)
    assert body.regions == ()
    assert items(body) == [(1, "-", None, 3, 0), (4, "-", None, 4, 0)]


def test_four_spaces_after_a_paragraph_continue_it() -> None:
    body = parse("Texte\n    ## suite\n")
    assert body.regions == body.headings == ()


# -- callouts, quotes, html, math ---------------------------------------------------------------
def test_callout_is_a_region_and_hides_its_headings_and_items() -> None:
    text = "## Étapes\n> [!tip]- Astuce du chef\n> ## Pas dans le plan\n> - pas une étape\n\n1. Saler.\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 1)]
    assert items(body) == [(6, "1.", 1, 6, 0)]
    assert kinds(body, text) == [("callout", "> [!tip]- Astuce du chef\n> ## Pas dans le plan\n> - pas une étape")]


def test_callout_folds_and_nesting() -> None:
    text = "> [!NOTE]+\n> texte\n\n- un\n  > [!warning] Attention\n  > - caché\n"
    body = parse(text)
    assert [region.kind for region in body.regions] == ["callout", "callout"]
    assert items(body) == [(4, "-", None, 6, 0)]


def test_plain_blockquote_is_no_region_and_its_headings_are_not_in_the_outline() -> None:
    text = "> ## Citation\n> - un élément cité\n\n## Étapes\n"
    body = parse(text)
    assert body.regions == ()
    assert titles(body) == [(2, "Étapes", 4)]
    assert items(body) == [(2, "-", None, 2, 0)]
    assert body.items[0].indent == 2  # the column of the marker, after '> '


def test_headings_in_list_items_are_not_in_the_outline() -> None:
    body = parse("- ## Dans un élément\n\n## Étapes\n")
    assert titles(body) == [(2, "Étapes", 3)]


def test_html_blocks_are_regions() -> None:
    text = "<div>\n## Pas un titre\n</div>\n\n<details>\n<summary>Plus</summary>\n- x\n</details>\n\n## Étapes\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 10)]
    assert body.items == ()
    assert kinds(body, text) == [
        ("html", "<div>\n## Pas un titre\n</div>"),
        ("html", "<details>\n<summary>Plus</summary>\n- x\n</details>"),
    ]


def test_math_block_is_a_region() -> None:
    text = "Quantités :\n\n$$\nx = \\frac{500}{4}\n$$\n\n## Étapes\n"
    body = parse(text)
    assert kinds(body, text) == [("math", "$$\nx = \\frac{500}{4}\n$$")]
    assert titles(body) == [(2, "Étapes", 7)]


# -- headings -----------------------------------------------------------------------------------
def test_setext_headings() -> None:
    text = "Gravlax\n=======\n\nIngrédients\n-----------\n- 500 g de saumon\n\nÉtapes et\nconseils\n---\n"
    body = parse(text)
    assert titles(body) == [(1, "Gravlax", 1), (2, "Ingrédients", 4), (2, "Étapes et\nconseils", 8)]
    assert all(heading.setext for heading in body.headings)
    second = body.headings[1]
    assert (second.start, second.title_start, second.end) == (17, 17, text.index("\n- 500"))
    assert items(body) == [(6, "-", None, 6, 0)]


def test_dashes_after_a_blank_line_or_an_item_are_a_break() -> None:
    body = parse("Ingrédients\n\n---\n\n- sel\n---\n")
    assert body.headings == ()
    assert items(body) == [(5, "-", None, 5, 0)]


def test_atx_headings() -> None:
    text = "## Étapes ##\n#tag\n   ### Trois espaces\n#\n### ###\n## C# \\#\n####### sept\n"
    body = parse(text)
    assert titles(body) == [(2, "Étapes", 1), (3, "Trois espaces", 3), (1, "", 4), (3, "", 5), (2, "C# \\#", 6)]
    assert [heading.setext for heading in body.headings] == [False] * 5
    first = body.headings[0]
    assert (first.title_start, first.start, first.end) == (3, 0, 12)
    assert [tag.name for tag in body.tags] == ["tag"]


# -- list items ---------------------------------------------------------------------------------
def test_ordered_markers_and_numbers() -> None:
    text = "1) un\n2) deux\n\n7. sept\n8. huit\n"
    body = parse(text)
    assert items(body) == [(1, "1)", 1, 1, 0), (2, "2)", 2, 2, 0), (4, "7.", 7, 4, 0), (5, "8.", 8, 5, 0)]


def test_nested_lists_depth_and_indent() -> None:
    text = "- a\n  * b\n    + c\n\t- tab\n- d\n"
    body = parse(text)
    assert items(body) == [
        (1, "-", None, 4, 0), (2, "*", None, 4, 1), (3, "+", None, 3, 2), (4, "-", None, 4, 2), (5, "-", None, 5, 0)
    ]
    assert [item.indent for item in body.items] == [0, 2, 4, 4, 0]


def test_item_continuation_after_a_blank_line() -> None:
    text = "1. Mélanger.\n\n   Puis laisser reposer.\n\n2. Cuire.\nlazy\n\nParagraphe.\n"
    assert items(parse(text)) == [(1, "1.", 1, 3, 0), (5, "2.", 2, 6, 0)]


def test_empty_and_task_items() -> None:
    text = "- [ ] acheter du saumon\n-\n- [x] fait\n"
    body = parse(text)
    assert [(item.text, item.text_start) for item in body.items] == [
        ("[ ] acheter du saumon", 2), ("", 25), ("[x] fait", 28)
    ]


# -- wikilinks, tags, block ids -----------------------------------------------------------------
def test_wikilinks() -> None:
    text = "Voir [[Gravlax]], [[Gravlax#Étapes|les étapes]], [[#^note]] et ![[saumon.png|300]]."
    links = parse(text).wikilinks
    assert [(link.target, link.heading, link.block, link.alias, link.embed) for link in links] == [
        ("Gravlax", None, None, None, False),
        ("Gravlax", "Étapes", None, "les étapes", False),
        ("", None, "note", None, False),
        ("saumon.png", None, None, "300", True),
    ]
    assert [text[link.start:link.end] for link in links] == [
        "[[Gravlax]]", "[[Gravlax#Étapes|les étapes]]", "[[#^note]]", "![[saumon.png|300]]"
    ]


def test_wikilinks_in_code_and_comments_do_not_count() -> None:
    text = "`[[Code]]` %%[[Caché]]%%\n```\n[[Bloc]]\n```\n<!-- [[Html]] -->\n[[Vrai]]\n"
    assert [link.target for link in parse(text).wikilinks] == ["Vrai"]


def test_tags() -> None:
    text = ("#dessert #cuisine/française #123 #2024a #pâtisserie🍰 https://x.fr/page#ancre "
            "`#code` [[Note#titre]] %%#caché%% (#entre) fin#collé\n## Titre #dans-titre\n")
    body = parse(text)
    assert [tag.name for tag in body.tags] == [
        "dessert", "cuisine/française", "2024a", "pâtisserie🍰", "dans-titre"
    ]
    assert all(text[tag.start:tag.end] == "#" + tag.name for tag in body.tags)


def test_block_ids() -> None:
    text = "Saler le saumon. ^etape-1\n\nx^2 n'en est pas un\n- un élément ^item\n^seul\n`code ^non`\n"
    body = parse(text)
    assert [(block.id, text[block.start:block.end]) for block in body.block_ids] == [
        ("etape-1", "^etape-1"), ("item", "^item"), ("seul", "^seul")
    ]


# -- positions ----------------------------------------------------------------------------------
def test_crlf_positions() -> None:
    text = GRAVLAX.replace("\n", "\r\n")
    start = text.index("# Gravlax")
    body = parse_body(text, start)
    assert titles(body) == titles(parse_body(GRAVLAX, GRAVLAX.index("# Gravlax")))
    assert items(body) == items(parse_body(GRAVLAX, GRAVLAX.index("# Gravlax")))
    for heading in body.headings:
        assert text[heading.start:heading.end].startswith("#") and text[heading.end:heading.end + 2] == "\r\n"
    for item in body.items:
        assert text[item.marker_start:item.marker_start + len(item.marker)] == item.marker
        assert not item.text.endswith("\r")


def test_crlf_setext_and_comment() -> None:
    text = "Ingrédients\r\n---\r\n%%\r\n## caché\r\n%%\r\n- sel\r\n"
    body = parse(text)
    assert titles(body) == [(2, "Ingrédients", 1)]
    assert body.headings[0].end == text.index("---") + 3
    assert items(body) == [(6, "-", None, 6, 0)]
    assert kinds(body, text) == [("comment", "%%\r\n## caché\r\n%%")]


def test_emoji_and_accents_before_nodes() -> None:
    text = ("🐟🍋 Gravlax à l'aneth, façon grand-mère 👵🏼\n\n## Ingrédients 🧂\n- 500 g de saumon 🐟\n"
            "`%%` é\n\n%% 🙈 %%\n[[Aneth]] #poisson\n")
    body = parse(text)
    heading = body.headings[0]
    assert heading.title == "Ingrédients 🧂" and text[heading.title_start:].startswith("Ingrédients 🧂\n")
    item = body.items[0]
    assert text[item.marker_start] == "-" and text[item.text_start:].startswith("500 g de saumon 🐟\n")
    assert [text[a:b] for a, b in body.comments] == ["%% 🙈 %%"]
    assert text[body.wikilinks[0].start:body.wikilinks[0].end] == "[[Aneth]]"
    assert text[body.tags[0].start:body.tags[0].end] == "#poisson"


def test_offsets_after_characters_of_every_utf8_width() -> None:
    for before in ("a", "é", "€", "🐟", "\u0080\u07ff\u0800\uffff\U00010000", "é€🐟a" * 20):
        text = f"{before}\n## {before} `{before}`\n- {before} [[{before}]]\n\n```\n{before}\n```\n"
        body = parse(text)
        heading = body.headings[0]
        assert heading.title == f"{before} `{before}`" and heading.title_start == text.index("## ") + 3
        item = body.items[0]
        assert item.marker_start == text.index("- ") and item.text == f"{before} [[{before}]]"
        code = body.regions[0]
        assert code.kind == "code" and text[code.start:code.end] == f"```\n{before}\n```"

def test_undecodable_bytes_are_kept_in_place() -> None:
    text = "Cr\udce8me\n## \udce9tapes\n- sel\n"
    body = parse(text)
    assert titles(body) == [(2, "\udce9tapes", 2)]
    assert body.items[0].marker_start == text.index("- sel")


def test_empty_and_blank_bodies() -> None:
    assert parse("") == Body((), (), (), (), (), (), ())
    assert parse_body("---\na: 1\n---\n", 14) == Body((), (), (), (), (), (), ())
    assert parse("  \n\n\t\n").regions == ()


# -- hidden lines -------------------------------------------------------------------------------
def test_hidden_lines() -> None:
    text = "## Étapes\n```\ncode\n\n```\n1. Saler. %%note%%\n%%\n2. caché\n%%\n> [!tip]\n> astuce\n\n    indenté\n"
    assert hidden_lines(parse(text), text, line_starts(text)) == {2, 3, 4, 5, 7, 8, 9, 10, 11, 13}
    crlf = text.replace("\n", "\r\n")
    assert hidden_lines(parse(crlf), crlf, line_starts(crlf)) == {2, 3, 4, 5, 7, 8, 9, 10, 11, 13}


# -- every real note ----------------------------------------------------------------------------
FRONT_MATTER = re.compile(r"---\r?\n.*?\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)


def real_notes() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus of real notes at {CORPUS}")
    return sorted((ROOT / "examples" / "vault").rglob("*.md")) + sorted(CORPUS.rglob("*.md"))


def check_offsets(text: str, start: int, where: str = "") -> None:
    """Parse ``text[start:]``: every offset lies in the body and points at what it names."""
    body = parse_body(text, start)
    for heading in body.headings:
        assert start <= heading.start <= heading.title_start <= heading.end <= len(text), where
        assert text[heading.title_start:heading.title_start + len(heading.title)] == heading.title, where
    for item in body.items:
        assert start <= item.start <= item.marker_start < item.text_start <= len(text), where
        assert text[item.marker_start:item.marker_start + len(item.marker)] == item.marker, where
        assert text[item.text_start:item.text_start + len(item.text)] == item.text, where
        assert item.line <= item.last_line, where
    spans = [*body.comments, *((r.start, r.end) for r in body.regions)]
    spans += [(link.start, link.end) for link in body.wikilinks] + [(tag.start, tag.end) for tag in body.tags]
    spans += [(block.start, block.end) for block in body.block_ids]
    assert all(start <= a <= b <= len(text) for a, b in spans), where
    assert [r.start for r in body.regions] == sorted(r.start for r in body.regions), where


def test_every_real_note_parses_with_offsets_in_the_text() -> None:
    notes = real_notes()
    assert len(notes) > 100
    for path in notes:
        text = path.read_bytes().decode("utf-8", "surrogateescape").removeprefix("\ufeff")
        match = FRONT_MATTER.match(text)
        check_offsets(text, match.end() if match else 0, str(path))


PIECES = [
    "# ", "## ", "#tag", "- ", "* ", "1. ", "2) ", "> ", "> [!note] ", "```", "~~~", "`", "%%", "<!--", "-->",
    "<div>", "</div>", "$$", "[[", "]]", "|", "![[", " ^id", "[^1]: ", "---", "===", " ", "    ", "\t", "\n",
    "\r\n", "\r", "Sel", "é", "🐟", "\udce9",
]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=4), st.lists(st.sampled_from(PIECES), max_size=50).map("".join))
def test_any_markdown_gives_offsets_in_the_text(front: str, body: str) -> None:
    check_offsets(front + body, len(front))
