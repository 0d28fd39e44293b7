"""The purpose-made catalogue of the browser tests: few measures, figures at the edges; with
the fixture catalogue's taxonomy and the repository's site configuration."""

from __future__ import annotations

from pathlib import Path

from catalogue_files import profile_text as library
from catalogue_files import write_project


def measure(title: str, summary: str, body: str, **fields: str) -> str:
    front = [f"title: {title}", f"summary: {summary}"]
    front += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


# Figures chosen at the class boundaries: 5,000 vs 5,001 inhabitants, 100 vs 101 m²,
# 0 VZÄ (volunteer-run) vs 1 VZÄ; one library without an area. Two networks: one with a
# state of its own that none of its members has (STATES), one without measures of its own.
# Adoptions („nachgemacht“, ADOPTERS): 3, 2 and 1 for three measures, none for the rest.
LIBRARIES = {
    "dorf-a": library(
        "Gemeindebücherei Altdorf",
        5000,
        100,
        0,
        "toolkit:\n  date: 2025-03-14\n  priorities: [lesefoerderung, veranstaltungen]\n",
    ),
    "dorf-b": library(
        "Bücherei Birkenau",
        5001,
        101,
        1,
        "adopted: [lesefoerderung-dorf, schulbesuche]\n",
    ),
    "stadt-c": library("Stadtbibliothek Castrop", 400000, 5000, 25, state="Nordrhein-Westfalen"),
    "ohne-flaeche": library(
        "Ortsbücherei Dornbach",
        4000,
        None,
        1.5,
        "adopted: [lesefoerderung-dorf, grossstadt-blog]\n",
    ),
    "klein-d": library(
        "Gemeindebücherei Eichstett", 4800, 180, 1.5, "adopted: [lesefoerderung-dorf]\n"
    ),
    "mittel-e": library(
        "Stadtbücherei Falkenau",
        12000,
        400,
        3,
        "adopted: [schulbesuche]\n",
        state="Baden-Württemberg",
    ),
    "verbund-x": (
        "name: Verbund Mittelland\nkind: network\nstate: Niedersachsen\n"
        "members: [mittel-e, stadt-c]\n"
    ),
    "verbund-y": "name: Büchereiverbund Auetal\nkind: network\nmembers: [dorf-a, dorf-b]\n",
}

MEASURES = {
    "lesefoerderung-dorf": measure(
        "Leseförderung im Dorf",
        "Ehrenamtliche laden Kinder zum Vorlesen ein.",
        "## Umsetzung\n\nJede Veranstaltung beginnt mit einem Bilderbuch.",
        libraries="[dorf-a]",
        topics="[lesefoerderung]",
        audiences="[kinder]",
        status="completed",
        effort="\n  level: low",
        published="2026-01-10",
    ),
    "vorlesepaten": measure(
        "Vorlesepaten gewinnen",
        "Die Bücherei sucht Paten, die Familien besuchen.",
        "## Umsetzung\n\nPaten lesen in den Familien vor.",
        libraries="[dorf-b]",
        topics="[ehrenamt, lesefoerderung]",
        audiences="[familien]",
        status="running",
        effort="\n  level: medium",
        published="2026-02-10",
        collaboration="\n  seeking: Wir suchen Partner.\n  until: 2099-12-31",
    ),
    "grossstadt-blog": measure(
        "Blog der Großstadtbibliothek",
        "Ein Redaktionsteam schreibt jede Woche einen Beitrag.",
        "## Umsetzung\n\nDas Team plant die Beiträge gemeinsam.",
        libraries="[stadt-c]",
        topics="[social-media]",
        audiences="[erwachsene]",
        status="planned",
        effort="\n  level: high",
        published="2026-03-10",
        partners="[Medienzentrum Nord]",
    ),
    "buecherkiste": measure(
        "Bücherkiste für Ortsteile",
        "Eine Kiste mit Büchern wandert durch die Ortsteile.",
        "## Umsetzung\n\nDie Kiste wird jeden Monat getauscht.",
        libraries="[ohne-flaeche]",
        topics="[mobile-angebote]",
        audiences="[senioren]",
        status="discontinued",
        published="2026-04-10",
        collaboration="\n  seeking: Suche beendet.\n  until: 2020-01-01",
    ),
    "verbund-kalender": measure(
        "Gemeinsamer Kalender im Verbund",
        "Die Veranstaltungen aller Bibliotheken stehen in einem Kalender.",
        "## Umsetzung\n\nEine Tabelle genügt.",
        libraries="[verbund-x]",
        topics="[veranstaltungen, netzwerke]",
        audiences="[erwachsene, familien]",
        status="running",
        effort="\n  level: low",
        published="2026-05-10",
    ),
    "schulbesuche": measure(
        "Schulbesuche mit der Grundschule",
        "Leseförderung für alle Klassen – jede Klasse besucht einmal im Jahr die Bücherei.",
        "## Umsetzung\n\nDie Lehrkräfte melden ihre Klassen an.",
        libraries="[klein-d]",
        topics="[schule-kita, lesefoerderung]",
        audiences="[kinder, schulen]",
        status="completed",
        effort="\n  level: medium",
        published="2026-06-10",
    ),
    "onleihe-sprechstunde": measure(
        "Onleihe-Sprechstunde",
        "Einmal im Monat helfen wir beim Ausleihen von E-Books.",
        "## Umsetzung\n\nDie Sprechstunde findet am Dienstag statt.",
        libraries="[mittel-e]",
        topics="[digitale-angebote]",
        audiences="[senioren]",
        status="running",
        published="2026-07-10",
    ),
}
# measure -> its states: of its size libraries, and a network's own (verbund-kalender)
STATES = {
    "onleihe-sprechstunde": ["Baden-Württemberg"],
    "schulbesuche": ["Hessen"],
    "verbund-kalender": ["Baden-Württemberg", "Niedersachsen", "Nordrhein-Westfalen"],
    "buecherkiste": ["Hessen"],
    "grossstadt-blog": ["Nordrhein-Westfalen"],
    "vorlesepaten": ["Hessen"],
    "lesefoerderung-dorf": ["Hessen"],
}
# network -> its measures: its own and those of its members
NETWORK_MEASURES = {
    "verbund-x": ["onleihe-sprechstunde", "verbund-kalender", "grossstadt-blog"],
    "verbund-y": ["vorlesepaten", "lesefoerderung-dorf"],
}
ADOPTERS = {"lesefoerderung-dorf": 3, "schulbesuche": 2, "grossstadt-blog": 1}
NEWEST_FIRST = [
    "onleihe-sprechstunde", "schulbesuche", "verbund-kalender", "buecherkiste",
    "grossstadt-blog", "vorlesepaten", "lesefoerderung-dorf",
]  # fmt: skip


def write_test_catalogue(project: Path) -> Path:
    return write_project(project, LIBRARIES, MEASURES)
