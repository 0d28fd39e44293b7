"""Builds real sites with ``mkdocs build --strict`` and reads the HTML, as a reader gets it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "betreiber.yml", "docs", "overrides", "measures", "libraries")


def copy_project(target: Path) -> Path:
    """The sample catalogue with its site configuration, in a folder of its own."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    # The sample builds without any warning, the contributors' content warnings included.
    assert "WARNING" not in result.stderr and "Warnung" not in result.stderr, result.stderr
    return site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Visible text with whitespace folded, for assertions on what a reader sees."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_every_url_of_the_content_model_exists(built: Path) -> None:
    for url in (
        "",
        "massnahmen",
        "bibliotheken",
        "mitmachen",
        "themen/social-media",
        "massnahmen/gemeinsame-facebook-seite-im-bibliotheksverbund",
        "bibliotheken/verbund-lernort-musterkreis",
    ):
        assert (built / url / "index.html").is_file(), url


def test_measure_page_shows_facts_materials_and_relations(built: Path) -> None:
    page = text_of(read(built, "massnahmen/lesesommer-mit-der-grundschule"))
    assert "Auf einen Blick" in page
    assert "Einw." in page and "VZÄ" in page
    assert "Materialien" in page
    assert "Quelle: measures/lesesommer-mit-der-grundschule.md" in page
    html = read(built, "massnahmen/lesesommer-mit-der-grundschule")
    for href in re.findall(r'<a href="([^"]+)" download>', html):
        assert (built / "massnahmen/lesesommer-mit-der-grundschule" / href).is_file()


def test_based_on_links_both_ways(built: Path) -> None:
    adapted = read(built, "massnahmen/gemeinsamer-veranstaltungskalender")
    originals = re.findall(r'Basiert auf: <a href="\.\./([^/]+)/"', adapted)
    assert originals
    original = read(built, f"massnahmen/{originals[0]}")
    assert "Weiterentwickelt von" in original
    assert "../gemeinsamer-veranstaltungskalender/" in original


def test_network_page_lists_members_and_member_page_names_network(built: Path) -> None:
    network = text_of(read(built, "bibliotheken/verbund-lernort-musterkreis"))
    assert "Mitglieder" in network and "Gemeindebücherei Musterdorf" in network
    member = text_of(read(built, "bibliotheken/gemeindebuecherei-musterdorf"))
    assert "Mitglied in: Verbund Lernort Musterkreis" in member
    # a network's measure counts for its members
    assert "Gemeinsame Facebook-Seite im Bibliotheksverbund" in member


def test_volunteer_run_library_is_called_so(built: Path) -> None:
    assert "ehrenamtlich geführt" in text_of(read(built, "bibliotheken/koeb-musterhausen"))


def test_full_list_without_javascript_carries_every_measure(built: Path) -> None:
    html = read(built, "massnahmen")
    ids = re.findall(r'<li [^>]*data-measure-id="([a-z0-9-]+)"', html)
    expected = sorted(p.stem for p in (REPO / "measures").glob("*.md"))
    assert sorted(ids) == expected


def test_directory_table_has_headers_and_figures(built: Path) -> None:
    html = read(built, "bibliotheken")
    assert '<th scope="col" class="bib-num">Einwohner</th>' in html
    assert "620.000" in text_of(html)


def test_home_counts_and_newest(built: Path) -> None:
    page = text_of(read(built, ""))
    measures = len(list((REPO / "measures").glob("*.md")))
    assert f"{measures} Maßnahmen" in page
    assert "Neu im Katalog" in page


def test_invalid_content_fails_and_keeps_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    library = project / "libraries" / "gemeindebuecherei-musterdorf.yml"
    library.write_text(
        library.read_text(encoding="utf-8").replace("population:", "populaton:"), encoding="utf-8"
    )
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "libraries/gemeindebuecherei-musterdorf.yml:" in result.stderr
    assert "meinten Sie „population“?" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


class _Collector(HTMLParser):
    """Collects tags, attributes and URLs inside the catalogue's own article element."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "bib-measure" in classes:
            self.depth = 1
        elif self.depth and tag not in ("br", "hr", "img", "input"):
            self.depth += 1
        if self.depth:
            self.tags.append(tag)
            self.attributes.extend((name, value or "") for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


HOSTILE_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    "[klick](java\tscript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klick](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "![bild](javascript:alert(1))",
    "## Titel {: onclick=alert(1) }",
    "Text {: onmouseover=alert(1) }",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<!-- <script>alert(1)</script> -->",
    '<form action="https://evil.example"><input name=x></form>',
    "<details open ontoggle=alert(1)>",
    "```\n<script>alert('im Code')</script>\n```",
]


def test_hostile_markdown_never_reaches_the_built_html(tmp_path: Path, monkeypatch) -> None:
    """Even with validation bypassed, the site carries no script, handler or unsafe URL."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import generator.mkdocs_plugin as plugin
    from generator.loading import load_catalogue

    project = copy_project(tmp_path / "project")
    result = load_catalogue(project)
    catalogue = result.catalogue
    assert catalogue is not None
    measure = next(iter(catalogue.measures.values()))
    measure.body = "\n\n".join(HOSTILE_BODIES)
    measure.title = '<script>alert("Titel")</script>'
    monkeypatch.setattr(plugin, "load_catalogue", lambda root: result)

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)

    html = read(tmp_path / "site", f"massnahmen/{measure.id}")
    collector = _Collector()
    collector.feed(html)
    assert collector.tags, "article not found"
    for forbidden in ("script", "iframe", "style", "form", "input", "svg", "img", "details"):
        assert forbidden not in collector.tags
    for name, value in collector.attributes:
        assert not name.startswith("on"), (name, value)
        assert name != "style"
        if name in ("href", "src", "action"):
            scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
            assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), value
    assert (
        "&lt;script&gt;alert(&#34;Titel&#34;)" in html or "&lt;script&gt;alert(&quot;Titel" in html
    )


def test_serve_rebuilds_when_a_measure_changes(tmp_path: Path) -> None:
    """`mkdocs serve` watches measures/ and libraries/, so contributors see changes live."""
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
    )
    url = f"http://127.0.0.1:{port}/massnahmen/ehrenamtliche-vorlesepaten/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if text in page():
                return True
            time.sleep(0.5)
        return False

    measure = project / "measures" / "ehrenamtliche-vorlesepaten.md"
    text = measure.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    try:
        assert wait_for("<h1>" + title.removeprefix("title:").strip())
        measure.write_text(text.replace(title, "title: Vorlesepaten im Wandel"), encoding="utf-8")
        assert wait_for("Vorlesepaten im Wandel")
    finally:
        server.terminate()
        server.wait(timeout=10)
