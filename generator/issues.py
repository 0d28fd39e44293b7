"""GitHub issue forms: generated from the taxonomy, and turned back into catalogue files.

``issue_form_yaml`` writes ``.github/ISSUE_TEMPLATE/*.yml`` (``catalogue issue-forms``):
„Neue Maßnahme“, „Bibliotheksprofil“, „Neue Bibliothek mit Maßnahme“ (both in one),
„Einreichung aus dem Website-Formular“ (the files the website's form wrote, one fenced block
per file, see ``files_block``) and „Korrektur melden“ (never a file: the editors edit by
hand). ``submission_from_issue`` parses the body GitHub renders from such a form, builds
every file – attached materials included (:mod:`generator.attachments`) – and validates them
together with the normal loader in a copy of the catalogue (``catalogue from-issue``).
Everything in an issue body is untrusted text: it is only ever parsed and quoted, never run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .attachments import AttachmentError, Fetcher, find_attachments, material_name
from .fields import unknown_id_message
from .ids import is_valid_id, propose_id, reserved_id_message
from .loading import load_catalogue
from .model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Catalogue, Taxonomy
from .problems import Problem
from .schema import MATERIAL_TYPES
from .site_config import guide_url

MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue body
FORMS_DIR = ".github/ISSUE_TEMPLATE"
LABEL_TAKE_OVER = "uebernehmen"
LABELS_FILE = ".github/labels.json"  # JSON: the labels workflow reads it with Python alone
# Every label the issue forms and workflows use. GitHub drops labels that do not exist from
# a form's issue: without them the issue-to-PR route would silently never run. The labels
# workflow creates them from LABELS_FILE.
LABEL_CORRECTION = "korrektur"
LABELS = {
    "einreichung": ("0e8a16", "Vorschlag aus einem Formular"),
    "massnahme": ("1d76db", "betrifft eine Maßnahme"),
    "bibliotheksprofil": ("5319e7", "betrifft ein Bibliotheksprofil"),
    LABEL_TAKE_OVER: ("fbca04", "Redaktion: geprüft, als Pull Request übernehmen"),
    LABEL_CORRECTION: ("d93f0b", "Korrektur an einem Eintrag; bearbeitet die Redaktion von Hand"),
}
NO_RESPONSE = "_No response_"
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


# --- issue forms as YAML ----------------------------------------------------------------


def issue_form_yaml(form: Form) -> str:
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    sections = dict(form.sections)
    for element in form.elements:
        if element.id in sections:
            body.append({"type": "markdown", "attributes": {"value": sections[element.id]}})
        attributes: dict[str, Any] = {"label": element.label}
        if element.description:
            attributes["description"] = element.description
        if element.type == "dropdown":
            attributes["multiple"] = element.multiple
            attributes["options"] = list(element.options)
        elif element.type == "checkboxes":
            attributes["options"] = [
                {"label": option, "required": element.required} for option in element.options
            ]
        if element.placeholder:
            attributes["placeholder"] = element.placeholder
        item: dict[str, Any] = {"type": element.type, "id": element.id, "attributes": attributes}
        if element.type != "checkboxes":
            item["validations"] = {"required": element.required}
        body.append(item)
    document = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": list(form.labels),
        "body": body,
    }
    header = (
        "# Erzeugt mit „catalogue issue-forms“ aus measures/_taxonomy.yml – nicht von Hand "
        "ändern.\n"
    )
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


ISSUE_CONFIG = """\
# Erzeugt mit „catalogue issue-forms“ – nicht von Hand ändern.
blank_issues_enabled: true
contact_links:
  - name: Anleitung „Mitmachen“
    url: {url}
    about: Schritt für Schritt – mit Formular, im GitHub-Editor oder mit Git.
