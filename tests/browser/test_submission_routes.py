"""The routes of the submission form in headless Chromium: a new library with its first
measure becomes ONE issue whose body `catalogue from-issue` turns into one valid submission
with both files; the direct route for a single file; the e-mail route to the editors; the
fall-backs when a link would be too long; „Wir haben das auch gemacht“, whose issue changes
the library's profile. Sites built from the fixture catalogue."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from catalogue_files import copy_fixture_catalogue, fixture_project
from conftest import _serve, build_site
from issue_render import render

from generator.adapters.cli import main
from generator.core.config import read_site_config
from generator.rules.forms import (
    ADOPTION_FORM,
    ADOPTION_LIBRARY,
    ADOPTION_MEASURES,
    CONSENT,
    FILES_FIELD,
    FILES_FORM,
    adoption_form,
    files_form,
)
from generator.validate.catalogue import load_catalogue, load_taxonomy

pytestmark = pytest.mark.browser

FORM = "/mitmachen/einreichen/"
EDITORS = "redaktion@fachstelle.example"
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def project_with_address(folder: Path, address: str) -> Path:
    project = fixture_project(folder)
    operator = project / "betreiber.yml"
    text = re.sub(r"(?m)^email: .*$", f'email: "{address}"', operator.read_text(encoding="utf-8"))
    operator.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def routes_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue with a real address of the editors in betreiber.yml."""
    project = project_with_address(tmp_path_factory.mktemp("routes"), EDITORS)
    build_site(project / "mkdocs.yml", project / "site")
    return project


@pytest.fixture(scope="module")
def routes_url(routes_project: Path) -> Iterator[str]:
    config = read_site_config(routes_project)
    if config is None or config.repo is None:
        pytest.skip("mkdocs.yml nennt kein Repository (repo): keine Wege über GitHub")
    yield from _serve(routes_project / "site")


@pytest.fixture(scope="module")
def repository(routes_project: Path) -> str:
    """The `repo` of the site configuration: where the links go."""
    return read_site_config(routes_project).repo


@pytest.fixture(scope="module")
def placeholder_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same with the address still a placeholder, as in a fresh copy of the catalogue."""
    project = project_with_address(
        tmp_path_factory.mktemp("placeholder"), "[BITTE AUSFÜLLEN: redaktion@beispiel.de]"
    )
    yield from _serve(build_site(project / "mkdocs.yml", project / "site"))


def without_repository(folder: Path, address: str) -> Iterator[str]:
    """The fixture catalogue built without a repository in mkdocs.yml; Tannhof's profile
    names a measure it adopted."""
    project = project_with_address(folder, address)
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^ +repo: .*\n", "", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    assert read_site_config(project).repo is None
    profile = project / "libraries/ortsbuecherei-tannhof.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "adopted: [onleihe-sprechstunde]\n", "utf-8"
    )
    yield from _serve(build_site(config, project / "site"))


@pytest.fixture(scope="module")
def no_repository_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """No repository, but the editors' address."""
    yield from without_repository(tmp_path_factory.mktemp("no-repository"), EDITORS)


@pytest.fixture(scope="module")
def no_way_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Neither a repository nor the editors' address (still a placeholder)."""
    yield from without_repository(
        tmp_path_factory.mktemp("no-way"), "[BITTE AUSFÜLLEN: redaktion@beispiel.de]"
    )


def open_form(page, url: str) -> None:
    page.goto(url + FORM)
    page.wait_for_load_state("networkidle")


SITUATION = (
    "Im Ort gibt es keinen Treffpunkt für Familien.\n\n"
    "### Dateien\n\nEine Überschrift wie im Issue-Formular – und ein Codeblock:\n\n"
    "```\nZeile mit ``` darin\n```"
)


