"""Contributor Markdown → safe HTML.

The parser is markdown-it-py (CommonMark plus tables) with raw HTML off: HTML in the text
comes out as text. It runs in time linear in the text (Python-Markdown's link parsing was
quadratic: 20,000 unclosed "[" took minutes). ``markdown_safety`` checks the same parse.

Whatever validation let through, the output carries no script, no event handler and no
link other than http, https and mailto: links with another scheme are left as text, and
nh3 (the Rust sanitiser ammonia) keeps only an allow-list of tags and attributes.
"""

from __future__ import annotations

import bisect
import re
from html import unescape

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

ALLOWED_SCHEMES = ("http", "https", "mailto")

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "sub", "sup", "code", "pre",
    "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_CLOSERS = "markdown_render.closing_brackets"  # key in the parser's env
# Where the parser's other inline rules can match: newline, escape, backticks, emphasis,
# autolink, entity (tests/test_render.py checks that these are all the rules there are).
_OTHER_RULES = re.compile(r"[\n\\`*_<&]")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, after entities, whitespace and control characters."""
    cleaned = _CONTROL.sub("", unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def link_allowed(url: str) -> bool:
    """http, https, mailto, or no scheme at all (a relative link or an anchor)."""
    scheme = url_scheme(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def markdown_parser() -> MarkdownIt:
    """The parser of contributor Markdown, for the renderer and the safety check alike."""
    md = MarkdownIt("commonmark", {"html": False})
    md.enable("table")
    # With html off these rules never match; disabled, they are not even tried per "<".
    md.disable(["html_block", "html_inline"])
    md.inline.ruler.before("link", "unclosed_bracket", _unclosed_bracket)
    return md


def _unclosed_bracket(state: StateInline, silent: bool) -> bool:
    """Take "[" and "!" as text at once when no "]" follows in the paragraph.

    Such a bracket starts no link or image; markdown-it-py finds that out as well, but only
    after scanning ahead up to its nesting limit for every bracket (a page of "[" took a
    minute). Up to the next character where another rule can match, nothing else can
    start either, so that whole stretch is text: the tokens are the same as without this.
    """
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] not in "[!":
        return False
    closers = state.env.setdefault(_CLOSERS, {})
    # Per text parsed (a paragraph, or an image description parsed on its own); the text
    # is kept in the entry so that its id is not reused meanwhile.
    entry = closers.get(id(src))
    if entry is None or entry[0] is not src:
        entry = closers[id(src)] = (src, [m.start() for m in re.finditer(r"\]", src)])
    positions = entry[1]
    index = bisect.bisect_left(positions, pos)
    if index < len(positions) and positions[index] < end:
        return False
    other_rule = _OTHER_RULES.search(src, pos, end)
    stop = other_rule.start() if other_rule else end
    if not silent:
        if hasattr(state, "append_pending"):  # markdown-it-py ≥ 4: amortised O(1)
            state.append_pending(src[pos:stop])
        else:
            state.pending += src[pos:stop]
    state.pos = stop
    return True


_renderer = markdown_parser()
# Links with another scheme stay text: the check reports them, nh3 would drop the target.
_renderer.validateLink = link_allowed


def render_markdown(text: str) -> str:
    """Render and sanitise. Headings start at ``h2``: the page title is the only ``h1``."""
    env: dict = {}
    tokens = _renderer.parse(text, env)
    shift = any(t.type == "heading_open" and t.tag == "h1" for t in tokens)
    for token in tokens:
        if shift and token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        elif token.type in ("th_open", "td_open"):
            _align_attribute(token)
    return sanitise(_renderer.renderer.render(tokens, _renderer.options, env))


def _align_attribute(cell: Token) -> None:
    """Table alignment as the ``align`` attribute that the sanitiser keeps (not ``style``)."""
    style = cell.attrs.pop("style", None)
    if isinstance(style, str) and style.startswith("text-align:"):
        cell.attrs["align"] = style.removeprefix("text-align:")


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
