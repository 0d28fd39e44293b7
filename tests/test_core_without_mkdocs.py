"""The core must run without MkDocs: another builder can consume the pages it writes."""

from __future__ import annotations

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
