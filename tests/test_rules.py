# ruff: noqa: E501 – the tables below keep one case per line, with the full message.
"""A failing fixture for every rule of the content model (CONTENT-MODEL.md).

Each case changes one file of the minimal valid catalogue (catalogue_files.py) and asserts the
one error it causes: path, line and the characteristic part of the German message.
Line numbers refer to the texts in catalogue_files.py (LIBRARY: line N is field N; MEASURE:
title on line 2, body from line 20).
"""

from __future__ import annotations

import pytest
from catalogue_files import (
    LIBRARY,
    LIBRARY_2,
    MEASURE,
    NETWORK,
    TAXONOMY,
    edit,
    error_texts,
    problem_texts,
    write,
)

from generator.validate.catalogue import load_catalogue

LIB = "libraries/musterdorf.yml"
LIB2 = "libraries/musterstadt.yml"
NET = "libraries/verbund.yml"
MEA = "measures/lesesommer.md"
TAX = "measures/_taxonomy.yml"

TOPICS = "lesefoerderung, schule-kita, social-media, veranstaltungen, netzwerke, ehrenamt"
STATUS = (
    "planned (geplant), running (laufend), completed (abgeschlossen), discontinued (eingestellt)"
)


def lib(key: str, replacement: str | None) -> str:
    return edit(LIBRARY, key, replacement)


def mea(key: str, replacement: str | None) -> str:
    return edit(MEASURE, key, replacement)


def body(text: str) -> str:
    return MEASURE.split("---\n## Ausgangslage")[0] + "---\n" + text


def the_error(root, rel: str, text: str | bytes) -> str:
    """Write ``text`` to ``rel`` and return the single error of the catalogue."""
    write(root, rel, text)
    errors = error_texts(root)
    assert len(errors) == 1, "\n".join(errors)
    return errors[0]


def assert_error(root, rel: str, text: str | bytes, line: int, fragment: str) -> None:
    error = the_error(root, rel, text)
    assert error.startswith(f"{rel}:{line}: "), error
    assert fragment in error, error


