"""Source rules (SR001, SR002, SR003) on variants of the clean fixture notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, CLEAN_ONELINE, findings, fixed, run_cli, summary, write_note

URL = "https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
OTHER = "https://www.instagram.com/reel/ZZZZZZZZZZZ/"
LINK = f"Link: {URL}"


def swap(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("text", [CLEAN, CLEAN_ONELINE, crlf(CLEAN), crlf(CLEAN_ONELINE)])
def test_clean_notes_are_silent(text: str) -> None:
    assert summary(text, "SR") == []


# -- SR001 source-url-mismatch ------------------------------------------------------

@pytest.mark.parametrize(("written", "column"), [
    (f"Link: {OTHER}", 7),
    (f"Link: <{OTHER}>", 8),
    (f"Link: [Instagram]({OTHER})", 19),
    (f"- **Link:** {OTHER}", 13),
])
def test_link_differs_from_url(written: str, column: int) -> None:
    # Another reel of the same site, written nowhere else: rewriting it loses
    # it, so the fix is unsafe (a reel pasted from another recipe is a guess).
    text = swap(CLEAN, LINK, written)
    [finding] = findings(text, "SR")
    assert (finding.code, finding.line, finding.column) == ("SR001", 52, column)
    assert finding.message == f"Link address '{OTHER}' is not the front matter url '{URL}'"
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == swap(CLEAN, LINK, written.replace(OTHER, URL))
    assert fixed(fixed(text, unsafe=True), unsafe=True) == fixed(text, unsafe=True)
    assert fixed(crlf(text), unsafe=True) == crlf(fixed(text, unsafe=True))


@pytest.mark.parametrize("written", [f"Link: <{URL}>", f"Link: [Instagram]({URL})", f"Link: [Instagram](<{URL}>)"])
def test_link_forms_that_match_are_silent(written: str) -> None:
    assert summary(swap(CLEAN, LINK, written), "S") == []


def test_missing_tracking_parameter_is_a_mismatch() -> None:
    text = swap(CLEAN_ONELINE, "Link: https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==",
                "Link: https://www.instagram.com/reel/DQDuWQZAaoP/")
    assert summary(text, "S") == [("SR001", 58, 7)]
    assert fixed(text) == CLEAN_ONELINE


def test_link_without_source_heading_is_checked_too() -> None:
    text = swap(CLEAN, f"## Source\n\n{LINK}", f"Link: {OTHER}")
    assert summary(text, "SR") == [("SR001", 50, 7)]


def test_one_matching_link_among_several_is_enough() -> None:
    assert summary(swap(CLEAN, LINK, f"Link: {OTHER}\n{LINK}"), "SR") == []


def test_no_url_or_no_address_is_left_to_other_rules() -> None:
    without_url = swap(CLEAN, f"url: {URL}\n", "")
    assert summary(swap(without_url, LINK, f"Link: {OTHER}"), "SR") == []
    assert summary(swap(CLEAN, LINK, "Link: voir la vidéo"), "SR") == []


def test_no_fix_when_url_cannot_take_the_links_form() -> None:
    odd = "https://example.com/a_(b"
    text = swap(swap(CLEAN, f"url: {URL}", f"url: {odd}"), LINK, f"Link: [site]({OTHER})")
    [finding] = findings(text, "SR")
    assert (finding.code, finding.line, finding.column, finding.fix) == ("SR001", 52, 14, None)


# -- SR002 source-platform-mismatch --------------------------------------------------

@pytest.mark.parametrize(("source", "message"), [
    ("YouTube", "source is 'YouTube' but url is on Instagram (www.instagram.com)"),
    ("instagram", "source 'instagram' is spelled differently from the platform name 'Instagram'"),
    ("instagram.com", "source 'instagram.com' is spelled differently from the platform name 'Instagram'"),
])
def test_source_names_wrong_platform(source: str, message: str) -> None:
    text = swap(CLEAN, "source: Instagram", f"source: {source}")
    [finding] = findings(text, "SR")
    assert (finding.code, finding.line, finding.column) == ("SR002", 10, 9)
    assert finding.message == message
    assert fixed(text) == CLEAN
    assert fixed(crlf(text)) == crlf(CLEAN)


def test_quoting_is_kept() -> None:
    text = swap(CLEAN_ONELINE, "source: Instagram", 'source: "Tiktok"')
    assert summary(text, "SR") == [("SR002", 10, 9)]
    assert fixed(text) == swap(CLEAN_ONELINE, "source: Instagram", 'source: "Instagram"')


def test_subdomain_of_platform() -> None:
    base = swap(swap(CLEAN, f"url: {URL}", "url: https://m.youtube.com/watch?v=abc"),
                LINK, "Link: https://m.youtube.com/watch?v=abc")
    assert summary(base, "SR") == [("SR002", 10, 9)]
    assert fixed(base) == swap(base, "source: Instagram", "source: YouTube")


@pytest.mark.parametrize(("source", "url"), [
    ("Marmiton", "https://www.marmiton.org/recettes/recette_tarte.aspx"),
    ("Instagram", "https://www.marmiton.org/recettes/recette_tarte.aspx"),
    ("Chef John", "https://www.youtube.com/watch?v=abc"),
    ("YouTube", "https://notinstagram.com/reel/abc"),
])
def test_names_that_are_not_a_platform_mismatch_are_silent(source: str, url: str) -> None:
    text = swap(swap(swap(CLEAN, "source: Instagram", f"source: {source}"), f"url: {URL}", f"url: {url}"),
                LINK, f"Link: {url}")
    assert summary(text, "SR") == []


# -- SR003 url-tracking-params -------------------------------------------------------

REEL = "https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg=="
REEL_CLEAN = "https://www.instagram.com/reel/DQDuWQZAaoP/"
YOUTUBE = "https://www.youtube.com/watch?v=f3-mDcxkg7M&feature=youtu.be"


def sr003(vault: Path, text: str, *fix: str) -> tuple[list[str], str]:
    """The SR003 lines of a run on ``text`` as a note of ``vault`` (with the
    ``fix`` options), and the note's text after it."""
    note = write_note(vault, "Recettes/Burnt ends.md", text)
    result = run_cli("--select", "SR003", "--output-format", "concise", *fix, "Recettes/Burnt ends.md", cwd=vault)
    assert result.returncode in (0, 1), result.stderr
    return [line for line in result.stdout.splitlines() if " SR003 " in line], note.read_bytes().decode("utf-8")


