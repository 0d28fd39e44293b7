"""Finds what contributor Markdown must not contain, with the line it stands on.

The renderer sanitises its output anyway; this check exists so that the contributor
learns about the problem instead of finding the HTML as text on the page or a link gone.
It reads the renderer's own parse (``markdown_render.markdown_parser``), so what counts as
code here is exactly what is rendered as code, and it runs in time linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import rules_inline
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .markdown_render import ALLOWED_SCHEMES, markdown_parser, url_scheme

__all__ = ["ALLOWED_SCHEMES", "unsafe_parts", "url_scheme"]

_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|\?)")
# Attribute lists are no Markdown the renderer knows (they come out as text), but they are
# how other renderers attach event handlers: worth telling the contributor.
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_NEWLINES = "newlines"  # Token.meta: line breaks within a token that no softbreak marks


def _counting_newlines(rule: Callable[[StateInline, bool], bool]) -> Callable:
    """Wrap an inline rule so that its last token records the line breaks it consumed
    without a softbreak token: in code spans, link targets and titles, image descriptions.
    Inline tokens carry no position of their own; with this, the walk below knows lines."""

    def counted(state: StateInline, silent: bool) -> bool:
        if silent:  # called for every bracket while link texts are searched: stay cheap
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if len(state.tokens) > count:
            shown = sum(_newlines_in(token) for token in state.tokens[count:])
            hidden = state.src.count("\n", start, state.pos) - shown
            if hidden:
                state.tokens[-1].meta[_NEWLINES] = hidden
        return True

    return counted


def _newlines_in(token: Token) -> int:
    if token.type in ("softbreak", "hardbreak"):
        return 1
    return token.meta.get(_NEWLINES, 0)


def _checking_parser():
    md = markdown_parser()
    md.options["store_labels"] = True  # a reference link is reported at its definition
    md.disable("text_join")  # "&lt;b>" and "\<b>" keep "<" in a token of its own: no tag
    # Every link is parsed as a link and judged here: as written, entities decoded.
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    md.inline.ruler.at("backticks", _counting_newlines(rules_inline.backtick))
    md.inline.ruler.at("link", _counting_newlines(rules_inline.link))
    md.inline.ruler.at("image", _counting_newlines(rules_inline.image))
    return md


_parser = _checking_parser()


def unsafe_parts(body: str) -> list[tuple[int, str]]:
    """``(line within body, German message)`` for each unsafe part of ``body``."""
    if "<" not in body and "[" not in body and "{" not in body:
        return []  # no tag, link or attribute list can be there: most texts
    found: set[tuple[int, str]] = set()
    env: dict = {}
    for token in _parser.parse(body, env):
        if token.type == "inline" and token.map:
            _check_inline(token.children or [], token.map[0] + 1, found)
    # Reference definitions, with their lines (the parser keeps them in env, not as tokens);
    # a repeated one is not used, but reported all the same.
    for definition in [*env.get("references", {}).values(), *env.get("duplicate_refs", [])]:
        _check_link(definition["href"], definition["map"][0] + 1, found)
    return sorted(found)


def _check_inline(children: list[Token], line: int, found: set[tuple[int, str]]) -> None:
    for token in children:
        if token.type == "text":
            _check_text(token.content, line, found)
        elif token.type == "link_open" and "label" not in token.meta:
            _check_link(str(token.attrs.get("href", "")), line, found)
        elif token.type == "image":
            if "label" not in token.meta:
                _check_link(str(token.attrs.get("src", "")), line, found)
            _check_inline(token.children or [], line, found)
        line += _newlines_in(token)


def _check_text(text: str, line: int, found: set[tuple[int, str]]) -> None:
    for match in _HTML_TAG.finditer(text):
        tag = match.group(1).lstrip("/")
        if tag == "!--":
            message = "HTML-Kommentare sind nicht erlaubt; bitte entfernen."
        elif tag.lower() == "script":
            message = "„<script>“ ist nicht erlaubt: Skripte werden nie veröffentlicht."
        else:
            message = (
                f"HTML („<{tag}>“) ist nicht erlaubt; bitte nur Markdown verwenden "
                "(z. B. **fett**, [Linktext](https://…))."
            )
        found.add((line, message))
    if _ATTR_LIST.search(text):
        found.add((line, "Ereignis-Attribute wie „onclick=“ sind nicht erlaubt."))


def _check_link(url: str, line: int, found: set[tuple[int, str]]) -> None:
    scheme = url_scheme(url)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        found.add(
            (
                line,
                f"Link mit „{scheme}:“ ist nicht erlaubt; erlaubt sind nur Links mit "
                "https://, http:// und mailto:.",
            )
        )
