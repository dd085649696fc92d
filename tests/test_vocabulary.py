"""The index's terms as ids (vocabulary.Vocabulary), alone and as the story index holds
them while entries come, move and go. Pure: no database, no network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aggregator.domain import story_index
from aggregator.domain.dedup import Item, Thresholds
from aggregator.domain.story_index import Index
from aggregator.domain.textsim import facts, sketch, terms
from aggregator.domain.vocabulary import Vocabulary

T0 = datetime(2026, 11, 20, 6, tzinfo=UTC)


def test_a_term_has_one_id_and_one_string_while_anything_holds_it() -> None:
    vocabulary = Vocabulary()
    first = vocabulary.hold(["flood", "river", "flood"])
    assert first[0] == first[2] != first[1]
    # Another copy of the same word, as from another worker process.
    again = vocabulary.hold(["".join(["fl", "ood"]), "dam"])
    assert again[0] == first[0]
    assert vocabulary.words[again[0]] is vocabulary.words[first[0]]
    assert [vocabulary.words[at] for at in again] == ["flood", "dam"]
    assert len(vocabulary) == 3

    vocabulary.release(first)
    # "flood" is still held (by ``again``), "river" by nobody.
    assert "flood" in vocabulary
    assert "river" not in vocabulary
    assert vocabulary.words[again[0]] == "flood"
    # The free id goes to the next new term; held ids are never given away.
    (bridge,) = vocabulary.hold(["bridge"])
    assert bridge == first[1]
    assert set(vocabulary.hold(["storm", "rain"])).isdisjoint({*again, bridge})
    vocabulary.release(again)
    assert "flood" not in vocabulary
    assert "dam" not in vocabulary
    assert len(vocabulary) == 3  # bridge, storm, rain


def item(entry_id: int, title: str, text: str, hours: float) -> Item:
    return Item(
        entry_id=entry_id,
        feed_id=entry_id,
        when=T0 + timedelta(hours=hours),
        canonical_url=f"https://outlet{entry_id}.example/{entry_id}",
        sketch=sketch(text),
        terms=terms(title, text),
        facts=facts(title, text),
        order=(str(entry_id),),
    )


def test_an_entry_keeps_its_vector_while_it_moves_and_its_terms_are_counted_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An entry that alone carries a term, once the document frequencies no longer count
    it (REFERENCE newer entries pushed it out): leaving its story empties the term's
    posting, yet the term's id stays the entry's through the move, and terms that come
    meanwhile get ids of their own."""
    monkeypatch.setattr(story_index, "REFERENCE", 2)
    index = Index(Thresholds())
    news = [
        item(101, "Orchestra season", "The orchestra announced twelve concerts.", -2),
        item(102, "Market closes", "Shares fell as the market closed lower.", -1),
    ]
    for other in news:
        index.count(other.entry_id, other.terms)
    lone = item(1, "Glacier melts early", "The glacier above the valley melted early.", 0)
    index.add(lone, 10)
    before = dict(index._vector_of(index._entries[1]))
    # Two more entries push the first one's terms out of the document frequencies.
    index.add(item(2, "Election called", "The prime minister called an election.", 1), 20)
    index.count(103, item(103, "Rain", "Rain is expected over the weekend.", 1).terms)
    assert "glacier" in before
    assert "glacier" not in index._df

    index.move(1, 30)
    index.add(item(3, "Harbour opens", "A new harbour opened for ferries at dawn.", 2), 40)
    assert dict(index._vector_of(index._entries[1])) == before
    assert set(index._term_stories["glacier"]) == {30}
    assert index.members(30) == {1}

    index.remove(1)
    assert "glacier" not in index._vocabulary
    assert "glacier" not in index._term_stories
    index.remove(2)
    index.remove(3)
    # Only what the reference still counts keeps an id.
    assert sorted(word for word in index._vocabulary.words if word) == sorted(index._df)


def test_an_entry_is_held_with_its_vector_sketch_and_facts() -> None:
    """What the index keeps of an entry (its terms as ids, weights and sketch in one
    buffer, facts as a tuple) reads back as the vector it was given on arrival, to
    single precision, its sketch and its facts."""
    index = Index(Thresholds())
    index.add(item(1, "Orchestra season", "The orchestra announced twelve concerts.", 0), 10)
    text = (
        "A quake of magnitude 6.1 struck the northern coast on Monday, shaking buildings"
        " in three towns. Rescue teams searched collapsed homes through the night, and"
        " officials said schools would stay closed while engineers inspect the bridges."
    )
    report = item(2, "Quake of 6.1 hits coast", text, 1)
    vector = index._vector(report)
    index.add(report, 20)
    known = index._entries[2]
    assert dict(index._vector_of(known)) == pytest.approx(vector, rel=1e-6)
    assert len(vector) == known.size > 3
    assert sorted(known.shingles) == sorted(report.sketch)
    assert len(report.sketch) >= 4
    assert report.facts
    assert set(known.facts) == report.facts
