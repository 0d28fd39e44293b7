"""Contributor Markdown → safe HTML.

The parser is pulldown-cmark (the Rust CommonMark parser of rustdoc, through its Python
binding pyromark) with tables. It runs in time linear in the text by design: 1 MiB of the
worst shapes in about 0.1 s, where Python-Markdown's link parsing was quadratic and
markdown-it-py, in pure Python, took 5–45 s per MiB of them. ``markdown_safety`` reads the
events of the same parser, with the same options (:mod:`generator.load.markdown`).

CommonMark passes raw HTML through, and pulldown-cmark writes every link target as it is.
Neither reaches the site: validation rejects such text, and whatever it let through, nh3
(the Rust sanitiser ammonia) keeps only an allow-list of tags and attributes and links with
http, https, mailto or no scheme; script and style go with their content. Rendering stays
linear because nesting is limited before nh3 (``MAX_NESTING``); for raw HTML, which never
gets past validation, that limit is not exact.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add

import nh3

from ..load.markdown import ALLOWED_SCHEMES, markdown_parser

# What the renderer writes with these options; raw HTML outside this list is removed (b, i,
# del, sub or sup in the text included: none of them is Markdown here).
_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre",
    "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}

# Block containers nest without limit in Markdown (5,000 "- " are 5,000 lists), and the
# HTML parser in nh3 scans its stack of open elements for each block it opens: time grows
# with the square of the depth (a 5,000-level list took 1.2 s, 20,000 levels would take
# 20 s). Tags deeper than this are left out; their text stays, at this depth.
MAX_NESTING = 32
_CONTAINER = re.compile(r"(<(/?)(?:blockquote|ul|ol|li)\b[^>]*>\n?)")
_STEP = {"": 1, "/": -1}
_HEADING = re.compile(r"<(/?)h([1-5])>")
_ALIGNED = re.compile(r'<(th|td) style="text-align: (left|center|right)">')


def render_markdown(text: str) -> str:
    """Render and sanitise. Headings start at ``h2``: the page title is the only ``h1``."""
    html = markdown_parser().html(text)
    if "<h1>" in html:
        html = _HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html)
    if "text-align" in html:
        # pulldown-cmark aligns cells with style, which the sanitiser drops; align it keeps.
        html = _ALIGNED.sub(r'<\1 align="\2">', html)
    return sanitise(_limit_nesting(html))


def _limit_nesting(html: str) -> str:
    """Leave out container tags deeper than ``MAX_NESTING``.

    The renderer's own tags are nested properly; raw HTML (which validation rejects) may
    throw the count off, and the sanitiser removes it anyway. Depths are summed in C
    (``accumulate``): a Python call per tag would cost more than the rest of the rendering.
    """
    parts = _CONTAINER.split(html)  # text, tag, "/" or "", text, tag, …
    if len(parts) <= 3 * MAX_NESTING:
        return html
    tags, slashes = parts[1::3], parts[2::3]
    # The depth of a tag: after an opening tag, the depth it opens; at a closing tag, the
    # depth it closes.
    depths = map(add, accumulate(map(_STEP.__getitem__, slashes)), map(len, slashes))
    kept = zip(tags, depths, strict=True)
    parts[1::3] = [tag if depth <= MAX_NESTING else "" for tag, depth in kept]
    parts[2::3] = [""] * len(slashes)
    return "".join(parts)


def sanitise(html: str) -> str:
    """Keep only our Markdown's tags, attributes and link schemes: the defence behind validation."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
