"""Edits feeds.yaml in place: adds and removes feeds, leaving every other byte alone.

The edit is a splice of whole lines, not a YAML round trip. PyYAML's dump drops
comments; ruamel.yaml keeps them but hangs a comment that sits above a list item on the
*previous* item, so removing the last feed of a section also removed the next section's
header (``# --- South Asia ---``, tried on this repository's feeds.yaml). Here PyYAML's
composer only locates the ``feeds:`` list, with the position of every item:

* Adding writes new items after the last line of the last feed, in the list's own
  indentation (``  - url: ...`` / ``    title: ...`` / ``    tags: [a, b]``). A file
  without ``feeds:`` gets one at its end; ``feeds: []`` or an empty ``feeds:`` becomes a
  block list. A title or tag is written plain when YAML reads it back unchanged, and
  double-quoted otherwise (``: ``, ``#``, quotes, a leading ``-``, ``yes``, ``1.0``).
* Removing deletes the item's lines, comment lines indented inside the item, and the
  comment lines directly above it when they belong to it alone: between the previous
  feed and this one with no blank line, and not a section header (a comment with a run
  of three ``-``, ``=``, ``#``, ``*``, ``~``, ``_`` or ``+``). Removing the last feed
  leaves ``feeds: []``.

Feeds already present are not added twice: URLs are compared with ``opml.url_key``
(exact, up to scheme/host case, default port, empty path and fragment; trailing slashes
count). Every edit is checked with ``load_settings``, and against the intended list of
feeds, before the file is replaced atomically (a temporary file in its directory, then
``os.replace``) with its mode kept: a failed edit leaves feeds.yaml as it was.

Limitations: a non-empty ``feeds`` list written in flow style (``feeds: [{url: ...}]``)
is refused rather than edited, as is an edit that would break a YAML alias (removing
the feed an anchor is on); ``html_url`` is not kept
(feeds.yaml has no such key); the file's owner and group are not kept.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import ConfigError
from . import FeedConfig, Settings, load_settings
from .opml import OpmlFeed, url_key

# "# --- South Asia ---", "# ==== Tech", "##### Blogs": a header for the items below.
_SECTION = re.compile(r"([-=#*~_+])\1\1")
# A plain scalar must not start with a YAML indicator (YAML 1.1 §4.2).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
DEFAULT_INDENT = 2  # "  - url: ..." under "feeds:", as in the example feeds.yaml


@dataclass(frozen=True)
class Added:
    """What ``add_feeds`` did with each feed it was given."""

    added: tuple[OpmlFeed, ...]
    skipped: tuple[OpmlFeed, ...]  # already in the file, or earlier in the same call
    invalid: tuple[tuple[OpmlFeed, str], ...]  # with the reason feeds.yaml would refuse it


def add_feeds(path: Path, feeds: Sequence[OpmlFeed]) -> Added:
    """Append ``feeds`` to the file's feed list, skipping those already present.

    Only url, title and tags are written; interval and the rest keep their defaults.

    Args:
        path: the feeds.yaml to edit; it must already be valid.
        feeds: the feeds to add, in order.

    Returns:
        Which feeds were added, skipped as present, or refused as invalid. The file is
        not written when nothing is added.

    Raises:
        ConfigError: the file is missing or invalid, its feed list cannot be edited, or
            the edited file would not load (the file is then unchanged).
    """
    text = _read(path)
    before = load_settings(path, {})
    known = {url_key(feed.url) for feed in before.feeds}
    added: list[OpmlFeed] = []
    skipped: list[OpmlFeed] = []
    invalid: list[tuple[OpmlFeed, str]] = []
    for feed in feeds:
        feed = replace(feed, url=feed.url.strip())
        key = url_key(feed.url)
        problem = problem_of(feed)
        if key in known:
            skipped.append(feed)
        elif problem:
            invalid.append((feed, problem))
        else:
            known.add(key)
            added.append(feed)
    if added:
        edited = _with_added(text, _locate(text, path), added)
        expected = [*_described(before), *((f.url, f.title, f.tags) for f in added)]
        _replace(path, text, edited, lambda after: _described(after) == expected)
    return Added(tuple(added), tuple(skipped), tuple(invalid))


def remove_feed(path: Path, url: str) -> bool:
    """Delete the feed with this URL (compared as ``add_feeds`` does) from the file.

    Args:
        path: the feeds.yaml to edit; it must already be valid.
        url: the feed's URL; an exact match wins over one equal under ``url_key``.

    Returns:
        False when no feed has this URL (the file is not written).

    Raises:
        ConfigError: the file is missing or invalid, two feeds match ``url`` only under
            ``url_key``, the list cannot be edited, or the edited file would not load.
    """
    text = _read(path)
    before = load_settings(path, {})
    urls = [feed.url for feed in before.feeds]
    index = _find(urls, url.strip(), path)
    if index is None:
        return False
    edited = _without(text, _locate(text, path), index)
    expected = _described(before)
    del expected[index]
    _replace(path, text, edited, lambda after: _described(after) == expected)
    return True


# --- locating the list ------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    key: yaml.Node | None  # the `feeds` key, None when the file has none
    value: yaml.Node | None
    items: list[yaml.Node]


def _locate(text: str, path: Path) -> _Layout:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:  # load_settings has accepted it; only a race gets here
        raise ConfigError(f"{path}: invalid YAML: {e}") from e
    if root is None:
        return _Layout(None, None, [])
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ConfigError(f"{path}: written as a flow mapping ({{...}}); edit it by hand")
    for key, value in root.value:
        if key.value != "feeds":
            continue
        items = list(value.value) if isinstance(value, yaml.SequenceNode) else []
        if items and value.flow_style:
            raise ConfigError(f"{path}: feeds is a flow list ([...]); edit it by hand")
        return _Layout(key, value, items)
    return _Layout(None, None, [])


def _content_end(node: yaml.Node, text: str) -> int:
    """The index just after the last character of a node's own text."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    # A block scalar (`|`) ends after the blank lines that follow it.
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