def fill_measure(page, title: str = "Vorlesen im Dorfladen", situation: str = SITUATION) -> None:
    page.get_by_label("Titel der Maßnahme").fill(title)
    page.get_by_label("Zusammenfassung").fill("Jeden Mittwoch lesen Ehrenamtliche im Laden vor.")
    page.get_by_role("group", name="Themen").get_by_label("Leseförderung").check()
    page.get_by_label(re.compile(r"^Stand")).select_option(label="laufend")
    page.get_by_label("Ausgangslage").fill(situation)
    page.get_by_label("Umsetzung").fill("Wir lesen jeden Mittwoch um 16 Uhr vor.")


def fill_new_library(page) -> None:
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(value="__neu__")
    page.get_by_label("Name der Bibliothek").fill("Gemeindebücherei Kleinhausen")
    page.get_by_label(re.compile(r"^Gemeinde")).fill("Kleinhausen")
    page.get_by_label("Bundesland").select_option("Hessen")
    page.get_by_label("Einwohner im Einzugsgebiet").fill("3.200")
    page.get_by_label("Publikumsfläche in m²").fill("95")
    page.get_by_label("Personal in VZÄ").fill("0,5")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


def from_issue(tmp_path: Path, files_text: str) -> tuple[int, dict[str, str], Path, Path]:
    """The issue GitHub would make of the form „Einreichung aus dem Website-Formular“ with
    this text in „Dateien“, run through `catalogue from-issue` against the catalogue the
    site was built from."""
    root = copy_fixture_catalogue(tmp_path / "repo")
    body = tmp_path / "issue.md"
    body.write_text(render(files_form(), {"files": files_text, "consent": "x"}), "utf-8")
    out, outputs = tmp_path / "out", tmp_path / "outputs"
    code = main(["from-issue", "--root", str(root), "--body-file", str(body), "--write",
                 "--out-dir", str(out), "--github-output", str(outputs)])  # fmt: skip
    values = dict(line.split("=", 1) for line in outputs.read_text("utf-8").splitlines())
    return code, values, root, out


def test_new_library_with_measure_is_one_issue_and_one_submission(
    page, routes_url, repository, tmp_path
):
    open_form(page, routes_url)
    fill_new_library(page)
    fill_measure(page)
    assert "Zwei Dateien" in page.locator("#sub-result-status").inner_text()
    assert page.locator("#sub-route-pr").is_hidden()  # two pull requests would split it
    link = page.get_by_role("link", name="Auf GitHub einreichen")
    assert "md-button--primary" in link.get_attribute("class")
    href = link.get_attribute("href")
    assert href.startswith(f"https://github.com/{repository}/issues/new?")
    params = query(href)
    assert params["template"] == FILES_FORM
    assert params["title"] == "Einreichung: Vorlesen im Dorfladen"
    library = page.locator("#sub-out-library").input_value()
    measure = page.locator("#sub-out-measure").input_value()
    code, outputs, root, out = from_issue(tmp_path, params[FILES_FIELD])
    assert code == 0, (out / "comment.md").read_text("utf-8")
    paths = ["libraries/gemeindebuecherei-kleinhausen.yml", "measures/vorlesen-im-dorfladen.md"]
    assert outputs["valid"] == "true"
    assert outputs["paths"] == " ".join(paths)
    assert (out / "paths.txt").read_text("utf-8").splitlines() == paths
    assert (root / paths[0]).read_text("utf-8") == library
    assert (root / paths[1]).read_text("utf-8") == measure
    assert "### Dateien" in measure  # the contributor's heading stayed text of the measure
    # „Gesamten Text herunterladen“ gives the same text, for pasting by hand
    with page.expect_download() as info:
        page.get_by_role("button", name="Gesamten Text herunterladen").click()
    assert info.value.suggested_filename == "einreichung-vorlesen-im-dorfladen.txt"
    assert Path(info.value.path()).read_text("utf-8") == params[FILES_FIELD]


