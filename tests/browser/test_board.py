"""The collaborations board /kooperationen/ in headless Chromium: the grouped list without
JavaScript, each filter alone and combined, the faceted counts, the size classes' edges, the
address that restores a view, reset, accessibility in both colour schemes and a phone's width.

The catalogue is the board's own (board_catalogue.py); what each filter should let through is
worked out here from its data (:func:`expected`), independently of kooperationen.js."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from board_catalogue import ENTRIES, GROUPS, write_board_catalogue
from catalogue_files import build_site
from conftest import _serve
from test_site_ready import axe_violations, use_scheme

pytestmark = pytest.mark.browser

ATTRIBUTE = {  # address parameter -> the entries' data- attribute it compares
    "art": "kind",
    "stand": "collaboration",
    "thema": "topics",
    "bundesland": "states",
    "einwohner": "population",
    "flaeche": "area_m2",
    "vzae": "staff_fte",
}
SIZES = {"einwohner", "flaeche", "vzae"}
ALL = list(ENTRIES)  # the board's order
READY = "() => document.documentElement.dataset.bibBoard === 'ready'"


# --- the board's catalogue, built and served -------------------------------------------------


@pytest.fixture(scope="session")
def board_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The board's catalogue with the repository's site configuration, built."""
    project = write_board_catalogue(tmp_path_factory.mktemp("board-project"))
    result = build_site(project, project / "site")
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="session")
def board_url(board_site: Path) -> Iterator[str]:
    """The board's address on a local server."""
    served = _serve(board_site)
    yield next(served) + "/kooperationen/"
    next(served, None)  # stops the server


# --- what the filters should do, from the catalogue's data -----------------------------------


def _range(value: str) -> tuple[float, float]:
    low, high = value.split("-")
    return (float(low) if low else -float("inf"), float(high) if high else float("inf"))


def _has(entry: dict, facet: str, value: str) -> bool:
    words = entry[ATTRIBUTE[facet]].split()
    if facet in SIZES:
        low, high = _range(value)
        return any(low <= float(v) <= high for v in words)
    return value in words


def _passes(entry: dict, selection: dict[str, list[str]], but: str | None = None) -> bool:
    return all(
        any(_has(entry, facet, v) for v in values)
        for facet, values in selection.items()
        if values and facet != but
    )


def expected(selection: dict[str, list[str]]) -> list[str]:
    """The entries the selection lets through: AND between facets, OR within one."""
    return [m for m, entry in ENTRIES.items() if _passes(entry, selection)]


def expected_counts(selection: dict[str, list[str]], facet: str, options: list[str]) -> dict:
    """Per option of ``facet``: the entries with it that pass the other facets' selection."""
    return {
        option: sum(
            _passes(entry, selection, but=facet) and _has(entry, facet, option)
            for entry in ENTRIES.values()
        )
        for option in options
    }


# --- the page --------------------------------------------------------------------------------


def open_board(page, board_url: str, query: str = ""):
    """The board with the script started."""
    page.goto(board_url + (f"?{query}" if query else ""))
    page.wait_for_function(READY)
    return page


def visible_ids(page) -> list[str]:
    """The entries a reader sees, in the page's order."""
    return page.eval_on_selector_all(
        ".bib-board__entry",
        "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.measureId)",
    )


def visible_groups(page) -> list[str]:
    """The groups a reader sees."""
    return page.eval_on_selector_all(
        ".bib-board__group", "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.group)"
    )


def options(page, facet: str) -> list[str]:
    """The values of a facet's checkboxes, in the form's order."""
    return page.eval_on_selector_all(
        f'#bib-board-filters input[name="{facet}"]', "els => els.map(e => e.value)"
    )


def counts(page, facet: str) -> dict[str, int]:
    """The numbers next to a facet's options: „Offen (3)“ → {"open": 3}."""
    texts = page.eval_on_selector_all(
        f'#bib-board-filters input[name="{facet}"]',
        "els => els.map(e => [e.value, e.parentNode.querySelector('.bib-count').textContent])",
    )
    return {value: int(text.strip("()").replace(".", "")) for value, text in texts}


def check(page, facet: str, value: str) -> None:
    """Tick one option (the script filters on its change event)."""
    page.check(f'#bib-board-filters input[name="{facet}"][value="{value}"]')


def status(page) -> str:
    """The status line („3 von 6 Kooperationen“)."""
    return page.text_content("#bib-board-status")


