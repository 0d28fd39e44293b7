"""The Atom feeds (generator/render/feeds.py) of the fixture catalogue's built site, read as a
feed reader reads them (feedparser) and checked against RFC 4287's required elements; their
membership, dates and ids; hostile titles; the feeds' links in the pages' <head> and body."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from catalogue_files import build_site, fixture_project, write_project

from generator.core.model import Catalogue
from generator.render import feeds
from generator.render.pages import SiteOptions
from generator.validate.catalogue import load_catalogue

SITE = "http://127.0.0.1:8000/"  # site_url of the repository's mkdocs.yml without SITE_URL
A = "{http://www.w3.org/2005/Atom}"
TOPICS = [
    "social-media", "veranstaltungen", "lesefoerderung", "schule-kita", "digitale-angebote",
    "mobile-angebote", "bestand", "netzwerke", "ehrenamt", "finanzierung",
]  # fmt: skip
LIBRARIES = [
    "buecherei-erlenbach", "buecherei-lindenau", "lesenetz-lindental", "ortsbuecherei-tannhof",
    "stadtbibliothek-grossheim", "stadtbuecherei-bergwald",
]  # fmt: skip
FEEDS = [
    "feed.xml",
    "kooperationen/feed.xml",
    *(f"themen/{t}/feed.xml" for t in TOPICS),
    *(f"bibliotheken/{lib}/feed.xml" for lib in LIBRARIES),
]
# Each feed's page (where its links stand) and no other.
FEED_PAGES = {"": "feed.xml", "kooperationen/": "kooperationen/feed.xml"} | {
    feed.removesuffix("feed.xml"): feed for feed in FEEDS[2:]
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("feeds"))


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = build_site(project, project / "site")
    assert result.ok, result.output
    return result.site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def entry_ids(text: str) -> list[str]:
    """The measure ids the feed's entries link to, in the feed's order."""
    root = ET.fromstring(text)
    links = [e.find(f"{A}link[@rel='alternate']").get("href") for e in root.iter(f"{A}entry")]
    return [re.fullmatch(r".*massnahmen/([^/]+)/", href).group(1) for href in links]


def check_atom(text: str) -> ET.Element:
    """What RFC 4287 requires of a feed and its entries (§4.1.1, §4.1.2), else AssertionError."""
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(text)
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert dt.datetime.fromisoformat(root.findtext(f"{A}updated"))  # RFC 3339
    feed_author = root.find(f"{A}author/{A}name") is not None
    assert root.find(f"{A}link[@rel='self']") is not None
    ids = []
    for entry in root.iter(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert entry.findtext(f"{A}id").startswith("urn:uuid:")
        assert dt.datetime.fromisoformat(entry.findtext(f"{A}updated"))
        assert len(entry.findall(f"{A}link[@rel='alternate']")) == 1
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids))
    return root


def test_every_feed_is_valid_atom(site: Path) -> None:
    written = sorted(str(p.relative_to(site)) for p in site.rglob("feed.xml"))
    assert written == sorted(FEEDS)
    for path in FEEDS:
        text = read(site, path)
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
        root = check_atom(text)
        self_link = root.find(f"{A}link[@rel='self']").get("href")
        assert self_link == SITE + path
        page = root.find(f"{A}link[@rel='alternate']").get("href")
        assert (site / page.removeprefix(SITE) / "index.html").is_file(), path


def test_entry_links_lead_to_the_measure_pages(site: Path) -> None:
    parsed = feedparser.parse(read(site, "feed.xml"))
    assert parsed.feed.title == "Neue Maßnahmen – Bibliotheken inspirieren Bibliotheken"
    for entry in parsed.entries:
        assert entry.link.startswith(SITE + "massnahmen/")
        assert (site / entry.link.removeprefix(SITE) / "index.html").is_file()
        assert entry.authors[0].href.startswith(SITE + "bibliotheken/")
    first = parsed.entries[0]
    assert first.title == "Ein Blog mit Einblicken hinter die Theke"
    assert [a.name for a in first.authors] == ["Stadtbibliothek Großheim"]
    assert [t.term for t in first.tags] == ["social-media"]
    assert first.summary  # the measure's summary, as text


def test_membership_and_order(site: Path) -> None:
    newest = [
        "blog-der-stadtbibliothek", "onleihe-sprechstunde", "gemeinsamer-lesesommer-im-verbund",
        "lesesommer-in-lindenau", "vorlesepaten-fuer-familien", "buecherkiste-fuer-tannhof",
    ]  # fmt: skip
    assert entry_ids(read(site, "feed.xml")) == newest
    assert entry_ids(read(site, "kooperationen/feed.xml")) == [
        "lesesommer-in-lindenau", "vorlesepaten-fuer-familien", "buecherkiste-fuer-tannhof",
    ]  # fmt: skip
    assert entry_ids(read(site, "themen/lesefoerderung/feed.xml")) == [
        "gemeinsamer-lesesommer-im-verbund", "lesesommer-in-lindenau", "vorlesepaten-fuer-familien",
    ]  # fmt: skip
    assert entry_ids(read(site, "themen/finanzierung/feed.xml")) == []  # still a valid feed
    # A member: its own measures and its network's; the network: its own and its members'.
    assert entry_ids(read(site, "bibliotheken/buecherei-lindenau/feed.xml")) == [
        "gemeinsamer-lesesommer-im-verbund", "lesesommer-in-lindenau",
    ]  # fmt: skip
    assert entry_ids(read(site, "bibliotheken/lesenetz-lindental/feed.xml")) == [
        "gemeinsamer-lesesommer-im-verbund", "lesesommer-in-lindenau", "vorlesepaten-fuer-familien",
    ]  # fmt: skip
    assert entry_ids(read(site, "bibliotheken/stadtbuecherei-bergwald/feed.xml")) == [
        "onleihe-sprechstunde"
    ]


def test_updated_is_reviewed_else_published(site: Path) -> None:
    root = ET.fromstring(read(site, "themen/schule-kita/feed.xml"))
    (entry,) = root.iter(f"{A}entry")  # lesesommer-in-lindenau: published 03-01, reviewed 04-01
    assert entry.findtext(f"{A}published") == "2026-03-01T00:00:00Z"
    assert entry.findtext(f"{A}updated") == "2026-04-01T00:00:00Z"
    assert root.findtext(f"{A}updated") == "2026-04-01T00:00:00Z"  # its newest entry
    root = ET.fromstring(read(site, "feed.xml"))
    dates = [e.findtext(f"{A}updated") for e in root.iter(f"{A}entry")]
    assert root.findtext(f"{A}updated") == max(dates) == "2026-07-01T00:00:00Z"
    # A feed without entries is as new as the catalogue.
    empty = ET.fromstring(read(site, "themen/finanzierung/feed.xml"))
    assert empty.findtext(f"{A}updated") == "2026-07-01T00:00:00Z"


def _ids(site: Path) -> dict[str, list[str]]:
    ids = {}
    for path in FEEDS:
        root = ET.fromstring(read(site, path))
        ids[path] = [root.findtext(f"{A}id")] + [
            e.findtext(f"{A}id") for e in root.iter(f"{A}entry")
        ]
    return ids


def test_ids_survive_a_rebuild_and_a_new_address(site: Path, project: Path, monkeypatch) -> None:
    before = _ids(site)
    monkeypatch.setenv("SITE_URL", "https://katalog.example/neu/")
    moved = build_site(project, project / "moved")
    assert moved.ok, moved.output
    assert _ids(moved.site) == before
    link = ET.fromstring(read(moved.site, "feed.xml")).find(f"{A}entry/{A}link").get("href")
    assert link == "https://katalog.example/neu/massnahmen/blog-der-stadtbibliothek/"
    every = [i for ids in before.values() for i in ids]
    feed_ids = [ids[0] for ids in before.values()]
    assert len(set(feed_ids)) == len(FEEDS)  # one id per feed
    assert len({i for i in every if i not in feed_ids}) == 6  # one id per measure


def test_without_site_url_links_resolve_against_the_feed(project: Path) -> None:
    catalogue = load_catalogue(project).catalogue
    files = {f.path: f.content for f in feeds.feed_files(catalogue, SiteOptions(site_url=None))}
    assert sorted(files) == sorted(FEEDS)
    base = "https://irgendwo.example/katalog/"
    for path, text in files.items():
        check_atom(text)
        parsed = feedparser.parse(text, response_headers={"content-location": base + path})
        assert parsed.feed.links[0].href == base + path  # rel=self
        for entry in parsed.entries:
            assert re.fullmatch(re.escape(base) + r"massnahmen/[a-z0-9-]+/", entry.link), path
    # The same resolution by hand: the feed's xml:base, then the link.
    root = ET.fromstring(files["themen/lesefoerderung/feed.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "../../"
    href = root.find(f"{A}entry/{A}link").get("href")
    resolved = urljoin(urljoin(base + "themen/lesefoerderung/feed.xml", "../../"), href)
    assert resolved == base + "massnahmen/gemeinsamer-lesesommer-im-verbund/"


ATTACKS = [
    "<script>alert(1)</script>",
    "]]><script>alert(2)</script><![CDATA[",
    "&amp; &lt; &#0; &unknown; \" ' </title></entry>",
    "Steuer\x00zeichen\x01\x08\x0b\x0c\x1b\x7f\ufffe\uffff",
    "ungepaart \ud800 und \udfff",
]


def test_hostile_text_stays_text(project: Path) -> None:
    catalogue = load_catalogue(project).catalogue
    measure = catalogue.measures["onleihe-sprechstunde"]
    library = catalogue.libraries["stadtbuecherei-bergwald"]
    for attack in ATTACKS:
        hostile = Catalogue(
            catalogue.taxonomy,
            catalogue.libraries | {library.id: dataclasses.replace(library, name=f"N {attack}")},
            catalogue.measures
            | {
                measure.id: dataclasses.replace(measure, title=f"A {attack}", summary=f"S {attack}")
            },
        )
        files = {f.path: f.content for f in feeds.feed_files(hostile, SiteOptions())}
        text = files["bibliotheken/stadtbuecherei-bergwald/feed.xml"]
        text.encode("utf-8")  # no surrogate left
        root = check_atom(text)
        assert "<script" not in text
        expected = feeds.xml_text(attack)
        entry = root.find(f"{A}entry")
        assert entry.findtext(f"{A}title") == f"A {expected}"
        assert entry.findtext(f"{A}summary") == f"S {expected}"
        assert entry.findtext(f"{A}author/{A}name") == f"N {expected}"
        assert feedparser.parse(text).entries[0].title == f"A {expected}".strip()
    assert feeds.xml_text(ATTACKS[3]) == "Steuerzeichen"
    assert feeds.xml_text(ATTACKS[4]) == "ungepaart  und "


def test_hostile_title_in_a_built_site(tmp_path: Path) -> None:
    from catalogue_files import profile_text

    title = "Lesen <script>alert(1)</script> ]]> & mehr"
    measure = (
        f"---\ntitle: '{title}'\nsummary: 'Kurz <b>fett</b> ]]> &amp;'\n"
        "libraries: [bib-a]\ntopics: [lesefoerderung]\nstatus: running\n"
        "published: 2026-01-01\n---\n\nText.\n"
    )
    library = profile_text("Bücherei <i>A</i> & Co", 5000, 100, 1.0)
    project = write_project(tmp_path, {"bib-a": library}, {"lesen": measure})
    result = build_site(project, project / "site")
    assert result.ok, result.output
    for path in ("feed.xml", "themen/lesefoerderung/feed.xml", "bibliotheken/bib-a/feed.xml"):
        text = read(result.site, path)
        for tag in ("<script", "<b>", "<i>"):
            assert tag not in text
        root = check_atom(text)
        entry = root.find(f"{A}entry")
        assert entry.findtext(f"{A}title") == title
        assert entry.findtext(f"{A}summary") == "Kurz <b>fett</b> ]]> &amp;"
        assert entry.findtext(f"{A}author/{A}name") == "Bücherei <i>A</i> & Co"
    head = read(result.site, "bibliotheken/bib-a/index.html")
    assert 'title="Bücherei &lt;i&gt;A&lt;/i&gt; &amp; Co – Bibliotheken' in head


def test_at_most_fifty_newest_entries(project: Path) -> None:
    catalogue = load_catalogue(project).catalogue
    template = catalogue.measures["onleihe-sprechstunde"]
    start = dt.date(2020, 1, 1)
    measures = {
        f"m-{i:05d}": dataclasses.replace(
            template, id=f"m-{i:05d}", published=start + dt.timedelta(days=i)
        )
        for i in range(3000)
    }
    catalogue = Catalogue(catalogue.taxonomy, catalogue.libraries, measures)
    files = {f.path: f.content for f in feeds.feed_files(catalogue, SiteOptions())}
    for path in ("feed.xml", "themen/digitale-angebote/feed.xml",
                 "bibliotheken/stadtbuecherei-bergwald/feed.xml"):  # fmt: skip
        ids = entry_ids(files[path])
        assert ids == [f"m-{i:05d}" for i in range(2999, 2949, -1)], path
    assert entry_ids(files["themen/lesefoerderung/feed.xml"]) == []
    assert max(len(text) for text in files.values()) < 60_000


def _feed_links(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate feed" type="application/atom\+xml" [^>]*>', html)


def test_pages_link_their_feed(site: Path) -> None:
    for page, feed in FEED_PAGES.items():
        html = read(site, f"{page}index.html")
        (link,) = _feed_links(html)
        assert re.search(r'title="[^"]+ – Bibliotheken inspirieren Bibliotheken"', link), link
        href = re.search(r'href="([^"]+)"', link).group(1)
        url = urljoin(SITE + page, href)
        assert url == SITE + feed, page
        assert (site / url.removeprefix(SITE)).is_file()
        # The visible link for people, to the same feed.
        visible = re.search(
            r'<p class="bib-feed"><a href="([^"]+)"[^>]*>.*?Feed abonnieren</a>', html
        )
        assert visible, page
        assert urljoin(SITE + page, visible.group(1)) == SITE + feed, page
        # Not a bare rel="alternate": the theme would take it for a language version.
        assert 'rel="alternate"' not in html
    for page in ("massnahmen/", "massnahmen/lesesommer-in-lindenau/", "themen/", "bibliotheken/"):
        html = read(site, f"{page}index.html")
        assert _feed_links(html) == [], page
        assert "Feed abonnieren" not in html, page
