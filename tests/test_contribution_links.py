"""„Änderung vorschlagen“ on every measure and library page: GitHub's editor, the correction
form prefilled through its query, and e-mail to the editors – every address percent-encoded
and escaped in the HTML; on a built fixture site and in the links themselves."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import fixture_project

from generator.core.config import read_site_config
from generator.render.contribution_links import ContributionLinks, editors_email, mailto
from generator.render.pages import SiteOptions, build_pages
from generator.rules.forms import (
    ADOPTION_FORM,
    ADOPTION_MEASURES,
    CORRECTION_FIELD,
    CORRECTION_FORM,
    LABEL_CORRECTION,
    adoption_form,
    correction_form,
)
from generator.validate.catalogue import load_catalogue
from generator.validate.operator import placeholder_operator

EDITORS = "redaktion@fachstelle.example"


def with_editors_address(project: Path, address: str = EDITORS) -> Path:
    operator = project / "betreiber.yml"
    text = re.sub(r"(?m)^email: .*$", f'email: "{address}"', operator.read_text(encoding="utf-8"))
    operator.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_editors_address(fixture_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def repo(project: Path) -> str:
    """The repository named in the site configuration (``repo`` in mkdocs.yml)."""
    config = read_site_config(project)
    if config is None or config.repo is None:
        pytest.skip("mkdocs.yml nennt kein Repository (repo): keine Links zu GitHub")
    return config.repo


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
         "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        capture_output=True, text=True, check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
             "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Links(HTMLParser):
    """The links of the block „Änderung vorschlagen“: (text, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.href: str | None = None
        self.links: list[tuple[str, str]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and values.get("class") == "bib-change":
            self.inside = True
        elif self.inside and tag == "a":
            self.href, self.text = values.get("href") or "", ""

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href is not None:
            self.links.append((self.text.strip(), self.href))
            self.href = None
        elif tag == "div":
            self.inside = False


def change_links(html: str) -> dict[str, str]:
    parser = _Links()
    parser.feed(html)
    return dict(parser.links)


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "path", "title"),
    [
        ("massnahmen/lesesommer-in-lindenau", "measures/lesesommer-in-lindenau.md",
         "Lesesommer in Lindenau"),
        ("bibliotheken/buecherei-lindenau", "libraries/buecherei-lindenau.yml",
         "Gemeindebücherei Lindenau"),
        ("bibliotheken/lesenetz-lindental", "libraries/lesenetz-lindental.yml",
         "Lesenetz Lindental"),
    ],
)  # fmt: skip
def test_every_entry_page_offers_three_ways_to_propose_a_change(site, repo, url, path, title):
    html = page(site, url)
    assert "Quelle:" not in html
    links = change_links(html)
    assert list(links) == [
        "Datei auf GitHub bearbeiten",
        "Korrektur melden",
        "E-Mail an die Redaktion",
    ]
    assert (
        links["Datei auf GitHub bearbeiten"]
        == f"https://github.com/{repo}/edit/{read_site_config(site.parent).branch}/{path}"
    )
    issue = links["Korrektur melden"]
    assert issue.startswith(f"https://github.com/{repo}/issues/new?")
    assert query(issue) == {
        "template": CORRECTION_FORM,
        "title": f"Korrektur: {title}",
        CORRECTION_FIELD: f"{title} ({path})",
    }
    mail = urllib.parse.urlsplit(links["E-Mail an die Redaktion"])
    assert (mail.scheme, mail.path) == ("mailto", EDITORS)
    assert query(links["E-Mail an die Redaktion"])["subject"] == f"Korrektur: {title}"
    assert f"Datei: {path}\r\n" in query(links["E-Mail an die Redaktion"])["body"]
    # in the HTML: the query's "&" escaped, no raw space or umlaut in any address
    raw = re.search(r'<div class="bib-change">.*?</div>', html, re.DOTALL).group(0)
    hrefs = re.findall(r'href="([^"]*)"', raw)
    assert all("&amp;" in h for h in hrefs if "?" in h and h.count("=") > 1)
    assert not any(re.search(r"[\s\u00c0-\uffff]", h) for h in hrefs)


def test_every_measure_and_library_page_has_the_links(site, repo):
    for folder in ("massnahmen", "bibliotheken"):
        for index in (site / folder).glob("*/index.html"):
            links = change_links(index.read_text(encoding="utf-8"))
            assert "Korrektur melden" in links, index


def test_the_correction_form_exists_with_the_prefilled_field():
    forms = {f.file: f for f in [correction_form()]}
    form = forms[CORRECTION_FORM]
    assert form.elements[0].id == CORRECTION_FIELD
    assert LABEL_CORRECTION in form.labels
    assert "einreichung" not in form.labels


