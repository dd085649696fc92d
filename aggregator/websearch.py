"""Search query syntax: what a user types, as an SQLite FTS5 MATCH expression. Pure.

The syntax is PostgreSQL's ``websearch_to_tsquery`` (which the PostgreSQL backend
uses as is), so a query means the same on both: words must all appear,
``"a phrase"`` must appear as written, ``or`` between two terms accepts either (it
binds loosest: ``a b or c -d`` is ``(a AND b) OR (c AND NOT d)``), and ``-word``
excludes. Everything a user types is quoted on the way to FTS5, so no input is a
syntax error there (FTS5 reads ``US-Pakistan`` or ``AND`` as operators).

One thing FTS5 cannot say: an alternative made of exclusions alone (``a or -b``,
"a, or anything without b"); such a query is refused with a QueryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Leading minus signs (a lone "-" counts), then a quoted phrase (closed or not), or
# a run of anything but space and quote.
_TOKEN = re.compile(r'\s*(-*)\s*(?:"([^"]*)"?|([^\s"-][^\s"]*))')


class QueryError(ValueError):
    """A query that cannot be searched for (nothing in it, or an alternative of
    exclusions alone)."""


@dataclass(frozen=True)
class _Term:
    text: str
    negated: bool
    quoted: bool


@dataclass
class _Group:
    """One alternative: terms that must all appear, and terms that must not."""

    required: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def to_fts5(query: str) -> str:
    """The FTS5 expression for a websearch-style query.

    Raises:
        QueryError: nothing to search for, or an alternative of exclusions alone.
    """
    groups = [_Group()]
    for term in _terms(query):
        if term.text.lower() == "or" and not term.quoted and not term.negated:
            if groups[-1].required or groups[-1].excluded:
                groups.append(_Group())
            continue
        quoted = _quote(term.text)
        if quoted:
            group = groups[-1]
            (group.excluded if term.negated else group.required).append(quoted)
    groups = [g for g in groups if g.required or g.excluded]
    if not any(g.required for g in groups):
        raise QueryError(
            f"nothing to search for in {query!r}: give at least one word to find "
            "(not only words to exclude)"
        )
    if any(not g.required for g in groups):
        raise QueryError(
            f"cannot search for {query!r}: each alternative needs a word to find, "
            "not only words to exclude"
        )
    # NOT binds tighter than AND and OR in FTS5, and is binary: "x NOT y NOT z".
    parts = [" NOT ".join([" ".join(g.required), *g.excluded]) for g in groups]
    return parts[0] if len(parts) == 1 else " OR ".join(f"({part})" for part in parts)


def _terms(query: str) -> list[_Term]:
    found = []
    for match in _TOKEN.finditer(query):
        minus, phrase, word = match.groups()
        # "--a" is "a" again in websearch_to_tsquery: each sign negates once more.
        negated = len(minus) % 2 == 1
        found.append(_Term(phrase if phrase is not None else word, negated, phrase is not None))
    return found


def _quote(text: str) -> str:
    """An FTS5 string: a word, or a phrase when the tokenizer splits it ("U.S.")."""
    cleaned = text.replace('"', " ").strip()
    if not any(ch.isalnum() for ch in cleaned):
        return ""  # punctuation alone: the tokenizer would make an empty phrase
    return f'"{cleaned}"'
