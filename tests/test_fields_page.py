"""The field reference for contributors (/mitmachen/felder/) as a reader gets it: finished
HTML with one <h1>, real tables and headings with ids, built by MkDocs from the fixture
catalogue with a hostile topic label. The core hands generated pages over after MkDocs'
Markdown pass, so Markdown that leaves the core reaches the reader as raw text."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from catalogue_files import build_site, fixture_project

from generator.render.field_reference import field_reference
from generator.render.pages import build_pages, field_reference_html
from generator.validate.catalogue import load_taxonomy

HOSTILE = "<img src=x onerror=alert(1)>"
TAXONOMY = "measures/_taxonomy.yml"


class _Page(HTMLParser):
    """Headings, tables and the visible text (line by line) of the page's <article>."""

    _BLOCKS: ClassVar = {
        "p",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "table",
        "div",
        "ul",
        "br",
        "article",
    }

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.h1 = 0
        self.heading_ids: list[str | None] = []
        self.tables = 0
        self.rows: list[list[str]] = []
        self.images = 0
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "h1":
            self.h1 += 1
        elif tag in ("h2", "h3"):
            self.heading_ids.append(dict(attrs).get("id"))
        elif tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "img":
            self.images += 1
        if tag in self._BLOCKS:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        if tag in self._BLOCKS:
            self.text.append("\n")
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self._cell is not None:
                self._cell.append(data)

    def lines(self) -> list[str]:
        return [line.strip() for line in "".join(self.text).splitlines() if line.strip()]


def _parse(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue, its first topic relabelled with an HTML attack."""
    root = fixture_project(tmp_path_factory.mktemp("fields-project"))
    taxonomy = root / TAXONOMY
    text = taxonomy.read_text(encoding="utf-8")
    assert "label: Social Media\n" in text
    taxonomy.write_text(
        text.replace("label: Social Media\n", f'label: "Social {HOSTILE} Media"\n', 1),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def fields_html(project: Path) -> str:
    build = build_site(project)
    assert build.ok, build.output
    site = build.site
    return (site / "mitmachen/felder/index.html").read_text(encoding="utf-8")


def test_built_field_reference_is_html_with_one_title_and_tables(fields_html: str) -> None:
    page = _parse(fields_html)
    assert page.h1 == 1
    assert page.tables >= 4  # profile, measure, topics, audiences
    population = [row for row in page.rows if row and row[0] == "population"]
    assert len(population) == 1
    assert population[0][1] == "ja bei Bibliotheken, nein bei Verbünden"
    assert ["Feld", "Pflicht", "Bedeutung", "Wert", "Beispiel"] in page.rows
    # every heading can be linked to, and no two share an address
    assert page.heading_ids
    assert None not in page.heading_ids
    assert len(set(page.heading_ids)) == len(page.heading_ids)
    # no Markdown left over in what the reader sees
    markdown = [line for line in page.lines() if line.startswith(("| ", "#", "- **", "`"))]
    assert markdown == []
    assert "**" not in "\n".join(page.lines())


def test_hostile_topic_label_arrives_as_text(fields_html: str) -> None:
    page = _parse(fields_html)
    assert page.images == 0
    assert "<img" not in fields_html
    rows = [row[:2] for row in page.rows if row and row[0] == "social-media"]
    assert rows == [["social-media", f"Social {HOSTILE} Media"]]


def test_core_hands_over_finished_html(fixture_catalogue) -> None:
    """Any builder gets the page as HTML, not as Markdown for a pass that never comes."""
    (fields,) = [p for p in build_pages(fixture_catalogue) if p.path == "mitmachen/felder.md"]
    html = fields.render()
    assert html.lstrip().startswith("<article")
    assert html.count("<h1>") == 1
    assert "<table>" in html
    assert "| --- |" not in html
    assert not [line for line in html.splitlines() if line.startswith(("#", "| "))]


def test_taxonomy_texts_reach_the_page_as_written(tmp_path: Path) -> None:
    """Labels, descriptions and state names are contributor content: neither HTML nor
    Markdown of theirs becomes markup."""
    link = "[Hier](javascript:alert(1)) *fett*"
    (tmp_path / "measures").mkdir()
    (tmp_path / TAXONOMY).write_text(
        "topics:\n"
        f"  - {{id: boese, label: {json.dumps(link)}, description: {json.dumps(HOSTILE)}}}\n"
        "audiences:\n  - {id: kinder, label: Kinder}\n"
        f"states:\n  DE: [{json.dumps(HOSTILE)}, Hessen]\n",
        encoding="utf-8",
    )
    taxonomy, problems = load_taxonomy(tmp_path)
    assert taxonomy is not None, [p.text() for p in problems.sorted()]
    page = _parse(f"<article>{field_reference_html(taxonomy)}</article>")
    assert ["boese", link, HOSTILE] in page.rows
    assert f"DE: {HOSTILE}, Hessen" in page.lines()
    assert page.images == 0
    assert "<a " not in field_reference_html(taxonomy)


def test_contributing_keeps_the_markdown(fixture_catalogue) -> None:
    reference = field_reference(fixture_catalogue.taxonomy, level=3)
    assert "### Bibliotheksprofil" in reference
    assert "| `population` |" in reference
    assert "<table" not in reference
