# ruff: noqa: E501  (German sentence pools read best one sentence per line)
"""Deterministic synthetic catalogues for the benchmark.

Two kinds of folder are generated for a size N:

* a full catalogue (``write_catalogue``): ``measures/_taxonomy.yml``, N/5 library profiles
  (about 5 % of them networks), N measures with valid front matter and a German body of
  roughly 250–400 words, plus the repository's ``mkdocs.yml``, ``docs/`` and ``overrides/``;
* a bare MkDocs site (``write_bare_site``): the same N bodies as plain Markdown pages, kept
  out of the navigation, built with Material and MkDocs' default plugins only.

Everything is derived from a seeded ``random.Random``; the same size and seed give the same
bytes. Run it on its own to inspect a catalogue:

    .venv/bin/python benchmarks/synthetic.py 200 /tmp/catalogue-200
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent

MEASURES_PER_LIBRARY = 5
NETWORK_SHARE = 0.05

# --- Vocabularies (ids from CONTENT-MODEL.md) --------------------------------------------

TOPICS = {
    "social-media": "Social Media",
    "oeffentlichkeitsarbeit": "Öffentlichkeitsarbeit",
    "veranstaltungen": "Veranstaltungen",
    "lesefoerderung": "Leseförderung",
    "schule-kita": "Schule und Kita",
    "digitale-angebote": "Digitale Angebote",
    "kulturerbe": "Kulturerbe",
    "mobile-angebote": "Mobile Angebote",
    "raum": "Raum und Ausstattung",
    "bestand": "Bestand",
    "netzwerke": "Netzwerke und Kooperationen",
    "ehrenamt": "Ehrenamt",
    "organisation": "Organisation",
    "finanzierung": "Finanzierung",
}

AUDIENCES = {
    "kinder": "Kinder",
    "jugendliche": "Jugendliche",
    "familien": "Familien",
    "erwachsene": "Erwachsene",
    "senioren": "Seniorinnen und Senioren",
    "schulen": "Schulen",
    "zugewanderte": "Zugewanderte",
    "menschen-mit-behinderung": "Menschen mit Behinderung",
    "bibliotheksteams": "Bibliotheksteams",
}

STATES_DE = [
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
    "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
]  # fmt: skip

# --- Word pools for names and text ---------------------------------------------------------

PLACE_PREFIXES = ["", "", "", "Ober", "Nieder", "Alt", "Neu", "Groß", "Klein", "Hohen", "Bad "]
PLACE_STEMS = [
    "Linden", "Eichen", "Buchen", "Birken", "Wald", "Berg", "Mühl", "Stein", "Rosen", "Hassel",
    "Wolfs", "Fuchs", "Kirch", "Sonnen", "Brunn", "Hirsch", "Erlen", "Weiden", "Tann", "Marien",
    "Lauter", "Schön", "Wiesen", "Ahorn", "Falken", "Horn", "Kalten", "Rot", "Weißen", "Holz",
]  # fmt: skip
PLACE_SUFFIXES = [
    "bach", "feld", "heim", "dorf", "hausen", "ingen", "stedt", "burg", "rode", "hagen",
    "au", "born", "tal", "felde", "kirchen", "wald", "furt", "brück",
]  # fmt: skip

PARTNERS = [
    "Grundschule am Markt", "Kindertagesstätte Sonnenschein", "Volkshochschule",
    "Heimatverein", "Seniorenbeirat", "Jugendzentrum", "Förderverein der Bibliothek",
    "Fachstelle für Öffentliche Bibliotheken", "Kreisarchiv", "Evangelische Kirchengemeinde",
    "Katholische Pfarrgemeinde", "Familienzentrum", "Landfrauenverein", "Sparkassenstiftung",
    "Integrationsbeirat", "Lokalzeitung", "Musikschule", "Gymnasium", "Gesamtschule",
    "Mehrgenerationenhaus", "Tourist-Information", "Buchhandlung am Ort",
]  # fmt: skip

ACTIONS = {
    "social-media": ["Gemeinsamer Instagram-Kanal", "Facebook-Seite", "Messenger-Newsletter",
                     "Bibliotheksblog", "Kurzvideos aus dem Bibliotheksalltag"],
    "oeffentlichkeitsarbeit": ["Pressearbeit mit der Lokalzeitung", "Plakataktion",
                               "Neuer Internetauftritt", "Jahresbericht für den Gemeinderat"],
    "veranstaltungen": ["Lesungsreihe", "Spieleabend", "Aktionstag", "Ausstellung",
                        "Bibliotheksfest", "Erzählcafé"],
    "lesefoerderung": ["Lesesommer", "Vorlesepaten", "Lesestart-Sprechstunde", "Bilderbuchkino",
                       "Leseclub"],
    "schule-kita": ["Bibliotheksführerschein", "Klassenführungen", "Medienkisten für die Kita",
                    "Lesepass mit der Grundschule"],
    "digitale-angebote": ["Onleihe-Sprechstunde", "Tablet-Kurs", "Makerspace",
                          "Digitale Sprechstunde", "Code-Club"],
    "kulturerbe": ["Digitalisierung der Ortschronik", "Erzählwerkstatt Ortsgeschichte",
                   "Heimatsammlung"],
    "mobile-angebote": ["Bücherkiste für die Ortsteile", "Lieferdienst", "Bücherbus-Halt",
                        "Offener Bücherschrank"],
    "raum": ["Lesegarten", "Neue Kinderecke", "Lernplätze", "Open Library"],
    "bestand": ["Bestandsaktualisierung", "Saatgutbibliothek", "Bibliothek der Dinge",
                "Themenregal"],
    "netzwerke": ["Verbund der Nachbarbibliotheken", "Gemeinsamer Veranstaltungskalender",
                  "Austauschtreffen im Landkreis"],
    "ehrenamt": ["Ehrenamtsbörse", "Dankeschön-Abend für Ehrenamtliche",
                 "Einarbeitung neuer Ehrenamtlicher"],
    "organisation": ["Internes Wiki", "Neue Öffnungszeiten", "Selbstverbuchung",
                     "Dienstplan-Werkzeug"],
    "finanzierung": ["Förderantrag beim Land", "Crowdfunding", "Sponsorenlauf",
                     "Gründung eines Fördervereins"],
}  # fmt: skip

SITUATION = [
    "In {ort} leben rund {einwohner} Menschen, viele davon in verstreuten Ortsteilen ohne eigenen Laden oder Treffpunkt.",
    "Die {bib} ist an drei Tagen in der Woche geöffnet und wird von einem kleinen Team getragen.",
    "Beim Blick in die Statistik fiel auf, dass {zielgruppe} die Bibliothek kaum noch besuchten.",
    "Im Toolkit-Workshop stand das Handlungsfeld {thema} ganz oben auf der Liste der Prioritäten.",
    "Ähnliche Bibliotheken im Landkreis hatten mit einer vergleichbaren Idee gute Erfahrungen gemacht.",
    "Die Gemeinde wollte die Bibliothek stärker als Ort für Bildung und Begegnung sichtbar machen.",
    "Für neue Angebote fehlten zunächst Zeit, Geld und ein geeigneter Raum.",
    "Die Anregung kam aus dem Kreis der Ehrenamtlichen, die von einem Besuch in einer Nachbarbibliothek berichteten.",
    "Seit der Schließung der Schulbibliothek fragten Lehrkräfte immer öfter nach Unterstützung.",
    "Viele Menschen im Ort kannten die Angebote der Bibliothek schlicht nicht.",
    "Die Ausleihzahlen waren über mehrere Jahre leicht gesunken, obwohl der Bestand regelmäßig erneuert wurde.",
    "Der Träger bat darum, mit wenig zusätzlichem Aufwand mehr {zielgruppe} zu erreichen.",
]  # fmt: skip

IMPLEMENTATION = [
    "Im Frühjahr {jahr} bildete sich eine kleine Arbeitsgruppe, die sich einmal im Monat traf.",
    "Gemeinsam mit dem Partner {partner} entstand ein einfacher Ablaufplan mit klaren Zuständigkeiten.",
    "Die ersten Termine wurden über Aushänge, das Gemeindeblatt und die Website angekündigt.",
    "Für die Ausstattung reichte ein Budget von rund {budget} Euro, das der Förderverein übernahm.",
    "Das Team testete das Angebot zunächst in einer Pilotphase von acht Wochen und passte es danach an.",
    "Ehrenamtliche übernahmen die Betreuung an den Nachmittagen, die Bibliotheksleitung kümmerte sich um Planung und Abrechnung.",
    "Alle Vorlagen, Checklisten und Texte wurden in einem gemeinsamen Ordner abgelegt, damit andere sie nachnutzen können.",
    "Eine kurze Schulung für das Team sorgte dafür, dass alle Fragen der Besucherinnen und Besucher beantworten konnten.",
    "Die Termine lagen bewusst am späten Nachmittag, damit auch Berufstätige und Familien kommen konnten.",
    "Insgesamt flossen etwa {stunden} Arbeitsstunden in Vorbereitung und Durchführung.",
    "Nach jeder Runde sammelte das Team Rückmeldungen auf einfachen Karten und wertete sie gemeinsam aus.",
    "Über die Nachbarbibliotheken im Verbund ließen sich Material und Erfahrungen unkompliziert austauschen.",
]  # fmt: skip

RESULTS = [
    "Im ersten Jahr nahmen {teilnehmende} Personen an dem Angebot teil, deutlich mehr als erwartet.",
    "Die Zahl der neu angemeldeten Leserinnen und Leser stieg um {prozent} Prozent.",
    "Besonders {zielgruppe} nutzten das Angebot regelmäßig und brachten Freunde und Nachbarn mit.",
    "Die Lokalzeitung berichtete mehrfach, was der Bibliothek spürbar mehr Aufmerksamkeit brachte.",
    "Der Aufwand blieb überschaubar, weil viele Aufgaben auf mehrere Schultern verteilt waren.",
    "Aus der Zusammenarbeit mit {partner} ist inzwischen eine feste Partnerschaft geworden.",
    "Nicht alles hat funktioniert: Die Termine am Vormittag wurden kaum angenommen und später gestrichen.",
    "Die Gemeinde hat zugesagt, das Angebot auch in den kommenden Jahren zu unterstützen.",
    "Rückmeldungen zeigen, dass die Bibliothek heute stärker als Treffpunkt im Ort wahrgenommen wird.",
    "Die Ausleihe im Bereich {thema} hat sich gegenüber dem Vorjahr fast verdoppelt.",
    "Zwei weitere Bibliotheken aus dem Landkreis haben die Idee bereits übernommen.",
]  # fmt: skip

TIPS = [
    "Klein anfangen und erst nach einer Testphase erweitern.",
    "Partner vor Ort früh einbinden, sie kennen ihre Zielgruppen am besten.",
    "Aufgaben schriftlich verteilen, damit nichts an einer Person hängen bleibt.",
    "Fotos und Zahlen von Anfang an sammeln, sie helfen beim nächsten Förderantrag.",
    "Feste Termine wählen, die sich leicht merken lassen.",
    "Ehrenamtliche nicht überfordern und ihre Arbeit sichtbar anerkennen.",
    "Vorlagen aus anderen Bibliotheken nutzen, statt alles neu zu erfinden.",
    "Die Presse mit einem kurzen Text und einem guten Foto versorgen.",
    "Rückmeldungen ernst nehmen und das Angebot jedes Jahr anpassen.",
    "Mit dem Träger früh über Kosten und Nutzen sprechen.",
    "Den Zeitaufwand realistisch planen und Puffer für Krankheit und Urlaub einrechnen.",
]  # fmt: skip

MOTTO_WORDS = [
    "Bunte", "Neue", "Offene", "Weite", "Starke", "Kleine", "Große", "Helle", "Junge", "Wilde",
    "Stille", "Laute", "Gemeinsame", "Goldene", "Grüne", "Fliegende", "Reisende", "Wache",
    "Mutige", "Freie", "Schnelle", "Sanfte", "Klare", "Frische", "Alte",
]  # fmt: skip
MOTTO_NOUNS = [
    "Seiten", "Welten", "Worte", "Wege", "Türen", "Köpfe", "Geschichten", "Ideen", "Zeilen",
    "Nachbarn", "Stimmen", "Brücken", "Fenster", "Momente", "Räume", "Funken", "Schätze",
    "Freunde", "Fragen", "Wurzeln", "Flügel", "Kisten", "Pfade", "Sterne", "Bücherwürmer",
]  # fmt: skip

OUTCOME_LABELS = [
    "Teilnehmende im ersten Jahr", "Neue Bibliotheksausweise", "Veranstaltungen",
    "Ausleihen", "Beteiligte Ehrenamtliche", "Besuche", "Beiträge", "Erreichte Klassen",
]  # fmt: skip

STATUS_WEIGHTS = {"completed": 5, "running": 4, "planned": 1, "discontinued": 1}


@dataclass(frozen=True)
class Library:
    """A generated library or network, before it is written as a profile."""

    id: str
    name: str
    municipality: str
    state: str
    population: int
    is_network: bool = False


# --- Taxonomy ----------------------------------------------------------------------------------


def taxonomy() -> dict:
    """The vocabularies of CONTENT-MODEL.md as a ``_taxonomy.yml`` document."""
    return {
        "topics": [
            {"id": key, "label": label, "description": f"Maßnahmen zum Handlungsfeld {label}."}
            for key, label in TOPICS.items()
        ],
        "audiences": [{"id": key, "label": label} for key, label in AUDIENCES.items()],
        "states": {"DE": STATES_DE},
    }


# --- Libraries -----------------------------------------------------------------------------------


def place_name(rng: random.Random) -> str:
    """A German-looking place name, so that titles and bodies read like real ones."""
    prefix = rng.choice(PLACE_PREFIXES)
    stem = rng.choice(PLACE_STEMS)
    name = prefix + (stem.lower() if prefix and not prefix.endswith(" ") else stem)
    return name + rng.choice(PLACE_SUFFIXES)


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    """A random number spread evenly over orders of magnitude, as library sizes are."""
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def library_kind_name(population: int, municipality: str, rng: random.Random) -> str:
    """A library's name with a kind that fits its size („Gemeindebücherei …“)."""
    if population < 5_000:
        kind = rng.choice(["Gemeindebücherei", "Katholische öffentliche Bücherei", "Ortsbücherei"])
    elif population < 20_000:
        kind = rng.choice(["Stadtbücherei", "Marktbücherei", "Gemeindebibliothek"])
    else:
        kind = rng.choice(["Stadtbibliothek", "Stadtbüchereien"])
    return f"{kind} {municipality}"


