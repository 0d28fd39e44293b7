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

from ..core.model import Taxonomy
from . import declarations as schema
from .kinds import (
    Record,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
FILES = {"library": "library.schema.json", "measure": "measure.schema.json"}


def library_json_schema(taxonomy: Taxonomy | None) -> dict[str, Any]:
    """The profile's JSON Schema, with the rules across fields (kind; country → state)."""
    record = schema.library_schema(taxonomy)
    result = _document(record, "Bibliotheksprofil (libraries/<kennung>.yml)")
    rules = [rule.json_schema() for rule in schema.PROFILE_KINDS]
    if taxonomy is not None:
        for country, states in sorted(taxonomy.states.items()):
            country_is = {"properties": {"country": {"const": country}}, "required": ["country"]}
            if country == "DE":  # the default country
                country_is = {"anyOf": [country_is, {"not": {"required": ["country"]}}]}
            rules.append({"if": country_is, "then": {"properties": {"state": {"enum": states}}}})
    contact = result["properties"]["contact"]
    contact["if"] = {"required": ["email"]}
    contact["then"] = {"properties": {"public": {"const": True}}}
    result["allOf"] = rules
    return result


def measure_json_schema(taxonomy: Taxonomy | None) -> dict[str, Any]:
    """The measure front matter's JSON Schema, with the rules for materials editors can check."""
    record = schema.measure_schema(taxonomy)
    result = _document(record, "Maßnahme: Kopfbereich von measures/<kennung>.md")
    material = result["properties"]["materials"]["items"]
    material["oneOf"] = [{"required": ["file"]}, {"required": ["url"]}]
    material["properties"]["file"]["pattern"] = r"^[^/\\.][^/\\]*\.[A-Za-z0-9]+$"
    for rule in schema.MEASURE_RULES:
        rule.json_schema(result["properties"])
    return result


def _document(record: Record, title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": record.label, **record.json_type()}


def schema_texts(taxonomy: Taxonomy | None) -> dict[str, str]:
    """File name → JSON text, deterministic, as committed in ``schema/``."""
    schemas = {"library": library_json_schema(taxonomy), "measure": measure_json_schema(taxonomy)}
    return {
        FILES[kind]: json.dumps(value, ensure_ascii=False, indent=2) + "\n"
        for kind, value in schemas.items()
    }


def write_schemas(taxonomy: Taxonomy | None, out: Path) -> list[Path]:
    """Write the schema files into ``out`` for ``catalogue schema``; returns their paths."""
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
