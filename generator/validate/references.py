"""Checks between files: libraries, network members and ``based_on`` must exist."""

from __future__ import annotations

from ..core.model import Catalogue
from ..core.problems import Problems
from ..rules.german import unknown_id_message


def check_references(
    catalogue: Catalogue, problems: Problems, library_ids: set[str], measure_ids: set[str]
) -> None:
    """``library_ids`` and ``measure_ids`` name every entry file, valid or not."""
    libraries = catalogue.libraries
    networks = {lib.id for lib in libraries.values() if lib.is_network}
    for library in libraries.values():
        for index, member in enumerate(library.members):
            line = library.line("members", index)
            if member not in library_ids:
                candidates = sorted(library_ids - networks)  # never suggest a network
                problems.error(
                    library.path, line, unknown_id_message("Bibliothek", member, candidates)
                )
            elif member in libraries and libraries[member].is_network:
                problems.error(
                    library.path,
                    line,
                    f"„{member}“ ist selbst ein Verbund; Mitglieder eines Verbunds müssen "
                    "Bibliotheken sein.",
                )
    for measure in catalogue.measures.values():
        for index, library_id in enumerate(measure.libraries):
            if library_id not in library_ids:
                problems.error(
                    measure.path,
                    measure.line("libraries", index),
                    unknown_id_message("Bibliothek", library_id, sorted(library_ids))
                    + " (Profile liegen im Ordner libraries/)",
                )
        for index, original in enumerate(measure.based_on):
            line = measure.line("based_on", index)
            if original == measure.id:
                problems.error(
                    measure.path, line, "Eine Maßnahme kann nicht auf sich selbst aufbauen."
                )
            elif original not in measure_ids:
                others = sorted(measure_ids - {measure.id})  # never suggest itself
                problems.error(measure.path, line, unknown_id_message("Maßnahme", original, others))
