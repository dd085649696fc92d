from __future__ import annotations

import shlex
import subprocess
import sys

import click
import pytest

from aggregator.cli import cli

from .conftest import run


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
        else:
            found.append(path)
    return found


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_has_an_example_that_parses(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "--config" in result.output
    example = result.output.split("Example:", 1)[1].strip().splitlines()[0]
    words = shlex.split(example)
    assert words[: 1 + len(path)] == ["aggregator", *path]
    # The example's options must be ones the command accepts.
    command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]  # type: ignore[assignment]
    context = command.make_context(" ".join(path), words[1 + len(path) :])
    assert context.params is not None


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aggregator", "--help"], capture_output=True, text=True, check=True
    )
    for name in ("poll", "entries", "feeds", "db"):
        assert name in result.stdout
