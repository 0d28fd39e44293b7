"""What the living catalogue's outputs cost: feeds, open data, statistics, embeddable lists
and redirects, each generated on its own from a loaded catalogue, and their bytes in a built site.

    .venv/bin/python benchmarks/living_outputs.py CATALOGUE_DIR [SITE_DIR]

Prints one JSON object: seconds per output (best of three, the catalogue loaded once), their
sum, and the bytes (raw and gzip) each kind adds to SITE_DIR. ``run.py`` calls it for every
size; the full build's time minus ``living_s`` is the build without these outputs.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.core.config import SiteConfig, read_site_config
from generator.render import embed, feeds, open_data, redirects
from generator.render.pages import SiteOptions, build_pages
from generator.validate.catalogue import load_catalogue


def _best_of(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def load(root: Path):
    """The validated catalogue and the options of its build, as ``catalogue pages`` has them."""
    result = load_catalogue(root)
    assert result.catalogue is not None, "the synthetic catalogue must validate"
    config = read_site_config(root) or SiteConfig()
    return result.catalogue, SiteOptions.from_config(config, result.operator, None)


def _made(files) -> list[str]:
    """The contents of the files: lazy ones are made only when asked for."""
    return [file.content for file in files]


def timings(catalogue, options) -> dict[str, float]:
    """Seconds per output, for a catalogue already loaded and validated."""
    pages = {page.path: page for page in build_pages(catalogue, options)}
    return {
        "feeds_s": _best_of(lambda: _made(feeds.feed_files(catalogue, options))),
        "open_data_s": _best_of(lambda: _made(open_data.open_data_files(catalogue, options))),
        "open_data_page_s": _best_of(pages["daten/index.md"].render),
        "statistics_s": _best_of(pages["statistik/index.md"].render),
        "embeds_s": _best_of(lambda: _made(embed.embed_files(catalogue, options))),
        "redirects_s": _best_of(lambda: _made(redirects.redirect_files(catalogue, options))),
    }


# Which files of a built site belong to which output.
KINDS: dict[str, Callable[[str], bool]] = {
    "feeds": lambda rel: rel.endswith("feed.xml"),
    "open_data": lambda rel: rel.startswith("daten/"),
    "statistics": lambda rel: rel.startswith("statistik/"),
    "embeds": lambda rel: "/einbetten/" in rel,
}


def site_bytes(site: Path, redirect_paths: set[str]) -> dict[str, int]:
    """Raw and gzip bytes per kind of output in the built site."""
    figures: dict[str, int] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        kind = (
            "redirects"
            if rel in redirect_paths
            else next((name for name, belongs in KINDS.items() if belongs(rel)), None)
        )
        if kind is None:
            continue
        data = path.read_bytes()
        figures[f"{kind}_bytes"] = figures.get(f"{kind}_bytes", 0) + len(data)
        figures[f"{kind}_gzip_bytes"] = figures.get(f"{kind}_gzip_bytes", 0) + len(
            gzip.compress(data, 6)
        )
    return figures


def main(argv: list[str]) -> int:
    """Time the outputs of the catalogue in argv[0]; count their bytes in the site argv[1]."""
    catalogue, options = load(Path(argv[0]))
    figures: dict[str, float | int] = dict(timings(catalogue, options))
    figures["living_s"] = sum(figures.values())
    if len(argv) > 1:
        paths = {f.path for f in redirects.redirect_files(catalogue, options)}
        figures.update(site_bytes(Path(argv[1]), paths))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
