"""The typed catalogue: what the rest of the generator works with once the files are valid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

STATUS_LABELS = {
    "planned": "geplant",
    "running": "laufend",
    "completed": "abgeschlossen",
    "discontinued": "eingestellt",
}
EFFORT_LABELS = {"low": "gering", "medium": "mittel", "high": "hoch"}
KIND_LABELS = {"library": "Bibliothek", "network": "Verbund"}


def _line(lines: dict, keys: tuple) -> int:
    """Source line of ``keys`` or of its nearest ancestor (see ``yamldoc.Document.line``)."""
    while keys:
        if keys in lines:
            return lines[keys]
        keys = keys[:-1]
    return 1


@dataclass(frozen=True)
class Term:
    """A vocabulary entry (topic or audience): the id files use and the label readers see."""

    id: str
    label: str
    description: str = ""


@dataclass
class Taxonomy:
    """The vocabularies of ``measures/_taxonomy.yml`` that measures and profiles must use."""

    topics: dict[str, Term] = field(default_factory=dict)
    audiences: dict[str, Term] = field(default_factory=dict)
    states: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Toolkit:
    """A library's toolkit result; the finder takes its priority topics over with the library."""

    date: dt.date | None
    priorities: list[str]
    notes: str | None


@dataclass
class Library:
    """A profile (``libraries/<id>.yml``): who carried out measures, and how large it is."""

    id: str
    path: str
    name: str
    kind: str = "library"
    municipality: str | None = None
    state: str | None = None
    country: str = "DE"
    population: int | None = None
    area_m2: float | None = None
    staff_fte: float | None = None
    volunteers: int | None = None
    website: str | None = None
    email: str | None = None  # only set when the library consented to publishing it
    members: list[str] = field(default_factory=list)
    toolkit: Toolkit | None = None
    adopted: list[str] = field(default_factory=list)  # measures of others it has adopted
    about: str | None = None
    aliases: list[str] = field(default_factory=list)  # earlier ids; their addresses redirect
    lines: dict = field(default_factory=dict, repr=False, compare=False)

    def line(self, *keys: str | int) -> int:
        return _line(self.lines, keys)

    @property
    def is_network(self) -> bool:
        return self.kind == "network"


@dataclass(frozen=True)
class Outcome:
    """A measured result of a measure, shown as label and value."""

    label: str
    value: float | str


@dataclass(frozen=True)
class Material:
    """A file in the measure's folder or a link that others can reuse."""

    title: str
    file: str | None = None
    url: str | None = None
    size: int | None = None  # bytes, for files


@dataclass(frozen=True)
class Effort:
    """What a measure cost, so that a small library can judge whether it can afford it."""

    level: str | None = None
    staff_hours: float | None = None
    budget_eur: float | None = None


COLLABORATION_STATES = ("open", "matched", "closed")  # the board's order: open ones first


@dataclass(frozen=True)
class Collaboration:
    """What a measure's libraries seek partners for and what they offer others."""

    seeking: str | None = None
    offering: str | None = None
    until: dt.date | None = None
    status: str = "open"  # open | matched | closed, as the contributors set it
    contact: str | None = None  # which of the measure's libraries answers
    result: str | None = None  # the joint measure that came of it

    def state(self, today: dt.date) -> str:
        """``open``, ``matched`` or ``closed`` on ``today``: an ``until`` in the past closes an
        open search (a partner found stays found)."""
        if self.status == "open" and self.until is not None and self.until < today:
            return "closed"
        return self.status

    def is_open(self, today: dt.date) -> bool:
        return self.state(today) == "open"


@dataclass
class Measure:
    """A measure (``measures/<id>.md``): its fields, Markdown body and the line of each."""

    id: str
    path: str
    title: str
    summary: str
    libraries: list[str]
    topics: list[str]
    status: str
    published: dt.date
    body: str
    audiences: list[str] = field(default_factory=list)
    period_start: str | None = None
    period_end: str | None = None
    effort: Effort | None = None
    partners: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    collaboration: Collaboration | None = None
    based_on: list[str] = field(default_factory=list)
    reviewed: dt.date | None = None
    aliases: list[str] = field(default_factory=list)  # earlier ids; their addresses redirect
    body_line: int = 1
    lines: dict = field(default_factory=dict, repr=False, compare=False)

    def line(self, *keys: str | int) -> int:
        return _line(self.lines, keys)


