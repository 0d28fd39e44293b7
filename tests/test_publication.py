"""``catalogue validate --production`` checks everything a publication needs that can be
checked offline; ``catalogue remove-sample`` takes the sample catalogue out cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import write, write_catalogue
from test_legal import COMPLETE, PLACEHOLDER_OPERATOR

REPO = Path(__file__).resolve().parent.parent

CONFIGURED = "name: Katalog\nsite_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n" + (
    "plugins:\n  - catalogue:\n      repo: fachstelle-musterland/katalog\n      branch: main\n"
)
EXAMPLE_REPO = "beispiel-organisation/bibliotheken-inspirieren-bibliotheken"
SAMPLE = "libraries:\n  - musterstadt\nmeasures:\n  - lesesommer\n"


def run(root: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--root", str(root)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip


@pytest.fixture
def configured(tmp_path: Path) -> Path:
    """A catalogue ready to publish: operator data, repository, issue forms, no sample."""
    root = write_catalogue(tmp_path)
    write(root, "betreiber.yml", COMPLETE)
    write(root, "mkdocs.yml", CONFIGURED)
    assert run(root, "issue-forms").returncode == 0
    return root


def test_a_configured_catalogue_may_be_published(configured: Path) -> None:
    result = run(configured, "validate", "--production", site_url="https://katalog.musterland.de/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unconfigured_copy_gets_every_step_it_still_needs(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path)
    # The configuration as the project ships it (copies: an association fills in its own).
    shutil.copy(PLACEHOLDER_OPERATOR, root / "betreiber.yml")
    write(root, "mkdocs.yml", CONFIGURED.replace("fachstelle-musterland/katalog", EXAMPLE_REPO))
    write(root, "beispielkatalog.yml", SAMPLE)
    result = run(root, "validate", "--production")
    assert result.returncode == 1
    out = result.stdout
    assert "betreiber.yml:4: Platzhalter in „name“ ist noch nicht ersetzt" in out
    assert "„repo“ nennt noch das Beispiel „beispiel-organisation/" in out
    assert "Die Webadresse der Website fehlt: bitte die Umgebungsvariable SITE_URL setzen" in out
    assert "beispielkatalog.yml:2: Der Beispielkatalog ist noch da (2 Einträge" in out
    assert ".github/ISSUE_TEMPLATE/massnahme.yml:1: Die Datei fehlt" in out
    assert ".github/labels.json:1: Die Datei fehlt: bitte „catalogue issue-forms“ ausführen." in out


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/", "http://localhost/", "https://katalog.example/",
     "https://10.0.0.5/", "katalog.de", "https://intranet/"],
)  # fmt: skip
def test_a_local_or_example_address_is_no_web_address(configured: Path, url: str) -> None:
    result = run(configured, "validate", "--production", site_url=url)
    assert result.returncode == 1
    assert f"mkdocs.yml:2: SITE_URL „{url}“ ist keine öffentliche Webadresse" in result.stdout


def test_issue_forms_of_another_repository_are_stale(configured: Path) -> None:
    write(configured, "mkdocs.yml", CONFIGURED.replace("fachstelle-musterland", "anderer-verband"))
    result = run(configured, "validate", "--production", site_url="https://katalog.musterland.de/")
    assert result.returncode == 1
    assert (
        ".github/ISSUE_TEMPLATE/config.yml:1: Die Datei passt nicht zu repo und Vokabular: "
        "bitte „catalogue issue-forms“ ausführen." in result.stdout
    )


def test_remove_sample_takes_files_and_materials_and_nothing_behind_a_link(
    configured: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("ausserhalb") / "wichtig.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    (configured / "measures/lesesommer/verweis.pdf").symlink_to(outside)
    write(configured, "beispielkatalog.yml", SAMPLE)
    (configured / "libraries/verbund.yml").unlink()  # its member musterstadt is sample
    result = run(configured, "remove-sample")
    assert result.returncode == 0, result.stderr
    assert "2 Einträge des Beispielkatalogs entfernt." in result.stderr
    assert not (configured / "measures/lesesommer.md").exists()
    assert not (configured / "measures/lesesommer").exists()
    assert not (configured / "libraries/musterstadt.yml").exists()
    assert not (configured / "beispielkatalog.yml").exists()
    assert outside.read_bytes() == b"%PDF-1.4\n"
    assert (configured / "libraries/musterdorf.yml").is_file()
    result = run(configured, "validate", "--production", site_url="https://katalog.musterland.de/")
    assert result.returncode == 0, result.stdout + result.stderr
