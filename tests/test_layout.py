"""The shape the package docstring promises: the domain is pure, and only the store
(and the facade that owns sessions) speaks SQLAlchemy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import aggregator

PACKAGE = Path(aggregator.__file__).parent
# The facade (api.py) and its composition root (app.py) own sessions; store/ is the rest.
MAY_IMPORT_SQLALCHEMY = {"api.py", "app.py"}


def imported(path: Path) -> set[str]:
    """The top-level names of the modules a file imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_store_and_the_facade_import_sqlalchemy() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "sqlalchemy" in imported(path)
        and path.relative_to(PACKAGE).parts[0] != "store"
        and str(path.relative_to(PACKAGE)) not in MAY_IMPORT_SQLALCHEMY
    ]
    assert offenders == []


def test_the_domain_is_pure() -> None:
    # Imported alone, in a fresh interpreter: nothing that reaches a database, the
    # network or another process comes with it.
    code = (
        "import sys, aggregator.domain.schedule, aggregator.domain.decide, "
        "aggregator.domain.identity, aggregator.domain.dedup, "
        "aggregator.domain.story_index, aggregator.domain.copies, aggregator.domain.textsim; "
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for heavy in ("sqlalchemy", "httpx", "feedparser", "trafilatura", "aggregator.store"):
        assert heavy not in loaded, heavy
    assert not any(name.startswith(("aggregator.runtime", "aggregator.sources")) for name in loaded)


def test_the_daemon_imports_the_extractor_only_to_extract() -> None:
    # A daemon's main process extracts in worker processes (or not at all, with
    # full_text off): trafilatura and its tables are not in its memory until a page is
    # extracted there (benchmarks/daemon_memory.py).
    code = (
        "import sys, aggregator.cli.poll, aggregator.runtime.daemon, "
        "aggregator.runtime.extractor, aggregator.sources.extract; "
        "print(aggregator.sources.extract.EXTRACTOR); "
        "print(' '.join(sorted(sys.modules)))"
    )
    extractor, loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert extractor.startswith("trafilatura ")
    assert "trafilatura" not in loaded.split()
