"""What contributor Markdown must not contain, with the line within the text."""

from __future__ import annotations

import pytest

from generator.markdown_safety import unsafe_parts, url_scheme


def messages(body: str) -> list[tuple[int, str]]:
    return unsafe_parts(body)


def only(body: str) -> tuple[int, str]:
    found = unsafe_parts(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("Text\n\n<div>Kasten</div>\n", 3, "HTML („<div>“) ist nicht erlaubt"),
        ("Ein <b>fettes</b> Wort", 1, "HTML („<b>“)"),
        ("a\n<img src=x>\n", 2, "HTML („<img>“)"),
        ("a\n\n<script>alert(1)</script>\n", 3, "„<script>“ ist nicht erlaubt"),
        ("<SCRIPT src=//x></SCRIPT>", 1, "„<script>“ ist nicht erlaubt"),
        ("a <!-- versteckt --> b", 1, "HTML-Kommentare sind nicht erlaubt"),
        ("<?php echo 1; ?>", 1, "HTML („<?>“)"),
    ],
)
def test_raw_html(body, line, fragment):
    found = unsafe_parts(body)
    assert found, body
    assert found[0][0] == line
    assert fragment in found[0][1]


def test_every_tag_is_reported_on_its_line():
    assert [line for line, _ in messages("<p>\n\n<i>x</i>\n</p>")] == [1, 3, 4]


@pytest.mark.parametrize(
    "link",
    [
        "[klick](javascript:alert(1))",
        "[klick](JaVaScRiPt:alert(1))",
        "[klick]( javascript:alert(1))",
        "[klick](<javascript:alert(1)>)",
        "[klick](&#106;avascript:alert(1))",
        "[klick](&#x6A;avascript:alert(1))",
        "[klick](javascript&#58;alert(1))",
        "[klick](javascript&colon;alert(1))",
        "[klick](java&#x09;script:alert(1))",
        "[klick](&#0000106avascript:alert(1))",
        "![bild](javascript:alert(1))",
        "[klick][x]\n\n[x]: javascript:alert(1)",
        "[klick][x]\n\n[x]: <JAVASCRIPT:alert(1)>",
        "<javascript:alert(1)>",
        "<JavaScript:alert(1)>",
    ],
)
def test_javascript_links_in_every_disguise(link):
    line, message = only(link)
    assert line == link.count("\n") + 1 if link.startswith("[klick][x]") else line == 1
    assert "Link mit „javascript:“ ist nicht erlaubt" in message
    assert "https://, http:// und mailto:" in message


@pytest.mark.parametrize(
    ("link", "scheme"),
    [
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("![x](DATA:image/svg+xml,<svg onload=alert(1)>)", "data"),
        ("[x](vbscript:msgbox(1))", "vbscript"),
        ("[x](file:///etc/passwd)", "file"),
    ],
)
def test_other_schemes(link, scheme):
    assert any(f"„{scheme}:“" in message for _, message in messages(link))


@pytest.mark.parametrize(
    "body",
    [
        "{: onclick=alert(1) }",
        "Absatz\n{: ONMOUSEOVER='alert(1)'}",
        "# Titel {#t .c onfocus=x}",
        "[x](https://example.org){: onclick=x}",
    ],
)
def test_event_handler_attributes(body):
    line, message = only(body)
    assert line == body.count("\n") + 1
    assert "Ereignis-Attribute wie „onclick=“ sind nicht erlaubt" in message


@pytest.mark.parametrize(
    "body",
    [
        "## Ausgangslage\n\n**fett**, _kursiv_, [Link](https://example.org), [Mail](mailto:a@b.de)",
        "[relativ](bericht.pdf) und [Anker](#tipps) und [ohne Schema](//example.org/x)",
        "<https://example.org/x> und <info@example.org> und <mailto:info@example.org>",
        "Mehr als 3 < 5 und 5 > 3, a <= b, <3",
        '[x]: https://example.org\n[y]: <http://example.org/a> "Titel"',
        "Inline `<script>alert(1)</script>` als Beispiel",
        "``Code mit ` und <b>``",
        '```html\n<div onclick="x">\n<script>\n```\n',
        "~~~\n[x](javascript:alert(1))\n~~~\n",
        "````\n```\n<b>\n```\n````\n",
        "```{.html #id}\n<b>\n```",
        "Geschweifte {Klammern} und on=1 im Text",
        "Das Wort javascript: im Fließtext ist kein Link.",
    ],
)
def test_safe_markdown_passes(body):
    assert messages(body) == []


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("```\n<b>\n", 2),  # an unclosed fence is no code in Markdown
        ("```html <b>\n<i>\n```\n", 1),  # junk after the fence: not a fence
        ("~~~\n<b>\n```\n", 2),  # closed by another kind of fence: not closed
        ("\\`<b>\\`", 1),  # escaped backticks are no code span
        ("`Anfang\n\n<b>\n\nEnde`", 3),  # code spans do not cross paragraphs
    ],
)
def test_what_only_looks_like_code_is_checked(body, line):
    assert messages(body)[0][0] == line


def test_url_scheme():
    assert url_scheme(" JaVa\tScRiPt:x") == "javascript"
    assert url_scheme("&#x6a;avascript:x") == "javascript"
    assert url_scheme("https://example.org") == "https"
    assert url_scheme("bericht.pdf") is None
    assert url_scheme("#anker") is None


@pytest.mark.parametrize(
    "body",
    [
        "```a\n" * 20_000,
        "~~~ x\n" * 20_000,
        "`" * 100_000,
        "`a " * 30_000,
        "<a" * 50_000,
        "{" * 100_000,
        "[a\n" * 30_000,
    ],
    ids=["fences", "tildes", "backticks", "spans", "tags", "braces", "references"],
)
def test_adversarial_text_is_checked(body):
    # Each of these took minutes with regular expressions that search for a closing fence
    # or backtick from every opening one; the check now runs in linear time (milliseconds).
    # No time is asserted (flaky); a regression shows as a test that takes minutes.
    assert isinstance(unsafe_parts(body), list)