def test_links_are_percent_encoded():
    links = ContributionLinks("verband/katalog", "main", EDITORS)
    title = 'Lesen & Spielen #1 "100 %" – Ä?'
    path = "measures/lesen-und-spielen.md"
    issue = links.correction_issue(path, title)
    assert " " not in issue
    assert "&title=Korrektur%3A%20Lesen%20%26%20Spielen%20%231" in issue
    assert query(issue)["title"] == f"Korrektur: {title}"
    mail = links.correction_mail(path, title)
    assert mail.startswith("mailto:redaktion@fachstelle.example?subject=Korrektur%3A%20Lesen")
    # spaces %20, line breaks CRLF (RFC 6068)
    assert "+" not in mail
    assert "%0D%0A" in mail
    assert links.edit_file("measures/ä b.md") == (
        "https://github.com/verband/katalog/edit/main/measures/%C3%A4%20b.md"
    )
    assert ContributionLinks("verband/katalog", "release/2027").edit_file("x.md") == (
        "https://github.com/verband/katalog/edit/release/2027/x.md"
    )


def test_mailto_carries_address_subject_and_body():
    url = mailto("a.b+c@example.org", "Betreff: ä", "Zeile 1\nZeile 2 & mehr")
    parts = urllib.parse.urlsplit(url)
    assert parts.scheme == "mailto"
    assert urllib.parse.unquote(parts.path) == "a.b+c@example.org"
    assert query(url) == {"subject": "Betreff: ä", "body": "Zeile 1\r\nZeile 2 & mehr"}


def test_no_links_into_an_unknown_repository_or_to_a_placeholder_address():
    assert editors_email(placeholder_operator()) is None
    assert editors_email(None) is None
    odd = ContributionLinks("../evil/x?y", "main", None)
    assert odd.repo is None
    assert odd.for_entry("measures/x.md", "X") == []


def test_without_repository_and_address_the_page_points_to_the_guide(tmp_path):
    project = fixture_project(tmp_path)
    catalogue = load_catalogue(project).catalogue
    options = SiteOptions(repo=None, operator=placeholder_operator())
    pages = {p.path: p for p in build_pages(catalogue, options)}
    html = pages["massnahmen/lesesommer-in-lindenau.md"].render()
    paragraph = re.search(r'<div class="bib-change">.*?</div>', html, re.DOTALL).group(0)
    assert "Mitmachen" in paragraph
    assert "<code>measures/lesesommer-in-lindenau.md</code>" in paragraph
    assert "github.com" not in paragraph
    assert "mailto:" not in paragraph
    # only the address known: the e-mail link alone
    options = SiteOptions(repo=None, operator=load_catalogue(
        with_editors_address(project)).operator)  # fmt: skip
    pages = {p.path: p for p in build_pages(catalogue, options)}
    links = change_links(pages["bibliotheken/buecherei-lindenau.md"].render())
    assert list(links) == ["E-Mail an die Redaktion"]


def test_adopt_opens_the_adoption_form_with_the_measure_filled_in(project):
    links = ContributionLinks("verband/katalog", "main", EDITORS)
    url = links.adopt("lesesommer-in-lindenau")
    assert url == (
        f"https://github.com/verband/katalog/issues/new?template={ADOPTION_FORM}"
        f"&{ADOPTION_MEASURES}=lesesommer-in-lindenau"
    )
    titled = links.adopt("lesen-und-spielen", title="Lesen & Spielen #1")
    assert " " not in titled
    assert query(titled) == {
        "template": ADOPTION_FORM,
        "title": "Nachgemacht: Lesen & Spielen #1",
        ADOPTION_MEASURES: "lesen-und-spielen",
    }
    # the field it fills is the form's own, and it is the measure's id the form asks for
    form = adoption_form(load_catalogue(project).catalogue.taxonomy)
    assert form.element(ADOPTION_MEASURES).field == "adopted"
    assert form.file == ADOPTION_FORM


def test_adopt_without_repository_is_none_and_the_mail_names_the_measure():
    assert ContributionLinks(None, "main", EDITORS).adopt("lesesommer") is None
    assert ContributionLinks("../evil", "main", None).adopt("lesesommer") is None
    mail = ContributionLinks(None, "main", EDITORS).adopt_mail("lesesommer", "Lesesommer & mehr")
    parts = urllib.parse.urlsplit(mail)
    assert (parts.scheme, parts.path) == ("mailto", EDITORS)
    assert query(mail)["subject"] == "Nachgemacht: Lesesommer & mehr"
    assert "Lesesommer & mehr (lesesommer)" in query(mail)["body"]
    assert ContributionLinks(None, "main", None).adopt_mail("lesesommer", "Lesesommer") is None