def test_tracking_parameter_in_url(vault: Path) -> None:
    lines, after = sr003(vault, CLEAN_ONELINE)
    assert lines == [(f"Recettes/Burnt ends.md:11:6: SR003 url carries the tracking parameter 'igsh': "
                      f"expected '{REEL_CLEAN}'")]
    assert after == CLEAN_ONELINE


def test_unsafe_fix_strips_url_and_the_matching_link(vault: Path) -> None:
    assert sr003(vault, CLEAN_ONELINE, "--fix")[1] == CLEAN_ONELINE
    lines, after = sr003(vault, crlf(CLEAN_ONELINE), "--fix", "--unsafe-fixes")
    assert lines == []
    assert after == crlf(CLEAN_ONELINE.replace(REEL, REEL_CLEAN))


@pytest.mark.parametrize(("url", "link", "url_after", "link_after"), [
    # Quoting kept; a Markdown link whose text is the address gets both rewritten.
    (f'"{YOUTUBE}"', f"Link: [{YOUTUBE}]({YOUTUBE})",
     '"https://www.youtube.com/watch?v=f3-mDcxkg7M"',
     "Link: [https://www.youtube.com/watch?v=f3-mDcxkg7M](https://www.youtube.com/watch?v=f3-mDcxkg7M)"),
    (f"'{YOUTUBE}' # vue sur la télé", f"Link: <{YOUTUBE}>",
     "'https://www.youtube.com/watch?v=f3-mDcxkg7M' # vue sur la télé",
     "Link: <https://www.youtube.com/watch?v=f3-mDcxkg7M>"),
    # The other parameters and the fragment stay as written; a link to
    # another address is not this fix's business.
    ("https://cafedelites.com/chicken-tikka-masala/?utm_source=ig&print=1#wprm-recipe",
     "Link: https://cafedelites.com/chicken-tikka-masala/",
     "https://cafedelites.com/chicken-tikka-masala/?print=1#wprm-recipe",
     "Link: https://cafedelites.com/chicken-tikka-masala/"),
    # Written plain, the shorter address would read as a YAML key: it gets quotes.
    ("https://example.com/recette:?utm_source=x", "Link: https://example.com/recette:?utm_source=x",
     '"https://example.com/recette:"', "Link: https://example.com/recette:"),
])
def test_unsafe_fix_keeps_everything_else(vault: Path, url: str, link: str, url_after: str,
                                          link_after: str) -> None:
    text = swap(swap(CLEAN_ONELINE, f"url: {REEL}", f"url: {url}"), f"Link: {REEL}", link)
    [line], _ = sr003(vault, text)
    assert line.startswith("Recettes/Burnt ends.md:11:6: SR003 url carries the tracking parameter")
    assert sr003(vault, text, "--fix", "--unsafe-fixes")[1] == swap(
        swap(text, f"url: {url}", f"url: {url_after}"), link, link_after)


