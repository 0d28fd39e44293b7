"""Finds what contributor Markdown must not contain, with the line it stands on.

The renderer sanitises its output anyway; this check exists so that the contributor
learns about the problem instead of silently losing part of the text.
"""

from __future__ import annotations

import bisect
import html
import re

ALLOWED_SCHEMES = ("http", "https", "mailto")

# Fenced code as Python-Markdown's fenced_code finds it: the opening line holds at most a
# language or {attributes}, and only the same run of ` or ~ closes it.  Anything looser
# would let "```<script>…" pass as code although Markdown renders it as HTML.
_FENCE_OPEN = re.compile(r"(~{3,}|`{3,})[ ]*(\{.*\}|\.?[\w#.+-]*[ ]*(hl_lines=(\"|').*?\4[ ]*)?)")
_FENCE_CLOSE = re.compile(r"(~{3,}|`{3,})[ ]*")
_BACKTICKS = re.compile(r"(?<!\\)`+")  # a run of backticks not escaped by a backslash
_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|\?)")
_AUTOLINK = re.compile(r"<([^\s<>]*)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\[\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")

# Everything here runs in linear time: contributor text is up to 1 MiB, and a regular
# expression that searches for a closing fence or backtick from every opening one needs
# minutes for 100 KB of "```a" lines.


def _blank_code(text: str) -> str:
    """Replace code by spaces (keeping newlines) so that examples in code are not flagged."""
    if "`" not in text and "~" not in text:
        return text  # no fence, no code span: most texts
    lines = text.split("\n")
    # Fences, as Python-Markdown pairs them: the first opening line that has a closing
    # line with the same fence after it.  next_close[i]: that closing line for line i.
    next_close: list[int | None] = [None] * len(lines)
    last_close: dict[str, int] = {}
    for index in range(len(lines) - 1, -1, -1):
        opening = _FENCE_OPEN.fullmatch(lines[index])
        if opening:
            next_close[index] = last_close.get(opening.group(1))
        closing = _FENCE_CLOSE.fullmatch(lines[index])
        if closing:
            last_close[closing.group(1)] = index
    index = 0
    while index < len(lines):
        close = next_close[index]
        if close is None:
            lines[index] = _blank_code_spans(lines[index])
            index += 1
            continue
        for inside in range(index, close + 1):
            lines[inside] = " " * len(lines[inside])
        index = close + 1
    return "\n".join(lines)


def _blank_code_spans(line: str) -> str:
    """Code spans on one line: a run of backticks up to the next run of the same length.

    (Markdown lets a span run over line breaks within a paragraph; one line is the safe
    approximation, since a span never crosses a block boundary.)"""
    if "`" not in line:
        return line
    runs = list(_BACKTICKS.finditer(line))
    next_same: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = len(runs[index].group())
        next_same[index] = last.get(length)
        last[length] = index
    index, parts, done = 0, [], 0
    while index < len(runs):
        close = next_same[index]
        if close is None:
            index += 1
            continue
        start, end = runs[index].start(), runs[close].end()
        parts += [line[done:start], " " * (end - start)]
        done, index = end, close + 1
    return "".join([*parts, line[done:]])


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
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(line_starts, pos)

    for match in _HTML_TAG.finditer(text):
        tag = match.group(1).lstrip("/")
        autolink = _AUTOLINK.match(text, match.start())
        inner = autolink.group(1) if autolink else ""
        if ":" in inner or "@" in inner:
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
