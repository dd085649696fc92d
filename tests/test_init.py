"""Starting from nothing: `aggregator init`, and `feeds add` / `feeds import` without
a feeds.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from aggregator.config import (
    DedupSettings,
    ExtractSettings,
    FetchSettings,
    FileConfig,
    OutputSettings,
    RetentionSettings,
    ScheduleSettings,
    ServeSettings,
    load_settings,
)
from aggregator.config.starter import EXAMPLE_FEEDS, starter

from .conftest import run

_KEY = re.compile(r"^# ([a-z_]+:)$|^#   ([a-z_]+:.*)$")


def test_init_writes_a_feeds_yaml_that_loads_with_the_example_feeds(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "feeds.yaml"
    done = run("init", "--config", str(path))
    assert done.exit_code == 0, done.output
    assert f"wrote {path}" in done.output
    settings = load_settings(path, {})
    assert [feed.url for feed in settings.feeds] == [url for url, _, _ in EXAMPLE_FEEDS]
    assert settings.database_url == f"sqlite:///{path.parent / 'aggregator.db'}"
    assert settings.serve is None  # commented out, like every other section

    again = run("init", "--config", str(path))
    assert again.exit_code == 1
    assert "exists already" in again.output
    assert path.read_text() == starter()  # not overwritten


def test_every_key_init_shows_is_at_its_default() -> None:
    """Uncommented, the sections of the first feeds.yaml give exactly the defaults:
    the file cannot drift from the code."""
    lines = []
    for line in starter().splitlines():
        found = _KEY.match(line)
        if found:
            lines.append(line[2:])
        else:
            lines.append(line)
    text = "\n".join(lines)
    assert text.count("\n# ") < starter().count("\n# ")  # something was uncommented
    parsed = FileConfig.model_validate(yaml.safe_load(text))
    assert parsed.fetch == FetchSettings()
    assert parsed.schedule == ScheduleSettings()
    assert parsed.extract == ExtractSettings()
    assert parsed.dedup == DedupSettings()
    assert parsed.output == OutputSettings()
    assert parsed.retention == RetentionSettings()
    assert parsed.serve == ServeSettings()
    shown = {
        m.group(1) or m.group(2).split(":")[0] for m in map(_KEY.match, starter().splitlines()) if m
    }
    for section in (
        FetchSettings,
        ScheduleSettings,
        ExtractSettings,
        DedupSettings,
        OutputSettings,
        RetentionSettings,
        ServeSettings,
    ):
        missing = set(section.model_fields) - shown
        assert not missing, (section.__name__, missing)


def test_feeds_add_and_import_create_a_missing_feeds_yaml(tmp_path: Path) -> None:
    path = tmp_path / "new" / "feeds.yaml"
    added = run("feeds", "add", "https://example.org/news.xml", "--no-check", "--config", str(path))
    assert added.exit_code == 0, added.output
    assert f"created {path}" in added.output
    assert [f.url for f in load_settings(path, {}).feeds] == ["https://example.org/news.xml"]

    other = tmp_path / "other.yaml"
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="World">'
        '<outline text="A" xmlUrl="https://a.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    imported = run("feeds", "import", str(opml), "--config", str(other))
    assert imported.exit_code == 0, imported.output
    assert f"created {other}" in imported.output
    assert [f.url for f in load_settings(other, {}).feeds] == ["https://a.example/rss"]
