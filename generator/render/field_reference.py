"""The field reference for contributors, generated from :mod:`generator.rules.declarations`.

The same Markdown goes into the site (``/mitmachen/felder/``) and, between two marker
comments, into ``CONTRIBUTING.md`` (``catalogue docs``), so it is never copied by hand.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Taxonomy
from ..rules import declarations as schema
from ..rules.kinds import (
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
    german_number,
)

BEGIN = (
    "<!-- BEGIN feldreferenz: erzeugt mit „catalogue docs“ aus generator/rules/declarations.py -->"
)
END = "<!-- END feldreferenz -->"


def _cell(text: object) -> str:
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")
    )


def example_text(value: object) -> str:
    """An example value as it is written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _range(minimum: float, maximum: float | None, exclusive: bool = False) -> str:
    low = f"größer als {german_number(minimum)}" if exclusive else f"ab {german_number(minimum)}"
    if maximum is None:
        return low
    if exclusive:
        return f"{low}, höchstens {german_number(maximum)}"
    return f"{german_number(minimum)} bis {german_number(maximum)}"


def describe(field: Field) -> str:
    """What kind of value a field takes, in German."""
    if isinstance(field, Text):
        return f"Text, höchstens {german_number(field.max_len)} Zeichen"
    if isinstance(field, Integer):
        return f"ganze Zahl, {_range(field.minimum, field.maximum)}"
    if isinstance(field, Number):
        bounds = _range(field.minimum, field.maximum, field.exclusive_minimum)
        text = f"Zahl mit Punkt als Dezimalzeichen, {bounds}"
        return text + (f", oder `{field.unknown}`" if field.unknown else "")
    if isinstance(field, Boolean):
        return "`true` (ja) oder `false` (nein)"
    if isinstance(field, Choice):
        return "einer von: " + ", ".join(f"`{k}` ({v})" for k, v in field.choices.items())
    if isinstance(field, Date):
        return "Datum JJJJ-MM-TT"
    if isinstance(field, PartialDate):
        return "Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT"
    if isinstance(field, Url):
        return "Webadresse, beginnt mit `https://` oder `http://`"
    if isinstance(field, Email):
        return "E-Mail-Adresse"
    if isinstance(field, IdList):
        count = (
            f"{field.min_items}–{field.max_items}"
            if field.min_items
            else f"höchstens {field.max_items}"
        )
        return f"Liste von Kennungen ({field.noun}), {count}, z. B. `[erste, zweite]`"
    if isinstance(field, TextList):
        return f"Liste von Texten, höchstens {field.max_items}"
    if isinstance(field, RecordList):
        return f"Liste von Einträgen (jede Zeile beginnt mit `- `), höchstens {field.max_items}"
    if isinstance(field, Record):
        return "Abschnitt mit eingerückten Unterfeldern"
    if isinstance(field, FreeMapping):
        return "Zuordnung"
    if isinstance(field, schema.OutcomeValue):
        return "Zahl oder kurzer Text (höchstens 60 Zeichen)"
    return field.expected  # pragma: no cover


def _rows(
    record: Record, prefix: str, parent_required: str | None, conditional: dict[str, str]
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
        example = f"`{example_text(field.example)}`" if field.example is not None else ""
        rows.append(
            f"| `{key}` | {required} | {_cell(field.label)}.{_cell(extra)} "
            f"| {_cell(describe(field))} | {_cell(example)} |"
        )
        item = field.item if isinstance(field, RecordList) else field
        if isinstance(item, Record):
            child_prefix = f"{key}[]." if isinstance(field, RecordList) else f"{key}."
            rows.extend(_rows(item, child_prefix, key, conditional))
    return rows


def _table(record: Record, conditional: dict[str, str]) -> list[str]:
    return [
        "| Feld | Pflicht | Bedeutung | Wert | Beispiel |",
        "| --- | --- | --- | --- | --- |",
        *_rows(record, "", None, conditional),
    ]


def field_reference(taxonomy: Taxonomy | None, level: int = 2) -> str:
    """Markdown with one table per file kind and the vocabularies; ``level`` of its headings."""
    h = "#" * level
    library_conditional = {
        key: "ja bei Bibliotheken, nein bei Verbünden" for key in schema.LIBRARY_REQUIRED
    }
    library_conditional["members"] = "ja bei Verbünden (mindestens 2)"
    library_conditional["area_m2"] = "empfohlen (sonst Warnung)"
    lines = [
        f"{h} Bibliotheksprofil: `libraries/<kennung>.yml`",
        "",
        *_table(schema.library_schema(taxonomy), library_conditional),
        "",
        f"{h} Maßnahme: Kopfbereich von `measures/<kennung>.md`",
        "",
        *_table(schema.measure_schema(taxonomy), {}),
        "",
        "Unter dem Kopfbereich folgt der Text der Maßnahme in Markdown (Pflicht, nicht leer), "
        "am besten mit den Abschnitten `## Ausgangslage`, `## Umsetzung`, `## Ergebnisse` und "
        "`## Tipps`. HTML und Links mit anderen Adressen als `https://`, `http://` oder "
        "`mailto:` sind nicht erlaubt. Materialien mit `file` liegen im Ordner "
        f"`measures/<kennung>/`; erlaubte Dateitypen: "
        f"{', '.join(sorted(schema.MATERIAL_TYPES))}; höchstens 10 MiB je Datei.",
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
                    f"| `{t.id}` | {_cell(t.label)} | {_cell(t.description)} |"
                    for t in terms.values()
                ),
                "",
            ]
        lines += [f"{h} Bundesländer und Regionen (`state`)", ""]
        for country, states in sorted(taxonomy.states.items()):
            lines.append(f"- **{country}:** " + ", ".join(states))
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
    text = path.read_text(encoding="utf-8")
    return replace_between_markers(text, field_reference(taxonomy, level=3)) == text
