"""The finder on /massnahmen/ in headless Chromium: filters, counts, sizes, states and
networks, similarity, toolkit, search, sorting, address state, the list without JavaScript
and keyboard use."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlparse

import pytest
from finder_catalogue import ADOPTERS, LIBRARIES, NETWORK_MEASURES, NEWEST_FIRST, STATES

from generator.index import search_text

pytestmark = pytest.mark.browser

FIGURES = {  # population, area, staff of the purpose-made libraries (see conftest)
    "dorf-a": (5000, 100, 0),
    "dorf-b": (5001, 101, 1),
    "stadt-c": (400000, 5000, 25),
    "ohne-flaeche": (4000, None, 1.5),
    "klein-d": (4800, 180, 1.5),
    "mittel-e": (12000, 400, 3),
}
SIZE_LIBRARIES = {  # measure -> libraries whose figures it carries (network: members)
    "lesefoerderung-dorf": ["dorf-a"],
    "vorlesepaten": ["dorf-b"],
    "grossstadt-blog": ["stadt-c"],
    "buecherkiste": ["ohne-flaeche"],
    "verbund-kalender": ["mittel-e", "stadt-c"],
    "schulbesuche": ["klein-d"],
    "onleihe-sprechstunde": ["mittel-e"],
}


READY = "() => document.getElementById('bib-finder-status').textContent !== ''"


def visible_count(n: int, different: bool = False) -> str:
    operator = "!==" if different else "==="
    return f"() => document.getElementById('bib-finder').dataset.visible {operator} '{n}'"


def open_finder(page, base_url: str, query: str = ""):
    page.goto(f"{base_url}/massnahmen/{'?' + query if query else ''}")
    page.wait_for_function(READY)
    return page


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#bib-results > li:not([hidden])", "els => els.map(e => e.dataset.measureId)"
    )


def settle(page) -> None:
    """Wait until the finder has rendered the last change (it renders on the next frame)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")


def open_facet(page, key: str) -> None:
    page.evaluate(f"document.querySelector('.bib-facet[data-facet=\"{key}\"]').open = true")


def check(page, name: str, value: str) -> None:
    open_facet(page, name)
    page.check(f'input[name="{name}"][value="{value}"]')
    settle(page)


def choose_class(page, key: str, value: str) -> None:
    open_facet(page, key)
    page.check(f'input[name="{key}-klasse"][value="{value}"]')
    settle(page)


def count_of(page, selector: str) -> str:
    return page.eval_on_selector(
        selector, "i => i.parentNode.querySelector('.bib-count').textContent"
    )


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


# --- filters alone and combined -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("thema", "lesefoerderung", ["schulbesuche", "vorlesepaten", "lesefoerderung-dorf"]),
        ("zielgruppe", "senioren", ["onleihe-sprechstunde", "buecherkiste"]),
        ("status", "running", ["onleihe-sprechstunde", "verbund-kalender", "vorlesepaten"]),
        ("aufwand", "high", ["grossstadt-blog"]),
        ("kooperation", "offen", ["vorlesepaten"]),  # the other search ended in 2020
    ],
)
def test_each_filter_alone(page, base_url, name, value, expected) -> None:
    open_finder(page, base_url)
    if name == "kooperation":
        page.check('input[name="kooperation"]')
        settle(page)
    else:
        check(page, name, value)
    assert visible_ids(page) == expected
    assert query_of(page)[name] == [value]
    status = page.text_content("#bib-finder-status")
    assert status.startswith(f"{len(expected)} Maßnahme")


def test_filters_combine_with_and_and_options_within_a_filter_with_or(page, base_url) -> None:
    open_finder(page, base_url)
    check(page, "thema", "lesefoerderung")
    check(page, "status", "completed")
    assert visible_ids(page) == ["schulbesuche", "lesefoerderung-dorf"]
    check(page, "status", "running")  # either state
    assert visible_ids(page) == ["schulbesuche", "vorlesepaten", "lesefoerderung-dorf"]
    choose_class(page, "einwohner", "-5000")
    assert visible_ids(page) == ["schulbesuche", "lesefoerderung-dorf"]
    assert query_of(page) == {
        "thema": ["lesefoerderung"], "status": ["running,completed"], "einwohner": ["-5000"],
    }  # fmt: skip


