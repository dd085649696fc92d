"""When Python's cyclic garbage collector runs in the process that stores and groups.

A first poll of 1,000 feeds allocates hundreds of thousands of objects in this process
(parsed entries, rows, the story index) and keeps most of them: each collection the
allocations trigger walks the survivors again, and the full ones walk everything.
Measured on that poll (benchmarks/poll_throughput.py's farm): 0.6-0.8 s of the main
process's 5 s went to collections, of which almost nothing was garbage; with the
collector paused while the feeds were fetched and stored, and again while they were
grouped, the cyclic garbage left was 47,000 objects from the polls and 1,600 from
grouping 20,000 entries, freed at the first collections after the pause. So the busy
stretches run with the collector paused and the garbage goes once, at their end;
reference counting frees everything else as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic cyclic collection inside; the first allocation after it starts one
    (the allocations counted meanwhile are over the threshold). Where the collector was
    off already (the caller's choice), it stays off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_survivors() -> None:
    """Collect now, then move every object alive out of the collector's sight (gc.freeze)
    for good: later collections no longer walk them. For large, long-lived structures
    that hold no reference cycles (the story index): they are still freed, by reference
    counting, when they are let go."""
    gc.collect()
    gc.freeze()