"""


def issue_form_files(taxonomy: Taxonomy, guide_url: str | None = None) -> dict[str, str]:
    """Path (relative to the repository) → text of every generated issue-form file."""
    files = {f"{FORMS_DIR}/{form.file}": issue_form_yaml(form) for form in forms(taxonomy)}
    if guide_url:
        files[f"{FORMS_DIR}/config.yml"] = ISSUE_CONFIG.format(url=guide_url)
    else:
        files[f"{FORMS_DIR}/config.yml"] = ISSUE_CONFIG.split("contact_links:")[0]
    files[LABELS_FILE] = labels_json()
    return files


def stale_issue_form_files(root: Path, taxonomy: Taxonomy) -> list[tuple[str, str, str | None]]:
    """``(path, wanted text, current text or None)`` of each generated file that differs
    from what ``catalogue issue-forms`` would write for this repository."""
    stale = []
    for rel, text in issue_form_files(taxonomy, guide_url(root)).items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            stale.append((rel, text, current))
    return stale


def labels_json() -> str:
    """The labels file; generated like the forms (``catalogue issue-forms``), never edited."""
    items = [{"name": n, "color": c, "description": d} for n, (c, d) in LABELS.items()]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# --- parsing a form issue ---------------------------------------------------------------


_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")


@dataclass
class Parsed:
    values: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def normalise_body(body: str) -> str:
    """Line breaks as \\n; the invisible separators that pasted text brings become \\n too."""
    return _LINE_BREAKS.sub("\n", body).strip()


_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")


def _headings(text: str, labels: set[str]) -> tuple[list[tuple[str, int, int]], bool]:
    """``### <label>`` lines (label, start, end) outside fenced code blocks – where GitHub
    shows a heading, not inside a quoted file – and whether a code block is left open."""
    found: list[tuple[str, int, int]] = []
    fence = ""
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if fence:
            close = _FENCE_CLOSE.match(line)
            if close and close["fence"][0] == fence[0] and len(close["fence"]) >= len(fence):
                fence = ""
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening["fence"][0] == "`" and "`" in opening["info"]):
            fence = opening["fence"]
            continue
        heading = _HEADING.match(line)
        if heading and heading.group(1).strip() in labels:
            found.append((heading.group(1).strip(), start, start + len(line)))
    return found, bool(fence)


def parse_body(body: str, form: Form) -> Parsed:
    """Field id → the text a contributor entered, from the Markdown GitHub renders."""
    result = Parsed()
    if len(body) > MAX_BODY_CHARS:
        result.errors.append(
            f"Der Text ist {len(body):,} Zeichen lang; erlaubt sind höchstens "
            f"{MAX_BODY_CHARS:,}. Bitte kürzen.".replace(",", ".")
        )
        return result
    text = "\n" + normalise_body(body) + "\n"
    by_label = {e.label: e for e in form.elements}
    headings, open_fence = _headings(text, set(by_label))
    seen: dict[str, int] = {}
    for label, _, _ in headings:
        seen[label] = seen.get(label, 0) + 1
    for label, count in seen.items():
        if count > 1:
            result.errors.append(
                f"Die Überschrift „### {label}“ kommt {count}-mal vor; sie darf in den "
                "Antworten nicht vorkommen. Bitte den Text ändern."
            )
    if result.errors:
        return result
    for index, (label, _, end) in enumerate(headings):
        stop = headings[index + 1][1] if index + 1 < len(headings) else len(text)
        value = text[end:stop].strip()
        if value == NO_RESPONSE or value == "None":
            value = ""
        result.values[by_label[label].id] = value
    for element in form.elements:
        if element.label not in seen and element.required:
            result.errors.append(f"Der Abschnitt „{element.label}“ fehlt im Text des Issues.")
    if open_fence and any(e.label not in seen for e in form.elements):
        result.errors.append(
            "Ein Codeblock (eine Zeile mit ``` oder ~~~) wird nicht wieder geschlossen; alles "
            "danach gilt als Teil davon. Bitte die Zeile löschen oder den Block schließen."
        )
    return result


def detect_form(body: str, taxonomy: Taxonomy) -> Form | None:
    """The form whose headings the body carries: a correction whenever its first heading
    is there (so that it never becomes a file), else the form that matches most headings,
    the smaller one on a tie (a library's headings are all in the combined form too)."""
    text = "\n" + normalise_body(body) + "\n"
    candidates = forms(taxonomy)
    headings, _ = _headings(text, {e.label for f in candidates for e in f.elements})
    present = {label for label, _, _ in headings}
    qualified = [f for f in candidates if f.elements[0].label in present]
    for form in qualified:
        if form.kind == "correction":
            return form
    if not qualified:
        return None
    return max(
        qualified,
        key=lambda f: (sum(e.label in present for e in f.elements), -len(f.elements)),
    )


# --- the files the website's form writes -----------------------------------------------

_FILE_HEADING = re.compile(r"^#### (?P<path>\S+)$")
_FILE_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>yaml|markdown)$")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ENTRY_PATH = re.compile(rf"^(?:measures/(?P<measure>{_ID})\.md|libraries/(?P<library>{_ID})\.yml)$")
MATERIAL_PATH = re.compile(rf"^measures/{_ID}/{_ID}\.[a-z]+$")


