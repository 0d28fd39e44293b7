"""One small class per kind of field: each converts a raw YAML value and explains what is wrong.

A schema is a :class:`Record` of named fields; converting a document yields plain
Python values and reports every problem (with its line) to a :class:`Check`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.ids import ID_PATTERN, MAX_ID_LENGTH, is_valid_id, propose_id
from ..core.problems import Problems
from ..load.yamldoc import Document, Path
from .german import (
    german_date,
    german_number,
    number_meant,
    suggest,
    typographic_quotes,
    unknown_id_message,
)
from .personal_data import personal_data, personal_data_message

INVALID: Any = object()  # a value that was reported and must not be used


@dataclass
class Check:
    """The document being converted and where its problems go."""

    doc: Document
    problems: Problems

    def line(self, path: Path) -> int:
        return self.doc.line(*path)

    def error(self, path: Path, message: str) -> None:
        self.problems.error(self.doc.path, self.line(path), message)

    def warn(self, path: Path, message: str) -> None:
        self.problems.warn(self.doc.path, self.line(path), message)

    def wrong_type(self, path: Path, value: Any, expected: str) -> Any:
        """Report ``value`` as not being ``expected``, with a quoting hint for YAML surprises."""
        name = _field_name(path)
        inner = typographic_quotes(value)
        if inner is not None:
            self.error(
                path,
                f"„{name}“: Bitte die typografischen Anführungszeichen weglassen, also "
                f"„{path[-1] if path and isinstance(path[-1], str) else name}: {inner}“ "
                '(gerade Anführungszeichen " gehen auch).',
            )
            return INVALID
        raw = self.doc.raw.get(path)
        # Quotes only help where text is wanted: „country: NO“, not „area_m2: yes“.
        textual = expected.startswith("Text") or expected.endswith("(Text)")
        if isinstance(value, bool) and raw is not None and textual:
            meaning = "ja" if value else "nein"
            # the line as it should be written: „country: "NO"“, or „- "off"“ in a list
            key = path[-1] if path else name
            written = f'"{raw}"' if isinstance(key, int) else f'{key}: "{raw}"'
            self.error(
                path,
                f"„{name}“: YAML liest {raw} als Wahrheitswert ({meaning}). "
                f"Bitte in Anführungszeichen setzen: {written}",
            )
        elif raw is not None and textual:
            self.error(
                path,
                f"„{name}“ muss {expected} sein; YAML liest {raw} als "
                f'{_yaml_kind(value)}. Bitte in Anführungszeichen setzen: "{raw}"',
            )
        else:
            shown = raw if raw is not None else _show(value)
            self.error(path, f"„{name}“ muss {expected} sein, gefunden: {shown}.")
        return INVALID


def _field_name(path: Path) -> str:
    """``("materials", 0, "file")`` → ``materials[1].file`` (counted from 1 for people)."""
    parts: list[str] = []
    for key in path:
        if isinstance(key, int):
            parts[-1] = f"{parts[-1] if parts else ''}[{key + 1}]"
        else:
            parts.append(str(key))
    return ".".join(parts) or "Dokument"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "Wahrheitswert"
    if isinstance(value, int | float):
        return "Zahl"
    if isinstance(value, dt.date):
        return "Datum"
    return "Wert"


def _show(value: Any) -> str:
    if value is None:
        return "leer"
    if isinstance(value, dict):
        return "eine Zuordnung (Felder mit Doppelpunkt)"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"„{short}“"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return german_number(value)
    return str(value)


class Field:
    """Base of all field kinds. ``label`` is the German explanation shown to contributors."""

    expected = "ein Wert"

    def __init__(
        self, label: str, *, required: bool = False, example: Any = None, short: str = ""
    ) -> None:
        self.label = label
        self.short = short or label  # the name in a message: „Pflichtfeld „state“ fehlt (…)“
        self.required = required
        self.example = example

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        """The checked value, or ``INVALID`` after reporting every problem to ``check``."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """This field in JSON Schema, for editors that check while contributors type."""
        result: dict[str, Any] = {"description": self.label, **self.json_type()}
        if self.example is not None:
            result["examples"] = [self.example]
        return result

    def json_type(self) -> dict[str, Any]:
        """The JSON Schema of the value alone; each kind knows its own."""
        raise NotImplementedError

    def describe(self) -> str:
        """What kind of value the field takes, in German, for the field reference."""
        return self.expected

    def form_limits(self) -> dict[str, Any]:
        """What the website's form checks before anything is sent: label, required, limits."""
        return {"label": self.label, "required": self.required}

    def input_hint(self) -> str:
        """The limit a form states next to the field („Höchstens 120 Zeichen.“), or ""."""
        return ""

    def form_control(self) -> tuple[str, bool]:
        """The form control that asks for the value: (input | textarea | dropdown |
        checkboxes, whether several options may be chosen)."""
        return "input", False

    def form_options(self) -> tuple[str, ...]:
        """The options of a dropdown, as „Label (id)“: the id is what the file gets."""
        return ()

    def form_example(self) -> str:
        """The example as a form shows it, greyed out in the empty field."""
        if self.example is None or isinstance(self.example, bool):
            return ""
        if isinstance(self.example, list):
            return ", ".join(str(item) for item in self.example)
        return str(self.example)


