"""The finder's data without a browser: normaliser, size classes, library data and the
list's data attributes."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest

from generator.core.model import Catalogue
from generator.index import finder, search_text
from generator.render.pages import build_pages

# --- normaliser -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["Leseförderung", "Lesefoerderung", "Leseforderung", "LESEFÖRDERUNG"],
        ["Veranstaltungen", "Veranstaltung"],
        ["Kindern", "Kinder", "Kind"],
        ["Bibliotheken", "Bibliothek"],
        ["Straße", "Strasse"],
        ["Café", "Cafe"],
        ["Bücherei", "Buecherei", "Bucherei"],
    ],
)
def test_spellings_and_inflections_give_one_term(spellings: list[str]) -> None:
    assert len({search_text.term(word) for word in spellings}) == 1


def test_stop_words_and_single_letters_are_dropped() -> None:
    assert search_text.terms("Die Bücherei und der Verbund – z. B. für Kinder") == [
        "bucherei", "verbund", "kind",
    ]  # fmt: skip


def test_tokens_are_runs_of_letters_and_digits() -> None:
    assert search_text.tokenize("Lese-Förderung, 3–6-Jährige (E-Mail)!") == [
        "Lese", "Förderung", "3", "6", "Jährige", "E", "Mail",
    ]  # fmt: skip


# --- size classes -----------------------------------------------------------------------------


def test_default_size_classes_as_in_the_issue() -> None:
    filters = {f.figure.param: f.classes for f in finder.size_filters(finder.SizeClasses())}
    assert [(c.label, c.value) for c in filters["einwohner"]] == [
        ("bis 5.000", "-5000"), ("5.001–10.000", "5001-10000"), ("10.001–20.000", "10001-20000"),
        ("20.001–50.000", "20001-50000"), ("50.001–100.000", "50001-100000"),
        ("über 100.000", "100001-"),
    ]  # fmt: skip
    assert [c.label for c in filters["flaeche"]] == [
        "bis 100 m²", "101–300 m²", "301–600 m²", "601–1.000 m²", "1.001–3.000 m²",
        "über 3.000 m²",
    ]  # fmt: skip
    assert [(c.label, c.value) for c in filters["vzae"]] == [
        ("0 (ehrenamtlich)", "0-0"), ("bis 1", "0.01-1"), ("über 1 bis 2", "1.01-2"),
        ("über 2 bis 5", "2.01-5"), ("über 5 bis 10", "5.01-10"), ("über 10 bis 20", "10.01-20"),
        ("über 20", "20.01-"),
    ]  # fmt: skip


def test_size_classes_from_config() -> None:
    classes = finder.SizeClasses.from_config({"population": [2000, 8000]})
    assert classes.population == (2000, 8000)
    assert classes.area == finder.SizeClasses().area
    labels = [c.label for c in finder.size_filters(classes)[0].classes]
    assert labels == ["bis 2.000", "2.001–8.000", "über 8.000"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"population": [5000, 1000]}, "aufsteigen"),
        ({"staff": [-1, 2]}, "aufsteigen und ≥ 0"),
        ({"area": "100"}, "Liste von Zahlen"),
        ({"area": []}, "Liste von Zahlen"),
        ({"area": [True]}, "Liste von Zahlen"),
        ({"inhabitants": [1]}, "unbekannter Schlüssel „inhabitants“"),
    ],
)
def test_bad_size_classes_are_explained(values: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        finder.SizeClasses.from_config(values)


# --- library data -----------------------------------------------------------------------------


def test_library_data_has_figures_members_and_toolkit(fixture_catalogue) -> None:
    data = finder.library_data(fixture_catalogue)
    ids = [entry["id"] for entry in data]
    assert ids == sorted(fixture_catalogue.libraries)
    assert data[ids.index("buecherei-lindenau")] == {
        "id": "buecherei-lindenau", "n": "Gemeindebücherei Lindenau",
        "p": 4800, "a": 180, "s": 1.5, "t": ["lesefoerderung", "schule-kita", "social-media"],
    }  # fmt: skip
    network = data[ids.index("lesenetz-lindental")]
    members = fixture_catalogue.libraries["lesenetz-lindental"].members
    assert [ids[m] for m in network["m"]] == members
    assert "p" not in network
    assert data[ids.index("buecherei-erlenbach")]["s"] == 0  # volunteer-run: a figure, not a gap
    unknown = data[ids.index("ortsbuecherei-tannhof")]  # no published figure: a gap
    assert unknown["p"] == 2300
    assert "a" not in unknown
    assert "s" not in unknown


def test_measure_data_columns_follow_the_list(fixture_catalogue) -> None:
    data = finder.measure_data(fixture_catalogue, dt.date(2026, 1, 1))
    order = fixture_catalogue.newest_first
    vocabulary = data["vocabulary"]
    library_ids = sorted(fixture_catalogue.libraries)
    for n, measure in enumerate(order):
        assert [vocabulary["topics"][t] for t in data["topics"][n]] == measure.topics
        assert [vocabulary["audiences"][a] for a in data["audiences"][n]] == measure.audiences
        assert vocabulary["status"][data["status"][n]] == measure.status
        level = measure.effort.level if measure.effort else None
        assert (
            vocabulary["effort"][data["effort"][n]] if data["effort"][n] >= 0 else None
        ) == level
        assert [library_ids[L] for L in data["libraries"][n]] == measure.libraries
    expected = [n for n, m in enumerate(order)
                if m.collaboration and m.collaboration.is_open(dt.date(2026, 1, 1))]  # fmt: skip
    assert data["collab_open_at_build"] == expected
    assert [order[n].id for n in expected] == ["vorlesepaten-fuer-familien"]
    assert len(data["collab_until"]) == len(expected)
    assert data["build_date"] == "2026-01-01"


def _with_libraries(catalogue: Catalogue, **changes: dict) -> Catalogue:
    """A copy of ``catalogue`` whose libraries ``changes`` names have other attributes."""
    libraries = {
        lib_id: replace(library, **changes.get(lib_id.replace("-", "_"), {}))
        for lib_id, library in catalogue.libraries.items()
    }
    return Catalogue(catalogue.taxonomy, libraries, catalogue.measures)


def test_states_are_those_of_the_libraries_in_german_order(fixture_catalogue) -> None:
    assert finder.states(fixture_catalogue) == [
        ("bayern", "Bayern"), ("hessen", "Hessen"), ("niedersachsen", "Niedersachsen"),
        ("tirol", "Tirol"),  # a region of Austria: the facet is „Bundesland“ all the same
    ]  # fmt: skip
    changed = _with_libraries(
        fixture_catalogue,
        buecherei_erlenbach={"state": "Ährental"},  # not after Z, as code points would have it
        buecherei_lindenau={"state": "Baden-Württemberg"},
        ortsbuecherei_tannhof={"state": None},
    )
    assert finder.states(changed) == [
        ("aehrental", "Ährental"), ("baden-wuerttemberg", "Baden-Württemberg"),
        ("bayern", "Bayern"), ("hessen", "Hessen"), ("tirol", "Tirol"),
    ]  # fmt: skip


def test_measure_data_has_the_states_of_the_libraries(fixture_catalogue) -> None:
    data = finder.measure_data(fixture_catalogue, dt.date(2026, 1, 1))
    slugs = data["vocabulary"]["states"]
    assert slugs == ["bayern", "hessen", "niedersachsen", "tirol"]
    assert data["state_names"] == ["Bayern", "Hessen", "Niedersachsen", "Tirol"]
    library_ids = sorted(fixture_catalogue.libraries)
    assert len(data["library_states"]) == len(library_ids)
    for lib_id, k in zip(library_ids, data["library_states"], strict=True):
        assert data["state_names"][k] == fixture_catalogue.libraries[lib_id].state
    without = _with_libraries(fixture_catalogue, stadtbuecherei_bergwald={"state": None})
    data = finder.measure_data(without, dt.date(2026, 1, 1))
    assert "tirol" not in data["vocabulary"]["states"]
    assert data["library_states"][library_ids.index("stadtbuecherei-bergwald")] == -1


def test_a_measures_networks_follow_from_the_library_data(fixture_catalogue) -> None:
    """No column of their own: a measure is in a network (``m`` in the library data) when the
    network or one of its members is among the measure's libraries."""
    libraries = finder.library_data(fixture_catalogue)
    ids = [entry["id"] for entry in libraries]
    networks = {n: set(entry["m"]) for n, entry in enumerate(libraries) if "m" in entry}
    assert [ids[n] for n in networks] == ["lesenetz-lindental"]
    data = finder.measure_data(fixture_catalogue, dt.date(2026, 1, 1))
    in_network = [
        measure.id
        for measure, own in zip(fixture_catalogue.newest_first, data["libraries"], strict=True)
        if any(n in own or members & set(own) for n, members in networks.items())
    ]
    assert in_network == [
        "gemeinsamer-lesesommer-im-verbund",  # the network's own
        "lesesommer-in-lindenau",  # both members
        "vorlesepaten-fuer-familien",  # one member
    ]


