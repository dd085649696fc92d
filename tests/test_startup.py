"""Starting up as users do: several commands at once on a database that does not exist
yet, options before the command name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from aggregator.store.engine import make_engine
from aggregator.store.migrate import current_revision, head_revision

from .conftest import DATA, FeedServer, Route, run, wait_until, write_config

ROUNDS = 5


def _start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "aggregator", *args], stdout=out, stderr=subprocess.STDOUT
        )


def _race(config: Path, folder: Path) -> None:
    """`run`, `entries` and `feeds` started together: all come up."""
    daemon = _start("run", "--config", str(config), log=folder / "run.log")
    readers = [
        _start(command, "--config", str(config), log=folder / f"{command}.log")
        for command in ("entries", "feeds")
    ]
    try:
        for command, process in zip(("entries", "feeds"), readers, strict=True):
            status = process.wait(timeout=60)
            assert status == 0, (command, (folder / f"{command}.log").read_text())
        started = folder / "run.log"
        wait_until(
            lambda: daemon.poll() is not None or "event=daemon.start" in started.read_text(),
            timeout=60,
        )
        assert daemon.poll() is None, (folder / "run.log").read_text()
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        for process in readers:
            if process.poll() is None:
                process.kill()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_commands_started_together_on_a_new_sqlite_file_all_come_up(
    tmp_path: Path, server: FeedServer, round_: int
) -> None:
    server.routes["/feed.xml"] = Route((DATA / "rss2.xml").read_bytes())
    database = f"sqlite:///{tmp_path / 'new.db'}"
    config = write_config(tmp_path / "feeds.yaml", [server.url("/feed.xml")], database=database)
    _race(config, tmp_path)
    engine = make_engine(database)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_commands_started_together_on_a_new_postgres_database_all_come_up(
    tmp_path: Path, server: FeedServer, pg_url: str
) -> None:
    server.routes["/feed.xml"] = Route((DATA / "rss2.xml").read_bytes())
    config = write_config(tmp_path / "feeds.yaml", [server.url("/feed.xml")], database=pg_url)
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        for round_ in range(ROUNDS):
            with admin.connect() as connection:  # a database with nothing in it
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            folder = tmp_path / f"round{round_}"
            folder.mkdir()
            _race(config, folder)
            assert current_revision(admin) == head_revision()
    finally:
        admin.dispose()


def test_config_and_log_level_before_the_command_name(
    tmp_path: Path, server: FeedServer, db_url: str
) -> None:
    server.routes["/feed.xml"] = Route((DATA / "rss2.xml").read_bytes())
    config = write_config(tmp_path / "feeds.yaml", [server.url("/feed.xml")], database=db_url)
    before = ["--config", str(config), "--log-level", "debug"]
    polled = subprocess.run(
        [sys.executable, "-m", "aggregator", *before, "poll"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert polled.returncode == 0, polled.stderr
    assert "level=debug" in polled.stderr
    # A group's subcommand finds it too, and the option after the name wins.
    other = write_config(tmp_path / "other.yaml", [], database=f"sqlite:///{tmp_path / 'o.db'}")
    listed = run("--config", str(other), "feeds", "--json", "--config", str(config))
    assert listed.exit_code == 0, listed.output
    assert server.url("/feed.xml") in listed.output
    added = run("--config", str(other), "feeds", "add", "https://example.org/feed", "--no-check")
    assert added.exit_code == 0, added.output
    assert "https://example.org/feed" in (tmp_path / "other.yaml").read_text()