def test_every_option_counts_results_with_the_other_filters(page, base_url) -> None:
    open_finder(page, base_url)
    assert count_of(page, 'input[name="thema"][value="lesefoerderung"]') == "(3)"
    check(page, "thema", "lesefoerderung")
    # status counts under the topic filter; topic counts ignore the topic filter itself
    assert count_of(page, 'input[name="status"][value="running"]') == "(1)"
    assert count_of(page, 'input[name="status"][value="completed"]') == "(2)"
    assert count_of(page, 'input[name="thema"][value="social-media"]') == "(1)"
    assert count_of(page, 'input[name="einwohner-klasse"][value="-5000"]') == "(2)"
    assert count_of(page, 'input[name="einwohner-klasse"][value="5001-10000"]') == "(1)"
    assert count_of(page, 'input[name="kooperation"]') == "(1)"


# --- sizes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("einwohner", "-5000", ["schulbesuche", "buecherkiste", "lesefoerderung-dorf"]),
        ("einwohner", "5001-10000", ["vorlesepaten"]),
        ("flaeche", "-100", ["lesefoerderung-dorf"]),
        ("flaeche", "101-300", ["schulbesuche", "vorlesepaten"]),
        ("vzae", "0-0", ["lesefoerderung-dorf"]),
        ("vzae", "0.01-1", ["vorlesepaten"]),
        ("vzae", "1.01-2", ["schulbesuche", "buecherkiste"]),
        ("vzae", "20.01-", ["verbund-kalender", "grossstadt-blog"]),
    ],
)
def test_size_classes_at_their_boundaries(page, base_url, key, value, expected) -> None:
    open_finder(page, base_url)
    choose_class(page, key, value)
    assert visible_ids(page) == expected
    assert query_of(page)[key] == [value]


def test_free_ranges_at_their_boundaries(page, base_url) -> None:
    open_finder(page, base_url)
    open_facet(page, "einwohner")
    page.fill("#bib-einwohner-max", "5.000")
    settle(page)
    assert "vorlesepaten" not in visible_ids(page)
    assert "lesefoerderung-dorf" in visible_ids(page)
    assert query_of(page)["einwohner"] == ["-5000"]
    # the matching class is shown as chosen
    assert page.is_checked('input[name="einwohner-klasse"][value="-5000"]')
    page.fill("#bib-einwohner-min", "5001")
    page.fill("#bib-einwohner-max", "5001")
    settle(page)
    assert visible_ids(page) == ["vorlesepaten"]
    open_facet(page, "vzae")
    page.fill("#bib-einwohner-min", "")
    page.fill("#bib-einwohner-max", "")
    page.fill("#bib-vzae-max", "0")
    settle(page)
    assert visible_ids(page) == ["lesefoerderung-dorf"]
    assert query_of(page)["vzae"] == ["-0"]
    page.fill("#bib-vzae-max", "1,5")
    settle(page)
    assert visible_ids(page) == [
        "schulbesuche", "buecherkiste", "vorlesepaten", "lesefoerderung-dorf"
    ]  # fmt: skip


def test_a_network_measure_is_matched_through_a_member(page, base_url) -> None:
    open_finder(page, base_url, "einwohner=10001-20000")
    assert visible_ids(page) == ["onleihe-sprechstunde", "verbund-kalender"]
    open_finder(page, base_url, "flaeche=1001-")  # the other member, the big city
    assert visible_ids(page) == ["verbund-kalender", "grossstadt-blog"]


def test_measures_without_the_figure_are_left_out_and_counted(page, base_url) -> None:
    open_finder(page, base_url, "flaeche=-200")
    assert "buecherkiste" not in visible_ids(page)
    status = page.text_content("#bib-finder-status")
    assert "1 Maßnahme ausgeblendet, weil den Bibliotheken die Angabe fehlt (Fläche)" in status
    open_finder(page, base_url, "einwohner=-200000")
    assert "buecherkiste" in visible_ids(page)
    assert "ausgeblendet" not in page.text_content("#bib-finder-status")


# --- states and networks --------------------------------------------------------------------

STATE_SLUGS = {
    "Baden-Württemberg": "baden-wuerttemberg",
    "Hessen": "hessen",
    "Niedersachsen": "niedersachsen",
    "Nordrhein-Westfalen": "nordrhein-westfalen",
}


