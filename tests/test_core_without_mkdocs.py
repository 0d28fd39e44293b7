"""The core must run without MkDocs: another builder can consume the pages it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from catalogue_files import fixture_project

BLOCK_MKDOCS = """
import sys
sys.modules["mkdocs"] = None  # any import of mkdocs now fails
from generator.adapters.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_pages_are_written_without_mkdocs(tmp_path: Path) -> None:
    root = fixture_project(tmp_path / "project")
    out = tmp_path / "pages"
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_MKDOCS, "pages", "--root", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    measure = out / "massnahmen" / "lesesommer-in-lindenau.md"
    text = measure.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Lesesommer in Lindenau"')
    assert '<article class="bib-measure"' in text
    assert (out / "bibliotheken" / "index.md").is_file()
    assert (out / "assets" / "katalog" / "katalog.css").is_file()
    materials = sorted(p.relative_to(out).as_posix() for p in (out / "massnahmen").glob("*/*.*"))
    assert materials == [  # material files are copied next to their measure
        "massnahmen/lesesommer-in-lindenau/ablaufplan.csv",
        "massnahmen/lesesommer-in-lindenau/lesepass.pdf",
        "massnahmen/onleihe-sprechstunde/checkliste.txt",
    ]


def _configure(root: Path, block: str) -> None:
    """Replace the ``catalogue`` block of the project's mkdocs.yml with ``block``."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - catalogue:\n")
    end = config.index("\nnav:")
    (root / "mkdocs.yml").write_text(config[:start] + block + config[end:], encoding="utf-8")


def _pages(root: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_MKDOCS, "pages", "--root", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITE_URL": "https://katalog.example.org/"},
    )


def test_pages_use_the_catalogues_configuration(tmp_path: Path) -> None:
    """`catalogue pages` reads the plugin block itself: the same size classes, repository
    links and robots.txt as a MkDocs build, without MkDocs."""
    root = fixture_project(tmp_path / "project")
    _configure(
        root,
        "  - catalogue:\n"
        "      repo: verband-sued/katalog\n"
        "      branch: veroeffentlicht\n"
        "      size_classes:\n"
        "        population: [3000, 9000]\n",
    )
    out = tmp_path / "pages"
    result = _pages(root, out)
    assert result.returncode == 0, result.stderr
    finder_page = (out / "massnahmen" / "index.md").read_text(encoding="utf-8")
    assert 'value="3001-9000"' in finder_page
    assert 'value="5001-10000"' not in finder_page
    submit = (out / "mitmachen" / "einreichen.md").read_text(encoding="utf-8")
    assert "https://github.com/verband-sued/katalog/new/veroeffentlicht" in submit
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://katalog.example.org/sitemap.xml" in robots


def test_a_bad_configuration_is_a_german_error(tmp_path: Path) -> None:
    root = fixture_project(tmp_path / "project")
    _configure(root, "  - catalogue:\n      size_classes:\n        population: [9000, 3000]\n")
    result = _pages(root, tmp_path / "pages")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml: catalogue: size_classes.population: die Grenzen müssen aufsteigen" in (
        result.stderr
    )
    assert not (tmp_path / "pages").exists()
