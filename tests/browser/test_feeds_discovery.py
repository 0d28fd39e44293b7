"""The feeds' links in the pages' <head> (generator/render/feeds.py, overrides/main.html) in
headless Chromium: the theme's script, which takes every link[rel=alternate] for a language
version and fetches a sitemap.xml beside it, leaves them alone (no failed request), and the
feed a reader discovers is there."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

FEED_PAGES = {
    "Startseite": "",
    "Kooperationen": "kooperationen/",
    "Thema": "themen/lesefoerderung/",
    "Thema ohne Maßnahmen": "themen/finanzierung/",
    "Bibliothek": "bibliotheken/buecherei-lindenau/",
    "Verbund": "bibliotheken/lesenetz-lindental/",
}


@pytest.mark.parametrize("path", FEED_PAGES.values(), ids=FEED_PAGES.keys())
def test_feed_is_discovered_and_nothing_fails(page, fixture_url: str, path: str) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{fixture_url}/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator("link[rel=alternate]").count() == 0  # what the theme's script selects
    discovered = page.eval_on_selector_all(
        'link[rel~=alternate][type="application/atom+xml"]', "links => links.map(l => l.href)"
    )
    assert discovered == [f"{fixture_url}/{path}feed.xml"]
    visible = page.get_by_role("link", name="Feed abonnieren")
    assert visible.evaluate("a => a.href") == discovered[0]
    response = page.request.get(discovered[0])
    assert response.ok
    assert response.text().startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')
    assert failed == []
