"""Recipe addresses: the tracking parameters a shared link carries, and the
form two notes' addresses are compared in.

A link copied from an app's Share button says who shared it and from where
(``?igsh=…`` on Instagram, ``?si=…`` on YouTube, ``utm_source=…`` on a
newsletter's blog link): the same recipe saved twice has two addresses.
``normalise`` gives both one form; ``strip_tracking`` removes only those
parameters, leaving every other character as the author wrote it.

Addresses are parsed by yarl, imported on first use: a one-note pre-commit
run whose rules read no address does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

if TYPE_CHECKING:
    from yarl import URL


@dataclass(frozen=True)
class Tracker:
    """A query parameter that tracks a share or a campaign and never says
    which page to show: its name (``utm_*``: any name with that prefix),
    and the sites it is removed on (a domain covers its subdomains; none:
    every site)."""

    name: str
    hosts: tuple[str, ...] = ()

    def matches(self, name: str, host: str) -> bool:
        if not (name.startswith(self.name[:-1]) if self.name.endswith("*") else name == self.name):
            return False
        return not self.hosts or any(on_domain(host, domain) for domain in self.hosts)


def on_domain(host: str, domain: str) -> bool:
    """Is ``host`` the domain itself or one of its subdomains?"""
    return host == domain or host.endswith("." + domain)


YOUTUBE = ("youtube.com", "youtu.be")

# Each entry says where it comes from. A name that means something on other
# sites (``si``, ``feature``) is a tracker only on the sites listed.
TRACKERS: tuple[Tracker, ...] = (
    Tracker("utm_*"),  # Google Analytics campaign tags: utm_source, utm_medium, utm_campaign, …
    Tracker("_ga"),  # Google Analytics cross-domain client id
    Tracker("_gl"),  # Google Analytics cross-domain linker
    Tracker("gclid"),  # Google Ads click id
    Tracker("dclid"),  # Google Display click id
    Tracker("gbraid"),  # Google Ads click id (iOS)
    Tracker("wbraid"),  # Google Ads click id (iOS, web to app)
    Tracker("fbclid"),  # Facebook click id
    Tracker("igsh"),  # Instagram share id (the app's Share button)
    Tracker("igshid"),  # Instagram share id, older form
    Tracker("msclkid"),  # Microsoft Ads click id
    Tracker("ttclid"),  # TikTok Ads click id
    Tracker("twclid"),  # X (Twitter) Ads click id
    Tracker("mc_cid"),  # Mailchimp campaign id
    Tracker("mc_eid"),  # Mailchimp subscriber id
    Tracker("ref_src"),  # X (Twitter) embed referrer
    Tracker("si", (*YOUTUBE, "spotify.com")),  # YouTube and Spotify share id
    Tracker("feature", YOUTUBE),  # YouTube share origin: feature=share, feature=youtu.be
    Tracker("pp", YOUTUBE),  # YouTube search referrer
    Tracker("is_from_webapp", ("tiktok.com",)),  # TikTok web share
    Tracker("sender_device", ("tiktok.com",)),  # TikTok web share
    Tracker("smid", ("nytimes.com",)),  # New York Times share id: smid=ck-recipe-android-share
)


@lru_cache(maxsize=64)  # a note's address is read by SR003, then by the note's summary
def _parse(url: str) -> URL | None:
    """``url`` parsed, or None when it is not an http(s) address with a host."""
    # Imported here for start-up time: only a rule that reads an address pays for it.
    from yarl import URL

    try:
        parsed = URL(url)
        host = parsed.host
    except (ValueError, TypeError):
        return None
    if parsed.scheme not in ("http", "https") or not host:
        return None
    return parsed


def _is_tracker(name: str, host: str) -> bool:
    return any(tracker.matches(name, host) for tracker in TRACKERS)


def _pieces(url: str) -> list[tuple[str, str]]:
    """Each ``name=value`` piece of the query as written, with its name decoded."""
    query = url.partition("#")[0].partition("?")[2]
    return [(piece, unquote_plus(piece.partition("=")[0])) for piece in query.split("&")] if query else []


def strip_tracking(url: str) -> tuple[str, tuple[str, ...]]:
    """``url`` without its tracking parameters, every other character (the
    other parameters, their order and encoding, the fragment) as written;
    and the names of those parameters, once each, in the order they are
    written. ``url`` itself and no name for an address that is not http(s)."""
    parsed = _parse(url)
    if parsed is None:
        return url, ()
    host = _host(parsed)
    pieces = [(piece, name, _is_tracker(name, host)) for piece, name in _pieces(url)]
    names = tuple(dict.fromkeys(name for _, name, tracker in pieces if tracker))
    if not names:
        return url, ()
    kept = [piece for piece, _, tracker in pieces if not tracker]
    before, hash_, fragment = url.partition("#")
    base, _, _ = before.partition("?")
    return base + ("?" + "&".join(kept) if kept else "") + hash_ + fragment, names


def normalise(url: str) -> str | None:
    """The form two addresses of one page share: https, the host in lower
    case without ``www.``, no default port, no trailing slash, no fragment,
    no tracking parameter (the others kept, in their order), the encoding
    made uniform (``caf%c3%a9`` and ``café`` are one path). None when
    ``url`` is not an http(s) address."""
    parsed = _parse(url)
    if parsed is None:
        return None
    from yarl import URL  # here for start-up time, as in _parse

    host = _host(parsed)
    query = [(name, value) for name, value in parsed.query.items() if not _is_tracker(name, host)]
    port = None if parsed.is_default_port() else parsed.explicit_port
    built = URL.build(scheme="https", host=host.removeprefix("www."), port=port,
                      path=parsed.path.rstrip("/"), query=query)
    return str(built)


def _host(url: URL) -> str:
    """The host in lower case, without the trailing dot of a fully qualified name."""
    return (url.host or "").rstrip(".").lower()