CASES = [
    # --- required fields, per kind ------------------------------------------------------
    ("lib-name-missing", LIB, lib("name", None), 1, "Pflichtfeld „name“ fehlt (Name der Bibliothek)"),
    ("lib-municipality-missing", LIB, lib("municipality", None), 1, "Pflichtfeld „municipality“ fehlt (Gemeinde)"),
    ("lib-state-missing", LIB, lib("state", None), 1, "Pflichtfeld „state“ fehlt (Bundesland)"),
    ("lib-population-missing", LIB, lib("population", None), 1, "Pflichtfeld „population“ fehlt (Einwohner"),
    ("lib-staff-missing", LIB, lib("staff_fte", None), 1, "Pflichtfeld „staff_fte“ fehlt (Personal in VZÄ"),
    ("lib-name-empty", LIB, lib("name", 'name: ""'), 1, "Pflichtfeld „name“ ist leer"),
    ("lib-state-empty", LIB, lib("state", "state:"), 4, "Pflichtfeld „state“ ist leer (Bundesland)"),
    ("lib-name-blank", LIB, lib("name", "name: '   '"), 1, "„name“ darf nicht leer sein"),
    ("net-name-missing", NET, edit(NETWORK, "name", None), 1, "Pflichtfeld „name“ fehlt"),
    ("net-members-missing", NET, edit(NETWORK, "members", None), 1, "Ein Verbund (kind: network) braucht unter „members“ mindestens zwei Bibliotheken"),
    ("mea-title-missing", MEA, mea("title", None), 2, "Pflichtfeld „title“ fehlt (Titel der Maßnahme)"),
    ("mea-summary-missing", MEA, mea("summary", None), 2, "Pflichtfeld „summary“ fehlt"),
    ("mea-libraries-missing", MEA, mea("libraries", None), 2, "Pflichtfeld „libraries“ fehlt"),
    ("mea-topics-missing", MEA, mea("topics", None), 2, "Pflichtfeld „topics“ fehlt"),
    ("mea-status-missing", MEA, mea("status", None), 2, "Pflichtfeld „status“ fehlt"),
    ("mea-published-missing", MEA, mea("published", None), 2, "Pflichtfeld „published“ fehlt"),
    ("mea-title-empty", MEA, mea("title", "title:"), 2, "Pflichtfeld „title“ ist leer"),
    ("mea-topics-empty", MEA, mea("topics", "topics: []"), 5, "Pflichtfeld „topics“ ist leer"),
    ("mea-libraries-empty", MEA, mea("libraries", "libraries: []"), 4, "Pflichtfeld „libraries“ ist leer"),
    ("contact-public-missing", LIB, lib("public", None), 11, "Pflichtfeld „public“ fehlt in „contact“"),
    ("material-title-missing", MEA, MEASURE.replace("  - title: Lesepass\n    file:", "  -\n    file:"), 16, "Pflichtfeld „title“ fehlt in „materials[1]“ (Titel des Materials)."),
    # --- types --------------------------------------------------------------------------
    ("name-number", LIB, lib("name", "name: 1848"), 1, '„name“ muss Text sein; YAML liest 1848 als Zahl. Bitte in Anführungszeichen setzen: "1848"'),
    ("title-date", MEA, mea("title", "title: 2025-06-01"), 2, "YAML liest 2025-06-01 als Datum"),
    ("population-text", LIB, lib("population", "population: viele"), 6, "„population“ muss eine ganze Zahl sein, gefunden: „viele“"),
    ("population-fraction", LIB, lib("population", "population: 4800.5"), 6, "„population“ muss eine ganze Zahl sein, gefunden: 4800.5"),
    ("population-thousands", LIB, lib("population", "population: 4.800"), 6, "bitte ohne Tausenderpunkt schreiben, also 4800"),
    ("population-thousands-2", LIB, lib("population", "population: 1.250.000"), 6, "also 1250000"),
    ("staff-comma", LIB, lib("staff_fte", "staff_fte: 1,5"), 8, "Dezimalstellen bitte mit Punkt schreiben, also 1.5"),
    ("staff-text", LIB, lib("staff_fte", "staff_fte: k.A."), 8, "„staff_fte“ muss eine Zahl oder „unbekannt“ sein, gefunden: „k.A.“"),
    ("volunteers-list", LIB, lib("volunteers", "volunteers: [6]"), 9, "„volunteers“ muss eine ganze Zahl sein, gefunden: eine Liste"),
    ("contact-text", LIB2, LIBRARY_2 + "contact: buecherei@example.org\n", 7, "„contact“ muss eine Zuordnung mit eingerückten Feldern sein"),
    ("public-text", LIB, lib("public", "public: ja"), 13, "„contact.public“ muss true oder false sein, gefunden: „ja“"),
    ("topics-mapping", MEA, mea("topics", "topics: {a: 1}"), 5, "„topics“ muss eine Liste"),
    ("topic-number", MEA, mea("topics", "topics: [lesefoerderung, 7]"), 5, "„topics[2]“ muss eine Kennung (Text) sein"),
    ("staff-hours-text", MEA, mea("staff_hours", "staff_hours: viele"), 13, "„effort.staff_hours“ muss eine Zahl sein"),
    ("effort-text", MEA, MEASURE.replace("effort:\n  level: medium\n  staff_hours: 140\n", "effort: viel\n\n\n"), 11, "„effort“ muss eine Zuordnung"),
    ("materials-text", MEA, MEASURE.replace("materials:\n  - title: Lesepass\n    file: lesepass.pdf\n", "materials: lesepass.pdf\n\n\n"), 14, "„materials“ muss eine Liste (jede Zeile beginnt mit „- “)"),
    ("outcome-not-mapping", MEA, mea("based_on", "outcomes: [5]"), 17, "„outcomes[1]“ muss eine Zuordnung"),
    ("outcome-value-missing", MEA, mea("based_on", "outcomes: [{label: Kinder}]"), 17, "Pflichtfeld „value“ fehlt in „outcomes[1]“"),
    ("partners-mapping", MEA, mea("based_on", "partners: {a: b}"), 17, "„partners“ muss eine Liste"),
    ("period-text", MEA, MEASURE.replace("period:\n  start: 2025-06\n  end: 2025-09\n", "period: 2025\n\n\n"), 8, "„period“ muss eine Zuordnung mit eingerückten Feldern sein, gefunden: 2025."),
    ("members-mapping", NET, edit(NETWORK, "members", "members: {musterdorf: ja}"), 3, "„members“ muss eine Liste"),
    ("members-single", NET, edit(NETWORK, "members", "members: musterdorf"), 3, "braucht unter „members“ mindestens zwei Bibliotheken"),
    # --- ranges -------------------------------------------------------------------------
    ("population-0", LIB, lib("population", "population: 0"), 6, "„population“ muss zwischen 1 und 20.000.000 liegen, gefunden: 0."),
    ("population-too-big", LIB, lib("population", "population: 20000001"), 6, "muss zwischen 1 und 20.000.000 liegen, gefunden: 20.000.001."),
    ("area-0", LIB, lib("area_m2", "area_m2: 0"), 7, "„area_m2“ muss größer als 0 sein, gefunden: 0."),
    ("area-negative", LIB, lib("area_m2", "area_m2: -12.5"), 7, "„area_m2“ muss größer als 0 sein, gefunden: -12,5."),
    ("area-too-big", LIB, lib("area_m2", "area_m2: 200001"), 7, "„area_m2“ muss zwischen 0 und 200.000 liegen, gefunden: 200.001."),
    ("staff-negative", LIB, lib("staff_fte", "staff_fte: -0.5"), 8, "„staff_fte“ muss zwischen 0 und 5.000 liegen, gefunden: -0,5."),
    ("staff-too-big", LIB, lib("staff_fte", "staff_fte: 5000.5"), 8, "gefunden: 5.000,5."),
    ("volunteers-negative", LIB, lib("volunteers", "volunteers: -1"), 9, "„volunteers“ muss zwischen 0 und 100.000 liegen, gefunden: -1."),
    ("volunteers-fraction", LIB, lib("volunteers", "volunteers: 2.5"), 9, "„volunteers“ muss eine ganze Zahl sein"),
    ("staff-hours-negative", MEA, mea("staff_hours", "staff_hours: -5"), 13, "„effort.staff_hours“ muss zwischen 0 und 1.000.000 liegen"),
    ("budget-negative", MEA, mea("staff_hours", "budget_eur: -1"), 13, "„effort.budget_eur“ muss zwischen 0 und 1.000.000.000 liegen, gefunden: -1."),
    # --- enumerations -------------------------------------------------------------------
    ("kind-german", LIB, lib("kind", "kind: Verbund"), 2, "„kind“: „Verbund“ ist nicht erlaubt – meinten Sie „network“? Erlaubt: library (Bibliothek), network (Verbund)."),
    ("kind-typo", LIB, lib("kind", "kind: libary"), 2, "meinten Sie „library“?"),
    ("kind-other", LIB, lib("kind", "kind: archiv"), 2, "„kind“: „archiv“ ist nicht erlaubt. Erlaubt: library (Bibliothek), network (Verbund)."),
    ("status-typo", MEA, mea("status", "status: complete"), 7, f"„status“: „complete“ ist nicht erlaubt – meinten Sie „completed“? Erlaubt: {STATUS}."),
    ("status-german", MEA, mea("status", "status: laufend"), 7, "meinten Sie „running“?"),
    ("status-other", MEA, mea("status", "status: fertig"), 7, f"„status“: „fertig“ ist nicht erlaubt. Erlaubt: {STATUS}."),
    ("status-bool", MEA, mea("status", "status: no"), 7, f"„status“: no ist nicht erlaubt. Erlaubt: {STATUS}."),
    ("level-german", MEA, mea("level", "level: mittel"), 12, "„effort.level“: „mittel“ ist nicht erlaubt – meinten Sie „medium“? Erlaubt: low (gering), medium (mittel), high (hoch)."),
    ("level-other", MEA, mea("level", "level: riesig"), 12, "„effort.level“: „riesig“ ist nicht erlaubt. Erlaubt: low"),
    # --- vocabularies -------------------------------------------------------------------
    ("topic-typo", MEA, mea("topics", "topics: [lesefoerdrung, schule-kita]"), 5, f"Thema „lesefoerdrung“ gibt es nicht – meinten Sie „lesefoerderung“? Erlaubt: {TOPICS}"),
    ("topic-umlaut", MEA, mea("topics", "topics: [leseförderung]"), 5, "Thema „leseförderung“ gibt es nicht – meinten Sie „lesefoerderung“?"),
    ("topic-unknown", MEA, mea("topics", "topics: [raumfahrt]"), 5, f"Thema „raumfahrt“ gibt es nicht. Erlaubt: {TOPICS}"),
    ("audience-typo", MEA, mea("audiences", "audiences: [kinde]"), 6, "Zielgruppe „kinde“ gibt es nicht – meinten Sie „kinder“? Erlaubt: kinder, familien"),
    ("audience-unknown", MEA, mea("audiences", "audiences: [kinder, rentner]"), 6, "Zielgruppe „rentner“ gibt es nicht. Erlaubt: kinder, familien"),
    ("priority-typo", LIB, lib("priorities", "priorities: [lesefoerderung, socialmedia]"), 16, "Thema „socialmedia“ gibt es nicht – meinten Sie „social-media“?"),
    ("priorities-6", LIB, lib("priorities", f"priorities: [{TOPICS}, lesefoerderung]"), 16, "„toolkit.priorities“ hat 7 Einträge; erlaubt sind höchstens 5."),
    ("priorities-duplicate", LIB, lib("priorities", "priorities: [ehrenamt, ehrenamt]"), 16, "„toolkit.priorities“: „ehrenamt“ steht doppelt in der Liste."),
    ("topics-6", MEA, mea("topics", f"topics: [{TOPICS}]"), 5, "„topics“ hat 6 Einträge; erlaubt sind höchstens 5."),
    ("topics-duplicate", MEA, mea("topics", "topics: [ehrenamt, ehrenamt]"), 5, "„topics“: „ehrenamt“ steht doppelt in der Liste."),
    ("libraries-11", MEA, mea("libraries", "libraries: [" + ", ".join(f"b{i}" for i in range(11)) + "]"), 4, "„libraries“ hat 11 Einträge; erlaubt sind höchstens 10."),
    # --- references ---------------------------------------------------------------------
    ("library-unknown", MEA, mea("libraries", "libraries: [musterdorf, stadtbibliothek-x]"), 4, "Bibliothek „stadtbibliothek-x“ gibt es nicht. Erlaubt: musterdorf, musterstadt, verbund (Profile liegen im Ordner libraries/)"),
    ("library-typo", MEA, mea("libraries", "libraries: [musterdorff]"), 4, "Bibliothek „musterdorff“ gibt es nicht – meinten Sie „musterdorf“?"),
    ("member-unknown", NET, edit(NETWORK, "members", "members: [musterdorf, musterstad]"), 3, "Bibliothek „musterstad“ gibt es nicht – meinten Sie „musterstadt“? Erlaubt: musterdorf, musterstadt"),
    ("member-network", NET, edit(NETWORK, "members", "members: [musterdorf, musterstadt, verbund]"), 3, "„verbund“ ist selbst ein Verbund; Mitglieder eines Verbunds müssen Bibliotheken sein."),
    ("members-one", NET, edit(NETWORK, "members", "members: [musterdorf]"), 3, "Ein Verbund (kind: network) braucht unter „members“ mindestens zwei Bibliotheken."),
    ("members-duplicate", NET, edit(NETWORK, "members", "members: [musterdorf, musterdorf]"), 3, "„members“: „musterdorf“ steht doppelt in der Liste."),
    ("members-of-library", LIB, lib("volunteers", "members: [musterstadt]"), 9, "„members“ gibt es nur bei Verbünden (kind: network)."),
    ("based-on-self", MEA, mea("based_on", "based_on: [lesesommer]"), 17, "Eine Maßnahme kann nicht auf sich selbst aufbauen."),
    ("based-on-unknown", MEA, mea("based_on", "based_on: [lesesommer-2024]"), 17, "Maßnahme „lesesommer-2024“ gibt es nicht."),
    # --- dates --------------------------------------------------------------------------
    ("published-no-day", MEA, mea("published", "published: 2026-02-30"), 18, "„published“: Den Tag 2026-02-30 gibt es nicht."),
    ("published-german", MEA, mea("published", "published: 03.11.2026"), 18, "„published“: Datum bitte so schreiben: „2026-11-03“."),
    ("published-month", MEA, mea("published", "published: 2026-11"), 18, "gefunden: „2026-11“."),
    ("published-year", MEA, mea("published", "published: 2026"), 18, "im Format JJJJ-MM-TT (z. B. 2025-03-14) sein, gefunden: 2026."),
    ("published-short", MEA, mea("published", "published: 2026-1-3"), 18, "gefunden: „2026-1-3“."),
    ("reviewed-text", MEA, mea("based_on", "reviewed: gestern"), 17, "„reviewed“ muss ein Datum im Format JJJJ-MM-TT"),
    ("toolkit-date", LIB, lib("date", "date: 2025-13-01"), 15, "„toolkit.date“: Den Tag 2025-13-01 gibt es nicht."),
    ("until-text", MEA, mea("based_on", "collaboration: {seeking: Partner, until: bald}"), 17, "„collaboration.until“ muss ein Datum im Format JJJJ-MM-TT"),
    ("seeking-missing", MEA, mea("based_on", "collaboration: {until: 2027-06-30}"), 17, "„collaboration“ braucht „seeking“ oder „offering“ (oder beide)"),
    ("start-month-13", MEA, mea("start", "start: 2025-13"), 9, "„period.start“: Das Datum 2025-13 gibt es nicht."),
    ("start-two-digits", MEA, mea("start", "start: 25"), 9, "„period.start“ muss ein Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT (z. B. 2013-02) sein, gefunden: 25."),
    ("start-words", MEA, mea("start", "start: Juni 2025"), 9, "„period.start“: Datum bitte so schreiben: „2025-06“."),
    ("end-before-start", MEA, mea("end", "end: 2025-05"), 10, "Das Ende (2025-05) liegt vor dem Beginn (2025-06)."),
    ("end-year-before", MEA, mea("end", "end: 2024"), 10, "Das Ende (2024) liegt vor dem Beginn (2025-06)."),
    # --- URLs ---------------------------------------------------------------------------
    ("website-www", LIB, lib("website", "website: www.musterdorf.example"), 10, "„website“: Bitte die vollständige Adresse mit https:// angeben, also https://www.musterdorf.example."),
    ("website-ftp", LIB, lib("website", "website: ftp://musterdorf.example"), 10, "„website“ muss eine Webadresse sein, die mit http:// oder https:// beginnt, gefunden: „ftp://musterdorf.example“."),
    ("website-javascript", LIB, lib("website", "website: javascript:alert(1)"), 10, "muss eine Webadresse sein"),
    ("website-no-host", LIB, lib("website", "website: https://"), 10, "muss eine Webadresse sein"),
    ("material-url", MEA, MEASURE.replace("file: lesepass.pdf", "url: data:text/html,x"), 16, "„materials[1].url“ muss eine Webadresse sein"),
    # --- contact ------------------------------------------------------------------------
    ("email-without-consent", LIB, lib("public", "public: false"), 12, "Die E-Mail-Adresse darf nur mit Einverständnis stehen: entweder „public: true“ setzen oder die Adresse entfernen."),
    ("email-invalid", LIB, lib("email", "email: buecherei at musterdorf"), 12, "„contact.email“: „buecherei at musterdorf“ ist keine gültige E-Mail-Adresse (Form: name@beispiel.de)."),
    # --- country and state --------------------------------------------------------------
    ("country-lowercase", LIB, lib("country", "country: de"), 5, "„country“ muss ein Ländercode nach ISO 3166-1 aus zwei Großbuchstaben sein (z. B. DE, AT, CH), gefunden: „de“ – meinten Sie „DE“?"),
    ("country-name", LIB, lib("country", "country: Deutschland"), 5, "gefunden: „Deutschland“."),
    ("country-alpha3", LIB, lib("country", "country: DEU"), 5, "gefunden: „DEU“."),
    ("country-unassigned", LIB, lib("country", "country: XX"), 5, "gefunden: „XX“."),
    ("country-uk", LIB, lib("country", "country: UK"), 5, "gefunden: „UK“ – meinten Sie „GB“?"),
    ("country-no", LIB, lib("country", "country: NO"), 5, '„country“: YAML liest NO als Wahrheitswert (nein). Bitte in Anführungszeichen setzen: country: "NO"'),
    ("state-unknown", LIB, lib("state", "state: NRW"), 4, "Bundesland/Region (DE) „NRW“ gibt es nicht – meinten Sie „Nordrhein-Westfalen“? Erlaubt: Bayern, Hessen, Nordrhein-Westfalen"),
    ("state-typo", LIB, lib("state", "state: Nordrhein Westfalen"), 4, "meinten Sie „Nordrhein-Westfalen“?"),
    ("state-default-country", LIB2, edit(LIBRARY_2, "state", "state: Tirol"), 3, "Bundesland/Region (DE) „Tirol“ gibt es nicht."),
    ("state-other-country-missing", LIB2, LIBRARY_2.replace("state: Hessen", "country: AT"), 1, "Pflichtfeld „state“ fehlt"),
    # --- materials ----------------------------------------------------------------------
    ("material-missing", MEA, mea("file", "file: fehlt.pdf"), 16, "Die Datei „measures/lesesommer/fehlt.pdf“ gibt es nicht; bitte in den Ordner measures/lesesommer/ legen oder den Namen prüfen."),
    ("material-parent", MEA, mea("file", "file: ../lesesommer.md"), 16, "„../lesesommer.md“: Bitte nur den Dateinamen angeben; die Datei liegt im Ordner measures/lesesommer/."),
    ("material-parent-2", MEA, mea("file", "file: ../../libraries/musterdorf.yml"), 16, "Bitte nur den Dateinamen angeben"),
    ("material-absolute", MEA, mea("file", "file: /etc/passwd"), 16, "Bitte nur den Dateinamen angeben"),
    ("material-windows", MEA, mea("file", "file: C:\\Daten\\plan.pdf"), 16, "Bitte nur den Dateinamen angeben"),
    ("material-subfolder", MEA, mea("file", "file: lesesommer/lesepass.pdf"), 16, "Bitte nur den Dateinamen angeben"),
    ("material-hidden", MEA, mea("file", "file: .htaccess"), 16, "Bitte nur den Dateinamen angeben"),
    ("material-type", MEA, mea("file", "file: lesepass.exe"), 16, "Dateityp „.exe“ ist nicht erlaubt. Erlaubt: csv, doc, docx, gif, jpeg, jpg, odp, ods, odt, pdf, png, ppt, pptx, txt, webp, xls, xlsx."),
    ("material-html", MEA, mea("file", "file: seite.html"), 16, "Dateityp „.html“ ist nicht erlaubt."),
    ("material-no-extension", MEA, mea("file", "file: lesepass"), 16, "„lesepass“ hat keine Dateiendung."),
    ("material-both", MEA, mea("file", "file: lesepass.pdf\n    url: https://example.org/lesepass"), 15, "Ein Material braucht genau eines von „file“ (Datei) oder „url“."),
    ("material-neither", MEA, mea("file", None), 15, "Ein Material braucht genau eines von „file“ (Datei) oder „url“."),
    # --- lengths ------------------------------------------------------------------------
    ("title-121", MEA, mea("title", "title: " + "T" * 121), 2, "„title“ ist 121 Zeichen lang; erlaubt sind höchstens 120."),
    ("summary-301", MEA, mea("summary", "summary: " + "S" * 301), 3, "„summary“ ist 301 Zeichen lang; erlaubt sind höchstens 300."),
    ("about-2001", LIB, lib("about", "about: " + "A" * 2001), 17, "„about“ ist 2.001 Zeichen lang; erlaubt sind höchstens 2.000."),
    ("name-121", LIB, lib("name", "name: " + "N" * 121), 1, "„name“ ist 121 Zeichen lang; erlaubt sind höchstens 120."),
    # --- unknown fields -----------------------------------------------------------------
    ("unknown-field", LIB, lib("website", "webseite: https://www.musterdorf.example"), 10, "Unbekanntes Feld „webseite“ – meinten Sie „website“?"),
    ("unknown-field-nested", MEA, mea("level", "levle: medium"), 12, "Unbekanntes Feld „levle“ in „effort“ – meinten Sie „level“?"),
    ("unknown-field-case", MEA, mea("level", "Level: medium"), 12, "Unbekanntes Feld „Level“ in „effort“ – meinten Sie „level“?"),
    ("unknown-field-no-hint", LIB, lib("volunteers", "farbe: blau"), 9, "Unbekanntes Feld „farbe“. Erlaubt: name, kind, municipality, state, country, population, area_m2, staff_fte, volunteers, website, contact, members, toolkit, adopted, about, aliases."),
    # --- YAML surprises -----------------------------------------------------------------
    ("municipality-on", LIB, lib("municipality", "municipality: on"), 3, '„municipality“: YAML liest on als Wahrheitswert (ja). Bitte in Anführungszeichen setzen: municipality: "on"'),
    ("title-yes", MEA, mea("title", "title: Yes"), 2, 'Bitte in Anführungszeichen setzen: title: "Yes"'),
    ("topic-off", MEA, mea("topics", "topics: [off]"), 5, '„topics[1]“: YAML liest off als Wahrheitswert (nein). Bitte in Anführungszeichen setzen: "off"'),
    ("volunteers-yes", LIB, lib("volunteers", "volunteers: yes"), 9, "„volunteers“ muss eine ganze Zahl sein, gefunden: yes."),
    ("public-text-yes", LIB, lib("public", 'public: "yes"'), 13, "„contact.public“ muss true oder false sein"),
    ("population-octal", LIB, lib("population", "population: 0700"), 6, "„population“: „0700“ ist keine gewöhnliche Zahl"),
    ("population-leading-zero", LIB, lib("population", "population: 04800"), 6, "„population“ muss eine ganze Zahl sein: bitte ohne führende Null schreiben, also 4800."),
    ("population-hex", LIB, lib("population", "population: 0x12C0"), 6, "„0x12C0“ ist keine gewöhnliche Zahl"),
    ("hours-sexagesimal", MEA, mea("staff_hours", "staff_hours: 1:30"), 13, "„effort.staff_hours“: „1:30“ ist keine gewöhnliche Zahl"),
    ("area-nan", LIB, lib("area_m2", "area_m2: .nan"), 7, "„area_m2“: „.nan“ ist keine gewöhnliche Zahl"),
    ("area-inf", LIB, lib("area_m2", "area_m2: .inf"), 7, "„.inf“ ist keine gewöhnliche Zahl"),
    # --- Markdown -----------------------------------------------------------------------
    ("about-html", LIB, lib("about", "about: Im <b>Rathaus</b>"), 17, "„about“, Zeile 1 des Textes: HTML („<b>“) ist nicht erlaubt"),
    ("body-empty", MEA, body(""), 19, "Der Text der Maßnahme fehlt: bitte unter dem Kopfbereich beschreiben"),
    ("body-blank", MEA, body("\n   \n\n"), 19, "Der Text der Maßnahme fehlt"),
    # --- personal data in free text -----------------------------------------------------
    ("email-in-summary", MEA, mea("summary", "summary: Fragen bitte an buecherei@musterdorf.example."), 3, "E-Mail-Adresse „buecherei@musterdorf.example“ in der Zusammenfassung. Persönliche Daten gehören nicht in freie Texte. Eine Funktionsadresse, die veröffentlicht werden darf, steht im Bibliotheksprofil unter „contact“ (mit „public: true“)"),
    ("phone-in-title", MEA, mea("title", "title: Lesesommer – Anmeldung unter 0211 899-4399"), 2, "Telefonnummer „0211 899-4399“ im Titel. Persönliche Daten gehören nicht in freie Texte."),
    ("phone-in-body", MEA, body("## Ausgangslage\n\nRufen Sie uns an: +49 211 8994399.\n"), 22, "Telefonnummer „+49 211 8994399“ im Text der Maßnahme."),
    ("mailto-in-body", MEA, body("Schreiben Sie an [uns](mailto:info@example.org).\n"), 20, "E-Mail-Adresse „info@example.org“ im Text der Maßnahme."),
    ("phone-in-brackets", MEA, body("## Tipps\n\nTelefon (02345) 67 89 0\n"), 22, "Telefonnummer „02345) 67 89 0“ im Text der Maßnahme."),
    ("email-in-about", LIB, lib("about", "about: Schreiben Sie an leitung@musterdorf.example."), 17, "E-Mail-Adresse „leitung@musterdorf.example“ im Porträt."),
    ("phone-in-about-line-2", LIB, lib("about", "about: |\n  Kleine Bücherei im Rathaus.\n  Telefon 02345 678901"), 17, "Telefonnummer „02345 678901“ im Porträt (Zeile 2 des Textes)."),
    ("phone-in-toolkit-notes", LIB, lib("priorities", "priorities: [lesefoerderung, schule-kita]\n  notes: Anrufen unter 0171 2345678"), 17, "Telefonnummer „0171 2345678“ in den Notizen zum Toolkit."),
    ("email-in-seeking", MEA, mea("based_on", "collaboration:\n  seeking: Melden Sie sich bei a.b@musterdorf.example"), 18, "E-Mail-Adresse „a.b@musterdorf.example“ im Text „Kooperation gesucht“."),
    ("phone-in-offering", MEA, mea("based_on", "collaboration:\n  offering: Koffer ausleihen unter 0049 2345 678901"), 18, "Telefonnummer „0049 2345 678901“ im Text „Wir bieten an“."),
    # --- collaboration ------------------------------------------------------------------
    ("collaboration-empty", MEA, mea("based_on", "collaboration:\n  until: 2027-06-30"), 17, "„collaboration“ braucht „seeking“ oder „offering“ (oder beide) (was gesucht oder angeboten wird)."),
    ("collaboration-status", MEA, mea("based_on", "collaboration:\n  seeking: Partner.\n  status: offen"), 19, "„collaboration.status“: „offen“ ist nicht erlaubt – meinten Sie „open“? Erlaubt: open (offen), matched (Partner gefunden), closed (beendet)."),
    ("collaboration-contact-elsewhere", MEA, mea("based_on", "collaboration:\n  seeking: Partner.\n  contact: musterstadt"), 19, "„contact“: „musterstadt“ steht nicht unter „libraries“ dieser Maßnahme; „contact“ nennt, welche ihrer Bibliotheken antwortet. Erlaubt: musterdorf, verbund"),
    ("collaboration-result-unknown", MEA, mea("based_on", "collaboration:\n  seeking: Partner.\n  status: matched\n  result: lesesomer"), 20, "Maßnahme „lesesomer“ gibt es nicht."),
    ("collaboration-result-itself", MEA, mea("based_on", "collaboration:\n  seeking: Partner.\n  result: lesesommer"), 19, "„result“ nennt die gemeinsame Maßnahme, die aus der Kooperation entstanden ist – nicht diese Maßnahme selbst."),
    ("collaboration-contact-list", MEA, mea("based_on", "collaboration:\n  seeking: Partner.\n  contact: [musterdorf]"), 19, "„collaboration.contact“ muss eine Kennung (Text) sein"),
    # --- adopted ------------------------------------------------------------------------
    ("adopted-unknown", LIB2, LIBRARY_2 + "adopted: [lesesomer]\n", 7, "Maßnahme „lesesomer“ gibt es nicht – meinten Sie „lesesommer“?"),
    ("adopted-own", LIB, LIBRARY + "adopted: [lesesommer]\n", 18, "„lesesommer“ ist eine Maßnahme dieser Bibliothek selbst; unter „adopted“ stehen Maßnahmen anderer, die Sie nachgemacht haben."),
    ("adopted-own-through-network", LIB2, LIBRARY_2 + "adopted:\n  - lesesommer\n", 8, "„lesesommer“ ist eine Maßnahme dieser Bibliothek selbst"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rel", "text", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(catalogue, rel, text, line, fragment):
    assert_error(catalogue, rel, text, line, fragment)


def test_minimal_catalogue_is_valid(catalogue):
    assert problem_texts(catalogue) == []
    result = load_catalogue(catalogue)
    assert set(result.catalogue.libraries) == {"musterdorf", "musterstadt", "verbund"}
    assert result.catalogue.libraries["musterdorf"].email == "buecherei@musterdorf.example"
    assert result.catalogue.measures["lesesommer"].materials[0].size == 9


VALID_VARIANTS = [
    ("population-min", LIB, lib("population", "population: 1")),
    ("population-max", LIB, lib("population", "population: 20000000")),
    ("population-float", LIB, lib("population", "population: 4800.0")),
    ("area-max", LIB, lib("area_m2", "area_m2: 200000")),
    ("area-small", LIB, lib("area_m2", "area_m2: 0.5")),
    ("area-unknown", LIB, lib("area_m2", "area_m2: unbekannt")),
    ("staff-0", LIB, lib("staff_fte", "staff_fte: 0")),
    ("staff-max", LIB, lib("staff_fte", "staff_fte: 5000")),
    ("staff-unknown", LIB, lib("staff_fte", "staff_fte: unbekannt")),
    ("staff-unknown-capital", LIB, lib("staff_fte", "staff_fte: Unbekannt")),
    ("volunteers-0", LIB, lib("volunteers", "volunteers: 0")),
    ("country-quoted-no", LIB, lib("country", 'country: "NO"').replace("state: Nordrhein-Westfalen", "state: Oslo")),
    ("country-without-states", LIB2, LIBRARY_2.replace("state: Hessen", "state: Tirol\ncountry: AT")),
    ("country-default", LIB, lib("country", None)),
    ("public-yes", LIB, lib("public", "public: yes")),
    ("public-false-no-email", LIB, lib("email", None).replace("public: true", "public: false")),
    ("no-contact", LIB, LIBRARY.replace("contact:\n  email: buecherei@musterdorf.example\n  public: true\n", "")),
    ("kind-default", LIB, lib("kind", None)),
    ("network-with-figures", NET, NETWORK + "population: 20000\nstaff_fte: 4\narea_m2: 500\nstate: Hessen\n"),
    ("published-quoted", MEA, mea("published", 'published: "2026-11-03"')),
    ("start-year", MEA, mea("start", "start: 2025")),
    ("start-day", MEA, mea("start", "start: 2025-06-15")),
    ("start-with-time", MEA, mea("start", "start: 2025-06-01 10:00:00")),
    ("end-same-month", MEA, mea("end", "end: 2025-06")),
    ("end-year-of-start", MEA, mea("end", "end: 2025")),
    ("single-id-without-brackets", MEA, mea("topics", "topics: lesefoerderung")),
    ("topics-5", MEA, mea("topics", "topics: [lesefoerderung, schule-kita, social-media, netzwerke, ehrenamt]")),
    ("libraries-10", MEA, mea("libraries", "libraries: [musterdorf, musterstadt, verbund]")),
    ("title-120", MEA, mea("title", "title: " + "T" * 120)),
    ("material-url", MEA, MEASURE.replace("file: lesepass.pdf", "url: https://example.org/lesepass")),
    ("based-on-empty", MEA, mea("based_on", None)),
    ("status-planned", MEA, mea("status", "status: planned")),
    ("figures-that-are-no-phone-numbers", MEA, body("## Ausgangslage\n\nVon 2013 bis 2015, mit 0,5 VZÄ, seit dem 01.02.2024 in 01067 Dresden, ISBN 978-3-12-345678-9, Kosten 0 €, 1.900 Einwohner, Ziel +20 %.\n")),
    ("social-media-handle", MEA, body("Folgen Sie uns auf https://mastodon.social/@buecherei.\n")),
    ("collaboration-offering-only", MEA, mea("based_on", "collaboration:\n  offering: Wir verleihen unseren Makerspace-Koffer.")),
    ("collaboration-complete", MEA, mea("based_on", "collaboration:\n  seeking: Partner für 2027.\n  offering: Unser Lesepass.\n  until: 2027-06-30\n  status: closed\n  contact: musterdorf")),
    ("outcomes", MEA, mea("based_on", "outcomes: [{label: Kinder, value: 86}, {label: Reichweite, value: über 1 Mio.}]")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rel", "text"), [v[1:] for v in VALID_VARIANTS], ids=[v[0] for v in VALID_VARIANTS]
)
def test_valid_variant(catalogue, rel, text):
    write(catalogue, rel, text)
    assert error_texts(catalogue) == []
    assert load_catalogue(catalogue).catalogue is not None


def test_valid_variants_arrive_in_the_model(catalogue):
    write(catalogue, LIB, lib("staff_fte", "staff_fte: unbekannt"))
    write(catalogue, MEA, mea("start", "start: 2025-06-01 10:00:00"))
    result = load_catalogue(catalogue)
    assert result.catalogue.libraries["musterdorf"].staff_fte is None  # explicitly not published
    assert result.catalogue.measures["lesesommer"].period_start == "2025-06-01"


def test_email_is_published_only_with_consent(catalogue):
    write(catalogue, LIB, lib("email", None).replace("public: true", "public: false"))
    assert load_catalogue(catalogue).catalogue.libraries["musterdorf"].email is None


def test_two_unknown_members_two_errors(catalogue):
    write(
        catalogue,
        NET,
        NETWORK.replace("members: [musterdorf, musterstadt]", "members:\n  - a\n  - b"),
    )
    assert [e.split(": ")[0] for e in error_texts(catalogue)] == [f"{NET}:4", f"{NET}:5"]


def test_block_list_items_have_their_own_lines(catalogue):
    write(catalogue, MEA, mea("topics", "topics:\n  - lesefoerderung\n  - schule-kitta"))
    error = the_error(
        catalogue, MEA, mea("topics", "topics:\n  - lesefoerderung\n  - schule-kitta")
    )
    assert error.startswith(
        f"{MEA}:7: Thema „schule-kitta“ gibt es nicht – meinten Sie „schule-kita“?"
    )


def test_unknown_field_and_missing_required_are_both_reported(catalogue):
    write(catalogue, LIB, lib("population", "populaton: 4800"))
    assert error_texts(catalogue) == [
        f"{LIB}:1: Pflichtfeld „population“ fehlt (Einwohner im Einzugsgebiet).",
        f"{LIB}:6: Unbekanntes Feld „populaton“ – meinten Sie „population“?",
    ]


def test_line_break_in_a_value_stays_on_one_line(catalogue):
    error = the_error(catalogue, LIB, lib("kind", 'kind: "Ver\\nbund"'))
    assert "\n" not in error
    assert error.startswith(f"{LIB}:2: „kind“: „Ver bund“ ist nicht erlaubt")


# --- documents that are not a mapping ---------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "line", "fragment"),
    [
        (LIB, "- name: A\n- kind: library\n", 1, "Der Inhalt muss aus Feldern der Form „name: Wert“ bestehen, gefunden: eine Liste."),
        (LIB, "Gemeindebücherei Musterdorf\n", 1, "gefunden: „Gemeindebücherei Musterdorf“."),
        (LIB, "", 1, "Die Datei enthält keine Felder."),
        (LIB, "# nur ein Kommentar\n", 1, "Die Datei enthält keine Felder."),
        (MEA, "---\n- a\n---\nText\n", 2, "Der Inhalt muss aus Feldern der Form „name: Wert“ bestehen"),
        (MEA, "---\n---\nText\n", 1, "Die Datei enthält keine Felder."),
        (MEA, "## Ausgangslage\n\nText\n", 1, "Die Datei muss mit einem Kopfbereich beginnen: erste Zeile „---“"),
        (MEA, "---\ntitle: Lesesommer\n\n## Ausgangslage\n", 1, "Der Kopfbereich wird nicht geschlossen"),
    ],
)  # fmt: skip
def test_not_a_mapping(catalogue, rel, text, line, fragment):
    write(catalogue, "libraries/verbund.yml", NETWORK.replace("musterdorf", "musterstadt-2"))
    write(catalogue, "libraries/musterstadt-2.yml", LIBRARY_2)
    write(catalogue, MEA, MEASURE.replace("[musterdorf, verbund]", "[musterstadt]"))
    assert_error(catalogue, rel, text, line, fragment)


# --- loader errors arrive with the file's own line numbers ------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "line", "fragment"),
    [
        (MEA, MEASURE.replace("status: completed", "status: completed\ntitle: Zweiter Titel"), 8, "Feld „title“ steht doppelt (zuerst in Zeile 2)"),
        (LIB, LIBRARY + "population: 5000\n", 18, "Feld „population“ steht doppelt (zuerst in Zeile 6)"),
        (MEA, mea("summary", "summary: &s Kurz"), 3, "YAML-Anker („&s“) sind nicht erlaubt"),
        (LIB, lib("about", "about: *ref"), 17, "YAML-Verweise („*ref“) sind nicht erlaubt"),
        (LIB, lib("population", "population: !!int 4800"), 6, "YAML-Typangaben („!!int“) sind nicht erlaubt"),
        (MEA, mea("topics", "topics: [lesefoerderung"), 5, "wird nicht mit „]“ geschlossen"),
        (MEA, mea("summary", "summary: Ort: Rathaus"), 3, "Doppelpunkt an unerwarteter Stelle"),
        (MEA, MEASURE.encode("utf-8").replace(b"Grundschulkinder", b"Grundschulkinder \xfc"), 3, "nicht in UTF-8 gespeichert (ungültiges Byte 0xfc – in Windows-1252 wäre das „ü“)"),
        (LIB, b"name: A\x00\n", 1, "Nullbytes"),
        (LIB, "name: " + "x" * 1024 * 1024 + "\n", 1, "erlaubt sind höchstens 1.024 KiB (1 MiB) Text"),
        (MEA, MEASURE.replace("title:", "title:\x0b"), 2, "Unzulässiges Steuerzeichen (U+000B)"),
    ],
)  # fmt: skip
def test_loader_errors_in_the_catalogue(catalogue, rel, text, line, fragment):
    assert_error(catalogue, rel, text, line, fragment)


def test_bom_and_crlf_keep_line_numbers(catalogue):
    text = body("## Ausgangslage\n\n<b>fett</b>\n").replace("status: completed", "status: fertig")
    write(catalogue, MEA, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    errors = error_texts(catalogue)
    assert [e.split(": ")[0] for e in errors] == [f"{MEA}:7", f"{MEA}:22"]


def test_bom_and_crlf_are_valid(catalogue):
    write(catalogue, LIB, b"\xef\xbb\xbf" + LIBRARY.replace("\n", "\r\n").encode("utf-8"))
    write(catalogue, MEA, MEASURE.replace("\n", "\r\n"))
    assert problem_texts(catalogue) == []
    assert load_catalogue(catalogue).catalogue.measures["lesesommer"].body.startswith("## Aus")


# --- unsafe Markdown in the body: lines relative to the file ----------------------------


def test_unsafe_markdown_lines_are_file_lines(catalogue):
    write(
        catalogue,
        MEA,
        body(
            "## Ausgangslage\n"  # 20
            "\n"
            "Text mit <span>HTML</span>.\n"  # 22
            "\n"
            "<script>alert(1)</script>\n"  # 24
            "[a](JavaScript:alert(1)) und [b](&#106;avascript:alert(1))\n"  # 25
            "![c](data:image/svg+xml;base64,PHN2Zz4=)\n"  # 26
            "Absatz\n"
            '{: onclick="alert(1)" }\n'  # 28
            "\n"
            "```\n"
            "<script>im Codeblock erlaubt</script>\n"
            "```\n"
        ),
    )
    assert error_texts(catalogue) == [
        f"{MEA}:22: HTML („<span>“) ist nicht erlaubt; bitte nur Markdown verwenden (z. B. **fett**, [Linktext](https://…)).",
        f"{MEA}:24: „<script>“ ist nicht erlaubt: Skripte werden nie veröffentlicht.",
        f"{MEA}:25: Link mit „javascript:“ ist nicht erlaubt; erlaubt sind nur Links mit https://, http:// und mailto:.",
        f"{MEA}:26: Link mit „data:“ ist nicht erlaubt; erlaubt sind nur Links mit https://, http:// und mailto:.",
        f"{MEA}:28: Ereignis-Attribute wie „onclick=“ sind nicht erlaubt.",
    ]  # fmt: skip


def test_body_lines_follow_multiline_front_matter(catalogue):
    text = MEASURE.replace(
        "summary: Die Bücherei lädt in den Ferien alle Grundschulkinder zum Lesesommer ein.",
        "summary: >-\n  Die Bücherei lädt in den Ferien\n  alle Grundschulkinder ein.",
    )
    text = text.split("---\n## Ausgangslage")[0] + "---\nText\n\n<i>x</i>\n"
    assert_error(catalogue, MEA, text, 24, "HTML („<i>“)")


# --- file names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "fragment"),
    [
        ("measures/Meine Maßnahme.md", "Bitte umbenennen in „meine-massnahme.md“."),
        (
            "measures/Über Öffnungszeiten & Bücher.md",
            "Bitte umbenennen in „ueber-oeffnungszeiten-buecher.md“.",
        ),
        ("measures/lesesommer_2025.md", "Bitte umbenennen in „lesesommer-2025.md“."),
        ("measures/-lesesommer-.md", "Bitte umbenennen in „lesesommer.md“."),
        ("measures/café.md", "Bitte umbenennen in „cafe.md“."),
        ("libraries/Meine Bücherei.yml", "Bitte umbenennen in „meine-buecherei.yml“."),
        ("libraries/Stadtbücherei.YML", "Bitte umbenennen in „stadtbuecherei.yml“."),
        ("measures/" + "a-" * 40 + "b.md", "höchstens 80 Zeichen"),
    ],
)
def test_file_name_is_the_id(catalogue, rel, fragment):
    write(catalogue, rel, "egal")
    error = the_error(catalogue, rel, "egal")
    assert error.startswith(f"{rel}:1: "), error
    assert fragment in error


@pytest.mark.parametrize(
    ("rel", "fragment"),
    [
        ("measures/lesesommer.markdown", "Unerwartete Datei: Maßnahmen haben die Endung „.md“. Bitte umbenennen in „lesesommer.md“."),
        ("libraries/musterheim.yaml", "Unerwartete Datei: Bibliotheksprofile haben die Endung „.yml“. Bitte umbenennen in „musterheim.yml“."),
        ("libraries/notizen.txt", "Unerwartete Datei: Bibliotheksprofile haben die Endung „.yml“."),
        ("libraries/README", "Unerwartete Datei"),
    ],
)  # fmt: skip
def test_wrong_extension(catalogue, rel, fragment):
    assert_error(catalogue, rel, "egal", 1, fragment)


def test_long_id_is_shortened_at_a_word(catalogue):
    rel = "measures/" + "Lesesommer mit der Grundschule " * 3 + ".md"
    error = the_error(catalogue, rel, "egal")
    proposed = error.split("Bitte umbenennen in „")[1].removesuffix("“.")
    assert proposed.endswith(".md")
    assert len(proposed) <= 83
    assert not proposed.removesuffix(".md").endswith("-")


@pytest.mark.parametrize(
    "rel",
    [
        "measures/_entwurf.md",
        "measures/.entwurf.md",
        "measures/_vorlage/Datei.exe",
        "measures/.git/config",
        "libraries/_vorlage.yml",
        "libraries/.DS_Store",
        "libraries/.versteckt.yml",
    ],
)
def test_files_starting_with_underscore_or_dot_are_ignored(catalogue, rel):
    write(catalogue, rel, "kaputt: [\n")
    assert problem_texts(catalogue) == []


# --- materials beyond the schema --------------------------------------------------------


def test_material_over_10_mib(catalogue):
    with (catalogue / "measures/lesesommer/lesepass.pdf").open("wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)  # sparse
    assert_error(
        catalogue,
        MEA,
        MEASURE,
        16,
        "„lesepass.pdf“ ist 10,0 MiB groß; erlaubt sind höchstens 10 MiB.",
    )


def test_material_of_exactly_10_mib(catalogue):
    with (catalogue / "measures/lesesommer/lesepass.pdf").open("wb") as file:
        file.truncate(10 * 1024 * 1024)
    assert problem_texts(catalogue) == []


def test_material_link_out_of_its_folder(catalogue, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "geheim.pdf"
    secret.write_bytes(b"%PDF")
    link = catalogue / "measures/lesesommer/link.pdf"
    link.symlink_to(secret)
    text = mea("file", "file: link.pdf")
    assert_error(
        catalogue,
        MEA,
        text,
        16,
        "„link.pdf“ verweist auf eine Datei außerhalb von measures/lesesommer/",
    )


def test_material_folder_that_is_a_link(catalogue, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "geheim.pdf").write_bytes(b"%PDF")
    (catalogue / "measures/lesesommer/lesepass.pdf").unlink()
    (catalogue / "measures/lesesommer").rmdir()
    (catalogue / "measures/lesesommer").symlink_to(outside)
    text = mea("file", "file: geheim.pdf")
    assert_error(
        catalogue, MEA, text, 16, "verweist auf eine Datei außerhalb von measures/lesesommer/"
    )


def test_entry_file_that_is_a_link(catalogue):
    (catalogue / "libraries/extern.yml").symlink_to("/etc/passwd")
    assert error_texts(catalogue) == [
        "libraries/extern.yml:1: Verknüpfungen (Symlinks) sind nicht erlaubt; bitte die Datei selbst ablegen."
    ]


def test_material_folder_without_measure(catalogue):
    write(catalogue, "measures/lesesomer/plan.pdf", b"%PDF")
    assert error_texts(catalogue) == [
        "measures/lesesomer:1: Zum Materialordner „measures/lesesomer/“ gibt es keine Maßnahme „measures/lesesomer.md“."
    ]  # fmt: skip


def test_unlisted_material_is_a_warning(catalogue):
    write(catalogue, "measures/lesesommer/entwurf.docx", b"x")
    assert problem_texts(catalogue) == [
        "measures/lesesommer/entwurf.docx:1: Warnung: Diese Datei wird in „materials“ der Maßnahme nicht genannt und daher nicht veröffentlicht."
    ]  # fmt: skip
    assert load_catalogue(catalogue).catalogue is not None


# --- warnings and everything at once ----------------------------------------------------


def test_missing_area_is_only_a_warning(catalogue):
    write(catalogue, LIB, lib("area_m2", None))
    assert problem_texts(catalogue) == [
        f"{LIB}:1: Warnung: Empfohlenes Feld „area_m2“ fehlt (Publikumsfläche in m²); ohne Fläche findet der Größenfilter die Bibliothek nicht. Ist keine Fläche veröffentlicht, bitte „area_m2: unbekannt“ eintragen."
    ]  # fmt: skip
    result = load_catalogue(catalogue)
    assert result.catalogue is not None
    assert result.problems.errors == []


def test_area_stated_as_unknown_gets_no_warning(catalogue):
    write(catalogue, LIB, lib("area_m2", "area_m2: unbekannt"))
    assert problem_texts(catalogue) == []
    assert load_catalogue(catalogue).catalogue.libraries["musterdorf"].area_m2 is None


def test_network_needs_no_size_figures_and_gets_no_warning(catalogue):
    assert not any(p.startswith(NET) for p in problem_texts(catalogue))
    assert load_catalogue(catalogue).catalogue.libraries["verbund"].population is None


def test_thousands_point_in_a_decimal_field_is_a_warning(catalogue):
    write(catalogue, LIB, lib("area_m2", "area_m2: 1.200"))
    assert problem_texts(catalogue) == [
        f"{LIB}:7: Warnung: „area_m2“: 1.200 wird als 1,2 gelesen; falls 1200 gemeint ist, bitte ohne Tausenderpunkt schreiben."
    ]  # fmt: skip


def test_all_problems_of_all_files_at_once_sorted_by_path_and_line(catalogue):
    write(
        catalogue,
        MEA,
        mea("status", "status: fertig").replace("topics: [lesefoerderung", "topics: [lesen"),
    )
    write(catalogue, LIB, lib("population", "population: 0").replace("area_m2: 180", "area_m2: 0"))
    write(catalogue, NET, edit(NETWORK, "members", "members: [musterdorf]"))
    write(catalogue, LIB2, lib("area_m2", None).replace("Musterdorf", "Musterstadt"))
    write(catalogue, "libraries/Neue Bücherei.yml", "egal")
    write(catalogue, "measures/zweite.md", "kein Kopfbereich")
    problems = problem_texts(catalogue)
    assert [p.split(": ")[0] for p in problems] == [
        "libraries/Neue Bücherei.yml:1",
        f"{LIB}:6",
        f"{LIB}:7",
        f"{LIB2}:1",  # the warning
        f"{NET}:3",
        f"{MEA}:5",
        f"{MEA}:7",
        "measures/zweite.md:1",
    ]
    assert "Warnung: " in problems[3]
    assert load_catalogue(catalogue).catalogue is None


def test_errors_in_one_file_cause_no_follow_up_errors(catalogue):
    # musterdorf has an error of its own; the measure and the network that name it do not.
    assert_error(
        catalogue, LIB, lib("population", "population: 0"), 6, "„population“ muss zwischen"
    )


def test_missing_folders_and_taxonomy(tmp_path):
    assert problem_texts(tmp_path) == [
        "libraries:1: Der Ordner „libraries/“ fehlt.",
        "measures:1: Der Ordner „measures/“ fehlt.",
        f"{TAX}:1: Die Datei mit den Vokabularen fehlt.",
    ]


# --- the taxonomy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (TAXONOMY.replace("id: ehrenamt", "id: Ehren Amt"), 17, "Kennung „Ehren Amt“: bitte „ehren-amt“."),
        (TAXONOMY.replace("id: ehrenamt", "id: netzwerke"), 17, "Kennung „netzwerke“ steht doppelt."),
        (TAXONOMY.replace("  - id: ehrenamt\n", "  - ehrenamt\n  - id: ehrenamt\n"), 17, "„topics[6]“ muss eine Zuordnung"),
        (TAXONOMY.replace("    description: Ehrenamtliche gewinnen.\n", ""), 17, "Pflichtfeld „description“ fehlt in „topics[6]“"),
        (TAXONOMY.replace("  DE: [Bayern, Hessen, Nordrhein-Westfalen]", "  DE: Bayern"), 26, "„states.DE“ muss eine Liste von Namen sein."),
        (TAXONOMY.replace("states:\n  DE: [Bayern, Hessen, Nordrhein-Westfalen]\n", ""), 1, "Pflichtfeld „states“ fehlt"),
    ],
)  # fmt: skip
def test_taxonomy_rules(catalogue, text, line, fragment):
    write(catalogue, TAX, text)
    errors = error_texts(catalogue)
    assert errors
    assert errors[0].startswith(f"{TAX}:{line}: "), errors
    assert fragment in errors[0]


# --- hostile content: ids that name generated pages, invisible characters, far dates ----


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("measures/index.md", MEASURE),
        ("libraries/index.yml", LIBRARY_2),
    ],
)
def test_reserved_ids_cannot_replace_a_generated_page(catalogue, rel, text):
    assert_error(
        catalogue, rel, text, 1, "Die Kennung „index“ ist für eine Seite der Website reserviert."
    )


