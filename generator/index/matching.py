"""„Passende Bibliotheken“: which libraries fit an open collaboration, and the reverse.

A library fits a collaboration for reasons a librarian can check: a similar size (the
finder's similarity), the same state (abroad: the same country), a toolkit priority on one of
the measure's topics, or a measure of its own on one of them. Each reason has a weight;
the five best are shown with their reasons in words („ähnliche Größe · gleiches Bundesland
· Toolkit-Priorität Leseförderung“). The same country alone is no reason.

Work stays linear in the catalogue: candidates come from indexes (by state, by topic, by
size), each read only around the size of the library in question (``NEAR`` entries either
side), never by comparing every collaboration with every library.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..core.model import Catalogue, Library, Measure
from .similarity import SIMILAR, log_figures, size_distance

LIMIT = 5  # matches shown per collaboration and per library
NEAR = 6  # candidates read from each index on either side of a size
_REFERENCES = 3  # a measure's libraries whose size the candidates are read around
_WEIGHT = {"size": 3, "toolkit": 3, "state": 2, "topic": 2, "country": 1}


@dataclass(frozen=True)
class Match:
    """A library that fits an open collaboration of ``measure``, and why."""

    library: Library
    measure: Measure
    reasons: tuple[str, ...]
    score: int = field(compare=False)
    distance: float = field(compare=False)

    @property
    def why(self) -> str:
        """The reasons as one line: „ähnliche Größe · gleiches Bundesland“."""
        return " · ".join(self.reasons)


class _Near:
    """Entries kept in the order of a size, to read the few around a given size."""

    def __init__(self) -> None:
        self._pairs: list[tuple[float, str, object]] = []
        self._keys: list[float] = []

    def add(self, size: float, key: str, item: object) -> None:
        self._pairs.append((size, key, item))

    def freeze(self) -> None:
        self._pairs.sort(key=lambda pair: (pair[0], pair[1]))
        self._keys = [pair[0] for pair in self._pairs]

    def around(self, size: float) -> list[object]:
        at = bisect.bisect_left(self._keys, size)
        return [pair[2] for pair in self._pairs[max(0, at - NEAR) : at + NEAR]]


@dataclass(frozen=True)
class _Side:
    """What matching compares of a library, or of a collaboration's libraries."""

    logs: tuple[tuple[float | None, ...], ...]  # log figures (one per reference library)
    places: frozenset[tuple[str, str | None]]  # (country, state)
    topics: tuple[str, ...]  # a measure's topics; a library's toolkit priorities


