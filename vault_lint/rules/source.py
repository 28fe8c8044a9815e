"""Source rules: does the body's link and the ``source`` name agree with
``url``, and is ``url`` free of tracking parameters.

The recipe's address is written twice: ``url`` in the front matter, and a
``Link: URL`` line (``profile.link_label``) under the Source section of the
body (read by ``vault_lint.links``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from vault_lint.context import Context
from vault_lint.edits import set_value
from vault_lint.findings import Diagnostic, Edit, Fix
from vault_lint.links import LinkLine
from vault_lint.model import Model
from vault_lint.note import Entry, Note
from vault_lint.profile import Profile
from vault_lint.rules import rule
from vault_lint.urls import on_domain, strip_tracking


def _fits(form: str, url: str) -> bool:
    """Can ``url`` be written in this form without breaking it?"""
    if any(ch.isspace() for ch in url):
        return False
    if form == "angle":
        return "<" not in url and ">" not in url
    if form == "markdown":
        return url.count("(") == url.count(")") and "<" not in url and ">" not in url
    return True


@rule("SR001", "source-url-mismatch", fix="sometimes", needs=("source",))
def source_url_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The body's `Link:` address is not the front matter `url`.

    ## What it does
    Compares the address of the `Link:` line under the Source section (bare,
    in `<…>` or as `[text](…)`) with the front matter `url`, as exact strings:
    a dropped tracking parameter or trailing slash is a difference too. When
    several `Link:` lines are there, one that matches is enough. Without a
    Source section, a `Link:` line anywhere in the body counts, except
    inside a list item of another required section (a `Link:` to a tool
    among the ingredients is no source). A note without `url`, or whose
    `Link:` line has no address, is left to other rules.

    ## Why it matters
    The two were written from one address; when they differ, one of them was
    edited or pasted from another recipe, and a reader following the body's
    link may land on the wrong page.

    ## Example
    ```markdown
    url: https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==
    ...
    ## Source

    Link: https://www.instagram.com/reel/DQDuWQZAaoP/
    ```
    Use instead: `Link: https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==`.

    ## Fix safety
    The fix writes `url` into the link, in the same form (only the
    address's characters change; a Markdown link whose visible text is the
    old address gets it rewritten too). It is safe only when nothing is
    lost: the link's old address still appears elsewhere in the note (in
    `url` itself, as with a dropped tracking parameter, or on another
    line).

    Otherwise the old address would vanish from the note, and it may be
    where the recipe was found (`url` the blog, `Link:` the Instagram reel):
    the fix is unsafe when both addresses are on the same site (a reel
    pasted from another recipe) and the line says nothing more, and
    withheld (reported, not fixed) when they are on different sites, when
    the line carries a remark after the address (it describes the old one),
    when a Markdown link's visible text names another address, when several
    `Link:` lines disagree with `url` (which one to rewrite is a guess), and
    when `url` cannot be written in the link's form (a space in it, a `>`
    inside `<…>`). A `Link:` line in a comment, a code block or a callout is
    not read, and never edited.
    """
    note = model.note
    url = note.data.get(ctx.profile.keys.url)
    if not isinstance(url, str) or not url:
        return
    links = [link for link in model.source_links if link.url is not None]
    if not links or any(link.url == url for link in links):
        return
    link = links[0]
    message = f"{ctx.profile.link_label} address '{link.url}' is not the front matter {ctx.profile.keys.url} '{url}'"
    yield Diagnostic(link.url_start, link.url_end, message, _url_fix(note, link, url, len(links), ctx))


def _url_fix(note: Note, link: LinkLine, url: str, count: int, ctx: Context) -> Fix | None:
    """Write ``url`` into ``link``: safe when its old address stays in the
    note, unsafe when it would vanish but names the same site, else none."""
    old = link.url or ""
    if count > 1 or not _fits(link.form, url):
        return None
    if link.form == "markdown" and not _shows(note, link, old) \
            and _names_an_address(note.text[link.text_start:link.text_end], old):
        return None
    edits = _readdressed(note, link, old, url)
    action = f"write {ctx.profile.keys.url} into the link"
    line = link.line
    if old in note.text[:line.start] or old in note.text[line.end:]:
        return Fix.safe(action, *edits)
    if link.remark or _host(old) != _host(url) or not _host(url):
        return None
    return Fix.unsafe(action, *edits)