@dataclass
class Catalogue:
    """Every checked profile and measure with the taxonomy: what indexing and rendering take."""

    taxonomy: Taxonomy
    libraries: dict[str, Library]
    measures: dict[str, Measure]

    @cached_property
    def newest_first(self) -> list[Measure]:
        return sorted(self.measures.values(), key=lambda m: (m.published, m.id), reverse=True)

    @cached_property
    def _networks_by_member(self) -> dict[str, list[Library]]:
        index: dict[str, list[Library]] = defaultdict(list)
        for library in self.libraries.values():
            for member in library.members:
                index[member].append(library)
        return index

    @cached_property
    def _measures_by_library(self) -> dict[str, list[Measure]]:
        index: dict[str, list[Measure]] = defaultdict(list)
        for measure in self.newest_first:
            for library_id in measure.libraries:
                index[library_id].append(measure)
        return index

    @cached_property
    def _adapted_by(self) -> dict[str, list[Measure]]:
        index: dict[str, list[Measure]] = defaultdict(list)
        for measure in self.newest_first:
            for original in measure.based_on:
                index[original].append(measure)
        return index

    def networks_of(self, library_id: str) -> list[Library]:
        return self._networks_by_member.get(library_id, [])

    def own_measures(self, library_id: str) -> list[Measure]:
        """Measures that name the library itself in ``libraries``, newest first."""
        return self._measures_by_library.get(library_id, [])

    def measures_of(self, library_id: str) -> list[Measure]:
        """Measures a library carried out, directly or through one of its networks."""
        own = self.own_measures(library_id)
        via = [
            m for n in self.networks_of(library_id) for m in self._measures_by_library.get(n.id, [])
        ]
        if not via:
            return own
        unique = {m.id: m for m in own + via}
        return sorted(unique.values(), key=lambda m: (m.published, m.id), reverse=True)

    def size_libraries(self, measure: Measure) -> list[Library]:
        """The libraries whose size figures a measure carries: a network stands for its members."""
        result: dict[str, Library] = {}  # by id: comparing whole records costs far more
        for library_id in measure.libraries:
            library = self.libraries[library_id]
            members = [self.libraries[m] for m in library.members] if library.is_network else []
            for lib in members or [library]:
                result.setdefault(lib.id, lib)
        return list(result.values())

    @cached_property
    def _adopters(self) -> dict[str, list[Library]]:
        index: dict[str, list[Library]] = defaultdict(list)
        for library in sorted(self.libraries.values(), key=lambda lib: lib.id):
            for measure_id in library.adopted:
                index[measure_id].append(library)
        return index

    def adopters_of(self, measure_id: str) -> list[Library]:
        """Libraries whose ``adopted`` names this measure („Nachgemacht von …“), by id."""
        return self._adopters.get(measure_id, [])

    def contact_library(self, measure: Measure) -> Library | None:
        """Whose public address a reader of ``measure`` writes to: the collaboration's
        ``contact``, else the first of its libraries that has one, else the first network one
        of them belongs to that has one (the content model's chain; the editors come last)."""
        chosen = measure.collaboration.contact if measure.collaboration else None
        own = [self.libraries[i] for i in ([chosen] if chosen else []) + measure.libraries]
        for library in own:
            if library.email:
                return library
        networks = (network for lib in own for network in self.networks_of(lib.id))
        return next((network for network in networks if network.email), None)

    def adapted_by(self, measure_id: str) -> list[Measure]:
        """Measures whose ``based_on`` names this one („weiterentwickelt von“)."""
        return self._adapted_by.get(measure_id, [])

    def measures_on(self, topic_id: str) -> list[Measure]:
        return [m for m in self.newest_first if topic_id in m.topics]
