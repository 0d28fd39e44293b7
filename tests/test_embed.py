"""Embeddable lists /bibliotheken/<id>/einbetten/: standalone documents with their own
policy and no script, links that leave the frame, and the snippet on the library page —
with hostile names in both."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import (
    LIBRARY_2,
    MEASURE,
    build_site,
    copy_site_setup,
    fixture_project,
    write,
    write_catalogue,
)

from generator.render import embed
from generator.render.pages import SiteOptions, relative_url

SITE = "http://127.0.0.1:8000"  # site_url of the repository's mkdocs.yml without SITE_URL
HOSTILE_NAME = "\"><script>alert(1)</script><iframe src=x> & 'q'"
HOSTILE_TITLE = "</a></li><script>alert(2)</script>"


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(text)
    return parser.tags


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_site(fixture_project(tmp_path_factory.mktemp("embed")))
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site_setup(tmp_path_factory.mktemp("embed-hostile"))
    write_catalogue(project)
    name = HOSTILE_NAME.replace('"', '\\"')
    write(project, "libraries/musterstadt.yml",
          LIBRARY_2.replace("name: Stadtbücherei Musterstadt", f'name: "{name}"'))  # fmt: skip
    measure = MEASURE.replace("libraries: [musterdorf, verbund]", "libraries: [musterstadt]")
    measure = measure.replace("title: Lesesommer mit der Grundschule", f'title: "{HOSTILE_TITLE}"')
    write(project, "measures/lesesommer.md", measure)
    result = build_site(project)
    assert result.ok, result.output
    return result.site


def _embed(site: Path, library_id: str) -> str:
    return (site / "bibliotheken" / library_id / "einbetten/index.html").read_text("utf-8")


def test_every_library_and_network_has_a_list(site: Path, fixture_catalogue) -> None:
    for library_id in fixture_catalogue.libraries:
        assert (site / "bibliotheken" / library_id / "einbetten/index.html").is_file()
    # not a page of the site: no sitemap entry
    assert "einbetten" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_list_is_standalone_without_scripts(site: Path) -> None:
    text = _embed(site, "buecherei-lindenau")
    tags = _tags(text)
    names = [tag for tag, _ in tags]
    assert "script" not in names
    assert "link" not in names  # no theme stylesheet, no other request
    assert "img" not in names
    assert "nav" not in names
    assert "md-" not in text  # nothing of the theme
    assert text.startswith('<!DOCTYPE html>\n<html lang="de">')
    metas = {a.get("name") or a.get("http-equiv"): a.get("content") for t, a in tags if t == "meta"}
    assert metas["robots"] == "noindex"
    assert metas["referrer"] == "strict-origin-when-cross-origin"
    assert "<h1>Unsere Maßnahmen im Katalog „Bibliotheken inspirieren Bibliotheken“</h1>" in text
    assert "prefers-color-scheme: dark" in text


def test_the_policy_allows_only_its_own_style(site: Path) -> None:
    text = _embed(site, "buecherei-lindenau")
    policy = next(
        a["content"] for t, a in _tags(text) if t == "meta" and a.get("http-equiv")
        == "Content-Security-Policy"
    )  # fmt: skip
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert "script-src" not in directives  # default-src 'none': no script at all
    assert "frame-ancestors" not in policy  # other sites may frame it
    (style,) = re.findall(r"<style>(.*?)</style>", text, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    assert directives["style-src"] == f"'sha256-{digest}'"


def test_links_open_the_measures_in_a_new_window(site: Path, fixture_catalogue) -> None:
    text = _embed(site, "buecherei-lindenau")
    links = [a for t, a in _tags(text) if t == "a"]
    expected = [
        f"{SITE}/massnahmen/{m.id}/" for m in fixture_catalogue.measures_of("buecherei-lindenau")
    ]
    assert [a["href"] for a in links[: len(expected)]] == expected
    # a member's list includes its network's measures, as its page does
    assert f"{SITE}/massnahmen/gemeinsamer-lesesommer-im-verbund/" in expected
    assert links[len(expected)]["href"] == f"{SITE}/bibliotheken/buecherei-lindenau/"
    for link in links:
        assert link["target"] == "_blank"
        assert link["rel"] == "noopener"


def test_links_are_relative_without_a_site_address(fixture_catalogue) -> None:
    files = {f.path: f.content for f in embed.embed_files(fixture_catalogue, SiteOptions())}
    text = files["bibliotheken/buecherei-lindenau/einbetten/index.html"]
    hrefs = [a["href"] for t, a in _tags(text) if t == "a"]
    here = "bibliotheken/buecherei-lindenau/einbetten/"
    first = fixture_catalogue.measures_of("buecherei-lindenau")[0].id
    assert hrefs[0] == relative_url(here, f"massnahmen/{first}/") == f"../../../massnahmen/{first}/"


def test_library_page_offers_the_snippet(site: Path) -> None:
    page = (site / "bibliotheken/buecherei-lindenau/index.html").read_text(encoding="utf-8")
    assert "<summary>Auf Ihrer Website einbinden</summary>" in page
    (code,) = re.findall(r'<details class="bib-embed">.*?<pre><code>(.*?)</code></pre>', page, re.S)
    assert "<iframe" not in code  # shown as text, not as a frame
    snippet = html.unescape(code)
    ((tag, attrs),) = _tags(snippet)
    assert tag == "iframe"
    assert attrs["src"] == f"{SITE}/bibliotheken/buecherei-lindenau/einbetten/"
    assert attrs["title"] == (
        "Maßnahmen von Gemeindebücherei Lindenau im Katalog „Bibliotheken inspirieren Bibliotheken“"
    )
    assert attrs["loading"] == "lazy"
    assert re.fullmatch(r"width:100%;height:\d+px;border:0", attrs["style"])
    assert "allow-popups" in attrs["sandbox"]


def test_hostile_name_and_title_stay_text(hostile_site: Path) -> None:
    text = _embed(hostile_site, "musterstadt")
    tags = _tags(text)
    assert [t for t, _ in tags].count("script") == 0
    assert [t for t, _ in tags].count("iframe") == 0
    assert html.escape(HOSTILE_TITLE) in text
    page = (hostile_site / "bibliotheken/musterstadt/index.html").read_text(encoding="utf-8")
    (code,) = re.findall(r'<details class="bib-embed">.*?<pre><code>(.*?)</code></pre>', page, re.S)
    assert "<" not in code  # the whole snippet is text on the page
    ((tag, attrs),) = _tags(html.unescape(code))  # and one element when pasted
    assert tag == "iframe"
    assert HOSTILE_NAME in attrs["title"]
    # a library without measures says so
    assert "<p>Noch keine Maßnahme im Katalog.</p>" in _embed(hostile_site, "musterdorf")


def test_frame_height_grows_with_the_list_up_to_a_limit() -> None:
    assert embed.frame_height(0) == embed.frame_height(1) < embed.frame_height(3)
    assert embed.frame_height(100) == 640