class Text(Field):
    """A single text with a length limit; refuses invisible control and format characters."""

    def __init__(
        self,
        label: str,
        *,
        min_len: int = 1,
        max_len: int = 300,
        prose: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(label, **kw)
        self.min_len, self.max_len = min_len, max_len
        # prose: free text that may not carry personal data; names it in messages („in der
        # Zusammenfassung“), see rules/personal_data.py
        self.prose = prose

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "Text"

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}

    def describe(self) -> str:
        return f"Text, höchstens {german_number(self.max_len)} Zeichen"

    def form_limits(self) -> dict[str, Any]:
        limits = {**super().form_limits(), "min": self.min_len, "max": self.max_len}
        return limits | ({"prose": self.prose} if self.prose else {})

    def input_hint(self) -> str:
        return f"Höchstens {german_number(self.max_len)} Zeichen."

    def form_control(self) -> tuple[str, bool]:
        return ("input" if self.max_len <= 120 else "textarea"), False

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, str):
            return check.wrong_type(path, value, "Text")
        text = value.strip()
        if len(text) < self.min_len:
            check.error(path, f"„{_field_name(path)}“ darf nicht leer sein.")
            return INVALID
        if len(text) > self.max_len:
            check.error(
                path,
                f"„{_field_name(path)}“ ist {german_number(len(text))} Zeichen lang; "
                f"erlaubt sind höchstens {german_number(self.max_len)}.",
            )
            return INVALID
        hidden = _hidden_character(text)
        if hidden is not None:
            position, char = hidden
            check.error(
                path,
                f"„{_field_name(path)}“ enthält an Stelle {position} das unsichtbare Zeichen "
                f"U+{ord(char):04X}. Bitte löschen: Steuer- und Formatzeichen lassen einen "
                "Text anders aussehen, als er ist.",
            )
            return INVALID
        if self.prose:
            found = personal_data(text)
            for line, what in found:
                within = f" (Zeile {line} des Textes)" if "\n" in text else ""
                check.error(path, personal_data_message(what, self.prose + within))
            if found:
                return INVALID
        return text


def _hidden_character(text: str) -> tuple[int, str] | None:
    """The first control or format character (zero-width, bidirectional override …) that
    would make a text look different from what it is; line breaks and tabs are text."""
    for position, char in enumerate(text, 1):
        if char in "\n\t" or char == "\u00ad":  # the soft hyphen only marks a break point
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):
            return position, char
    return None