def options_of(page, key: str) -> list[tuple[str, str, str]]:
    """(value, label, count) of the options of the facet ``key``, in the page's order."""
    return page.eval_on_selector_all(
        f'input[name="{key}"]',
        """inputs => inputs.map(i => [i.value, i.parentNode.textContent.replace(
             i.parentNode.querySelector('.bib-count').textContent, '').trim(),
             i.parentNode.querySelector('.bib-count').textContent])""",
    )


def test_state_options_are_the_catalogues_states_with_counts(page, base_url) -> None:
    open_finder(page, base_url)
    assert page.is_visible('.bib-facet[data-facet="bundesland"]')
    expected = [
        (slug, name, f"({sum(name in states for states in STATES.values())})")
        for name, slug in STATE_SLUGS.items()  # German order of the names
    ]
    assert [tuple(option) for option in options_of(page, "bundesland")] == expected
    assert expected[0] == ("baden-wuerttemberg", "Baden-Württemberg", "(2)")


@pytest.mark.parametrize("state", list(STATE_SLUGS))
def test_state_filter_alone(page, base_url, state) -> None:
    open_finder(page, base_url)
    check(page, "bundesland", STATE_SLUGS[state])
    expected = [m for m in NEWEST_FIRST if state in STATES[m]]
    assert visible_ids(page) == expected
    assert query_of(page)["bundesland"] == [STATE_SLUGS[state]]
    summary = page.text_content('.bib-facet[data-facet="bundesland"] .bib-facet__active')
    assert summary == "(1 gewählt)"


def test_a_networks_own_state_counts_for_its_measures(page, base_url) -> None:
    # Niedersachsen is the seat of „Verbund Mittelland“, none of its members is there
    open_finder(page, base_url, "bundesland=niedersachsen")
    assert visible_ids(page) == ["verbund-kalender"]
    check(page, "bundesland", "nordrhein-westfalen")  # either state
    assert visible_ids(page) == ["verbund-kalender", "grossstadt-blog"]
    assert query_of(page)["bundesland"] == ["niedersachsen,nordrhein-westfalen"]


def test_network_options_and_counts(page, base_url) -> None:
    open_finder(page, base_url)
    assert page.is_visible('.bib-facet[data-facet="verbund"]')
    assert [tuple(option) for option in options_of(page, "verbund")] == [
        ("verbund-y", "Büchereiverbund Auetal", "(2)"),  # by name
        ("verbund-x", "Verbund Mittelland", "(3)"),
    ]


@pytest.mark.parametrize("network", list(NETWORK_MEASURES))
def test_network_filter_alone(page, base_url, network) -> None:
    # a network's own measures and those of its members (verbund-y has none of its own)
    open_finder(page, base_url)
    check(page, "verbund", network)
    assert visible_ids(page) == NETWORK_MEASURES[network]
    assert query_of(page)["verbund"] == [network]


def test_state_and_network_combine_with_other_filters(page, base_url) -> None:
    open_finder(page, base_url)
    check(page, "bundesland", "hessen")
    assert count_of(page, 'input[name="status"][value="running"]') == "(1)"
    assert count_of(page, 'input[name="verbund"][value="verbund-x"]') == "(0)"
    assert count_of(page, 'input[name="verbund"][value="verbund-y"]') == "(2)"
    check(page, "status", "running")
    assert visible_ids(page) == ["vorlesepaten"]
    # the state counts follow the status filter, but not the state filter itself
    counts = {value: count for value, _, count in options_of(page, "bundesland")}
    assert counts == {
        "baden-wuerttemberg": "(2)", "hessen": "(1)", "niedersachsen": "(1)",
        "nordrhein-westfalen": "(1)",
    }  # fmt: skip
    check(page, "verbund", "verbund-x")
    assert visible_ids(page) == []
    page.uncheck('input[name="bundesland"][value="hessen"]')
    settle(page)
    assert visible_ids(page) == ["onleihe-sprechstunde", "verbund-kalender"]
    assert query_of(page) == {"status": ["running"], "verbund": ["verbund-x"]}
    choose_class(page, "einwohner", "10001-20000")
    assert visible_ids(page) == ["onleihe-sprechstunde", "verbund-kalender"]


