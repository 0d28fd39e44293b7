"""The submission forms: which fields each form asks for, in which order and words.

One declaration serves the GitHub issue forms (:mod:`generator.contribute.issue_forms`), the
website's submission form (:mod:`generator.render.submit_page`) and the reading of a
submitted issue back into files (:mod:`generator.contribute.from_issue`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..core.model import Taxonomy
from .cross_field import default_kind
from .declarations import (
    MATERIAL_TYPES,
    MAX_MATERIAL_SIZE,
    PROFILE_KINDS,
    library_schema,
    measure_schema,
)
from .kinds import Record

MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue body
LABEL_TAKE_OVER = "uebernehmen"
# Every label the issue forms and workflows use. GitHub drops labels that do not exist from
# a form's issue: without them the issue-to-PR route would silently never run. The labels
# workflow creates them from the labels file (:mod:`generator.contribute.issue_forms`).
LABEL_CORRECTION = "korrektur"
LABEL_ADOPTION = "nachgemacht"
LABEL_REVIEW = "noch-aktuell"
LABEL_STALE = "veraltet"  # the one issue of the monthly list (.github/workflows/stale.yml)
LABELS = {
    "einreichung": ("0e8a16", "Vorschlag aus einem Formular"),
    "massnahme": ("1d76db", "betrifft eine Maßnahme"),
    "bibliotheksprofil": ("5319e7", "betrifft ein Bibliotheksprofil"),
    LABEL_TAKE_OVER: ("fbca04", "Redaktion: geprüft, als Pull Request übernehmen"),
    LABEL_CORRECTION: ("d93f0b", "Korrektur an einem Eintrag; bearbeitet die Redaktion von Hand"),
    LABEL_ADOPTION: ("c2e0c6", "Eine Bibliothek hat eine Maßnahme aus dem Katalog nachgemacht"),
    LABEL_REVIEW: ("bfdadc", "Eine Maßnahme ist noch aktuell: neues Prüfdatum"),
    LABEL_STALE: ("fef2c0", "Liste der Maßnahmen, die lange nicht geprüft wurden"),
}
# The form the website's submission form opens with its files, and its field for them.
FILES_FORM = "einreichung.yml"
FILES_FIELD = "files"
# The form behind „Änderung vorschlagen“, and the field the page's link fills in.
CORRECTION_FORM = "korrektur.yml"
CORRECTION_FIELD = "entry"
# The form behind „Wir haben das auch gemacht“, and the fields its links fill in: the
# library's id and the ids of the measures it adopted (``adopted`` in its profile).
ADOPTION_FORM = "nachgemacht.yml"
ADOPTION_LIBRARY = "library"
ADOPTION_MEASURES = "adopted"
ADOPTION_TITLE = "Nachgemacht: "
# The form behind „Ist noch aktuell“ and the field its links fill in: the measure's id.
REVIEW_FORM = "noch-aktuell.yml"
REVIEW_MEASURE = "measure"
REVIEW_TITLE = "Noch aktuell: "
MAX_MEASURES = 5  # measures in one submission of files (with at most one profile)
MAX_ATTACHMENTS = 10  # files downloaded for one submission (each at most MAX_MATERIAL_SIZE)


@dataclass(frozen=True)
class Element:
    """One question of a form; ``field`` names the declaration that checks its answer."""

    id: str
    type: str  # input | textarea | dropdown | checkboxes
    label: str
    description: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    multiple: bool = False
    placeholder: str = ""
    render: str = ""  # textarea syntax highlighting
    field: str = ""  # the declared field it asks for („effort.staff_hours“, „body“), if any


@dataclass(frozen=True)
class Form:
    """A submission form: what GitHub's issue form shows and how its issue is read back."""

    kind: str  # measure | library | combined | adoption | review | files | correction
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


CONSENT = (
    "Ich darf diese Angaben für meine Bibliothek veröffentlichen; sie enthalten keine "
    "personenbezogenen Daten Dritter."
)


