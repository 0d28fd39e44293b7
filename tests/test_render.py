"""Renderer units: sanitising, headings, German formatting, URLs of generated pages."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest

from generator import formatting
from generator.markdown_render import MAX_FENCE_LINES, render_markdown
from generator.model import Library
from generator.site import page_url, relative_url


def test_markdown_keeps_structure_and_drops_scripts_and_handlers() -> None:
    html = render_markdown(
        "## Umsetzung\n\n**fett** [Link](https://example.org) <script>alert(1)</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    )
    assert "<h2>Umsetzung</h2>" in html
    assert "<strong>fett</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener ugc">Link</a>' in html
    assert "<table>" in html
    assert "script" not in html and "onerror" not in html and "<img" not in html


def test_unsafe_link_schemes_lose_their_target() -> None:
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"):
        html = render_markdown(f"[x]({url})")
        assert "href" not in html, url


def test_a_first_level_heading_in_the_text_becomes_second_level() -> None:
    html = render_markdown("# Titel\n\n## Abschnitt\n")
    assert "<h2>Titel</h2>" in html and "<h3>Abschnitt</h3>" in html and "<h1" not in html


def test_many_unclosed_code_fences_render_without_fenced_code() -> None:
    hostile = "\n".join(["```a"] * (MAX_FENCE_LINES * 20))
    html = render_markdown(hostile)  # would take minutes with the fenced-code extension
    assert "<pre>" not in html
    assert "<pre><code>print(1)\n</code></pre>" in render_markdown("```\nprint(1)\n```")


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
