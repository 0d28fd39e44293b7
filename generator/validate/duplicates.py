"""Near-duplicate titles: two measures that are probably the same one, entered twice.

A title becomes a set of words: case, umlauts, hyphens (``Facebook-Seite`` = ``Facebookseite``),
small words (der, mit, für …), numbers (years) and common German endings are folded away.
Two titles are near-duplicates when their word sets overlap by at least ``THRESHOLD``
(Jaccard similarity). A prefix filter, as in similarity joins, keeps the comparison far below
quadratic: two sets with Jaccard ≥ t share one of the ``|s| - ⌈t·|s|⌉ + 1`` rarest words of each.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ..core.model import Catalogue
from ..core.problems import Problems
from ..core.text import ascii_words
from .cache import ValidationCache

THRESHOLD = 0.8

_SMALL_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "einem",
        "einen",
        "eines",
        "und",
        "oder",
        "mit",
        "fuer",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "zum",
        "zur",
        "zu",
        "von",
        "vom",
        "nach",
        "ueber",
        "unter",
        "als",
    ]
)
_ENDINGS = ("en", "er", "es", "e", "n", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def title_words(title: str) -> frozenset[str]:
    """``Der Lesesommer mit Grundschulen`` → ``{lesesomm, grundschul}``.

    The words of the id variant of ``core.text`` (ä → ae, as the small words are written);
    hyphens are dropped first, so that a compound with and without one is the same word."""
    joined = title.replace("-", "").replace("\u2010", "")
    return frozenset(
        _stem(word)
        for word in ascii_words(joined)
        if word not in _SMALL_WORDS and not word.isdigit()
    )


def similarity(first: str, second: str) -> float:
    """The share of title words two titles have in common (Jaccard); 1.0 means the same words."""
    a, b = title_words(first), title_words(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def near_duplicates(titles: dict[str, str], threshold: float = THRESHOLD) -> list[tuple[str, str]]:
    """Pairs of ids (each pair and the list sorted) whose titles are near-duplicates."""
    words = {key: title_words(title) for key, title in titles.items()}
    frequency: Counter[str] = Counter(w for s in words.values() for w in s)
    index: dict[str, list[str]] = defaultdict(list)
    pairs = []
    for key in sorted(words):
        mine = words[key]
        if not mine:
            continue
        rarest = sorted(mine, key=lambda w: (frequency[w], w))
        candidates: set[str] = set()
        for word in rarest[: len(rarest) - math.ceil(threshold * len(rarest)) + 1]:
            candidates.update(index[word])
            index[word].append(key)
        size = len(mine)
        for other in candidates:
            theirs = words[other]
            if len(theirs) < threshold * size or size < threshold * len(theirs):
                continue
            common = len(mine & theirs)
            if common >= threshold * (size + len(theirs) - common):
                pairs.append((other, key))
    return sorted(pairs)


def check_near_duplicates(
    catalogue: Catalogue, problems: Problems, cache: ValidationCache | None = None
) -> None:
    """A warning on each of two measures with nearly the same title, naming the other one."""
    measures = catalogue.measures
    titles = {m.id: m.title for m in measures.values()}
    if cache is None:
        pairs = near_duplicates(titles)
    else:
        key = repr(sorted(titles.items())).encode()
        pairs = cache.remember("near-duplicates", key, lambda: near_duplicates(titles))
    for first, second in pairs:
        for this, other in (
            (measures[first], measures[second]),
            (measures[second], measures[first]),
        ):
            problems.warn(
                this.path,
                this.line("title"),
                f"Der Titel ähnelt sehr dem der Maßnahme „{other.id}“ ({other.path}: "
                f"„{other.title}“). Ist es dieselbe Maßnahme? Dann bitte diese ergänzen statt "
                "eine neue anzulegen; sonst den Titel deutlicher unterscheiden.",
            )