def test_reserved_topic_id(catalogue):
    text = TAXONOMY.replace("  - id: ehrenamt", "  - id: index")
    assert_error(
        catalogue, TAX, text, 17, "Die Kennung „index“ ist für eine Seite der Website reserviert."
    )


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\u202e", "U+202E"),  # right-to-left override: "fdp.exe" shows as "exe.pdf"
        ("\u200b", "U+200B"),  # zero-width space
        ("\u2066", "U+2066"),  # left-to-right isolate
        ("\ufeff", "U+FEFF"),  # a byte order mark inside the text
    ],
)
def test_invisible_characters_in_plain_text_fields(catalogue, char, code):
    text = mea("title", f'title: "Lese{char}sommer"')
    assert_error(
        catalogue, MEA, text, 2, f"„title“ enthält an Stelle 5 das unsichtbare Zeichen {code}."
    )
    write(catalogue, MEA, MEASURE)
    name = lib("name", f'name: "Bücherei{char} Musterdorf"')
    assert_error(
        catalogue, LIB, name, 1, f"„name“ enthält an Stelle 9 das unsichtbare Zeichen {code}."
    )


def test_soft_hyphen_and_line_breaks_are_text(catalogue):
    write(catalogue, MEA, mea("summary", 'summary: "Lese\u00adsommer für alle\\nKinder"'))
    assert error_texts(catalogue) == []


