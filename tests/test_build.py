"""Builds real sites with ``mkdocs build --strict`` and reads the HTML, as a reader gets it.
The sites are the fixture catalogue (tests/fixture_catalogue/) with the repository's site
configuration; the repository's own catalogue is built by ``./dev test`` before pytest.
Builds run in this process (``catalogue_files.build_site``); a failed build and
``mkdocs serve`` run as the commands contributors start."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import FIXTURE_CATALOGUE, build_site, fixture_project


def copy_project(target: Path) -> Path:
    """The fixture catalogue with the site configuration, in a folder of its own."""
    return fixture_project(target)


def mkdocs_build_process(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a process: for what its exit status and stderr show."""
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
            "HOME": os.environ["HOME"],
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build_site(project)
    assert result.ok, result.output
    # The fixture builds without any warning, the contributors' content warnings included.
    assert result.warnings == [], result.output
    assert "Warnung" not in result.output, result.output
    return result.site


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
        "themen",
        "themen/lesefoerderung",
        "themen/finanzierung",  # a topic without measures
        "massnahmen/lesesommer-in-lindenau",
        "bibliotheken/buecherei-lindenau",
        "bibliotheken/lesenetz-lindental",
        "mitmachen/felder",
        "mitmachen/einreichen",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
    ):
        assert (built / url / "index.html").is_file(), url


def test_measure_page_shows_facts_materials_and_relations(built: Path) -> None:
    page = text_of(read(built, "massnahmen/lesesommer-in-lindenau"))
    assert "Auf einen Blick" in page
    assert "Einw." in page
    assert "VZÄ" in page
    assert "Materialien" in page
    # outcomes
    assert "Teilnehmende Kinder" in page
    assert "512" in page
    assert "Änderung vorschlagen: Datei auf GitHub bearbeiten" in page  # test_contribution_links
    html = read(built, "massnahmen/lesesommer-in-lindenau")
    downloads = re.findall(r'<a href="([^"]+)" download>', html)
    assert len(downloads) == 2
    for href in downloads:
        assert (built / "massnahmen/lesesommer-in-lindenau" / href).is_file()


def test_based_on_links_both_ways(built: Path) -> None:
    adapted = read(built, "massnahmen/gemeinsamer-lesesommer-im-verbund")
    originals = re.findall(r'Basiert auf: <a href="\.\./([^/]+)/"', adapted)
    assert originals == ["lesesommer-in-lindenau"]
    original = read(built, f"massnahmen/{originals[0]}")
    assert "Weiterentwickelt von" in original
    assert "../gemeinsamer-lesesommer-im-verbund/" in original


def test_network_page_lists_members_and_member_page_names_network(built: Path) -> None:
    network = text_of(read(built, "bibliotheken/lesenetz-lindental"))
    assert "Mitglieder" in network
    assert "Gemeindebücherei Lindenau" in network
    member = text_of(read(built, "bibliotheken/buecherei-lindenau"))
    assert "Mitglied in: Lesenetz Lindental" in member
    # a network's measure counts for its members
    assert "Gemeinsamer Lesesommer im Verbund" in member


def test_volunteer_run_library_is_called_so(built: Path) -> None:
    assert "ehrenamtlich geführt" in text_of(read(built, "bibliotheken/buecherei-erlenbach"))


def test_full_list_without_javascript_carries_every_measure(built: Path) -> None:
    html = read(built, "massnahmen")
    ids = re.findall(r'<li [^>]*data-measure-id="([a-z0-9-]+)"', html)
    expected = sorted(p.stem for p in (FIXTURE_CATALOGUE / "measures").glob("*.md"))
    assert len(expected) == 6
    assert sorted(ids) == expected


def test_directory_table_has_headers_and_figures(built: Path) -> None:
    html = read(built, "bibliotheken")
    assert '<th scope="col" class="bib-num">Einwohner</th>' in html
    assert "123.456" in text_of(html)


def test_home_counts_and_newest(built: Path) -> None:
    page = text_of(read(built, ""))
    measures = len(list((FIXTURE_CATALOGUE / "measures").glob("*.md")))
    assert f"{measures} Maßnahmen" in page
    assert "Neu im Katalog" in page


def test_invalid_content_fails_and_keeps_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build_site(project, site).ok
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    library = project / "libraries" / "buecherei-lindenau.yml"
    library.write_text(
        library.read_text(encoding="utf-8").replace("population:", "populaton:"), encoding="utf-8"
    )
    result = mkdocs_build_process(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "libraries/buecherei-lindenau.yml:" in result.stderr
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
    import generator.adapters.mkdocs_plugin as plugin
    from generator.validate.catalogue import load_catalogue

    project = copy_project(tmp_path / "project")
    result = load_catalogue(project)
    catalogue = result.catalogue
    assert catalogue is not None
    measure = next(iter(catalogue.measures.values()))
    measure.body = "\n\n".join(HOSTILE_BODIES)
    measure.title = '<script>alert("Titel")</script>'
    monkeypatch.setattr(plugin, "load_catalogue", lambda root: result)

    assert build_site(project, tmp_path / "site").ok

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


def end_process_group(process: subprocess.Popen) -> None:
    """Ends a process started with ``start_new_session=True`` and everything it started:
    SIGTERM to its group, SIGKILL after 10 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def mkdocs_serve(tmp_path: Path):
    """`mkdocs serve` on the fixture project; yields (project, base URL). The server's
    process group is ended after the test, whether it passed or failed."""
    import socket

    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "HOME": os.environ["HOME"],
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
        start_new_session=True,  # its own process group, ended as a whole
    )  # fmt: skip
    try:
        yield project, f"http://127.0.0.1:{port}", server
    finally:
        end_process_group(server)


def test_serve_rebuilds_when_a_measure_changes(mkdocs_serve) -> None:
    """`mkdocs serve` watches measures/ and libraries/, so contributors see changes live."""
    import time
    import urllib.request

    project, base, server = mkdocs_serve
    url = f"{base}/massnahmen/vorlesepaten-fuer-familien/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            if text in page():
                return True
            time.sleep(0.5)
        return False

    measure = project / "measures" / "vorlesepaten-fuer-familien.md"
    text = measure.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    assert wait_for("<h1>" + title.removeprefix("title:").strip())
    measure.write_text(text.replace(title, "title: Vorlesepaten im Wandel"), encoding="utf-8")
    assert wait_for("Vorlesepaten im Wandel")


def test_the_server_is_ended_with_its_process_group() -> None:
    """What the fixture above relies on: the process and what it started end together."""
    import time

    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys, time\n"
         "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
         "print(child.pid, flush=True)\n"
         "time.sleep(600)"],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        child = int(parent.stdout.readline())
    finally:
        end_process_group(parent)
        parent.stdout.close()
    assert parent.returncode == -signal.SIGTERM

    def running(pid: int) -> bool:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        return stat.rpartition(")")[2].split()[0] != "Z"  # a zombie has ended

    deadline = time.monotonic() + 10
    while running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(child)