class CountryCode(Text):
    """An ISO 3166-1 alpha-2 code such as ``DE``."""

    def __init__(self, label: str, codes: frozenset[str], **kw: Any) -> None:
        super().__init__(label, max_len=2, **kw)
        self.codes = codes

    def json_type(self) -> dict[str, Any]:
        return {**super().json_type(), "pattern": "^[A-Z]{2}$"}

    def describe(self) -> str:
        return "Ländercode aus zwei Großbuchstaben (ISO 3166-1), z. B. `AT`"

    def input_hint(self) -> str:
        return "Ländercode aus zwei Buchstaben, z. B. AT."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, str):
            return check.wrong_type(path, value, "Text")  # country: NO → please quote
        if value.strip() in self.codes:
            return value.strip()
        upper = "GB" if value.strip().upper() == "UK" else value.strip().upper()
        hint = f" – meinten Sie „{upper}“?" if upper in self.codes else "."
        check.error(
            path,
            f"„{_field_name(path)}“ muss ein Ländercode nach ISO 3166-1 aus zwei "
            f"Großbuchstaben sein (z. B. DE, AT, CH), gefunden: {_show(value)}{hint}",
        )
        return INVALID


class Integer(Field):
    """A whole number within bounds (population, volunteers)."""

    expected = "eine ganze Zahl"

    def __init__(self, label: str, *, minimum: int, maximum: int | None = None, **kw: Any) -> None:
        super().__init__(label, **kw)
        self.minimum, self.maximum = minimum, maximum

    def json_type(self) -> dict[str, Any]:
        return _bounds({"type": "integer"}, self.minimum, self.maximum, False)

    def describe(self) -> str:
        return f"ganze Zahl, {_range(self.minimum, self.maximum)}"

    def form_limits(self) -> dict[str, Any]:
        return {
            **super().form_limits(),
            "minimum": self.minimum,
            "maximum": self.maximum,
            "integer": True,
            "exclusive": False,
        }

    def input_hint(self) -> str:
        return "Ganze Zahl ohne Tausenderpunkt."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return _number_hint(value, path, check, "eine ganze Zahl")
        if _not_decimal(value, path, check):
            return INVALID
        return _in_range(value, self.minimum, self.maximum, path, check)