def _ask(record: Record, path: str, label: str, hint: str = "", **override: Any) -> Element:
    """An element asking for the declared field at ``path``: control, options, required,
    limit and example come from the declaration; the form brings its own words."""
    field = record.at(path)
    control, multiple = field.form_control()
    # Another control than the field's own (a dropdown of states for a text) has limits of
    # its own: the field's hint and example would not fit it.
    limit = "" if "type" in override else field.input_hint()
    control = override.pop("type", control)
    typed = control in ("input", "textarea")
    values: dict[str, Any] = {
        "id": path.replace(".", "_"),
        "type": control,
        "label": label,
        "description": " ".join(part for part in (hint, limit) if part),
        "required": field.required,
        "options": field.form_options(),
        "multiple": multiple,
        "placeholder": field.form_example() if typed else "",
        "field": path,
    }
    return Element(**(values | override))


def _body_section(element_id: str, label: str, hint: str, required: bool = False) -> Element:
    """A section of the measure's Markdown text (``BODY_SECTIONS``)."""
    return Element(element_id, "textarea", label, hint, required, field="body")


def measure_form(taxonomy: Taxonomy) -> Form:
    """The form for a new measure of a library already in the catalogue."""
    measure = measure_schema(taxonomy)
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
            _ask(measure, "title", "Titel der Maßnahme"),
            _ask(measure, "summary", "Zusammenfassung", "1–2 Sätze, ohne Formatierung."),
            _ask(
                measure,
                "libraries",
                "Bibliothek",
                "Kennung Ihrer Bibliothek oder Ihres Verbunds, wie in der Adresse ihrer "
                "Seite auf der Website (…/bibliotheken/KENNUNG/).",
            ),
            _ask(measure, "topics", "Themen", "Handlungsfelder:"),
            _ask(measure, "audiences", "Zielgruppen"),
            _ask(measure, "status", "Stand"),
            _ask(measure, "period.start", "Beginn"),
            _ask(measure, "period.end", "Ende", "Nicht vor dem Beginn."),
            _ask(measure, "effort.level", "Aufwand insgesamt"),
            _ask(measure, "effort.staff_hours", "Arbeitsstunden insgesamt", id="staff_hours"),
            _ask(measure, "effort.budget_eur", "Kosten in Euro", id="budget_eur"),
            _ask(measure, "partners", "Partner", "Externe Partner."),
            _ask(
                measure,
                "outcomes",
                "Ergebnisse in Zahlen",
                "Je Zeile „Was gezählt wurde: Wert“.",
                placeholder="Teilnehmende Kinder: 85",
            ),
            _ask(
                measure,
                "materials",
                "Materialien im Netz",
                "Je Zeile „Titel: https://…“. Eigene Dateien (PDF, Bilder, Vorlagen) gehören "
                "in das nächste Feld.",
                id="links",
                placeholder="Bericht der Fachstelle: https://example.org/bericht",
            ),
            attachments_element(),
            _body_section(
                "situation",
                "Ausgangslage",
                "Was war vor Ort los? Welche Idee stand am Anfang? Markdown ist erlaubt, "
                "HTML nicht.",
                required=True,
            ),
            _body_section(
                "implementation",
                "Umsetzung",
                "Wie sind Sie vorgegangen? Wer war beteiligt?",
                required=True,
            ),
            _body_section("results", "Ergebnisse", "Was ist herausgekommen?"),
            _body_section(
                "tips", "Tipps", "Was raten Sie Bibliotheken, die das nachmachen möchten?"
            ),
            _ask(
                measure,
                "collaboration.seeking",
                "Kooperation gesucht",
                "Suchen Sie Bibliotheken, die mitmachen oder die Arbeit teilen? "
                "Dann beschreiben Sie es hier.",
                id="collaboration",
                required=False,
                placeholder="",
            ),
            _ask(
                measure,
                "collaboration.offering",
                "Wir bieten an",
                "Können Sie anderen Bibliotheken etwas anbieten – eine Vorlage, einen Koffer, "
                "einen Nachmittag zum Zuschauen? Dann beschreiben Sie es hier.",
                id="offering",
                required=False,
                placeholder="",
            ),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def library_form(taxonomy: Taxonomy) -> Form:
    """The form for a new library or network profile."""
    library = library_schema(taxonomy)
    for_library = "Pflicht für eine Bibliothek."
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
            _ask(library, "name", "Name der Bibliothek"),
            _ask(library, "kind", "Art", required=True),
            _ask(library, "municipality", "Gemeinde", for_library),
            _ask(
                library,
                "state",
                "Bundesland",
                "Pflicht für eine Bibliothek in Deutschland.",
                type="dropdown",
                options=tuple(taxonomy.states.get("DE", [])),
            ),
            _ask(
                library,
                "country",
                "Land",
                "Nur außerhalb Deutschlands:",
                placeholder="DE",
            ),
            # The state outside Germany, as free text: the dropdown above lists German ones.
            _ask(
                library,
                "state",
                "Region außerhalb Deutschlands",
                "Nur außerhalb Deutschlands: Bundesland, Kanton oder Provinz.",
                id="region",
                placeholder="",
            ),
            _ask(library, "population", "Einwohner im Einzugsgebiet", for_library),
            _ask(
                library,
                "area_m2",
                "Publikumsfläche in m²",
                "Empfohlen; „unbekannt“, wenn keine Fläche veröffentlicht ist.",
            ),
            _ask(
                library,
                "staff_fte",
                "Personal in VZÄ",
                "Vollzeitäquivalente mit Punkt, z. B. 1.5; 0 = ehrenamtlich geführt; "
                "„unbekannt“, wenn keine Zahl veröffentlicht ist. " + for_library,
            ),
            _ask(library, "volunteers", "Zahl der Ehrenamtlichen"),
            _ask(library, "website", "Website"),
            _ask(
                library,
                "contact.email",
                "E-Mail-Adresse",
                "Nur eine Funktionsadresse (z. B. buecherei@…), keine private.",
                id="email",
                placeholder="",
            ),
            _ask(
                library,
                "contact.public",
                "Veröffentlichung der E-Mail-Adresse",
                id="email_public",
                required=False,
                options=("Die E-Mail-Adresse darf auf der Website erscheinen.",),
            ),
            _ask(
                library,
                "members",
                "Mitglieder des Verbunds",
                "Nur für Verbünde: Kennungen der Mitgliedsbibliotheken (mindestens zwei).",
            ),
            _ask(library, "toolkit.date", "Datum des Toolkit-Workshops"),
            _ask(
                library,
                "toolkit.priorities",
                "Schwerpunkte aus dem Toolkit-Workshop",
                "Handlungsfelder:",
                required=False,
            ),
            _ask(library, "toolkit.notes", "Ergebnisse des Toolkit-Workshops", "Kurzer Text."),
            _ask(library, "about", "Kurzporträt", "Markdown ist erlaubt, HTML nicht."),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def attachments_element() -> Element:
    """Files dropped into this field become materials (``from-issue --fetch-attachments``)."""
    return Element(
        "attachments",
        "textarea",
        "Materialien als Datei",
        f"PDF, Bilder oder Vorlagen, höchstens {MAX_MATERIAL_SIZE} je Datei: die Datei in dieses "
        "Feld ziehen "
        "oder unter dem Feld auf „Paste, drop, or click to add files“ klicken. GitHub setzt "
        "einen Link ein; davor können Sie einen Titel schreiben. Erlaubt: "
        + ", ".join(sorted(MATERIAL_TYPES))
        + ".",
        placeholder="Lesepass (Vorlage): [lesepass.pdf](https://github.com/user-attachments/files/…)",
    )


