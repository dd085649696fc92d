"""The story pages in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium, against a daemon polling real served feeds.
A screenshot of each page is written under the test's temporary folder."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FeedServer, wait_until, write_config
from .test_daemon import _get, free_port
from .test_stories import NO_PAGES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


@pytest.fixture
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1100,900")
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=DRIVER), options=options
    )
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_read_search_and_merge_stories_in_a_browser(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    bridge_text = (
        "The harbour bridge reopened to traffic on Monday after eight months of repairs "
        "to its <b>deck</b> and cables, the city's transport office said."
    )
    items = {
        "one": [
            ("Harbour bridge reopens after repairs", "https://wire.example/bridge", bridge_text)
        ],
        "two": [
            ("Harbour bridge reopens", "https://wire.example/bridge", bridge_text),
            ("Orchestra <em>tours</em> Japan", "https://two.example/orchestra", "In May."),
        ],
    }
    feeds = []
    for name, entries in items.items():
        body = "".join(
            f"<item><title>{title.replace('<', '&lt;')}</title><link>{link}</link>"
            f"<description>{text.replace('<', '&lt;')}</description>"
            f"<guid>{name}-{n}</guid></item>"
            for n, (title, link, text) in enumerate(entries)
        )
        feeds.append(
            server.add(
                f"/{name}.xml",
                f'<rss version="2.0"><channel><title>{name}</title>{body}</channel></rss>',
            )
        )
    port = free_port()
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": url, "interval": "1h"} for url in feeds],
        database=db_url,
        serve={"host": "127.0.0.1", "port": port, "allow_edits": True},
        **NO_PAGES,
    )
    start_daemon(config)
    base = f"http://127.0.0.1:{port}"
    # Both feeds polled and grouped: two stories, the bridge with both outlets (with
    # feed "two" polled first, the list has two stories before "one" joins the bridge).
    wait_until(
        lambda: (
            (listing := _get(f"{base}/")[1]).count(b'href="/stories/') == 2
            and b"2 outlets" in listing
        ),
        timeout=30,
    )
    shots = tmp_path / "screenshots"
    shots.mkdir()

    # The list: both stories, the bridge with its two outlets.
    browser.get(f"{base}/")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ol.stories a.title")]
    assert len(titles) == 2
    # The feed's markup in a title is never markup on the page.
    assert "Orchestra tours Japan" in titles
    assert browser.find_elements(By.TAG_NAME, "em") == []
    browser.save_screenshot(str(shots / "stories.png"))

    # Follow the story: every source, linked, with the timeline.
    bridge = next(
        a
        for a in browser.find_elements(By.CSS_SELECTOR, "ol.stories a.title")
        if "bridge" in a.text
    )
    bridge.click()
    assert re.search(r"/stories/\d+$", browser.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.sources tbody tr")
    assert len(rows) == 2
    assert browser.find_elements(By.CSS_SELECTOR, "figure.timeline svg circle")
    # The representative's summary, as text (the feed's <b> is not markup here).
    summary = browser.find_element(By.CSS_SELECTOR, "blockquote.summary p").text
    assert summary == bridge_text.replace("<b>", "").replace("</b>", "")
    assert browser.find_elements(By.CSS_SELECTOR, "blockquote.summary b") == []
    browser.save_screenshot(str(shots / "story.png"))
    bridge_url = browser.current_url

    # Search from the box on the list.
    browser.get(f"{base}/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("orchestra")
    box.submit()
    # submit() returns before the results page loads: the list read too soon was the
    # old page's, gone by the time its titles were read (a stale element).
    wait_until(lambda: "q=orchestra" in browser.current_url, timeout=10)
    found = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ol.stories a.title")]
    assert found == ["Orchestra tours Japan"]
    browser.save_screenshot(str(shots / "search.png"))
    orchestra_id = (
        browser.find_element(By.CSS_SELECTOR, "ol.stories a.title")
        .get_attribute("href")
        .rsplit("/", 1)[-1]
    )

    # Merge the orchestra story into the bridge story from its page (edits are on).
    browser.get(bridge_url)
    browser.find_element(By.NAME, "other").send_keys(orchestra_id)
    browser.find_element(By.CSS_SELECTOR, "form.merge button").click()
    wait_until(
        lambda: len(browser.find_elements(By.CSS_SELECTOR, "table.sources tbody tr")) == 3,
        timeout=10,
    )
    assert "placed by a user" in browser.page_source
    browser.save_screenshot(str(shots / "merged.png"))
    browser.get(f"{base}/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.stories a.title")) == 1
    for name in ("stories", "story", "search", "merged"):
        assert (shots / f"{name}.png").stat().st_size > 1000
