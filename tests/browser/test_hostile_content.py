"""Content is hostile: a catalogue whose every text field tries to break out of its context
is built, its HTML read and its pages opened in Chromium. Nothing of it may run, and the
pages' Content-Security-Policy may bless no script that content brought."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import copy_site_setup
from conftest import _serve, build_site

pytestmark = pytest.mark.browser

# Breaks out of <title>, of an attribute and of a script block; each sets a flag if it ran.
SCRIPT = "window.__boese=1"
ATTACK = f"</title></script><script>{SCRIPT}</script>\"'><img src=x onerror={SCRIPT}>"
SHORT = f"</title><script>{SCRIPT}</script>"  # for fields of at most 60 characters
URL_ATTACK = f'https://example.org/"><script>{SCRIPT}</script>'
FILE_ATTACK = f'x"><img src=x onerror={SCRIPT}>.pdf'

TAXONOMY = f"""\
topics:
  - id: lesefoerderung
    label: {json.dumps("Lesen " + SHORT)}
    description: {json.dumps("Thema " + ATTACK)}
audiences:
  - id: kinder
    label: {json.dumps("Kinder " + SHORT)}
states:
  DE: [Hessen]
"""

LIBRARY = f"""\
name: {json.dumps("Bücherei " + ATTACK)}
municipality: {json.dumps("Ort " + ATTACK)}
state: Hessen
population: 4800
area_m2: 180
staff_fte: 1.5
website: {json.dumps(URL_ATTACK)}
toolkit:
  date: 2025-03-14
  priorities: [lesefoerderung]
  notes: {json.dumps("Notiz " + ATTACK)}
"""

NETWORK = f"""\
name: {json.dumps("Verbund " + ATTACK)}
kind: network
members: [boese, zweite]
"""

MEASURE = f"""\
---
title: {json.dumps(ATTACK)}
summary: {json.dumps("Kurz " + ATTACK)}
libraries: [boese, verbund]
topics: [lesefoerderung]
audiences: [kinder]
status: running
partners: [{json.dumps("Partner " + ATTACK)}]
outcomes:
  - label: {json.dumps("Ergebnis " + ATTACK)}
    value: {json.dumps("viele" + SHORT)}
materials:
  - title: {json.dumps("Datei " + ATTACK)}
    file: {json.dumps(FILE_ATTACK)}
  - title: {json.dumps("Link " + ATTACK)}
    url: {json.dumps(URL_ATTACK)}
collaboration:
  seeking: {json.dumps("Gesucht " + ATTACK)}
published: 2026-11-03
---
## Umsetzung

Text mit `</script><script>{SCRIPT}</script>` als Code.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site_setup(tmp_path_factory.mktemp("hostile"))
    files = {
        "measures/_taxonomy.yml": TAXONOMY,
        "libraries/boese.yml": LIBRARY,
        "libraries/zweite.yml": LIBRARY.replace("Bücherei ", "Zweite "),
        "libraries/verbund.yml": NETWORK,
        "measures/angriff.md": MEASURE,
    }
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    (project / "measures/angriff").mkdir()
    (project / "measures/angriff" / FILE_ATTACK).write_bytes(b"%PDF-1.4\n")
    return build_site(project / "mkdocs.yml", project / "site")


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the code of every inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "title":
            self.title += data


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def test_no_content_becomes_markup_in_any_page(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        parsed = _Elements()
        parsed.feed(html)
        where = path.relative_to(hostile_site)
        for tag, attrs in parsed.tags:
            assert not (tag == "img" and attrs.get("src") == "x"), where
            handlers = [name for name in attrs if name.startswith("on")]
            assert handlers == [], (where, tag, handlers)
        for code in parsed.scripts:
            assert SCRIPT not in code or code.lstrip().startswith(("{", "[")), (where, code)


def test_the_title_arrives_as_text_in_title_meta_and_heading(hostile_site: Path) -> None:
    html = (hostile_site / "massnahmen/angriff/index.html").read_text(encoding="utf-8")
    parsed = _Elements()
    parsed.feed(html)
    # Escaped exactly once: the reader sees the title as it was written.
    assert parsed.title.startswith(ATTACK + " - ")
    meta = {
        a.get("property") or a.get("name"): a.get("content")
        for tag, a in parsed.tags
        if tag == "meta"
    }
    assert meta["og:title"] == ATTACK
    assert meta["description"] == "Kurz " + ATTACK
    assert meta["og:description"] == "Kurz " + ATTACK


def test_material_file_names_are_percent_encoded_in_links(hostile_site: Path) -> None:
    html = (hostile_site / "massnahmen/angriff/index.html").read_text(encoding="utf-8")
    assert 'href="x%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__boese%3D1%3E.pdf"' in html
    assert (hostile_site / "massnahmen/angriff" / FILE_ATTACK).is_file()


def test_no_policy_blesses_a_script_that_content_brought(hostile_site: Path) -> None:
    for path in _pages(hostile_site):
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, path
        assert _hash(SCRIPT) not in policy[1]
        assert _hash(f"{SCRIPT}</script>") not in policy[1]


PAGES = [
    "massnahmen/angriff/",
    "massnahmen/",
    "massnahmen/?q=Gesucht",
    "bibliotheken/boese/",
    "bibliotheken/verbund/",
    "bibliotheken/",
    "themen/lesefoerderung/",
    "themen/",
    "",
    "mitmachen/einreichen/",
    "mitmachen/felder/",
]


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    yield from _serve(hostile_site)


@pytest.mark.parametrize("url", PAGES)
def test_nothing_of_it_runs_in_chromium(page, hostile_url: str, url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_url}/{url}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__boese") is None
    assert dialogs == []


def test_a_script_that_escaped_anyway_is_stopped_by_the_pages_own_policy(
    context, hostile_site: Path, tmp_path: Path
) -> None:
    """If escaping failed somewhere, the CSP is the second wall: inject a script into the
    built page's body, as a missed escape would, and see it blocked."""
    site = tmp_path / "site"
    shutil.copytree(hostile_site, site)
    target = site / "massnahmen/angriff/index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("<article", f"<script>{SCRIPT}</script><article", 1))
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    for base in _serve(site):
        page.goto(f"{base}/massnahmen/angriff/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__boese") is None
    assert any("Content Security Policy" in text for text in messages), messages
