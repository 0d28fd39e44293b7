"""Legal pages come from betreiber.yml; a production check refuses placeholders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from catalogue_files import copy_fixture_catalogue

from generator.render.pages import SiteOptions, build_pages
from generator.validate.catalogue import load_catalogue

PLACEHOLDER_OPERATOR = Path(__file__).parent / "fixture_site" / "betreiber-platzhalter.yml"

COMPLETE = """\
name: Fachstelle Musterland
address: |
  Musterstraße 1
  12345 Musterstadt
email: redaktion@musterland.example
represented_by: Erika Mustermann
content_responsible: Max Mustermann, Musterstraße 1, 12345 Musterstadt
hosting: Musterhost GmbH, Musterstadt
feedback_email: barrierefreiheit@musterland.example
enforcement_body: Schlichtungsstelle Musterland
enforcement_url: https://schlichtung.musterland.example
statement_date: 2026-11-23
"""


def copy_catalogue(target: Path) -> Path:
    """The fixture catalogue with betreiber.yml as the project ships it, placeholders and all
    (a copy: an association's filled-in betreiber.yml must not change these tests)."""
    copy_fixture_catalogue(target)
    shutil.copy(PLACEHOLDER_OPERATOR, target / "betreiber.yml")
    return target


def validate(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(root), *options],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_production_check_names_every_placeholder_line(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path)
    assert validate(root).returncode == 0
    result = validate(root, "--production")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("betreiber.yml:")]
    assert "betreiber.yml:4: Platzhalter in „name“ ist noch nicht ersetzt" in lines[0]
    named = {line.split("„")[1].split("“")[0] for line in lines}
    assert named == {
        "name", "address", "email", "phone", "represented_by", "content_responsible",
        "hosting", "privacy_contact", "supervisory_authority", "feedback_email",
        "enforcement_body", "enforcement_url",
    }  # fmt: skip


def test_complete_operator_data_passes_and_fills_the_legal_pages(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path)
    (root / "betreiber.yml").write_text(COMPLETE, encoding="utf-8")
    # The other publication steps are tests/test_publication.py's.
    assert "betreiber.yml" not in validate(root, "--production").stdout
    result = load_catalogue(root, production=True)
    pages = {
        p.path: p for p in build_pages(result.catalogue, SiteOptions(operator=result.operator))
    }
    impressum = pages["impressum.md"].content
    assert "Fachstelle Musterland<br>Musterstraße 1<br>12345 Musterstadt" in impressum
    assert "Erika Mustermann" in impressum
    statement = pages["barrierefreiheit.md"].content
    assert "barrierefreiheit@musterland.example" in statement
    assert 'href="https://schlichtung.musterland.example"' in statement
    assert "23. November 2026" in statement


def test_missing_operator_file_fails_only_in_production(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path)
    (root / "betreiber.yml").unlink()
    assert validate(root).returncode == 0
    result = validate(root, "--production")
    assert result.returncode == 1
    assert "betreiber.yml:1: Die Datei mit den Angaben zum Betreiber fehlt" in result.stdout


def test_invalid_operator_email_is_reported_with_its_line(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path)
    (root / "betreiber.yml").write_text(
        COMPLETE.replace("redaktion@musterland.example", "redaktion at musterland"),
        encoding="utf-8",
    )
    result = validate(root, "--production")
    assert result.returncode == 1
    assert "betreiber.yml:5: „email“" in result.stdout