def test_single_measure_keeps_the_direct_route_and_offers_the_issue(page, routes_url, tmp_path):
    open_form(page, routes_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page)
    route = page.locator("#sub-route-pr")
    assert route.is_visible()
    text = route.inner_text()
    for step in ("Sign in", "Fork this repository", "Commit changes…", "Propose changes",
                 "Create pull request"):  # fmt: skip
        assert f"„{step}“" in text, step
    direct = query(page.locator("#sub-github-measure").get_attribute("href"))
    assert direct["filename"] == "measures/vorlesen-im-dorfladen.md"
    assert direct["value"] == page.locator("#sub-out-measure").input_value()
    issue = page.locator("#sub-route-issue")
    assert "„Create“" in issue.inner_text()
    assert "Materialien als Datei" in issue.inner_text()
    files_text = query(page.locator("#sub-github-issue").get_attribute("href"))["files"]
    code, outputs, _, _ = from_issue(tmp_path, files_text)
    assert code == 0
    assert outputs["path"] == "measures/vorlesen-im-dorfladen.md"
    # what happens next, in words
    next_steps = page.locator("#sub-submit").inner_text()
    assert "Automatische Prüfung" in next_steps
    assert "Redaktion" in next_steps
    assert "Wenige Minuten nach der Übernahme" in next_steps


def test_mailto_carries_address_subject_and_the_files(page, routes_url, tmp_path):
    open_form(page, routes_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page, situation="Kurz: Im Ort fehlt ein Treffpunkt & mehr.")
    mail = page.get_by_role("link", name="E-Mail an die Redaktion schreiben")
    href = mail.get_attribute("href")
    parts = urllib.parse.urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", EDITORS)
    # RFC 6068: %20 and CRLF
    assert "+" not in parts.query
    assert "%0D%0A" in parts.query
    params = query(href)
    assert params["subject"] == "Einreichung für den Katalog: Vorlesen im Dorfladen"
    body = params["body"].replace("\r\n", "\n")
    assert body.startswith("Guten Tag,")
    assert page.locator("#sub-mail-full").is_visible()
    assert page.locator("#sub-mail-paste").is_hidden()
    assert "Dateien per E-Mail senden" in page.locator("#sub-route-mail").inner_text()
    assert EDITORS in page.locator("#sub-route-mail").inner_text()
    # The editors paste the files of the e-mail into the issue form: one valid submission.
    assert CONSENT in body
    block = body[body.index("#### ") : body.rindex("\n\n" + CONSENT)]
    code, _, _, _ = from_issue(tmp_path, block)
    assert code == 0


def test_too_long_for_links_says_how_to_paste(page, routes_url, tmp_path):
    open_form(page, routes_url)
    fill_new_library(page)
    fill_measure(page, situation="Sehr ausführlich, mit Umlauten: äöü. " * 300)
    issue = page.locator("#sub-github-issue").get_attribute("href")
    assert "files" not in query(issue)
    assert len(issue) < 8000
    assert query(issue)["template"] == FILES_FORM
    assert page.locator("#sub-issue-paste").is_visible()
    assert "„Gesamten Text kopieren“" in page.locator("#sub-issue-paste").inner_text()
    mail = query(page.locator("#sub-mail").get_attribute("href"))
    assert "Bitte hier den gesamten Text einfügen" in mail["body"]
    assert page.locator("#sub-mail-paste").is_visible()
    assert page.locator("#sub-mail-full").is_hidden()
    with page.expect_download() as info:
        page.get_by_role("button", name="Gesamten Text herunterladen").click()
    code, outputs, _, _ = from_issue(tmp_path, Path(info.value.path()).read_text("utf-8"))
    assert code == 0
    assert outputs["count"] == "2"


def test_long_single_file_opens_the_new_file_with_its_name(page, routes_url):
    open_form(page, routes_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page, situation="Sehr ausführlich. " * 600)
    direct = query(page.locator("#sub-github-measure").get_attribute("href"))
    assert direct == {"filename": "measures/vorlesen-im-dorfladen.md"}
    assert "Text kopieren" in page.locator("#sub-pr-paste").inner_text()
    assert page.locator("#sub-pr-paste").is_visible()


