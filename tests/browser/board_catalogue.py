"""The purpose-made catalogue of the board's tests (``/kooperationen/``): libraries of
different sizes in different states, a network, and collaborations that are open, matched and
closed (by ``status`` and by an ``until`` in the past), seeking, offering or both; with the
fixture catalogue's taxonomy and the repository's site configuration.

The figures sit at the size classes' boundaries (5,000 / 5,001 inhabitants, 100 / 101 m²,
0 / 1 VZÄ) and one library has no area, so that the size filters' edges can be tested. What
the board should show is written down below (:data:`ENTRIES`), for the tests to compare with.
"""

from __future__ import annotations

from pathlib import Path

from catalogue_files import profile_text, write_project


def library(
    name: str, state: str, population: int, area: float | None, staff: float, extra: str = ""
) -> str:
    """A library profile's YAML; ``area`` None: no area published („unbekannt“)."""
    return profile_text(
        name, population, "unbekannt" if area is None else area, staff, extra, state
    )


def measure(title: str, published: str, libraries: str, topics: str, **fields: str) -> str:
    """A measure file: front matter from the arguments, a short body."""
    front = [
        f"title: {title}",
        f"summary: {title} – ein Beispiel für die Tests der Kooperationsbörse.",
        f"libraries: {libraries}",
        f"topics: {topics}",
        "audiences: [erwachsene]",
        "status: running",
        f"published: {published}",
    ]
    front += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(front) + "\n---\n\n## Umsetzung\n\nSo haben wir es gemacht.\n"


def collaboration(**fields: str) -> str:
    """The ``collaboration:`` block of a measure's front matter."""
    return "".join(f"\n  {key}: {value}" for key, value in fields.items())


LIBRARIES = {
    "klein-nord": library(
        "Gemeindebücherei Nordheim",
        "Niedersachsen",
        5000,
        100,
        0,
        "toolkit:\n  date: 2025-03-14\n  priorities: [lesefoerderung, ehrenamt]\n",
    ),
    "nachbar-nord": library(
        "Bücherei Nachbarort",
        "Niedersachsen",
        4700,
        120,
        0.5,
        "toolkit:\n  date: 2025-05-02\n  priorities: [mobile-angebote]\n",
    ),
    "klein-sued": library("Bücherei Südhausen", "Bayern", 5001, 101, 1),
    "ohne-flaeche": library("Ortsbücherei Ohnezahl", "Hessen", 4000, None, 1.5),
    "mittel-west": library(
        "Stadtbücherei Westerburg",
        "Nordrhein-Westfalen",
        12000,
        400,
        3,
        "toolkit:\n  date: 2025-01-20\n  priorities: [veranstaltungen]\n",
    ),
    "gross-west": library("Stadtbibliothek Weststadt", "Nordrhein-Westfalen", 250000, 4000, 40),
    "verbund-west": (
        "name: Verbund Westliches Land\nkind: network\nstate: Nordrhein-Westfalen\n"
        "members: [mittel-west, gross-west]\n"
    ),
}

MEASURES = {
    # open, seeking and offering, until in the future
    "buecherkiste": measure(
        "Bücherkiste für die Ortsteile",
        "2026-06-10",
        "[klein-nord]",
        "[mobile-angebote, ehrenamt]",
        collaboration=collaboration(
            seeking="Wir suchen Bibliotheken, die Kisteninhalte mit uns tauschen.",
            offering="Unsere Packliste geben wir gern weiter.",
            until="2099-12-31",
        ),
    ),
    # open, offering only, no end date
    "lesestart": measure(
        "Lesestart für Kleine",
        "2026-05-10",
        "[klein-sued]",
        "[lesefoerderung]",
        collaboration=collaboration(offering="Unsere Vorlesetaschen verleihen wir."),
    ),
    # open, seeking only; its library has no area
    "onleihe-hilfe": measure(
        "Hilfe bei der Onleihe",
        "2026-04-10",
        "[ohne-flaeche]",
        "[digitale-angebote]",
        collaboration=collaboration(seeking="Wer hilft uns bei einer Sprechstunde?"),
    ),
    # matched, through a network: the members' figures count
    "verbund-kalender": measure(
        "Kalender im Verbund",
        "2026-03-10",
        "[verbund-west]",
        "[veranstaltungen, netzwerke]",
        collaboration=collaboration(
            seeking="Wir suchten eine Bibliothek, die die Termine sammelt.",
            status="matched",
            result="gemeinsamer-kalender",
        ),
    ),
    # closed by an until in the past; libraries in two states
    "lesesommer": measure(
        "Lesesommer mit der Grundschule",
        "2026-02-10",
        "[mittel-west, klein-nord]",
        "[lesefoerderung, schule-kita]",
        collaboration=collaboration(
            seeking="Wir suchten Bibliotheken, die 2020 mitmachen.", until="2020-01-01"
        ),
    ),
    # closed by its status
    "makerspace": measure(
        "Makerspace-Koffer",
        "2026-01-10",
        "[gross-west]",
        "[digitale-angebote]",
        collaboration=collaboration(offering="Wir verliehen unseren Koffer.", status="closed"),
    ),
    # no collaboration: not on the board; the joint result of verbund-kalender
    "gemeinsamer-kalender": measure(
        "Gemeinsamer Veranstaltungskalender", "2026-07-10", "[verbund-west]", "[veranstaltungen]"
    ),
    # no collaboration: a measure of its own on a topic („eigene Maßnahme zum Thema …“)
    "vorlesen": measure("Vorlesen im Dorf", "2025-12-10", "[nachbar-nord]", "[lesefoerderung]"),
}

# What the board shows: per entry its group and data- attributes, in the board's order
# (open, matched, closed; newest first in each group).
ENTRIES = {
    "buecherkiste": {
        "collaboration": "open",
        "kind": "seeking offering",
        "topics": "mobile-angebote ehrenamt",
        "states": "niedersachsen",
        "population": "5000",
        "area_m2": "100",
        "staff_fte": "0",
    },
    "lesestart": {
        "collaboration": "open",
        "kind": "offering",
        "topics": "lesefoerderung",
        "states": "bayern",
        "population": "5001",
        "area_m2": "101",
        "staff_fte": "1",
    },
    "onleihe-hilfe": {
        "collaboration": "open",
        "kind": "seeking",
        "topics": "digitale-angebote",
        "states": "hessen",
        "population": "4000",
        "area_m2": "",
        "staff_fte": "1.5",
    },
    "verbund-kalender": {
        "collaboration": "matched",
        "kind": "seeking",
        "topics": "veranstaltungen netzwerke",
        "states": "nordrhein-westfalen",
        "population": "12000 250000",
        "area_m2": "400 4000",
        "staff_fte": "3 40",
    },
    "lesesommer": {
        "collaboration": "closed",
        "kind": "seeking",
        "topics": "lesefoerderung schule-kita",
        "states": "niedersachsen nordrhein-westfalen",
        "population": "12000 5000",
        "area_m2": "400 100",
        "staff_fte": "3 0",
    },
    "makerspace": {
        "collaboration": "closed",
        "kind": "offering",
        "topics": "digitale-angebote",
        "states": "nordrhein-westfalen",
        "population": "250000",
        "area_m2": "4000",
        "staff_fte": "40",
    },
}
GROUPS = ["open", "matched", "closed"]


def write_board_catalogue(project: Path) -> Path:
    """The catalogue above and the repository's site configuration below ``project``."""
    return write_project(project, LIBRARIES, MEASURES)
