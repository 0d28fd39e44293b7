"""Open data below ``/daten/``: measures and libraries as JSON and CSV, a JSON Schema of each
JSON export and DCAT-AP.de metadata (``katalog.rdf``) for data portals such as GovData.

One field list per export (:func:`measure_fields`, :func:`library_fields`) is the single
source of the JSON records, the CSV columns, the JSON Schema and the field table on
``/daten/``. The JSON files carry licence, source and build date around the list; CSV
cannot, so it stays pure data and the page and DCAT state the licence for it.

Everything from content is hostile: JSON is written by ``json``; a CSV cell of content text
that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's CSV injection
guard); XML text and attributes are escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ..core.ids import ID_PATTERN
from ..core.model import (
    COLLABORATION_STATES,
    EFFORT_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    Catalogue,
    Measure,
)
from ..validate.operator import PLACEHOLDER
from . import formatting
from .site import LazyFile, SiteOptions

FOLDER = "daten"
CATALOGUE_NAME = "Bibliotheken inspirieren Bibliotheken"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SEPARATOR = (
    "|"  # between the values of a multi-valued CSV cell (ids and names hold no „|“ … mostly)
)
DCAT_FILE = "katalog.rdf"

# dct:license of DCAT-AP.de wants its own licence vocabulary; other licences are named by
# their licence_url.
DCAT_LICENCES = {
    "CC BY 4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "CC BY-SA 4.0": "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
    "CC0 1.0": "http://dcat-ap.de/def/licenses/cc-zero",
    "CC0": "http://dcat-ap.de/def/licenses/cc-zero",
    "DL-DE-BY-2.0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "DL-DE-ZERO-2.0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
}

# Cells starting with these are formulas (or become them) in Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- field kinds and fields -----------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What a field holds: its label in the field table, its JSON Schema, its CSV form."""

    label: str  # German, for the table on /daten/
    schema: dict[str, Any]
    many: bool = False  # a list: JSON array, CSV cell joined with SEPARATOR
    number: bool = False  # CSV with decimal comma
    content: bool = False  # text from content: guarded against formulas in CSV


