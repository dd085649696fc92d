"""The public Python API: ``Aggregator`` opens, polls, answers and corrects without its
caller touching a session; database errors leave it as StoreError, also at COMMIT."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.api import Aggregator, GroupingOff
from aggregator.config import load_settings
from aggregator.errors import StoreError
from aggregator.types import FeedPart

from .conftest import FeedServer, write_config
from .test_failures import FEEDS, ITEMS, Disk, _feeds, disk  # noqa: F401  (fixture)
from .test_poll import rss
from .test_queries import FLOOD, _rss


def test_poll_query_and_correct_through_the_api(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    now = datetime.now(UTC)
    one = server.add(
        "/one.xml",
        _rss(
            "One",
            [
                ("Floods in the valley", "https://one.example/1", FLOOD, now),
                ("Markets rally", "https://one.example/2", "Stocks rose in Europe.", now),
            ],
        ),
    )
    two = server.add(
        "/two.xml", _rss("Two", [("Floods in the valley", "https://two.example/1", FLOOD, now)])
    )
    path = write_config(
        tmp_path / "feeds.yaml", [one, two], database=db_url, extract={"full_text": "never"}
    )
    with Aggregator.open(load_settings(path, os.environ)) as news:
        news.sync_feeds()
        assert news.due_count(news.settings.feeds) == 2
        seen: list[str] = []
        polled = news.poll_once(on_feed=lambda result, counts: seen.append(result.source.url))
        assert sorted(seen) == sorted([one, two])
        assert polled.report.new_entries == 3
        assert polled.waiting == 0

        assert len(news.entries()) == 3
        assert [e.title for e in news.entries(feeds=[two])] == ["Floods in the valley"]
        stories = news.stories()
        print([(s.title, s.sources, [(m.title, m.relation) for m in s.entries]) for s in stories])
        floods = next(s for s in stories if s.sources == 2)
        assert [h.entry.title for h in news.search("markets")] == ["Markets rally"]
        body, listed = news.export("json", FeedPart())
        assert listed == len(stories)
        assert b"Floods in the valley" in body

        markets = next(s for s in stories if s.sources == 1)
        assert news.merge([floods.id, markets.id], title="Two things") == 1
        [merged] = news.stories(ids=[floods.id])
        assert merged.title == "Two things"
        entry = next(m.id for m in merged.entries if m.title == "Markets rally")
        alone = news.split(entry)
        assert alone != floods.id
        with pytest.raises(LookupError):
            news.merge([floods.id, 999999])


def test_corrections_need_grouping_on(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    path = write_config(
        tmp_path / "feeds.yaml",
        [server.add("/one.xml", rss(("a", "A")))],
        database=db_url,
        dedup={"enabled": False},
    )
    with Aggregator.open(load_settings(path, os.environ)) as news, pytest.raises(GroupingOff):
        news.split(1)


def test_a_full_disk_at_commit_is_a_store_error(
    server: FeedServer,
    tmp_path: Path,
    disk: Disk,  # noqa: F811
) -> None:
    path = write_config(
        tmp_path / "feeds.yaml",
        _feeds(server),
        database=f"sqlite:///{disk.path / 'a.db'}",
        extract={"full_text": "never"},
    )
    with Aggregator.open(load_settings(path, os.environ)) as news:
        disk.remount("size=800k")
        with pytest.raises(StoreError, match="the disk is full"):
            news.poll_once()
        disk.remount("size=64m")
        news.poll_once(force=True)
        assert len(news.entries()) == FEEDS * ITEMS
