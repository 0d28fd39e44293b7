"""Contributor Markdown → safe HTML.

Whatever validation let through, the output carries no script, no event handler
and no link other than http, https and mailto: nh3 (the Rust sanitiser ammonia)
keeps only an allow-list of tags and attributes.
"""

from __future__ import annotations

import re

import markdown
import nh3

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "sub", "sup", "code", "pre",
    "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}

_markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
# Python-Markdown's fenced-code search is quadratic in the number of fence lines (16,000
# unclosed fences: 30 s). No real text has hundreds of code blocks; such text is rendered
# without fenced code, which stays linear.
_without_fences = markdown.Markdown(extensions=["tables", "sane_lists"])
_FENCE_LINE = re.compile(r"^\s*(```|~~~)", re.MULTILINE)
MAX_FENCE_LINES = 200


def render_markdown(text: str) -> str:
    """Render and sanitise. Headings start at ``h2``: the page title is the only ``h1``."""
    fences = len(_FENCE_LINE.findall(text))
    renderer = _markdown if fences <= MAX_FENCE_LINES else _without_fences
    renderer.reset()
    html = renderer.convert(text)
    if "<h1" in html:
        html = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    return sanitise(html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
