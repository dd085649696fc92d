"""Start-up time of the command line: how long `aggregator --help` and a small query
(`entries --limit 5`) take, as a user waits for them, against `python -c pass` in the
same run.

Each command runs ROUNDS times in a fresh process (the best time is kept: the
machine's noise only ever adds); the query reads a database with a few entries,
already at the newest schema. The floor printed beside them is what the store's
libraries cost to import at all (SQLAlchemy's ORM and pydantic): a query cannot start
sooner than that.

Usage: python benchmarks/startup.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 7
TARGET = 0.3  # seconds: issue 13's target for --help and entries --limit 5


def best(command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    python = sys.executable
    aggregator = [python, "-m", "aggregator"]
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "feeds.yaml").write_text(
            "database: sqlite:///aggregator.db\nfeeds:\n  - url: https://example.org/feed\n",
            encoding="utf-8",
        )
        subprocess.run([*aggregator, "db", "upgrade"], cwd=here, check=True, capture_output=True)
        rows = [
            ("python -c pass", [python, "-c", "pass"]),
            ("import sqlalchemy.orm, pydantic", [python, "-c", "import sqlalchemy.orm, pydantic"]),
            ("aggregator --help", [*aggregator, "--help"]),
            ("aggregator entries --limit 5", [*aggregator, "entries", "--limit", "5"]),
            ("aggregator stories --limit 5", [*aggregator, "stories", "--limit", "5"]),
        ]
        measured = {name: best(command, here) for name, command in rows}
    base = measured["python -c pass"]
    floor = measured["import sqlalchemy.orm, pydantic"]
    print(f"{'command':<34} {'best of ' + str(ROUNDS):>10} {'- python':>10} {'target':>8}")
    for name, seconds in measured.items():
        target = f"{TARGET:.2f}" if name.startswith("aggregator") else ""
        print(f"{name:<34} {seconds:>9.3f}s {seconds - base:>9.3f}s {target:>8}")
    query = measured["aggregator entries --limit 5"]
    print(
        f"entries over the floor of its libraries: {query - floor:.3f}s "
        f"({query / floor:.2f}x the floor)"
    )


if __name__ == "__main__":
    main()