def test_several_parameters_are_named(vault: Path) -> None:
    url = "https://www.tiktok.com/@cuisine.maison/video/7301234567890123456?is_from_webapp=1&sender_device=pc"
    lines, _ = sr003(vault, swap(CLEAN_ONELINE, f"url: {REEL}", f"url: {url}"))
    assert lines == [("Recettes/Burnt ends.md:11:6: SR003 url carries the tracking parameters 'is_from_webapp', "
                      "'sender_device': expected 'https://www.tiktok.com/@cuisine.maison/video/7301234567890123456'")]


def test_address_without_tracking_is_silent(vault: Path) -> None:
    text = swap(swap(CLEAN_ONELINE, f"url: {REEL}", "url: https://youtu.be/1iukK0_tUH8?t=38"),
                f"Link: {REEL}", "Link: https://youtu.be/1iukK0_tUH8?t=38")
    assert sr003(vault, text) == ([], text)


def test_off_by_default() -> None:
    assert summary(CLEAN_ONELINE, "SR003") == []


def _every_link_line(text: str) -> list[int]:
    """The lines ``read_source_links`` gives, found as it once found them:
    every line of the body read, then those under a Source heading kept."""
    from vault_lint.links import _enclosing, _in_item, parse_link_line
    from vault_lint.note import parse_text
    from vault_lint.profile import DEFAULT_PROFILE as profile

    note = parse_text("note.md", text)
    links = [link for line in note.body_lines if (link := parse_link_line(line, profile.link_label))]
    others = frozenset().union(*(profile.section_keys(spec.role) for spec in profile.sections
                                 if spec.role != "source"))
    placed = [(link, {h.key for h in _enclosing(note.headings, link.line.number)}) for link in links]
    under = [link for link, keys in placed if keys & profile.section_keys("source")]
    kept = under or [link for link, keys in placed if not (keys & others and _in_item(note, link.line))]
    return [link.line.number for link in kept]


@pytest.mark.parametrize("body", [
    f"## Source\n\n{LINK}\n",
    f"{LINK}\n\n## Source\n\n### Vidéo\n\n{LINK}\n\n## Notes\n\nLink: {OTHER}\n",
    f"## Source\n\nLink: {OTHER}\n---\n\n{LINK}\n",  # a setext heading whose title is a Link line
    f"### Source\n\n{LINK}\n\n## Étapes\n\n1. Cuire\n\nLink: {OTHER}\n",
    f"## Ingrédients\n\n- wok\n  {LINK}\n\n## Étapes\n\n1. Cuire\n\nLink: {OTHER}\n",
    f"## Source\n\nSur Instagram\n\n## Notes\n\n{LINK}\n",
    f"## Source\n\n```\n{LINK}\n```\n",
])
def test_link_lines_read_under_the_source_heading_first(body: str) -> None:
    """Lines under a Source heading are read first, the whole body only when
    none of them is a ``Link:`` line: the same lines as reading them all."""
    from vault_lint.links import read_source_links
    from vault_lint.note import parse_text
    from vault_lint.profile import DEFAULT_PROFILE

    text = f"---\nurl: {URL}\n---\n# Titre\n\n{body}"
    found = [link.line.number for link in read_source_links(parse_text("note.md", text), DEFAULT_PROFILE)]
    assert found == _every_link_line(text)
