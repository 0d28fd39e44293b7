"""How alike two libraries are in size: the measure the finder ranks by, in Python.

The finder (``render/assets/finder/similarity.js``) compares each figure on a log scale:
the mean of ``|ln(a + 1) − ln(b + 1)|`` over the figures both libraries give. Below
:data:`SIMILAR` the finder calls a library „ähnlich wie Ihre Bibliothek“; the matching of
collaborations uses the same bound for „ähnliche Größe“.
"""

from __future__ import annotations

import math

from ..core.model import Library

SIMILAR = 0.7  # similarity.js: d < 0.7 „ähnlich“ (d < 0.25 „sehr ähnlich“)
_FIGURES = ("population", "area_m2", "staff_fte")


def log_figures(library: Library) -> tuple[float | None, ...]:
    """The library's figures on the scale they are compared on; None where unknown."""
    values = (getattr(library, name) for name in _FIGURES)
    return tuple(None if v is None else math.log(v + 1) for v in values)


def size_distance(a: tuple[float | None, ...], b: tuple[float | None, ...]) -> float:
    """The finder's distance of two libraries' :func:`log_figures`; infinite when they share
    no figure."""
    total, shared = 0.0, 0
    for x, y in zip(a, b, strict=True):  # a loop, not a list: called for every candidate
        if x is not None and y is not None:
            total += abs(x - y)
            shared += 1
    return total / shared if shared else math.inf
