"""The finder on ``/massnahmen/``: size classes and the data its filters work on.

Plain Python over the catalogue; the site module puts the results into pages and files.

Size classes are given as ascending upper bounds per figure; class *i* holds the values
above bound *i−1* up to bound *i*, the last class everything above the last bound. In the
finder's address a class is the inclusive range ``MIN-MAX`` with MIN = previous bound plus
the figure's step (1 inhabitant, 1 m², 0.01 VZÄ): ``einwohner=5001-10000``, ``vzae=1.01-2``.
A first bound of 0 is the class „0 (ehrenamtlich)“, ``vzae=0-0``.

The facets „Bundesland“ and „Verbund“ need no column per measure: the browser derives them
from the libraries (``library_states``; a network's members in the library data), as
``Catalogue.size_libraries`` does for the sizes. In the address a state is the slug of its
name (``bundesland=nordrhein-westfalen``), a network its id (``verbund=…``).

The full-text index is built by ``search_index``.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..core.config import SizeClasses
from ..core.escape import script_json
from ..core.ids import propose_id
from ..core.model import EFFORT_LABELS, STATUS_LABELS, Catalogue, Library, Measure
from ..rules.german import german_number
from . import freshness


@dataclass(frozen=True)
class SizeFigure:
    """A figure the finder filters and compares by: address parameter, attribute, label."""

    param: str  # query-string name
    attribute: str  # Library attribute
    label: str
    unit: str
    step: float  # smallest difference between two values, for exclusive lower bounds


FIGURES = (
    SizeFigure("einwohner", "population", "Einwohner im Einzugsgebiet", "", 1),
    SizeFigure("flaeche", "area_m2", "Publikumsfläche", "m²", 1),
    SizeFigure("vzae", "staff_fte", "Personal", "VZÄ", 0.01),
)


@dataclass(frozen=True)
class SizeClass:
    """One quick size class of the finder: its label and the range it puts into the address."""

    label: str
    value: str  # the range as written in the address, e.g. "5001-10000"

    @cached_property
    def bounds(self) -> tuple[float, float]:
        """The inclusive range of ``value`` as numbers, an open side infinite: what the
        finder's filter compares a library's figure with (``parseRange`` in url_state.js)."""
        low, _, high = self.value.partition("-")
        return (float(low) if low else -math.inf, float(high) if high else math.inf)

    def contains(self, figure: float) -> bool:
        """Whether a library with this figure is in the class."""
        low, high = self.bounds
        return low <= figure <= high


@dataclass(frozen=True)
class SizeFilter:
    """The quick size classes of one figure, in the order the finder shows them."""

    figure: SizeFigure
    classes: list[SizeClass] = field(default_factory=list)


def _url_number(value: float) -> str:
    value = round(value, 4)
    return str(int(value)) if float(value).is_integer() else repr(value)


def _label_number(value: float, unit: str) -> str:
    text = german_number(value if not float(value).is_integer() else int(value))
    return f"{text} {unit}" if unit else text


def size_filters(classes: SizeClasses) -> list[SizeFilter]:
    """The size classes of ``mkdocs.yml`` as labels and address ranges for the finder's buttons."""
    result = []
    for figure in FIGURES:
        bounds = classes.of(figure.attribute)
        items: list[SizeClass] = []
        unit = figure.unit if figure.unit != "VZÄ" else ""  # "bis 1" reads better than "bis 1 VZÄ"
        for i, upper in enumerate(bounds):
            if i == 0:
                if upper == 0:
                    label = "0 (ehrenamtlich)" if figure.param == "vzae" else "0"
                    items.append(SizeClass(label, "0-0"))
                else:
                    items.append(
                        SizeClass(f"bis {_label_number(upper, unit)}", f"-{_url_number(upper)}")
                    )
                continue
            lower = bounds[i - 1] + figure.step
            if figure.step >= 1:
                label = f"{_label_number(lower, '')}–{_label_number(upper, unit)}"
            elif bounds[i - 1] == 0:
                label = f"bis {_label_number(upper, unit)}"
            else:
                label = f"über {_label_number(bounds[i - 1], '')} bis {_label_number(upper, unit)}"
            items.append(SizeClass(label, f"{_url_number(lower)}-{_url_number(upper)}"))
        last = bounds[-1]
        items.append(
            SizeClass(f"über {_label_number(last, unit)}", f"{_url_number(last + figure.step)}-")
        )
        result.append(SizeFilter(figure, items))
    return result


def library_data(catalogue: Catalogue) -> list[dict]:
    """Per library, sorted by id: id, name (n), figures (p, a, s; absent when unknown),
    network members (m, as positions in this list), toolkit priorities (t)."""
    libraries = sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    position = {library.id: n for n, library in enumerate(libraries)}
    result = []
    for library in libraries:
        entry: dict = {"id": library.id, "n": library.name}
        figures = (("p", library.population), ("a", library.area_m2), ("s", library.staff_fte))
        entry.update({key: value for key, value in figures if value is not None})
        if library.is_network:
            entry["m"] = [position[member] for member in library.members]
        if library.toolkit and library.toolkit.priorities:
            entry["t"] = list(library.toolkit.priorities)
        result.append(entry)
    return result


def _german_order(name: str) -> tuple[str, str]:
    """Dictionary order (DIN 5007-1): umlauts and accents as their plain letters, ß as ss."""
    letters = unicodedata.normalize("NFD", name)
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return plain.casefold(), name


def state_slug(name: str) -> str:
    """A state as addresses write it: ``Baden-Württemberg`` → ``baden-wuerttemberg``."""
    return propose_id(name)


