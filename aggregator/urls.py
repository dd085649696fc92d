"""Canonical URLs: one spelling per article address, so that the same article reached
with tracking parameters, another letter case or a fragment is recognised as itself.
Pure: no network.

courlan (trafilatura's URL library, maintained with it) removes the common tracking
parameters (utm_*, fbclid, gclid, mc_*, …), sorts the query and drops default ports;
on top of it, a few trackers it does not know, dot segments and the fragment go.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Trackers courlan (1.4) keeps: HubSpot, Instagram, Bing/Yandex ads, and `ref`-style
# referral markers that news sites add to their own links.
_MORE_TRACKERS = re.compile(
    r"^(_hs(enc|mi)|hsctatracking|__hs\w*|igshid|yclid|msclkid|dclid|twclid|ttclid|"
    r"ref|ref_src|ref_url|referrer|cmpid|ocid|smid|ito|at_\w+|__twitter_impression)$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The canonical spelling of an http(s) URL; any other text is returned unchanged.

    Cached: a feed that changes lists its older entries again, so the same addresses
    come back poll after poll, and courlan's normalisation is the costly part.

    Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    the query sorted, dot segments resolved. Path case and trailing slashes stay: on
    most servers they are part of the address.
    """
    plain = _PLAIN.fullmatch(url)
    if plain and "xn--" not in url and "//" not in plain[1] and "/." not in plain[1]:
        return url if plain[1] else url + "/"
    return _normalized(url)


# Canonical already, as nearly every article link is once its trackers are gone:
# http(s), a lower-case host with no port or user, a path of the characters courlan
# leaves as they are (no empty or dot segment: see canonical_url), no query, no
# fragment. Normalising such an address gives it back as it is (tested against
# courlan); telling so is a tenth of the cost, and a first poll's addresses are all
# new to the cache.
_PLAIN = re.compile(r"https?://[a-z0-9.-]+((?:/[A-Za-z0-9_.~!=:,%-]*)*)")


def _normalized(url: str) -> str:
    """canonical_url by courlan and the rules above, for any address."""
    # Imported here: courlan takes 80 ms to import, and the query commands, which
    # read this module's neighbours, never call this.
    from courlan import normalize_url

    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    try:
        normal = normalize_url(url.strip(), strict=False, trailing_slash=True)
    except ValueError:
        normal = url.strip()
    parts = urlsplit(normal)
    path = parts.path
    if "/./" in path or "/../" in path or path.endswith(("/.", "/..")):
        resolved = posixpath.normpath(path)
        path = resolved + ("/" if path.endswith("/") and resolved != "/" else "")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _MORE_TRACKERS.match(key)
    ]
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            path or "/",
            urlencode(sorted(query)),
            "",
        )
    )


def names_an_article(url: str) -> bool:
    """Whether a URL can identify one article: a site's front page cannot (some feeds
    link every item there)."""
    return urlsplit(url).path not in ("", "/")
