"""The numbers of ``/statistik/``: measures by topic, by size class of their libraries, by
state, status and year of ``published``, and the gaps (topics × population classes).

Everything is counted in one pass over the measures (and one over the libraries), with the
finder's rules: a measure is in a size class when one of its size libraries is
(``Catalogue.size_libraries``, ``SizeClass.contains``), in a state when one of its
libraries is (``finder.measure_states``). A measure has several topics, libraries and
states, so the rows of one chart may add up to more than the catalogue's measures. Each
row knows the finder's address of its measures, where the finder has a filter for it.
``charts`` draws them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

from ..core.config import SizeClasses
from ..core.model import STATUS_LABELS, Catalogue, Term
from ..index import finder
from ..index.finder import SizeFilter
from . import charts

GAP_TEXT = "Hier fehlt noch ein Beispiel – teilen Sie Ihres"
UNKNOWN_SIZE = "ohne Angabe"


@dataclass(frozen=True)
class Bar:
    """One row of a chart: what is counted, how many measures, and the finder's query
    (``thema=lesefoerderung``) that lists them, empty when the finder has no such filter."""

    label: str
    count: int
    query: str = ""


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart with its table: ``key`` names its ids on the page."""

    key: str
    title: str  # what is counted by what, the chart's and the table's caption
    label_header: str  # the table's first column
    bars: list[Bar]

    @property
    def svg(self) -> Markup:
        return charts.bar_chart(self.key, self.title, [(b.label, b.count) for b in self.bars])


@dataclass(frozen=True)
class GapRow:
    """A topic's measures per population class, as cells with their finder query."""

    topic: Term
    cells: list[Bar]


@dataclass(frozen=True)
class Statistics:
    """What ``/statistik/`` shows, counted once per build."""

    measures: int
    libraries: int  # libraries and networks with at least one measure
    topics: Chart
    sizes: list[Chart]  # population, area, staff: the finder's size filters
    states: Chart
    status: Chart
    years: Chart
    gap_classes: list[str]  # the population classes, the gap table's columns
    gaps: list[GapRow] = field(default_factory=list)
    state_counts: dict[str, int] = field(default_factory=dict)  # every state that occurs
    gap_text: ClassVar[str] = GAP_TEXT

    @property
    def map(self) -> charts.StateMap | None:
        """The map of the German states, or None when the catalogue names none of them."""
        return charts.state_map(self.state_counts)


def _class_positions(size_filter: SizeFilter, catalogue: Catalogue) -> dict[str, int]:
    """Per library id, the position of the class its figure is in (absent: no figure, or
    a figure between the classes)."""
    attribute = size_filter.figure.attribute
    positions = {}
    for library in catalogue.libraries.values():
        value = getattr(library, attribute)
        if value is None:
            continue
        for n, size_class in enumerate(size_filter.classes):
            if size_class.contains(value):
                positions[library.id] = n
                break
    return positions


def _size_chart(size_filter: SizeFilter, counts: Counter, unknown: int) -> Chart:
    figure = size_filter.figure
    bars = [
        Bar(c.label, counts[n], f"{figure.param}={c.value}")
        for n, c in enumerate(size_filter.classes)
    ]
    if unknown:
        bars.append(Bar(UNKNOWN_SIZE, unknown))
    label = f"{figure.label} in {figure.unit}" if figure.unit else figure.label
    return Chart(f"groesse-{figure.param}", f"Maßnahmen nach {label}", label, bars)


def compute(catalogue: Catalogue, classes: SizeClasses) -> Statistics:
    """The catalogue's statistics with the finder's size classes."""
    taxonomy = catalogue.taxonomy
    filters = finder.size_filters(classes)
    positions = [_class_positions(f, catalogue) for f in filters]
    topic_counts: Counter = Counter()
    state_counts: Counter = Counter()
    status_counts: Counter = Counter()
    year_counts: Counter = Counter()
    size_counts: list[Counter] = [Counter() for _ in filters]
    unknown = [0] * len(filters)
    gaps: Counter = Counter()  # (topic id, population class)
    libraries: set[str] = set()
    for measure in catalogue.measures.values():
        size_libraries = catalogue.size_libraries(measure)
        topic_counts.update(measure.topics)
        state_counts.update(finder.measure_states(catalogue, measure, size_libraries))
        status_counts[measure.status] += 1
        year_counts[measure.published.year] += 1
        libraries.update(measure.libraries)
        size_ids = [lib.id for lib in size_libraries]
        for n, position in enumerate(positions):
            found = {position[i] for i in size_ids if i in position}
            size_counts[n].update(found)
            unknown[n] += not found
            if n == 0:  # population: the gap table
                gaps.update((topic, c) for topic in measure.topics for c in found)
    # most measures first; alike counts in the taxonomy's order, states in German order
    topics = sorted(taxonomy.topics.values(), key=lambda t: -topic_counts[t.id])
    states = sorted(finder.state_options(state_counts), key=lambda s: -state_counts[s[1]])
    years = range(min(year_counts), max(year_counts) + 1) if year_counts else range(0)
    population = filters[0]
    return Statistics(
        measures=len(catalogue.measures),
        libraries=len(libraries),
        topics=Chart(
            "thema",
            "Maßnahmen nach Thema",
            "Thema",
            [Bar(t.label, topic_counts[t.id], f"thema={t.id}") for t in topics],
        ),
        sizes=[_size_chart(f, size_counts[n], unknown[n]) for n, f in enumerate(filters)],
        states=Chart(
            "bundesland",
            "Maßnahmen nach Bundesland",
            "Bundesland",
            [Bar(name, state_counts[name], f"bundesland={slug}") for slug, name in states],
        ),
        status=Chart(
            "stand",
            "Maßnahmen nach Stand",
            "Stand",
            [Bar(label, status_counts[s], f"status={s}") for s, label in STATUS_LABELS.items()],
        ),
        years=Chart(
            "jahr",
            "Maßnahmen nach Jahr der Aufnahme in den Katalog",
            "Jahr",
            [Bar(str(year), year_counts[year]) for year in years],
        ),
        gap_classes=[c.label for c in population.classes],
        gaps=[
            GapRow(
                topic,
                [
                    Bar(
                        c.label,
                        gaps[topic.id, n],
                        f"thema={topic.id}&{population.figure.param}={c.value}",
                    )
                    for n, c in enumerate(population.classes)
                ],
            )
            for topic in taxonomy.topics.values()
        ],
        state_counts=dict(state_counts),
    )
