"""The embeddable list as a library's website shows it: framed by a page of another origin,
styled under its own policy (no violation), no script, links that open a new window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import _serve


@pytest.fixture(scope="module")
def host_url(tmp_path_factory: pytest.TempPathFactory, fixture_url: str) -> Iterator[str]:
    """A library's website on another origin that frames the list with the page's snippet."""
    folder = tmp_path_factory.mktemp("library-website")
    src = f"{fixture_url}/bibliotheken/buecherei-lindenau/einbetten/"
    (folder / "index.html").write_text(
        "<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Bücherei</title>"
        '<link rel="icon" href="data:,">'
        "</head><body><h1>Gemeindebücherei Lindenau</h1>"
        f'<iframe src="{src}" title="Maßnahmen" loading="lazy" '
        'sandbox="allow-popups allow-popups-to-escape-sandbox" '
        'style="width:100%;height:400px;border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    yield from _serve(folder)


def test_framed_list_renders_under_its_policy(page, host_url: str) -> None:
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Refused" in msg.text else None)
    page.goto(host_url + "/", wait_until="load")
    frame = page.frame_locator("iframe")
    heading = frame.locator("h1")
    assert heading.inner_text().startswith("Unsere Maßnahmen im Katalog")
    # the inline style applies: its hash is in the policy
    assert heading.evaluate("h => getComputedStyle(h).marginTop") == "0px"
    links = frame.locator("li a")
    assert links.count() >= 2
    for i in range(links.count()):
        assert links.nth(i).get_attribute("target") == "_blank"
    assert frame.locator("script").count() == 0
    assert violations == []