@pytest.mark.parametrize(
    ("replacement", "line", "fragment"),
    [
        (
            "end: 9999-12",
            10,
            "„period.end“: Das Jahr in 9999-12 liegt nicht zwischen 1900 und 2100.",
        ),
        (
            "end: 9999-12-31",
            10,
            "„period.end“: Das Jahr in 9999-12-31 liegt nicht zwischen 1900 und 2100.",
        ),
        ("end: 1066", 10, "„period.end“: Das Jahr in 1066 liegt nicht zwischen 1900 und 2100."),
    ],
)
def test_far_years_are_typos_not_tracebacks(catalogue, replacement, line, fragment):
    assert_error(catalogue, MEA, mea("end", replacement), line, fragment)


def test_far_publication_date(catalogue):
    assert_error(
        catalogue, MEA, mea("published", "published: 9999-12-31"), 18, "Das Jahr in 9999-12-31"
    )


# --- German input, understood: the message gives the exact replacement ------------------

GERMAN_INPUT = [
    (MEA, mea("published", "published: 14.03.2025"), 18, "„published“: Datum bitte so schreiben: „2025-03-14“."),
    (MEA, mea("start", "start: März 2024"), 9, "„period.start“: Datum bitte so schreiben: „2024-03“."),
    (MEA, mea("end", "end: 30.09.2025"), 10, "„period.end“: Datum bitte so schreiben: „2025-09-30“."),
    (MEA, mea("staff_hours", "staff_hours: 1.500,50"), 13, "„effort.staff_hours“ muss eine Zahl sein: bitte so schreiben: „1500.5“."),
    (LIB, lib("area_m2", "area_m2: 180 m²"), 7, "„area_m2“ muss eine Zahl oder „unbekannt“ sein: bitte so schreiben: „180“."),
    (LIB, lib("staff_fte", "staff_fte: 1,5 VZÄ"), 8, "„staff_fte“ muss eine Zahl oder „unbekannt“ sein: bitte so schreiben: „1.5“."),
    (LIB, lib("population", "population: 12.000 Einwohner"), 6, "„population“ muss eine ganze Zahl sein: bitte so schreiben: „12000“."),
    (MEA, mea("topics", "topics: [Leseförderung]"), 5, "Thema „Leseförderung“ gibt es nicht – meinten Sie „lesefoerderung“?"),
    (MEA, mea("status", "status: abgeschlossen"), 7, "„status“: „abgeschlossen“ ist nicht erlaubt – meinten Sie „completed“?"),
    (MEA, mea("status", "status: „completed“"), 7, "„status“: Bitte die typografischen Anführungszeichen weglassen, also „status: completed“"),
    (LIB, lib("population", "population: “4800”"), 6, "„population“: Bitte die typografischen Anführungszeichen weglassen, also „population: 4800“"),
    (LIB, LIBRARY.replace("  email:", "\u00a0\u00a0email:"), 12, "Diese Zeile ist mit geschützten Leerzeichen (U+00A0) eingerückt; bitte durch normale Leerzeichen ersetzen."),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "text", "line", "message"), GERMAN_INPUT)
def test_german_input_gets_the_exact_replacement(catalogue, rel, text, line, message):
    assert_error(catalogue, rel, text, line, message)


def test_the_templates_prompts_left_in_a_text_are_reported(catalogue):
    text = body(
        "## Ausgangslage\n\nWas war vor Ort los? Welches Problem oder welche Idee stand am Anfang?\n"
    )
    assert_error(catalogue, MEA, text, 22, "Hier steht noch der Hinweis der Vorlage")