def _shows(note: Note, link: LinkLine, address: str) -> bool:
    """Is ``link`` a Markdown link whose visible text is ``address`` itself?"""
    return link.form == "markdown" and note.text[link.text_start:link.text_end].strip() == address


def _readdressed(note: Note, link: LinkLine, old: str, new: str) -> list[Edit]:
    """``new`` in place of ``link``'s address ``old``, and in its visible
    text too when that text is the address."""
    edit = Edit(link.url_start, link.url_end, new)
    if not _shows(note, link, old):
        return [edit]
    text = note.text[link.text_start:link.text_end]
    return [Edit(link.text_start, link.text_end, text.replace(old, new)), edit]


def _names_an_address(text: str, url: str) -> bool:
    """Does a link's visible text name an address (``instagram.com/reel/…``)?"""
    host = _host(url)
    return "://" in text or "www." in text.casefold() or bool(host and host.removeprefix("www.") in text.casefold())


def _host(url: str) -> str:
    return _hostname(url).removeprefix("www.")


def _hostname(url: str) -> str:
    """``url``'s host in lower case, without the trailing dot of a fully
    qualified name; "" when it has none (or is no address)."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""


def url_platform(url: str, profile: Profile) -> tuple[str, str] | None:
    """(host, platform name) when ``url``'s host is a platform's domain or
    one of its subdomains."""
    host = _hostname(url)
    for domain, name in profile.platforms:
        if on_domain(host, domain):
            return host, name
    return None


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def platform_named(source: str, profile: Profile) -> str | None:
    """The platform ``source`` names, however spelled (``instagram``,
    ``You Tube``, ``youtube.com``), or None for any other name."""
    text = source.strip().casefold().removeprefix("www.")
    for domain, name in profile.platforms:
        if _squash(source) == _squash(name) or text == domain:
            return name
    return None


@rule("SR002", "source-platform-mismatch", fix="safe")
def source_platform_mismatch(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """`source` names another platform than the one `url` is on, or spells it differently.

    ## What it does
    When `url` is on one of the profile's platforms (Instagram, YouTube,
    TikTok, Facebook, Pinterest by default, matched by the host or any parent
    domain: `www.instagram.com`, `m.youtube.com`), `source` must be that
    platform's name as the profile writes it. Reports a `source` that names
    another platform, or the right one spelled otherwise (`instagram`,
    `Youtube`, `youtube.com`). A `source` that names no platform (a site, a
    cook) is left alone, and so is any `source` when `url` is on no platform.

    ## Why it matters
    Queries and tags group recipes by `source`: `instagram` and `Instagram`
    are two groups, and a recipe saved from TikTok filed under YouTube is
    hard to find again.

    ## Example
    ```yaml
    source: instagram
    url: https://www.instagram.com/reel/DQDuWQZAaoP/
    ```
    Use instead: `source: Instagram`.

    ## Fix safety
    Offered, and safe: the address says which platform the recipe comes
    from; the fix sets `source` to that platform's name, keeping its quoting
    and any comment after it. Only a `source` that names a platform is
    rewritten: a site, a cook or a remark is never replaced.

    Withheld (reported, not fixed): a `source` that a YAML alias shares, or
    that is one; a note that is not valid UTF-8.
    """
    note = model.note
    keys = ctx.profile.keys
    entry = note.frontmatter.entries.get(keys.source) if note.frontmatter else None
    url = note.data.get(keys.url)
    if entry is None or not isinstance(entry.value, str) or not isinstance(url, str):
        return
    found = url_platform(url, ctx.profile)
    named = platform_named(entry.value, ctx.profile)
    if found is None or named is None or entry.value == found[1]:
        return
    host, platform = found
    if named == platform:
        message = f"{keys.source} '{entry.value}' is spelled differently from the platform name '{platform}'"
    else:
        message = f"{keys.source} is '{entry.value}' but {keys.url} is on {platform} ({host})"
    yield Diagnostic(entry.value_start, entry.value_end, message,
                     Fix.safe(f"set {keys.source} to '{platform}'", set_value(entry, platform)))


@rule("SR003", "url-tracking-params", default=False, fix="unsafe")
def url_tracking_params(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """`url` carries tracking parameters.

    ## What it does
    Reports a front matter `url` whose query holds parameters that say who
    shared the link or which campaign it came from, never which page to
    show: `utm_*`, `fbclid`, `gclid`, `igsh` and `igshid` (Instagram),
    `si` and `feature` (YouTube; `si` on Spotify too), `smid` (New York
    Times), `mc_cid`, `mc_eid`, `_ga`, `ref_src` and the like
    (`vault_lint.urls.TRACKERS` holds the list, each name with the sites it
    applies to). Other parameters (`v=`, `t=38`) are what the address
    means and are left alone. Off by default: enable it with
    `extend-select = ["SR003"]`.

    ## Why it matters
    A link copied from an app's Share button is one recipe's address plus
    the sharer's id: the same recipe saved twice gets two addresses, and a
    search for the address misses one of them. The id also tells the site
    who shared the link with whom.

    ## Example
    ```yaml
    url: https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg==
    ```
    Use instead:
    ```yaml
    url: https://www.instagram.com/reel/DQDuWQZAaoP/
    ```

    ## Fix safety
    Unsafe: the fix removes the tracking parameters from `url`, keeping its
    quoting, the other parameters in their order and encoding, and the
    fragment; and from every `Link:` line of the Source section that
    carries the same address, so that the two stay equal (a Markdown link
    whose visible text is the address gets it rewritten too). It takes
    away what the author pasted, and a parameter may matter on a site
    that uses its name for something else.

    Withheld (reported, not fixed): a `url` that a YAML alias shares, or
    that is one; a `Link:` line whose form cannot hold the shortened
    address.
    """
    note = model.note
    key = ctx.profile.keys.url
    entry = note.frontmatter.entries.get(key) if note.frontmatter else None
    if entry is None or not isinstance(entry.value, str):
        return
    url = entry.value
    clean, names = strip_tracking(url)
    if not names:
        return
    listed = ", ".join(f"'{name}'" for name in names)
    plural = "s" if len(names) > 1 else ""
    message = f"{key} carries the tracking parameter{plural} {listed}: expected '{clean}'"
    yield Diagnostic(entry.value_start, entry.value_end, message, _untrack_fix(model, entry, url, clean, key))


def _untrack_fix(model: Model, entry: Entry, url: str, clean: str, key: str) -> Fix | None:
    """Write ``clean`` into ``url`` and into the ``Link:`` lines that carry
    ``url``; None when a link's form cannot hold it."""
    edits = [_write_url(model.note, entry, clean)]
    for link in model.source_links:
        if link.url != url:
            continue
        if not _fits(link.form, clean):
            return None
        edits.extend(_readdressed(model.note, link, url, clean))
    return Fix.unsafe(f"remove the tracking parameters from {key}", *edits)


def _write_url(note: Note, entry: Entry, clean: str) -> Edit:
    """``clean`` in place of the address's characters, inside its quotes or
    plain as it was; the value rewritten by ``set_value`` when its text
    holds escapes, or when the shorter address could not stay plain."""
    quoted = 1 if entry.style in ("'", '"') else 0
    start, end = entry.value_start + quoted, entry.value_end - quoted
    if note.text[start:end] == entry.value and (quoted or _reads_plain(clean)):
        return Edit(start, end, clean)
    return set_value(entry, clean)


def _reads_plain(value: str) -> bool:
    """Does ``value`` written plain read back as itself (not ``https://a.com/x:``,
    which YAML reads as a key)?"""
    import yaml  # already loaded by the front matter's parse

    try:
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False
