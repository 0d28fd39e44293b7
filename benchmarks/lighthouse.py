"""Lighthouse scores of the sample site: home, finder and a measure page.

    python benchmarks/lighthouse.py [--site DIR]

Installs the npm package ``lighthouse`` into benchmarks/.lighthouse on first use and runs
it against Debian's Chromium (``chromium.py``: the browser and flags of the browser tests),
on the site served compressed on loopback.
Targets: accessibility, best practices and SEO 100; performance ≥ 95.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import chromium
from static_server import serve

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "benchmarks" / ".lighthouse"
PAGES = {
    "Startseite": "",
    "Finder": "massnahmen/",
    "Maßnahme": "massnahmen/gemeinsame-facebook-seite-im-bibliotheksverbund/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
CHROME_FLAGS = " ".join(("--headless=new", *chromium.ARGS))  # Lighthouse starts it itself


def lighthouse_binary() -> Path:
    """The Lighthouse command, installed into benchmarks/.lighthouse on first use."""
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOL),
             "lighthouse@12"],
            check=True,
        )  # fmt: skip
    return binary


def build_site(target: Path) -> None:
    """Build the sample site with ``--strict`` into ``target`` (when no ``--site`` is given)."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
        cwd=REPO, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


def audit(binary: Path, url: str, report: Path) -> dict[str, float]:
    """One page's scores per category, from Lighthouse's JSON report."""
    subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env={**os.environ, "CHROME_PATH": chromium.executable()},
    )  # fmt: skip
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: result["categories"][name]["score"] for name in CATEGORIES}


def main() -> int:
    """Audit every page and print a table; exit 1 when a score misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="built site (default: build the sample)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    site = args.site or work / "site"
    if not args.site:
        build_site(site)
    server, base = serve(site)
    binary = lighthouse_binary()
    print("| Seite | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---|" * len(CATEGORIES))
    ok = True
    try:
        for label, path in PAGES.items():
            scores = audit(binary, base + path, work / f"{label}.json")
            ok &= all(scores[c] >= TARGETS[c] for c in CATEGORIES)
            cells = " | ".join(f"{round(scores[c] * 100)}" for c in CATEGORIES)
            print(f"| {label} | {cells} |")
    finally:
        server.shutdown()
    print("Ziele erreicht" if ok else f"Ziele verfehlt (Berichte: {work})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
