"""``/statistik/`` as the build writes it: every number of its tables, charts and map against
counts the test makes itself from the catalogue it wrote, the gaps linking to the submission
form, and hostile labels (a topic, a state of a country without a state list, a library
name) escaped in the SVG and in the tables.

The size classes are the repository's (``mkdocs.yml``): population 5000, 10000, 20000, 50000,
100000; area 100, 300, 600, 1000, 3000; staff 0, 1, 2, 5, 10, 20 (upper bounds, inclusive).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import build_site, write_project

from generator.render.statistics import GAP_TEXT

HOSTILE_TOPIC = '<img src=x onerror=alert(1)> „Lesen“ & "mehr"'
HOSTILE_STATE = '<script>alert("Kanton")</script> & Zug'
HOSTILE_LIBRARY = "<svg onload=alert(2)>Bücherei"

# id: (population, area or None, staff, state, country, extra YAML)
LIBRARIES = {
    "klein": (3000, 80, 0, "Hessen", "DE"),
    "mittel": (8000, 250, 1.5, "Bayern", "DE"),
    "stadt": (45000, None, 4, "Nordrhein-Westfalen", "DE"),
    "gross": (150000, 5000, 30, HOSTILE_STATE, "CH"),
    "grenze": (10000, 300, 2, "Hessen", "DE"),  # on the upper bounds of classes
}
NETWORK = ("verbund", ["klein", "mittel"], "Thüringen")
# id: (libraries, topics, status, published)
MEASURES = {
    "eins": (["klein"], ["lesefoerderung"], "completed", "2022-03-01"),
    "zwei": (["verbund"], ["lesefoerderung", "social-media"], "running", "2026-01-10"),
    "drei": (["stadt"], ["social-media", "bestand"], "planned", "2026-05-05"),
    "vier": (["gross", "klein"], ["bestand"], "discontinued", "2024-07-07"),
    "fuenf": (["mittel"], ["veranstaltungen"], "running", "2026-02-02"),
    "sechs": (["grenze"], ["veranstaltungen"], "completed", "2026-03-03"),
}
POPULATION = [(0, 5000), (5001, 10000), (10001, 20000), (20001, 50000), (50001, 100000)]
AREA = [(0, 100), (101, 300), (301, 600), (601, 1000), (1001, 3000)]
STAFF = [(0, 0), (0.01, 1), (1.01, 2), (2.01, 5), (5.01, 10), (10.01, 20)]


def _classes(bounds: list[tuple[float, float]], value: float | None) -> int | None:
    if value is None:
        return None
    for n, (low, high) in enumerate(bounds):
        if low <= value <= high:
            return n
    return len(bounds)  # „über …“


def _library_yaml(name: str, population, area, staff, state, country) -> str:
    lines = [
        f"name: {name!r}".replace("'", '"') if "<" in name else f"name: {name}",
        "municipality: Ort",
        f"state: '{state}'",
        f"country: {country}",
        f"population: {population}",
        f"staff_fte: {staff}",
        f"area_m2: {area}" if area is not None else "area_m2: unbekannt",
    ]
    return "\n".join(lines) + "\n"


def _measure_md(libraries, topics, status, published) -> str:
    return (
        f"---\ntitle: Maßnahme {published}\nsummary: Eine Maßnahme.\n"
        f"libraries: [{', '.join(libraries)}]\ntopics: [{', '.join(topics)}]\n"
        f"status: {status}\npublished: {published}\n---\n\nText.\n"
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = tmp_path_factory.mktemp("statistik")
    libraries = {
        lib_id: _library_yaml(
            HOSTILE_LIBRARY if lib_id == "gross" else f"Bücherei {lib_id}", *figures
        )
        for lib_id, figures in LIBRARIES.items()
    }
    name, members, state = NETWORK
    libraries[name] = (
        f"name: Verbund\nkind: network\nstate: {state}\nmembers: [{', '.join(members)}]\n"
    )
    measures = {mid: _measure_md(*m) for mid, m in MEASURES.items()}
    write_project(project, libraries, measures)
    taxonomy = project / "measures" / "_taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    text = re.sub(r"(id: social-media\n\s+label: ).*", rf"\g<1>'{HOSTILE_TOPIC}'", text, count=1)
    taxonomy.write_text(text, encoding="utf-8")
    result = build_site(project)
    assert result.ok, result.output
    return (Path(result.site) / "statistik" / "index.html").read_text(encoding="utf-8")


class _Tables(HTMLParser):
    """Every table of the page: caption → rows of cell texts (and each cell's link)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[tuple[str, str | None]]]] = {}
        self.svg_titles: list[str] = []
        self._rows: list | None = None
        self._caption: list[str] | None = None
        self._cell: list | None = None
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = [[], None]
        elif tag == "a" and self._cell is not None:
            self._cell[1] = dict(attrs).get("href")
        elif tag == "title":
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._caption_text = "".join(self._caption or [])
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(("".join(self._cell[0]).strip(), self._cell[1]))
            self._cell = None
        elif tag == "table":
            self.tables[self._caption_text] = self._rows
            self._rows = None
        elif tag == "title" and self._title is not None:
            self.svg_titles.append("".join(self._title))
            self._title = None

    def handle_data(self, data: str) -> None:
        for part in (self._caption, self._title, self._cell[0] if self._cell else None):
            if part is not None:
                part.append(data)


def _parse(html: str) -> _Tables:
    article = html[html.index('<article class="bib-statistics">') :]
    parser = _Tables()
    parser.feed(article[: article.index("</article>")])
    return parser


def _rows(parser: _Tables, caption: str) -> dict[str, int]:
    rows = parser.tables[caption][1:]  # without the header row
    return {label: int(count.replace(".", "")) for (label, _), (count, _) in rows}


def _size_libraries(measure_libraries: list[str]) -> list[str]:
    name, members, _ = NETWORK
    result: list[str] = []
    for lib in measure_libraries:
        for size_lib in members if lib == name else [lib]:
            if size_lib not in result:
                result.append(size_lib)
    return result


def _expected_sizes(index: int, bounds, labels: list[str]) -> dict[str, int]:
    counts: Counter = Counter()
    unknown = 0
    for libs, *_ in MEASURES.values():
        found = {_classes(bounds, LIBRARIES[lib][index]) for lib in _size_libraries(libs)}
        found.discard(None)
        counts.update(found)
        unknown += not found
    result = {label: counts[n] for n, label in enumerate(labels)}
    if unknown:
        result["ohne Angabe"] = unknown
    return result


def test_topics_count_every_topic_of_a_measure(page: str) -> None:
    expected = Counter(t for _, topics, *_ in MEASURES.values() for t in topics)
    rows = _rows(_parse(page), "Maßnahmen nach Thema")
    assert rows["Leseförderung"] == expected["lesefoerderung"] == 2
    assert rows[HOSTILE_TOPIC] == expected["social-media"] == 2
    assert rows["Bestand"] == 2
    assert rows["Veranstaltungen"] == 2
    assert rows["Finanzierung"] == 0  # every topic of the taxonomy, also without measures
    assert sum(rows.values()) == sum(expected.values())
    assert list(rows.values()) == sorted(rows.values(), reverse=True)  # most first


def test_size_classes_follow_the_libraries_and_the_network_members(page: str) -> None:
    parser = _parse(page)
    population = [
        "bis 5.000", "5.001–10.000", "10.001–20.000", "20.001–50.000", "50.001–100.000",
        "über 100.000",
    ]  # fmt: skip
    assert _rows(parser, "Maßnahmen nach Einwohner im Einzugsgebiet") == _expected_sizes(
        0, POPULATION, population
    )
    area = ["bis 100 m²", "101–300 m²", "301–600 m²", "601–1.000 m²", "1.001–3.000 m²"]
    area.append("über 3.000 m²")
    expected_area = _expected_sizes(1, AREA, area)
    assert expected_area["ohne Angabe"] == 1  # „drei“: its only library publishes no area
    assert _rows(parser, "Maßnahmen nach Publikumsfläche in m²") == expected_area
    staff = ["0 (ehrenamtlich)", "bis 1", "über 1 bis 2", "über 2 bis 5", "über 5 bis 10"]
    staff += ["über 10 bis 20", "über 20"]
    assert _rows(parser, "Maßnahmen nach Personal in VZÄ") == _expected_sizes(2, STAFF, staff)


def test_states_of_libraries_members_and_network(page: str) -> None:
    expected: Counter = Counter()
    for libs, *_ in MEASURES.values():
        states = {LIBRARIES[lib][3] for lib in _size_libraries(libs)}
        states |= {NETWORK[2] for lib in libs if lib == NETWORK[0]}
        expected.update(states)
    parser = _parse(page)
    assert _rows(parser, "Maßnahmen nach Bundesland") == dict(expected)
    assert expected["Thüringen"] == 1
    assert expected["Hessen"] == 4
    # the map: every German state with its count, the others with none
    titles = [t for t in parser.svg_titles if t.endswith(("Maßnahme", "Maßnahmen"))]
    assert len(titles) == 16
    assert "Hessen: 4 Maßnahmen" in titles
    assert "Thüringen: 1 Maßnahme" in titles
    assert "Saarland: 0 Maßnahmen" in titles
    shaded = re.findall(r'bib-map__state--(\d)" d="[^"]*"><title>([^:<]+):', page)
    levels = {name: int(level) for level, name in shaded}
    assert levels["Saarland"] == 0
    assert levels["Hessen"] == 4  # the most
    assert 0 < levels["Thüringen"] < levels["Hessen"]
    assert "CC BY 4.0" in page
    assert 'href="../assets/katalog/bundeslaender.LICENSE.txt"' in page


def test_status_and_years(page: str) -> None:
    parser = _parse(page)
    status = Counter(s for _, _, s, _ in MEASURES.values())
    labels = {"planned": "geplant", "running": "laufend", "completed": "abgeschlossen"}
    labels["discontinued"] = "eingestellt"
    assert _rows(parser, "Maßnahmen nach Stand") == {labels[s]: status[s] for s in labels}
    years = Counter(int(p[:4]) for *_, p in MEASURES.values())
    expected = {str(y): years[y] for y in range(min(years), max(years) + 1)}
    assert expected["2023"] == 0  # a year without measures is shown as 0
    assert _rows(parser, "Maßnahmen nach Jahr der Aufnahme in den Katalog") == expected


def test_gap_table_counts_and_links_to_the_form(page: str) -> None:
    table = _parse(page).tables["Maßnahmen nach Thema und Einwohnern im Einzugsgebiet"]
    header = [text for text, _ in table[0]]
    assert header[0] == "Thema"
    assert header[1:] == [
        "bis 5.000", "5.001–10.000", "10.001–20.000", "20.001–50.000", "50.001–100.000",
        "über 100.000",
    ]  # fmt: skip
    expected: Counter = Counter()
    for libs, topics, *_ in MEASURES.values():
        classes = {_classes(POPULATION, LIBRARIES[lib][0]) for lib in _size_libraries(libs)}
        expected.update((t, c) for t in topics for c in classes)
    labels = {"Leseförderung": "lesefoerderung", HOSTILE_TOPIC: "social-media"}
    labels |= {"Bestand": "bestand", "Veranstaltungen": "veranstaltungen"}
    labels |= {"Finanzierung": "finanzierung"}
    rows = {row[0][0]: row[1:] for row in table[1:]}
    gaps = 0
    for label, topic in labels.items():
        for n, (text, href) in enumerate(rows[label]):
            if expected[topic, n]:
                assert text == str(expected[topic, n]), (label, n)
                assert href.startswith("../massnahmen/?thema=" + topic + "&einwohner=")
            else:
                gaps += 1
                assert (text, href) == (GAP_TEXT, "../mitmachen/einreichen/"), (label, n)
    assert gaps > 0
    assert expected["bestand", 5] == 1  # „vier“: the library above 100,000


def test_counts_link_to_the_finder(page: str) -> None:
    assert '<a href="../massnahmen/?thema=lesefoerderung">2</a>' in page
    assert '<a href="../massnahmen/?bundesland=thueringen">1</a>' in page
    assert '<a href="../massnahmen/?einwohner=-5000">' in page
    assert '<a href="../massnahmen/?status=running">2</a>' in page
    assert "?thema=bestand&amp;einwohner=50001-100000" not in page  # no measure there


def test_hostile_labels_are_escaped_in_svg_and_tables(page: str) -> None:
    for raw in (HOSTILE_TOPIC, HOSTILE_STATE, HOSTILE_LIBRARY):
        assert raw not in page
    assert "<img src=x" not in page
    assert "<script>alert" not in page
    assert "<svg onload" not in page
    topic = "&lt;img src=x onerror=alert(1)&gt; „Lesen“ &amp; &#34;mehr&#34;"
    state = "&lt;script&gt;alert(&#34;Kanton&#34;)&lt;/script&gt; &amp; Zug"
    svg = page[page.index('<svg class="bib-chart"') :]
    # in the chart's text and name, and in the table
    assert f'<text class="bib-chart__label" x="0" y="0.95em">{topic}</text>' in svg
    assert f'<th scope="row">{topic}</th>' in page.replace("&#39;", "'")
    assert state in svg
    assert f'<th scope="row">{state}</th>' in page


def test_bounds_are_inclusive_upper_limits() -> None:
    # the catalogue's library „grenze“ sits on bounds: 10,000 inhabitants, 300 m², 2 VZÄ
    assert _classes(POPULATION, 10000) == 1
    assert _classes(AREA, 300) == 1
    assert _classes(STAFF, 2) == 2


def test_an_empty_catalogue_gets_a_page_without_numbers(tmp_path: Path) -> None:
    library = _library_yaml("Bücherei", 3000, 80, 1, "Hessen", "DE")
    project = write_project(tmp_path / "leer", {"eine": library}, {})
    result = build_site(project)
    assert result.ok, result.output
    html = (Path(result.site) / "statistik" / "index.html").read_text(encoding="utf-8")
    assert "Noch keine Maßnahmen im Katalog" in html
    article = html[html.index('<article class="bib-statistics">') :]
    assert "<svg" not in article[: article.index("</article>")]
