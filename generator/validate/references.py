"""Checks between files: libraries, network members, ``based_on``, ``adopted`` and the
collaboration's ``contact`` and ``result`` must exist and fit."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.model import Catalogue, Library, Measure
from ..core.problems import Problems
from ..rules.german import listing, unknown_id_message


def check_references(
    catalogue: Catalogue, problems: Problems, library_ids: set[str], measure_ids: set[str]
) -> None:
    """``library_ids`` and ``measure_ids`` name every entry file, valid or not."""
    renamed_libraries = _renamed(catalogue.libraries.values())
    renamed_measures = _renamed(catalogue.measures.values())
    _check_adopted(catalogue, problems, measure_ids, renamed_measures)
    _check_collaborations(catalogue, problems, measure_ids, renamed_measures)
    libraries = catalogue.libraries
    networks = {lib.id for lib in libraries.values() if lib.is_network}
    for library in libraries.values():
        for index, member in enumerate(library.members):
            line = library.line("members", index)
            if member not in library_ids:
                candidates = sorted(library_ids - networks)  # never suggest a network
                problems.error(
                    library.path,
                    line,
                    _unknown("Bibliothek", member, candidates, renamed_libraries),
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
                    _unknown("Bibliothek", library_id, sorted(library_ids), renamed_libraries)
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
                problems.error(
                    measure.path, line, _unknown("Maßnahme", original, others, renamed_measures)
                )


def _renamed(entries: Iterable[Library | Measure]) -> dict[str, str]:
    """Earlier id → the entry's id now: a reference to an old id says what it is called now."""
    return {alias: entry.id for entry in entries for alias in entry.aliases}


def _unknown(noun: str, item: str, candidates: list[str], renamed: dict[str, str]) -> str:
    if item in renamed:
        return (
            f"{noun} „{item}“ heißt jetzt „{renamed[item]}“ („{item}“ ist eine frühere "
            "Kennung); bitte die jetzige Kennung eintragen."
        )
    return unknown_id_message(noun, item, candidates)


def _check_adopted(
    catalogue: Catalogue, problems: Problems, measure_ids: set[str], renamed: dict[str, str]
) -> None:
    for library in catalogue.libraries.values():
        own = {m.id for m in catalogue.measures_of(library.id)}
        for index, measure_id in enumerate(library.adopted):
            line = library.line("adopted", index)
            if measure_id in own:
                problems.error(
                    library.path,
                    line,
                    f"„{measure_id}“ ist eine Maßnahme dieser Bibliothek selbst; unter "
                    "„adopted“ stehen Maßnahmen anderer, die Sie nachgemacht haben.",
                )
            elif measure_id not in measure_ids:
                problems.error(
                    library.path,
                    line,
                    _unknown("Maßnahme", measure_id, sorted(measure_ids), renamed),
                )


def _check_collaborations(
    catalogue: Catalogue, problems: Problems, measure_ids: set[str], renamed: dict[str, str]
) -> None:
    for measure in catalogue.measures.values():
        collaboration = measure.collaboration
        if collaboration is None:
            continue
        if collaboration.contact and collaboration.contact not in measure.libraries:
            problems.error(
                measure.path,
                measure.line("collaboration", "contact"),
                f"„contact“: „{collaboration.contact}“ steht nicht unter „libraries“ dieser "
                f"Maßnahme; „contact“ nennt, welche ihrer Bibliotheken antwortet. Erlaubt: "
                f"{listing(measure.libraries)}",
            )
        result = collaboration.result
        if result == measure.id:
            problems.error(
                measure.path,
                measure.line("collaboration", "result"),
                "„result“ nennt die gemeinsame Maßnahme, die aus der Kooperation entstanden "
                "ist – nicht diese Maßnahme selbst.",
            )
        elif result and result not in measure_ids:
            others = sorted(measure_ids - {measure.id})
            problems.error(
                measure.path,
                measure.line("collaboration", "result"),
                _unknown("Maßnahme", result, others, renamed),
            )