def files_block(files: dict[str, str]) -> str:
    """The text of the field „Dateien“: each file under ``#### <path>`` in a code block
    whose fence is longer than any run of backticks in it (mirrored in einreichen.js)."""
    blocks = []
    for path, text in files.items():
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        info = "yaml" if path.endswith(".yml") else "markdown"
        blocks.append(f"#### {path}\n\n{fence}{info}\n{text.rstrip(chr(10))}\n{fence}")
    return "\n\n".join(blocks)


def parse_files(value: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, text) of every file in the field „Dateien“, strictly in the form
    ``files_block`` writes; anything else, or a path that is no new entry, is an error."""
    lines = value.split("\n")
    files: list[tuple[str, str]] = []
    index = 0

    def broken(number: int, what: str) -> tuple[list[tuple[str, str]], list[str]]:
        return [], [
            f"Dateien: {what} (Zeile {number} des Abschnitts). Der Abschnitt muss so bleiben, "
            "wie ihn das Formular auf der Website geschrieben hat – bitte dort neu erzeugen "
            "und den Text ohne Änderung einfügen."
        ]

    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        heading = _FILE_HEADING.match(lines[index].rstrip())
        if not heading:
            return broken(index + 1, "Hier wird „#### “ mit dem Namen einer Datei erwartet")
        path, index = heading["path"], index + 1
        while index < len(lines) and not lines[index].strip():
            index += 1
        opening = _FILE_FENCE.match(lines[index].rstrip()) if index < len(lines) else None
        if not opening:
            return broken(index + 1, f"Nach „#### {path[:80]}“ fehlt der Codeblock mit der Datei")
        if (opening["info"] == "yaml") != path.endswith(".yml"):
            return broken(index + 1, f"Die Art des Codeblocks passt nicht zu „{path[:80]}“")
        fence, index = opening["fence"], index + 1
        first = index
        while index < len(lines) and lines[index].rstrip() != fence:
            index += 1
        if index == len(lines):
            return broken(first, f"Der Codeblock von „{path[:80]}“ wird nicht geschlossen")
        files.append((path, "\n".join(lines[first:index]) + "\n"))
        index += 1
    return files, []


def _entry_problems(files: list[tuple[str, str]], root: Path) -> tuple[list[str], bool]:
    """Only new profiles and measures, at most one profile, no path twice; also whether
    the paths are safe to check in a copy of the catalogue at all."""
    errors: list[str] = []
    usable = bool(files)
    seen: set[str] = set()
    profiles = measures = 0
    for path, _ in files:
        match = ENTRY_PATH.match(path)
        entry_id = (match["measure"] or match["library"]) if match else ""
        if not match or not is_valid_id(entry_id):
            usable = False
            errors.append(
                f"Dateien: „{path[:100]}“ ist kein erlaubter Dateiname. Erlaubt sind nur neue "
                "Maßnahmen (measures/<kennung>.md) und Profile (libraries/<kennung>.yml); "
                "Kennungen aus Kleinbuchstaben, Ziffern und Bindestrichen."
            )
            continue
        if reserved := reserved_id_message(entry_id):
            errors.append(f"Dateien: {path}: {reserved}")
        if path in seen:
            usable = False
            errors.append(f"Dateien: „{path}“ steht zweimal im Text.")
        seen.add(path)
        profiles += bool(match["library"])
        measures += bool(match["measure"])
        if os.path.lexists(root / path):
            usable = False
            noun = "Maßnahme" if match["measure"] else "Bibliothek"
            errors.append(
                f"Eine {noun} mit der Kennung „{entry_id}“ gibt es schon ({path}). Bitte einen "
                "anderen Titel oder Namen wählen – oder die bestehende Datei ändern "
                "(„Änderung vorschlagen“ auf ihrer Seite)."
            )
    if profiles > 1:
        errors.append("Dateien: Ein Vorschlag darf höchstens ein Bibliotheksprofil enthalten.")
    if measures > MAX_MEASURES:
        errors.append(f"Dateien: Ein Vorschlag darf höchstens {MAX_MEASURES} Maßnahmen enthalten.")
    if not files:
        errors.append("Dateien: Im Abschnitt steht keine Datei.")
    return errors, usable


def _option_ids(value: str) -> list[str]:
    """``Leseförderung (lesefoerderung), Ehrenamt (ehrenamt)`` → the ids in parentheses."""
    return re.findall(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)", value)


def _checked(value: str) -> bool:
    return bool(re.search(r"^- \[[xX]\]", value, re.MULTILINE))


def _ids(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _scalar(value: str, pattern: re.Pattern[str]) -> str:
    """Plain when it is what YAML should read as number/date, else quoted text (so that
    the validator explains what is wrong, e.g. a thousands separator)."""
    return value if pattern.match(value) else _q(value)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Writer:
    """Front matter lines, remembering which form field each line came from."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origin: dict[int, str] = {}

    def add(self, line: str, element: str | None = None) -> None:
        self.lines.append(line)
        if element:
            self.origin[len(self.lines)] = element


