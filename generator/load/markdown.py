"""The one Markdown parser of contributor text, for the safety check and the renderer alike.

pulldown-cmark (through pyromark) with tables: linear time by design, so that no body can
make a build slow. What counts as a link scheme here is what a browser would see."""

from __future__ import annotations

import re
from html import unescape

import pyromark

ALLOWED_SCHEMES = ("http", "https", "mailto")

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")

_OPTIONS = pyromark.Options.ENABLE_TABLES
_markdown = pyromark.Markdown(options=_OPTIONS)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, after entities, whitespace and control characters."""
    cleaned = _CONTROL.sub("", unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def link_allowed(url: str) -> bool:
    """http, https, mailto, or no scheme at all (a relative link or an anchor)."""
    scheme = url_scheme(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def markdown_parser() -> pyromark.Markdown:
    """The parser of contributor Markdown, for the renderer and the safety check alike."""
    return _markdown
