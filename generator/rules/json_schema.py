"""JSON Schema (draft 2020-12) for library profiles and measure front matter.

Derived from the field declarations in :mod:`generator.rules.declarations` and the
vocabularies of the taxonomy, so that editors (``yaml-language-server``) validate while
typing. The schema is a help for editors; ``catalogue validate`` stays the authority (it
also checks references between files, materials and the Markdown body).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.ids import ID_PATTERN, MAX_ID_LENGTH
from ..core.model import Taxonomy
from . import declarations as schema
from .kinds import (
    DATE_PATTERN,
    EMAIL_PATTERN,
    PARTIAL_DATE_PATTERN,
    URL_PATTERN,
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

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
FILES = {"library": "library.schema.json", "measure": "measure.schema.json"}


def field_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema of one field, with its German label as description."""
    result: dict[str, Any] = {"description": field.label}
    result.update(_type_schema(field))
    if field.example is not None:
        result["examples"] = [field.example]
    return result


def _type_schema(field: Field) -> dict[str, Any]:
    if isinstance(field, Record):
        return _record(field)
    if isinstance(field, RecordList):
        return {"type": "array", "maxItems": field.max_items, "items": _record(field.item)}
    if isinstance(field, Text):
        return {"type": "string", "minLength": field.min_len, "maxLength": field.max_len}
    if isinstance(field, Integer):
        return _bounds({"type": "integer"}, field.minimum, field.maximum, False)
    if isinstance(field, Number):
        number = _bounds({"type": "number"}, field.minimum, field.maximum, field.exclusive_minimum)
        if field.unknown is not None:
            return {"anyOf": [number, {"const": field.unknown}]}
        return number
    if isinstance(field, Boolean):
        return {"type": "boolean"}
    if isinstance(field, Choice):
        return {
            "enum": list(field.choices),
            "markdownEnumDescriptions": list(field.choices.values()),
        }
    if isinstance(field, Date):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if isinstance(field, PartialDate):
        return {"anyOf": [
            {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]}  # fmt: skip
    if isinstance(field, Url):
        return {"type": "string", "pattern": URL_PATTERN}
    if isinstance(field, Email):
        return {"type": "string", "format": "email", "pattern": EMAIL_PATTERN}
    if isinstance(field, IdList):
        item: dict[str, Any] = {
            "type": "string",
            "pattern": ID_PATTERN.pattern,
            "maxLength": MAX_ID_LENGTH,
        }
        if field.known is not None:
            known = field.known()
            item = {"enum": list(known), "markdownEnumDescriptions": list(known.values())}
        result: dict[str, Any] = {
            "type": "array",
            "items": item,
            "uniqueItems": True,
            "maxItems": field.max_items,
        }
        if field.min_items:
            result["minItems"] = field.min_items
        return result
    if isinstance(field, TextList):
        return {
            "type": "array",
            "maxItems": field.max_items,
            "items": {"type": "string", "minLength": 1, "maxLength": field.item.max_len},
        }
    if isinstance(field, FreeMapping):
        return {"type": "object"}
    if isinstance(field, schema.OutcomeValue):
        return {"anyOf": [
            {"type": "number"},
            {"type": "string", "minLength": 1, "maxLength": field.text.max_len},
        ]}  # fmt: skip
    raise TypeError(f"no JSON Schema for {type(field).__name__}")  # pragma: no cover


def _bounds(
    result: dict[str, Any], minimum: float, maximum: float | None, exclusive: bool
) -> dict[str, Any]:
    result["exclusiveMinimum" if exclusive else "minimum"] = _plain(minimum)
    if maximum is not None:
        result["maximum"] = _plain(maximum)
    return result


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _record(record: Record) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "object",
        "properties": {name: field_schema(field) for name, field in record.fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, field in record.fields.items() if field.required]
    if required:
        result["required"] = required
    return result


def library_json_schema(taxonomy: Taxonomy | None) -> dict[str, Any]:
    record = schema.library_schema(taxonomy)
    result = _document(record, "Bibliotheksprofil (libraries/<kennung>.yml)")
    rules: list[dict[str, Any]] = [
        {
            # a library (the default kind) needs its size figures and place; no members
            "if": {"not": {"properties": {"kind": {"const": "network"}}, "required": ["kind"]}},
            "then": {
                "required": list(schema.LIBRARY_REQUIRED),
                "properties": {"members": {"maxItems": 0}},
            },
            "else": {"required": ["members"], "properties": {"members": {"minItems": 2}}},
        }
    ]
    if taxonomy is not None:
        for country, states in sorted(taxonomy.states.items()):
            country_is = {"properties": {"country": {"const": country}}, "required": ["country"]}
            if country == "DE":  # the default country
                country_is = {"anyOf": [country_is, {"not": {"required": ["country"]}}]}
            rules.append({"if": country_is, "then": {"properties": {"state": {"enum": states}}}})
    result["properties"]["country"]["pattern"] = "^[A-Z]{2}$"
    contact = result["properties"]["contact"]
    contact["if"] = {"required": ["email"]}
    contact["then"] = {"properties": {"public": {"const": True}}}
    result["allOf"] = rules
    return result


def measure_json_schema(taxonomy: Taxonomy | None) -> dict[str, Any]:
    record = schema.measure_schema(taxonomy)
    result = _document(record, "Maßnahme: Kopfbereich von measures/<kennung>.md")
    material = result["properties"]["materials"]["items"]
    material["oneOf"] = [{"required": ["file"]}, {"required": ["url"]}]
    material["properties"]["file"]["pattern"] = r"^[^/\\.][^/\\]*\.[A-Za-z0-9]+$"
    return result


def _document(record: Record, title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": record.label, **_record(record)}


def schema_texts(taxonomy: Taxonomy | None) -> dict[str, str]:
    """File name → JSON text, deterministic, as committed in ``schema/``."""
    schemas = {"library": library_json_schema(taxonomy), "measure": measure_json_schema(taxonomy)}
    return {
        FILES[kind]: json.dumps(value, ensure_ascii=False, indent=2) + "\n"
        for kind, value in schemas.items()
    }


def write_schemas(taxonomy: Taxonomy | None, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(taxonomy).items():
        target = out / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def stale_files(taxonomy: Taxonomy | None, out: Path) -> list[str]:
    """Names of committed schema files that differ from the model (or are missing)."""
    stale = []
    for name, text in schema_texts(taxonomy).items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
