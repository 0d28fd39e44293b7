"""Checks of ``aliases``, the earlier ids of measures and profiles: each becomes a redirect
page at the entry's old address, so it must not take an address that something else has."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.ids import RESERVED_IDS
from ..core.model import Catalogue, Library, Measure
from ..core.problems import Problems

# Names the site uses (or keeps free) inside /massnahmen/ and /bibliotheken/ beside the
# entries: the overview pages (``index``) and what belongs to an entry's folder (its embeddable
# list ``einbetten/`` and its feed ``feed.xml``), which an old address must never look like.
RESERVED_ALIASES = RESERVED_IDS | {"einbetten", "feed"}


def check_aliases(
    catalogue: Catalogue, problems: Problems, library_ids: set[str], measure_ids: set[str]
) -> None:
    """``library_ids`` and ``measure_ids`` name every entry file, valid or not: an alias
    may not hide any of them. Measures and libraries have separate addresses
    (/massnahmen/…, /bibliotheken/…), so each is checked within its own kind."""
    _check_space(catalogue.measures.values(), measure_ids, "measures", ".md", problems)
    _check_space(catalogue.libraries.values(), library_ids, "libraries", ".yml", problems)


def _check_space(
    entries: Iterable[Measure | Library],
    ids: set[str],
    folder: str,
    suffix: str,
    problems: Problems,
) -> None:
    first: dict[str, tuple[str, int]] = {}  # alias → (path, line) where it first stands
    for entry in sorted(entries, key=lambda e: e.path):
        for index, alias in enumerate(entry.aliases):
            line = entry.line("aliases", index)
            message = None
            if alias == entry.id:
                message = (
                    f"„{alias}“ ist die Kennung dieses Eintrags selbst; unter „aliases“ stehen "
                    "nur frühere Kennungen. Bitte entfernen."
                )
            elif alias in RESERVED_ALIASES:
                message = (
                    f"„{alias}“ ist für eine Seite der Website reserviert und kann keine frühere "
                    "Kennung sein. Bitte entfernen."
                )
            elif alias in ids:
                message = (
                    f"„{alias}“ ist die Kennung von „{folder}/{alias}{suffix}“: die Weiterleitung "
                    "würde dessen Seite verdecken. Bitte entfernen (oder den anderen Eintrag "
                    "umbenennen)."
                )
            elif alias in first:
                path, other_line = first[alias]  # another file: a list has no duplicates
                message = (
                    f"„{alias}“ steht schon in „{path}“ unter „aliases“ (Zeile {other_line}); "
                    "eine frühere Kennung kann nur auf einen Eintrag weiterleiten."
                )
            else:
                first[alias] = (entry.path, line)
            if message:
                problems.error(entry.path, line, message)
