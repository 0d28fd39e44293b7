"""What contributors write, read the German way: numbers with a decimal comma or units,
dates as „14.3.2025“, labels for ids, short forms of states, typographic quotes. The field
kinds use it to turn a wrong value into a message that names what was meant."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from typing import Any


def german_number(value: float) -> str:
    """``20000000`` → ``20.000.000``, ``1.5`` → ``1,5``."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + "," + fraction
    return f"{int(value):,}".replace(",", ".")


def count(n: int, one: str, many: str) -> str:
    """``1 Warnung``, ``2 Warnungen``, ``1.000 Maßnahmen``: a number with its noun."""
    return f"{german_number(n)} {one if n == 1 else many}"


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, for „meinten Sie …?“ in messages."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


_TYPOGRAPHIC_QUOTES = re.compile(r"^[„“”‚‘’«»‹›](.*)[“”‘’«»‹›]$", re.DOTALL)


def typographic_quotes(value: Any) -> str | None:
    """``„running“`` → ``running``: the value inside quotes that a word processor made."""
    if isinstance(value, str):
        match = _TYPOGRAPHIC_QUOTES.match(value.strip())
        if match:
            return match.group(1).strip()
    return None


_UNIT = re.compile(r"(m²|m2|qm|quadratmeter|vzä|vzae|fte|€|eur|euro|einwohner(innen)?|ew|"
                   r"stunden|std\.?|h|personen|stellen?)$", re.IGNORECASE)  # fmt: skip


def number_meant(written: str) -> str | None:
    """``1.500,50`` → ``1500.5``, ``180m²`` → ``180``, ``1,5VZÄ`` → ``1.5``: a number as
    German texts write it, in the form the catalogue reads (``written`` has no spaces)."""
    digits = _UNIT.sub("", written.replace("\u00a0", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", digits):
        number = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+\.\d+", digits) and digits != written:  # 1.5 VZÄ
        number = digits
    else:
        return None
    if "." in number:
        return number.rstrip("0").rstrip(".")
    return number.lstrip("0") or "0"


_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3,
    "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
_GERMAN_DAY = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_GERMAN_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")
_GERMAN_MONTH_NAME = re.compile(r"(?:(\d{1,2})\.\s*)?([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})")


def german_date(value: Any, *, day_required: bool) -> str | None:
    """The ISO form of a date written the German way: ``14.03.2025`` → ``2025-03-14``,
    ``März 2024`` → ``2024-03``, ``3/2024`` → ``2024-03``; ``None`` if it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    parts: tuple[int, int, int | None] | None = None
    if match := _GERMAN_DAY.fullmatch(text):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif match := _GERMAN_MONTH.fullmatch(text):
        parts = (int(match[2]), int(match[1]), None)
    elif (match := _GERMAN_MONTH_NAME.fullmatch(text)) and match[2].lower() in _MONTHS:
        day = int(match[1]) if match[1] else None
        parts = (int(match[3]), _MONTHS[match[2].lower()], day)
    if parts is None or (day_required and parts[2] is None):
        return None
    year, month, day = parts
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


# Short forms of German states that people write (the taxonomy holds the full names).
STATE_SHORT_FORMS = {
    "BW": "Baden-Württemberg", "BY": "Bayern", "BE": "Berlin", "BB": "Brandenburg",
    "HB": "Bremen", "HH": "Hamburg", "HE": "Hessen", "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen", "NDS": "Niedersachsen", "NW": "Nordrhein-Westfalen",
    "NRW": "Nordrhein-Westfalen", "RP": "Rheinland-Pfalz", "RLP": "Rheinland-Pfalz",
    "SL": "Saarland", "SN": "Sachsen", "ST": "Sachsen-Anhalt", "LSA": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein", "TH": "Thüringen",
}  # fmt: skip


def _exact_replacement(item: str, known: dict[str, str] | Sequence[str]) -> str | None:
    """The id meant by a label („Leseförderung“ → lesefoerderung) or a short form („NRW“)."""
    folded = item.strip().casefold()
    if isinstance(known, dict):
        for key, label in known.items():
            if isinstance(label, str) and label.casefold() == folded:
                return key
    short = STATE_SHORT_FORMS.get(item.strip().upper().replace(".", ""))
    return short if short is not None and short in known else None


def listing(ids: Sequence[str]) -> str:
    """Allowed ids for a message: all of them, or the first 30 and „…“ (a message stays short)."""
    return ", ".join(ids) if len(ids) <= 30 else ", ".join(ids[:30]) + ", …"


def unknown_id_message(noun: str, item: str, known: dict[str, str] | Sequence[str]) -> str:
    """The German message for an unknown id: the id probably meant and the allowed ones."""
    choices = list(known)
    hint = _exact_replacement(item, known) or suggest(item, choices)
    did_you_mean = f" – meinten Sie „{hint}“?" if hint else "."
    if not choices:
        return f"{noun} „{item}“ gibt es nicht."
    return f"{noun} „{item}“ gibt es nicht{did_you_mean} Erlaubt: {listing(choices)}"