def test_states_and_networks_are_restored_from_the_address(page, base_url) -> None:
    open_finder(page, base_url, "bundesland=hessen,nordrhein-westfalen&verbund=verbund-y")
    assert page.is_checked('input[name="bundesland"][value="hessen"]')
    assert page.is_checked('input[name="bundesland"][value="nordrhein-westfalen"]')
    assert page.is_checked('input[name="verbund"][value="verbund-y"]')
    assert page.evaluate("document.querySelector('.bib-facet[data-facet=\"verbund\"]').open")
    assert visible_ids(page) == ["vorlesepaten", "lesefoerderung-dorf"]
    assert query_of(page) == {
        "bundesland": ["hessen,nordrhein-westfalen"],
        "verbund": ["verbund-y"],
    }
    # names instead of slugs, libraries instead of networks: dropped
    open_finder(page, base_url, "bundesland=Hessen,bayern,niedersachsen&verbund=dorf-a,%3Cb%3E")
    assert visible_ids(page) == ["verbund-kalender"]
    assert query_of(page) == {"bundesland": ["niedersachsen"]}


def test_without_networks_the_network_facet_is_hidden(page, base_url) -> None:
    def without_networks(route):
        html = re.sub(r',"m":\[[0-9,]*\]', "", route.fetch().text())
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(re.compile(r"/massnahmen/(\?.*)?$"), without_networks)
    open_finder(page, base_url, "verbund=verbund-x")
    assert page.is_hidden('.bib-facet[data-facet="verbund"]')
    assert page.is_visible('.bib-facet[data-facet="bundesland"]')
    assert visible_ids(page) == NEWEST_FIRST
    assert query_of(page) == {}


# --- sorting ----------------------------------------------------------------------------------


def test_sorting_by_adoptions_most_first_then_newest(page, base_url) -> None:
    by_adoptions = sorted(NEWEST_FIRST, key=lambda m: (-ADOPTERS.get(m, 0), NEWEST_FIRST.index(m)))
    assert by_adoptions[:3] == ["lesefoerderung-dorf", "schulbesuche", "grossstadt-blog"]
    open_finder(page, base_url)
    page.select_option("#bib-sort", "nachgemacht")
    settle(page)
    assert visible_ids(page) == by_adoptions
    assert query_of(page) == {"sortierung": ["nachgemacht"]}
    check(page, "bundesland", "hessen")  # the order holds under a filter
    assert visible_ids(page) == [m for m in by_adoptions if "Hessen" in STATES[m]]
    open_finder(page, base_url, "sortierung=nachgemacht&status=running,completed")
    assert page.input_value("#bib-sort") == "nachgemacht"
    assert visible_ids(page) == [
        "lesefoerderung-dorf", "schulbesuche", "onleihe-sprechstunde", "verbund-kalender",
        "vorlesepaten",
    ]  # fmt: skip


# --- similarity, profile, toolkit -------------------------------------------------------------


def distance(profile: tuple, figures: tuple) -> float:
    """The finder's measure: mean |log(a+1) - log(b+1)| over the figures both have."""
    pairs = [
        (a, b) for a, b in zip(profile, figures, strict=True) if a is not None and b is not None
    ]
    return sum(abs(math.log(a + 1) - math.log(b + 1)) for a, b in pairs) / len(pairs)


def test_similarity_ranking_for_a_profile(page, base_url) -> None:
    open_finder(page, base_url)
    page.fill("#bib-profile-einwohner", "4800")
    page.fill("#bib-profile-flaeche", "180")
    page.fill("#bib-profile-vzae", "1,5")
    settle(page)
    profile = (4800, 180, 1.5)
    expected = sorted(
        NEWEST_FIRST,
        key=lambda m: (
            min(distance(profile, FIGURES[lib]) for lib in SIZE_LIBRARIES[m]),
            NEWEST_FIRST.index(m),
        ),
    )
    assert visible_ids(page) == expected
    assert page.input_value("#bib-sort") == "aehnlich"
    first = page.text_content('li[data-measure-id="schulbesuche"] .bib-card__closeness')
    assert "sehr ähnlich" in first
    assert "Gemeindebücherei Eichstett" in first
    big = page.text_content('li[data-measure-id="grossstadt-blog"] .bib-card__closeness')
    assert "deutlich größer" in big
    assert query_of(page)["profil_einwohner"] == ["4800"]
    # kept across visits, and cleared on request
    page.goto(f"{base_url}/massnahmen/")
    page.wait_for_function(READY)
    assert page.input_value("#bib-profile-einwohner") == "4.800"
    assert visible_ids(page) == expected
    page.click("#bib-profile-clear")
    settle(page)
    assert visible_ids(page) == NEWEST_FIRST
    assert page.locator(".bib-card__closeness").count() == 0
    assert page.evaluate("localStorage.getItem('bib-katalog-profil')") is None


