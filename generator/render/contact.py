"""„Kontakt aufnehmen“: whom a reader of a measure writes to, and the ``mailto:`` to do so.

The chain of the content model: the public role address of the collaboration's
``contact``, else of the first of the measure's libraries that published one, else of a
network one of them belongs to, else the editors' address from ``betreiber.yml``. Only
addresses given with ``public: true`` ever reach a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Catalogue, Library, Measure
from .contribution_links import mailto


@dataclass(frozen=True)
class Contact:
    """An address for a measure and whose it is."""

    address: str
    library: Library | None  # None: the editors' address
    via: Library | None = None  # the measure's library whose network answers

    def href(self, measure: Measure, page_url: str | None) -> str:
        """A ``mailto:`` whose subject names the measure."""
        body = f"Guten Tag,\n\nich habe Ihre Maßnahme „{measure.title}“ im Katalog gefunden"
        body += f" ({page_url})" if page_url else ""
        body += " und möchte Sie dazu etwas fragen:\n\n"
        return mailto(self.address, f"Anfrage zur Maßnahme „{measure.title}“", body)


def contact_for(catalogue: Catalogue, measure: Measure, editors: str | None) -> Contact | None:
    """The address a reader of ``measure`` writes to; None only while the editors' address
    is still a placeholder and no library published one."""
    library = catalogue.contact_library(measure)
    if library is None:
        return Contact(editors, None) if editors else None
    via = None
    if library.id not in measure.libraries:  # a network of one of them
        via = next(
            catalogue.libraries[lib_id]
            for lib_id in measure.libraries
            if any(network.id == library.id for network in catalogue.networks_of(lib_id))
        )
    assert library.email is not None
    return Contact(library.email, library, via)
