"""Near-duplicate titles: two measures that are probably the same one, entered twice.

Titles are compared as sets of character trigrams (Jaccard similarity) after folding case,
umlauts and punctuation. A prefix filter (as in similarity joins) keeps this far below
quadratic: two sets with Jaccard ≥ t must share one of the rarest ``|s| - ⌈t·|s|⌉ + 1``
trigrams of each, so only such pairs are compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .ids import propose_id
from .model import Catalogue
from .problems import Problems

THRESHOLD = 0.75


def normalise_title(title: str) -> str:
    return propose_id(title).replace("-", " ")


def trigrams(title: str) -> frozenset[str]:
    text = f"  {normalise_title(title)} "
    text = re.sub(r"\s+", " ", text)
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def near_duplicates(titles: dict[str, str], threshold: float = THRESHOLD) -> list[tuple[str, str]]:
    """Pairs of ids (sorted) whose titles are at least ``threshold`` similar."""
    grams = {key: trigrams(title) for key, title in titles.items()}
    frequency: Counter[str] = Counter(g for s in grams.values() for g in s)
    index: dict[str, list[str]] = defaultdict(list)
    candidates: set[tuple[str, str]] = set()
    for key in sorted(grams):
        ordered = sorted(grams[key], key=lambda g: (frequency[g], g))
        prefix = len(ordered) - math.ceil(threshold * len(ordered)) + 1
        for gram in ordered[:prefix]:
            for other in index[gram]:
                candidates.add((other, key))
            index[gram].append(key)
    pairs = []
    for first, second in sorted(candidates):
        a, b = grams[first], grams[second]
        if a and b and len(a & b) / len(a | b) >= threshold:
            pairs.append((first, second))
    return pairs


def check_near_duplicates(catalogue: Catalogue, problems: Problems) -> None:
    """A warning on each of two measures with nearly the same title, naming the other one."""
    measures = catalogue.measures
    for first, second in near_duplicates({m.id: m.title for m in measures.values()}):
        for this, other in ((measures[first], measures[second]),
                            (measures[second], measures[first])):
            problems.warn(
                this.path,
                this.line("title"),
                f"Der Titel ähnelt sehr dem der Maßnahme „{other.id}“ ({other.path}: "
                f"„{other.title}“). Ist es dieselbe Maßnahme? Dann bitte diese ergänzen statt "
                "eine neue anzulegen; sonst den Titel deutlicher unterscheiden.",
            )