def test_adoptions_are_sparse_gaps(fixture_catalogue) -> None:
    data = finder.measure_data(fixture_catalogue, dt.date(2026, 1, 1))
    assert data["adopted"] == []  # nobody has adopted anything: nothing on the page
    adopted = _with_libraries(
        fixture_catalogue,
        buecherei_erlenbach={"adopted": ["blog-der-stadtbibliothek"]},
        stadtbuecherei_bergwald={"adopted": ["blog-der-stadtbibliothek", "lesesommer-in-lindenau"]},
        ortsbuecherei_tannhof={"adopted": ["blog-der-stadtbibliothek"]},
    )
    data = finder.measure_data(adopted, dt.date(2026, 1, 1))
    order = [m.id for m in adopted.newest_first]
    blog, lesesommer = (
        order.index("blog-der-stadtbibliothek"),
        order.index("lesesommer-in-lindenau"),
    )
    # one number per adoption: the measure's position counted from the one before
    assert data["adopted"] == [blog, 0, 0, lesesommer - blog]
    counts = [0] * len(order)
    position = 0
    for gap in data["adopted"]:
        position += gap
        counts[position] += 1
    assert counts == [len(adopted.adopters_of(measure_id)) for measure_id in order]
    assert counts[blog] == 3


def test_inline_data_cannot_end_its_script_element(fixture_catalogue) -> None:
    library = fixture_catalogue.libraries["buecherei-erlenbach"]
    name = library.name
    library.name = "</script><script>alert(1)</script>"
    try:
        text = finder.finder_data_json(fixture_catalogue)
    finally:
        library.name = name
    assert "<" not in text
    assert ">" not in text
    names = [entry["n"] for entry in json.loads(text)["libraries"]]
    assert "</script><script>alert(1)</script>" in names