def staff_fte(population: int, rng: random.Random) -> float:
    """Staff in VZÄ that grows with the population; a third of the smallest have volunteers only."""
    if population < 5_000 and rng.random() < 0.35:
        return 0  # run by volunteers
    raw = population / rng.uniform(2_500, 6_000)
    return max(0.25, round(raw * 4) / 4)


def library_document(library: Library, rng: random.Random) -> dict:
    """A library's profile with the optional fields set at random, as real ones vary."""
    population = library.population
    document = {
        "name": library.name,
        "kind": "library",
        "municipality": library.municipality,
        "state": library.state,
        "country": "DE",
        "population": population,
        "area_m2": max(20, round(population * rng.uniform(0.015, 0.06))),
        "staff_fte": staff_fte(population, rng),
        "volunteers": rng.randint(0, 25),
    }
    slug = library.id
    if rng.random() < 0.7:
        document["website"] = f"https://www.{slug}.example/bibliothek"
    if rng.random() < 0.4:
        document["contact"] = {"email": f"bibliothek@{slug}.example", "public": True}
    if rng.random() < 0.3:
        document["toolkit"] = {
            "date": dt.date(rng.randint(2019, 2026), rng.randint(1, 10), rng.randint(1, 28)),
            "priorities": rng.sample(list(TOPICS), rng.randint(1, 5)),
            "notes": "Im Workshop wurden die wichtigsten Handlungsfelder gemeinsam festgelegt.",
        }
    if rng.random() < 0.5:
        document["about"] = (
            f"Die {library.name} versorgt rund {population:,} Menschen in "
            f"{library.municipality} und Umgebung.".replace(",", ".")
        )
    return document


