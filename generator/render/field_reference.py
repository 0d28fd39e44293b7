"""The field reference for contributors, generated from :mod:`generator.rules.declarations`.

The same Markdown goes into the site (``/mitmachen/felder/``) and, between two marker
comments, into ``CONTRIBUTING.md`` (``catalogue docs``), so it is never copied by hand.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Taxonomy
from ..rules import declarations as schema
from ..rules.cross_field import reference_notes
from ..rules.kinds import (
    IdList,
    Record,
    RecordList,
)

BEGIN = (
    "<!-- BEGIN feldreferenz: erzeugt mit „catalogue docs“ aus generator/rules/declarations.py -->"
)
END = "<!-- END feldreferenz -->"


def _cell(text: object) -> str:
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")
    )


# Characters that can start Markdown syntax, escaped in the taxonomy's texts: they are
# contributor content and must reach the page as written, not as links or markup.
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~"})


def _plain(text: object) -> str:
    """Contributor text as literal Markdown (inline, one line)."""
    return str(text).replace("\n", " ").translate(_MARKDOWN_ESCAPES)


def example_text(value: object) -> str:
    """An example value as it is written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _rows(
    record: Record,
    prefix: str,
    parent_required: str | None,
    conditional: dict[str, str],
    notes: dict[str, str],
) -> list[str]:
    rows = []
    for name, field in record.fields.items():
        key = f"{prefix}{name}"
        if key in conditional:
            required = conditional[key]
        elif field.required:
            required = "ja" if parent_required is None else f"ja, wenn `{parent_required}` da ist"
        else:
            required = "nein"
        extra = ""
        if isinstance(field, IdList) and field.known is not None:
            extra = f" Erlaubt: siehe {field.noun}-Kennungen unten."
        if key in notes:
            extra += f" {notes[key]}"
        example = f"`{example_text(field.example)}`" if field.example is not None else ""
        rows.append(
            f"| `{key}` | {required} | {_cell(field.label)}.{_cell(extra)} "
            f"| {_cell(field.describe())} | {_cell(example)} |"
        )
        item = field.item if isinstance(field, RecordList) else field
        if isinstance(item, Record):
            child_prefix = f"{key}[]." if isinstance(field, RecordList) else f"{key}."
            rows.extend(_rows(item, child_prefix, key, conditional, notes))
    return rows


def _table(
    record: Record, conditional: dict[str, str], notes: dict[str, str] | None = None
) -> list[str]:
    return [
        "| Feld | Pflicht | Bedeutung | Wert | Beispiel |",
        "| --- | --- | --- | --- | --- |",
        *_rows(record, "", None, conditional, notes or {}),
    ]


def field_reference(taxonomy: Taxonomy | None, level: int = 2) -> str:
    """Markdown with one table per file kind and the vocabularies; ``level`` of its headings."""
    h = "#" * level
    library_conditional = reference_notes(schema.PROFILE_KINDS)
    lines = [
        f"{h} Bibliotheksprofil: `libraries/<kennung>.yml`",
        "",
        *_table(schema.library_schema(taxonomy), library_conditional),
        "",
        f"{h} Maßnahme: Kopfbereich von `measures/<kennung>.md`",
        "",
        *_table(
            schema.measure_schema(taxonomy),
            {},
            dict(rule.reference_note() for rule in schema.MEASURE_RULES),
        ),
        "",
        "Unter dem Kopfbereich folgt der Text der Maßnahme in Markdown (Pflicht, nicht leer), "
        "am besten mit den Abschnitten `## Ausgangslage`, `## Umsetzung`, `## Ergebnisse` und "
        "`## Tipps`. HTML und Links mit anderen Adressen als `https://` oder `http://` sind "
        "nicht erlaubt, E-Mail-Adressen und Telefonnummern auch nicht: Eine freigegebene "
        "Funktionsadresse steht im Profil unter `contact`. Materialien mit `file` liegen im Ordner "
        f"`measures/<kennung>/`; erlaubte Dateitypen: "
        f"{', '.join(sorted(schema.MATERIAL_TYPES))}; "
        f"höchstens {schema.MAX_MATERIAL_SIZE} je Datei.",
        "",
    ]
    if taxonomy is not None:
        for title, noun, terms in (
            ("Themen (Handlungsfelder)", "Thema", taxonomy.topics),
            ("Zielgruppen", "Zielgruppe", taxonomy.audiences),
        ):
            lines += [
                f"{h} {noun}-Kennungen: {title}",
                "",
                "| Kennung | Bezeichnung | Beschreibung |",
                "| --- | --- | --- |",
                *(
                    f"| `{t.id}` | {_plain(t.label)} | {_plain(t.description)} |"
                    for t in terms.values()
                ),
                "",
            ]
        lines += [f"{h} Bundesländer und Regionen (`state`)", ""]
        for country, states in sorted(taxonomy.states.items()):
            lines.append(f"- **{_plain(country)}:** " + ", ".join(map(_plain, states)))
        lines += [
            "- Für andere Länder ist jeder nicht leere Name erlaubt.",
            "",
        ]
    return "\n".join(lines)


def replace_between_markers(text: str, reference: str) -> str | None:
    """``text`` with the part between BEGIN and END replaced; None when a marker is missing."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[: start + len(BEGIN)] + "\n\n" + reference.rstrip("\n") + "\n\n" + text[end:]


def update_contributing(path: Path, taxonomy: Taxonomy | None) -> tuple[bool, bool]:
    """Regenerate the reference in ``path``: (markers found, content changed)."""
    text = path.read_text(encoding="utf-8")
    new = replace_between_markers(text, field_reference(taxonomy, level=3))
    if new is None:
        return False, False
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True, True
    return True, False


def contributing_is_current(path: Path, taxonomy: Taxonomy | None) -> bool:
    """Whether CONTRIBUTING.md's field reference matches the model (``docs --check``)."""
    text = path.read_text(encoding="utf-8")
    return replace_between_markers(text, field_reference(taxonomy, level=3)) == text