TEXT = Kind("Text", {"type": "string"}, content=True)
ID = Kind("Kennung", {"type": "string", "pattern": ID_PATTERN.pattern})
URL = Kind("Adresse (URL)", {"type": "string", "format": "uri-reference"}, content=True)
EMAIL = Kind("E-Mail-Adresse", {"type": "string"}, content=True)
DATE = Kind("Datum JJJJ-MM-TT", {"type": "string", "format": "date"})
PARTIAL_DATE = Kind(
    "Datum JJJJ, JJJJ-MM oder JJJJ-MM-TT",
    {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
)
INTEGER = Kind("ganze Zahl", {"type": "integer", "minimum": 0}, number=True)
NUMBER = Kind("Zahl", {"type": "number", "minimum": 0}, number=True)


def choice(values: Iterable[str], label: str | None = None) -> Kind:
    """One of fixed ``values`` (a vocabulary's ids, a status)."""
    values = list(values)
    return Kind(label or "eines von: " + ", ".join(values), {"type": "string", "enum": values})


def many(kind: Kind, label: str | None = None, gaps: bool = False) -> Kind:
    """A list of ``kind``; ``gaps``: an item may be null (a figure not published)."""
    item = dict(kind.schema)
    if gaps:
        item["type"] = [item["type"], "null"]
    return replace(
        kind, label=label or f"Liste: {kind.label}", schema={"type": "array", "items": item},
        many=True,
    )  # fmt: skip


@dataclass(frozen=True)
class ExportField:
    """One column of an export: name (stable, as in CONTENT-MODEL.md), kind, meaning, value."""

    name: str
    kind: Kind
    description: str  # German, for the table on /daten/ and the schema
    get: Callable[[Any], Any] = field(repr=False, compare=False)
    required: bool = False  # never null (lists are never null: empty instead)

    def json_schema(self) -> dict[str, Any]:
        schema = {**self.kind.schema, "description": self.description}
        if not (self.required or self.kind.many):
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
        return schema


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def measure_fields(catalogue: Catalogue, options: SiteOptions) -> list[ExportField]:
    """The fields of ``massnahmen.json`` and ``massnahmen.csv``, in column order."""
    taxonomy, today = catalogue.taxonomy, options.today

    def effort(name: str) -> Callable[[Measure], Any]:
        return lambda m: getattr(m.effort, name) if m.effort else None

    def collaboration(name: str) -> Callable[[Measure], Any]:
        return lambda m: getattr(m.collaboration, name) if m.collaboration else None

    sizes: dict[str, list] = {}  # four fields ask for them: resolved once per measure

    def size_libraries(m: Measure) -> list:
        if m.id not in sizes:
            sizes[m.id] = catalogue.size_libraries(m)
        return sizes[m.id]

    def figures(attribute: str) -> Callable[[Measure], list]:
        return lambda m: [getattr(lib, attribute) for lib in size_libraries(m)]

    figure_note = (
        "je Bibliothek aus size_libraries, in derselben Reihenfolge; leer: nicht veröffentlicht"
    )
    return [
        ExportField("id", ID, "Kennung der Maßnahme (Dateiname)", lambda m: m.id, True),
        ExportField("url", URL, "Adresse der Seite der Maßnahme",
                    lambda m: site_address(options, f"massnahmen/{m.id}/"), True),
        ExportField("title", TEXT, "Titel", lambda m: m.title, True),
        ExportField("summary", TEXT, "Kurzbeschreibung", lambda m: m.summary, True),
        ExportField("libraries", many(ID), "Kennungen der Bibliotheken und Verbünde, "
                    "die die Maßnahme umgesetzt haben", lambda m: list(m.libraries)),
        ExportField("library_names", many(TEXT), "Namen dieser Bibliotheken, in derselben "
                    "Reihenfolge", lambda m: [catalogue.libraries[i].name for i in m.libraries]),
        ExportField("topics", many(choice(taxonomy.topics), "Liste: Kennung eines Themas"),
                    "Themen (Handlungsfelder)", lambda m: list(m.topics)),
        ExportField("audiences",
                    many(choice(taxonomy.audiences), "Liste: Kennung einer Zielgruppe"),
                    "Zielgruppen", lambda m: list(m.audiences)),
        ExportField("status", choice(STATUS_LABELS), "Stand: geplant, laufend, abgeschlossen, "
                    "eingestellt", lambda m: m.status, True),
        ExportField("period_start", PARTIAL_DATE, "Beginn", lambda m: m.period_start),
        ExportField("period_end", PARTIAL_DATE, "Ende", lambda m: m.period_end),
        ExportField("effort_level", choice(EFFORT_LABELS), "Aufwand: gering, mittel, hoch",
                    effort("level")),
        ExportField("effort_staff_hours", NUMBER, "Aufwand in Arbeitsstunden",
                    effort("staff_hours")),
        ExportField("effort_budget_eur", NUMBER, "Kosten in Euro", effort("budget_eur")),
        ExportField("partners", many(TEXT), "Externe Partner", lambda m: list(m.partners)),
        ExportField("based_on", many(ID), "Kennungen der Maßnahmen, auf denen diese aufbaut",
                    lambda m: list(m.based_on)),
        ExportField("adopted_by", many(ID), "Kennungen der Bibliotheken, die die Maßnahme "
                    "nachgemacht haben", lambda m: [lib.id for lib in catalogue.adopters_of(m.id)]),
        ExportField("collaboration", choice(COLLABORATION_STATES),
                    "Kooperation am Erstellungstag: open (offen), matched (Partner gefunden), "
                    "closed (beendet); leer: keine",
                    lambda m: m.collaboration.state(today) if m.collaboration else None),
        ExportField("collaboration_seeking", TEXT, "Gesucht wird …", collaboration("seeking")),
        ExportField("collaboration_offering", TEXT, "Angeboten wird …",
                    collaboration("offering")),
        ExportField("collaboration_until", DATE, "Kooperation gesucht bis",
                    lambda m: _iso(m.collaboration.until) if m.collaboration else None),
        ExportField("published", DATE, "In den Katalog aufgenommen am",
                    lambda m: m.published.isoformat(), True),
        ExportField("reviewed", DATE, "Zuletzt geprüft am", lambda m: _iso(m.reviewed)),
        ExportField("size_libraries", many(ID), "Bibliotheken, deren Größe die Maßnahme trägt "
                    "(ein Verbund steht für seine Mitglieder)",
                    lambda m: [lib.id for lib in size_libraries(m)]),
        ExportField("population", many(INTEGER, gaps=True), "Einwohner im Einzugsgebiet, "
                    + figure_note, figures("population")),
        ExportField("area_m2", many(NUMBER, gaps=True), "Publikumsfläche in m², " + figure_note,
                    figures("area_m2")),
        ExportField("staff_fte", many(NUMBER, gaps=True), "Personal in VZÄ (0: ehrenamtlich "
                    "geführt), " + figure_note, figures("staff_fte")),
    ]  # fmt: skip


def library_fields(catalogue: Catalogue, options: SiteOptions) -> list[ExportField]:
    """The fields of ``bibliotheken.json`` and ``bibliotheken.csv``, in column order."""
    toolkit = lambda name: lambda lib: getattr(lib.toolkit, name) if lib.toolkit else None  # noqa: E731
    return [
        ExportField("id", ID, "Kennung der Bibliothek oder des Verbunds (Dateiname)",
                    lambda lib: lib.id, True),
        ExportField("url", URL, "Adresse der Seite im Katalog",
                    lambda lib: site_address(options, f"bibliotheken/{lib.id}/"), True),
        ExportField("name", TEXT, "Name", lambda lib: lib.name, True),
        ExportField("kind", choice(KIND_LABELS), "library (Bibliothek) oder network (Verbund)",
                    lambda lib: lib.kind, True),
        ExportField("municipality", TEXT, "Gemeinde", lambda lib: lib.municipality),
        ExportField("state", TEXT, "Bundesland oder Region", lambda lib: lib.state),
        ExportField("country", TEXT, "Land (ISO 3166-1 alpha-2)", lambda lib: lib.country, True),
        ExportField("population", INTEGER, "Einwohner im Einzugsgebiet",
                    lambda lib: lib.population),
        ExportField("area_m2", NUMBER, "Publikumsfläche in m²; leer: nicht veröffentlicht",
                    lambda lib: lib.area_m2),
        ExportField("staff_fte", NUMBER, "Personal in VZÄ; 0: ehrenamtlich geführt; leer: "
                    "nicht veröffentlicht", lambda lib: lib.staff_fte),
        ExportField("volunteers", INTEGER, "Zahl der Ehrenamtlichen", lambda lib: lib.volunteers),
        ExportField("website", URL, "Website", lambda lib: lib.website),
        ExportField("contact_email", EMAIL, "Öffentliche Kontaktadresse (nur mit Einverständnis "
                    "der Bibliothek)", lambda lib: lib.email),
        ExportField("members", many(ID), "Bei Verbünden: Kennungen der Mitglieder",
                    lambda lib: list(lib.members)),
        ExportField("networks", many(ID), "Kennungen der Verbünde, in denen die Bibliothek "
                    "Mitglied ist", lambda lib: [n.id for n in catalogue.networks_of(lib.id)]),
        ExportField("measures", many(ID), "Kennungen der Maßnahmen, die diesen Eintrag nennen",
                    lambda lib: [m.id for m in catalogue.own_measures(lib.id)]),
        ExportField("adopted", many(ID), "Kennungen der Maßnahmen anderer, die sie nachgemacht "
                    "hat", lambda lib: list(lib.adopted)),
        ExportField("toolkit_date", DATE, "Datum des Toolkit-Workshops",
                    lambda lib: _iso(toolkit("date")(lib))),
        ExportField("toolkit_priorities", many(choice(catalogue.taxonomy.topics),
                    "Liste: Kennung eines Themas"), "Wichtigste Handlungsfelder aus dem "
                    "Toolkit-Workshop, wichtigstes zuerst",
                    lambda lib: list(toolkit("priorities")(lib) or [])),
    ]  # fmt: skip


# --- the exports ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """One data set: its files' base name, its list's key in JSON, its German title."""

    name: str  # massnahmen / bibliotheken
    key: str  # measures / libraries
    title: str
    description: str
    fields: list[ExportField]
    entries: list[Any]

    @cached_property
    def values(self) -> list[list[Any]]:
        """Every entry's values in field order, computed once for JSON and CSV."""
        return [[f.get(entry) for f in self.fields] for entry in self.entries]

    @property
    def files(self) -> dict[str, str]:
        return {
            kind: f"{FOLDER}/{self.name}.{ext}"
            for kind, ext in (("json", "json"), ("csv", "csv"), ("schema", "schema.json"))
        }


def exports(catalogue: Catalogue, options: SiteOptions) -> list[Export]:
    """The two data sets of the catalogue: measures newest first, libraries by id."""
    return [
        Export(
            "massnahmen", "measures", "Maßnahmen",
            "Alle Maßnahmen des Katalogs mit Themen, Zielgruppen, Stand, Aufwand, Kooperationen "
            "und den Größenangaben der Bibliotheken, die sie umgesetzt haben.",
            measure_fields(catalogue, options), catalogue.newest_first,
        ),
        Export(
            "bibliotheken", "libraries", "Bibliotheken und Verbünde",
            "Alle Bibliotheken und Verbünde des Katalogs mit Einwohnern im Einzugsgebiet, "
            "Publikumsfläche, Personal, Verbünden und Maßnahmen.",
            library_fields(catalogue, options),
            sorted(catalogue.libraries.values(), key=lambda lib: lib.id),
        ),
    ]  # fmt: skip


def site_address(options: SiteOptions, path: str) -> str:
    """``path`` (relative to the site's root) as an absolute URL when the site's address is
    known, else as it is: relative to the start page."""
    return f"{options.site_url.rstrip('/')}/{path}" if options.site_url else path


def citation(options: SiteOptions, title: str | None = None) -> str:
    """The suggested attribution: catalogue, publisher, data set, build date, address, licence."""
    parts = [CATALOGUE_NAME + (f" – {title}" if title else "")]
    publisher = options.operator.name
    if PLACEHOLDER not in publisher:
        parts.append(f"hrsg. von {publisher}")
    parts.append(f"Stand {formatting.date(options.today)}")
    if options.site_url:
        parts.append(site_address(options, f"{FOLDER}/"))
    parts.append(f"Lizenz: {options.licence}")
    return ", ".join(parts)


def export_json(export: Export, options: SiteOptions) -> str:
    """The records inside an object that names licence, source and build date."""
    head = {
        "title": f"{CATALOGUE_NAME}: {export.title}",
        "licence": options.licence,
        "licence_url": options.licence_url,
        "source": site_address(options, f"{FOLDER}/"),
        "citation": citation(options, export.title),
        "generated": options.today.isoformat(),
    }
    # One record per line: half the size of an indented file, and still readable.
    names = [f.name for f in export.fields]
    records = ",\n".join(
        json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) for row in export.values
    )
    text = json.dumps(head, ensure_ascii=False, indent=1).removesuffix("\n}")
    return f'{text},\n "{export.key}": [\n{records}\n ]\n}}\n'


