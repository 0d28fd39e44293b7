"""Finds what contributor Markdown must not contain, with the line it stands on.

The renderer sanitises its output anyway; this check exists so that the contributor
learns about the problem instead of finding the HTML gone from the page or a link without
its target. It reads the events of the renderer's own parser
(``load.markdown.markdown_parser``), so what counts as HTML, link or code here is exactly
what is rendered as such. Each event carries its place in the text (a range of UTF-8
bytes), which gives exact lines inside paragraphs, lists, blockquotes and tables. The
parser runs in time linear in the text, and so does the walk over its events.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..load.markdown import ALLOWED_SCHEMES, markdown_parser, url_scheme

__all__ = ["ALLOWED_SCHEMES", "unsafe_parts", "url_scheme"]

_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|\?|!)")
# Attribute lists are no Markdown the renderer knows (they come out as text), but they are
# how other renderers attach event handlers: worth telling the contributor.
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_LINE_END = re.compile(r"\r\n?|\n")  # the line ends CommonMark knows
_LINE_END_BYTES = re.compile(rb"\r\n?|\n")
# Links whose target is written at the link; the others use a reference definition, which
# is checked (and reported) where it is defined.
_TARGET_AT_LINK = {"Inline", "Autolink", "Email"}
# A label defined again is parsed as a definition and ignored. Each further pass over the
# blocks (without the definitions found so far) uncovers one more definition per label.
_DEFINITION_PASSES = 4
# Where the parser puts it (a UTF-8 byte offset), line breaks from there, the message.
_Found = tuple[int, int, str]
_EVENT_HANDLER = "Ereignis-Attribute wie „onclick=“ sind nicht erlaubt."


def unsafe_parts(body: str) -> list[tuple[int, str]]:
    """``(line within body, German message)`` for each unsafe part of ``body``."""
    if "<" not in body and "[" not in body and "{" not in body:
        return []  # no tag, link or attribute list can be there: most texts
    found: list[_Found] = []
    parser = markdown_parser()
    in_code = False
    for event, span in parser.events_with_range(body, merge_text=True):
        if event.__class__ is str:  # "SoftBreak", "HardBreak", "Rule"
            continue
        text = event.get("Text")
        if text is not None:
            if "{" in text and not in_code and _ATTR_LIST.search(text):
                found.append((span["start"], 0, _EVENT_HANDLER))
            continue
        start = event.get("Start")
        if start is not None:
            if start.__class__ is dict:
                link = start.get("Link") or start.get("Image")
                if link is not None:
                    if link["link_type"] in _TARGET_AT_LINK:
                        _check_link(link["dest_url"], span["start"], found)
                elif "CodeBlock" in start:
                    in_code = True
            continue
        if event.get("End") == "CodeBlock":
            in_code = False
            continue
        html = event.get("InlineHtml") or event.get("Html")
        if html is not None:
            _check_html(html, span["start"], found)
    _check_definitions(body, found)
    if not found:
        return []
    line = _line_of(body)
    return sorted({(line(offset) + breaks, message) for offset, breaks, message in found})


def _check_html(html: str, offset: int, found: list[_Found]) -> None:
    """Each tag in raw HTML, on its own line (an event of raw HTML may span lines)."""
    breaks, counted = 0, 0  # line breaks in html[:counted]
    for match in _HTML_TAG.finditer(html):
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
        breaks += len(_LINE_END.findall(html, counted, match.start()))
        counted = match.start()
        found.append((offset, breaks, message))


def _check_link(url: str, offset: int, found: list[_Found]) -> None:
    scheme = url_scheme(url)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        found.append(
            (
                offset,
                0,
                f"Link mit „{scheme}:“ ist nicht erlaubt; erlaubt sind nur Links mit "
                "https://, http:// und mailto:.",
            )
        )


def _check_definitions(body: str, found: list[_Found]) -> None:
    """Reference definitions, at their own line, used or not, and also when repeated."""
    if "]:" not in body:
        return
    parser = markdown_parser()
    data = body.encode("utf-8")
    for _ in range(_DEFINITION_PASSES):
        definitions = parser.reference_definitions(body)
        if not definitions:
            return
        blanked = bytearray(data)
        for definition in definitions.values():
            start, end = definition["span"]["start"], definition["span"]["end"]
            _check_link(definition["dest"], start, found)
            # Spaces keep every offset and line; a line of spaces ends the paragraph there.
            blanked[start:end] = re.sub(rb"[^\r\n]", b" ", data[start:end])
        data = bytes(blanked)
        body = data.decode("utf-8")


def _line_of(body: str) -> Callable[[int], int]:
    """UTF-8 byte offset → line, from the offsets at which lines start."""
    starts = [0] + [match.end() for match in _LINE_END_BYTES.finditer(body.encode("utf-8"))]
    return lambda offset: bisect.bisect_right(starts, offset)
