"""Renderer units: sanitising, headings, German formatting, URLs of generated pages."""

from __future__ import annotations

import datetime as dt
import posixpath
import time
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from generator.core.model import Library
from generator.render import formatting
from generator.render.markdown import MAX_NESTING, render_markdown
from generator.render.pages import page_url, relative_url


def test_markdown_keeps_structure_and_drops_scripts_and_handlers() -> None:
    html = render_markdown(
        "## Umsetzung\n\n**fett** [Link](https://example.org) <script>alert(1)</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    )
    assert "<h2>Umsetzung</h2>" in html
    assert "<strong>fett</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener ugc">Link</a>' in html
    assert "<table>" in html
    # The parser passes raw HTML through (CommonMark); the sanitiser leaves none of it.
    assert "alert" not in html  # a script goes with its content
    tags, attributes = markup(html)
    assert tags <= {"h2", "p", "strong", "a", "table", "thead", "tbody", "tr", "th", "td"}
    assert attributes <= {"href", "rel"}


def markup(html: str) -> tuple[set[str], set[str]]:
    """The tags and attribute names in ``html`` (text that only looks like them excluded)."""
    tags: set[str] = set()
    attributes: set[str] = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)
            attributes.update(name for name, _ in attrs)

    Collector().feed(html)
    return tags, attributes


def test_unsafe_link_schemes_lose_their_target() -> None:
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"):
        html = render_markdown(f"[x]({url})")
        assert "href" not in html, url
        assert ">x</a>" in html, url  # the link text stays
    html = render_markdown("[x][r] <javascript:alert(1)>\n\n[r]: javascript:alert(2)\n")
    assert "href" not in html
    assert html.count("</a>") == 2  # reference link and autolink


def test_a_first_level_heading_in_the_text_becomes_second_level() -> None:
    html = render_markdown("# Titel\n\n## Abschnitt\n")
    assert "<h2>Titel</h2>" in html
    assert "<h3>Abschnitt</h3>" in html
    assert "<h1" not in html


def test_headings_keep_their_level_without_a_first_level_one() -> None:
    html = render_markdown("## Umsetzung\n\n### Schritt\n\n###### klein\n")
    assert "<h2>Umsetzung</h2>" in html
    assert "<h3>Schritt</h3>" in html
    assert "<h6>klein</h6>" in render_markdown("# Titel\n\n###### klein\n")  # h6 stays h6


def test_lists_tables_and_code_as_before() -> None:
    html = render_markdown("3. drei\n4. vier\n\n- a\n  - b\n")
    assert '<ol start="3">\n<li>drei</li>\n<li>vier</li>\n</ol>' in html
    assert "<ul>\n<li>a\n<ul>\n<li>b</li>" in html
    html = render_markdown("| l | m | r |\n|:--|:-:|--:|\n| 1 | x | **2** |\n")
    assert '<th align="left">l</th>' in html  # alignment as the attribute nh3 keeps
    assert '<th align="center">m</th>' in html
    assert '<td align="right"><strong>2</strong></td>' in html
    assert "style" not in html
    html = render_markdown("```python\nprint('<b>')\n```\n\n    eingerückt\n")
    assert "<pre><code>print('&lt;b&gt;')\n</code></pre>" in html
    assert "<pre><code>eingerückt\n</code></pre>" in html


def test_raw_html_is_removed_and_its_text_kept() -> None:
    # Validation rejects raw HTML; should some reach the renderer, the sanitiser removes the
    # tags (b and i too: they are no Markdown), comments, and scripts and styles whole.
    html = render_markdown(
        'Ein <b>fettes</b> <i>Wort</i>\n\n<div onclick="x">Kasten</div>\n\n<!-- c -->\n\n'
        "<style>p { color: red }</style>\n"
    )
    assert "Ein fettes Wort" in html
    assert "Kasten" in html
    assert "<b>" not in html
    assert "<div" not in html
    assert "<!--" not in html
    assert "onclick" not in html
    assert "color" not in html


def test_links_without_a_scheme_or_with_an_allowed_one_keep_their_target() -> None:
    html = render_markdown("[a](bericht.pdf) [b](#tipps) [c](mailto:a@b.de) <http://x.de>")
    for href in ("bericht.pdf", "#tipps", "mailto:a@b.de", "http://x.de"):
        assert f'href="{href}"' in html
    assert 'href="mailto:a@b.de"' in render_markdown("<a@b.de>")


def test_many_unclosed_code_fences_are_one_code_block() -> None:
    # CommonMark: an unclosed fence runs to the end of the text (Python-Markdown needed a
    # workaround here: its fence search took 30 s for 16,000 such lines).
    html = render_markdown("Text\n\n" + "```a\n" * 20_000)
    assert html.count("<pre>") == 1
    assert html.startswith("<p>Text</p>")
    assert "<pre><code>print(1)\n</code></pre>" in render_markdown("```\nprint(1)\n```")


def test_nesting_deeper_than_the_limit_is_flattened_and_its_text_kept() -> None:
    # Deeper nesting would cost the sanitiser's HTML parser time growing with its square.
    html = render_markdown("- " * 1_000 + "tief\n\n" + "> " * 1_000 + "zitiert\n")
    assert html.count("<li>") + html.count("<ul>") == MAX_NESTING
    assert html.count("<blockquote>") == MAX_NESTING
    assert html.count("</li>") == html.count("<li>")
    assert "tief" in html
    assert "zitiert" in html
    shallow = "- a\n  - b\n    > c\n    > - d\n"
    assert render_markdown(shallow).count("<ul>") == 3  # real texts are far from the limit


