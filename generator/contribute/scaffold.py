"""``catalogue new measure`` / ``catalogue new library``: commented German templates.

The templates leave placeholders empty on purpose (``summary:``, ``status:`` …): until they
are filled, ``catalogue validate`` names each of them; once filled, the file is valid.
"""

from __future__ import annotations

import datetime as dt
import json

from ..core.model import EFFORT_LABELS, STATUS_LABELS, Taxonomy
from ..rules.declarations import BODY_SECTIONS, PROFILE_KINDS, library_schema
from ..rules.json_schema import FILES, SCHEMA_DIR


def _q(text: str) -> str:
    """A YAML scalar that stays text whatever it contains (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def modeline(kind: str) -> str:
    """The comment that lets YAML editors validate against the published schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{FILES[kind]}"


def _wrap(prefix: str, words: list[str], width: int = 96) -> list[str]:
    """A comment listing ``words`` (separated by commas), wrapped to ``width``."""
    words = [w + "," for w in words[:-1]] + words[-1:]
    lines, line = [], prefix + " "
    for word in words:
        if len(line) + len(word) + 1 > width and line.strip() != "#":
            lines.append(line.rstrip())
            line = "#   "
        line += word + " "
    lines.append(line.rstrip())
    return lines


def measure_template(
    title: str,
    libraries: list[str],
    topics: list[str],
    taxonomy: Taxonomy,
    today: dt.date | None = None,
) -> str:
    """A measure file to fill in: fields, their vocabularies in comments, the text's sections."""
    today = today or dt.date.today()
    topic_ids = list(taxonomy.topics)
    audience_ids = list(taxonomy.audiences)
    lines = [
        "---",
        modeline("measure"),
        "# Neue Maßnahme. Bitte alle Felder ohne Wert ausfüllen; Zeilen mit „#“ sind Hinweise",
        "# und optionale Felder: zum Verwenden das „# “ am Zeilenanfang entfernen.",
        "# Prüfen: catalogue validate – Feldreferenz: CONTRIBUTING.md",
        f"title: {_q(title)}",
        "# Zusammenfassung in 1–2 Sätzen (höchstens 300 Zeichen):",
        "summary:",
        f"libraries: [{', '.join(libraries)}]",
        f"topics: [{', '.join(topics)}]   # 1–5 Themen, siehe unten",
        *_wrap("# Stand:", [f"{k} ({v})" for k, v in STATUS_LABELS.items()]),
        "status:",
        *_wrap("# Themen:", topic_ids),
        *_wrap("# Zielgruppen:", audience_ids),
        "# audiences: [kinder, familien]",
        "# period:                 # Zeitraum: JJJJ, JJJJ-MM oder JJJJ-MM-TT",
        "#   start: 2024-06",
        "#   end: 2024-09",
        "# effort:                 # Aufwand: level " + " | ".join(EFFORT_LABELS),
        "#   level: medium",
        "#   staff_hours: 120      # Arbeitsstunden insgesamt",
        "#   budget_eur: 250       # Kosten in Euro",
        "# partners: [Grundschule Musterdorf]",
        "# outcomes:               # Ergebnisse in Zahlen",
        "#   - label: Teilnehmende Kinder",
        "#     value: 85",
        "# materials:              # Datei im Ordner measures/<kennung>/ oder Webadresse",
        "#   - title: Lesepass (Vorlage)",
        "#     file: lesepass.pdf",
        "# collaboration:          # Sie suchen Partner für die Fortsetzung?",
        "#   seeking: Wir suchen Bibliotheken, die die Reihe 2027 mit uns planen.",
        "#   until: 2027-06-30",
        "# based_on: [kennung-einer-anderen-massnahme]",
        f"published: {today.isoformat()}",
        "---",
        "",
        *(
            part
            for heading, prompt in BODY_SECTIONS.items()
            for part in ("", f"## {heading}", "", prompt)
        ),
        "",
    ]
    return "\n".join(lines)


def library_template(name: str, taxonomy: Taxonomy, network: bool = False) -> str:
    """A profile file to fill in, for a library or (``network``) a network of libraries."""
    states = taxonomy.states.get("DE", [])
    head = [
        modeline("library"),
        "# Profil einer Bibliothek. Bitte alle Felder ohne Wert ausfüllen; Zeilen mit „#“",
        "# sind Hinweise und optionale Felder: zum Verwenden das „# “ am Zeilenanfang entfernen.",
        "# Prüfen: catalogue validate – Feldreferenz: CONTRIBUTING.md",
        f"name: {_q(name)}",
    ]
    record = library_schema(taxonomy)
    kind = "network" if network else "library"
    rule = next(rule for rule in PROFILE_KINDS if rule.kind == kind)
    body = [f"kind: {kind}"]
    if network:
        members = record.fields["members"]
        least = rule.at_least["members"][1]
        body += [
            f"# {members.short} – mindestens {least}, Dateinamen in libraries/:",
            "members: []",
            "# state: Nordrhein-Westfalen",
            "# website: https://www.beispiel.de/verbund",
        ]
    else:
        # What the kind asks for, in the order of the declaration, each with its label.
        for key, field in record.fields.items():
            if key not in rule.required and key not in rule.recommended:
                continue
            if key == "state":
                body += _wrap("# Bundesland:", states)
            note = field.short + (" (empfohlen)" if key in rule.recommended else "")
            body.append(f"{key}:".ljust(26) + f"# {note}")
            if key == "state":
                body.append("country: DE")
        body += [
            "# volunteers: 6           # Zahl der Ehrenamtlichen",
            "# website: https://www.beispiel.de/buecherei",
        ]
    tail = [
        "# contact:                # nur eine Funktionsadresse, keine private",
        "#   email: buecherei@beispiel.de",
        "#   public: true          # Einverständnis zur Veröffentlichung",
        "# toolkit:                # Ergebnisse des Toolkit-Workshops",
        "#   date: 2025-03-14",
        "#   priorities: [lesefoerderung, schule-kita]   # 1–5 Themen, wichtigstes zuerst",
        "#   notes: Kurzer Text zu den Ergebnissen.",
        "# about: |                # Kurzporträt, höchstens 2.000 Zeichen",
        "#   Die Bücherei liegt im Rathaus und ist an vier Tagen geöffnet.",
        "",
    ]
    return "\n".join(head + body + tail)