def test_copy_all_puts_the_files_on_the_clipboard(browser, routes_url):
    context = browser.new_context(locale="de-DE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=routes_url)
    page = context.new_page()
    try:
        open_form(page, routes_url)
        fill_new_library(page)
        fill_measure(page)
        page.get_by_role("button", name="Gesamten Text kopieren").click()
        # the clipboard answers asynchronously
        page.wait_for_function("document.getElementById('sub-all-feedback').textContent !== ''")
        assert page.locator("#sub-all-feedback").inner_text() == "Kopiert."
        copied = page.evaluate("navigator.clipboard.readText()")
        files_text = query(page.locator("#sub-github-issue").get_attribute("href"))["files"]
        assert copied == files_text
    finally:
        context.close()


def test_a_placeholder_address_is_said_not_linked(page, placeholder_url):
    open_form(page, placeholder_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page)
    route = page.locator("#sub-route-mail")
    assert "noch nicht eingetragen" in route.inner_text()
    assert route.locator("a[href^='mailto:']").count() == 0
    assert "BITTE AUSFÜLLEN" not in page.content()


def test_no_attachment_hint_without_an_issue(page, routes_url):
    open_form(page, routes_url)
    hint = page.locator("#sub-links-hint").inner_text()
    assert "Issue" not in hint
    assert "Kommentar" not in hint
    assert "4. Einreichen" in hint
    assert page.locator("#sub-attachments").count() == 0


@pytest.mark.parametrize("width", [375, 1280])
def test_routes_fit_the_screen_and_are_accessible(browser, routes_url, width):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_form(page, routes_url)
        fill_new_library(page)
        fill_measure(page)
        assert page.locator("#sub-submit").is_visible()
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "axe.run('#sub-submit', {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        assert [v["id"] for v in result["violations"]] == []
    finally:
        context.close()


# --- „Wir haben das auch gemacht“ -------------------------------------------------------------


def adoption_box(page):
    box = page.locator("#sub-adopt")
    assert box.is_visible()
    return box, box.get_by_label("Nachgemachte Maßnahmen")


def adopt_status(page) -> str:
    return page.locator("#sub-adopt-status").inner_text()


def test_we_did_it_too_opens_the_adoption_form_whose_issue_changes_the_profile(
    page, routes_url, repository, tmp_path
):
    open_form(page, routes_url)
    box, measures = adoption_box(page)
    go = box.get_by_role("link", name="Auf GitHub melden")
    assert go.is_hidden()
    assert adopt_status(page) == "Bitte Ihre Bibliothek wählen."
    box.get_by_label("Ihre Bibliothek").select_option(label="Gemeindebücherei Lindenau")
    assert adopt_status(page) == "Bitte mindestens eine Maßnahme nennen."
    # its own measures – also the one of its network – are refused, unknown ids too
    for own in ("lesesommer-in-lindenau", "gemeinsamer-lesesommer-im-verbund"):
        measures.fill(own)
        assert adopt_status(page) == f"„{own}“ ist eine eigene Maßnahme (oder Ihres Verbunds)."
        assert go.is_hidden()
    measures.fill("onleihe-sprechstnde")
    assert adopt_status(page) == "„onleihe-sprechstnde“ gibt es im Katalog nicht."
    # ids or the measures' addresses, as people copy them
    measures.fill(
        f"{routes_url}/massnahmen/onleihe-sprechstunde/, measures/buecherkiste-fuer-tannhof.md"
    )
    assert adopt_status(page) == "2 Maßnahmen erkannt."
    assert page.locator("#sub-adopt-yaml").is_hidden()  # the hint for editing by hand
    href = go.get_attribute("href")
    assert href.startswith(f"https://github.com/{repository}/issues/new?")
    params = query(href)
    assert params == {
        "template": ADOPTION_FORM,
        "title": "Nachgemacht: Gemeindebücherei Lindenau",
        ADOPTION_LIBRARY: "buecherei-lindenau",
        ADOPTION_MEASURES: "onleihe-sprechstunde, buecherkiste-fuer-tannhof",
    }
    assert "„Create“" in box.inner_text()

    # The issue GitHub makes of the prefilled form, through `catalogue from-issue`.
    root = copy_fixture_catalogue(tmp_path / "repo")
    profile = root / "libraries/buecherei-lindenau.yml"
    before = profile.read_text("utf-8")
    taxonomy, _ = load_taxonomy(root)
    answers = {key: params[key] for key in (ADOPTION_LIBRARY, ADOPTION_MEASURES)}
    body = tmp_path / "issue.md"
    body.write_text(render(adoption_form(taxonomy), {**answers, "consent": "x"}), "utf-8")
    out, outputs = tmp_path / "out", tmp_path / "outputs"
    code = main(["from-issue", "--root", str(root), "--body-file", str(body), "--write",
                 "--out-dir", str(out), "--github-output", str(outputs)])  # fmt: skip
    assert code == 0, (out / "comment.md").read_text("utf-8")
    assert profile.read_text("utf-8") == (
        before + "adopted: [onleihe-sprechstunde, buecherkiste-fuer-tannhof]\n"
    )
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    assert [lib.id for lib in loaded.catalogue.adopters_of("onleihe-sprechstunde")] == [
        "buecherei-lindenau"
    ]
    assert (out / "pr-title.txt").read_text("utf-8") == (
        "Gemeindebücherei Lindenau hat „Onleihe-Sprechstunde im Rathaus“ und "
        "„Bücherkiste für die Ortsteile“ nachgemacht"
    )

    # Another library: the same measures now include one it carried out itself.
    box.get_by_label("Ihre Bibliothek").select_option(label="Ortsbücherei Tannhof")
    assert "„buecherkiste-fuer-tannhof“ ist eine eigene Maßnahme" in adopt_status(page)
    assert go.is_hidden()


def test_without_a_repository_we_did_it_too_writes_to_the_editors(page, no_repository_url):
    open_form(page, no_repository_url)
    box, measures = adoption_box(page)
    assert box.locator("a[href*='github.com']").count() == 0
    box.get_by_label("Ihre Bibliothek").select_option(label="Ortsbücherei Tannhof")
    measures.fill("onleihe-sprechstunde")  # its profile names it already
    assert adopt_status(page) == "„onleihe-sprechstunde“ steht schon in Ihrem Profil."
    measures.fill("lesesommer-in-lindenau")
    mail = box.get_by_role("link", name="E-Mail an die Redaktion schreiben")
    href = mail.get_attribute("href")
    parts = urllib.parse.urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", EDITORS)
    assert "+" not in parts.query
    params = query(href)
    assert params["subject"] == "Nachgemacht: Ortsbücherei Tannhof"
    text = params["body"].replace("\r\n", "\n")
    assert "Bibliothek: Ortsbücherei Tannhof (ortsbuecherei-tannhof)" in text
    assert "- lesesommer-in-lindenau" in text
    assert CONSENT in text
    assert EDITORS in box.inner_text()


def test_without_repository_and_address_we_did_it_too_says_what_to_write(page, no_way_url):
    open_form(page, no_way_url)
    box, measures = adoption_box(page)
    box.get_by_label("Ihre Bibliothek").select_option(label="Ortsbücherei Tannhof")
    measures.fill("lesesommer-in-lindenau")
    assert box.locator("a[href^='mailto:'], a[href*='github.com']").count() == 0
    assert page.locator("#sub-adopt-actions").is_hidden()
    assert page.locator("#sub-adopt-yaml").inner_text() == (
        "In Ihr Profil libraries/ortsbuecherei-tannhof.yml gehört: "
        "adopted: [onleihe-sprechstunde, lesesommer-in-lindenau]"
    )
    assert box.get_by_role("link", name="Mitmachen").is_visible()