# --- Pathological input: time linear in its length ----------------------------------------

# Each builds a text of n times its base size: what Python-Markdown or a naive parser needs
# quadratic time (or its recursion limit) for. benchmarks/pathological.py uses 1 MiB of them.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "unclosed brackets": lambda n: "[" * 20_000 * n,
    "unclosed brackets in words": lambda n: "[a ![b " * 2_000 * n,
    "brackets closed late": lambda n: ("[" * 500 + "]") * 2 * n,
    "unclosed links": lambda n: "[a](" * 300 * n,
    "nested links and images": lambda n: "[![" * 500 * n + "a" + "](x)" * 1_000 * n,
    "unclosed emphasis": lambda n: "*a _b **c __d " * 250 * n,
    "emphasis runs": lambda n: "***___" * 300 * n,
    "deep list": lambda n: "- " * 5_000 * n + "x",
    "deep numbered list": lambda n: "1. " * 5_000 * n + "x",
    "deep blockquote": lambda n: ">" * 5_000 * n + " x",
    "blockquote lines": lambda n: "> > > > > > > > x\n" * 500 * n,
    "long table": lambda n: "| a | b |\n|---|---|\n" + "| 1 | [x](y) *z* |\n" * 500 * n,
    "nested lists and quotes": lambda n: "- > 1. " * 1_000 * n + "x",
    "nested emphasis": lambda n: "*a _b " * 500 * n + "x" + " b_ a*" * 500 * n,
    "unclosed fences": lambda n: "```a\n~~~\n" * 1_000 * n,
    "alternating fences": lambda n: "```\nx\n~~~~\n" * 500 * n,
    "backtick runs": lambda n: "`a ``b " * 1_000 * n,
    "tags": lambda n: "<a " * 2_000 * n,
    "inline html": lambda n: "<b>x " * 2_000 * n,
    "html block": lambda n: "<div>\n" + "<i>\n" * 1_000 * n,
    "references": lambda n: "[a]: <b\n" * 250 * n,
}


def best_time(function: Callable[[str], object], text: str) -> float:
    """CPU seconds of this process, the best of three: other processes' load matters less
    than to wall time."""
    times = []
    for _ in range(3):
        start = time.process_time()
        function(text)
        times.append(time.process_time() - start)
    return min(times)


def assert_linear_time(function: Callable[[str], object], make: Callable[[int], str]) -> None:
    """Four times the text must take about four times as long, not sixteen (quadratic).

    The factor allowed is generous (a busy machine); the text is first made long enough
    for a run of at least 20 ms, so that the clock's resolution does not decide. Counting
    Python calls instead would miss the work inside regular expressions: Python-Markdown's
    quadratic bracket search makes only four times the calls for four times the text."""
    n, small = 1, best_time(function, make(1))
    while small < 0.02 and n < 64:
        n *= 2
        small = best_time(function, make(n))
    large = best_time(function, make(4 * n))
    assert large < 10 * small, (n, small, large)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_markdown_renders_in_linear_time(name: str) -> None:
    assert_linear_time(render_markdown, PATHOLOGICAL[name])


def test_german_numbers_dates_and_figures() -> None:
    assert formatting.number(20_000_000) == "20.000.000"
    assert formatting.number(1.5) == "1,5"
    assert formatting.number(None) == "–"
    assert formatting.date(dt.date(2025, 3, 14)) == "14. März 2025"
    assert formatting.partial_date("2013-02") == "Februar 2013"
    assert formatting.period("2013-02", "2015-02") == "Februar 2013 bis Februar 2015"
    assert formatting.period("2011-06", None) == "seit Juni 2011"
    assert formatting.staff(0) == "ehrenamtlich geführt"
    assert formatting.staff(None) == "VZÄ nicht veröffentlicht"
    library = Library("x", "libraries/x.yml", "X", population=4800, area_m2=180, staff_fte=1.5)
    assert formatting.figures(library) == "4.800 Einw. · 180 m² · 1,5 VZÄ"
    assert formatting.file_size(2048) == "2 KB"
    assert formatting.file_size(3 * 1024 * 1024) == "3 MB"


def test_page_urls_follow_the_content_model() -> None:
    assert page_url("index.md") == ""
    assert page_url("massnahmen/index.md") == "massnahmen/"
    assert page_url("massnahmen/lesesommer.md") == "massnahmen/lesesommer/"
    assert relative_url("massnahmen/lesesommer/", "bibliotheken/musterdorf/") == (
        "../../bibliotheken/musterdorf/"
    )
    assert relative_url("", "massnahmen/") == "massnahmen/"
    assert relative_url("themen/raum/", "themen/raum/") == "./"


@pytest.mark.parametrize("here", ["", "massnahmen/", "massnahmen/a/", "themen/a/", "a/b/c/"])
@pytest.mark.parametrize(
    "target",
    ["", "massnahmen/", "massnahmen/a/", "massnahmen/ab/", "themen/a/", "a/b/", "a/b/c/d/",
     "assets/katalog/finder.js", "massnahmen/?thema=raum", "massnahmen/a/plan.pdf"],
)  # fmt: skip
def test_relative_urls_equal_posix_relpath(here: str, target: str) -> None:
    expected = posixpath.relpath(target or ".", here or ".")
    if target.endswith("/") or target == "":
        expected = "./" if expected == "." else expected + "/"
    assert relative_url(here, target) == expected