def measure_text(values: dict[str, str], today: dt.date) -> tuple[str, dict[int, str], list[str]]:
    """The file text, line → form field id, and problems found while building it."""
    w, errors = _Writer(), []
    w.add("---")
    w.add("# yaml-language-server: $schema=../schema/measure.schema.json")
    w.add(f"title: {_q(_one_line(values.get('title', '')))}", "title")
    w.add(f"summary: {_q(_one_line(values.get('summary', '')))}", "summary")
    w.add(
        f"libraries: [{', '.join(_q(i) for i in _ids(values.get('libraries', '')))}]", "libraries"
    )
    w.add(f"topics: [{', '.join(_option_ids(values.get('topics', '')))}]", "topics")
    audiences = _option_ids(values.get("audiences", ""))
    if audiences:
        w.add(f"audiences: [{', '.join(audiences)}]", "audiences")
    status = _option_ids(values.get("status", ""))
    w.add(f"status: {status[0] if status else ''}", "status")
    start, end = values.get("period_start", ""), values.get("period_end", "")
    if start or end:
        w.add("period:")
        if start:
            w.add(f"  start: {_scalar(start.strip(), _PARTIAL_DATE)}", "period_start")
        if end:
            w.add(f"  end: {_scalar(end.strip(), _PARTIAL_DATE)}", "period_end")
    level = _option_ids(values.get("effort_level", ""))
    hours, budget = values.get("staff_hours", "").strip(), values.get("budget_eur", "").strip()
    if level or hours or budget:
        w.add("effort:")
        if level:
            w.add(f"  level: {level[0]}", "effort_level")
        if hours:
            w.add(f"  staff_hours: {_scalar(hours, _NUMBER)}", "staff_hours")
        if budget:
            w.add(f"  budget_eur: {_scalar(budget, _NUMBER)}", "budget_eur")
    partners = [p.strip(" -*\t") for p in values.get("partners", "").splitlines()]
    partners = [p for p in partners if p]
    if partners:
        w.add(f"partners: [{', '.join(_q(p) for p in partners)}]", "partners")
    outcome_lines = [o.strip(" -*\t") for o in values.get("outcomes", "").splitlines()]
    outcome_lines = [o for o in outcome_lines if o]
    if outcome_lines:
        w.add("outcomes:")
        for line in outcome_lines:
            label, colon, value = line.rpartition(":")
            if not colon or not label.strip() or not value.strip():
                errors.append(
                    f"Ergebnisse in Zahlen: Die Zeile „{line[:80]}“ bitte als "
                    "„Was gezählt wurde: Wert“ schreiben."
                )
                continue
            w.add(f"  - label: {_q(label.strip())}", "outcomes")
            w.add(f"    value: {_scalar(value.strip(), _NUMBER)}", "outcomes")
    links = [x.strip(" -*\t") for x in values.get("links", "").splitlines()]
    links = [x for x in links if x]
    if links:
        w.add("materials:")
        for line in links:
            match = re.search(r"(\S+://\S+)\s*$", line)
            if not match:
                errors.append(
                    f"Materialien im Netz: In der Zeile „{line[:80]}“ fehlt eine "
                    "Webadresse mit https://."
                )
                continue
            title = line[: match.start()].strip(" :–-\t") or match.group(1)
            w.add(f"  - title: {_q(title)}", "links")
            w.add(f"    url: {_q(match.group(1))}", "links")
    seeking = _one_line(values.get("collaboration", ""))
    if seeking:
        w.add("collaboration:")
        w.add(f"  seeking: {_q(seeking)}", "collaboration")
    w.add(f"published: {today.isoformat()}")
    w.add("---")
    for key, heading in (
        ("situation", "Ausgangslage"),
        ("implementation", "Umsetzung"),
        ("results", "Ergebnisse"),
        ("tips", "Tipps"),
    ):
        text = values.get(key, "").strip()
        if text:
            w.add("")
            w.add(f"## {heading}", key)
            w.add("")
            for line in text.split("\n"):
                w.add(line, key)
    return "\n".join(w.lines) + "\n", w.origin, errors


