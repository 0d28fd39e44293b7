"""The submission form /mitmachen/einreichen/ in headless Chromium, filled in like a person
would: its output must pass ``catalogue validate`` together with the catalogue the site was
built from (the fixture catalogue, tests/fixture_catalogue/)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from catalogue_files import copy_fixture_catalogue
from test_site_ready import axe_violations

from generator.contribute.entry_text import library_text, measure_text
from generator.rules.personal_data import personal_data_message
from generator.validate.catalogue import load_catalogue

pytestmark = pytest.mark.browser

FORM = "/mitmachen/einreichen/"


def open_form(page, fixture_url: str) -> list[str]:
    """Open the form; returns the list that collects requests to other hosts."""
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else None
        ),
    )
    page.goto(fixture_url + FORM)
    page.wait_for_load_state("networkidle")
    return foreign


def validate(tmp_path: Path, outputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``catalogue validate`` on the fixture catalogue plus the files the form produced."""
    copy_fixture_catalogue(tmp_path)
    for rel, text in outputs.items():
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def fill_measure(page, title: str = "Lesecafé für Seniorinnen und Senioren") -> None:
    page.get_by_label("Titel der Maßnahme").fill(title)
    page.get_by_label("Zusammenfassung").fill(
        "Einmal im Monat trifft sich ein Lesecafé in der Bücherei: Kaffee, Kuchen und Bücher."
    )
    topics = page.get_by_role("group", name="Themen")
    topics.get_by_label("Veranstaltungen").check()
    topics.get_by_label("Leseförderung").check()
    page.get_by_role("group", name="Zielgruppen").get_by_label("Senioren").check()
    page.get_by_label(re.compile(r"^Stand")).select_option(label="laufend")
    page.get_by_label("Beginn").fill("2024-03")
    page.get_by_label("Aufwand insgesamt").select_option(label="gering")
    page.get_by_label("Arbeitsstunden insgesamt").fill("40")
    page.get_by_label("Kosten in Euro").fill("150,50")
    page.get_by_label("Partner", exact=True).fill("Seniorenbeirat Musterdorf\nBäckerei Korn")
    page.get_by_label("Ergebnisse in Zahlen").fill("Gäste pro Treffen: 14\nTreffen im Jahr: 12")
    page.get_by_label("Materialien im Netz").fill(
        "Bericht im Gemeindeblatt: https://example.org/gemeindeblatt/lesecafe"
    )
    page.get_by_label("Ausgangslage").fill(
        "Viele ältere Menschen im Ort kamen *nicht mehr* in die Bücherei.\n\n"
        "Es fehlte ein Anlass – und ein Ort zum Reden."
    )
    page.get_by_label("Umsetzung").fill(
        "- Wir stellen Tische zwischen die Regale.\n- Die Bäckerei spendet Kuchen.\n\n"
        "Mehr im [Gemeindeblatt](https://example.org/gemeindeblatt)."
    )
    page.get_by_label("Tipps").fill("Fester Termin, immer am ersten Mittwoch.")


def output(page, key: str) -> str:
    return page.locator(f"#sub-out-{key}").input_value()


def test_measure_for_a_library_in_the_catalogue_passes_validation(page, fixture_url, tmp_path):
    foreign = open_form(page, fixture_url)
    status = page.locator("#sub-result-status")
    assert "fehlen" in status.inner_text()
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page)
    assert page.locator("#sub-result-problems li").all_inner_texts() == []
    assert "Alles vollständig" in status.inner_text()
    assert page.locator("#sub-out-library").is_hidden()
    heading = page.locator("#sub-out-measure-heading").inner_text()
    assert heading.endswith("measures/lesecafe-fuer-seniorinnen-und-senioren.md")
    text = output(page, "measure")
    assert text.startswith("---\n# yaml-language-server: $schema=../schema/measure.schema.json\n")
    assert "libraries: [buecherei-lindenau]" in text
    assert "budget_eur: 150.5" in text
    result = validate(tmp_path, {"measures/lesecafe-fuer-seniorinnen-und-senioren.md": text})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lesecafe" not in result.stdout  # not even a warning
    assert foreign == []


