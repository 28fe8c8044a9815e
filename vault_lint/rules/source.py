"""Source rules: does the body's link and the ``source`` name agree with ``url``.

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
from vault_lint.model import Model
from vault_lint.profile import Profile
from vault_lint.rules import rule


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
    several `Link:` lines are there, one that matches is enough. A note
    without `url`, or whose `Link:` line has no address, is left to other
    rules.

    ## Why it matters
    The two were written from one address; when they differ, one of them was
    edited or pasted from another recipe, and a reader following the body's
    link may land on the wrong page.

    ## Example
    ```markdown
    url: https://www.instagram.com/reel/DQDuWQZAaoP/
    ...
    ## Source

    Link: https://www.instagram.com/reel/C8xYzAbCdEf/
    ```
    Use instead: `Link: https://www.instagram.com/reel/DQDuWQZAaoP/`.

    ## Fix safety
    Safe: the front matter is the note's data; the fix writes its `url` into
    the link, in the same form (only the address's characters change). No
    fix when `url` cannot be written in that form (a space in it, a `>`
    inside `<…>`).
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
    fix = Fix.safe(f"write {ctx.profile.keys.url} into the link", Edit(link.url_start, link.url_end, url))
    yield Diagnostic(link.url_start, link.url_end, message, fix if _fits(link.form, url) else None)


def url_platform(url: str, profile: Profile) -> tuple[str, str] | None:
    """(host, platform name) when ``url``'s host is a platform's domain or
    one of its subdomains."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return None
    for domain, name in profile.platforms:
        if host == domain or host.endswith("." + domain):
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
    Safe: the address says which platform the recipe comes from; the fix
    sets `source` to that platform's name, keeping its quoting.
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