class Number(Field):
    """A number within bounds, optionally with a word that states it is not published."""

    expected = "eine Zahl"

    def __init__(
        self,
        label: str,
        *,
        minimum: float,
        maximum: float | None = None,
        exclusive_minimum: bool = False,
        unknown: str | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(label, **kw)
        self.minimum, self.maximum = minimum, maximum
        self.exclusive_minimum = exclusive_minimum
        self.unknown = unknown  # a word that states "not published" explicitly; becomes None

    def json_type(self) -> dict[str, Any]:
        number = _bounds({"type": "number"}, self.minimum, self.maximum, self.exclusive_minimum)
        return number if self.unknown is None else {"anyOf": [number, {"const": self.unknown}]}

    def describe(self) -> str:
        bounds = _range(self.minimum, self.maximum, self.exclusive_minimum)
        text = f"Zahl mit Punkt als Dezimalzeichen, {bounds}"
        return text + (f", oder `{self.unknown}`" if self.unknown else "")

    def form_limits(self) -> dict[str, Any]:
        return {
            **super().form_limits(),
            "minimum": self.minimum,
            "maximum": self.maximum,
            "integer": False,
            "exclusive": self.exclusive_minimum,
        }

    def input_hint(self) -> str:
        return "Eine Zahl ohne Tausenderpunkt."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if self.unknown is not None and isinstance(value, str):
            if value.strip().lower() == self.unknown:
                return None
            return _number_hint(value, path, check, f"eine Zahl oder „{self.unknown}“")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _number_hint(value, path, check, "eine Zahl")
        if _not_decimal(value, path, check):
            return INVALID
        raw = check.doc.raw.get(path)
        if raw is not None and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", raw):
            check.warn(
                path,
                f"„{_field_name(path)}“: {raw} wird als {german_number(value)} gelesen; falls "
                f"{raw.replace('.', '')} gemeint ist, bitte ohne Tausenderpunkt schreiben.",
            )
        if self.exclusive_minimum and value <= self.minimum:
            check.error(
                path,
                f"„{_field_name(path)}“ muss größer als {german_number(self.minimum)} sein, "
                f"gefunden: {german_number(value)}.",
            )
            return INVALID
        return _in_range(value, self.minimum, self.maximum, path, check)


def _bounds(
    result: dict[str, Any], minimum: float, maximum: float | None, exclusive: bool
) -> dict[str, Any]:
    result["exclusiveMinimum" if exclusive else "minimum"] = _plain(minimum)
    if maximum is not None:
        result["maximum"] = _plain(maximum)
    return result


def _plain(value: float) -> float | int:
    """1e6 as 1000000 in JSON: the schema reads like the declaration."""
    return int(value) if float(value).is_integer() else value


def _range(minimum: float, maximum: float | None, exclusive: bool = False) -> str:
    low = f"größer als {german_number(minimum)}" if exclusive else f"ab {german_number(minimum)}"
    if maximum is None:
        return low
    if exclusive:
        return f"{low}, höchstens {german_number(maximum)}"
    return f"{german_number(minimum)} bis {german_number(maximum)}"


_DECIMAL = re.compile(r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?")


def _not_decimal(value: float, path: Path, check: Check) -> bool:
    """Report numbers YAML reads in a surprising way: 0x1F, 012 (octal), 1:30 (base 60), .nan."""
    raw = check.doc.raw.get(path)
    octal = raw is not None and re.fullmatch(r"[-+]?0\d+", raw.replace("_", ""))
    finite = not isinstance(value, float) or math.isfinite(value)  # ints can be huge
    if finite and (raw is None or (_DECIMAL.fullmatch(raw) and not octal)):
        return False
    check.error(
        path,
        f"„{_field_name(path)}“: „{raw if raw is not None else value}“ ist keine gewöhnliche "
        "Zahl; bitte nur Ziffern und höchstens einen Dezimalpunkt schreiben, z. B. 4800 oder 1.5.",
    )
    return True


def _number_hint(value: Any, path: Path, check: Check, expected: str) -> Any:
    name = _field_name(path)
    written = value if isinstance(value, str) else check.doc.raw.get(path)  # 4.800 → 4.8
    if isinstance(written, str):
        compact = written.strip().replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
            check.error(
                path,
                f"„{name}“ muss {expected} sein: bitte ohne Tausenderpunkt schreiben, "
                f"also {compact.replace('.', '')}.",
            )
            return INVALID
        if re.fullmatch(r"0\d+", compact):
            check.error(
                path,
                f"„{name}“ muss {expected} sein: bitte ohne führende Null schreiben, "
                f"also {compact.lstrip('0') or '0'}.",
            )
            return INVALID
        if re.fullmatch(r"\d+,\d+", compact):
            check.error(
                path,
                f"„{name}“ muss {expected} sein: Dezimalstellen bitte mit Punkt schreiben, "
                f"also {compact.replace(',', '.')}.",
            )
            return INVALID
        meant = number_meant(compact)
        if meant is not None and meant != written.strip():
            check.error(path, f"„{name}“ muss {expected} sein: bitte so schreiben: „{meant}“.")
            return INVALID
    return check.wrong_type(path, value, expected)


def _in_range(value: float, minimum: float, maximum: float | None, path: Path, check: Check) -> Any:
    if value < minimum or (maximum is not None and value > maximum):
        bounds = (
            f"zwischen {german_number(minimum)} und {german_number(maximum)} liegen"
            if maximum is not None
            else f"mindestens {german_number(minimum)} sein"
        )
        check.error(path, f"„{_field_name(path)}“ muss {bounds}, gefunden: {german_number(value)}.")
        return INVALID
    return value


class Boolean(Field):
    """``true`` or ``false``, such as the consent to publish a contact address."""

    expected = "true oder false"

    def json_type(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "`true` (ja) oder `false` (nein)"

    def form_control(self) -> tuple[str, bool]:
        return "checkboxes", False

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, bool):
            return check.wrong_type(path, value, "true oder false")
        return value


class Choice(Field):
    """One of a fixed set of English ids, shown with German explanations."""

    def __init__(self, label: str, choices: dict[str, str], **kw: Any) -> None:
        super().__init__(label, **kw)
        self.choices = choices

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "einer der Werte " + ", ".join(self.choices)

    def json_type(self) -> dict[str, Any]:
        return {"enum": list(self.choices), "markdownEnumDescriptions": list(self.choices.values())}

    def describe(self) -> str:
        return "einer von: " + ", ".join(f"`{k}` ({v})" for k, v in self.choices.items())

    def form_control(self) -> tuple[str, bool]:
        return "dropdown", False

    def form_options(self) -> tuple[str, ...]:
        return tuple(f"{label} ({key})" for key, label in self.choices.items())

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if isinstance(value, str) and value.strip() in self.choices:
            return value.strip()
        allowed = ", ".join(f"{key} ({label})" for key, label in self.choices.items())
        if not isinstance(value, str):  # „status: no“ (a boolean for YAML), a number, a list
            shown = check.doc.raw.get(path) or _show(value)
            check.error(
                path, f"„{_field_name(path)}“: {shown} ist nicht erlaubt. Erlaubt: {allowed}."
            )
            return INVALID
        if typographic_quotes(value) is not None:
            return check.wrong_type(path, value, self.expected)
        by_label = {label.lower(): key for key, label in self.choices.items()}  # „mittel“
        hint = by_label.get(value.strip().lower()) or suggest(
            value.strip().lower(), list(self.choices)
        )
        did_you_mean = f" – meinten Sie „{hint}“?" if hint else "."
        check.error(
            path,
            f"„{_field_name(path)}“: {_show(value)} ist nicht erlaubt{did_you_mean} "
            f"Erlaubt: {allowed}.",
        )
        return INVALID


# Patterns in the syntax Python, JSON Schema and JavaScript share; the browser gets them from
# the page (``render.submit_page``), the JSON Schema from ``rules.json_schema``. Both dialects
# must read them alike (tests/browser/test_parity.py): [0-9], as Python's \d takes the digits
# of every script („２０２４“).
DATE_PATTERN = r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"
_DATE = re.compile(DATE_PATTERN)
# Dates of a catalogue of measures lie in these years; outside them a year is a typo (and
# far years break date arithmetic).
YEARS = (1900, 2100)


def _year_outside(year: int, value: Any, path: Path, check: Check) -> bool:
    if YEARS[0] <= year <= YEARS[1]:
        return False
    check.error(
        path,
        f"„{_field_name(path)}“: Das Jahr in {value} liegt nicht zwischen {YEARS[0]} und "
        f"{YEARS[1]}. Bitte das Datum prüfen.",
    )
    return True


PARTIAL_DATE_PATTERN = r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


class Date(Field):
    """A day as ``YYYY-MM-DD``; converted to :class:`datetime.date`."""

    expected = "ein Datum im Format JJJJ-MM-TT"

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def describe(self) -> str:
        return "Datum JJJJ-MM-TT"

    def input_hint(self) -> str:
        return "JJJJ-MM-TT."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return INVALID if _year_outside(value.year, value, path, check) else value
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                check.error(path, f"„{_field_name(path)}“: Den Tag {value} gibt es nicht.")
                return INVALID
            return INVALID if _year_outside(day.year, value, path, check) else day
        meant = german_date(value, day_required=True)
        if meant is not None:
            check.error(path, f"„{_field_name(path)}“: Datum bitte so schreiben: „{meant}“.")
            return INVALID
        return check.wrong_type(path, value, "ein Datum im Format JJJJ-MM-TT (z. B. 2025-03-14)")


class PartialDate(Field):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; converted to its ISO text."""

    expected = "ein Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT"

    def json_type(self) -> dict[str, Any]:
        return {"anyOf": [
            {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]}  # fmt: skip

    def describe(self) -> str:
        return "Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT"

    def input_hint(self) -> str:
        return "JJJJ, JJJJ-MM oder JJJJ-MM-TT."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if _year_outside(value.year, value, path, check):
                return INVALID
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        match = _PARTIAL_DATE.match(value.strip()) if isinstance(value, str) else None
        if not match:
            meant = german_date(value, day_required=False)
            if meant is not None:
                check.error(path, f"„{_field_name(path)}“: Datum bitte so schreiben: „{meant}“.")
                return INVALID
            return check.wrong_type(path, value, self.expected + " (z. B. 2013-02)")
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            check.error(path, f"„{_field_name(path)}“: Das Datum {value} gibt es nicht.")
            return INVALID
        if _year_outside(int(year), value, path, check):
            return INVALID
        return value.strip()


def partial_date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day that a partial date stands for (``2013`` → 2013-01-01 … 2013-12-31)."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, None, None][:3]
    start = dt.date(year, month or 1, day or 1)
    if day:
        return start, start
    if month:
        return start, dt.date(year, month, calendar.monthrange(year, month)[1])
    return start, dt.date(year, 12, 31)


# JSON Schema knows no flags: the scheme is matched in either case by its classes. \s is
# wider in Python (U+001C–U+001F, U+0085) and in JavaScript (U+FEFF): no space is either's.
_NO_SPACE = r"\s\x1c-\x1f\x85\ufeff"
URL_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://[^{_NO_SPACE}/?#]+\.[^{_NO_SPACE}/?#]+([/?#][^{_NO_SPACE}]*)?$"
)
_URL = re.compile(URL_PATTERN)


class Url(Field):
    """A web address; only http:// and https:// pass, so that no other scheme becomes a link."""

    expected = "eine Webadresse, die mit http:// oder https:// beginnt"

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "pattern": URL_PATTERN}

    def describe(self) -> str:
        return "Webadresse, beginnt mit `https://` oder `http://`"

    def input_hint(self) -> str:
        return "Mit https:// am Anfang."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, str):
            return check.wrong_type(path, value, "eine Webadresse (http:// oder https://)")
        text = value.strip()
        if not _URL.match(text):
            if re.match(r"^www\.", text, re.IGNORECASE):
                check.error(
                    path,
                    f"„{_field_name(path)}“: Bitte die vollständige Adresse mit https:// angeben, "
                    f"also https://{text}.",
                )
            else:
                check.error(
                    path,
                    f"„{_field_name(path)}“ muss eine Webadresse sein, die mit http:// oder "
                    f"https:// beginnt, gefunden: {_show(text)}.",
                )
            return INVALID
        return text


