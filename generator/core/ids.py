"""File names are ids: lowercase ASCII kebab-case."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)


# Names of pages the site generates beside the entries of a folder (massnahmen/index.md is
# the finder, bibliotheken/index.md the directory, themen/index.md the topic list): an entry
# with such an id would take that page's place.
RESERVED_IDS = frozenset({"index"})


def reserved_id_message(value: str) -> str | None:
    """The German message for an id that names a generated page, else ``None``."""
    if value not in RESERVED_IDS:
        return None
    return (
        f"Die Kennung „{value}“ ist für eine Seite der Website reserviert. Bitte einen "
        f"anderen Namen wählen, z. B. „{value}-1“ oder einen sprechenden Namen."
    )


def is_valid_id(value: str) -> bool:
    return len(value) <= MAX_ID_LENGTH and bool(ID_PATTERN.match(value))


def propose_id(name: str) -> str:
    """``Meine Maßnahme`` → ``meine-massnahme``: what a file with this name should be called."""
    text = name.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > MAX_ID_LENGTH:
        text = text[:MAX_ID_LENGTH].rsplit("-", 1)[0] or text[:MAX_ID_LENGTH]
    return text or "eintrag"