def library_text(values: dict[str, str]) -> tuple[str, dict[int, str], list[str]]:
    w, errors = _Writer(), []
    w.add("# yaml-language-server: $schema=../schema/library.schema.json")
    w.add(f"name: {_q(_one_line(values.get('name', '')))}", "name")
    kind = (_option_ids(values.get("kind", "")) or ["library"])[0]
    w.add(f"kind: {kind}", "kind")
    country = values.get("country", "").strip().upper() or "DE"
    state = values.get("state", "").strip() if country == "DE" else values.get("region", "")
    for key, value in (("municipality", values.get("municipality", "")), ("state", state)):
        if value.strip():
            w.add(f"{key}: {_q(_one_line(value))}", key)
    if country != "DE":
        w.add(f"country: {_q(country)}", "country")
    for key in ("population", "area_m2", "staff_fte", "volunteers"):
        value = values.get(key, "").strip()
        if value:
            w.add(f"{key}: {_scalar(value, _NUMBER)}", key)
    if values.get("website", "").strip():
        w.add(f"website: {_q(values['website'].strip())}", "website")
    email = values.get("email", "").strip()
    if email:
        w.add("contact:")
        w.add(f"  email: {_q(email)}", "email")
        w.add(
            f"  public: {'true' if _checked(values.get('email_public', '')) else 'false'}",
            "email_public",
        )
    members = _ids(values.get("members", ""))
    if members:
        w.add(f"members: [{', '.join(_q(m) for m in members)}]", "members")
    date = values.get("toolkit_date", "").strip()
    priorities = _option_ids(values.get("toolkit_priorities", ""))
    notes = values.get("toolkit_notes", "").strip()
    if date or priorities or notes:
        w.add("toolkit:")
        if date:
            w.add(f"  date: {_scalar(date, _PARTIAL_DATE)}", "toolkit_date")
        if priorities:
            w.add(f"  priorities: [{', '.join(priorities)}]", "toolkit_priorities")
        if notes:
            w.add(f"  notes: {_q(notes)}", "toolkit_notes")
    about = values.get("about", "").strip()
    if about:
        w.add(f"about: {_q(about)}", "about")
    return "\n".join(w.lines) + "\n", w.origin, errors


@dataclass
class SubmittedFile:
    path: str  # relative to the repository
    text: str | None = None  # a profile or measure
    data: bytes | None = None  # a material

    @property
    def content(self) -> bytes:
        return self.data if self.data is not None else (self.text or "").encode("utf-8")


@dataclass
class _Entry:
    kind: str  # measure | library
    id: str
    path: str
    text: str
    origin: dict[int, str]  # line → form field id (empty for files from the website)
    title: str = ""


@dataclass
class Submission:
    kind: str = ""  # the form: measure | library | combined | files | correction
    id: str = ""  # the main entry (the measure, if there is one)
    path: str = ""  # relative to the repository
    text: str = ""
    title: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[SubmittedFile] = field(default_factory=list)  # every file, profile first
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, title
    message: str = ""  # to the editors (form „Einreichung aus dem Website-Formular“)
    manual: bool = False  # a correction: the editors handle it by hand

    @property
    def valid(self) -> bool:
        return not self.errors and bool(self.path) and not self.manual

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]


CORRECTION_MESSAGE = (
    "Dies ist eine Korrekturmeldung. Die Redaktion bearbeitet sie von Hand; daraus entsteht "
    "kein automatischer Pull Request."
)


