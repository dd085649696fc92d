"""Reading feeds.yaml and the environment into Settings: YAML with the line of every
key, validation against the schema, and one message per mistake naming file, line
and key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import ConfigError
from ..types import FeedSource
from .schema import DEFAULT_DATABASE, FileConfig, Settings, _DuplicateFeed


def load_settings(path: Path, environ: Mapping[str, str]) -> Settings:
    """Read and validate the configuration file plus AGGREGATOR_* overrides.

    Args:
        path: the feeds.yaml to read.
        environ: the environment (only AGGREGATOR_DATABASE is read here).

    Raises:
        ConfigError: with one message naming the file, line, key and expectation.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ConfigError(
            f"{path}: configuration file not found (use --config PATH or AGGREGATOR_CONFIG)"
        ) from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration file: {e}") from e

    data, lines = _load_yaml(path, text)
    try:
        parsed = FileConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_describe(path, e, lines)) from e

    env_database = environ.get("AGGREGATOR_DATABASE")
    if env_database:
        database = _resolve_database(env_database, Path.cwd(), "AGGREGATOR_DATABASE")
    else:
        line = lines.get(("database",), 1)
        database = _resolve_database(
            parsed.database or DEFAULT_DATABASE, path.parent, f"{path}:{line}: database"
        )

    return Settings(
        config_path=path,
        database_url=database,
        feeds=tuple(
            FeedSource(
                url=f.url,
                title=f.title,
                interval_seconds=f.interval,
                min_interval_seconds=min(
                    f.min_interval or parsed.schedule.min_interval, f.interval
                ),
                max_interval_seconds=max(
                    f.max_interval or parsed.schedule.max_interval, f.interval
                ),
                tags=f.tags,
                full_text=_feed_full_text(parsed.extract.full_text, f.full_text),
                keep_seconds=f.keep,
            )
            for f in parsed.feeds
        ),
        fetch=parsed.fetch,
        schedule=parsed.schedule,
        extract=parsed.extract,
        dedup=parsed.dedup,
        serve=parsed.serve,
        output=parsed.output,
        retention=parsed.retention,
    )


def _feed_full_text(default: str, own: str | None) -> str:
    if default == "never":
        return "never"  # the global switch wins: no page fetching anywhere
    return own or default


def _resolve_database(url: str, base: Path, where: str) -> str:
    # Imported here: URLs are SQLAlchemy's, and so the store's business; every command
    # that reads a configuration goes on to open the store.
    from ..store.engine import database_url

    try:
        return database_url(url, base)
    except ValueError as e:
        raise ConfigError(f"{where}: {e}") from e


# --- YAML with line numbers -------------------------------------------------------


Path_ = tuple[str | int, ...]


def _load_yaml(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML, returning the data and the 1-based line of every key and item."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = e.problem or str(e)
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: invalid YAML: {e}") from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}:1: expected a mapping with keys such as 'database' and 'feeds', "
            f"got {type(data).__name__}"
        )
    lines: dict[Path_, int] = {}
    if node is not None:
        _index_lines(path, node, (), lines)
    return data, lines


def _index_lines(path: Path, node: yaml.Node, at: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                # PyYAML keeps the last value silently; a repeated key is a mistake.
                dotted = _dotted((*at, key))
                raise ConfigError(
                    f"{path}:{key_node.start_mark.line + 1}: {dotted}: key appears twice"
                )
            seen.add(key)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _index_lines(path, value_node, (*at, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(path, item, (*at, i), lines)


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "float_type": "a number",
    "tuple_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "literal_error": "one of the listed values",
}


def _describe(path: Path, error: ValidationError, lines: dict[Path_, int]) -> str:
    """All validation errors, one ``file:line: key: expectation`` line each, by line."""
    found = sorted({_describe_one(path, e, lines) for e in error.errors(include_url=False)})
    return "\n".join(text for _, text in found)


def _describe_one(path: Path, first: ErrorDetails, lines: dict[Path_, int]) -> tuple[int, str]:
    loc: Path_ = tuple(first["loc"])
    kind = first["type"]
    ctx = first.get("ctx") or {}
    if kind == "value_error" and isinstance(ctx.get("error"), _DuplicateFeed):
        loc = ("feeds", ctx["error"].index, "url")
    line = _line_for(loc, lines)
    where = f"{path}:{line}: {_dotted(loc)}"

    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        return line, f"{where}: unknown key{hint}"
    if kind == "missing":
        return line, f"{where}: required key is missing"
    if kind == "value_error":
        return line, f"{where}: {ctx.get('error', first['msg'])}"
    got = first.get("input")
    expected = _EXPECTED.get(kind)
    if kind == "literal_error":
        expected = f"one of {ctx.get('expected')}"
    if expected:
        return line, f"{where}: expected {expected}, got {got!r}"
    return line, f"{where}: {first['msg'].lower()}, got {got!r}"


def _line_for(loc: Path_, lines: dict[Path_, int]) -> int:
    # The innermost location that the file has; a missing key points at its parent.
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _allowed_keys(loc: Path_) -> list[str]:
    model: type[BaseModel] = FileConfig
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _model_of(field.annotation) if field else None
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
