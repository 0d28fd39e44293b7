"""Ready for a public library's website: nothing external, accessible, legal pages, CSP,
findable and printable – checked on every page type of the built fixture catalogue
(tests/fixture_catalogue/) with the repository's site configuration."""

from __future__ import annotations

import re
import urllib.request
from importlib.resources import files

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "Startseite": "",
    "Finder": "massnahmen/",
    "Maßnahme": "massnahmen/lesesommer-in-lindenau/",
    "Maßnahme mit Kooperation": "massnahmen/vorlesepaten-fuer-familien/",
    "Kooperationen": "kooperationen/",
    "Statistik": "statistik/",
    "Offene Daten": "daten/",
    "Bibliothek": "bibliotheken/buecherei-lindenau/",
    "Bibliothek ohne Zahlen": "bibliotheken/ortsbuecherei-tannhof/",
    "Verbund": "bibliotheken/lesenetz-lindental/",
    "Thema": "themen/lesefoerderung/",
    "Thema ohne Maßnahmen": "themen/finanzierung/",
    "Themenübersicht": "themen/",
    "Verzeichnis": "bibliotheken/",
    "Mitmachen": "mitmachen/",
    "Einrichten": "einrichten/",
    "Einreichen": "mitmachen/einreichen/",
    "Impressum": "impressum/",
    "Datenschutz": "datenschutz/",
    "Barrierefreiheit": "barrierefreiheit/",
}
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def use_scheme(page, scheme: str) -> None:
    """Switch the colour scheme and wait until the theme's colour transitions have ended:
    axe must judge the final colours, not a frame of the fade."""
    page.evaluate(
        """async s => {
            document.body.setAttribute('data-md-color-scheme', s);
            document.body.getBoundingClientRect();  // start the transitions now
            await Promise.all(document.getAnimations().map(a => a.finished));
        }""",
        scheme,
    )


# Waits for the page's finite animations and transitions (the theme fades tabs, the
# back-to-top button and colours after a scroll or a scheme switch): axe must judge the
# final colours, not a frame of a fade.
_SETTLE = """async () => {
    const finite = a => a.effect && a.effect.getComputedTiming().iterations !== Infinity;
    await Promise.all(document.getAnimations().filter(finite).map(a => a.finished.catch(() => {})));
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


def axe_violations(page) -> list[str]:
    page.evaluate(_SETTLE)
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_request_leaves_the_site(page, fixture_url: str, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, f"{fixture_url}/{path}")
    foreign = [url for url in requests if not url.startswith(fixture_url + "/")]
    foreign = [url for url in foreign if not url.startswith("data:")]
    assert foreign == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_wcag_violation(page, fixture_url: str, path: str, scheme: str) -> None:
    open_page(page, f"{fixture_url}/{path}")
    use_scheme(page, scheme)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_has_csp_and_no_violation(page, fixture_url: str, path: str) -> None:
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    open_page(page, f"{fixture_url}/{path}")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.get_attribute('meta[name="referrer"]', "content")
    assert page.evaluate("window.__violations") == []
    # the `page` fixture fails the test on any console error, CSP reports included


def test_legal_pages_are_linked_from_every_page(page, fixture_url: str) -> None:
    for path in PAGE_TYPES.values():
        open_page(page, f"{fixture_url}/{path}")
        footer = page.locator("footer nav[aria-label='Rechtliches']")
        for label, heading in (
            ("Impressum", "Impressum"),
            ("Datenschutz", "Datenschutzerklärung"),
            ("Barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ):
            href = footer.get_by_role("link", name=label).get_attribute("href")
            target = page.evaluate("h => new URL(h, location.href).href", href)
            with urllib.request.urlopen(target) as response:
                assert f"<h1>{heading}</h1>" in response.read().decode("utf-8"), (path, label)


def test_accessibility_statement_names_feedback_contact(page, fixture_url: str) -> None:
    open_page(page, f"{fixture_url}/barrierefreiheit/")
    text = page.locator("article.bib-legal").inner_text()
    assert "Barrieren melden" in text
    assert "Durchsetzungsverfahren" in text


def test_skip_link_is_the_first_stop_and_visible(page, fixture_url: str) -> None:
    open_page(page, f"{fixture_url}/massnahmen/lesesommer-in-lindenau/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    assert page.evaluate("document.documentElement.lang") == "de"


def test_findable_meta_data(page, fixture_url: str) -> None:
    open_page(page, f"{fixture_url}/massnahmen/lesesommer-in-lindenau/")
    summary = page.locator(".bib-lead").first.inner_text()
    assert page.get_attribute('meta[name="description"]', "content") == summary
    assert page.get_attribute('meta[property="og:description"]', "content") == summary
    title = page.locator("h1").inner_text()
    assert page.get_attribute('meta[property="og:title"]', "content") == title
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical.endswith("/massnahmen/lesesommer-in-lindenau/")
    with urllib.request.urlopen(f"{fixture_url}/robots.txt") as response:
        robots = response.read().decode("utf-8")
    assert "Sitemap:" in robots
    with urllib.request.urlopen(f"{fixture_url}/sitemap.xml") as response:
        assert "/massnahmen/lesesommer-in-lindenau/" in response.read().decode("utf-8")


def test_contributor_links_are_marked_ugc(page, fixture_url: str) -> None:
    open_page(page, f"{fixture_url}/massnahmen/blog-der-stadtbibliothek/")
    # the contributor's content (not „Änderung vorschlagen“ below it, the catalogue's own links)
    external = page.locator("article.bib-measure a[href^='http']")
    assert external.count() > 0
    for index in range(external.count()):
        rel = external.nth(index).get_attribute("rel") or ""
        assert {"nofollow", "noopener", "ugc"} <= set(rel.split()), rel


def test_print_keeps_facts_and_material_urls_and_hides_navigation(page, fixture_url: str) -> None:
    open_page(page, f"{fixture_url}/massnahmen/blog-der-stadtbibliothek/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-footer").is_hidden()
    assert page.locator(".bib-facts").is_visible()
    printed_url = page.locator(".bib-materials .bib-print-url").first
    assert printed_url.is_visible()
    assert re.search(r"https?://", printed_url.inner_text())
    page.emulate_media(media="screen")
    assert printed_url.is_hidden()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_on_the_finder_in_use(page, fixture_url: str, scheme: str) -> None:
    """Filters open and applied, a profile entered, a search with highlighted matches."""
    open_page(page, f"{fixture_url}/massnahmen/?thema=lesefoerderung&einwohner=-5000&q=Lese")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.fill("#bib-profile-einwohner", "4800")
    page.wait_for_function("document.querySelector('#bib-finder').dataset.search === 'ready'")
    use_scheme(page, scheme)
    assert page.locator("#bib-results [data-measure-id]").count() > 0
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [412, 1280])
def test_finder_list_does_not_jump_when_the_script_starts(page, fixture_url: str, width) -> None:
    """Cumulative layout shift (as Lighthouse counts it) below 0.1 on a phone and a desktop."""
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, f"{fixture_url}/massnahmen/")
    page.wait_for_timeout(300)  # layout shifts are reported asynchronously
    assert page.evaluate("window.__shift") < 0.1