def test_closeness_words_on_a_log_scale(page, base_url) -> None:
    open_finder(page, base_url, "profil_einwohner=4000")
    # 4,000 vs 5,000 is close, 4,000 vs 400,000 is far
    near = page.text_content('li[data-measure-id="lesefoerderung-dorf"] .bib-card__closeness')
    far = page.text_content('li[data-measure-id="grossstadt-blog"] .bib-card__closeness')
    assert "sehr ähnlich" in near
    assert "deutlich größer" in far


def test_picking_a_library_from_the_catalogue(page, base_url) -> None:
    open_finder(page, base_url)
    page.select_option("#bib-profile-library", "klein-d")
    settle(page)
    assert page.input_value("#bib-profile-einwohner") == "4.800"
    assert visible_ids(page)[0] == "schulbesuche"
    assert query_of(page)["bibliothek"] == ["klein-d"]


def test_toolkit_preset_filters_topics_and_ranks_first_priorities_higher(page, base_url) -> None:
    open_finder(page, base_url)
    page.select_option("#bib-toolkit-1", "veranstaltungen")
    page.select_option("#bib-toolkit-2", "lesefoerderung")
    page.click("#bib-toolkit-apply")
    settle(page)
    assert page.is_checked('input[name="thema"][value="veranstaltungen"]')
    assert page.is_checked('input[name="thema"][value="lesefoerderung"]')
    # priority 1 first, then priority 2, newest first within each
    assert visible_ids(page) == [
        "verbund-kalender", "schulbesuche", "vorlesepaten", "lesefoerderung-dorf"
    ]  # fmt: skip
    assert query_of(page)["toolkit"] == ["veranstaltungen,lesefoerderung"]
    page.click("#bib-toolkit-off")
    settle(page)
    assert visible_ids(page) == [
        "schulbesuche", "verbund-kalender", "vorlesepaten", "lesefoerderung-dorf"
    ]  # fmt: skip


def test_library_page_links_to_the_finder_for_libraries_like_it(page, base_url) -> None:
    page.goto(f"{base_url}/bibliotheken/dorf-a/")
    with page.expect_navigation():
        page.click("text=Passende Maßnahmen für Bibliotheken wie diese")
    page.wait_for_function(READY)
    query = query_of(page)
    assert query["bibliothek"] == ["dorf-a"]
    assert query["toolkit"] == ["lesefoerderung,veranstaltungen"]
    assert page.input_value("#bib-profile-einwohner") == "5.000"
    assert page.input_value("#bib-toolkit-1") == "lesefoerderung"
    ids = visible_ids(page)
    assert set(ids) == {
        "schulbesuche", "verbund-kalender", "vorlesepaten", "lesefoerderung-dorf"
    }  # fmt: skip
    # Leseförderung (priority 1) before Veranstaltungen; within it the most similar first
    assert ids[:3] == ["lesefoerderung-dorf", "vorlesepaten", "schulbesuche"]
    assert ids[3] == "verbund-kalender"
    assert "Verbund Mittelland" in LIBRARIES["verbund-x"]


# --- full-text search -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Leseförderung", "Lesefoerderung", "Leseforderung", "lesef",
                                   "LESEFÖRDERUNG"])  # fmt: skip
def test_search_with_umlaut_spellings_and_prefixes(page, base_url, query) -> None:
    open_finder(page, base_url)
    page.fill("#bib-q", query)
    page.wait_for_function(visible_count(7, different=True))
    assert sorted(visible_ids(page)) == ["lesefoerderung-dorf", "schulbesuche"]
    marks = page.eval_on_selector_all("#bib-results mark", "ms => ms.map(m => m.textContent)")
    assert "Leseförderung" in marks


def test_search_finds_inflections_names_and_partners(page, base_url) -> None:
    open_finder(page, base_url)
    page.fill("#bib-q", "Veranstaltungen")  # the measure says "Veranstaltung"
    page.wait_for_function(visible_count(7, different=True))
    assert "lesefoerderung-dorf" in visible_ids(page)
    assert "verbund-kalender" in visible_ids(page)
    page.fill("#bib-q", "Medienzentrum")  # a partner
    page.wait_for_function(visible_count(1))
    assert visible_ids(page) == ["grossstadt-blog"]
    page.fill("#bib-q", "Falkenau")  # a member of the network and a library of its own
    page.wait_for_function(visible_count(2))
    assert visible_ids(page) == ["onleihe-sprechstunde", "verbund-kalender"]


