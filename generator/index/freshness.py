"""How fresh a measure is: when it was last checked and whether that is too long ago.

A measure's last check is its ``reviewed`` date, else its ``published`` date. It is stale
when that date lies more than ``months`` months before the build date: exactly ``months``
months before is still fresh, one day earlier is stale. This module is the one place of
that date arithmetic; the pages, the finder's data and ``catalogue stale`` ask it.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..core.model import Catalogue, Measure

DEFAULT_MONTHS = 24


def last_checked(measure: Measure) -> dt.date:
    """The date a measure was last checked: ``reviewed``, else ``published``."""
    return measure.reviewed or measure.published


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back by ``months`` calendar months; a day the target month lacks is
    clamped to its last day (29 February 2028 minus 12 months is 28 February 2027)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fresh_from(today: dt.date, months: int = DEFAULT_MONTHS) -> dt.date:
    """The earliest last check that is not stale on ``today``."""
    return months_before(today, months)


def is_stale(measure: Measure, today: dt.date, months: int = DEFAULT_MONTHS) -> bool:
    """Last checked more than ``months`` months before ``today``."""
    return last_checked(measure) < fresh_from(today, months)


def stale_measures(
    catalogue: Catalogue, today: dt.date, months: int = DEFAULT_MONTHS
) -> list[Measure]:
    """The stale measures, the longest unchecked first (then by id)."""
    limit = fresh_from(today, months)
    found = [m for m in catalogue.measures.values() if last_checked(m) < limit]
    return sorted(found, key=lambda m: (last_checked(m), m.id))


def _span(months: int) -> str:
    """The period in the dative: 24 → „2 Jahren“, 18 → „18 Monaten“, 1 → „einem Monat“."""
    if months == 1:
        return "einem Monat"
    if months % 12 == 0 and months >= 24:
        return f"{months // 12} Jahren"
    return f"{months} Monaten"


def stale_label(months: int = DEFAULT_MONTHS) -> str:
    """The badge of a stale measure: „Seit über 2 Jahren nicht geprüft“."""
    return f"Seit über {_span(months)} nicht geprüft"


def fresh_label(months: int = DEFAULT_MONTHS) -> str:
    """The finder's filter: „Nur aktuelle (in den letzten 2 Jahren geprüft)“."""
    within = "im letzten Monat" if months == 1 else f"in den letzten {_span(months)}"
    return f"Nur aktuelle ({within} geprüft)"


class Freshness:
    """The freshness of measures on one build date, as pages and the finder ask for it."""

    def __init__(self, today: dt.date, months: int = DEFAULT_MONTHS) -> None:
        self.limit = fresh_from(today, months)
        self.label = stale_label(months)

    def checked(self, measure: Measure) -> dt.date:
        return last_checked(measure)

    def stale(self, measure: Measure) -> bool:
        """``is_stale`` with the limit computed once for the build."""
        return last_checked(measure) < self.limit
