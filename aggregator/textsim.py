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
  cosine (see dedup.py), from the title and the lead.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections import defaultdict

SHINGLE = 4  # words per shingle: long enough that shared shingles mean shared text
SAMPLE = 4  # keep one shingle hash in four (on average)
# Terms are taken from the title and the first words of the text: the lead says what
# happened; the rest of an article drifts into background shared with other stories.
LEAD_WORDS = 120
TITLE_WEIGHT = 2.0
ENTITY_WEIGHT = 1.5  # a capitalised word inside a sentence: a name, a place

_APOSTROPHE = "\u2019"  # the typographic one: "Biden\u2019s" is "biden's"
_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")
# Words too common in news to tell two stories apart (on top of English stop words).
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according new one two
    year years day days week time people mr ms mrs s t re ve ll d m""".split()  # noqa: SIM905
)


def normalize(text: str) -> str:
    """Case, accents and typographic variants folded: what a copy editor may change."""
    return unicodedata.normalize("NFKC", text).casefold().replace(_APOSTROPHE, "'")


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def sketch(text: str) -> frozenset[int]:
    """The sampled shingle hashes of ``text`` (empty for fewer than SHINGLE words)."""
    tokens = words(text)
    sampled = set()
    for start in range(len(tokens) - SHINGLE + 1):
        shingle = " ".join(tokens[start : start + SHINGLE]).encode("utf-8", "surrogatepass")
        # crc32, not hash(): stable across processes, so daemons agree.
        value = zlib.crc32(shingle)
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
    """A light English suffix stripper: 'attacks'/'attacked'/'attacking' meet."""
    for suffix, keep in (("ies", 3), ("ing", 4), ("ed", 4), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def terms(title: str, text: str) -> dict[str, float]:
    """Term weights (raw counts, title and names weighted up) of an entry."""
    counts: defaultdict[str, float] = defaultdict(float)
    _add(counts, title, TITLE_WEIGHT)
    lead = " ".join(text.split()[:LEAD_WORDS])
    _add(counts, lead, 1.0)
    return dict(counts)


def _add(counts: defaultdict[str, float], text: str, weight: float) -> None:
    text = unicodedata.normalize("NFKC", text)
    sentence_start = True
    for match in _WORD.finditer(text):
        raw = match.group()
        word = raw.casefold().replace(_APOSTROPHE, "'")
        entity = raw[0].isupper() and not sentence_start
        end = match.end()
        # The next word starts a sentence (its capital says nothing) after . ! ?
        sentence_start = text[end : end + 1] in (".", "!", "?", ":")
        if word in _STOP or len(word) < 2 or (word.isdigit() and len(word) < 3):
            continue
        counts[stem(word)] += weight * (ENTITY_WEIGHT if entity else 1.0)