def test_search_combines_with_filters(page, base_url) -> None:
    open_finder(page, base_url, "q=Leseforderung&vzae=0-0")
    page.wait_for_function(visible_count(1))
    assert visible_ids(page) == ["lesefoerderung-dorf"]
    assert page.input_value("#bib-q") == "Leseforderung"


def test_browser_and_python_normalise_words_alike(page, base_url) -> None:
    open_finder(page, base_url)
    words = [
        "Leseförderung", "Lesefoerderung", "LESEFORDERUNG", "Veranstaltungen", "Veranstaltung",
        "Kindern", "Kinder", "Bibliotheken", "größte", "Straße", "Café", "Hán", "Nôm", "und",
        "schönsten", "Kurses", "Bücherei", "Büchereien", "E", "2025", "Öffentlichkeitsarbeit",
        "Feuer", "Poesie", "Mäuse", "Tests", "Geistes", "häufigst",
    ]  # fmt: skip
    browser = page.evaluate("ws => ws.map(w => window.bibFinderText.term(w))", words)
    assert browser == [search_text.term(w) for w in words]
    text = "Die Bücherei (Musterdorf) – Lese-Förderung, z.B. für 3–6-Jährige!"
    assert page.evaluate("t => window.bibFinderText.tokenize(t)", text) == search_text.tokenize(
        text
    )


# --- address ----------------------------------------------------------------------------------


def test_opening_an_address_restores_the_view(page, base_url) -> None:
    open_finder(page, base_url, "thema=lesefoerderung,ehrenamt&status=running&sortierung=titel")
    assert page.is_checked('input[name="thema"][value="lesefoerderung"]')
    assert page.is_checked('input[name="thema"][value="ehrenamt"]')
    assert page.is_checked('input[name="status"][value="running"]')
    assert page.input_value("#bib-sort") == "titel"
    assert visible_ids(page) == ["vorlesepaten"]
    open_finder(page, base_url, "sortierung=titel")
    titles = page.eval_on_selector_all(
        "#bib-results > li:not([hidden]) .bib-card__title", "els => els.map(e => e.textContent)"
    )
    assert titles == sorted(titles, key=search_text.fold)


def test_malformed_addresses_are_ignored_without_errors(page, base_url) -> None:
    open_finder(
        page, base_url,
        "thema=gibtsnicht,lesefoerderung&status=&einwohner=abc&flaeche=500-100&vzae=-"
        "&sortierung=quatsch&bibliothek=unbekannt&profil_einwohner=viele&toolkit=%3Cscript%3E"
        "&kooperation=vielleicht&zielgruppe=%22%3E%3Cimg",
    )  # fmt: skip
    assert visible_ids(page) == ["schulbesuche", "vorlesepaten", "lesefoerderung-dorf"]
    assert query_of(page) == {"thema": ["lesefoerderung"]}
    assert page.input_value("#bib-sort") == "neueste"
    # the page's error listener (fixture) asserts that no script error happened


def test_every_change_updates_the_address(page, base_url) -> None:
    open_finder(page, base_url)
    history = page.evaluate("history.length")
    check(page, "zielgruppe", "kinder")
    page.fill("#bib-q", "Bilderbuch")
    settle(page)
    page.select_option("#bib-sort", "titel")
    settle(page)
    assert query_of(page) == {
        "q": ["Bilderbuch"],
        "zielgruppe": ["kinder"],
        "sortierung": ["titel"],
    }
    assert page.evaluate("history.length") == history  # replaced, not pushed
    page.click("#bib-reset")
    settle(page)
    assert urlparse(page.url).query == ""
    assert visible_ids(page) == NEWEST_FIRST


def test_long_result_lists_are_shown_a_page_at_a_time(page, base_url) -> None:
    def small_pages(route):
        html = route.fetch().text().replace('id="bib-finder"', 'id="bib-finder" data-page-size="3"')
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/massnahmen/", small_pages)
    open_finder(page, base_url)
    assert visible_ids(page) == NEWEST_FIRST[:3]
    assert "Angezeigt: die ersten 3" in page.text_content("#bib-finder-status")
    page.focus("#bib-more")
    page.keyboard.press("Enter")
    settle(page)
    assert visible_ids(page) == NEWEST_FIRST[:6]
    # focus moves to the first new result
    assert (
        page.evaluate("document.activeElement.closest('li').dataset.measureId") == NEWEST_FIRST[3]
    )
    page.click("#bib-more")
    settle(page)
    assert visible_ids(page) == NEWEST_FIRST
    assert page.is_hidden("#bib-more")
    check(page, "status", "running")  # a new filter starts on the first page again
    assert visible_ids(page) == ["onleihe-sprechstunde", "verbund-kalender", "vorlesepaten"]