# Ids of the library form a new library with its first measure does without: it is a
# library (not a network), and it is that measure's library.
_COMBINED_SKIP = {"kind", "members", "consent", "libraries"}
# What a library must give, less the state: the form lists only the German ones.
_LIBRARY_REQUIRED = set(default_kind(PROFILE_KINDS).required) - {"state"}


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


def adoption_form(taxonomy: Taxonomy) -> Form:
    """„Maßnahme nachgemacht“: a library in the catalogue adopted measures of others. Its
    issue changes the library's profile (``adopted``) instead of adding a file."""
    library = library_schema(taxonomy)
    return Form(
        kind="adoption",
        file=ADOPTION_FORM,
        name="Maßnahme nachgemacht",
        description=(
            "Ihre Bibliothek hat eine Maßnahme aus dem Katalog nachgemacht? Sagen Sie es – "
            "ohne Git."
        ),
        title=ADOPTION_TITLE,
        labels=("einreichung", LABEL_ADOPTION, "bibliotheksprofil"),
        intro=(
            "„Wir haben das auch gemacht“: Danke, dass Sie es sagen! Andere Bibliotheken sehen "
            "so, dass eine Idee auch anderswo funktioniert. Die Redaktion prüft Ihre Angaben; "
            "dann nennt das Profil Ihrer Bibliothek die Maßnahmen unter „adopted“. Kommen Sie "
            "über „Wir haben das auch gemacht“ von der Website, ist die Maßnahme schon "
            "ausgefüllt. Ist Ihre Bibliothek noch nicht im Katalog, legen Sie bitte zuerst ihr "
            "Profil an (Formular „Bibliotheksprofil“)."
        ),
        elements=(
            Element(
                ADOPTION_LIBRARY,
                "input",
                "Ihre Bibliothek",
                "Kennung Ihrer Bibliothek oder Ihres Verbunds, wie in der Adresse ihrer Seite "
                "auf der Website (…/bibliotheken/KENNUNG/).",
                True,
                placeholder="gemeindebuecherei-musterdorf",
            ),
            _ask(
                library,
                "adopted",
                "Nachgemachte Maßnahmen",
                "Kennungen der Maßnahmen anderer Bibliotheken, wie in der Adresse ihrer Seite "
                "(…/massnahmen/KENNUNG/); die ganze Adresse geht auch.",
                id=ADOPTION_MEASURES,
                required=True,
            ),
            Element(
                "message",
                "textarea",
                "Wie ist es gelaufen?",
                "Freiwillig: Was haben Sie anders gemacht, was hat gut geklappt? Der Text steht "
                "im Vorschlag für die Redaktion (Pull Request), nicht im Katalog.",
            ),
            Element("consent", "checkboxes", "Einverständnis", "", True, (CONSENT,)),
        ),
    )


