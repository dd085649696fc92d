"""`aggregator feeds import|export|add|remove`: feeds.yaml edited in place (comments
and layout kept), OPML 2.0 out and back in."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import signal
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import create_engine, text

from aggregator.config import load_settings

from .conftest import FeedServer, run, wait_until
from .test_poll import rss
from .test_stories import poll

REPO_FEEDS = Path(__file__).parent.parent / "feeds.yaml"


def feeds_of(path: Path) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(f.url, f.title, f.tags) for f in load_settings(path, os.environ).feeds]


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_export_then_import_gives_the_same_feeds(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    site = server.add(
        "/site.xml",
        "<rss version='2.0'><channel><title>Site</title><link>https://site.example/</link>"
        "</channel></rss>",
    )
    path = config(
        [
            {"url": site, "tags": ["world", "asia"]},
            {"url": server.add("/b.xml", "<rss/>"), "title": 'Dawn: "News" # 1', "tags": []},
            {"url": server.add("/c.xml", "<rss/>"), "title": "Ğeo Ñews", "tags": ["urdu"]},
        ]
    )
    poll(path)
    opml = tmp_path / "out.opml"
    ok("feeds", "export", "--output", str(opml), "--config", str(path))
    root = etree.fromstring(opml.read_bytes())
    assert root.get("version") == "2.0"
    assert root.findtext("head/title")
    assert root.findtext("head/dateCreated")
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [url for url, _, _ in feeds_of(path)]
    # The feed's own title and site link, learnt by polling it.
    assert outlines[0].get("title") == "Site"
    assert outlines[0].get("htmlUrl") == "https://site.example/"
    assert outlines[0].get("category") == "world,asia"

    fresh = tmp_path / "fresh.yaml"
    fresh.write_text("# my reading list\nfeeds: []  # filled by import\n", "utf-8")
    said = ok("feeds", "import", str(opml), "--config", str(fresh))
    assert "added 3 feeds" in said
    expected = [(url, title, tags) for url, title, tags in feeds_of(path)]
    expected[0] = (site, "Site", ("world", "asia"))  # the polled title came along
    assert feeds_of(fresh) == expected
    assert fresh.read_text("utf-8").startswith("# my reading list\nfeeds:  # filled by import\n")
    # Importing again adds nothing.
    assert "added 0 feeds" in ok("feeds", "import", str(opml), "--config", str(fresh))
    assert feeds_of(fresh) == expected


def test_import_keeps_comments_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    shutil.copy(REPO_FEEDS, path)
    original = path.read_text("utf-8")
    opml = tmp_path / "reader.opml"
    opml.write_text(
        """<?xml version="1.0"?>
<opml version="1.0"><head><title>Feedly</title></head><body>
  <outline text="Pakistan" title="Pakistan">
    <outline type="rss" text="Dawn" xmlUrl="https://www.dawn.com/feeds/home"/>
    <outline type="rss" text="The News" title="The News International"
             xmlUrl="https://www.thenews.com.pk/rss/1/1" htmlUrl="https://www.thenews.com.pk"/>
    <outline type="rss" text="Broken" xmlUrl="javascript:alert(1)"/>
  </outline>
</body></opml>""",
        "utf-8",
    )
    result = run("feeds", "import", str(opml), "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "added 1 feed " in result.output
    assert "(1 already there, 1 skipped)" in result.output
    assert "javascript:alert(1)" in result.output  # named on stderr, with its line
    diff = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), path.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if not line.startswith(("---", "+++", "@@"))
    ]
    assert diff == [
        "+  - url: https://www.thenews.com.pk/rss/1/1",
        "+    title: The News International",
        "+    tags: [pakistan]",
    ]


def test_add_and_remove(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    shutil.copy(REPO_FEEDS, path)
    original = path.read_text("utf-8")
    url = "https://www.thenews.com.pk/rss/1/1"
    ok(
        "feeds",
        "add",
        url,
        "--title",
        "The News: Pakistan",
        "--tag",
        "pakistan",
        "--no-check",
        "--config",
        str(path),
    )
    assert (url, "The News: Pakistan", ("pakistan",)) in feeds_of(path)
    assert "already" in ok("feeds", "add", url, "--no-check", "--config", str(path))
    ok("feeds", "remove", url, "--config", str(path))
    assert path.read_text("utf-8") == original

    gone = run("feeds", "remove", url, "--config", str(path))
    assert gone.exit_code == 1
    assert f"no feed {url}" in gone.output
    bad = run("feeds", "add", "ftp://example.com/feed", "--config", str(path))
    assert bad.exit_code == 2
    assert "http(s) URL" in bad.output
    assert path.read_text("utf-8") == original


def test_hostile_or_broken_opml_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    shutil.copy(REPO_FEEDS, path)
    original = path.read_bytes()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", "utf-8")
    cases = {
        "laughs.opml": '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><opml version="2.0"><head/><body>'
        '<outline text="&b;" xmlUrl="https://x.example/&b;"/></body></opml>',
        "external.opml": f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<opml version="2.0"><head/><body><outline text="&s;" xmlUrl="https://x.example/"/>'
        "</body></opml>",
        "html.opml": "<html><body>not a list</body></html>",
        "binary.opml": "\x00\x01garbage",
    }
    for name, body in cases.items():
        opml = tmp_path / name
        opml.write_text(body, "utf-8")
        result = run("feeds", "import", str(opml), "--config", str(path))
        assert result.exit_code == 2, (name, result.output)
        assert name in result.output
        assert "TOPSECRET" not in result.output
        assert path.read_bytes() == original


def test_a_running_daemon_follows_feeds_yaml(
    server: FeedServer, config: Any, db_url: str, start_daemon: Any
) -> None:
    """`feeds add` and `feeds remove` take effect in a running daemon within seconds;
    a broken feeds.yaml is logged and ignored, the daemon going on as it was."""
    alpha = server.add("/alpha.xml", rss(("a1", "Alpha one")))
    bravo = server.add("/bravo.xml", rss(("b1", "Bravo one")))
    path = config([{"url": alpha, "interval": "1h"}], extract={"full_text": "never"})
    daemon = start_daemon(path)

    def titles() -> set[str]:
        result = run("entries", "--json", "--config", str(path))
        return {json.loads(line)["title"] for line in result.stdout.splitlines()}

    wait_until(lambda: titles() == {"Alpha one"})
    ok("feeds", "add", bravo, "--tag", "late", "--config", str(path))
    wait_until(lambda: titles() == {"Alpha one", "Bravo one"})
    ok("feeds", "remove", alpha, "--config", str(path))
    engine = create_engine(db_url)

    def active() -> dict[str, bool]:
        with engine.connect() as db:
            return {url: bool(on) for url, on in db.execute(text("SELECT url, active FROM feeds"))}

    wait_until(lambda: active() == {alpha: False, bravo: True})
    engine.dispose()
    # SIGHUP reads it again at once, changed or not.
    daemon.process.send_signal(signal.SIGHUP)
    wait_until(lambda: daemon.log().count("event=config.reloaded") == 3)
    path.write_text(path.read_text("utf-8") + "\nfetch: [not, a, mapping\n", "utf-8")
    wait_until(lambda: "event=config.error" in daemon.log())
    assert daemon.stop() == 0
    log = daemon.log()
    assert log.count("event=config.reloaded") == 3
    assert "added=1" in log
    assert "removed=1" in log
