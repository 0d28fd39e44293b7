"""The old address of a renamed entry in a real browser: it lands on the entry's page, and the
moment it shows, its text is styled under its own policy (no violation in the console)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from catalogue_files import fixture_project
from conftest import _serve, build_site

pytestmark = pytest.mark.browser

OLD = "/massnahmen/onleihe-hilfe/"
NEW = "/massnahmen/onleihe-sprechstunde/"


@pytest.fixture(scope="module")
def redirect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = fixture_project(tmp_path_factory.mktemp("redirect-project"))
    measure = project / "measures" / "onleihe-sprechstunde.md"
    text = measure.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    measure.write_text(text[:end] + "\naliases: [onleihe-hilfe]" + text[end:], encoding="utf-8")
    site = build_site(project / "mkdocs.yml", project / "site")
    yield from _serve(Path(site))


def test_the_old_address_leads_to_the_entry(page, redirect_url: str) -> None:
    page.goto(redirect_url + OLD)
    page.wait_for_url(f"**{NEW}")
    assert page.locator("h1").first.inner_text() == "Onleihe-Sprechstunde im Rathaus"


def test_the_redirect_shows_a_link_in_its_own_style(page, redirect_url: str) -> None:
    # the page as it is, held for a moment longer than its refresh would
    body = page.request.get(redirect_url + OLD).text()
    held = body.replace('content="0; url=', 'content="3600; url=')
    page.route(redirect_url + OLD, lambda route: route.fulfill(body=held, content_type="text/html"))
    page.goto(redirect_url + OLD)
    link = page.get_by_role("link", name="Onleihe-Sprechstunde im Rathaus")
    assert link.get_attribute("href") == "../onleihe-sprechstunde/"
    assert page.locator("p").inner_text().startswith("Diese Seite ist umgezogen:")
    font_size = page.evaluate("getComputedStyle(document.body).fontSize")
    assert font_size == "18px"  # the hashed style applies