def review_form() -> Form:
    """„Ist noch aktuell“: someone confirms that a measure still holds. Its issue sets the
    measure's ``reviewed`` to the day it is taken over (:mod:`generator.contribute.review`)."""
    return Form(
        kind="review",
        file=REVIEW_FORM,
        name="Ist noch aktuell",
        description=(
            "Eine Maßnahme stimmt noch so, wie sie im Katalog steht? Bestätigen Sie es – ohne Git."
        ),
        title=REVIEW_TITLE,
        labels=("einreichung", LABEL_REVIEW, "massnahme"),
        intro=(
            "Danke, dass Sie nachsehen! Maßnahmen, die lange niemand geprüft hat, zeigt der "
            "Katalog als „nicht geprüft“ an. Stimmt alles noch, übernimmt die Redaktion Ihre "
            "Bestätigung: Die Maßnahme bekommt das heutige Datum als „reviewed“. Kommen Sie über "
            "„Ist noch aktuell“ von der Website, ist die Maßnahme schon ausgefüllt. Stimmt "
            "etwas nicht mehr, nutzen Sie bitte das Formular „Korrektur melden“."
        ),
        elements=(
            Element(
                REVIEW_MEASURE,
                "input",
                "Maßnahme",
                "Kennung der Maßnahme, wie in der Adresse ihrer Seite (…/massnahmen/KENNUNG/); "
                "die ganze Adresse geht auch.",
                True,
                placeholder="lesesommer-mit-der-grundschule",
            ),
            Element(
                "message",
                "textarea",
                "Anmerkung",
                "Freiwillig: Wer hat geprüft, was hat sich verändert? Der Text steht im Vorschlag "
                "für die Redaktion (Pull Request), nicht im Katalog.",
            ),
            Element(
                "consent",
                "checkboxes",
                "Bestätigung",
                "",
                True,
                ("Ich habe die Angaben der Maßnahme geprüft; sie stimmen noch.",),
            ),
        ),
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
    """Every submission form, for the issue forms generated and for reading an issue back."""
    return [
        measure_form(taxonomy),
        library_form(taxonomy),
        library_measure_form(taxonomy),
        adoption_form(taxonomy),
        review_form(),
        files_form(),
        correction_form(),
    ]