def submission_from_issue(
    body: str,
    root: Path,
    taxonomy: Taxonomy,
    today: dt.date | None = None,
    kind: str | None = None,
    current_body: str | None = None,
    fetch: Fetcher | None = None,
    labels: tuple[str, ...] | list[str] = (),
) -> Submission:
    """Parse, build and validate; never writes into ``root``. ``fetch`` downloads files
    attached to the issue (without it, attachments are an error: nothing is dropped)."""
    today = today or dt.date.today()
    result = Submission()
    broken = _lone_surrogate(body)
    if broken is not None:
        # JSON can carry half of a character pair; no file can hold one.
        result.errors.append(
            f"Der Text des Issues enthält an Stelle {broken + 1} ein unvollständiges Zeichen "
            "(oft ein beim Kopieren zerschnittenes Emoji). Bitte diese Stelle neu eingeben."
        )
        return result
    if current_body is not None and normalise_body(current_body) != normalise_body(body):
        result.errors.append(
            "Der Text des Issues wurde geändert, nachdem das Label „uebernehmen“ gesetzt "
            "wurde. Bitte die Änderung prüfen und das Label danach neu setzen."
        )
        return result
    form = next((f for f in forms(taxonomy) if f.kind == kind), None) if kind else None
    form = form or detect_form(body, taxonomy)
    if LABEL_CORRECTION in labels or (form is not None and form.kind == "correction"):
        result.kind, result.manual = "correction", True
        result.errors.append(CORRECTION_MESSAGE)
        return result
    if form is None:
        *first, last = [f"„{f.name}“" for f in forms(taxonomy) if f.kind != "correction"]
        result.errors.append(
            f"Dieses Issue stammt nicht aus dem Formular {', '.join(first)} oder {last}; es "
            "kann nicht automatisch übernommen werden."
        )
        return result
    result.kind = form.kind
    parsed = parse_body(body, form)
    result.errors += parsed.errors
    if parsed.errors:
        return result
    values = parsed.values
    for element in form.elements:
        if element.required and not values.get(element.id) and element.id != "consent":
            result.errors.append(f"„{element.label}“ ist ein Pflichtfeld, aber leer.")
    if not _checked(values.get("consent", "")):
        result.errors.append("Das Einverständnis zur Veröffentlichung fehlt.")
    result.message = values.get("message", "")
    entries = _entries(form, values, today, result.errors)
    if entries is None:
        return result
    errors, usable = _entry_problems([(e.path, e.text) for e in entries], root)
    result.errors += errors
    if not usable:  # nothing of it is written anywhere, not even into the copy
        return result
    labels_of = {e.id: e.label for e in form.elements}
    if form.kind == "measure":  # also when other errors keep the loader from checking it
        known = {p.stem for p in (root / "libraries").glob("*.yml")}
        for library in _ids(values.get("libraries", "")):
            if library not in known:
                message = unknown_id_message("Bibliothek", library, sorted(known))
                result.errors.append(
                    f"{labels_of['libraries']}: {message} (Profile liegen im Ordner libraries/)"
                )
    materials = _attachments(values.get("attachments", ""), entries, root, fetch, result.errors)
    entries.sort(key=lambda e: e.kind != "library")  # the profile first, as it is needed first
    result.files = [SubmittedFile(e.path, text=e.text) for e in entries] + materials
    main = next((e for e in entries if e.kind == "measure"), entries[0])
    result.id, result.path, result.text = main.id, main.path, main.text
    problems, loaded = _validate(root, result.files)
    by_path = {e.path: e for e in entries}
    for problem in problems:
        entry = by_path.get(problem.path)
        if entry is not None and entry.origin:
            where = labels_of.get(entry.origin.get(problem.line, ""), "")
        elif entry is not None or problem.line > 1:
            where = f"{problem.path}, Zeile {problem.line}"
        else:
            where = problem.path
        message = f"{where}: {problem.message}" if where else problem.message
        target = result.warnings if problem.warning else result.errors
        if message not in target:
            target.append(message)
    for entry in entries:
        if loaded is not None:
            found = (loaded.measures if entry.kind == "measure" else loaded.libraries).get(entry.id)
            if found is not None:
                entry.title = found.title if entry.kind == "measure" else found.name
        result.entries.append((entry.kind, entry.id, entry.title or entry.id))
    result.title = main.title or main.id
    return result


def _entries(
    form: Form, values: dict[str, str], today: dt.date, errors: list[str]
) -> list[_Entry] | None:
    """The files a form's answers make; ``None`` when no file name can be made."""
    if form.kind == "files":
        files, problems = parse_files(values.get(FILES_FIELD, ""))
        errors += problems
        if problems or not files:
            return None
        entries = []
        for path, text in files:
            match = ENTRY_PATH.match(path)
            kind = "measure" if match and match["measure"] else "library"
            entry_id = path.rpartition("/")[2].rpartition(".")[0]
            entries.append(_Entry(kind, entry_id, path, text, {}))
        return entries
    entries = []
    if form.kind in ("library", "combined"):
        name = _one_line(values.get("name", ""))
        text, origin, problems = library_text(values)
        errors += problems
        entry_id = propose_id(name) if name else ""
        if not entry_id or not is_valid_id(entry_id):
            return None
        entries.append(_Entry("library", entry_id, f"libraries/{entry_id}.yml", text, origin, name))
    if form.kind in ("measure", "combined"):
        if form.kind == "combined":
            values = {**values, "libraries": entries[0].id}
        title = _one_line(values.get("title", ""))
        text, origin, problems = measure_text(values, today)
        errors += problems
        entry_id = propose_id(title) if title else ""
        if not entry_id or not is_valid_id(entry_id):
            return None
        entries.append(_Entry("measure", entry_id, f"measures/{entry_id}.md", text, origin, title))
    return entries


