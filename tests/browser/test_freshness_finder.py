"""Freshness in the finder, in headless Chromium: the filter „Nur aktuelle“ (``aktuell=1``),
the sort „zuletzt geprüft“ (``sortierung=geprueft``) and the cards the script completes,
which show the same check and badge as the cards the server renders on the other pages.

The purpose-made catalogue of finder_catalogue.py with dates counted back from today, so
that the test holds on any day: one measure stale, one checked last of all through
``reviewed``."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import threading
from collections.abc import Iterator

import pytest
from catalogue_files import build_site, write_project
from finder_catalogue import LIBRARIES, MEASURES, NEWEST_FIRST
from test_finder import READY, settle, visible_ids

from generator.index.freshness import months_before

pytestmark = pytest.mark.browser

TODAY = dt.date.today()
STALE = "buecherkiste"
EDGE = "vorlesepaten"  # checked exactly 24 months ago: still fresh
# days from the last check to today, per measure: NEWEST_FIRST keeps its order of published
DAYS = {measure_id: 20 + 40 * n for n, measure_id in enumerate(NEWEST_FIRST)}
DAYS[STALE] = (TODAY - months_before(TODAY, 24)).days + 1  # one day more: stale
DAYS[EDGE] = (TODAY - months_before(TODAY, 24)).days
DAYS["grossstadt-blog"] = 5  # published long ago, reviewed a few days ago
PUBLISHED = {
    **{m: TODAY - dt.timedelta(days=d) for m, d in DAYS.items()},
    "grossstadt-blog": TODAY - dt.timedelta(days=1500),
}


def _dated(measure_id: str, text: str) -> str:
    text = re.sub(r"^published: .*$", f"published: {PUBLISHED[measure_id].isoformat()}", text,
                  count=1, flags=re.M)  # fmt: skip
    if measure_id == "grossstadt-blog":
        reviewed = TODAY - dt.timedelta(days=DAYS[measure_id])
        text = text.replace("\n---\n\n", f"\nreviewed: {reviewed.isoformat()}\n---\n\n", 1)
    return text


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def fresh_url(tmp_path_factory) -> Iterator[str]:
    project = write_project(
        tmp_path_factory.mktemp("frische-finder"),
        LIBRARIES,
        {measure_id: _dated(measure_id, text) for measure_id, text in MEASURES.items()},
    )
    result = build_site(project)
    assert result.ok, result.output
    handler = functools.partial(_Quiet, directory=str(result.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _months_ago(day: dt.date) -> int:
    return TODAY.year * 12 + TODAY.month - day.year * 12 - day.month


def _open(page, base: str, query: str = ""):
    page.goto(f"{base}/massnahmen/{'?' + query if query else ''}")
    page.wait_for_function(READY)
    return page


def test_only_fresh_measures_with_aktuell_1(page, fresh_url) -> None:
    _open(page, fresh_url, "aktuell=1")
    box = page.locator('input[name="aktuell"]')
    assert box.is_checked()
    assert STALE not in visible_ids(page)
    assert EDGE in visible_ids(page)
    assert len(visible_ids(page)) == len(MEASURES) - 1
    label = page.locator("label", has=box)
    assert "Nur aktuelle (in den letzten 2 Jahren geprüft)" in label.inner_text()
    assert f"({len(MEASURES) - 1})" in label.inner_text()
    box.uncheck()
    settle(page)
    assert STALE in visible_ids(page)
    assert "aktuell" not in page.url
    box.check()
    settle(page)
    assert page.url.endswith("?aktuell=1")
    assert STALE not in visible_ids(page)


def test_sort_by_last_check(page, fresh_url) -> None:
    _open(page, fresh_url, "sortierung=geprueft")
    assert page.locator("#bib-sort").input_value() == "geprueft"
    # by the month of the last check (what the cards show), then newest first
    newest = sorted(MEASURES, key=lambda m: PUBLISHED[m], reverse=True)
    expected = sorted(newest, key=lambda m: _months_ago(TODAY - dt.timedelta(days=DAYS[m])))
    assert visible_ids(page) == expected
    assert expected[-1] == STALE
    assert expected.index("grossstadt-blog") < 2
    page.select_option("#bib-sort", "neueste")
    settle(page)
    assert visible_ids(page)[0] != "grossstadt-blog"
    assert "sortierung=neueste" in page.url


def test_unknown_values_are_dropped(page, fresh_url) -> None:
    _open(page, fresh_url, "aktuell=ja&sortierung=pruefung")
    assert not page.locator('input[name="aktuell"]').is_checked()
    assert len(visible_ids(page)) == len(MEASURES)
    assert "aktuell" not in page.url
    assert "sortierung" not in page.url


def _card_parts(page, measure_id: str) -> tuple[str | None, str]:
    card = page.locator(f'li.bib-card[data-measure-id="{measure_id}"]')
    line = card.locator(".bib-card__checked")
    assert line.count() == 1, measure_id
    return card.get_attribute("data-stale"), line.evaluate("e => e.outerHTML")


@pytest.mark.parametrize(
    ("measure_id", "topic"),
    [
        (STALE, "mobile-angebote"),
        ("grossstadt-blog", "social-media"),
        ("schulbesuche", "schule-kita"),
        (EDGE, "ehrenamt"),
    ],
)
def test_finder_cards_match_the_server_rendered_cards(page, fresh_url, measure_id, topic) -> None:
    page.goto(f"{fresh_url}/themen/{topic}/")
    server = _card_parts(page, measure_id)
    _open(page, fresh_url)
    assert _card_parts(page, measure_id) == server
    stale = server[0] == "true"
    assert stale == (measure_id == STALE)
    if stale:
        assert "Seit über 2 Jahren nicht geprüft" in server[1]


def test_the_finder_page_without_javascript_has_no_check_lines(browser, fresh_url) -> None:
    # like the figures: the script adds them, the page stays small at thousands of cards
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{fresh_url}/massnahmen/")
        assert page.locator(".bib-card__checked").count() == 0
    finally:
        context.close()