def network_document(network: Library, members: list[Library]) -> dict:
    """A network's profile naming its members."""
    return {
        "name": network.name,
        "kind": "network",
        "state": network.state,
        "country": "DE",
        "members": [member.id for member in members],
        "about": f"Verbund von {len(members)} Bibliotheken, die Angebote gemeinsam planen.",
    }


def make_libraries(count: int, rng: random.Random) -> list[Library]:
    """``count`` libraries, every ``1 / NETWORK_SHARE``-th one a network."""
    libraries = []
    for index in range(1, count + 1):
        municipality = place_name(rng)
        is_network = count >= 3 and index % round(1 / NETWORK_SHARE) == 0
        if is_network:
            name = f"Bibliotheksverbund {municipality} und Umgebung"
            population = 0
        else:
            population = round(log_uniform(rng, 500, 600_000))
            name = library_kind_name(population, municipality, rng)
        libraries.append(
            Library(
                id=f"lib-{index:05d}",
                name=name,
                municipality=municipality,
                state=rng.choice(STATES_DE),
                population=population,
                is_network=is_network,
            )
        )
    return libraries


# --- Measures ------------------------------------------------------------------------------------


def weighted_count(rng: random.Random, weights: list[int]) -> int:
    """A random count: 1 with weight ``weights[0]``, 2 with ``weights[1]`` and so on."""
    return rng.choices(range(1, len(weights) + 1), weights=weights)[0]