EMAIL_PATTERN = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
_EMAIL = re.compile(EMAIL_PATTERN)


class Email(Field):
    """An e-mail address, checked with the pattern the website's form uses too."""

    expected = "eine E-Mail-Adresse"

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "format": "email", "pattern": EMAIL_PATTERN}

    def describe(self) -> str:
        return "E-Mail-Adresse"

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, str):
            return check.wrong_type(path, value, self.expected)
        if not _EMAIL.match(value.strip()):
            check.error(
                path,
                f"„{_field_name(path)}“: „{value}“ ist keine gültige E-Mail-Adresse "
                "(Form: name@beispiel.de).",
            )
            return INVALID
        return value.strip()


class TextList(Field):
    """A list of short free texts (partners)."""

    expected = "eine Liste von Texten"

    def __init__(self, label: str, *, max_items: int = 20, max_len: int = 200, **kw: Any) -> None:
        super().__init__(label, **kw)
        self.max_items = max_items
        self.item = Text(label, max_len=max_len)

    def json_type(self) -> dict[str, Any]:
        return {
            "type": "array",
            "maxItems": self.max_items,
            "items": {"type": "string", "minLength": 1, "maxLength": self.item.max_len},
        }

    def describe(self) -> str:
        return f"Liste von Texten, höchstens {self.max_items}"

    def form_limits(self) -> dict[str, Any]:
        return {**super().form_limits(), "max_items": self.max_items, "max": self.item.max_len}

    def form_control(self) -> tuple[str, bool]:
        return "textarea", False

    def input_hint(self) -> str:
        return "Einer je Zeile."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return check.wrong_type(path, value, "eine Liste, z. B. [Erster, Zweiter]")
        if len(value) > self.max_items:
            check.error(
                path, f"„{_field_name(path)}“: höchstens {self.max_items} Einträge erlaubt."
            )
            return INVALID
        items = [self.item.convert(v, (*path, i), check) for i, v in enumerate(value)]
        return INVALID if INVALID in items else items


