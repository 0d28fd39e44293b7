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
NEAR = 15  # candidates read from each index on either side of a size
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


class Matching:
    """The matches of a catalogue on ``today`` (when ``until`` dates close collaborations)."""

    def __init__(self, catalogue: Catalogue, today: dt.date) -> None:
        self.catalogue = catalogue
        self.open = [
            m for m in catalogue.newest_first if m.collaboration and m.collaboration.is_open(today)
        ]
        self._open_ids = {m.id for m in self.open}
        self.libraries = sorted(
            (lib for lib in catalogue.libraries.values() if not lib.is_network), key=lambda lib: lib.id
        )
        self._log = {lib.id: log_figures(lib) for lib in self.libraries}
        self._topics_done = self._topics_of_measures()

    def _topics_of_measures(self) -> dict[str, set[str]]:
        """Library id → topics of the measures it carried out (itself or through a network)."""
        done: dict[str, set[str]] = defaultdict(set)
        for measure in self.catalogue.measures.values():
            for library in self._own(measure):
                done[library].update(measure.topics)
        return done

    def _own(self, measure: Measure) -> set[str]:
        """The measure's libraries, the members of its networks: never matched with it."""
        own = set(measure.libraries)
        own.update(lib.id for lib in self.catalogue.size_libraries(measure))
        return own

    def _size(self, library: Library) -> float:
        population = self._log[library.id][0]
        return population if population is not None else 0.0

    def _references(self, measure: Measure) -> list[Library]:
        return [lib for lib in self.catalogue.size_libraries(measure) if not lib.is_network][
            :_REFERENCES
        ]

    # --- indexes ------------------------------------------------------------------------

    @cached_property
    def _library_index(self) -> dict[tuple, _Near]:
        """("all",) / ("state", country, state) / ("toolkit", topic) / ("topic", topic) →
        libraries by size."""
        index: dict[tuple, _Near] = defaultdict(_Near)
        for lib in self.libraries:
            size = self._size(lib)
            keys = [("all",), ("state", lib.country, lib.state)]
            keys += [("toolkit", t) for t in (lib.toolkit.priorities if lib.toolkit else [])]
            keys += [("topic", t) for t in sorted(self._topics_done.get(lib.id, ()))]
            for key in keys:
                index[key].add(size, lib.id, lib)
        for near in index.values():
            near.freeze()
        return index

    @cached_property
    def _collaboration_index(self) -> dict[tuple, _Near]:
        """The same keys → open collaborations by the size of their libraries."""
        index: dict[tuple, _Near] = defaultdict(_Near)
        for measure in self.open:
            for ref in self._references(measure):
                size = self._size(ref)
                keys = [("all",), ("state", ref.country, ref.state)]
                keys += [("topic", t) for t in measure.topics]
                for key in keys:
                    index[key].add(size, measure.id, measure)
        for near in index.values():
            near.freeze()
        return index

    # --- matches ------------------------------------------------------------------------

    def for_measure(self, measure: Measure) -> list[Match]:
        """The libraries that fit the measure's collaboration, best first; none when closed."""
        if measure.id not in self._open_ids:
            return []
        index = self._library_index
        candidates: dict[str, Library] = {}
        for ref in self._references(measure):
            size = self._size(ref)
            keys = [("all",), ("state", ref.country, ref.state)]
            keys += [(kind, t) for t in measure.topics for kind in ("toolkit", "topic")]
            for key in keys:
                if key in index:
                    candidates.update((lib.id, lib) for lib in index[key].around(size))
        own = self._own(measure)
        found = [self._match(measure, lib) for lib_id, lib in candidates.items() if lib_id not in own]
        return _best(found)

    def for_library(self, library: Library) -> list[Match]:
        """The open collaborations that fit ``library``, best first (none for a network)."""
        if library.is_network:
            return []
        index = self._collaboration_index
        size = self._size(library)
        topics = set(library.toolkit.priorities if library.toolkit else [])
        topics |= self._topics_done.get(library.id, set())
        keys = [("all",), ("state", library.country, library.state)]
        keys += [("topic", t) for t in sorted(topics)]
        candidates: dict[str, Measure] = {}
        for key in keys:
            if key in index:
                candidates.update((m.id, m) for m in index[key].around(size))
        found = [
            self._match(measure, library)
            for measure in candidates.values()
            if library.id not in self._own(measure)
        ]
        return _best(found)

    def _match(self, measure: Measure, library: Library) -> Match | None:
        """The library's reasons to work on the measure's collaboration; None without one."""
        taxonomy = self.catalogue.taxonomy
        refs = self._references(measure)
        distance = min(
            (size_distance(self._log[library.id], self._log[ref.id]) for ref in refs),
            default=math.inf,
        )
        reasons: list[tuple[str, str]] = []
        if distance < SIMILAR:
            reasons.append(("size", "ähnliche Größe"))
        if any(ref.state == library.state and ref.country == library.country for ref in refs):
            reasons.append(
                ("state", "gleiches Bundesland" if library.country == "DE" else "gleiche Region")
            )
        elif library.country != "DE" and any(ref.country == library.country for ref in refs):
            reasons.append(("country", "gleiches Land"))  # in Germany too plain to mention
        priorities = library.toolkit.priorities if library.toolkit else []
        if shared := [t for t in priorities if t in measure.topics]:
            reasons.append(("toolkit", f"Toolkit-Priorität {taxonomy.topics[shared[0]].label}"))
        done = self._topics_done.get(library.id, set())
        if shared := [t for t in measure.topics if t in done]:
            reasons.append(("topic", f"eigene Maßnahme zum Thema {taxonomy.topics[shared[0]].label}"))
        score = sum(_WEIGHT[kind] for kind, _ in reasons)
        if score <= _WEIGHT["country"]:
            return None
        return Match(library, measure, tuple(text for _, text in reasons), score, distance)


def _best(found: list[Match | None]) -> list[Match]:
    matches = [m for m in found if m is not None]
    matches.sort(key=lambda m: (-m.score, m.distance, m.library.id, m.measure.id))
    return matches[:LIMIT]
