"""Contact and collaboration on the built pages: the contact chain of the content model, the
matching reasons, collaboration states, adoptions and a network's totals.

A purpose-made catalogue (the minimal one of catalogue_files plus two libraries and two
measures), rendered by the core as any builder gets it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import urllib.parse

import pytest
from catalogue_files import LIBRARY_2, NETWORK, build_site, fixture_project, write, write_catalogue

from generator.render.pages import SiteOptions, build_pages
from generator.validate.catalogue import load_catalogue
from generator.validate.operator import placeholder_operator

TODAY = dt.date(2026, 12, 1)

KLEINHEIM = """\
name: Bücherei Kleinheim
municipality: Kleinheim
state: Nordrhein-Westfalen
population: 5000
area_m2: 150
staff_fte: 1
toolkit:
  priorities: [ehrenamt, lesefoerderung]
adopted: [lesesommer]
"""

GROSSSTADT = """\
name: Stadtbibliothek Großstadt
municipality: Großstadt
state: Bayern
population: 500000
area_m2: 9000
staff_fte: 80
adopted: [lesesommer]
"""


def measure(title: str, libraries: str, topics: str, collaboration: str) -> str:
    return (
        f"---\ntitle: {title}\nsummary: Kurz gesagt.\nlibraries: {libraries}\n"
        f"topics: {topics}\nstatus: running\n{collaboration}published: 2026-11-01\n---\n"
        "## Ausgangslage\n\nText.\n"
    )


VORLESEN = measure(
    "Vorlesepaten gemeinsam schulen",
    "[musterdorf]",
    "[ehrenamt]",
    "collaboration:\n  seeking: Eine Bücherei, die mit uns schult.\n"
    "  offering: Unser Schulungsplan.\n  until: 2027-06-30\n",
)
KISTE = measure(
    "Medienkiste",
    "[musterstadt]",
    "[schule-kita]",
    "collaboration:\n  seeking: Partner für die Kiste.\n  until: 2026-11-30\n",
)


@pytest.fixture
def project(tmp_path):
    root = write_catalogue(tmp_path)
    write(root, "libraries/kleinheim.yml", KLEINHEIM)
    write(root, "libraries/grossstadt.yml", GROSSSTADT)
    write(root, "measures/vorlesen.md", VORLESEN)
    write(root, "measures/kiste.md", KISTE)
    return root


def pages(root, editors: str | None = None) -> dict[str, str]:
    """Page path → its HTML as the core renders it on TODAY."""
    result = load_catalogue(root)
    assert result.catalogue is not None, result.problems
    operator = placeholder_operator()
    if editors:
        operator = dataclasses.replace(operator, email=editors)
    options = SiteOptions(today=TODAY, operator=operator, site_url="https://katalog.example/")
    return {page.path: page.render() for page in build_pages(result.catalogue, options)}


def section(page: str, ident: str) -> str:
    """The text of the element with ``id`` (or ``aria-labelledby``) ``ident``, tags removed."""
    marker = f'aria-labelledby="{ident}"'
    start = page.index(marker if marker in page else f'id="{ident}"')
    start = page.rindex("<", 0, start)
    tag = re.match(r"<(\w+)", page[start:])[1]
    end = page.index(f"</{tag}>", start)
    text = re.sub(r"<(br|/?(h\d|p|li|dt|dd|td|th))\b[^>]*>", " ", page[start:end])
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))).strip()


def mailto(page: str) -> tuple[str, dict[str, str]]:
    href = html.unescape(
        re.search(r'<section class="bib-contact".*?href="(mailto:[^"]+)"', page, re.S)[1]
    )
    address, _, query = href.removeprefix("mailto:").partition("?")
    return urllib.parse.unquote(address), dict(urllib.parse.parse_qsl(query))


# --- contact ---------------------------------------------------------------------------


def test_contact_of_the_first_library_with_a_public_address(project):
    page = pages(project)["massnahmen/vorlesen.md"]
    text = section(page, "kontakt")
    assert "Fragen zu dieser Maßnahme beantwortet Gemeindebücherei Musterdorf" in text
    assert "zur Veröffentlichung freigegeben" in text
    address, query = mailto(page)
    assert address == "buecherei@musterdorf.example"
    assert query["subject"] == "Anfrage zur Maßnahme „Vorlesepaten gemeinsam schulen“"
    assert "https://katalog.example/massnahmen/vorlesen/" in query["body"]


def test_the_collaborations_contact_comes_first(project):
    write(
        project,
        "libraries/musterstadt.yml",
        LIBRARY_2 + "contact:\n  email: info@musterstadt.example\n  public: true\n",
    )
    write(
        project,
        "measures/vorlesen.md",
        VORLESEN.replace("[musterdorf]", "[musterdorf, musterstadt]").replace(
            "  until:", "  contact: musterstadt\n  until:"
        ),
    )
    page = pages(project)["massnahmen/vorlesen.md"]
    assert mailto(page)[0] == "info@musterstadt.example"


def test_a_network_answers_for_a_member_without_an_address(project):
    write(
        project,
        "libraries/verbund.yml",
        NETWORK + "contact:\n  email: verbund@musterkreis.example\n  public: true\n",
    )
    page = pages(project)["massnahmen/kiste.md"]
    assert (
        "beantwortet der Verbund Verbund Musterkreis, zu dem Stadtbücherei Musterstadt gehört"
        in section(page, "kontakt")
    )
    assert mailto(page)[0] == "verbund@musterkreis.example"


def test_the_editors_answer_when_no_library_published_an_address(project):
    page = pages(project, editors="redaktion@verband.example")["massnahmen/kiste.md"]
    assert "keine öffentliche Adresse angegeben. Schreiben Sie an die Redaktion" in section(
        page, "kontakt"
    )
    assert mailto(page)[0] == "redaktion@verband.example"


def test_without_any_address_the_block_says_so(project):
    text = section(pages(project)["massnahmen/kiste.md"], "kontakt")
    assert "die Adresse der Redaktion ist noch nicht eingetragen" in text
    assert (
        "mailto:"
        not in pages(project)["massnahmen/kiste.md"].split('id="kontakt"')[1].split("</section>")[0]
    )


def test_an_address_given_without_consent_never_reaches_a_page(project):
    write(
        project,
        "libraries/musterstadt.yml",
        LIBRARY_2 + "contact:\n  email: privat@musterstadt.example\n  public: false\n",
    )
    result = load_catalogue(project)
    assert result.catalogue is None  # an error: consent or no address
    assert any("public: true" in p.message for p in result.problems.errors)


def test_cards_link_to_the_contact_block(project):
    built = pages(project)
    assert (
        'href="../../massnahmen/vorlesen/#kontakt">Kontakt aufnehmen</a>'
        in built["themen/ehrenamt.md"]
    )
    # the finder's cards get the link from its script (tests/browser/test_finder.py)
    assert "bib-card__contact" not in built["massnahmen/index.md"]


# --- collaboration states and matching ---------------------------------------------------


def test_open_collaboration_shows_what_is_sought_and_offered_with_matching_libraries(project):
    page = pages(project)["massnahmen/vorlesen.md"]
    aside = section(page, "kooperation")
    assert aside.startswith("Kooperation Kooperation gesucht Eine")
    assert "Kooperation gesucht Eine Bücherei, die mit uns schult." in aside
    assert "Wir bieten an Unser Schulungsplan." in aside
    assert "Offen bis 30. Juni 2027." in aside
    assert 'data-collaboration="open"' in page
    matches = page.split("Passende Bibliotheken")[1].split("</aside>")[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", matches))
    assert "Bücherei Kleinheim" in text
    assert "ähnliche Größe · gleiches Bundesland · Toolkit-Priorität Ehrenamt" in text
    # the measure's own libraries and the members of its networks are not their own partners
    assert "Gemeindebücherei Musterdorf (" not in text


def test_an_until_in_the_past_closes_the_collaboration_on_the_build_date(project):
    page = pages(project)["massnahmen/kiste.md"]
    assert 'data-collaboration="closed"' in page
    aside = section(page, "kooperation")
    assert aside.startswith("Kooperation beendet")
    assert "Die Suche endete am 30. November 2026." in aside
    assert "Passende Bibliotheken" not in page


def test_a_matched_collaboration_links_its_result(project):
    write(
        project,
        "measures/kiste.md",
        KISTE.replace("  until: 2026-11-30\n", "  status: matched\n  result: lesesommer\n"),
    )
    page = pages(project)["massnahmen/kiste.md"]
    aside = section(page, "kooperation")
    assert aside.startswith("Partner gefunden")
    assert "Daraus entstanden: Lesesommer mit der Grundschule." in aside
    assert 'href="../lesesommer/"' in page


def test_library_page_lists_the_collaborations_that_fit_it(project):
    built = pages(project)
    kleinheim = section(built["bibliotheken/kleinheim.md"], "passend")
    assert "Vorlesepaten gemeinsam schulen" in kleinheim
    assert "ähnliche Größe · gleiches Bundesland · Toolkit-Priorität Ehrenamt" in kleinheim
    assert "Medienkiste" not in kleinheim  # closed
    musterdorf = section(built["bibliotheken/musterdorf.md"], "passend")
    assert "Vorlesepaten" not in musterdorf  # its own
    assert "Zurzeit passt keine offene Kooperation." in musterdorf
    assert 'id="passend"' not in built["bibliotheken/verbund.md"]


def test_collaboration_texts_are_escaped(project):
    write(
        project,
        "measures/vorlesen.md",
        VORLESEN.replace("Unser Schulungsplan.", '"<img src=x onerror=alert(1)>"'),
    )
    built = pages(project)
    for path in ("massnahmen/vorlesen.md", "kooperationen/index.md"):
        assert "<img src=x" not in built[path]
        assert "&lt;img src=x onerror=alert(1)&gt;" in built[path]


# --- adoptions and networks ---------------------------------------------------------------


def test_adopted_measures_say_by_whom_and_at_what_size(project):
    built = pages(project)
    text = section(built["massnahmen/lesesommer.md"], "nachgemacht")
    assert "Nachgemacht von 2 Bibliotheken zwischen 5.000 und 500.000 Einwohnern" in text
    assert "Bücherei Kleinheim" in text
    assert "Stadtbibliothek Großstadt" in text
    assert "Lesesommer mit der Grundschule" in section(
        built["bibliotheken/kleinheim.md"], "nachgemacht"
    )


def test_one_adopter_is_named_with_its_size(project):
    write(project, "libraries/grossstadt.yml", GROSSSTADT.replace("adopted: [lesesommer]\n", ""))
    text = section(pages(project)["massnahmen/lesesommer.md"], "nachgemacht")
    assert "Nachgemacht von 1 Bibliothek mit 5.000 Einwohnern" in text


def test_network_page_adds_up_its_members(project):
    page = pages(project)["bibliotheken/verbund.md"]
    text = section(page, "mitglieder")
    assert "Zusammen: 16.800 Einwohner · 580 m² · 4,5 VZÄ – 2 Mitglieder" in text
    member = "Gemeindebücherei Musterdorf (4.800 Einw. · 180 m² · 1,5 VZÄ)"
    assert f"{member} Eigene Maßnahmen: Lesesommer mit der Grundschule" in text


# --- the board in a real build --------------------------------------------------------------


def test_board_is_in_the_navigation_and_linked_from_the_home_page(tmp_path):
    project = fixture_project(tmp_path / "project")
    build = build_site(project, tmp_path / "site")
    assert build.ok, build.output
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    tabs = home.split('class="md-tabs"')[1].split("</nav>")[0]
    assert 'href="kooperationen/"' in tabs
    assert 'class="md-button" href="kooperationen/">Zu den Kooperationen</a>' in home
    board = (tmp_path / "site/kooperationen/index.html").read_text(encoding="utf-8")
    assert "<h1>Kooperationen</h1>" in board


def test_a_measure_page_offers_to_report_an_adoption(project):
    result = load_catalogue(project)
    options = SiteOptions(today=TODAY, repo="verband/katalog")
    page = next(
        p for p in build_pages(result.catalogue, options) if p.path == "massnahmen/vorlesen.md"
    ).render()
    href = html.unescape(
        re.search(r'href="([^"]+)" rel="nofollow">Wir haben das auch gemacht', page)[1]
    )
    url = urllib.parse.urlsplit(href)
    assert url.netloc == "github.com"
    assert url.path == "/verband/katalog/issues/new"
    assert "vorlesen" in dict(urllib.parse.parse_qsl(url.query)).values()
