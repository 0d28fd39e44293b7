"""``/statistik/`` of the fixture catalogue in Chromium: no WCAG violation in either colour
scheme with every table open, and on a 320 px phone no sideways scroll of the page – the
table of gaps scrolls in its own box."""

from __future__ import annotations

import pytest
from test_site_ready import axe_violations, open_page, use_scheme

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_statistics_page_has_no_wcag_violation(page, fixture_url: str, scheme: str) -> None:
    open_page(page, f"{fixture_url}/statistik/")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    use_scheme(page, scheme)
    assert page.locator("svg.bib-chart").count() >= 6
    assert page.locator("svg.bib-map path").count() == 16
    assert axe_violations(page) == []


def test_no_sideways_scroll_on_a_phone(browser, fixture_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    try:
        phone = context.new_page()
        open_page(phone, f"{fixture_url}/statistik/")
        phone.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        widths = phone.evaluate(
            """() => {
                const box = document.querySelector('.bib-gaps');
                return [document.documentElement.scrollWidth, window.innerWidth,
                        box.scrollWidth, box.clientWidth];
            }"""
        )
        page_width, viewport, box_content, box = widths
        assert page_width <= viewport
        assert box_content > box  # the gap table scrolls inside its box
        # the box is reachable by keyboard, so it can be scrolled without a mouse
        assert phone.get_attribute(".bib-gaps", "tabindex") == "0"
    finally:
        context.close()


def test_every_count_is_what_the_finder_finds(page, fixture_url: str) -> None:
    """The page counts with the finder's rules: each count links to the finder's view of
    those measures, and the finder shows exactly that many (size classes, states with a
    network's own state, topics, status, and topic × class in the gap table)."""
    open_page(page, f"{fixture_url}/statistik/")
    links = page.eval_on_selector_all(
        "article.bib-statistics td a[href*='massnahmen/?']",
        "links => links.map(a => [a.href, a.textContent.trim()])",
    )
    assert len(links) > 20
    for href, count in dict(links).items():
        page.goto(href)
        page.wait_for_function(
            "() => document.getElementById('bib-finder').dataset.visible !== undefined"
        )
        shown = page.get_attribute("#bib-finder", "data-visible")
        assert shown == count.replace(".", ""), href
