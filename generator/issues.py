"""GitHub issue forms: generated from the taxonomy, and turned back into catalogue files.

``issue_form_yaml`` writes ``.github/ISSUE_TEMPLATE/*.yml`` (``catalogue issue-forms``);
``submission_from_issue`` parses the body GitHub renders from such a form, builds the
measure or library file and validates it with the normal loader (``catalogue from-issue``).
Everything in an issue body is untrusted text: it is only ever parsed and quoted, never run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fields import unknown_id_message
from .ids import is_valid_id, propose_id
from .loading import load_catalogue
from .model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Taxonomy
from .problems import Problem

MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue body
FORMS_DIR = ".github/ISSUE_TEMPLATE"
LABEL_TAKE_OVER = "uebernehmen"
LABELS_FILE = ".github/labels.json"  # JSON: the labels workflow reads it with Python alone
# Every label the issue forms and workflows use. GitHub drops labels that do not exist from
# a form's issue: without them the issue-to-PR route would silently never run. The labels
# workflow creates them from LABELS_FILE.
LABELS = {
    "einreichung": ("0e8a16", "Vorschlag aus einem Formular"),
    "massnahme": ("1d76db", "betrifft eine Maßnahme"),
    "bibliotheksprofil": ("5319e7", "betrifft ein Bibliotheksprofil"),
    LABEL_TAKE_OVER: ("fbca04", "Redaktion: geprüft, als Pull Request übernehmen"),
}
NO_RESPONSE = "_No response_"


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
    kind: str  # measure | library
    file: str
    name: str
    description: str
    title: str
    labels: tuple[str, ...]
    intro: str
    elements: tuple[Element, ...]

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
            "(Liste unter „Bibliotheken“ auf der Website), füllen Sie bitte zuerst das "
            "Formular „Bibliotheksprofil“ aus."
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
                "Je Zeile „Titel: https://…“. Dateien (PDF usw.) bitte nach dem Absenden "
                "als Kommentar an dieses Issue anhängen.",
                placeholder="Bericht der Fachstelle: https://example.org/bericht",
            ),
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


def forms(taxonomy: Taxonomy) -> list[Form]:
    return [measure_form(taxonomy), library_form(taxonomy)]


# --- issue forms as YAML ----------------------------------------------------------------


def issue_form_yaml(form: Form) -> str:
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    for element in form.elements:
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
    headings = [
        (m.group(1).strip(), m.start(), m.end())
        for m in re.finditer(r"^###[ \t]+(.+?)[ \t]*$", text, re.MULTILINE)
        if m.group(1).strip() in by_label
    ]
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
    return result


def detect_form(body: str, taxonomy: Taxonomy) -> Form | None:
    text = "\n" + normalise_body(body)
    for form in forms(taxonomy):
        if f"\n### {form.elements[0].label}\n" in text:
            return form
    return None


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
class Submission:
    kind: str = ""
    id: str = ""
    path: str = ""  # relative to the repository
    text: str = ""
    title: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors and bool(self.path)


def submission_from_issue(
    body: str,
    root: Path,
    taxonomy: Taxonomy,
    today: dt.date | None = None,
    kind: str | None = None,
    current_body: str | None = None,
) -> Submission:
    """Parse, build and validate; never writes into ``root``."""
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
    if form is None:
        result.errors.append(
            "Dieses Issue stammt nicht aus dem Formular „Neue Maßnahme“ oder "
            "„Bibliotheksprofil“; es kann nicht automatisch übernommen werden."
        )
        return result
    result.kind = form.kind
    parsed = parse_body(body, form)
    result.errors += parsed.errors
    if parsed.errors:
        return result
    values = parsed.values
    for element in form.elements:
        if element.required and not values.get(element.id):
            result.errors.append(f"„{element.label}“ ist ein Pflichtfeld, aber leer.")
    if not _checked(values.get("consent", "")):
        result.errors.append("Das Einverständnis zur Veröffentlichung fehlt.")
    if form.kind == "measure":
        name = _one_line(values.get("title", ""))
        text, origin, errors = measure_text(values, today)
        folder, suffix = "measures", ".md"
    else:
        name = _one_line(values.get("name", ""))
        text, origin, errors = library_text(values)
        folder, suffix = "libraries", ".yml"
    result.errors += errors
    result.title = name
    result.id = propose_id(name) if name else ""
    if not result.id or not is_valid_id(result.id):
        return result
    result.path = f"{folder}/{result.id}{suffix}"
    result.text = text
    if os.path.lexists(root / result.path):
        noun = "Maßnahme" if form.kind == "measure" else "Bibliothek"
        result.errors.append(
            f"Eine {noun} mit der Kennung „{result.id}“ gibt es schon ({result.path}). "
            "Bitte einen anderen Titel oder Namen wählen – oder die bestehende Datei ergänzen."
        )
        return result
    labels = {e.id: e.label for e in form.elements}
    known = {p.stem for p in (root / "libraries").glob("*.yml")}
    if form.kind == "measure":  # also when other errors keep the loader from checking it
        for library in _ids(values.get("libraries", "")):
            if library not in known:
                message = unknown_id_message("Bibliothek", library, sorted(known))
                result.errors.append(
                    f"{labels['libraries']}: {message} (Profile liegen im Ordner libraries/)"
                )
    for problem in _validate(root, result.path, text):
        where = labels.get(origin.get(problem.line, ""), "")
        message = f"{where}: {problem.message}" if where else problem.message
        target = result.warnings if problem.warning else result.errors
        if message not in target:
            target.append(message)
    return result


def _lone_surrogate(text: str) -> int | None:
    """Position of a lone UTF-16 surrogate, which cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def _validate(root: Path, rel: str, text: str) -> list[Problem]:
    """Problems of the new file, checked as `catalogue validate` would check it in the
    catalogue it joins: in a copy of that catalogue (links in it stay links, which the
    loader refuses as it does in the real one)."""
    with tempfile.TemporaryDirectory(prefix="einreichung-") as temp:
        copy = Path(temp)
        for part in ("measures", "libraries", "betreiber.yml"):
            source = root / part
            if source.is_dir() and not source.is_symlink():
                shutil.copytree(source, copy / part, symlinks=True, copy_function=_copy)
            elif source.is_file() and not source.is_symlink():
                _copy(source, copy / part)
        new = copy / rel
        new.parent.mkdir(parents=True, exist_ok=True)
        new.unlink(missing_ok=True)  # a link of that name must not be written through
        new.write_text(text, encoding="utf-8")
        problems = load_catalogue(copy).problems.sorted()
    return [p for p in problems if p.path == rel]


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
    return (
        "Danke für Ihren Vorschlag! Bevor er übernommen werden kann, ist noch etwas zu "
        "korrigieren:\n\n"
        + _code_block([f"- {e}" for e in submission.errors])
        + "\n\nBitte den Text des Issues über „…“ → „Edit“ bearbeiten. Danach setzt die "
        "Redaktion das Label „uebernehmen“ erneut."
    )


def pull_request_body(submission: Submission, issue_number: int | None) -> str:
    noun = "Maßnahme" if submission.kind == "measure" else "Bibliotheksprofil"
    lines = [
        f"{noun} aus dem Formular übernommen: `{submission.path}`.",
        "",
        "Erzeugt von `catalogue from-issue`; die Prüfung war erfolgreich.",
    ]
    if submission.warnings:
        lines += ["", "Hinweise der Prüfung:", "", _code_block(submission.warnings)]
    if issue_number:
        lines += ["", f"Closes #{issue_number}"]
    return "\n".join(lines) + "\n"


def pull_request_title(submission: Submission) -> str:
    noun = "Maßnahme" if submission.kind == "measure" else "Bibliotheksprofil"
    title = submission.title if len(submission.title) <= 100 else submission.title[:99] + "…"
    return f"{noun}: {title}"
