"""HTML fragments to plain text with paragraph breaks. Pure; contains no business logic."""

from __future__ import annotations

import dataclasses
import html
import re
from typing import TypeVar

import lxml.html
from lxml import etree

# Elements after which the text breaks into a new paragraph.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "figure",
        "figcaption",
        "hr",
        "address",
    ]
)
_DROP = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\n{3,}")


def html_to_text(fragment: str | None) -> str:
    """The readable text of an HTML fragment: paragraphs separated by a blank line."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return _tidy(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    for element in root.iter(*_DROP):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "") if tag != "li" else element.text
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


# Control characters (NUL above all) that PostgreSQL refuses in text; tab, newline and
# carriage return stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
D = TypeVar("D")


def without_control(value: D) -> D:
    """A frozen dataclass with the control characters removed from its text fields."""
    changes = {
        f.name: _CONTROL.sub("", text)
        for f in dataclasses.fields(value)  # type: ignore[arg-type]
        if isinstance(text := getattr(value, f.name), str) and _CONTROL.search(text)
    }
    return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
