"""The content model (CONTENT-MODEL.md) as field declarations: one source for checks and docs."""

from __future__ import annotations

from collections.abc import Callable

from .fields import (
    Boolean,
    Choice,
    Date,
    Email,
    Field,
    FreeMapping,
    IdList,
    Integer,
    Number,
    PartialDate,
    Record,
    RecordList,
    Text,
    TextList,
    Url,
)
from .model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Taxonomy

MATERIAL_TYPES = {
    "pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt",
    "txt", "csv", "png", "jpg", "jpeg", "gif", "webp",
}  # fmt: skip
MAX_MATERIAL_BYTES = 10 * 1024 * 1024
# Fields that a library (kind: library, the default) must give; optional for a network.
# loading.py checks them; the JSON Schema and the field reference read them from here.
LIBRARY_REQUIRED = ("municipality", "state", "population", "staff_fte")


class OutcomeValue(Field):
    """A number, or a short text where a number alone would mislead („über 1 Mio.“)."""

    expected = "eine Zahl oder ein kurzer Text"

    def __init__(self, label: str, **kw) -> None:
        super().__init__(label, **kw)
        self.number = Number(label, minimum=-1e12, maximum=1e12)
        self.text = Text(label, max_len=60)

    def convert(self, value, path, check):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.number.convert(value, path, check)
        return self.text.convert(value, path, check)


def taxonomy_schema() -> Record:
    def terms(label: str, description_required: bool) -> RecordList:
        return RecordList(
            label,
            Record(
                label,
                {
                    "id": Text("Kennung in Kleinbuchstaben, z. B. lesefoerderung", required=True,
                               max_len=80),
                    "label": Text("Bezeichnung auf der Website", required=True, max_len=80),
                    "description": Text("Kurze Beschreibung", required=description_required,
                                        max_len=300),
                },
            ),
            max_items=200,
            required=True,
        )

    return Record(
        "Vokabulare",
        {
            "topics": terms("Handlungsfelder", description_required=True),
            "audiences": terms("Zielgruppen", description_required=False),
            "states": FreeMapping("Bundesländer/Regionen je Land", required=True),
        },
    )


def library_schema(taxonomy: Taxonomy | None) -> Record:
    topics = _known(taxonomy, "topics")
    return Record(
        "Bibliotheksprofil",
        {
            "name": Text("Name der Bibliothek", required=True, max_len=120,
                         example="Gemeindebücherei Musterdorf"),
            "kind": Choice("Art des Eintrags", KIND_LABELS),
            "municipality": Text("Gemeinde", max_len=120, example="Musterdorf"),
            "state": Text("Bundesland oder Region", max_len=80, example="Nordrhein-Westfalen"),
            "country": Text("Land als ISO-Code mit zwei Buchstaben", max_len=2, example="DE"),
            "population": Integer("Einwohner im Einzugsgebiet, ganze Zahl", minimum=1,
                                  maximum=20_000_000, example=4800),
            "area_m2": Number("Publikumsfläche in m²", minimum=0, maximum=200_000,
                              exclusive_minimum=True, example=180),
            "staff_fte": Number("Personal in Vollzeitäquivalenten (VZÄ); 0 = ehrenamtlich geführt; "
                                "„unbekannt“, wenn keine Zahl veröffentlicht ist",
                                minimum=0, maximum=5000, unknown="unbekannt", example=1.5),
            "volunteers": Integer("Zahl der Ehrenamtlichen", minimum=0, maximum=100_000,
                                  example=6),
            "website": Url("Website", example="https://www.musterdorf.de/buecherei"),
            "contact": Record(
                "Kontakt",
                {
                    "email": Email("Funktionsadresse, keine private Adresse",
                                   example="buecherei@musterdorf.de"),
                    "public": Boolean("Einverständnis, die Adresse zu veröffentlichen",
                                      required=True, example=True),
                },
            ),
            "members": IdList("Mitgliedsbibliotheken eines Verbunds (Kennungen)",
                              noun="Bibliothek", max_items=500),
            "toolkit": Record(
                "Ergebnisse des Toolkit-Workshops",
                {
                    "date": Date("Datum des Workshops", example="2025-03-14"),
                    "priorities": IdList("1–5 Handlungsfelder, wichtigstes zuerst",
                                         min_items=1, max_items=5, noun="Thema", known=topics),
                    "notes": Text("Kurzer Text zu den Ergebnissen", max_len=2000),
                },
            ),
            "about": Text("Kurzporträt (Markdown)", max_len=2000),
        },
    )


def measure_schema(taxonomy: Taxonomy | None) -> Record:
    return Record(
        "Maßnahme",
        {
            "title": Text("Titel der Maßnahme", required=True, max_len=120),
            "summary": Text("Zusammenfassung in 1–2 Sätzen", required=True, max_len=300),
            "libraries": IdList("Kennungen der beteiligten Bibliotheken oder Verbünde",
                                required=True, min_items=1, max_items=10, noun="Bibliothek"),
            "topics": IdList("1–5 Handlungsfelder", required=True, min_items=1, max_items=5,
                             noun="Thema", known=_known(taxonomy, "topics")),
            "audiences": IdList("Zielgruppen", noun="Zielgruppe", max_items=20,
                                known=_known(taxonomy, "audiences")),
            "status": Choice("Stand der Maßnahme", STATUS_LABELS, required=True),
            "period": Record(
                "Zeitraum",
                {
                    "start": PartialDate("Beginn (JJJJ, JJJJ-MM oder JJJJ-MM-TT)"),
                    "end": PartialDate("Ende (JJJJ, JJJJ-MM oder JJJJ-MM-TT)"),
                },
            ),
            "effort": Record(
                "Aufwand",
                {
                    "level": Choice("Aufwand insgesamt", EFFORT_LABELS),
                    "staff_hours": Number("Arbeitsstunden insgesamt", minimum=0, maximum=1e6),
                    "budget_eur": Number("Kosten in Euro", minimum=0, maximum=1e9),
                },
            ),
            "partners": TextList("Externe Partner"),
            "outcomes": RecordList(
                "Ergebnisse in Zahlen",
                Record(
                    "Ergebnis",
                    {
                        "label": Text("Was gezählt wurde", required=True, max_len=120),
                        "value": OutcomeValue("Wert", required=True),
                    },
                ),
                max_items=20,
            ),
            "materials": RecordList(
                "Materialien",
                Record(
                    "Material",
                    {
                        "title": Text("Titel des Materials", required=True, max_len=120),
                        "file": Text("Datei im Ordner measures/<kennung>/", max_len=200),
                        "url": Url("Webadresse des Materials"),
                    },
                ),
                max_items=30,
            ),
            "collaboration": Record(
                "Kooperation gesucht",
                {
                    "seeking": Text("Was gesucht wird", required=True, max_len=500),
                    "until": Date("Gesucht bis (JJJJ-MM-TT)"),
                },
            ),
            "based_on": IdList("Kennungen der Maßnahmen, auf denen diese aufbaut",
                               noun="Maßnahme", max_items=10),
            "published": Date("Datum der Aufnahme in den Katalog (JJJJ-MM-TT)", required=True),
            "reviewed": Date("Datum der letzten Prüfung (JJJJ-MM-TT)"),
        },
    )


def _known(taxonomy: Taxonomy | None, vocabulary: str) -> Callable[[], dict[str, str]] | None:
    """Vocabulary ids for an :class:`IdList`; None (no check) when the taxonomy is unusable."""
    if taxonomy is None:
        return None
    terms = getattr(taxonomy, vocabulary)
    return lambda: {term_id: term.label for term_id, term in terms.items()}