class IdList(Field):
    """A list of ids. ``known`` gives the allowed ids when the field is checked (vocabularies);
    references to other files are checked once all files are loaded."""

    expected = "eine Liste von Kennungen"

    def __init__(
        self,
        label: str,
        *,
        min_items: int = 0,
        max_items: int = 50,
        noun: str = "Eintrag",
        known: Callable[[], dict[str, str]] | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(label, **kw)
        self.min_items, self.max_items = min_items, max_items
        self.noun = noun
        self.known = known

    def json_type(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN.pattern}
        item["maxLength"] = MAX_ID_LENGTH
        if self.known is not None:
            known = self.known()
            item = {"enum": list(known), "markdownEnumDescriptions": list(known.values())}
        result: dict[str, Any] = {
            "type": "array",
            "items": item,
            "uniqueItems": True,
            "maxItems": self.max_items,
        }
        if self.min_items:
            result["minItems"] = self.min_items
        return result

    def describe(self) -> str:
        count = (
            f"{self.min_items}–{self.max_items}"
            if self.min_items
            else f"höchstens {self.max_items}"
        )
        return f"Liste von Kennungen ({self.noun}), {count}, z. B. `[erste, zweite]`"

    def form_limits(self) -> dict[str, Any]:
        return {**super().form_limits(), "min_items": self.min_items, "max_items": self.max_items}

    def form_control(self) -> tuple[str, bool]:
        return ("input", False) if self.known is None else ("dropdown", True)

    def form_options(self) -> tuple[str, ...]:
        known = self.known() if self.known is not None else {}
        return tuple(f"{label} ({key})" for key, label in known.items())

    def input_hint(self) -> str:
        if self.known is None:
            return "Kennungen durch Komma trennen."
        return f"{self.min_items}–{self.max_items} auswählen." if self.min_items else ""

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        name = _field_name(path)
        if isinstance(value, str):
            value = [value]  # a single id without brackets is what people mean
        if not isinstance(value, list):
            return check.wrong_type(path, value, "eine Liste, z. B. [erste-kennung, zweite]")
        if len(value) < self.min_items:
            entries = "einen Eintrag" if self.min_items == 1 else f"{self.min_items} Einträge"
            check.error(path, f"„{name}“ braucht mindestens {entries}.")
            return INVALID
        if len(value) > self.max_items:
            check.error(
                path,
                f"„{name}“ hat {len(value)} Einträge; erlaubt sind höchstens {self.max_items}.",
            )
            return INVALID
        known = self.known() if self.known else None
        result: list[str] = []
        ok = True
        for index, item in enumerate(value):
            item_path = (*path, index)
            if not isinstance(item, str) or not item.strip():
                check.wrong_type(item_path, item, "eine Kennung (Text)")
                ok = False
                continue
            item = item.strip()
            if typographic_quotes(item) is not None:
                check.wrong_type(item_path, item, self.expected)
                ok = False
                continue
            if item in result:
                check.error(item_path, f"„{name}“: „{item}“ steht doppelt in der Liste.")
                ok = False
                continue
            if known is not None and item not in known:
                check.error(item_path, unknown_id_message(self.noun, item, known))
                ok = False
                continue
            result.append(item)
        return result if ok else INVALID


class EarlierIds(IdList):
    """Earlier ids of the entry itself (``aliases``): each names a page address that now
    redirects, so it must be a valid id; collisions are checked once all files are loaded."""

    def describe(self) -> str:
        return f"Liste früherer Kennungen dieses Eintrags, höchstens {self.max_items}"

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        result = super().convert(value, path, check)
        if result is INVALID:
            return INVALID
        ok = True
        for index, item in enumerate(result):
            if not is_valid_id(item):
                check.error(
                    (*path, index),
                    f"„{_field_name(path)}“: „{item}“ ist keine gültige Kennung (nur "
                    "Kleinbuchstaben a–z, Ziffern und Bindestriche, höchstens "
                    f"{MAX_ID_LENGTH} Zeichen), z. B. „{propose_id(item)}“.",
                )
                ok = False
        return result if ok else INVALID


class Id(Field):
    """One id of another entry (``collaboration.contact``); like :class:`IdList`, whether it
    exists is checked once all files are loaded."""

    expected = "eine Kennung"

    def __init__(self, label: str, *, noun: str = "Eintrag", **kw: Any) -> None:
        super().__init__(label, **kw)
        self.noun = noun

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN.pattern, "maxLength": MAX_ID_LENGTH}

    def describe(self) -> str:
        return f"Kennung ({self.noun})" + (f", z. B. `{self.example}`" if self.example else "")

    def input_hint(self) -> str:
        return "Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen."

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, str) or not value.strip() or typographic_quotes(value):
            return check.wrong_type(path, value, "eine Kennung (Text)")
        return value.strip()