def _attachments(
    value: str, entries: list[_Entry], root: Path, fetch: Fetcher | None, errors: list[str]
) -> list[SubmittedFile]:
    """Download the files attached in „Materialien als Datei“, check their type and name
    them as materials of the submission's measure (whose text gets a ``materials`` entry)."""
    if not value:
        return []
    found, problems = find_attachments(value)
    errors += problems
    found = list({a.url: a for a in found}.values())  # the same file twice is one file
    if not found:
        return []
    if len(found) > MAX_ATTACHMENTS:
        errors.append(
            f"Materialien als Datei: Es sind {len(found)} Dateien angehängt; übernommen werden "
            f"höchstens {MAX_ATTACHMENTS}. Weitere bitte per E-Mail an die Redaktion."
        )
        return []
    measures = [e for e in entries if e.kind == "measure"]
    if len(measures) != 1:
        errors.append(
            "Materialien als Datei: Angehängte Dateien gehören zu genau einer Maßnahme; bitte "
            "je Maßnahme ein eigenes Issue oder die Dateien per E-Mail an die Redaktion."
        )
        return []
    if fetch is None:
        errors.append(
            "Materialien als Datei: Das Issue enthält angehängte Dateien; sie werden nur "
            "übernommen, wenn „catalogue from-issue“ mit --fetch-attachments läuft (Redaktion: "
            "Einstellung des Workflows)."
        )
        return []
    measure = measures[0]
    folder = f"measures/{measure.id}"
    if os.path.lexists(root / folder):
        errors.append(
            f"Materialien als Datei: Den Ordner „{folder}/“ gibt es schon; bitte die Redaktion "
            "fragen oder einen anderen Titel wählen."
        )
        return []
    files: list[SubmittedFile] = []
    items: list[tuple[str, str]] = []
    taken: set[str] = set()
    for attachment in found:
        try:
            data = fetch(attachment.url)
            name = material_name(attachment, data, taken)
        except AttachmentError as error:
            errors.append(f"Materialien als Datei: {error}")
            continue
        files.append(SubmittedFile(f"{folder}/{name}", data=data))
        items.append((attachment.title[:120], name))
    if items:
        added = add_materials(measure.text, items)
        if added is None:
            errors.append(
                "Materialien als Datei: Im Kopfbereich der Maßnahme lässt sich „materials“ "
                "nicht ergänzen; bitte „materials“ als Liste untereinander schreiben."
            )
            return []
        measure.text, at, count = added
        measure.origin = {
            (line if line < at else line + count): key for line, key in measure.origin.items()
        }
        measure.origin.update({at + i: "attachments" for i in range(count)})
    return files


_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?P<rest>.*)$")


def add_materials(text: str, items: list[tuple[str, str]]) -> tuple[str, int, int] | None:
    """The measure's text with ``- title / file`` entries added to ``materials`` (a new
    block before the closing ``---`` when there is none); also the first new line (1-based)
    and how many lines were added. ``None`` when the front matter has no usable shape."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return None
    start = next(
        (i for i in range(1, close) if (m := _TOP_KEY.match(lines[i])) and m["key"] == "materials"),
        None,
    )
    indent, at = "  ", close
    new_block: list[str] = []
    if start is None:
        new_block = ["materials:"]
    else:
        rest = _TOP_KEY.match(lines[start])["rest"].split("#", 1)[0].strip()
        if rest == "[]":
            lines[start] = "materials:"
        elif rest:
            return None
        at = start + 1
        first_item = None
        while at < close:
            line = lines[at]
            if line.strip() and not line.startswith((" ", "\t", "-", "#")):
                break  # the next top-level key
            if first_item is None and line.lstrip().startswith("- "):
                first_item = line[: len(line) - len(line.lstrip())]
            at += 1
        while at - 1 > start and not lines[at - 1].strip():
            at -= 1  # new entries right after the last one, not after blank lines
        indent = first_item if first_item is not None else "  "
    for title, name in items:
        new_block += [f"{indent}- title: {_q(title)}", f"{indent}  file: {_q(name)}"]
    lines[at:at] = new_block
    return "\n".join(lines), at + 1, len(new_block)


def _lone_surrogate(text: str) -> int | None:
    """Position of a lone UTF-16 surrogate, which cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def _validate(root: Path, files: list[SubmittedFile]) -> tuple[list[Problem], Catalogue | None]:
    """Problems of the new files, checked together as `catalogue validate` would check them
    in the catalogue they join: in a copy of that catalogue (links in it stay links, which
    the loader refuses as it does in the real one). Also the copy's catalogue, if valid."""
    for file in files:  # the parser lets no other path through; never write one anyway
        if not (ENTRY_PATH.match(file.path) or MATERIAL_PATH.match(file.path)):
            raise ValueError(f"unexpected path {file.path!r}")
    paths = {f.path for f in files}
    folders = {f.path.rpartition("/")[0] for f in files if f.data is not None}
    with tempfile.TemporaryDirectory(prefix="einreichung-") as temp:
        copy = Path(temp)
        for part in ("measures", "libraries", "betreiber.yml"):
            source = root / part
            if source.is_dir() and not source.is_symlink():
                shutil.copytree(source, copy / part, symlinks=True, copy_function=_copy)
            elif source.is_file() and not source.is_symlink():
                _copy(source, copy / part)
        for file in files:
            new = copy / file.path
            new.parent.mkdir(parents=True, exist_ok=True)
            new.unlink(missing_ok=True)  # a link of that name must not be written through
            new.write_bytes(file.content)
        loaded = load_catalogue(copy)
    problems = [
        p
        for p in loaded.problems.sorted()
        if p.path in paths or p.path in folders or p.path.rpartition("/")[0] in folders
    ]
    return problems, loaded.catalogue