def selected(page) -> dict[str, list[str]]:
    """The ticked options per facet, in the form's order."""
    pairs = page.eval_on_selector_all(
        "#bib-board-filters input:checked", "els => els.map(e => [e.name, e.value])"
    )
    result: dict[str, list[str]] = {}
    for name, value in pairs:
        result.setdefault(name, []).append(value)
    return result


# --- without JavaScript ----------------------------------------------------------------------


def test_without_javascript_the_grouped_list_is_complete_and_the_form_hidden(
    browser, board_url
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(board_url + "?stand=closed&art=offering")  # the address changes nothing
    assert visible_ids(page) == ALL
    assert visible_groups(page) == GROUPS
    for measure_id, entry in ENTRIES.items():
        group = page.get_attribute(f'[data-measure-id="{measure_id}"]', "data-collaboration")
        section = page.eval_on_selector(
            f'[data-measure-id="{measure_id}"]', "e => e.closest('section').dataset.group"
        )
        assert group == section == entry["collaboration"]
    assert not page.is_visible("#bib-board-filters")
    assert not page.is_visible("#bib-board-empty")
    assert page.text_content("#bib-board-status") == ""
    assert page.text_content("#gruppe-open") == "Offen (3)"
    context.close()


# --- the filters -----------------------------------------------------------------------------


def test_the_script_shows_the_form_and_every_entry(page, board_url) -> None:
    open_board(page, board_url)
    assert page.is_visible("#bib-board-filters")
    assert visible_ids(page) == ALL
    assert status(page) == "Alle 6 Kooperationen"
    assert page.get_attribute("#bib-board-status", "role") == "status"
    assert counts(page, "art") == {"seeking": 4, "offering": 3}
    assert counts(page, "stand") == {"open": 3, "matched": 1, "closed": 2}
    assert page.is_hidden("#bib-board-empty")


@pytest.mark.parametrize(
    ("facet", "value", "ids"),
    [
        ("art", "seeking", ["buecherkiste", "onleihe-hilfe", "verbund-kalender", "lesesommer"]),
        ("art", "offering", ["buecherkiste", "lesestart", "makerspace"]),
        ("stand", "open", ["buecherkiste", "lesestart", "onleihe-hilfe"]),
        ("stand", "matched", ["verbund-kalender"]),
        ("stand", "closed", ["lesesommer", "makerspace"]),
        ("thema", "digitale-angebote", ["onleihe-hilfe", "makerspace"]),
        ("thema", "lesefoerderung", ["lesestart", "lesesommer"]),
        ("bundesland", "niedersachsen", ["buecherkiste", "lesesommer"]),
        ("bundesland", "nordrhein-westfalen", ["verbund-kalender", "lesesommer", "makerspace"]),
        ("einwohner", "100001-", ["verbund-kalender", "makerspace"]),
        ("flaeche", "301-600", ["verbund-kalender", "lesesommer"]),
        ("vzae", "1.01-2", ["onleihe-hilfe"]),
    ],
)
def test_each_facet_alone(page, board_url, facet: str, value: str, ids: list[str]) -> None:
    open_board(page, board_url)
    check(page, facet, value)
    assert visible_ids(page) == ids == expected({facet: [value]})
    assert status(page) == f"{len(ids)} von 6 Kooperationen"


def test_every_option_alone_lets_through_what_its_data_says(page, board_url) -> None:
    open_board(page, board_url)
    for facet in ATTRIBUTE:
        for value in options(page, facet):
            check(page, facet, value)
            assert visible_ids(page) == expected({facet: [value]}), (facet, value)
            page.click("#bib-board-reset")
            assert visible_ids(page) == ALL


def test_options_of_one_facet_add_up(page, board_url) -> None:
    open_board(page, board_url)
    check(page, "thema", "digitale-angebote")
    check(page, "thema", "lesefoerderung")
    assert visible_ids(page) == ["lesestart", "onleihe-hilfe", "lesesommer", "makerspace"]


def test_facets_combine_and_empty_groups_disappear(page, board_url) -> None:
    open_board(page, board_url)
    check(page, "stand", "open")
    check(page, "art", "seeking")
    assert visible_ids(page) == ["buecherkiste", "onleihe-hilfe"]
    assert visible_groups(page) == ["open"]
    assert page.text_content("#gruppe-open") == "Offen (2)"
    assert status(page) == "2 von 6 Kooperationen"
    check(page, "bundesland", "hessen")
    assert visible_ids(page) == ["onleihe-hilfe"]
    assert page.text_content("#gruppe-open") == "Offen (1)"
    assert status(page) == "1 von 6 Kooperationen"


def test_counts_are_faceted(page, board_url) -> None:
    """Each option counts what its choice would show, given the other facets' selection."""
    open_board(page, board_url)
    check(page, "stand", "open")
    check(page, "art", "seeking")
    assert counts(page, "stand") == {"open": 2, "matched": 1, "closed": 1}
    assert counts(page, "art") == {"seeking": 2, "offering": 2}
    assert counts(page, "bundesland") == {
        "bayern": 0,
        "hessen": 1,
        "niedersachsen": 1,
        "nordrhein-westfalen": 0,
    }
    check(page, "einwohner", "-5000")
    selection = selected(page)
    for facet in ATTRIBUTE:
        assert counts(page, facet) == expected_counts(selection, facet, options(page, facet)), facet


def test_group_counts_follow_the_visible_entries(page, board_url) -> None:
    open_board(page, board_url)
    check(page, "bundesland", "nordrhein-westfalen")
    assert visible_groups(page) == ["matched", "closed"]
    assert page.text_content("#gruppe-matched") == "Partner gefunden (1)"
    assert page.text_content("#gruppe-closed") == "Beendet (2)"


def test_size_classes_include_their_boundaries(page, board_url) -> None:
    """5,000 inhabitants are „bis 5.000“, 5,001 the next class; 100 / 101 m², 0 / 1 VZÄ; a
    network counts with any of its members' figures; no area fails every area class."""
    open_board(page, board_url)
    check(page, "einwohner", "-5000")
    assert visible_ids(page) == ["buecherkiste", "onleihe-hilfe", "lesesommer"]
    page.uncheck('input[name="einwohner"][value="-5000"]')
    check(page, "einwohner", "5001-10000")
    assert visible_ids(page) == ["lesestart"]
    page.click("#bib-board-reset")
    check(page, "flaeche", "-100")
    assert visible_ids(page) == ["buecherkiste", "lesesommer"]
    check(page, "flaeche", "101-300")
    assert visible_ids(page) == ["buecherkiste", "lesestart", "lesesommer"]
    page.click("#bib-board-reset")
    check(page, "vzae", "0-0")
    assert visible_ids(page) == ["buecherkiste", "lesesommer"]
    page.uncheck('input[name="vzae"][value="0-0"]')
    check(page, "vzae", "0.01-1")
    assert visible_ids(page) == ["lesestart"]
    page.click("#bib-board-reset")
    check(page, "einwohner", "10001-20000")  # Westerburg, a member of the network
    assert visible_ids(page) == ["verbund-kalender", "lesesommer"]
    page.click("#bib-board-reset")
    for value in options(page, "flaeche"):
        check(page, "flaeche", value)
    assert "onleihe-hilfe" not in visible_ids(page)  # its library has no area
    assert counts(page, "einwohner")["-5000"] == 2


def test_nothing_left_says_so(page, board_url) -> None:
    open_board(page, board_url)
    check(page, "stand", "matched")
    check(page, "art", "offering")
    assert visible_ids(page) == []
    assert visible_groups(page) == []
    assert page.is_visible("#bib-board-empty")
    assert status(page) == "0 von 6 Kooperationen"
    page.click("#bib-board-reset")
    assert page.is_hidden("#bib-board-empty")
    assert visible_groups(page) == GROUPS


# --- the address -----------------------------------------------------------------------------


def test_the_address_keeps_the_view(page, board_url) -> None:
    open_board(page, board_url)
    check(page, "thema", "lesefoerderung")
    check(page, "thema", "digitale-angebote")
    check(page, "stand", "closed")
    check(page, "vzae", "20.01-")
    query = urlparse(page.url).query
    assert query == "stand=closed&thema=lesefoerderung,digitale-angebote&vzae=20.01-"
    shown = visible_ids(page)
    assert shown == ["makerspace"]
    page.goto("about:blank")
    open_board(page, board_url, query)
    assert visible_ids(page) == shown
    assert selected(page) == {
        "stand": ["closed"],
        "thema": ["lesefoerderung", "digitale-angebote"],
        "vzae": ["20.01-"],
    }
    assert status(page) == "1 von 6 Kooperationen"


def test_reset_clears_the_filters_and_the_address(page, board_url) -> None:
    open_board(page, board_url, "art=seeking&bundesland=hessen")
    assert visible_ids(page) == ["onleihe-hilfe"]
    page.click("#bib-board-reset")
    assert visible_ids(page) == ALL
    assert selected(page) == {}
    assert urlparse(page.url).query == ""
    assert status(page) == "Alle 6 Kooperationen"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("thema=lesefoerderung,quatsch,,lesefoerderung", ["lesestart", "lesesommer"]),
        (
            "einwohner=abc,-5000,5000-1,-&vzae=0-0-0",
            ["buecherkiste", "onleihe-hilfe", "lesesommer"],
        ),
        ("stand=%E0%A4%A&art=%2C%2C&bundesland=", ALL),
        ("stand=OPEN&art=seeking&art=offering", ALL),
        ("q=%3Cscript%3E&thema[]=x&stand=open", ["buecherkiste", "lesestart", "onleihe-hilfe"]),
    ],
)
def test_malformed_values_in_the_address_are_ignored(page, board_url, query, ids) -> None:
    open_board(page, board_url, query)  # the page fixture fails on any script error
    assert visible_ids(page) == ids


