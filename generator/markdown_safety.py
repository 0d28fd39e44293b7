"""Finds what contributor Markdown must not contain, with the line it stands on.

The renderer sanitises its output anyway; this check exists so that the contributor
learns about the problem instead of silently losing part of the text.
"""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = ("http", "https", "mailto")

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|\?)")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[^}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _blank_code(text: str) -> str:
    """Replace code by spaces (keeping newlines) so that examples in code are not flagged."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, after entities, whitespace and control characters."""
    cleaned = html.unescape(url)
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", cleaned).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def unsafe_parts(body: str) -> list[tuple[int, str]]:
    """``(line within body, German message)`` for each unsafe part of ``body``."""
    text = _blank_code(body)
    found: list[tuple[int, str]] = []

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for match in _HTML_TAG.finditer(text):
        tag = match.group(1).lstrip("/")
        end = text.find(">", match.start())
        inner = text[match.start() + 1 : end] if end > 0 else ""
        if inner and not re.search(r"\s", inner) and (":" in inner or "@" in inner):
            # An autolink such as <https://…> or <name@example.org>.
            scheme = url_scheme(inner)
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                found.append((line_of(match.start()), _scheme_message(inner)))
            continue
        if tag == "!--":
            message = "HTML-Kommentare sind nicht erlaubt; bitte entfernen."
        elif tag.lower() == "script":
            message = "„<script>“ ist nicht erlaubt: Skripte werden nie veröffentlicht."
        else:
            message = (
                f"HTML („<{tag}>“) ist nicht erlaubt; bitte nur Markdown verwenden "
                "(z. B. **fett**, [Linktext](https://…))."
            )
        found.append((line_of(match.start()), message))

    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            scheme = url_scheme(match.group(1))
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                found.append((line_of(match.start(1)), _scheme_message(match.group(1))))

    for match in _ATTR_LIST.finditer(text):
        found.append(
            (line_of(match.start()), "Ereignis-Attribute wie „onclick=“ sind nicht erlaubt.")
        )
    return sorted(set(found))


def _scheme_message(url: str) -> str:
    scheme = url_scheme(url) or url
    return (
        f"Link mit „{scheme}:“ ist nicht erlaubt; erlaubt sind nur Links mit "
        "https://, http:// und mailto:."
    )