# --- without JavaScript, accessibility --------------------------------------------------------


def test_without_javascript_the_page_is_the_full_list(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/massnahmen/?thema=lesefoerderung")
    assert visible_ids(page) == NEWEST_FIRST
    assert not page.is_visible("#bib-finder")
    for li in page.query_selector_all("#bib-results > li"):
        assert li.is_visible()
    context.close()


def test_controls_are_labelled_and_the_count_is_announced(page, base_url) -> None:
    open_finder(page, base_url)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#bib-finder input, #bib-finder select')]
             .filter(c => !c.labels || c.labels.length === 0 || !c.labels[0].textContent.trim())
             .map(c => c.id || c.name)"""
    )
    assert unlabelled == []
    status = page.locator("#bib-finder-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    check(page, "aufwand", "high")
    assert status.text_content().startswith("1 Maßnahme von 7 passt")


def test_keyboard_only_operation_in_a_sensible_order(page, base_url) -> None:
    open_finder(page, base_url)
    page.focus("#bib-q")
    page.keyboard.type("Kinder")
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert order[:5] == [
        "bib-profile-library", "bib-profile-einwohner", "bib-profile-flaeche",
        "bib-profile-vzae", "bib-profile-clear",
    ]  # fmt: skip
    assert order[5:11] == [*(f"bib-toolkit-{i}" for i in range(1, 6)), "bib-toolkit-apply"]
    assert order[11] == "SUMMARY"  # the first filter, Handlungsfeld
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")  # opens the filter
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "social-media"
    page.keyboard.press("Space")
    settle(page)
    assert query_of(page)["thema"] == ["social-media"]
    assert query_of(page)["q"] == ["Kinder"]
    assert page.text_content("#bib-finder-status").startswith("0 Maßnahmen")


def test_usable_at_320_pixels(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    open_finder(page, base_url)
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('#bib-finder *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.id || e.className || e.tagName)"
    )
    assert overflow == []
    context.close()


# --- the fixture catalogue --------------------------------------------------------------------


def test_fixture_site_network_member_figures_and_library_link(page, fixture_url) -> None:
    open_finder(page, fixture_url, "einwohner=-5000")
    assert "gemeinsamer-lesesommer-im-verbund" in visible_ids(page)  # through its members
    assert "blog-der-stadtbibliothek" not in visible_ids(page)
    page.goto(f"{fixture_url}/bibliotheken/buecherei-lindenau/")
    link = page.get_attribute("text=Passende Maßnahmen für Bibliotheken wie diese", "href")
    assert re.search(r"bibliothek=buecherei-lindenau&thema=[a-z,-]+&toolkit=", link)
    with page.expect_navigation():
        page.click("text=Passende Maßnahmen für Bibliotheken wie diese")
    page.wait_for_function(READY)
    assert visible_ids(page)
    assert page.input_value("#bib-sort") == "aehnlich"


def test_cards_link_to_the_contact_of_their_measure(page, fixture_url) -> None:
    """The script gives every shown card the link the cards of the other pages have."""
    open_finder(page, fixture_url, "")
    first = page.locator("#bib-results > li").first
    measure_id = first.get_attribute("data-measure-id")
    link = first.locator("a.bib-card__contact")
    assert link.inner_text() == "Kontakt aufnehmen"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(f"/massnahmen/{measure_id}/#kontakt")
    assert page.locator("#kontakt h2").inner_text() == "Kontakt aufnehmen"


def test_cards_show_their_libraries_figures_from_the_first_paint(page, fixture_url) -> None:
    open_finder(page, fixture_url, "")
    names = page.locator("#bib-results > li .bib-card__library").all_inner_texts()
    assert names
    with_figures = [name for name in names if re.search(r"\(.*(Einw\.|VZÄ|ehrenamtlich)", name)]
    without = [name for name in names if name not in with_figures]
    assert len(with_figures) > len(names) / 2, without  # networks without figures of their own
