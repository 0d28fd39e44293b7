"""Rules between the fields of one file, declared once.

A field kind checks one value; these rules check how values go together: what a profile
needs by its kind (a library its place and size, a network its members) and that a period
does not end before it begins. Validation runs ``check``; the JSON Schema, the field
reference, the forms and the scaffold read the same declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .kinds import INVALID, Check, Record, partial_date_bounds


@dataclass(frozen=True)
class ByKind:
    """What a profile of one ``kind`` must give, should give and may not give."""

    kind: str
    noun: str  # plural dative, for the reference: „ja bei Bibliotheken“
    default: bool = False  # the kind of a profile that does not say
    required: tuple[str, ...] = ()
    recommended: dict[str, str] = field(default_factory=dict)  # field → why, in German
    forbidden: tuple[str, ...] = ()
    at_least: dict[str, tuple[int, str]] = field(default_factory=dict)  # field → (n, „zwei …“)

    def applies(self, values: dict[str, Any]) -> bool:
        """Whether the profile is of this kind."""
        return values.get("kind", self.kind if self.default else None) == self.kind

    def json_schema(self) -> dict[str, Any]:
        """The rule as an ``if``/``then`` of JSON Schema."""
        is_kind: dict[str, Any] = {"properties": {"kind": {"const": self.kind}}}
        is_kind["required"] = ["kind"]
        if self.default:
            is_kind = {"anyOf": [is_kind, {"not": {"required": ["kind"]}}]}
        then: dict[str, Any] = {}
        if required := [*self.required, *self.at_least]:
            then["required"] = required
        properties = {key: {"maxItems": 0} for key in self.forbidden}
        properties |= {key: {"minItems": n} for key, (n, _) in self.at_least.items()}
        if properties:
            then["properties"] = properties
        return {"if": is_kind, "then": then}


def kind_check(
    rules: tuple[ByKind, ...], record: Record, values: dict[str, Any], check: Check
) -> None:
    """Report what the profile's kind requires; missing required fields become INVALID."""
    for rule in rules:
        if not rule.applies(values):
            continue
        for key in rule.required:
            label = record.fields[key].short
            if key in check.doc.data and key not in values:  # „state:“ without a value
                check.error((key,), f"Pflichtfeld „{key}“ ist leer ({label}).")
                values[key] = INVALID
            elif key not in values:
                check.error((), f"Pflichtfeld „{key}“ fehlt ({label}).")
                values[key] = INVALID
        for key, why in rule.recommended.items():
            if key not in values:
                short = record.fields[key].short
                check.warn((), f"Empfohlenes Feld „{key}“ fehlt ({short}); {why}")
        for key in rule.forbidden:
            if values.get(key):
                owners = [r for r in rules if key in r.at_least]
                where = " oder ".join(f"{r.noun} (kind: {r.kind})" for r in owners)
                check.error((key,), f"„{key}“ gibt es nur bei {where}.")
        for key, (least, what) in rule.at_least.items():
            if values.get(key) is not INVALID and len(values.get(key) or []) < least:
                check.error(
                    (key,) if key in values else (),
                    f"{_article(rule)} (kind: {rule.kind}) braucht unter „{key}“ mindestens "
                    f"{what}.",
                )


def _article(rule: ByKind) -> str:
    return {"network": "Ein Verbund", "library": "Eine Bibliothek"}.get(rule.kind, rule.kind)


def reference_notes(rules: tuple[ByKind, ...]) -> dict[str, str]:
    """Field → what the field reference says in its column „Pflicht“."""
    notes: dict[str, str] = {}
    for rule in rules:
        others = " und ".join(r.noun for r in rules if r is not rule)
        for key in rule.required:
            notes[key] = f"ja bei {rule.noun}, nein bei {others}"
        for key, (least, _) in rule.at_least.items():
            notes[key] = f"ja bei {rule.noun} (mindestens {least})"
        for key in rule.recommended:
            notes[key] = "empfohlen (sonst Warnung)"
    return notes


def default_kind(rules: tuple[ByKind, ...]) -> ByKind:
    """The rule of a profile that does not name its kind."""
    return next(rule for rule in rules if rule.default)


@dataclass(frozen=True)
class DateOrder:
    """Within ``record``, the date ``last`` does not lie before ``first``."""

    record: str
    first: str
    last: str

    def check(self, values: dict[str, Any], check: Check) -> None:
        """Report an end before the beginning at the end's line."""
        period = values.get(self.record)
        period = period if isinstance(period, dict) else {}  # INVALID was reported
        start, end = period.get(self.first), period.get(self.last)
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and partial_date_bounds(end)[1] < partial_date_bounds(start)[0]
        ):
            check.error(
                (self.record, self.last), f"Das Ende ({end}) liegt vor dem Beginn ({start})."
            )

    def json_schema(self, properties: dict[str, Any]) -> None:
        """Not expressible in JSON Schema (partial dates); only validation checks it."""

    def reference_note(self) -> tuple[str, str]:
        """(field, sentence) for the field reference."""
        return f"{self.record}.{self.last}", f"Nicht vor `{self.record}.{self.first}`."


@dataclass(frozen=True)
class AtLeastOne:
    """Within ``record``, at least one of ``keys`` is given („seeking“ or „offering“)."""

    record: str
    keys: tuple[str, ...]
    why: str  # what the record is for, in German: „eine Kooperation sucht oder bietet etwas“

    def check(self, values: dict[str, Any], check: Check) -> None:
        """Report a record without any of the keys at the record's line."""
        given = values.get(self.record)
        if isinstance(given, dict) and not any(key in given for key in self.keys):
            check.error(
                (self.record,),
                f"„{self.record}“ braucht {self._keys()} ({self.why}).",
            )

    def _keys(self) -> str:
        quoted = [f"„{key}“" for key in self.keys]
        both = " (oder beide)" if len(quoted) == 2 else " (oder mehrere)"
        return ", ".join(quoted[:-1]) + " oder " + quoted[-1] + both

    def json_schema(self, properties: dict[str, Any]) -> None:
        """Add the rule to the record's schema in ``properties``."""
        properties[self.record]["anyOf"] = [{"required": [key]} for key in self.keys]

    def reference_note(self) -> tuple[str, str]:
        """(field, sentence) for the field reference."""
        return self.record, f"Mindestens eines von {self._keys()}."
