"""The submission forms: which fields each form asks for, in which order and words.

One declaration serves the GitHub issue forms (:mod:`generator.contribute.issue_forms`), the
website's submission form (:mod:`generator.render.submit_page`) and the reading of a
submitted issue back into files (:mod:`generator.contribute.from_issue`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Taxonomy
from .declarations import MATERIAL_TYPES

MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue body
LABEL_TAKE_OVER = "uebernehmen"
# Every label the issue forms and workflows use. GitHub drops labels that do not exist from
# a form's issue: without them the issue-to-PR route would silently never run. The labels
# workflow creates them from the labels file (:mod:`generator.contribute.issue_forms`).
LABEL_CORRECTION = "korrektur"
LABELS = {
    "einreichung": ("0e8a16", "Vorschlag aus einem Formular"),
    "massnahme": ("1d76db", "betrifft eine Maßnahme"),
    "bibliotheksprofil": ("5319e7", "betrifft ein Bibliotheksprofil"),
    LABEL_TAKE_OVER: ("fbca04", "Redaktion: geprüft, als Pull Request übernehmen"),
    LABEL_CORRECTION: ("d93f0b", "Korrektur an einem Eintrag; bearbeitet die Redaktion von Hand"),
}
# The form the website's submission form opens with its files, and its field for them.
FILES_FORM = "einreichung.yml"
FILES_FIELD = "files"
# The form behind „Änderung vorschlagen“, and the field the page's link fills in.
CORRECTION_FORM = "korrektur.yml"
CORRECTION_FIELD = "entry"
MAX_MEASURES = 5  # measures in one submission of files (with at most one profile)
MAX_ATTACHMENTS = 10  # files downloaded for one submission (each at most 10 MiB)


@dataclass(frozen=True)
class Element:
    id: str
    type: str  # input | textarea | dropdown | checkboxes
    label: str
    description: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    multiple: bool = False
    placeholder: str = ""
    render: str = ""  # textarea syntax highlighting


@dataclass(frozen=True)
class Form:
    kind: str  # measure | library | combined | files | correction
    file: str
    name: str
    description: str
    title: str
    labels: tuple[str, ...]
    intro: str
    elements: tuple[Element, ...]
    sections: tuple[tuple[str, str], ...] = ()  # element id → Markdown shown above it

    def element(self, element_id: str) -> Element:
        return next(e for e in self.elements if e.id == element_id)


def _option(label: str, key: str) -> str:
    return f"{label} ({key})"


CONSENT = (
    "Ich darf diese Angaben für meine Bibliothek veröffentlichen; sie enthalten keine "
    "personenbezogenen Daten Dritter."
)


def measure_form(taxonomy: Taxonomy) -> Form:
    topics = tuple(_option(t.label, t.id) for t in taxonomy.topics.values())
    audiences = tuple(_option(a.label, a.id) for a in taxonomy.audiences.values())
    return Form(
        kind="measure",
        file="massnahme.yml",
        name="Neue Maßnahme",
        description="Eine Maßnahme Ihrer Bibliothek für den Katalog vorschlagen – ohne Git.",
        title="Maßnahme: ",
        labels=("einreichung", "massnahme"),
        intro=(
            "Danke, dass Sie eine Maßnahme teilen! Füllen Sie die Felder aus; Pflichtfelder "
            "sind mit * markiert. Die Redaktion prüft Ihre Angaben und übernimmt sie dann in "
            "den Katalog. Ist Ihre Bibliothek noch nicht im Katalog "
            "(Liste unter „Bibliotheken“ auf der Website), nehmen Sie bitte das Formular "
            "„Neue Bibliothek mit Maßnahme“: daraus wird ein Vorschlag mit beiden Dateien."
        ),
        elements=(
            Element(
                "title",
                "input",
                "Titel der Maßnahme",
                "Höchstens 120 Zeichen.",
                True,
                placeholder="Lesesommer mit der Grundschule",
            ),
            Element(
                "summary",
                "textarea",
                "Zusammenfassung",
                "1–2 Sätze, höchstens 300 Zeichen, ohne Formatierung.",
                True,
            ),
            Element(
                "libraries",
                "input",
                "Bibliothek",
                "Kennung Ihrer Bibliothek oder Ihres Verbunds, wie in der Adresse ihrer "
                "Seite auf der Website (…/bibliotheken/KENNUNG/). Mehrere durch Komma "
                "trennen.",
                True,
                placeholder="gemeindebuecherei-musterdorf",
            ),
            Element(
                "topics", "dropdown", "Themen", "1–5 Handlungsfelder.", True, topics, multiple=True
            ),
            Element("audiences", "dropdown", "Zielgruppen", "", False, audiences, multiple=True),
            Element(
                "status",
                "dropdown",
                "Stand",
                "",
                True,
                tuple(_option(v, k) for k, v in STATUS_LABELS.items()),
            ),
            Element(
                "period_start",
                "input",
                "Beginn",
                "JJJJ, JJJJ-MM oder JJJJ-MM-TT.",
                placeholder="2024-06",
            ),
            Element(
                "period_end",
                "input",
                "Ende",
                "JJJJ, JJJJ-MM oder JJJJ-MM-TT.",
                placeholder="2024-09",
            ),
            Element(
                "effort_level",
                "dropdown",
                "Aufwand insgesamt",
                "",
                False,
                tuple(_option(v, k) for k, v in EFFORT_LABELS.items()),
            ),
            Element(
                "staff_hours",
                "input",
                "Arbeitsstunden insgesamt",
                "Eine Zahl ohne Tausenderpunkt.",
                placeholder="120",
            ),
            Element(
                "budget_eur",
                "input",
                "Kosten in Euro",
                "Eine Zahl ohne Tausenderpunkt.",
                placeholder="250",
            ),
            Element("partners", "textarea", "Partner", "Externe Partner, einer je Zeile."),
            Element(
                "outcomes",
                "textarea",
                "Ergebnisse in Zahlen",
                "Je Zeile „Was gezählt wurde: Wert“.",
                placeholder="Teilnehmende Kinder: 85",
            ),
            Element(
                "links",
                "textarea",
                "Materialien im Netz",
                "Je Zeile „Titel: https://…“. Eigene Dateien (PDF, Bilder, Vorlagen) gehören "
                "in das nächste Feld.",
                placeholder="Bericht der Fachstelle: https://example.org/bericht",
            ),
            attachments_element(),
            Element(
                "situation",
                "textarea",
                "Ausgangslage",
                "Was war vor Ort los? Welche Idee stand am Anfang? Markdown ist erlaubt, "
                "HTML nicht.",
                True,
            ),
            Element(
                "implementation",
                "textarea",
                "Umsetzung",
                "Wie sind Sie vorgegangen? Wer war beteiligt?",
                True,
            ),
            Element("results", "textarea", "Ergebnisse", "Was ist herausgekommen?"),
            Element(
                "tips",
                "textarea",
                "Tipps",
                "Was raten Sie Bibliotheken, die das nachmachen möchten?",
            ),
            Element(
                "collaboration",
                "textarea",
                "Kooperation gesucht",
                "Suchen Sie Bibliotheken, die mitmachen oder die Arbeit teilen? "
                "Dann beschreiben Sie es hier (höchstens 500 Zeichen).",
            ),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def library_form(taxonomy: Taxonomy) -> Form:
    topics = tuple(_option(t.label, t.id) for t in taxonomy.topics.values())
    states = tuple(taxonomy.states.get("DE", []))
    return Form(
        kind="library",
        file="bibliotheksprofil.yml",
        name="Bibliotheksprofil",
        description="Das Profil Ihrer Bibliothek oder Ihres Verbunds anlegen – ohne Git.",
        title="Bibliothek: ",
        labels=("einreichung", "bibliotheksprofil"),
        intro=(
            "Das Profil zeigt, wie groß Ihre Bibliothek ist. So finden andere Bibliotheken "
            "Maßnahmen, die zu ihrer Größe passen. Pflichtfelder sind mit * markiert; Einwohner, "
            "Fläche und Personal braucht nur eine Bibliothek, kein Verbund."
        ),
        elements=(
            Element(
                "name",
                "input",
                "Name der Bibliothek",
                "Höchstens 120 Zeichen.",
                True,
                placeholder="Gemeindebücherei Musterdorf",
            ),
            Element(
                "kind",
                "dropdown",
                "Art",
                "",
                True,
                tuple(_option(v, k) for k, v in KIND_LABELS.items()),
            ),
            Element(
                "municipality",
                "input",
                "Gemeinde",
                "Pflicht für eine Bibliothek.",
                placeholder="Musterdorf",
            ),
            Element(
                "state",
                "dropdown",
                "Bundesland",
                "Pflicht für eine Bibliothek in Deutschland.",
                False,
                states,
            ),
            Element(
                "country",
                "input",
                "Land",
                "Nur außerhalb Deutschlands: Ländercode aus zwei Buchstaben (z. B. AT).",
                placeholder="DE",
            ),
            Element(
                "region",
                "input",
                "Region außerhalb Deutschlands",
                "Nur außerhalb Deutschlands: Bundesland, Kanton oder Provinz.",
            ),
            Element(
                "population",
                "input",
                "Einwohner im Einzugsgebiet",
                "Ganze Zahl ohne Tausenderpunkt. Pflicht für eine Bibliothek.",
                placeholder="4800",
            ),
            Element(
                "area_m2",
                "input",
                "Publikumsfläche in m²",
                "Empfohlen; „unbekannt“, wenn keine Fläche veröffentlicht ist.",
                placeholder="180",
            ),
            Element(
                "staff_fte",
                "input",
                "Personal in VZÄ",
                "Vollzeitäquivalente mit Punkt, z. B. 1.5; 0 = ehrenamtlich geführt; "
                "„unbekannt“, wenn keine Zahl veröffentlicht ist. Pflicht für eine Bibliothek.",
                placeholder="1.5",
            ),
            Element("volunteers", "input", "Zahl der Ehrenamtlichen", placeholder="6"),
            Element(
                "website",
                "input",
                "Website",
                "Mit https:// am Anfang.",
                placeholder="https://www.musterdorf.de/buecherei",
            ),
            Element(
                "email",
                "input",
                "E-Mail-Adresse",
                "Nur eine Funktionsadresse (z. B. buecherei@…), keine private.",
            ),
            Element(
                "email_public",
                "checkboxes",
                "Veröffentlichung der E-Mail-Adresse",
                "",
                False,
                ("Die E-Mail-Adresse darf auf der Website erscheinen.",),
            ),
            Element(
                "members",
                "input",
                "Mitglieder des Verbunds",
                "Nur für Verbünde: Kennungen der Mitgliedsbibliotheken, durch Komma "
                "getrennt (mindestens zwei).",
            ),
            Element(
                "toolkit_date",
                "input",
                "Datum des Toolkit-Workshops",
                "JJJJ-MM-TT.",
                placeholder="2025-03-14",
            ),
            Element(
                "toolkit_priorities",
                "dropdown",
                "Schwerpunkte aus dem Toolkit-Workshop",
                "1–5 Handlungsfelder.",
                False,
                topics,
                multiple=True,
            ),
            Element(
                "toolkit_notes",
                "textarea",
                "Ergebnisse des Toolkit-Workshops",
                "Kurzer Text, höchstens 2.000 Zeichen.",
            ),
            Element(
                "about",
                "textarea",
                "Kurzporträt",
                "Höchstens 2.000 Zeichen; Markdown ist erlaubt, HTML nicht.",
            ),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def attachments_element() -> Element:
    """Files dropped into this field become materials (``from-issue --fetch-attachments``)."""
    return Element(
        "attachments",
        "textarea",
        "Materialien als Datei",
        "PDF, Bilder oder Vorlagen, höchstens 10 MiB je Datei: die Datei in dieses Feld ziehen "
        "oder unter dem Feld auf „Paste, drop, or click to add files“ klicken. GitHub setzt "
        "einen Link ein; davor können Sie einen Titel schreiben. Erlaubt: "
        + ", ".join(sorted(MATERIAL_TYPES))
        + ".",
        placeholder="Lesepass (Vorlage): [lesepass.pdf](https://github.com/user-attachments/files/…)",
    )


# Ids of the library form a new library with its first measure does without: it is a
# library (not a network), and it is that measure's library.
_COMBINED_SKIP = {"kind", "members", "consent", "libraries"}
_LIBRARY_REQUIRED = {"municipality", "population", "staff_fte"}


def library_measure_form(taxonomy: Taxonomy) -> Form:
    """A new library and its first measure in one issue: one pull request with both files."""
    library = [
        replace(e, required=True) if e.id in _LIBRARY_REQUIRED else e
        for e in library_form(taxonomy).elements
        if e.id not in _COMBINED_SKIP
    ]
    measure = [e for e in measure_form(taxonomy).elements if e.id not in _COMBINED_SKIP]
    return Form(
        kind="combined",
        file="bibliothek-mit-massnahme.yml",
        name="Neue Bibliothek mit Maßnahme",
        description=(
            "Ihre Bibliothek ist noch nicht im Katalog? Profil und erste Maßnahme in einem "
            "Vorschlag – ohne Git."
        ),
        title="Bibliothek und Maßnahme: ",
        labels=("einreichung", "bibliotheksprofil", "massnahme"),
        intro=(
            "Danke, dass Sie mitmachen! Oben beschreiben Sie Ihre Bibliothek, unten die "
            "Maßnahme. Daraus entsteht ein Vorschlag mit beiden Dateien. Pflichtfelder sind mit "
            "* markiert. Für einen Verbund nehmen Sie bitte das Formular „Bibliotheksprofil“."
        ),
        elements=(*library, *measure, library_form(taxonomy).element("consent")),
        sections=(("name", "## Teil 1: Ihre Bibliothek"), ("title", "## Teil 2: Die Maßnahme")),
    )


def files_form() -> Form:
    """Opened by the website's submission form with the files it wrote (one block per file)."""
    return Form(
        kind="files",
        file=FILES_FORM,
        name="Einreichung aus dem Website-Formular",
        description=(
            "Öffnet sich aus dem Formular „Maßnahme einreichen“ auf der Website – mit Ihren "
            "fertigen Dateien."
        ),
        title="Einreichung: ",
        labels=("einreichung",),
        intro=(
            "Dieses Formular füllt das Formular zum Einreichen auf der Website für Sie aus. "
            "Bitte das Feld „Dateien“ nicht ändern. Dateien wie PDF oder Bilder können Sie unten "
            "anhängen. Dann das Einverständnis ankreuzen und „Create“ klicken."
        ),
        elements=(
            Element(
                FILES_FIELD,
                "textarea",
                "Dateien",
                "Vom Formular auf der Website ausgefüllt. Ist das Feld leer, fügen Sie hier den "
                "Text ein, den Sie dort mit „Gesamten Text kopieren“ kopiert haben (Strg+V).",
                True,
            ),
            attachments_element(),
            Element(
                "message",
                "textarea",
                "Nachricht an die Redaktion",
                "Freiwillig: Was die Redaktion noch wissen sollte.",
            ),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def correction_form() -> Form:
    """„Änderung vorschlagen“ for readers without Git; the editors edit the file by hand."""
    return Form(
        kind="correction",
        file=CORRECTION_FORM,
        name="Korrektur melden",
        description=(
            "Etwas an einer Maßnahme oder einem Bibliotheksprofil stimmt nicht (mehr)? Sagen Sie "
            "es der Redaktion – ohne Git."
        ),
        title="Korrektur: ",
        labels=(LABEL_CORRECTION,),
        intro=(
            "Danke für Ihre Korrektur! Die Redaktion prüft sie und ändert den Eintrag von Hand; "
            "Sie bekommen von GitHub eine Nachricht, wenn sie antwortet. Kommen Sie über "
            "„Änderung vorschlagen“ von der Website, ist das erste Feld schon ausgefüllt."
        ),
        elements=(
            Element(
                CORRECTION_FIELD,
                "input",
                "Seite oder Datei",
                "Titel der Seite oder ihre Datei, z. B. measures/lesesommer.md.",
                True,
            ),
            Element(
                "correction",
                "textarea",
                "Was soll geändert werden?",
                "Was stimmt nicht oder fehlt, und wie soll es richtig heißen? Dateien können Sie "
                "in dieses Feld ziehen.",
                True,
            ),
            Element(
                "source",
                "textarea",
                "Quelle oder Beleg",
                "Freiwillig, z. B. ein Link zur Website der Bibliothek.",
            ),
        ),
    )


def forms(taxonomy: Taxonomy) -> list[Form]:
    return [
        measure_form(taxonomy),
        library_form(taxonomy),
        library_measure_form(taxonomy),
        files_form(),
        correction_form(),
    ]