# --- the list's data attributes ---------------------------------------------------------------


def test_finder_page_is_the_list_with_one_data_block(fixture_catalogue) -> None:
    pages = {p.path: p.content for p in build_pages(fixture_catalogue)}
    html = pages["massnahmen/index.md"]
    items = re.findall(r'<li class="bib-card" data-measure-id="([a-z0-9-]+)">', html)
    assert items == [m.id for m in fixture_catalogue.newest_first]
    blocks = re.findall(
        r'<script type="application/json" id="bib-finder-data">(.*?)</script>', html
    )
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert len(data["measures"]["libraries"]) == len(items)
    assert 'id="bib-finder" hidden' in html  # shown by the script; without it: the list
    module = r'<script type="module" src="\.\./assets/katalog/finder-[0-9a-f]+/main\.js"></script>'
    assert re.search(module, html)  # the version is the folder's name (pages.finder_module_folder)
    # state and network facets get their options from the data, hidden until then
    assert '<details class="bib-facet" data-facet="bundesland" hidden>' in html
    assert '<details class="bib-facet" data-facet="verbund" hidden>' in html
    assert '<option value="nachgemacht">am häufigsten nachgemacht</option>' in html
    # figures are filled in by the script on the finder, written out on other lists
    assert "Einw." not in html.split('id="bib-results"')[1]
    assert "Einw." in pages["index.md"]


def test_library_page_links_to_finder_preset(fixture_catalogue) -> None:
    pages = {p.path: p.content for p in build_pages(fixture_catalogue)}
    html = pages["bibliotheken/buecherei-lindenau.md"]
    assert (
        'href="../../massnahmen/?bibliothek=buecherei-lindenau'
        "&amp;thema=lesefoerderung,schule-kita,social-media"
        '&amp;toolkit=lesefoerderung,schule-kita,social-media"'
    ) in html
    assert "Passende Maßnahmen für Bibliotheken wie diese" in html
