"""German presentation of figures and dates, used as Jinja filters."""

from __future__ import annotations

import datetime as dt

from ..core.model import Library
from ..rules.german import count, german_number

MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip


def number(value: float | None) -> str:
    """A German number, or a dash where a figure is not published."""
    return "–" if value is None else german_number(value)


def date(value: dt.date | None) -> str:
    """A German date (``14. März 2025``) for pages."""
    return "" if value is None else f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def month(value: dt.date | None) -> str:
    """A month and year (``März 2026``): „zuletzt geprüft im März 2026“."""
    return "" if value is None else f"{MONTHS[value.month - 1]} {value.year}"


def partial_date(value: str | None) -> str:
    """``2013-02`` → ``Februar 2013``."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return date(dt.date(*parts))


def period(start: str | None, end: str | None) -> str:
    """A measure's period in German words („seit März 2023“, „2021 bis 2023“)."""
    if start and end:
        return f"{partial_date(start)} bis {partial_date(end)}"
    if start:
        return f"seit {partial_date(start)}"
    if end:
        return f"bis {partial_date(end)}"
    return ""


def staff(value: float | None) -> str:
    """A library's staff in VZÄ, with the words readers need for 0 (volunteers) and unpublished."""
    if value is None:
        return "VZÄ nicht veröffentlicht"
    if value == 0:
        return "ehrenamtlich geführt"
    return f"{german_number(value)} VZÄ"


def figures(library: Library) -> str:
    """``4.800 Einw. · 180 m² · 1,5 VZÄ`` – the three size figures the finder filters by."""
    parts = []
    if library.population is not None:
        parts.append(f"{german_number(library.population)} Einw.")
    if library.area_m2 is not None:
        parts.append(f"{german_number(library.area_m2)} m²")
    if library.staff_fte is not None or not library.is_network:
        parts.append(staff(library.staff_fte))
    return " · ".join(parts)


def member_totals(members: list[Library]) -> str:
    """A network's members added up: ``12.300 Einwohner · 420 m² · 3,5 VZÄ (4 Mitglieder)``;
    a figure some members have not published says of how many it is the sum."""
    parts = []
    for attribute, unit in (
        ("population", " Einwohner"),
        ("area_m2", " m²"),
        ("staff_fte", " VZÄ"),
    ):
        known = [getattr(m, attribute) for m in members if getattr(m, attribute) is not None]
        if not known:
            continue
        text = german_number(round(sum(known), 2)) + unit
        if len(known) < len(members):
            text += f" (von {len(known)} der {len(members)} Mitglieder)"
        parts.append(text)
    return " · ".join(parts) + f" – {count(len(members), 'Mitglied', 'Mitglieder')}"


def file_size(size: int | None) -> str:
    """A material's size in KB or MB, so that readers know what a download costs."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{german_number(round(size / 1024 / 1024, 1))} MB"


FILTERS = {
    "count": count,
    "number": number,
    "date": date,
    "month": month,
    "partial_date": partial_date,
    "staff": staff,
    "figures": figures,
    "file_size": file_size,
}