def period(status: str, rng: random.Random) -> dict:
    """A measure's period that fits its status: finished ones have an end year."""
    start_year = rng.randint(2010, 2026) if status != "planned" else 2027
    start = f"{start_year}-{rng.randint(1, 12):02d}" if rng.random() < 0.7 else start_year
    if status in ("completed", "discontinued"):
        end_year = min(2026, start_year + rng.randint(0, 3))
        return {"start": start, "end": end_year}
    return {"start": start}


def effort(rng: random.Random) -> dict:
    """One to three of the effort figures, so that absent ones are covered too."""
    keys = rng.sample(["level", "staff_hours", "budget_eur"], rng.randint(1, 3))
    values = {
        "level": rng.choice(["low", "medium", "high"]),
        "staff_hours": rng.choice([10, 20, 40, 80, 120, 200, 400]),
        "budget_eur": rng.choice([0, 0, 50, 200, 500, 1500, 5000, 20000]),
    }
    return {key: values[key] for key in sorted(keys)}


def published_date(index: int, count: int, rng: random.Random) -> dt.date:
    """Dates spread from 2018 to autumn 2026, loosely rising with the measure number."""
    first, last = dt.date(2018, 1, 1), dt.date(2026, 10, 31)
    span = (last - first).days
    offset = int(span * (index - 1) / max(1, count - 1)) + rng.randint(-60, 60)
    return first + dt.timedelta(days=min(span, max(0, offset)))


