"""File names are ids: lowercase ASCII kebab-case."""

from __future__ import annotations

import re

from .text import ascii_words

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
# What an entry is called when its name has no letter or digit that survives the folding.
FALLBACK_ID = "eintrag"


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
    """Whether ``value`` may name a file and a page: lower-case words and hyphens, not too long."""
    # fullmatch: the pattern's "$" would also match before a final line break
    return len(value) <= MAX_ID_LENGTH and bool(ID_PATTERN.fullmatch(value))


def propose_id(name: str) -> str:
    """``Meine Maßnahme`` → ``meine-massnahme``: what a file with this name should be called.

    The words of the id variant of ``core.text`` joined by hyphens, cut after the last whole
    word that fits ``MAX_ID_LENGTH``. ``render/assets/einreichen.js`` (``proposeId``) does the
    same; ``tests/browser/test_parity.py`` holds both to it."""
    text = "-".join(ascii_words(name))
    if len(text) > MAX_ID_LENGTH:
        text = text[:MAX_ID_LENGTH].rsplit("-", 1)[0] or text[:MAX_ID_LENGTH]
    return text or FALLBACK_ID
