"""Text fingerprints for deduplication. Pure: text in, numbers out.

Two kinds, for two questions:

* ``sketch``: is this the same text (wire copy, re-post, truncated copy)? A sample
  of the hashed word 4-grams ("shingles"): every shingle whose hash is 0 modulo
  SAMPLE. Broder's mod-m sketch: two texts' samples overlap in proportion to their
  shingles, so Jaccard similarity *and containment* (a trimmed copy inside the full
  one) can be estimated from the samples alone. MinHash/LSH (datasketch) estimates
  Jaccard only, and its containment index (LSH Ensemble) must be built in one go,
  not grown entry by entry as a daemon needs.
* ``terms``: is this the same event in other words? Weighted terms for a TF-IDF
  cosine (see dedup.py), from the title and the whole text.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
import zlib
from collections.abc import Sequence

SHINGLE = 4  # words per shingle: long enough that shared shingles mean shared text
SAMPLE = 4  # keep one shingle hash in four (on average)
TITLE_WEIGHT = 2.0
# The whole text counts, its start the most (news is written lead first): a word's
# weight is 1 / (1 + position / LEAD_SCALE), taken per CHUNK words.
LEAD_SCALE = 300
CHUNK = 50
NUMBER_WEIGHT = 2.0  # "7.1", "2024", "300": rare and telling
# The characters of a text's start (about 60 words) whose days of the week are its
# facts (``days``).
LEAD_CHARACTERS = 400
# The weights above, stemming and the stop words were tuned on the labelled stories
# (benchmarks/cluster_quality.py, cluster_tune.py); capitalised names weighted up did
# not help there, nor did BM25's saturation (k1 1.2-2, b 0.3-0.5) instead of
# 1 + ln(count) on leads or whole articles. The lead alone (the first 120 words) did
# better than the whole text read evenly, and the whole text weighted by position
# better than both (LEAD_SCALE 100-600 tried).

_APOSTROPHE = "\u2019"  # the typographic one: "Biden\u2019s" is "biden's"
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")
_TERM = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?|\d(?:[\d,.]*\d)?")
# scikit-learn's English stop words (the Glasgow list), plus words every news story uses.
STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already
    also although always am among amongst amoungst amount an and another any anyhow anyone
    anything anyway anywhere are around as at back be became because become becomes
    becoming been before beforehand behind being below beside besides between beyond bill
    both bottom but by call can cannot cant co con could couldnt cry de describe detail do
    done down due during each eg eight either eleven else elsewhere empty enough etc even
    ever every everyone everything everywhere except few fifteen fifty fill find fire first
    five for former formerly forty found four from front full further get give go had has
    hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself
    his how however hundred i ie if in inc indeed interest into is it its itself keep last
    latter latterly least less ltd made many may me meanwhile might mill mine more moreover
    most mostly move much must my myself name namely neither never nevertheless next nine
    no nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put
    rather re same see seem seemed seeming seems serious several she should show side since
    sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter
    thereby therefore therein thereupon these they thick thin third this those though
    three through throughout thru thus to together too top toward towards twelve twenty two
    un under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither
    who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves s t said says say mr ms new just like""".split()  # noqa: SIM905
)
# Suffix, replacement; the first that fits wins (the stem keeps at least 3 letters).
_SUFFIXES = (
    ("ations", "ate"),
    ("ation", "ate"),
    ("ments", ""),
    ("ment", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ers", "er"),
    ("edly", ""),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)


def normalize(text: str) -> str:
    """Case, accents and typographic variants folded: what a copy editor may change."""
    return unicodedata.normalize("NFKC", text).casefold().replace(_APOSTROPHE, "'")


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def sketch(text: str) -> frozenset[int]:
    """The sampled shingle hashes of ``text`` (empty for fewer than SHINGLE words)."""
    tokens = words(text)
    count = len(tokens) - SHINGLE + 1
    if count <= 0:
        return frozenset()
    # Each shingle is the UTF-8 of its SHINGLE words joined by spaces: encoded once,
    # and each shingle hashed from a slice of that (no join or encode per shingle).
    data = " ".join(tokens).encode("utf-8", "surrogatepass")
    sizes = (
        [len(token) for token in tokens]
        if data.isascii()
        else [len(token.encode("utf-8", "surrogatepass")) for token in tokens]
    )
    starts = list(itertools.accumulate((size + 1 for size in sizes), initial=0))
    view = memoryview(data)
    last = SHINGLE - 1
    sampled = set()
    for start in range(count):
        # crc32, not hash(): stable across processes, so daemons agree.
        value = zlib.crc32(view[starts[start] : starts[start + last] + sizes[start + last]])
        if value % SAMPLE == 0:
            sampled.add(value)
    return frozenset(sampled)


def overlap(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sketches."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: 'attacks', 'attacked', 'attacking' meet."""
    if len(word) <= 4:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes")):
                return word[:-1]  # "votes": only the s goes
            return word[: -len(suffix)] + replacement
    return word


def terms(title: str, text: str) -> dict[str, float]:
    """Term weights of an entry: counts from its title (weighted up) and its whole
    text (its start weighted up, see LEAD_SCALE), numbers weighted up, then saturated
    (1 + ln count). The cosine that uses them is of unit vectors, so a long article
    and a short lead are on one scale."""
    counts: dict[str, float] = {}
    _add(counts, _TERM.findall(normalize(title)), TITLE_WEIGHT)
    words = normalize(text).split()
    for start in range(0, len(words), CHUNK):
        chunk = _TERM.findall(" ".join(words[start : start + CHUNK]))
        _add(counts, chunk, 1.0 / (1.0 + start / LEAD_SCALE))
    return {term: 1.0 + math.log(count) if count >= 1 else count for term, count in counts.items()}


# What grouping reads in an entry's headline and text: the text's shingle sketch, the
# terms of both and its facts (most of the cost of an Item).
View = tuple[frozenset[int], dict[str, float], frozenset[str]]


def view_of(title: str, text: str) -> View:
    # The body only in the sketch: a wire copy under another headline is the same text.
    return sketch(text), terms(title, text), facts(title, text)


def views_of(texts: Sequence[tuple[str, str]]) -> list[View]:
    """view_of each (title, text). Here, not beside the deduplicator that uses them:
    a worker process that works them out imports only this module (importing the
    deduplicator's, the database layer with it, cost each worker a quarter of a
    second of CPU before its first view)."""
    return [view_of(title, text) for title, text in texts]


def facts(title: str, text: str) -> frozenset[str]:
    """What an entry states that another report of the same event states too, when
    it states any: the numbers of its headline (``figures``) and the days of the week
    its headline and lead name (``days``). Two reports of one event that both give
    facts share at least one; two events of one kind on consecutive days ("a quake
    on Tuesday", "another on Wednesday") share none."""
    return figures(title) | days(title, text)


def days(title: str, text: str) -> frozenset[str]:
    """The days of the week the headline and the first LEAD_CHARACTERS characters of
    the text name: when the event happened, as a news lead says. Further on, an article
    recounts what led to it, on other days."""
    lead = f"{title}\n{text[:LEAD_CHARACTERS]}".lower()
    # Most leads name no day: the scan for one is skipped.
    return frozenset(_WEEKDAY.findall(lead)) if "day" in lead else frozenset()


def figures(title: str) -> frozenset[str]:
    """The numbers of a headline ("128,000 jobs", "7.1 quake"): two reports of one
    event that both give figures in their headlines share at least one."""
    # The same key a number has among the terms (see _term).
    return frozenset(
        found[0]
        for token in _TERM.findall(normalize(title))
        if token[0].isdigit() and (found := _term(token)) is not None
    )


def _add(counts: dict[str, float], tokens: list[str], weight: float) -> None:
    # Each token's term is looked up once per process (_term is cached). A plain dict
    # and its get: a defaultdict makes each term's first count a call of its factory.
    get = counts.get
    for token in tokens:
        found = _term(token)
        if found is not None:
            term = found[0]
            counts[term] = get(term, 0.0) + weight * found[1]


@functools.lru_cache(maxsize=1 << 18)
def _term(token: str) -> tuple[str, float] | None:
    """A folded token's term and weight; None for a stop word."""
    if token[0].isdigit():
        return token.replace(",", ""), NUMBER_WEIGHT
    word = token[:-2] if token.endswith("'s") else token
    if word in STOP_WORDS or len(word) < 2:
        return None
    return stem(word), 1.0