def fill(template: str, slots: dict[str, str]) -> str:
    """A sentence of the pools with the measure's details put in."""
    return template.format(**slots)


def body_slots(library: Library, topic: str, audience: str, rng: random.Random) -> dict:
    """The details a body's sentences name: place, library, topic, partner, figures."""
    return {
        "ort": library.municipality,
        "bib": library.name,
        "einwohner": f"{max(library.population, 800):,}".replace(",", "."),
        "thema": TOPICS[topic],
        "zielgruppe": AUDIENCES[audience],
        "partner": rng.choice(PARTNERS),
        "jahr": str(rng.randint(2012, 2026)),
        "budget": str(rng.choice([150, 300, 800, 1200, 2500])),
        "stunden": str(rng.choice([40, 60, 120, 200, 350])),
        "teilnehmende": str(rng.randint(25, 900)),
        "prozent": str(rng.randint(3, 40)),
    }


def section(heading: str, pool: list[str], count: int, slots: dict, rng: random.Random) -> str:
    """A ``## heading`` with ``count`` sentences of ``pool`` in two paragraphs."""
    sentences = [fill(sentence, slots) for sentence in rng.sample(pool, count)]
    middle = len(sentences) // 2
    paragraphs = [" ".join(sentences[:middle]), " ".join(sentences[middle:])]
    return f"## {heading}\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def measure_body(library: Library, topic: str, audience: str, rng: random.Random) -> str:
    """A German Markdown body of roughly 250–400 words in the four recommended sections."""
    slots = body_slots(library, topic, audience, rng)
    tips = "\n".join(f"- {tip}" for tip in rng.sample(TIPS, rng.randint(3, 5)))
    tips_intro = rng.choice(
        [
            "Was wir anderen Bibliotheken mitgeben möchten:",
            "Aus unserer Erfahrung sind diese Punkte wichtig:",
            f"Wer ein Angebot im Bereich **{TOPICS[topic]}** plant, sollte Folgendes beachten:",
        ]
    )
    parts = [
        section("Ausgangslage", SITUATION, rng.randint(4, 5), slots, rng),
        section("Umsetzung", IMPLEMENTATION, rng.randint(5, 7), slots, rng),
        section("Ergebnisse", RESULTS, rng.randint(4, 5), slots, rng),
        f"## Tipps\n\n{tips_intro}\n\n{tips}\n",
    ]
    return "\n".join(parts)