def fill_new_library(page, area: str, staff: str) -> None:
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(value="__neu__")
    assert page.locator("#sub-newlib").is_visible()
    page.get_by_label("Name der Bibliothek").fill("Gemeindebücherei Kleinhausen")
    page.get_by_label(re.compile(r"^Gemeinde")).fill("Kleinhausen")
    page.get_by_label("Bundesland").select_option("Hessen")
    page.get_by_label("Einwohner im Einzugsgebiet").fill("3.200")  # a German thousands dot
    page.get_by_label("Publikumsfläche in m²").fill(area)
    page.get_by_label("Personal in VZÄ").fill(staff)


def test_new_library_gives_two_files_that_pass_validation(page, fixture_url, tmp_path):
    open_form(page, fixture_url)
    fill_new_library(page, area="95", staff="0,5")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill("buecherei@kleinhausen.example")
    # Without consent the address may not be published: the form says so at once.
    error = page.locator("#sub-lib-email-error")
    assert "Einverständnis" in error.inner_text()
    page.get_by_label("Die E-Mail-Adresse darf auf der Website erscheinen.").check()
    assert error.inner_text() == ""
    priorities = page.get_by_role("group", name="Schwerpunkte aus dem Toolkit-Workshop")
    priorities.get_by_label("Ehrenamt").check()
    page.get_by_label("Datum des Toolkit-Workshops").fill("2025-05-06")
    fill_measure(page, title="Vorlesen im Dorfladen")
    assert "Zwei Dateien" in page.locator("#sub-result-status").inner_text()
    library = output(page, "library")
    measure = output(page, "measure")
    assert "population: 3200" in library
    assert "staff_fte: 0.5" in library
    assert "libraries: [gemeindebuecherei-kleinhausen]" in measure
    result = validate(
        tmp_path,
        {
            "libraries/gemeindebuecherei-kleinhausen.yml": library,
            "measures/vorlesen-im-dorfladen.md": measure,
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kleinhausen" not in result.stdout
    assert "dorfladen" not in result.stdout


def test_unknown_figures_and_pasted_line_separators_give_valid_files(page, fixture_url, tmp_path):
    open_form(page, fixture_url)
    fill_new_library(page, area="unbekannt", staff="Unbekannt")
    # pasted text with an invisible line separator, which YAML would count as a line break
    page.get_by_label("Kurzporträt").fill("Im Dorfladen.\u2028Jeden Mittwoch.")
    fill_measure(page, title="Vorlesen im Dorfladen")
    assert page.locator("#sub-lib-area_m2-error").inner_text() == ""
    library = output(page, "library")
    assert "area_m2: unbekannt" in library
    assert "staff_fte: unbekannt" in library
    result = validate(
        tmp_path,
        {
            "libraries/gemeindebuecherei-kleinhausen.yml": library,
            "measures/vorlesen-im-dorfladen.md": output(page, "measure"),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kleinhausen" not in result.stdout  # no warning about the area either


def test_checks_while_typing(page, fixture_url):
    open_form(page, fixture_url)
    title = page.get_by_label("Titel der Maßnahme")
    title.fill("x" * 121)
    error = page.locator("#sub-title-error")
    assert "121 Zeichen" in error.inner_text()
    assert title.get_attribute("aria-invalid") == "true"
    title.fill("Lesesommer in Lindenau")  # exists in the fixture catalogue
    assert "gibt es schon" in error.inner_text()
    title.fill("Lesesommer am Baggersee")
    assert error.inner_text() == ""
    assert title.get_attribute("aria-invalid") is None
    assert "measures/lesesommer-am-baggersee.md" in page.locator("#sub-id-note").inner_text()

    topics = page.get_by_role("group", name="Themen")
    for label in ("Social Media", "Veranstaltungen", "Leseförderung", "Bestand", "Ehrenamt",
                  "Finanzierung"):  # fmt: skip
        topics.get_by_label(label).check()
    assert "höchstens 5" in page.locator("#sub-topics-error").inner_text()

    page.get_by_label("Beginn").fill("2024-09")
    page.get_by_label("Ende").fill("2024-02")
    assert "vor dem Beginn" in page.locator("#sub-period_end-error").inner_text()
    page.get_by_label("Arbeitsstunden insgesamt").fill("viele")
    assert "Zahl" in page.locator("#sub-staff_hours-error").inner_text()
    page.get_by_label("Ausgangslage").fill("Klick <a href='x' onclick='alert(1)'>hier</a>")
    assert "HTML" in page.locator("#sub-situation-error").inner_text()
    page.get_by_label("Umsetzung").fill("[Link](javascript:alert(1))")
    assert "https://" in page.locator("#sub-implementation-error").inner_text()
    # Untouched required fields are listed at the end, with links to them.
    problems = page.locator("#sub-result-problems li")
    assert problems.count() >= 5
    problems.filter(has_text="Zusammenfassung").get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "sub-summary"


def test_github_link_prefills_a_new_file_or_falls_back_to_the_issue_form(page, fixture_url):
    open_form(page, fixture_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page)
    link = page.locator("#sub-github-measure")
    href = link.get_attribute("href")
    url = urllib.parse.urlparse(href)
    query = urllib.parse.parse_qs(url.query)
    assert url.netloc == "github.com"
    assert url.path.endswith("/new/main")
    assert query["filename"] == ["measures/lesecafe-fuer-seniorinnen-und-senioren.md"]
    assert query["value"] == [output(page, "measure")]
    # Too long for a URL: the new-file page with the file name only, and a way to paste the
    # text by hand.
    page.get_by_label("Ausgangslage").fill("Sehr ausführlich. " * 600)
    href = link.get_attribute("href")
    assert urllib.parse.parse_qs(urllib.parse.urlparse(href).query) == {
        "filename": ["measures/lesecafe-fuer-seniorinnen-und-senioren.md"]
    }
    assert "Text kopieren" in page.locator("#sub-pr-paste").inner_text()


def test_download_gives_the_file(page, fixture_url):
    open_form(page, fixture_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(
        label="Gemeindebücherei Lindenau"
    )
    fill_measure(page)
    with page.expect_download() as info:
        page.locator("#sub-files").get_by_role("button", name="Datei herunterladen").last.click()
    download = info.value
    assert download.suggested_filename == "lesecafe-fuer-seniorinnen-und-senioren.md"
    assert Path(download.path()).read_text(encoding="utf-8") == output(page, "measure")


def test_form_is_accessible(page, fixture_url):
    open_form(page, fixture_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(value="__neu__")
    page.get_by_label("Titel der Maßnahme").fill("x" * 130)  # with an error message shown
    assert axe_violations(page) == []


def test_checks_follow_the_rules_python_declares(page, fixture_url):
    """Country codes, the years a date may name, outcome values: from the page's data."""
    open_form(page, fixture_url)
    page.get_by_label("Bibliothek oder Verbund aus dem Katalog").select_option(value="__neu__")
    country = page.locator("#sub-lib-country")
    country.fill("XX")
    assert "ISO 3166-1" in page.locator("#sub-lib-country-error").inner_text()
    country.fill("no")  # Norway: written quoted, as a bare NO is false for YAML
    assert page.locator("#sub-lib-country-error").inner_text() == ""
    page.get_by_label("Beginn").fill("1850")
    assert "zwischen 1900 und 2100" in page.locator("#sub-period_start-error").inner_text()
    page.get_by_label("Ergebnisse in Zahlen").fill("Gäste: 2000000000000")
    assert "zwischen" in page.locator("#sub-outcomes-error").inner_text()
    page.get_by_label("Ergebnisse in Zahlen").fill("Gäste: " + "viele " * 11)
    assert "höchstens 60 Zeichen" in page.locator("#sub-outcomes-error").inner_text()
    page.get_by_label("Titel der Maßnahme").fill("???")
    assert "Buchstaben oder Ziffern" in page.locator("#sub-title-error").inner_text()
    assert page.locator("#sub-id-note").inner_text() == ""


def validation_messages(tmp_path: Path, rel: str, text: str) -> list[str]:
    """What ``catalogue validate`` says about ``text`` as ``rel`` in the fixture catalogue."""
    root = copy_fixture_catalogue(tmp_path / rel.replace("/", "-"))
    (root / rel).write_text(text, encoding="utf-8")
    return [p.message for p in load_catalogue(root).problems.sorted() if p.path == rel]


def test_personal_data_in_free_text_is_refused_with_the_message_of_validation(
    page, fixture_url, tmp_path
):
    """Each free text whose declaration names a „prose“ and the sections of the text: the
    same German message at the field as validation gives for the file, before anything is
    sent; the address in the profile's contact stays allowed."""
    open_form(page, fixture_url)
    fill_new_library(page, area="95", staff="0,5")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill("buecherei@kleinhausen.example")
    page.get_by_label("Die E-Mail-Adresse darf auf der Website erscheinen.").check()
    fill_measure(page, title="Vorlesen im Dorfladen")
    assert page.locator("#sub-result-problems li").all_inner_texts() == []  # the contact is fine

    texts = {
        "sub-summary": "Jeden Mittwoch im Dorfladen, Anmeldung unter 0611 1234567.",
        "sub-implementation": "Wir lesen vor.\n\nFragen an frau.muster@kleinhausen.example.",
        "sub-collaboration": "Wer macht mit? Telefon +49 611 7654321",
        "sub-lib-about": "Die Bücherei im Rathaus.\nLeitung: l.muster@kleinhausen.example",
        "sub-lib-toolkit_notes": "Ansprechpartnerin 0171/2345678",
    }
    for field, text in texts.items():
        page.locator(f"#{field}").fill(text)
    expected = {
        "sub-summary": personal_data_message("Telefonnummer „0611 1234567“",
                                             "in der Zusammenfassung"),
        "sub-implementation": personal_data_message(
            "E-Mail-Adresse „frau.muster@kleinhausen.example“", "im Text der Maßnahme"),
        "sub-collaboration": personal_data_message("Telefonnummer „+49 611 7654321“",
                                                   "im Text „Kooperation gesucht“"),
        "sub-lib-about": personal_data_message("E-Mail-Adresse „l.muster@kleinhausen.example“",
                                               "im Porträt (Zeile 2 des Textes)"),
        "sub-lib-toolkit_notes": personal_data_message("Telefonnummer „0171/2345678“",
                                                       "in den Notizen zum Toolkit"),
    }  # fmt: skip
    for field, message in expected.items():
        assert page.locator(f"#{field}-error").inner_text() == message, field
        assert page.locator(f"#{field}").get_attribute("aria-invalid") == "true"
    assert "Persönliche Daten gehören nicht in freie Texte." in expected["sub-summary"]
    problems = page.locator("#sub-result-problems li").all_inner_texts()
    assert len(problems) == len(expected)
    assert page.locator("#sub-submit").is_hidden()  # nothing to send until it is gone

    # the same texts in the files: validation says the same, word for word
    issue = {"title": "Vorlesen im Dorfladen", "summary": texts["sub-summary"],
             "libraries": "buecherei-lindenau", "topics": "(lesefoerderung)",
             "status": "(running)", "situation": "Im Ort fehlt ein Treffpunkt.",
             "implementation": texts["sub-implementation"],
             "collaboration": texts["sub-collaboration"]}  # fmt: skip
    measure, _, _ = measure_text(issue, dt.date(2026, 11, 23))
    said = validation_messages(tmp_path, "measures/vorlesen-im-dorfladen.md", measure)
    for field in ("sub-summary", "sub-implementation", "sub-collaboration"):
        assert expected[field] in said, said
    library, _, _ = library_text({"name": "Gemeindebücherei Kleinhausen",
                                  "municipality": "Kleinhausen", "state": "Hessen",
                                  "population": "3200", "area_m2": "95", "staff_fte": "0.5",
                                  "about": texts["sub-lib-about"],
                                  "toolkit_notes": texts["sub-lib-toolkit_notes"]})  # fmt: skip
    said = validation_messages(tmp_path, "libraries/gemeindebuecherei-kleinhausen.yml", library)
    for field in ("sub-lib-about", "sub-lib-toolkit_notes"):
        assert expected[field] in said, said

    # dates and decimals are no phone numbers; without the data the files are valid
    page.locator("#sub-summary").fill("Seit dem 01.02.2024 jeden Mittwoch, 0,5 Stunden lang.")
    page.locator("#sub-implementation").fill("Wir lesen vor.")
    page.locator("#sub-collaboration").fill("")
    page.locator("#sub-lib-about").fill("Die Bücherei im Rathaus.")
    page.locator("#sub-lib-toolkit_notes").fill("")
    assert page.locator("#sub-result-problems li").all_inner_texts() == []
    result = validate(tmp_path / "valid", {
        "libraries/gemeindebuecherei-kleinhausen.yml": output(page, "library"),
        "measures/vorlesen-im-dorfladen.md": output(page, "measure"),
    })  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