class Record(Field):
    """A mapping with named fields; unknown keys are errors with a suggestion."""

    expected = "eine Zuordnung mit Feldern"

    def __init__(self, label: str, fields: dict[str, Field], **kw: Any) -> None:
        super().__init__(label, **kw)
        self.fields = fields

    def json_type(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "type": "object",
            "properties": {name: field.json_schema() for name, field in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, field in self.fields.items() if field.required]
        if required:
            result["required"] = required
        return result

    def describe(self) -> str:
        return "Abschnitt mit eingerückten Unterfeldern"

    def at(self, path: str) -> Field:
        """The declared field at a dotted path such as ``effort.staff_hours``."""
        field: Field = self
        for name in path.split("."):
            assert isinstance(field, Record), path
            field = field.fields[name]
        return field

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, dict):
            if not path:
                check.error(
                    path,
                    "Der Inhalt muss aus Feldern der Form „name: Wert“ bestehen, "
                    f"gefunden: {_show(value)}.",
                )
                return INVALID
            return check.wrong_type(path, value, "eine Zuordnung mit eingerückten Feldern")
        result: dict[str, Any] = {}
        for key, raw in value.items():
            if key not in self.fields:
                hint = suggest(key, list(self.fields))
                where = f" in „{_field_name(path)}“" if path else ""
                if hint:
                    message = f"Unbekanntes Feld „{key}“{where} – meinten Sie „{hint}“?"
                else:
                    message = f"Unbekanntes Feld „{key}“{where}. Erlaubt: {', '.join(self.fields)}."
                check.error((*path, key), message)
                continue
            if raw is None or raw == "" or raw == []:
                continue  # an empty optional field is as good as a missing one
            result[key] = self.fields[key].convert(raw, (*path, key), check)
        for key, field in self.fields.items():
            if field.required and key not in result:
                if key in value:
                    check.error((*path, key), f"Pflichtfeld „{key}“ ist leer ({field.short}).")
                else:
                    where = f" in „{_field_name(path)}“" if path else ""
                    check.error(path, f"Pflichtfeld „{key}“ fehlt{where} ({field.short}).")
                result[key] = INVALID
        return result


