"""Recipe addresses as the notes write them: their tracking parameters, the
address without them, and the form two notes' addresses are compared in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vault_lint.urls import normalise, on_domain, strip_tracking

# Addresses from the example vault and the corpus, as written in their notes.
REEL = "https://www.instagram.com/reel/DQDuWQZAaoP/?igsh=MTJiYmFhcXNxaTF0dg=="
YOUTUBE = "https://www.youtube.com/watch?t=39&v=jh13Xd2loto&feature=youtu.be"
NYT = "https://cooking.nytimes.com/recipes/1015290-garlicky-chicken-with-lemon-anchovy-sauce?smid=ck-recipe-android-share"
TIKTOK = "https://www.tiktok.com/@cuisine.maison/video/7301234567890123456"


@pytest.mark.parametrize(("url", "names", "clean"), [
    (REEL, ("igsh",), "https://www.instagram.com/reel/DQDuWQZAaoP/"),
    ("https://www.instagram.com/p/C1x2y3z4w5v/?igshid=YmMyMTA2M2Y=", ("igshid",),
     "https://www.instagram.com/p/C1x2y3z4w5v/"),
    (YOUTUBE, ("feature",), "https://www.youtube.com/watch?t=39&v=jh13Xd2loto"),
    ("https://youtu.be/1iukK0_tUH8?si=Xq3bT9vLm2ZpR8wA&t=38", ("si",), "https://youtu.be/1iukK0_tUH8?t=38"),
    (NYT, ("smid",), NYT.partition("?")[0]),
    (TIKTOK + "?is_from_webapp=1&sender_device=pc", ("is_from_webapp", "sender_device"), TIKTOK),
    ("https://cafedelites.com/chicken-tikka-masala/?utm_source=newsletter&utm_medium=email&fbclid=IwAR0x#recipe",
     ("utm_source", "utm_medium", "fbclid"), "https://cafedelites.com/chicken-tikka-masala/#recipe"),
    # The other parameters keep their order and their encoding, as written.
    ("https://www.google.com/search?utm_campaign=x&q=mostaccioli+rigati&tbm=shop&q2=caf%c3%a9&flag",
     ("utm_campaign",), "https://www.google.com/search?q=mostaccioli+rigati&tbm=shop&q2=caf%c3%a9&flag"),
    # A name written percent-encoded is still that name.
    ("https://avirtualvegan.com/lentil-shepherds-pie/?utm%5Fsource=pinterest", ("utm_source",),
     "https://avirtualvegan.com/lentil-shepherds-pie/"),
])
def test_tracking_parameters_are_found_and_removed(url: str, names: tuple[str, ...], clean: str) -> None:
    assert strip_tracking(url) == (clean, names)


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/embed/SbzfywL9UKQ?rel=0&start=19",
    "https://youtu.be/oTcvz3jDqzc?t=8",
    TIKTOK,
    # `feature` and `si` track on YouTube and Spotify only: elsewhere they may say which page to show.
    "https://www.ricenflour.com/recipes/?feature=brioche&si=2",
    "mailto:chef@example.com?utm_source=x",
    "voir la vidéo",
    "",
])
def test_addresses_without_tracking_are_left_as_they_are(url: str) -> None:
    assert strip_tracking(url) == (url, ())


def test_a_name_given_twice_is_listed_once() -> None:
    assert strip_tracking("https://example.com/?utm_source=a&x=1&utm_source=b") == \
        ("https://example.com/?x=1", ("utm_source",))


@pytest.mark.parametrize(("host", "domain", "on"), [
    ("youtube.com", "youtube.com", True),
    ("m.youtube.com", "youtube.com", True),
    ("notyoutube.com", "youtube.com", False),
    ("youtube.com.evil.example", "youtube.com", False),
])
def test_a_domain_covers_its_subdomains(host: str, domain: str, on: bool) -> None:
    assert on_domain(host, domain) is on


@pytest.mark.parametrize(("url", "normal"), [
    (REEL, "https://instagram.com/reel/DQDuWQZAaoP"),
    ("http://instagram.com/reel/DQDuWQZAaoP", "https://instagram.com/reel/DQDuWQZAaoP"),
    ("HTTPS://WWW.Instagram.COM:443/reel/DQDuWQZAaoP/#comments", "https://instagram.com/reel/DQDuWQZAaoP"),
    (YOUTUBE, "https://youtube.com/watch?t=39&v=jh13Xd2loto"),
    ("https://www.youtube.com/watch?v=jh13Xd2loto&t=39", "https://youtube.com/watch?v=jh13Xd2loto&t=39"),
    (NYT, "https://cooking.nytimes.com/recipes/1015290-garlicky-chicken-with-lemon-anchovy-sauce"),
    ("http://www.marmiton.org:80/recettes/recette_pizza-aux-legumes_51726.aspx",
     "https://marmiton.org/recettes/recette_pizza-aux-legumes_51726.aspx"),
    ("http://www.salutcestcool.com/2016/galette/", "https://salutcestcool.com/2016/galette"),
    ("https://example.fr:8443/caf%c3%a9/", "https://example.fr:8443/caf%C3%A9"),
    ("https://example.fr/café", "https://example.fr/caf%C3%A9"),
])
def test_normalise(url: str, normal: str) -> None:
    assert normalise(url) == normal


@pytest.mark.parametrize("url", ["mailto:chef@example.com", "ftp://example.com/recette.txt", "voir la vidéo",
                                 "https://", "http://[::1", "instagram.com/reel/DQDuWQZAaoP/"])
def test_normalise_refuses_what_is_not_a_web_address(url: str) -> None:
    assert normalise(url) is None


def test_the_url_library_is_not_imported_with_the_rules() -> None:
    # A one-note pre-commit run pays for the URL parser only when a rule reads an address.
    code = "import sys, vault_lint.urls, vault_lint.rules.source; print('yarl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"
