"""The operator of a published catalogue: the data behind Impressum, Datenschutz and
Barrierefreiheit, read from ``betreiber.yml``.

The sample file carries placeholders; a production build (``catalogue validate
--production``) fails while any is left, so that no site goes live without its legal pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.problems import Problems
from ..load.sourcefile import SourceError, read_text
from ..load.yamldoc import Document, YamlError, load_yaml
from ..rules.kinds import INVALID, Check, Date, Email, Record, Text, Url

OPERATOR_FILE = "betreiber.yml"
PLACEHOLDER = "[BITTE AUSFÜLLEN"


@dataclass(frozen=True)
class Operator:
    """Who runs the site, for Impressum, Datenschutz and Barrierefreiheit."""

    name: str
    address: str
    email: str
    represented_by: str
    content_responsible: str
    hosting: str
    phone: str | None = None
    privacy_contact: str | None = None
    supervisory_authority: str | None = None
    feedback_email: str | None = None
    enforcement_body: str | None = None
    enforcement_url: str | None = None
    statement_date: dt.date | None = None
    # GovData's id of the data provider (dcatde:contributorID of the DCAT-AP.de metadata)
    dcat_contributor_id: str | None = None


def placeholder_operator() -> Operator:
    """What the legal pages show while no ``betreiber.yml`` exists (never in production)."""
    return Operator(
        name=f"{PLACEHOLDER}: Name der betreibenden Stelle]",
        address=f"{PLACEHOLDER}: Postanschrift]",
        email=f"{PLACEHOLDER}: E-Mail-Adresse]",
        represented_by=f"{PLACEHOLDER}: vertretungsberechtigte Person]",
        content_responsible=f"{PLACEHOLDER}: inhaltlich verantwortliche Person]",
        hosting=f"{PLACEHOLDER}: Webhoster]",
    )


class _OrPlaceholder(Text):
    """Accepts a placeholder while the site is not in production, else the wrapped field."""

    def __init__(self, field: Any) -> None:
        super().__init__(field.label, required=field.required, max_len=2000)
        self.field = field

    def convert(self, value: Any, path, check: Check) -> Any:
        if isinstance(value, str) and PLACEHOLDER in value:
            return value.strip()
        return self.field.convert(value, path, check)


def operator_schema() -> Record:
    """The declaration of ``betreiber.yml``, placeholders allowed until production."""
    fields = {
        "name": Text("Name der betreibenden Stelle", required=True, max_len=200),
        "address": Text("Postanschrift (mehrzeilig)", required=True, max_len=500),
        "email": Email("E-Mail-Adresse für Anfragen", required=True),
        "phone": Text("Telefonnummer", max_len=60),
        "represented_by": Text("Vertretungsberechtigte Person", required=True, max_len=200),
        "content_responsible": Text(
            "Inhaltlich verantwortlich nach § 18 Abs. 2 MStV (Name, Anschrift)",
            required=True,
            max_len=500,
        ),
        "hosting": Text("Webhoster (Name und Sitz)", required=True, max_len=300),
        "privacy_contact": Text("Datenschutzbeauftragte oder -beauftragter (Kontakt)", max_len=300),
        "supervisory_authority": Text("Zuständige Datenschutz-Aufsichtsbehörde", max_len=300),
        "feedback_email": Email("Kontakt für Rückmeldungen zur Barrierefreiheit"),
        "enforcement_body": Text("Durchsetzungs- bzw. Schlichtungsstelle", max_len=300),
        "enforcement_url": Url("Webadresse der Durchsetzungs- bzw. Schlichtungsstelle"),
        "statement_date": Date("Datum der Erklärung zur Barrierefreiheit (JJJJ-MM-TT)"),
        "dcat_contributor_id": Url(
            "Kennung bei GovData für die offenen Daten (dcatde:contributorID), "
            "z. B. http://dcat-ap.de/def/contributors/…"
        ),
    }
    return Record("Betreiber", {key: _OrPlaceholder(f) for key, f in fields.items()})


def load_operator(root: Path, problems: Problems, production: bool = False) -> Operator | None:
    """Read ``betreiber.yml``; with ``production`` every placeholder left is an error."""
    path = Path(root) / OPERATOR_FILE
    if not path.is_file():
        if production:
            problems.error(
                OPERATOR_FILE,
                1,
                "Die Datei mit den Angaben zum Betreiber fehlt "
                "(nötig für Impressum, Datenschutzerklärung und Barrierefreiheit).",
            )
        return None
    try:
        doc = load_yaml(read_text(path), OPERATOR_FILE)
    except (SourceError, YamlError) as exc:
        problems.error(OPERATOR_FILE, exc.line, exc.message)
        return None
    values = operator_schema().convert(doc.data, (), Check(doc, problems))
    if values is INVALID or INVALID in values.values():
        return None
    if production:
        _report_placeholders(doc, values, problems)
    return Operator(**values)


def _report_placeholders(doc: Document, values: dict[str, Any], problems: Problems) -> None:
    for key, value in values.items():
        if isinstance(value, str) and PLACEHOLDER in value:
            problems.error(
                doc.path,
                doc.line(key),
                f"Platzhalter in „{key}“ ist noch nicht ersetzt; vor der Veröffentlichung "
                "bitte die echten Angaben eintragen.",
            )