def _copy(source: str | Path, target: str | Path) -> None:
    """A hard link where the file system allows it (materials can be large), else a copy:
    either way a file of its own in the copy, never a link to follow."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


# --- what the workflow posts ------------------------------------------------------------


def _code_block(lines: list[str]) -> str:
    # Quoted contributor text stays inert: a fenced block shows @mentions, links and HTML
    # as plain text; backtick runs that could close the fence are broken up.
    safe = [line.replace("`", "ˋ") for line in lines]
    return "```text\n" + "\n".join(safe) + "\n```"


def error_comment(submission: Submission) -> str:
    if submission.manual:
        return (
            "Danke für Ihre Korrekturmeldung! Sie wird von der Redaktion von Hand bearbeitet; "
            "aus ihr entsteht kein automatischer Pull Request. Die Redaktion antwortet hier, "
            "sobald sie den Eintrag geändert hat."
        )
    how = (
        "Bitte den Text des Issues über „…“ → „Edit“ bearbeiten"
        if submission.kind != "files"
        else "Bitte die Angaben im Formular auf der Website korrigieren, den Text dort neu "
        "kopieren und im Issue über „…“ → „Edit“ den Abschnitt „Dateien“ ersetzen"
    )
    return (
        "Danke für Ihren Vorschlag! Bevor er übernommen werden kann, ist noch etwas zu "
        "korrigieren:\n\n"
        + _code_block([f"- {e}" for e in submission.errors])
        + f"\n\n{how}. Danach setzt die Redaktion das Label „uebernehmen“ erneut."
    )


_NOUNS = {"measure": "Maßnahme", "library": "Bibliotheksprofil"}


def pull_request_body(submission: Submission, issue_number: int | None) -> str:
    if len(submission.files) == 1:
        noun = _NOUNS[submission.entries[0][0]] if submission.entries else "Datei"
        lines = [f"{noun} aus dem Formular übernommen: `{submission.path}`."]
    else:
        lines = ["Aus dem Formular übernommen:", ""]
        for file in submission.files:
            what = (
                f"Material, {len(file.data):,} Bytes".replace(",", ".")
                if file.data is not None
                else _NOUNS["measure" if file.path.startswith("measures/") else "library"]
            )
            lines.append(f"- `{file.path}` ({what})")
    lines += ["", "Erzeugt von `catalogue from-issue`; die Prüfung war erfolgreich."]
    if submission.warnings:
        lines += ["", "Hinweise der Prüfung:", "", _code_block(submission.warnings)]
    if submission.message:
        message = _code_block(submission.message.split("\n"))
        lines += ["", "Nachricht an die Redaktion:", "", message]
    if issue_number:
        lines += ["", f"Closes #{issue_number}"]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pull_request_title(submission: Submission) -> str:
    entries = submission.entries or [("measure", submission.id, submission.title)]
    if len(entries) == 1:
        kind, _, title = entries[0]
        return f"{_NOUNS[kind]}: {_short(title, 100)}"
    libraries = [t for k, _, t in entries if k == "library"]
    measures = [t for k, _, t in entries if k == "measure"]
    if libraries and len(measures) == 1:
        both = f"{_short(libraries[0], 50)} – {_short(measures[0], 60)}"
        return f"Bibliotheksprofil und Maßnahme: {both}"
    parts = [*libraries, *measures]
    noun = "Bibliotheksprofil und Maßnahmen" if libraries else "Maßnahmen"
    return f"{noun}: {_short(', '.join(parts), 100)}"