def test_foreign_parameters_stay_in_the_address(page, board_url) -> None:
    open_board(page, board_url, "utm_source=newsletter")
    check(page, "art", "offering")
    assert urlparse(page.url).query == "utm_source=newsletter&art=offering"


# --- accessibility and layout ----------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violation_on_the_board(page, board_url, scheme: str) -> None:
    open_board(page, board_url, "stand=open")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    use_scheme(page, scheme)
    assert axe_violations(page) == []
    page.click("#bib-board-reset")
    check(page, "stand", "matched")
    check(page, "art", "offering")  # nothing left: the note
    assert axe_violations(page) == []


def test_every_control_has_a_label(page, board_url) -> None:
    open_board(page, board_url)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#bib-board-filters input')]
             .filter(c => !c.labels.length || !c.labels[0].textContent.trim())
             .map(c => c.name + '=' + c.value)"""
    )
    assert unlabelled == []
    assert page.eval_on_selector_all("#bib-board-filters fieldset legend", "els => els.length") == 7


def test_no_horizontal_scrolling_on_a_small_phone(page, board_url) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_board(page, board_url)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    wider = page.evaluate(
        """() => [...document.querySelectorAll('.bib-board *')]
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
             .map(e => e.tagName + '.' + e.className)"""
    )
    assert wider == []


def test_the_boards_styles_win_over_the_theme(page, board_url) -> None:
    """mkdocs-material styles lists, headings and details inside .md-typeset: the computed
    styles must be the board's."""
    open_board(page, board_url)
    style = page.evaluate(
        """() => {
          const get = (selector, property) =>
            getComputedStyle(document.querySelector(selector)).getPropertyValue(property);
          return {
            entryMargin: get('.bib-board__entry', 'margin-left'),
            entryList: get('.bib-board__entry', 'list-style-type'),
            entryBorder: get('.bib-board__entry', 'border-left-width'),
            options: get('.bib-board__options', 'display'),
            optionMargin: get('.bib-board__options li', 'margin-left'),
            details: get('.bib-board__matches', 'box-shadow'),
            summaryBefore: getComputedStyle(
              document.querySelector('.bib-board__matches > summary'), '::before'
            ).getPropertyValue('display'),
            facetMinWidth: get('.bib-board__facet', 'min-width'),
          };
        }"""
    )
    assert style == {
        "entryMargin": "0px",
        "entryList": "none",
        "entryBorder": style["entryBorder"],
        "options": "flex",
        "optionMargin": "0px",
        "details": "none",
        "summaryBefore": "none",
        "facetMinWidth": "0px",
    }
    assert float(style["entryBorder"].removesuffix("px")) >= 4


def test_showing_the_filters_barely_moves_the_page(page, board_url) -> None:
    """Cumulative layout shift below 0.1 while the script starts (the form appears)."""
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.set_viewport_size({"width": 412, "height": 800})
    open_board(page, board_url)
    page.wait_for_timeout(300)  # layout shifts are reported asynchronously
    assert page.evaluate("window.__shift") < 0.1


def test_on_a_phone_the_filters_fold_and_the_first_entry_is_on_the_first_screen(
    page, board_url
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    open_board(page, board_url)
    assert page.evaluate("document.getElementById('bib-board-panel').open") is False
    first = page.locator(".bib-board__entry").first.bounding_box()
    assert first["y"] < 812, first  # the first entry starts on the first screen
    page.click("#bib-board-panel > summary")
    check(page, "art", "offering")
    assert page.inner_text("#bib-board-active") == "(1 aktiv)"
    # a shared address with a selection shows the filters at once, on a phone too
    open_board(page, board_url, "art=offering")
    assert page.evaluate("document.getElementById('bib-board-panel').open") is True
    page.set_viewport_size({"width": 1280, "height": 800})
    open_board(page, board_url)
    assert page.evaluate("document.getElementById('bib-board-panel').open") is True
