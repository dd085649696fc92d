"""The index's terms as small integer ids, each held as one string. Pure.

An entry of the window keeps its vector's terms as ids (4 bytes each, with its weights
in one buffer: dedup.Indexed) rather than as a tuple of strings (8 bytes a term, plus
the tuple): with 62,000 entries in the window that was the largest single cost of a
daemon's memory (benchmarks/daemon_memory.py). And each term is one string however
many entries carry it: an entry's terms come from a worker process, each a copy of its
own.

An id is held by whatever keeps it (an entry of the window, a set of terms counted in
the document frequencies) and is given to another term only once nothing holds it:
ids stay valid while an entry moves between stories, whatever its postings do.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable


class Vocabulary:
    """Terms <-> ids, with how many holders each id has."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.words: list[str] = []  # id -> term ("" for a free id)
        self._holders = array("I")  # id -> how many hold it
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, term: str) -> bool:
        return term in self._ids

    def hold(self, terms: Iterable[str]) -> array[int]:
        """The ids of ``terms`` (in their order), each held once more."""
        ids = self._ids
        holders = self._holders
        held = array("I")
        for term in terms:
            at = ids.get(term)
            if at is None:
                at = self._new(term)
            holders[at] += 1
            held.append(at)
        return held

    def _new(self, term: str) -> int:
        if self._free:
            at = self._free.pop()
            self.words[at] = term
        else:
            at = len(self.words)
            self.words.append(term)
            self._holders.append(0)
        self._ids[term] = at
        return at

    def release(self, held: Iterable[int]) -> None:
        """Each of these ids is held once less; an id nobody holds is free again."""
        holders = self._holders
        for at in held:
            left = holders[at] - 1
            holders[at] = left
            if not left:
                del self._ids[self.words[at]]
                self.words[at] = ""
                self._free.append(at)
