"""Inline SVG for ``/statistik/``, drawn at build time: horizontal bar charts and the map of
the German states.

No colour is written here: the shapes carry classes that ``katalog.css`` colours with the
``--bib-*`` variables, so both colour schemes apply. Texts are escaped with ``escape``
(labels come from the taxonomy and the libraries' profiles). A bar chart is sized in ``em``
and its bars in per cent of its width: text keeps the page's size on a phone and on a wide
screen, and nothing scales.

The map's outline is ``assets/bundeslaender.svg`` (``tools/map_outline.py``; CC BY 4.0, see
``assets/bundeslaender.LICENSE``); each shape names its state in ``data-name``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from ..core.ids import propose_id
from ..rules.german import german_number

MAP_OUTLINE = Path(__file__).parent / "assets" / "bundeslaender.svg"
LABEL_LIMIT = 48  # characters of a label in a chart; the table beside it has the whole text
_ROW = 2.9  # em per bar: label line, bar, gap
_BAR_SPAN = 80  # per cent of the width for the longest bar; the rest is for its number


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1].rstrip() + "…"


def bar_chart(key: str, title: str, bars: list[tuple[str, int]]) -> Markup:
    """Bars with their label above and their number after them; its name (``<title>``)
    says what the bars say, for screen readers that skip the table."""
    top = max((count for _, count in bars), default=0)
    summary = "; ".join(f"{label}: {german_number(count)}" for label, count in bars)
    rows = []
    for n, (label, count) in enumerate(bars):
        y = n * _ROW
        width = round(_BAR_SPAN * count / top, 2) if top else 0
        bar = (
            f'<rect class="bib-chart__bar" x="0" y="{y + 1.25:.2f}em" width="{width}%" '
            f'height="1em" rx="2"/>'
            if count
            else ""
        )
        rows.append(
            f'<text class="bib-chart__label" x="0" y="{y + 0.95:.2f}em">{escape(_label(label))}'
            f"</text>{bar}"
            f'<text class="bib-chart__value" x="{width}%" dx="{0.4 if count else 0}em" '
            f'y="{y + 2.05:.2f}em">{german_number(count)}</text>'
        )
    height = max(len(bars), 1) * _ROW
    return Markup(
        f'<svg class="bib-chart" width="100%" height="{height:.2f}em" role="img" '
        f'aria-labelledby="{key}-diagramm">'
        f'<title id="{key}-diagramm">{escape(title)}: {escape(summary)}</title>'
        + "".join(rows)
        + "</svg>"
    )


@dataclass(frozen=True)
class LegendStep:
    """One shade of the map: its CSS level (0 = no measure) and the counts it stands for."""

    level: int
    label: str


@dataclass(frozen=True)
class StateMap:
    """The drawn map and the legend of its shades."""

    svg: Markup
    legend: list[LegendStep]


@cache
def _outline() -> tuple[str, list[tuple[str, str]]]:
    """The outline's viewBox and its shapes as (state name, path data); our own file."""
    text = MAP_OUTLINE.read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', text)
    shapes = re.findall(r'<path data-name="([^"]+)" d="([^"]+)"/>', text)
    assert view_box, "assets/bundeslaender.svg has no viewBox"
    assert len(shapes) == 16, "assets/bundeslaender.svg lacks states"
    return view_box[1], shapes


def shades(top: int) -> tuple[int, list[LegendStep]]:
    """How many measures one shade spans, and the legend: „0“ and at most four shades of
    equal width up to ``top`` (1, 2, 3, 4 when ``top`` ≤ 4)."""
    width = math.ceil(top / 4) if top else 1
    steps = math.ceil(top / width) if top else 0
    legend = [LegendStep(0, "0")]
    for step in range(1, steps + 1):
        low, high = (step - 1) * width + 1, min(step * width, top)
        label = german_number(low) if low == high else f"{german_number(low)}–{german_number(high)}"
        legend.append(LegendStep(_level(step, steps), label))
    return width, legend


def _level(step: int, steps: int) -> int:
    """The CSS level 1–4 of a shade: the darkest for the highest, evenly spread below."""
    return 4 if steps == 1 else 1 + round(3 * (step - 1) / (steps - 1))


def state_map(counts: dict[str, int]) -> StateMap | None:
    """The 16 states shaded by their measures (states matched by their address slug, so
    that ``Thüringen`` finds its shape), or None when no counted state is a German one."""
    view_box, shapes = _outline()
    by_slug = {propose_id(name): count for name, count in counts.items()}
    names = {propose_id(name) for name, _ in shapes}
    if not names & set(by_slug):
        return None
    top = max(by_slug.get(propose_id(name), 0) for name, _ in shapes)
    width, legend = shades(top)
    steps = len(legend) - 1
    paths = []
    for name, path in shapes:
        count = by_slug.get(propose_id(name), 0)
        level = _level(math.ceil(count / width), steps) if count else 0
        word = "Maßnahme" if count == 1 else "Maßnahmen"
        paths.append(
            f'<path class="bib-map__state bib-map__state--{level}" d="{path}">'
            f"<title>{escape(name)}: {german_number(count)} {word}</title></path>"
        )
    summary = "; ".join(
        f"{name}: {german_number(by_slug.get(propose_id(name), 0))}" for name, _ in shapes
    )
    svg = Markup(
        f'<svg class="bib-map" viewBox="{view_box}" role="img" aria-labelledby="karte-titel">'
        f'<title id="karte-titel">Karte der Bundesländer, nach Zahl der Maßnahmen schattiert: '
        f"{escape(summary)}</title>" + "".join(paths) + "</svg>"
    )
    return StateMap(svg, legend)
