"""Makes untrusted HTML safe to store and re-publish. Pure; contains no business logic.

Used for every feed's HTML (RSS, Atom and JSON Feed alike: feedparser's own sanitiser
is off, see parse.py). Links are made absolute first, so they survive being
re-published from another address.
"""

from __future__ import annotations

import lxml.html
import nh3
from lxml import etree


def sanitize_html(fragment: str, base_url: str) -> str:
    """Resolve relative links against ``base_url``, then keep only safe markup (nh3)."""
    if "<" not in fragment and "&" not in fragment and "\x00" not in fragment and fragment.strip():
        # Plain text (many feeds' descriptions): no links to resolve, and lxml would
        # give back the same text, at five times the cost of nh3 alone.
        return nh3.clean(fragment)
    return _through_lxml(fragment, base_url)


def _through_lxml(fragment: str, base_url: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        root.make_links_absolute(base_url, resolve_base_href=True)
        inner = (root.text or "") + "".join(
            etree.tostring(child, encoding="unicode", method="html") for child in root
        )
    except (etree.ParserError, ValueError):
        inner = fragment
    return nh3.clean(inner)