def state_options(names: Iterable[str]) -> list[tuple[str, str]]:
    """States as (address slug, name) in German order of the names, each once: the options
    of a facet „Bundesland“ (the finder's, the board's)."""
    return [(state_slug(name), name) for name in sorted(set(names), key=_german_order)]


def states(catalogue: Catalogue) -> list[tuple[str, str]]:
    """The states (or regions) of the catalogue's libraries: the finder's facet."""
    return state_options(lib.state for lib in catalogue.libraries.values() if lib.state)


def measure_states(
    catalogue: Catalogue, measure: Measure, size_libraries: list[Library] | None = None
) -> set[str]:
    """The states a measure counts for in the facet „Bundesland“ (as filters.js derives them
    from the finder's data): those of its size libraries and of a network itself.
    ``size_libraries``: ``catalogue.size_libraries(measure)`` when the caller has them."""
    if size_libraries is None:
        size_libraries = catalogue.size_libraries(measure)
    own = (catalogue.libraries[library_id] for library_id in measure.libraries)
    return {library.state for library in (*size_libraries, *own) if library.state}


def measure_data(
    catalogue: Catalogue, today: dt.date, stale_after_months: int = freshness.DEFAULT_MONTHS
) -> dict:
    """What the filters need per measure, in the order of the finder's list (newest first),
    column by column (smaller than attributes on every card, see the module docstring).

    Vocabulary values are positions in ``vocabulary``, libraries positions in the library
    list; ``effort`` is -1 when not given. ``collab_open_at_build`` lists the measures whose
    collaboration search was open on the build date; ``collab_until`` gives their end date
    (or null) so that the browser can close them when that date has passed.

    ``vocabulary["states"]`` holds the slugs of ``states``, ``state_names`` their names;
    ``library_states`` gives per library (library list order) its state's position, -1 when
    it has none. ``adopted`` has one number per adoption (``Catalogue.adopters_of``): the
    measure's position, counted from the one before (from 0 for the first), so that
    ``[2, 0, 5]`` is measure 2 adopted twice and measure 7 once; most measures have none.

    ``checked`` gives each measure's last check (``freshness.last_checked``) as calendar
    months before the month of ``build_date`` (what its card shows: „zuletzt geprüft im
    März 2026“; days would cost the page's budget three times as much), each counted from
    the one before (the first from 0): newest first, most differences are 0. A measure is stale
    when that exceeds ``stale_months``, or equals it and the measure is in ``stale_edge``
    (positions, counted like ``adopted``: checked in that month, but before its day; the
    day arithmetic stays in Python); then its card shows ``stale_label``.
    """
    taxonomy = catalogue.taxonomy
    state_list = states(catalogue)
    vocabulary = {
        "topics": list(taxonomy.topics),
        "audiences": list(taxonomy.audiences),
        "status": list(STATUS_LABELS),
        "effort": list(EFFORT_LABELS),
        "states": [slug for slug, _ in state_list],
    }
    index = {
        key: {value: n for n, value in enumerate(values)} for key, values in vocabulary.items()
    }
    libraries = {lib_id: n for n, lib_id in enumerate(sorted(catalogue.libraries))}
    state_position = {name: n for n, (_, name) in enumerate(state_list)}
    columns: dict = {"topics": [], "audiences": [], "status": [], "effort": [], "libraries": []}
    open_at_build, until, adopted, checked, edge = [], [], [], [], []
    last_edge = 0
    build_month = today.year * 12 + today.month
    last_adopted = 0
    for number, measure in enumerate(catalogue.newest_first):
        columns["topics"].append([index["topics"][t] for t in measure.topics])
        columns["audiences"].append([index["audiences"][a] for a in measure.audiences])
        columns["status"].append(index["status"][measure.status])
        level = measure.effort.level if measure.effort else None
        columns["effort"].append(index["effort"][level] if level else -1)
        columns["libraries"].append([libraries[lib_id] for lib_id in measure.libraries])
        day = freshness.last_checked(measure)
        checked.append(build_month - (day.year * 12 + day.month))
        if checked[-1] == stale_after_months and freshness.is_stale(
            measure, today, stale_after_months
        ):
            edge.append(number - last_edge)
            last_edge = number
        if measure.collaboration and measure.collaboration.is_open(today):
            open_at_build.append(number)
            end = measure.collaboration.until
            until.append(end.isoformat() if end else None)
        for _ in catalogue.adopters_of(measure.id):
            adopted.append(number - last_adopted)
            last_adopted = number
    deltas = [b - a for a, b in zip([0, *checked], checked, strict=False)]
    return {
        "vocabulary": vocabulary,
        **columns,
        "collab_open_at_build": open_at_build,
        "collab_until": until,
        "build_date": today.isoformat(),
        "state_names": [name for _, name in state_list],
        "library_states": [
            state_position.get(catalogue.libraries[lib_id].state, -1) for lib_id in libraries
        ],
        "adopted": adopted,
        "checked": deltas,
        "stale_months": stale_after_months,
        "stale_edge": edge,
        "stale_label": freshness.stale_label(stale_after_months),
    }


def finder_data_json(
    catalogue: Catalogue,
    today: dt.date | None = None,
    stale_after_months: int = freshness.DEFAULT_MONTHS,
) -> str:
    """The finder's data as JSON that is safe inside an inline ``<script>`` element."""
    data = {
        "libraries": library_data(catalogue),
        "measures": measure_data(catalogue, today or dt.date.today(), stale_after_months),
    }
    return script_json(data)