class FreeMapping(Field):
    """A mapping whose keys are data, not field names (``states`` per country)."""

    expected = "eine Zuordnung"

    def json_type(self) -> dict[str, Any]:
        return {"type": "object"}

    def describe(self) -> str:
        return "Zuordnung"

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, dict):
            return check.wrong_type(path, value, "eine Zuordnung, z. B. DE: [Bayern, Hessen]")
        return value


class RecordList(Field):
    """A list of records (materials, outcomes), each checked against ``item``."""

    expected = "eine Liste von Einträgen"

    def __init__(self, label: str, item: Record, *, max_items: int = 50, **kw: Any) -> None:
        super().__init__(label, **kw)
        self.item = item
        self.max_items = max_items

    def json_type(self) -> dict[str, Any]:
        return {"type": "array", "maxItems": self.max_items, "items": self.item.json_type()}

    def describe(self) -> str:
        return f"Liste von Einträgen (jede Zeile beginnt mit `- `), höchstens {self.max_items}"

    def form_control(self) -> tuple[str, bool]:
        return "textarea", False

    def convert(self, value: Any, path: Path, check: Check) -> Any:
        if not isinstance(value, list):
            return check.wrong_type(path, value, "eine Liste (jede Zeile beginnt mit „- “)")
        if len(value) > self.max_items:
            check.error(
                path, f"„{_field_name(path)}“: höchstens {self.max_items} Einträge erlaubt."
            )
            return INVALID
        return [self.item.convert(v, (*path, i), check) for i, v in enumerate(value)]
