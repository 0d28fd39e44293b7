"""Benchmark: the Markdown safety check and the renderer on 1 MiB of pathological Markdown.

    .venv/bin/python benchmarks/pathological.py [--size BYTES] [--repeat N] [--sections]

One body, the largest a contributor file may hold, made of equal parts of what makes
Markdown parsers slow: unclosed brackets and emphasis, deeply nested lists and blockquotes,
a long table, unclosed fences (last, since an unclosed fence turns the rest into code). It
is validated (``markdown_safety.unsafe_parts``, as ``catalogue validate`` does for every
body) and rendered (``markdown_render.render_markdown``, as the build does), in this
process; the median of ``--repeat`` runs is reported. ``--sections`` also times each part
on its own. Target: validation and rendering together ≤ 2 s.

With pyromark 0.10.3 (pulldown-cmark) on 2 cores: about 0.8 s (0.4 s each; CPU 0.6 s);
with markdown-it-py 4.3.0 it was 10.1 s. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.render.markdown import render_markdown
from generator.validate.markdown_safety import unsafe_parts

MIB = 1024 * 1024
TARGET_S = 2.0

# Each part is its text repeated to fill its share of the body.
SECTIONS = {
    "unclosed brackets": "[",
    "unclosed brackets in words": "[a ![b ",
    "brackets closed late": "[" * 500 + "]",
    "unclosed links": "[a](",
    "unclosed emphasis": "*a _b **c __d ",
    "emphasis runs": "***___",
    "backtick runs": "`a ``b ",
    "deep lists": "- " * 5_000 + "x\n\n" + "1. " * 5_000 + "x\n\n",
    "deep blockquotes": ">" * 5_000 + " x\n\n" + "> " * 2_000 + "x\n\n",
    "long table": "| a | b |\n|---|---|\n" + "| 1 | [x](y) *z* |\n" * 2_000 + "\n",
    "unclosed fences": "```a\n~~~\n",
}


def section(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters: one part of the body."""
    return (unit * (size // len(unit) + 1))[:size]


def pathological_body(size: int = MIB) -> str:
    """The worst body for the parsers: every part of ``SECTIONS`` in an equal share."""
    share = size // len(SECTIONS) - 2
    body = "\n\n".join(section(unit, share) for unit in SECTIONS.values())
    return body[:size]


def median_seconds(
    function: Callable[[str], object], text: str, repeat: int
) -> tuple[float, float]:
    """Wall and CPU seconds (the CPU figure is the better one on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(text)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def row(name: str, text: str, repeat: int) -> tuple[str, int, float, float, float]:
    """One line of the table: the text's bytes, validation and rendering seconds, CPU total."""
    validate, validate_cpu = median_seconds(unsafe_parts, text, repeat)
    render, render_cpu = median_seconds(render_markdown, text, repeat)
    return name, len(text.encode("utf-8")), validate, render, validate_cpu + render_cpu


def main(argv: list[str] | None = None) -> int:
    """Time the whole body (with ``--sections`` each part too) and say whether the target is met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=MIB, help="bytes of the body (1 MiB)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median)")
    parser.add_argument("--sections", action="store_true", help="also time each part alone")
    args = parser.parse_args(argv)

    body = pathological_body(args.size)
    rows = []
    if args.sections:
        share = args.size // len(SECTIONS)
        rows += [row(name, section(unit, share), args.repeat) for name, unit in SECTIONS.items()]
    rows.append(row("whole body", body, args.repeat))

    print("| part | bytes | validate s | render s | together s | together CPU s |")
    print("|---|---|---|---|---|---|")
    for name, size, validate, render, cpu in rows:
        print(
            f"| {name} | {size:,} | {validate:.2f} | {render:.2f} | {validate + render:.2f} "
            f"| {cpu:.2f} |"
        )
    total = rows[-1][2] + rows[-1][3]
    verdict = "met" if total <= TARGET_S else "missed"
    print(f"\nTarget: validation + rendering ≤ {TARGET_S:g} s: {verdict} ({total:.2f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