def measure_title(topic: str, library: Library, rng: random.Random) -> str:
    """E.g. „Lesesommer „Bunte Seiten“ in Lindenbach“."""
    action = rng.choice(ACTIONS[topic])
    motto = f"{rng.choice(MOTTO_WORDS)} {rng.choice(MOTTO_NOUNS)}"
    return f"{action} „{motto}“ in {library.municipality}"[:120]


def measure_front_matter(
    index: int, count: int, libraries: list[Library], rng: random.Random
) -> tuple[dict, Library, str, str]:
    """A measure's front matter with realistic choices, and its lead library, topic and audience."""
    chosen = rng.sample(libraries, min(len(libraries), weighted_count(rng, [8, 3, 1])))
    topics = rng.sample(list(TOPICS), weighted_count(rng, [4, 4, 2]))
    audiences = rng.sample(list(AUDIENCES), weighted_count(rng, [4, 3, 2]))
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    lead = chosen[0]
    title = measure_title(topics[0], lead, rng)
    front = {
        "title": title,
        "summary": (
            f"Die {lead.name} zeigt, wie sich „{title}“ mit wenig Personal umsetzen lässt – "
            f"mit Schwerpunkt {TOPICS[topics[0]]} für {AUDIENCES[audiences[0]]}."
        )[:300],
        "libraries": [library.id for library in chosen],
        "topics": topics,
        "audiences": audiences,
        "status": status,
        "period": period(status, rng),
        "effort": effort(rng),
    }
    if rng.random() < 0.6:
        front["partners"] = rng.sample(PARTNERS, rng.randint(1, 3))
    if rng.random() < 0.7:
        labels = rng.sample(OUTCOME_LABELS, rng.randint(1, 3))
        front["outcomes"] = [{"label": label, "value": rng.randint(5, 5000)} for label in labels]
    if rng.random() < 0.1:
        collaboration: dict = {
            "seeking": "Wir suchen Bibliotheken, die das Angebot im nächsten Jahr mit uns planen.",
            "until": dt.date(rng.randint(2025, 2028), rng.randint(1, 12), 28),
        }
        if rng.random() < 0.3:
            collaboration["offering"] = "Unsere Vorlagen und den Zeitplan geben wir gern weiter."
        if rng.random() < 0.1:
            collaboration["status"] = "matched"
        front["collaboration"] = collaboration
    if index > 1 and rng.random() < 0.1:
        earlier = rng.sample(range(1, index), min(index - 1, rng.randint(1, 2)))
        front["based_on"] = [measure_id(n) for n in sorted(earlier)]
    if rng.random() < 0.05:  # renamed once: its old address redirects (render/redirects.py)
        front["aliases"] = [f"{measure_id(index)}-alt"]
    front["published"] = published_date(index, count, rng)
    if rng.random() < 0.2:
        front["reviewed"] = front["published"] + dt.timedelta(days=rng.randint(30, 400))
        front["reviewed"] = min(front["reviewed"], dt.date(2026, 11, 1))
    return front, lead, topics[0], audiences[0]


def measure_id(index: int) -> str:
    """The id (and file name) of the ``index``-th measure."""
    return f"m-{index:05d}"


@dataclass(frozen=True)
class Measure:
    """A generated measure: its id, title, front matter and body."""

    id: str
    title: str
    front_matter: dict
    body: str


def make_measures(count: int, libraries: list[Library], rng: random.Random) -> list[Measure]:
    """``count`` measures for ``libraries``, numbered from 1."""
    measures = []
    for index in range(1, count + 1):
        front, lead, topic, audience = measure_front_matter(index, count, libraries, rng)
        body = measure_body(lead, topic, audience, rng)
        measures.append(Measure(measure_id(index), front["title"], front, body))
    return measures


# --- Writing -------------------------------------------------------------------------------------


YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(document: dict) -> str:
    """YAML as contributors write it: keys in order, umlauts unescaped; libyaml when there."""
    return yaml.dump(document, Dumper=YamlDumper, allow_unicode=True, sort_keys=False, width=100)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, creating the folders above it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fresh_folder(path: Path) -> None:
    """An empty folder at ``path``, so that nothing of an earlier run is measured."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


@dataclass(frozen=True)
class Catalogue:
    """Everything generated for one size: libraries, their YAML documents and the measures."""

    libraries: list[Library]
    documents: list[dict]
    measures: list[Measure]


def generate(size: int, seed: int = 1) -> Catalogue:
    """The synthetic catalogue of ``size`` measures (N/5 libraries, ~5 % of them networks)."""
    rng = random.Random(seed)
    libraries = make_libraries(max(1, size // MEASURES_PER_LIBRARY), rng)
    plain = [library for library in libraries if not library.is_network]
    documents = []
    for library in libraries:
        if library.is_network:
            members = rng.sample(plain, min(len(plain), rng.randint(2, 5)))
            documents.append(network_document(library, members))
        else:
            documents.append(library_document(library, rng))
    measures = make_measures(size, libraries, rng)
    add_adoptions(libraries, documents, measures, rng)
    return Catalogue(libraries, documents, measures)


def add_adoptions(
    libraries: list[Library], documents: list[dict], measures: list[Measure], rng: random.Random
) -> None:
    """A fifth of the libraries adopted one to three measures of others („adopted“)."""
    networks_of: dict[str, set[str]] = {}
    for library, document in zip(libraries, documents, strict=True):
        for member in document.get("members", []):
            networks_of.setdefault(member, set()).add(library.id)
    for library, document in zip(libraries, documents, strict=True):
        if library.is_network or rng.random() >= 0.2:
            continue
        own = {library.id} | networks_of.get(library.id, set())
        picks = rng.sample(measures, min(len(measures), 3))[: rng.randint(1, 3)]
        adopted = [m.id for m in picks if not own & set(m.front_matter["libraries"])]
        if adopted:
            document["adopted"] = adopted


def copy_site_setup(target: Path, repo: Path = REPO_ROOT) -> bool:
    """Copy the repository's mkdocs.yml, docs/ and overrides/; False if there is no mkdocs.yml."""
    for folder in ("docs", "overrides"):
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, target / folder)
    config = repo / "mkdocs.yml"
    if not config.is_file():
        return False
    shutil.copyfile(config, target / "mkdocs.yml")
    return True


def write_catalogue(target: Path, catalogue: Catalogue) -> bool:
    """Write a full synthetic catalogue; returns whether an mkdocs.yml could be set up."""
    fresh_folder(target)
    write_text(target / "measures" / "_taxonomy.yml", dump_yaml(taxonomy()))
    for library, document in zip(catalogue.libraries, catalogue.documents, strict=True):
        write_text(target / "libraries" / f"{library.id}.yml", dump_yaml(document))
    for measure in catalogue.measures:
        text = f"---\n{dump_yaml(measure.front_matter)}---\n\n{measure.body}"
        write_text(target / "measures" / f"{measure.id}.md", text)
    return copy_site_setup(target)


def bare_config() -> dict:
    """The bare site's mkdocs.yml: the same theme without the catalogue plugin."""
    return {
        "site_name": "Vergleich ohne Katalog-Plugin",
        "theme": {"name": "material", "language": "de"},
        "not_in_nav": "/pages/",
        "nav": ["index.md"],
    }


def write_bare_site(target: Path, catalogue: Catalogue) -> None:
    """Write the bare comparison site: the same bodies as plain pages, out of the navigation."""
    fresh_folder(target)
    count = len(catalogue.measures)
    write_text(target / "mkdocs.yml", dump_yaml(bare_config()))
    write_text(target / "docs" / "index.md", f"# Vergleichsseite\n\n{count} Seiten ohne Plugin.\n")
    for measure in catalogue.measures:
        page = f"# {measure.title}\n\n{measure.body}"
        write_text(target / "docs" / "pages" / f"{measure.id}.md", page)


def main() -> None:
    """Write one catalogue and its bare site, to look at what the benchmark measures."""
    parser = argparse.ArgumentParser(description="Write a synthetic catalogue and bare site.")
    parser.add_argument("size", type=int, help="number of measures")
    parser.add_argument("target", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    catalogue = generate(args.size, args.seed)
    has_config = write_catalogue(args.target / "catalogue", catalogue)
    write_bare_site(args.target / "bare", catalogue)
    note = "" if has_config else " (no mkdocs.yml in the repository yet)"
    print(f"Wrote {args.target / 'catalogue'} and {args.target / 'bare'}{note}.")


if __name__ == "__main__":
    main()