def json_schema(export: Export, options: SiteOptions) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one JSON export, from its field list."""
    record = {
        "type": "object",
        "properties": {f.name: f.json_schema() for f in export.fields},
        "required": [f.name for f in export.fields],
        "additionalProperties": False,
    }
    text = {"type": "string"}
    schema: dict[str, Any] = {"$schema": DRAFT}
    if options.site_url:
        schema["$id"] = site_address(options, export.files["schema"])
    schema.update(
        {
            "title": f"{CATALOGUE_NAME}: {export.title} ({export.name}.json)",
            "type": "object",
            "properties": {
                "title": text,
                "licence": {**text, "description": "Lizenz der Daten"},
                "licence_url": {**text, "format": "uri", "description": "Text der Lizenz"},
                "source": {**text, "format": "uri-reference", "description": "Herkunft: /daten/"},
                "citation": {**text, "description": "Vorgeschlagene Quellenangabe"},
                "generated": {**text, "format": "date", "description": "Erstellt am"},
                export.key: {"type": "array", "items": record},
            },
            "required": ["title", "licence", "licence_url", "source", "citation", "generated",
                         export.key],
            "additionalProperties": False,
        }
    )  # fmt: skip
    return schema


def guard_formula(text: str) -> str:
    """A cell a spreadsheet would evaluate as a formula, made plain text (OWASP)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_number(value: float) -> str:
    """Decimal comma, no thousands separator, no exponent: what German Excel reads as a number."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")


def _text_value(value: Any) -> str:
    return "" if value is None else value  # ids, dates and choices: already text


def _number_value(value: Any) -> str:
    return "" if value is None else csv_number(value)


def _guarded_value(value: Any) -> str:
    return "" if value is None else guard_formula(value)


def cell_writer(kind: Kind) -> Callable[[Any], str]:
    """How a value of ``kind`` becomes a cell: a list joined with SEPARATOR (each value
    guarded, so that a cell split at SEPARATOR stays harmless), numbers with decimal comma,
    content text guarded against formulas. Chosen once per column, not per cell."""
    one = _number_value if kind.number else _guarded_value if kind.content else _text_value
    if kind.many:
        return lambda values: SEPARATOR.join(map(one, values))
    return one


def export_csv(export: Export) -> str:
    """UTF-8 with BOM, ``;`` and CRLF: German Excel and LibreOffice open it without asking."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([f.name for f in export.fields])
    cells = [cell_writer(f.kind) for f in export.fields]
    for row in export.values:
        writer.writerow([cell(value) for cell, value in zip(cells, row, strict=True)])
    return "\ufeff" + out.getvalue()


