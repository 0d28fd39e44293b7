"""What every output of the site shares: the build's options, generated pages and files,
and the site addresses they land at. A module of its own, so that the modules writing one
kind of output (feeds, open data, redirects, embeddable lists) need not import the pages."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import SiteConfig, SizeClasses
from ..validate.operator import Operator, placeholder_operator


@dataclass(frozen=True)
class SiteOptions:
    """What the site needs to know beyond the content."""

    source_url: str | None = None  # base URL of the repository's files (without a repo)
    today: dt.date = field(default_factory=dt.date.today)
    operator: Operator = field(default_factory=placeholder_operator)  # for the legal pages
    size_classes: SizeClasses = field(default_factory=SizeClasses)  # the finder's classes
    cache_dir: Path | None = None  # where the search index is kept between builds
    repo: str | None = None  # "owner/name" on GitHub: submission and „Änderung vorschlagen“
    branch: str = "main"  # the branch new files are proposed against
    site_url: str | None = None  # the published address, for robots.txt
    stale_after_months: int = 24  # a measure not checked for longer counts as stale
    licence: str = "CC BY 4.0"  # of the open data
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.de"

    @classmethod
    def from_config(
        cls, config: SiteConfig, operator: Operator, cache_dir: Path | None
    ) -> SiteOptions:
        """The options of a build with the catalogue's configuration, for every builder."""
        return cls(
            source_url=config.source_url,
            operator=operator,
            size_classes=config.size_classes,
            cache_dir=cache_dir if config.search_index_cache else None,
            repo=config.repo,
            branch=config.branch,
            site_url=config.site_url,
            stale_after_months=config.stale_after_months,
            licence=config.licence,
            licence_url=config.licence_url,
        )


@dataclass(frozen=True)
class Page:
    """A generated page. Its HTML is rendered only when asked for, so that a builder can
    write one page at a time instead of holding thousands in memory."""

    path: str  # e.g. "massnahmen/lesesommer.md"; its URL follows from it
    title: str
    description: str
    render: Callable[[], str] = field(repr=False, compare=False)
    in_nav: bool = False
    feed: str | None = None  # its Atom feed in the site (feeds.py), linked in the <head>
    feed_title: str = ""

    @property
    def front_matter(self) -> str:
        # Title and description come from content, and the theme prints page meta into
        # <title>, <meta> and headings without escaping: it gets them as escaped HTML text
        # (tests/test_hostile_content.py). JSON strings are valid YAML scalars.
        title, description = html.escape(self.title), html.escape(self.description)
        feed_title = json.dumps(html.escape(self.feed_title))
        # read by overrides/main.html
        feed = f"feed: {json.dumps(self.feed)}\nfeed_title: {feed_title}\n" if self.feed else ""
        return (
            f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n"
            f"{feed}---\n\n"
        )

    @property
    def content(self) -> str:
        """The whole page as a Markdown file with an HTML body, for any builder."""
        return self.front_matter + self.render()


@dataclass(frozen=True)
class StaticFile:
    """A file the site takes as it is (materials, styles, scripts)."""

    path: str  # where it goes in the site
    source: Path


@dataclass(frozen=True)
class GeneratedFile:
    """A file whose content the build computes (search index, JSON Schema, robots.txt)."""

    path: str  # where it goes in the site
    content: str


@dataclass(frozen=True)
class LazyFile:
    """A generated file whose content is computed when it is asked for, and not kept: the
    large outputs (feeds, open data, embeddable lists; tens of MB at 10,000 measures) are
    made and written one at a time instead of being held together for the whole build."""

    path: str  # where it goes in the site
    make: Callable[[], str] = field(repr=False, compare=False)

    @property
    def content(self) -> str:
        return self.make()


def page_url(path: str) -> str:
    """``massnahmen/x.md`` → ``massnahmen/x/``; ``massnahmen/index.md`` → ``massnahmen/``."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both relative to the site root
    (what ``posixpath.relpath`` gives, a tenth of its time: listings have thousands of links)."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    target = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target