# --- adding -------------------------------------------------------------------------


def _with_added(text: str, layout: _Layout, feeds: Sequence[OpmlFeed]) -> str:
    nl = _newline(text)
    if layout.key is None or layout.value is None:
        block = "".join(_item(feed, DEFAULT_INDENT, DEFAULT_INDENT + 2, nl) for feed in feeds)
        if not text.strip():
            return f"{text}feeds:{nl}{block}"
        ending = "" if text.endswith("\n") else nl
        return f"{text}{ending}{nl}feeds:{nl}{block}"
    if not layout.items:
        # `feeds:`, `feeds: ~` or `feeds: []`: drop the value, keep a trailing comment.
        value = layout.value
        rest = text[value.end_mark.index :]
        line_rest, newline, after = rest.partition("\n")
        if not line_rest.strip():
            line_rest = "\r" if line_rest.endswith("\r") else ""
        head = text[: value.start_mark.index].rstrip(" \t") + line_rest + newline
        if not newline:
            head += nl
        indent = layout.key.start_mark.column + DEFAULT_INDENT
        block = "".join(_item(feed, indent, indent + 2, nl) for feed in feeds)
        return head + block + after
    first = layout.items[0]
    dash = layout.value.start_mark.column
    # The first item's first key gives the keys' column: "- url" puts it at dash + 2.
    keys = first.start_mark.column if first.start_mark.column > dash else dash + 2
    at = _line_after(text, _content_end(layout.items[-1], text))
    block = "".join(_item(feed, dash, keys, nl) for feed in feeds)
    if at == len(text) and text and not text.endswith("\n"):
        block = nl + block
    return text[:at] + block + text[at:]


