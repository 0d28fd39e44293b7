"""The content model (CONTENT-MODEL.md) as field declarations: one source for checks and docs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Taxonomy
from .cross_field import AtLeastOne, ByKind, DateOrder
from .kinds import (
    Boolean,
    Choice,
    CountryCode,
    Date,
    EarlierIds,
    Email,
    Field,
    FreeMapping,
    Id,
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

# The recommended sections of a measure's text, with the prompt the template puts under each;
# a prompt left in a submitted text is reported.
BODY_SECTIONS = {
    "Ausgangslage": "Was war vor Ort los? Welches Problem oder welche Idee stand am Anfang?",
    "Umsetzung": (
        "Wie sind Sie vorgegangen? Wer war beteiligt, wie viel Zeit und Geld hat es gekostet?"
    ),
    "Ergebnisse": "Was ist herausgekommen? Zahlen, Rückmeldungen, was sich verändert hat.",
    "Tipps": "- Was würden Sie einer anderen Bibliothek raten, die das nachmachen möchte?",
}

MATERIAL_TYPES = {
    "pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt",
    "txt", "csv", "png", "jpg", "jpeg", "gif", "webp",
}  # fmt: skip
MAX_MATERIAL_BYTES = 10 * 1024 * 1024
MAX_MATERIAL_SIZE = f"{MAX_MATERIAL_BYTES // (1024 * 1024)} MiB"  # as messages and forms say it
# ISO 3166-1 alpha-2, officially assigned codes.
_COUNTRIES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW
"""
COUNTRY_CODES = frozenset(_COUNTRIES.split())
# What a profile needs by its kind. A library (the default) gives its place and size, which
# the finder compares; a network is found through its members.
PROFILE_KINDS = (
    ByKind(
        "library",
        "Bibliotheken",
        default=True,
        required=("municipality", "state", "population", "staff_fte"),
        recommended={
            "area_m2": "ohne Fläche findet der Größenfilter die Bibliothek nicht. Ist keine "
            "Fläche veröffentlicht, bitte „area_m2: unbekannt“ eintragen."
        },
        forbidden=("members",),
    ),
    ByKind("network", "Verbünden", at_least={"members": (2, "zwei Bibliotheken")}),
)
# Rules between the fields of a measure's front matter.
MEASURE_RULES = (
    DateOrder("period", "start", "end"),
    AtLeastOne("collaboration", ("seeking", "offering"), "was gesucht oder angeboten wird"),
)
# The states of a collaboration; an ``until`` in the past closes an open one.
COLLABORATION_STATUS = {"open": "offen", "matched": "Partner gefunden", "closed": "beendet"}


class OutcomeValue(Field):
    """A number, or a short text where a number alone would mislead („über 1 Mio.“)."""

    expected = "eine Zahl oder ein kurzer Text"

    def __init__(self, label: str, **kw) -> None:
        super().__init__(label, **kw)
        self.number = Number(label, minimum=-1e12, maximum=1e12)
        self.text = Text(label, max_len=60)

    def json_type(self) -> dict[str, Any]:
        return {"anyOf": [
            {"type": "number"},
            {"type": "string", "minLength": 1, "maxLength": self.text.max_len},
        ]}  # fmt: skip

    def describe(self) -> str:
        return f"Zahl oder kurzer Text (höchstens {self.text.max_len} Zeichen)"

    def convert(self, value, path, check):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.number.convert(value, path, check)
        return self.text.convert(value, path, check)