# --- DCAT-AP.de -----------------------------------------------------------------------------

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
_EU = "http://publications.europa.eu/resource/authority"
_MEDIA = {"json": "application/json", "csv": "text/csv"}
_DATE = 'rdf:datatype="http://www.w3.org/2001/XMLSchema#date"'


def dcat_licence(options: SiteOptions) -> str:
    """The licence as DCAT-AP.de names it (its vocabulary), else its text's address."""
    return DCAT_LICENCES.get(options.licence, options.licence_url)


def _res(prop: str, uri: str) -> str:
    return f"<{prop} rdf:resource={quoteattr(uri)}/>"


def _text(prop: str, value: str, lang: bool = True) -> str:
    attribute = ' xml:lang="de"' if lang else ""
    return f"<{prop}{attribute}>{escape(value)}</{prop}>"


def dcat_rdf(catalogue: Catalogue, options: SiteOptions, data: list[Export]) -> str:
    """The catalogue's DCAT-AP.de description in RDF/XML: a catalogue, a dataset per export,
    a distribution per file. Without a site address, URIs are relative to this file."""
    base = site_address(options, f"{FOLDER}/") if options.site_url else ""
    home = site_address(options, "") if options.site_url else "../"
    operator = options.operator
    publisher = f"{base}#betreiber"
    today = options.today.isoformat()
    licence = dcat_licence(options)
    attribution = citation(options)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<rdf:RDF " + " ".join(f'xmlns:{p}="{u}"' for p, u in NAMESPACES.items()) + ">",
        f"<dcat:Catalog rdf:about={quoteattr(base + '#katalog')}>",
        _text("dct:title", CATALOGUE_NAME),
        _text("dct:description", "Maßnahmen kleiner und ländlicher Bibliotheken zum "
              "Nachmachen und die Profile der Bibliotheken, die sie umgesetzt haben."),
        _res("dct:publisher", publisher),
        _res("foaf:homepage", home),
        _res("dct:language", f"{_EU}/language/DEU"),
        _res("dct:license", licence),
        f"<dct:modified {_DATE}>{today}</dct:modified>",
        *(_res("dcat:dataset", f"{base}#{export.name}") for export in data),
        "</dcat:Catalog>",
    ]  # fmt: skip
    keywords = [CATALOGUE_NAME, "Öffentliche Bibliotheken", "Bibliotheksarbeit"]
    keywords += [term.label for term in catalogue.taxonomy.topics.values()]
    first = min((m.published for m in catalogue.measures.values()), default=None)
    for export in data:
        lines += [
            f"<dcat:Dataset rdf:about={quoteattr(f'{base}#{export.name}')}>",
            _text("dct:title", f"{CATALOGUE_NAME}: {export.title}"),
            _text("dct:description", export.description),
            _text("dct:identifier", site_address(options, f"{FOLDER}/#{export.name}"), False),
            _res("dct:publisher", publisher),
            "<dcat:contactPoint><vcard:Organization>",
            _text("vcard:fn", operator.name, False),
            *([_res("vcard:hasEmail", _mailto(operator.email))] if _mailto(operator.email)
              else []),
            "</vcard:Organization></dcat:contactPoint>",
            *([_res("dcatde:contributorID", operator.dcat_contributor_id)]
              if operator.dcat_contributor_id else []),
            _res("dcat:theme", f"{_EU}/data-theme/EDUC"),
            *(_text("dcat:keyword", word) for word in keywords),
            _res("dct:language", f"{_EU}/language/DEU"),
            _res("dct:accrualPeriodicity", f"{_EU}/frequency/IRREG"),
            _res("dct:accessRights", f"{_EU}/access-right/PUBLIC"),
            _res("dcat:landingPage", base or "./"),
            *([f"<dct:issued {_DATE}>{first.isoformat()}</dct:issued>"] if first else []),
            f"<dct:modified {_DATE}>{today}</dct:modified>",
            _res("dct:license", licence),
            _text("dcatde:licenseAttributionByText", attribution),
            *(_res("dcat:distribution", f"{base}#{export.name}-{ext}") for ext in _MEDIA),
            "</dcat:Dataset>",
        ]  # fmt: skip
        for ext, media in _MEDIA.items():
            url = _file_uri(options, base, export.files[ext])
            lines += [
                f"<dcat:Distribution rdf:about={quoteattr(f'{base}#{export.name}-{ext}')}>",
                _text("dct:title", f"{export.title} als {ext.upper()}"),
                _text("dct:description", _DISTRIBUTION_NOTES[ext]),
                _res("dcat:accessURL", url),
                _res("dcat:downloadURL", url),
                _res("dcat:mediaType", f"https://www.iana.org/assignments/media-types/{media}"),
                _res("dct:format", f"{_EU}/file-type/{ext.upper()}"),
                *([_res("dct:conformsTo", _file_uri(options, base, export.files["schema"]))]
                  if ext == "json" else []),
                _res("dct:license", licence),
                _text("dcatde:licenseAttributionByText", attribution),
                f"<dct:modified {_DATE}>{today}</dct:modified>",
                "</dcat:Distribution>",
            ]  # fmt: skip
    lines += [
        f"<foaf:Organization rdf:about={quoteattr(publisher)}>",
        _text("foaf:name", operator.name, False),
        *([_res("foaf:mbox", _mailto(operator.email))] if _mailto(operator.email) else []),
        _res("foaf:homepage", home),
        "</foaf:Organization>",
        "</rdf:RDF>",
    ]
    return "\n".join(lines) + "\n"