def _item(feed: OpmlFeed, dash: int, keys: int, nl: str) -> str:
    lines = [" " * dash + "-" + " " * (keys - dash - 1) + f"url: {_scalar(feed.url)}"]
    if feed.title is not None:
        lines.append(" " * keys + f"title: {_scalar(feed.title)}")
    if feed.tags:
        lines.append(" " * keys + f"tags: [{', '.join(_scalar(tag) for tag in feed.tags)}]")
    return "".join(line + nl for line in lines)


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as itself, in block or flow context."""
    if _plain_ok(value):
        return value
    # PyYAML's double-quoted style escapes everything YAML cannot carry raw (controls,
    # U+2028, a BOM); an unlimited width keeps it on one line.
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.rstrip("\n")


def _plain_ok(value: str) -> bool:
    if not value or value != value.strip() or value[0] in _INDICATORS:
        return False
    if any(c in ",[]{}#" or not c.isprintable() for c in value):
        return False
    try:  # the final say: `yes`, `1.0`, `2024-01-01`, `null`, `a: b` come back otherwise
        loaded = yaml.safe_load(f"k: {value}\nl: [{value}]\n")
    except yaml.YAMLError:
        return False
    return bool(loaded == {"k": value, "l": [value]})


def problem_of(feed: OpmlFeed) -> str | None:
    """Why ``feed`` cannot go into feeds.yaml (a URL that is not http(s), a tag with a
    space), or None."""
    data: dict[str, object] = {"url": feed.url, "tags": list(feed.tags)}
    if feed.title is not None:
        data["title"] = feed.title
    try:
        FeedConfig.model_validate(data)
    except ValidationError as e:
        return "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
    return None


# --- removing -----------------------------------------------------------------------


def _find(urls: list[str], url: str, path: Path) -> int | None:
    if url in urls:
        return urls.index(url)
    matches = [i for i, known in enumerate(urls) if url_key(known) == url_key(url)]
    if len(matches) > 1:
        listed = ", ".join(urls[i] for i in matches)
        raise ConfigError(f"{path}: {url!r} matches several feeds ({listed}); give one exactly")
    return matches[0] if matches else None


def _without(text: str, layout: _Layout, index: int) -> str:
    # The index came from this file's list, so the list is there.
    assert layout.key is not None
    assert layout.value is not None
    dash = layout.value.start_mark.column
    item = layout.items[index]
    start = _line_start(text, item.start_mark.index)
    while not _is_dash_line(text[start : _line_after(text, start)], dash):
        start = _line_start(text, start - 1)  # "-" alone, the mapping on a later line
    end = _line_after(text, _content_end(item, text))
    # Comment lines indented inside the item (a commented-out key) go with it.
    while end < len(text):
        line = text[end : _line_after(text, end)]
        if not (_is_comment(line) and _indent(line) > dash):
            break
        end = _line_after(text, end)
    start = _own_comments(text, start, _line_after(text, layout.key.start_mark.index))
    # Between two blank lines, one of them goes too.
    if start > 0 and end < len(text):
        before = text[_line_start(text, start - 1) : start]
        if not before.strip() and not text[end : _line_after(text, end)].strip():
            end = _line_after(text, end)
    edited = text[:start] + text[end:]
    if len(layout.items) == 1:
        colon = text.index(":", layout.key.end_mark.index)
        edited = edited[: colon + 1] + " []" + edited[colon + 1 :]
    return edited


def _own_comments(text: str, start: int, list_start: int) -> int:
    """Where an item starts once the comment lines above that are its own are added."""
    top = start
    while top > list_start:
        above = _line_start(text, top - 1)
        if not _is_comment(text[above:top]):
            break
        top = above
    if top == start or top <= list_start:
        return start  # no comment, or it heads the whole list
    previous = text[_line_start(text, top - 1) : top]
    if not previous.strip() or any(_SECTION.search(line) for line in text[top:start].splitlines()):
        return start  # after a blank line, or decorated: a section header
    return top


def _is_dash_line(line: str, dash: int) -> bool:
    return line[:dash].strip() == "" and line[dash : dash + 1] == "-"


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# --- text and file helpers ----------------------------------------------------------


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one holding ``index`` (or the end of the text)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _described(settings: Settings) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(feed.url, feed.title, feed.tags) for feed in settings.feeds]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: configuration file not found") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration file: {e}") from e


def _replace(path: Path, original: str, edited: str, intended: Callable[[Settings], bool]) -> None:
    """Write ``edited`` over ``path`` atomically, if it loads and does what was intended."""
    target = Path(os.path.realpath(path))  # a symlinked feeds.yaml stays a symlink
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(edited.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        temp.chmod(mode)
        try:
            after = load_settings(temp, {})
        except ConfigError as e:
            reason = str(e).replace(str(temp), str(path))
            raise ConfigError(
                f"{path}: not changed; the edit would make it invalid:\n{reason}"
            ) from e
        if not intended(after):
            raise ConfigError(f"{path}: not changed; the edit would alter other feeds")
        if target.read_bytes() != original.encode("utf-8"):
            raise ConfigError(f"{path}: not changed; it changed while being edited, try again")
        os.replace(temp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise
