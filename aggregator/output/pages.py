"""The story pages the daemon serves: every story with the outlets that carried it,
and each story with its sources and the evidence that grouped them. Server-rendered
HTML from Jinja2 templates that escape everything they are given; nothing is loaded
from elsewhere (the CSS is ours, served beside the pages).

Pure: stories in, bytes out. serve.py routes requests here and reads the stories
through the same API as the command line (api.Aggregator.stories).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..types import FeedView, StoryMemberView, StoryView
from .render import ALTERNATE_TYPES

# Served with every page: nothing but our own stylesheet and pages may load, and
# nothing may frame them.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
PER_PAGE = 50


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("aggregator.output", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["when"] = _when
    environment.filters["web"] = web_link
    environment.filters["outlets"] = _outlets
    environment.filters["evidence"] = evidence
    return environment


def stylesheet() -> bytes:
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), "style.css")
    return source.encode()


@dataclass(frozen=True)
class Filters:
    """What the story list is narrowed to, as the form at its top says."""

    q: str = ""
    tag: str = ""
    saved: str = ""
    min_sources: int = 1
    since: str = ""
    until: str = ""

    def query(self) -> str:
        """The filters as a query string prefix for the paging links ("a=1&" or "")."""
        shown = {
            key: value
            for key, value in (
                ("q", self.q),
                ("tag", self.tag),
                ("saved", self.saved),
                ("min_sources", self.min_sources if self.min_sources > 1 else ""),
                ("since", self.since),
                ("until", self.until),
            )
            if value
        }
        return urlencode(shown) + "&" if shown else ""


def story_list(
    stories: Sequence[StoryView],
    *,
    page: int,
    more: bool,
    served: Sequence[str],
    filters: Filters = Filters(),
    tags: Sequence[str] = (),
    searches: Sequence[str] = (),
    problem: str | None = None,
) -> bytes:
    """One page of stories, most recently updated first (``more``: older ones exist),
    with the filter form and the merged feeds served beside it."""
    template = _environment().get_template("stories.html")
    return template.render(
        stories=stories,
        page=page,
        more=more,
        first=(page - 1) * PER_PAGE + 1,
        filters=filters,
        filtered=filters != Filters(),
        query=filters.query(),
        tags=tags,
        searches=searches,
        problem=problem,
        served=[*served, "healthz", "metrics"],
        alternates=_alternates(served),
    ).encode()


def story_page(
    story: StoryView, *, served: Sequence[str], form: tuple[str, bool] | None = None
) -> bytes:
    """One story: its sources, when each published, and why each is in it. ``form``:
    with edits on, the CSRF token of the merge and split forms, and whether they ask
    for the serve token."""
    template = _environment().get_template("story.html")
    return template.render(
        story=story,
        timeline=timeline(story),
        alternates=_alternates(served),
        csrf=form[0] if form else None,
        needs_token=bool(form and form[1]),
    ).encode()


def feeds_page(feeds: Sequence[FeedView], *, served: Sequence[str]) -> bytes:
    """Each feed's state as ``aggregator feeds`` shows it, failing feeds first."""
    failing = sorted(feeds, key=lambda f: not (f.last_status == "error" or f.disabled_reason))
    template = _environment().get_template("feeds.html")
    return template.render(feeds=failing, alternates=_alternates(served)).encode()


def timeline(story: StoryView) -> Markup:
    """When each outlet published, as an inline SVG: one row per report, a dot on a
    shared time axis, the outlet's name and the time written beside it (readable
    without colour, and by screen readers through the title and the table)."""
    entries = sorted(story.entries, key=lambda e: (e.published, e.id))
    if not entries:
        return Markup("")
    start, end = entries[0].published, entries[-1].published
    # Whole seconds: reports a fraction of a second apart are drawn together.
    span = float(int((end - start).total_seconds()))
    left, right, row = 220, 700, 22
    height = 40 + row * len(entries)

    # Reports minutes apart would otherwise show the same time at both ends.
    stamp = _when_exactly if 0 < span < 3600 else _when

    def x(moment: datetime) -> float:
        if span <= 0:
            return (left + right) / 2
        return left + (right - left) * (moment - start).total_seconds() / span

    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 720 {height}" width="720" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(stamp(start))} to {escape(stamp(end))}: {len(entries)} reports</title>",
        f'<line x1="{left}" y1="{height - 24}" x2="{right}" y2="{height - 24}" '
        'stroke="black" stroke-width="1"/>',
        # One moment: its time under the dots; else the first and last at the ends.
        f'<text x="{left if span > 0 else (left + right) / 2}" y="{height - 6}" '
        f'font-size="12" text-anchor="{"start" if span > 0 else "middle"}">'
        f"{escape(stamp(start))}</text>",
    ]
    if span > 0:
        parts.append(
            f'<text x="{right}" y="{height - 6}" font-size="12" text-anchor="end">'
            f"{escape(stamp(end))}</text>"
        )
    for n, entry in enumerate(entries):
        y = 16 + row * n
        name = entry.feed_title or entry.feed_url
        shown = name if len(name) <= 30 else name[:29] + "\u2026"
        parts.append(
            f'<text x="{left - 10}" y="{y + 4}" font-size="12" text-anchor="end">'
            f"{escape(shown)}</text>"
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="gray" '
            'stroke-width="0.5" stroke-dasharray="2 4"/>'
            f'<circle cx="{x(entry.published):.1f}" cy="{y}" r="5" fill="black">'
            f"<title>{escape(name)}: {escape(stamp(entry.published))}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def web_link(url: str | None) -> bool:
    """Whether ``url`` may be a link on our pages: http(s) only (no javascript:)."""
    return bool(url) and urlsplit(url or "").scheme in ("http", "https")


def evidence(entry: StoryMemberView) -> str:
    """Why an entry is in its story, in words."""
    relation = entry.relation or "waiting"
    if relation == "first":
        return "first report"
    if relation == "manual":
        return "placed by a user"
    signal = entry.signal or ""
    score = f" {entry.score:.2f}" if entry.score is not None else ""
    names = {
        "canonical-url": "same address",
        "page-canonical": "same page",
        "guid": "same GUID",
        "shingles": "copy",
        "containment": "trimmed copy",
        "story-similarity": "same story",
        "story-merge": "stories merged",
        "story-reform": "formed with the day's reports",
    }
    return f"{names.get(signal, signal or relation)}{score}"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _when_exactly(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _outlets(story: StoryView) -> list[str]:
    seen: dict[str, None] = {}
    for entry in story.entries:
        seen.setdefault(entry.feed_title or entry.feed_url, None)
    return list(seen)


def _alternates(paths: Sequence[str]) -> list[dict[str, str]]:
    """The merged feeds at the top level (else the first few), for <link
    rel="alternate"> (browsers and readers discover feeds by it)."""
    top = [path for path in paths if "/" not in path] or list(paths[:3])
    return [
        {"path": path, "type": ALTERNATE_TYPES.get(path.rsplit(".", 1)[-1], "")} for path in top
    ]
