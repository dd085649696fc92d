"""websearch.to_fts5: PostgreSQL's websearch syntax as an FTS5 expression (pure).
The same queries run against both databases in tests/test_search.py."""

from __future__ import annotations

import pytest

from aggregator.websearch import QueryError, to_fts5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("karachi", '"karachi"'),
        ("karachi flood", '"karachi" "flood"'),
        ('"monsoon rains" lahore', '"monsoon rains" "lahore"'),
        ("a or b", '("a") OR ("b")'),
        ("a b OR c", '("a" "b") OR ("c")'),
        # Each exclusion belongs to its own alternative, as in websearch_to_tsquery.
        ("a b or c -x", '("a" "b") OR ("c" NOT "x")'),
        ("a -x or c", '("a" NOT "x") OR ("c")'),
        ("a -x -y", '"a" NOT "x" NOT "y"'),
        # A lone minus negates the next term; two minus signs cancel out.
        ("a - b", '"a" NOT "b"'),
        ("--a b", '"a" "b"'),
        ("---a b", '"b" NOT "a"'),
        # A quoted "or" is a word to find, not the operator.
        ('a "or" b', '"a" "or" "b"'),
        ("or a or", '"a"'),
        ("a or or b", '("a") OR ("b")'),
        # Whatever FTS5 would read as syntax is a plain word.
        ("US-Pakistan AND NEAR(x", '"US-Pakistan" "AND" "NEAR(x"'),
        ('col:umn "unclosed', '"col:umn" "unclosed"'),
        ('say "a""b"', '"say" "a" "b"'),
    ],
)
def test_translation(query: str, expected: str) -> None:
    assert to_fts5(query) == expected


@pytest.mark.parametrize("query", ["", "  ", "-a", "- a", "or", '""', "*", "a or -b", "-a or b"])
def test_queries_that_cannot_be_searched_for(query: str) -> None:
    with pytest.raises(QueryError):
        to_fts5(query)