class Matching:
    """The matches of a catalogue on ``today`` (when ``until`` dates close collaborations)."""

    def __init__(self, catalogue: Catalogue, today: dt.date) -> None:
        self.catalogue = catalogue
        self.open = [
            m for m in catalogue.newest_first if m.collaboration and m.collaboration.is_open(today)
        ]
        self.libraries = sorted(
            (lib for lib in catalogue.libraries.values() if not lib.is_network),
            key=lambda lib: lib.id,
        )
        self._own = {m.id: self._own_libraries(m) for m in self.open}
        self._done = self._topics_of_measures()
        self._measure_side = {m.id: self._side_of_measure(m) for m in self.open}
        self._library_side = {lib.id: self._side_of_library(lib) for lib in self.libraries}
        self._for_measure: dict[str, list[Match]] = {}

    def _own_libraries(self, measure: Measure) -> set[str]:
        """The measure's libraries, the members of its networks: never matched with it."""
        return set(measure.libraries) | {lib.id for lib in self.catalogue.size_libraries(measure)}

    def _topics_of_measures(self) -> dict[str, set[str]]:
        """Library id → topics of the measures it carried out (itself or through a network)."""
        done: dict[str, set[str]] = defaultdict(set)
        for measure in self.catalogue.measures.values():
            for library in self.catalogue.size_libraries(measure):
                done[library.id].update(measure.topics)
        return done

    def _side_of_measure(self, measure: Measure) -> _Side:
        refs = [lib for lib in self.catalogue.size_libraries(measure) if not lib.is_network]
        refs = refs[:_REFERENCES]
        return _Side(
            tuple(log_figures(lib) for lib in refs),
            frozenset((lib.country, lib.state) for lib in refs),
            tuple(measure.topics),
        )

    def _side_of_library(self, library: Library) -> _Side:
        priorities = library.toolkit.priorities if library.toolkit else []
        return _Side(
            (log_figures(library),),
            frozenset({(library.country, library.state)}),
            tuple(priorities),
        )

    # --- indexes: (kind, …) → entries by size -------------------------------------------

    @cached_property
    def _library_index(self) -> dict[tuple, _Near]:
        """("all",), ("place", country, state), ("topic", t) → libraries by size; a library is
        under a topic when it is one of its toolkit priorities or it has a measure on it."""
        index: dict[tuple, _Near] = defaultdict(_Near)
        for lib in self.libraries:
            side = self._library_side[lib.id]
            keys = [("all",), ("place", lib.country, lib.state)]
            keys += [("topic", t) for t in sorted(set(side.topics) | self._done.get(lib.id, set()))]
            for key in keys:
                index[key].add(_size(side.logs[0]), lib.id, lib)
        for near in index.values():
            near.freeze()
        return index

    @cached_property
    def _collaboration_index(self) -> dict[tuple, _Near]:
        """The same keys → open collaborations by the size of their libraries."""
        index: dict[tuple, _Near] = defaultdict(_Near)
        for measure in self.open:
            side = self._measure_side[measure.id]
            for logs in side.logs:
                size = _size(logs)
                keys = [("all",), *(("place", *place) for place in side.places)]
                keys += [("topic", t) for t in side.topics]
                for key in keys:
                    index[key].add(size, measure.id, measure)
        for near in index.values():
            near.freeze()
        return index

    # --- matches ------------------------------------------------------------------------

    def for_measure(self, measure: Measure) -> list[Match]:
        """The libraries that fit the measure's collaboration, best first; none when closed."""
        side = self._measure_side.get(measure.id)
        if side is None:
            return []
        if measure.id not in self._for_measure:  # the board and the measure's page ask
            self._for_measure[measure.id] = self._libraries_for(measure, side)
        return self._for_measure[measure.id]

    def _libraries_for(self, measure: Measure, side: _Side) -> list[Match]:
        keys = [("all",), *(("place", *place) for place in side.places)]
        keys += [("topic", t) for t in side.topics]
        own = self._own[measure.id]
        found = [
            self._match(measure, lib)
            for lib in _candidates(self._library_index, keys, side)
            if lib.id not in own
        ]
        return _best(found)

    def for_library(self, library: Library) -> list[Match]:
        """The open collaborations that fit ``library``, best first (none for a network)."""
        side = self._library_side.get(library.id)
        if side is None:
            return []
        keys = [("all",), *(("place", *place) for place in side.places)]
        keys += [("topic", t) for t in side.topics]  # toolkit priorities: the strongest reason
        found = [
            self._match(measure, library)
            for measure in _candidates(self._collaboration_index, keys, side)
            if library.id not in self._own[measure.id]
        ]
        return _best(found)

    def _match(self, measure: Measure, library: Library) -> Match | None:
        """The library's reasons to work on the measure's collaboration; None without one."""
        theirs, mine = self._measure_side[measure.id], self._library_side[library.id]
        labels = self.catalogue.taxonomy.topics
        distance = min(
            (size_distance(mine.logs[0], logs) for logs in theirs.logs), default=math.inf
        )
        reasons: list[tuple[str, str]] = []
        if distance < SIMILAR:
            reasons.append(("size", "ähnliche Größe"))
        if mine.places & theirs.places:
            same = "gleiches Bundesland" if library.country == "DE" else "gleiche Region"
            reasons.append(("state", same))
        elif library.country != "DE" and library.country in {c for c, _ in theirs.places}:
            reasons.append(("country", "gleiches Land"))  # in Germany too plain to mention
        if shared := [t for t in mine.topics if t in theirs.topics]:
            reasons.append(("toolkit", f"Toolkit-Priorität {labels[shared[0]].label}"))
        done = self._done.get(library.id, set())
        if shared := [t for t in theirs.topics if t in done]:
            reasons.append(("topic", f"eigene Maßnahme zum Thema {labels[shared[0]].label}"))
        score = sum(_WEIGHT[kind] for kind, _ in reasons)
        if score <= _WEIGHT["country"]:
            return None
        return Match(library, measure, tuple(text for _, text in reasons), score, distance)


def _size(logs: tuple[float | None, ...]) -> float:
    """Where a library stands in the indexes: its log population (0 when unknown)."""
    return logs[0] if logs[0] is not None else 0.0


def _candidates(index: dict[tuple, _Near], keys: list[tuple], side: _Side) -> list:
    """The entries of ``keys`` around each of the side's sizes, each once."""
    found: dict[int, object] = {}
    for logs in side.logs:
        size = _size(logs)
        for key in keys:
            if key in index:
                found.update((id(item), item) for item in index[key].around(size))
    return list(found.values())


def _best(found: list[Match | None]) -> list[Match]:
    matches = [m for m in found if m is not None]
    matches.sort(key=lambda m: (-m.score, m.distance, m.library.id, m.measure.id))
    return matches[:LIMIT]
