"""One-off: the outline of the German states for ``/statistik/`` from the npm package
``@svg-maps/germany`` (CC BY 4.0, Victor Cazanave after MapSVG).

Usage, once, when the outline is to be made anew (node is no part of the build)::

    cd /tmp && npm pack @svg-maps/germany && tar xzf svg-maps-germany-*.tgz
    python tools/map_outline.py /tmp/package/germany.svg > generator/render/assets/bundeslaender.svg

The package's paths use only relative ``m``/``l`` steps and ``z``. They are made absolute,
rounded to whole units and thinned (Ramer–Douglas–Peucker, tolerance ``TOLERANCE``), which
leaves a tenth of the size and no visible difference at the size the page shows. Each shape
gets the German name of its state as ``data-name`` (what ``measures/_taxonomy.yml`` calls it);
the page matches it to the catalogue's states by their address slug.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TOLERANCE = 0.6  # units of the 586 × 793 drawing
NAMES = {
    "bw": "Baden-Württemberg", "by": "Bayern", "be": "Berlin", "bb": "Brandenburg",
    "hb": "Bremen", "hh": "Hamburg", "he": "Hessen", "ni": "Niedersachsen",
    "mv": "Mecklenburg-Vorpommern", "nw": "Nordrhein-Westfalen", "rp": "Rheinland-Pfalz",
    "sl": "Saarland", "sn": "Sachsen", "st": "Sachsen-Anhalt", "sh": "Schleswig-Holstein",
    "th": "Thüringen",
}  # fmt: skip
_PATH = re.compile(r'<path\s+id="(\w+)"[^>]*?\sd="([^"]+)"', re.DOTALL)
_TOKEN = re.compile(r"[mMlLzZ]|-?\d*\.?\d+(?:e-?\d+)?")


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each closed subpath of a path of ``m``/``l``/``z`` commands."""
    result: list[list[tuple[float, float]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command, numbers = "m", []
    current: list[tuple[float, float]] = []
    for token in _TOKEN.findall(d):
        if token in "mMlLzZ":
            if token in "zZ":
                if current:
                    result.append(current)
                current, (x, y) = [], start
            command = token
            continue
        numbers.append(float(token))
        if len(numbers) < 2:
            continue
        dx, dy = numbers
        numbers = []
        relative = command.islower()
        x, y = (x + dx, y + dy) if relative else (dx, dy)
        if command in "mM":
            if current:
                result.append(current)
            current, start = [(x, y)], (x, y)
            command = "l" if relative else "L"  # further pairs after a moveto are linetos
        else:
            current.append((x, y))
    if current:
        result.append(current)
    return result


def _distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    return abs(dy * px - dx * py + bx * ay - by * ax) / (dx * dx + dy * dy) ** 0.5


def thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Ramer–Douglas–Peucker without recursion (long borders)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Relative whole-unit steps; rings smaller than a unit are dropped."""
    parts = []
    x = y = 0
    for ring in rings:
        points = [(round(px), round(py)) for px, py in thin(ring)]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(set(points)) < 3:
            continue
        (sx, sy), steps = points[0], []
        parts.append(f"m{sx - x},{sy - y}")
        x, y = sx, sy
        for px, py in points[1:]:
            steps.append(f"{px - x},{py - y}")
            x, y = px, py
        parts.append(" " + " ".join(steps) + "z")
        x, y = sx, sy  # after z the point is the ring's start
    return "".join(parts).replace(",-", "-").replace(" -", "-")


def main(source: Path) -> str:
    """The simplified outline as the text of an SVG file."""
    text = source.read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', text)[1]
    shapes = [
        f'<path data-name="{NAMES[code]}" d="{path_data(subpaths(d))}"/>'
        for code, d in _PATH.findall(text)
    ]
    assert len(shapes) == 16, len(shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">\n'
        "<!-- Germany by Victor Cazanave (svg-maps, after MapSVG), CC BY 4.0, simplified; "
        "see bundeslaender.LICENSE -->\n" + "\n".join(shapes) + "\n</svg>\n"
    )


if __name__ == "__main__":
    sys.stdout.write(main(Path(sys.argv[1])))
