"""The collaborations board ``/kooperationen/``: every collaboration, open ones first.

Each entry carries what the board's script filters by as ``data-`` attributes (kind,
topics, states, the figures of its libraries); without JavaScript the page is the grouped
list itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from ..core.config import SizeClasses
from ..core.model import COLLABORATION_STATES, Catalogue, Collaboration, Library, Measure
from ..index import finder
from ..index.finder import SizeFilter
from ..index.matching import Match, Matching

GROUP_LABELS = {"open": "Offen", "matched": "Partner gefunden", "closed": "Beendet"}
KIND_LABELS = {"seeking": "Partner gesucht", "offering": "Angebot an andere"}


@dataclass(frozen=True)
class BoardEntry:
    """One collaboration as the board shows it."""

    measure: Measure
    state: str  # open | matched | closed on the build date
    libraries: list[Library]  # whose figures the size filters compare (networks: members)
    matches: list[Match]

    @property
    def collaboration(self) -> Collaboration:
        assert self.measure.collaboration is not None
        return self.measure.collaboration

    @property
    def kinds(self) -> list[str]:
        """``seeking`` and/or ``offering``."""
        return [kind for kind in KIND_LABELS if getattr(self.collaboration, kind)]

    @property
    def states(self) -> list[str]:
        """The states of its libraries as address values (``nordrhein-westfalen``)."""
        return sorted({finder.state_slug(lib.state) for lib in self.libraries if lib.state})

    def figures(self, attribute: str) -> str:
        """The libraries' values of one figure, space-separated, for ``data-`` attributes."""
        values = (getattr(lib, attribute) for lib in self.libraries)
        return " ".join(_plain(v) for v in values if v is not None)


@dataclass(frozen=True)
class BoardGroup:
    """The entries in one state, under their heading."""

    state: str
    label: str
    entries: list[BoardEntry]


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class Board:
    """The board's groups and the options of its filters (those that occur)."""

    groups: list[BoardGroup]
    topic_options: list[tuple[str, str]]  # (id, label)
    region_options: list[tuple[str, str]]  # (address value, state)
    size_filters: list[SizeFilter]  # the finder's classes
    kind_options: ClassVar = tuple(KIND_LABELS.items())
    state_options: ClassVar = tuple(GROUP_LABELS.items())

    def count(self, state: str) -> int:
        """How many collaborations are ``open``, ``matched`` or ``closed``."""
        return next(len(g.entries) for g in self.groups if g.state == state)


def build_board(
    catalogue: Catalogue, today: dt.date, matching: Matching, classes: SizeClasses
) -> Board:
    """The board of the catalogue on ``today``."""
    groups = board_groups(catalogue, today, matching)
    entries = [entry for group in groups for entry in group.entries]
    topics = {t for entry in entries for t in entry.measure.topics}
    regions = {lib.state for entry in entries for lib in entry.libraries if lib.state}
    return Board(
        groups,
        [(t.id, t.label) for t in catalogue.taxonomy.topics.values() if t.id in topics],
        finder.state_options(regions),
        finder.size_filters(classes),
    )


def board_groups(catalogue: Catalogue, today: dt.date, matching: Matching) -> list[BoardGroup]:
    """Every collaboration of the catalogue, grouped by state, newest first in each group."""
    entries: dict[str, list[BoardEntry]] = {state: [] for state in COLLABORATION_STATES}
    for measure in catalogue.newest_first:
        if measure.collaboration is None:
            continue
        state = measure.collaboration.state(today)
        entries[state].append(
            BoardEntry(
                measure,
                state,
                catalogue.size_libraries(measure),
                matching.for_measure(measure),
            )
        )
    return [BoardGroup(s, GROUP_LABELS[s], entries[s]) for s in COLLABORATION_STATES]