def taxonomy_schema() -> Record:
    """The declaration of ``measures/_taxonomy.yml``: vocabularies are checked like any file."""

    def terms(label: str, description_required: bool) -> RecordList:
        return RecordList(
            label,
            Record(
                label,
                {
                    "id": Text(
                        "Kennung in Kleinbuchstaben, z. B. lesefoerderung",
                        required=True,
                        max_len=80,
                    ),
                    "label": Text("Bezeichnung auf der Website", required=True, max_len=80),
                    "description": Text(
                        "Kurze Beschreibung", required=description_required, max_len=300
                    ),
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
    """The declaration of a profile; the vocabularies come from ``taxonomy`` when given."""
    topics = _known(taxonomy, "topics")
    return Record(
        "Bibliotheksprofil",
        {
            "name": Text(
                "Name der Bibliothek",
                required=True,
                max_len=120,
                example="Gemeindebücherei Musterdorf",
            ),
            "kind": Choice("Art des Eintrags", KIND_LABELS, example="library"),
            "municipality": Text("Gemeinde", max_len=120, example="Musterdorf"),
            "state": Text(
                "Bundesland oder Region",
                short="Bundesland",
                max_len=80,
                example="Nordrhein-Westfalen",
            ),
            "country": CountryCode(
                "Land als ISO-Code mit zwei Buchstaben", COUNTRY_CODES, example="DE"
            ),
            "population": Integer(
                "Einwohner im Einzugsgebiet, ganze Zahl",
                short="Einwohner im Einzugsgebiet",
                minimum=1,
                maximum=20_000_000,
                example=4800,
            ),
            "area_m2": Number(
                "Publikumsfläche in m²; „unbekannt“, wenn keine Zahl veröffentlicht ist",
                short="Publikumsfläche in m²",
                minimum=0,
                maximum=200_000,
                exclusive_minimum=True,
                unknown="unbekannt",
                example=180,
            ),
            "staff_fte": Number(
                "Personal in Vollzeitäquivalenten (VZÄ); 0 = ehrenamtlich geführt; "
                "„unbekannt“, wenn keine Zahl veröffentlicht ist",
                short="Personal in VZÄ; 0 für ehrenamtlich geführt, „unbekannt“ wenn keine Zahl "
                "veröffentlicht ist",
                minimum=0,
                maximum=5000,
                unknown="unbekannt",
                example=1.5,
            ),
            "volunteers": Integer("Zahl der Ehrenamtlichen", minimum=0, maximum=100_000, example=6),
            "website": Url("Website", example="https://www.musterdorf.de/buecherei"),
            "contact": Record(
                "Kontakt",
                {
                    "email": Email(
                        "Funktionsadresse, keine private Adresse", example="buecherei@musterdorf.de"
                    ),
                    "public": Boolean(
                        "Einverständnis, die Adresse zu veröffentlichen",
                        required=True,
                        example=True,
                    ),
                },
            ),
            "members": IdList(
                "Mitgliedsbibliotheken eines Verbunds (Kennungen)", noun="Bibliothek", max_items=500
            ),
            "toolkit": Record(
                "Ergebnisse des Toolkit-Workshops",
                {
                    "date": Date("Datum des Workshops", example="2025-03-14"),
                    "priorities": IdList(
                        "1–5 Handlungsfelder, wichtigstes zuerst",
                        min_items=1,
                        max_items=5,
                        noun="Thema",
                        known=topics,
                    ),
                    "notes": Text(
                        "Kurzer Text zu den Ergebnissen",
                        max_len=2000,
                        prose="in den Notizen zum Toolkit",
                        example="Die Grundschule ist unser wichtigster Partner.",
                    ),
                },
            ),
            "adopted": IdList(
                "Kennungen der Maßnahmen anderer Bibliotheken, die diese Bibliothek "
                "nachgemacht hat",
                short="Nachgemachte Maßnahmen",
                noun="Maßnahme",
                max_items=100,
                example=["lesesommer-mit-der-grundschule"],
            ),
            "about": Text(
                "Kurzporträt (Markdown)",
                max_len=2000,
                prose="im Porträt",
                example="Die Bücherei liegt im Rathaus und ist an vier Tagen geöffnet.",
            ),
            "aliases": _aliases("buecherei-musterdorf"),
        },
    )


def measure_schema(taxonomy: Taxonomy | None) -> Record:
    """The declaration of a measure's front matter; vocabularies from ``taxonomy`` if given."""
    return Record(
        "Maßnahme",
        {
            "title": Text(
                "Titel der Maßnahme",
                required=True,
                max_len=120,
                prose="im Titel",
                example="Lesesommer mit der Grundschule",
            ),
            "summary": Text(
                "Zusammenfassung in 1–2 Sätzen",
                required=True,
                max_len=300,
                prose="in der Zusammenfassung",
                example="In den Ferien lesen die Kinder der Grundschule um die Wette.",
            ),
            "libraries": IdList(
                "Kennungen der beteiligten Bibliotheken oder Verbünde",
                required=True,
                min_items=1,
                max_items=10,
                noun="Bibliothek",
                example=["gemeindebuecherei-musterdorf"],
            ),
            "topics": IdList(
                "1–5 Handlungsfelder",
                required=True,
                min_items=1,
                max_items=5,
                noun="Thema",
                known=_known(taxonomy, "topics"),
                example=["lesefoerderung", "schule-kita"],
            ),
            "audiences": IdList(
                "Zielgruppen",
                noun="Zielgruppe",
                max_items=20,
                known=_known(taxonomy, "audiences"),
                example=["kinder", "familien"],
            ),
            "status": Choice(
                "Stand der Maßnahme", STATUS_LABELS, required=True, example="completed"
            ),
            "period": Record(
                "Zeitraum",
                {
                    "start": PartialDate(
                        "Beginn (JJJJ, JJJJ-MM oder JJJJ-MM-TT)", example="2024-06"
                    ),
                    "end": PartialDate("Ende (JJJJ, JJJJ-MM oder JJJJ-MM-TT)", example="2024-09"),
                },
            ),
            "effort": Record(
                "Aufwand",
                {
                    "level": Choice("Aufwand insgesamt", EFFORT_LABELS, example="medium"),
                    "staff_hours": Number(
                        "Arbeitsstunden insgesamt", minimum=0, maximum=1e6, example=120
                    ),
                    "budget_eur": Number("Kosten in Euro", minimum=0, maximum=1e9, example=250),
                },
            ),
            "partners": TextList("Externe Partner", example=["Grundschule Musterdorf"]),
            "outcomes": RecordList(
                "Ergebnisse in Zahlen",
                Record(
                    "Ergebnis",
                    {
                        "label": Text(
                            "Was gezählt wurde",
                            required=True,
                            max_len=120,
                            example="Teilnehmende Kinder",
                        ),
                        "value": OutcomeValue("Wert", required=True, example=85),
                    },
                ),
                max_items=20,
            ),
            "materials": RecordList(
                "Materialien",
                Record(
                    "Material",
                    {
                        "title": Text(
                            "Titel des Materials",
                            required=True,
                            max_len=120,
                            example="Lesepass (Vorlage)",
                        ),
                        "file": Text(
                            "Datei im Ordner measures/<kennung>/",
                            max_len=200,
                            example="lesepass.pdf",
                        ),
                        "url": Url(
                            "Webadresse des Materials", example="https://example.org/bericht"
                        ),
                    },
                ),
                max_items=30,
            ),
            "collaboration": Record(
                "Kooperation: Partner gesucht oder Hilfe angeboten",
                {
                    "seeking": Text(
                        "Wofür Partner gesucht werden",
                        max_len=500,
                        prose="im Text „Kooperation gesucht“",
                        example="Bibliotheken, die die Reihe 2027 mit uns planen.",
                    ),
                    "offering": Text(
                        "Was Sie anderen Bibliotheken anbieten",
                        max_len=500,
                        prose="im Text „Wir bieten an“",
                        example="Wir verleihen unseren Makerspace-Koffer.",
                    ),
                    "until": Date("Gesucht bis (JJJJ-MM-TT)", example="2027-06-30"),
                    "status": Choice(
                        "Stand der Kooperation; ein vergangenes „until“ beendet sie",
                        COLLABORATION_STATUS,
                        example="open",
                    ),
                    "contact": Id(
                        "Welche der beteiligten Bibliotheken antwortet (Kennung)",
                        noun="Bibliothek",
                        example="gemeindebuecherei-musterdorf",
                    ),
                    "result": Id(
                        "Kennung der gemeinsamen Maßnahme, die daraus entstanden ist",
                        noun="Maßnahme",
                        example="lesesommer-gemeinsam",
                    ),
                },
            ),
            "based_on": IdList(
                "Kennungen der Maßnahmen, auf denen diese aufbaut", noun="Maßnahme", max_items=10
            ),
            "published": Date(
                "Datum der Aufnahme in den Katalog (JJJJ-MM-TT)",
                required=True,
                example="2026-11-22",
            ),
            "reviewed": Date("Datum der letzten Prüfung (JJJJ-MM-TT)", example="2026-11-22"),
            "aliases": _aliases("lesesommer-grundschule"),
        },
    )


def _aliases(example: str) -> EarlierIds:
    """``aliases`` of a profile or measure: its earlier ids, whose addresses redirect to it
    (``catalogue rename`` adds them)."""
    return EarlierIds(
        "Frühere Kennungen (nach einer Umbenennung, siehe „catalogue rename“); ihre alten "
        "Adressen leiten auf diese Seite weiter",
        short="Frühere Kennungen",
        noun="frühere Kennung",
        max_items=20,
        example=[example],
    )


def _known(taxonomy: Taxonomy | None, vocabulary: str) -> Callable[[], dict[str, str]] | None:
    """Vocabulary ids for an :class:`IdList`; None (no check) when the taxonomy is unusable."""
    if taxonomy is None:
        return None
    terms = getattr(taxonomy, vocabulary)
    return lambda: {term_id: term.label for term_id, term in terms.items()}