def _file_uri(options: SiteOptions, base: str, path: str) -> str:
    """A file below /daten/: absolute, or relative to katalog.rdf beside it."""
    return site_address(options, path) if base else path.removeprefix(f"{FOLDER}/")


_DISTRIBUTION_NOTES = {
    "json": "UTF-8; Lizenz, Quelle und Erstellungsdatum im Dokument; Aufbau im JSON Schema.",
    "csv": "UTF-8 mit BOM, Trennzeichen Semikolon, Dezimalkomma, mehrere Werte einer Zelle "
    "durch „|“ getrennt.",
}


def _mailto(email: str) -> str | None:
    if not email or PLACEHOLDER in email or "@" not in email:
        return None
    return "mailto:" + quote(email, safe="@.+-_")


# --- what the site gets ---------------------------------------------------------------------


def open_data_files(catalogue: Catalogue, options: SiteOptions) -> list[LazyFile]:
    """Every file below /daten/ except the page itself, each made when it is written."""
    data = exports(catalogue, options)
    files = []
    for export in data:
        paths = export.files
        files += [
            LazyFile(paths["json"], partial(export_json, export, options)),
            LazyFile(paths["csv"], partial(export_csv, export)),
            LazyFile(paths["schema"], partial(_schema_text, export, options)),
        ]
    files.append(LazyFile(f"{FOLDER}/{DCAT_FILE}", partial(dcat_rdf, catalogue, options, data)))
    return files


def _schema_text(export: Export, options: SiteOptions) -> str:
    return json.dumps(json_schema(export, options), ensure_ascii=False, indent=2) + "\n"


def page_context(catalogue: Catalogue, options: SiteOptions) -> dict[str, Any]:
    """What ``data.html`` shows: the data sets with their files and field tables, the
    licence and the suggested citation."""
    data = exports(catalogue, options)
    return {
        "exports": [
            {
                "title": export.title,
                "description": export.description,
                "count": len(export.entries),
                "files": export.files,
                "fields": [
                    {"name": f.name, "kind": f.kind.label, "description": f.description}
                    for f in export.fields
                ],
            }
            for export in data
        ],
        "dcat": f"{FOLDER}/{DCAT_FILE}",
        "licence": options.licence,
        "licence_url": options.licence_url,
        "citation": citation(options),
        "separator": SEPARATOR,
    }
