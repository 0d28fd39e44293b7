"""A build cannot lose what was published: a failed build of any kind (invalid content, a
strict-mode warning, a build killed half-way) keeps the last site, because the build goes
to a folder beside site/ and is swapped in whole; and no page can take another's address.
Builds run in this process (``catalogue_files.build_site``) but the one that is killed."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalogue_files import MEASURE, build_site, copy_site_setup, write, write_catalogue

from generator.publish import site_swap


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_catalogue(copy_site_setup(tmp_path))


def build_process(project: Path, **kwargs) -> subprocess.Popen[str]:
    """``mkdocs build --strict`` as a process, to be killed half-way."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
         str(project / "mkdocs.yml"), "-d", str(project / "site")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, **kwargs,
    )  # fmt: skip


def built(project: Path) -> str:
    result = build_site(project)
    assert result.ok, result.output
    return (project / "site/massnahmen/lesesommer/index.html").read_text(encoding="utf-8")


def failed(project: Path) -> str:
    """The messages of a build that must fail."""
    result = build_site(project)
    assert not result.ok, result.output
    return result.output


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return [p.name for p in project.iterdir() if p.name.startswith(".neu-")]


def test_a_build_replaces_the_site_whole_and_leaves_nothing_behind(project: Path) -> None:
    assert "Lesesommer mit der Grundschule" in built(project)
    (project / "site/veraltet.html").write_text("alt")
    write(project, "measures/lesesommer.md", MEASURE.replace("Lesesommer mit", "Lesewinter mit"))
    assert "Lesewinter mit der Grundschule" in built(project)
    assert not (project / "site/veraltet.html").exists()
    assert leftovers(project) == []


def test_invalid_content_keeps_the_last_site(project: Path) -> None:
    built(project)
    before = snapshot(project / "site")
    write(project, "measures/lesesommer.md", MEASURE.replace("status: completed", "status: x"))
    assert "Der Katalog enthält 1 Fehler" in failed(project)
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_strict_mode_warning_keeps_the_last_site(project: Path) -> None:
    built(project)
    before = snapshot(project / "site")
    (project / "docs/kaputt.md").write_text("# Kaputt\n\n[Link](gibt-es-nicht.md)\n")
    output = failed(project)
    assert "gibt-es-nicht.md" in output
    assert "in strict mode" in output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_killed_half_way_keeps_the_last_site(project: Path) -> None:
    built(project)
    before = snapshot(project / "site")
    process = build_process(project, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # until the new build has written its first files
            staging = [p for p in project.glob(".neu-site-*") if any(p.rglob("*.html"))]
            if staging or process.poll() is not None:
                break
            time.sleep(0.005)
        assert staging, "the build ended before it could be interrupted"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
    assert snapshot(project / "site") == before
    # The next build clears what the killed one left.
    built(project)
    assert leftovers(project) == []


def test_builds_in_this_process_leave_the_logging_as_it_was(project: Path) -> None:
    """What the other tests rely on: a build in the test process, passed or failed, takes
    its handlers (MkDocs' warning counter, the helper's collector) and levels with it."""
    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.plugins.catalogue", "")]
    before = [(list(logger.handlers), logger.level) for logger in loggers]
    built(project)
    write(project, "measures/lesesommer.md", MEASURE.replace("status: completed", "status: x"))
    failed(project)
    assert [(list(logger.handlers), logger.level) for logger in loggers] == before


def test_publish_into_an_empty_place_and_over_an_old_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = site_swap.staging_folder(site)
    (first / "a.html").write_text("1")
    site_swap.publish(first, site)
    assert (site / "a.html").read_text() == "1"
    second = site_swap.staging_folder(site)
    (second / "b.html").write_text("2")
    site_swap.publish(second, site)
    assert sorted(p.name for p in site.iterdir()) == ["b.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_without_an_atomic_exchange(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_swap, "_exchange", lambda a, b: False)
    test_publish_into_an_empty_place_and_over_an_old_site(tmp_path)


def test_a_page_of_docs_cannot_take_the_address_of_a_generated_page(project: Path) -> None:
    built(project)
    before = snapshot(project / "site")
    (project / "docs/massnahmen.md").write_text("# Eigene Liste\n")
    assert (
        "„massnahmen/index.md“ und „massnahmen.md“ ergäben dieselbe Adresse "
        "„massnahmen/index.html“ der Website." in failed(project)
    )
    assert snapshot(project / "site") == before


def test_a_collision_names_both_claimants() -> None:
    from generator.render.pages import collisions

    assert collisions(["themen/a.md", "themen/a/index.html", "x.json", "x.json"]) == [
        "„themen/a/index.html“ und „themen/a.md“ ergäben dieselbe Adresse "
        "„themen/a/index.html“ der Website.",
        "„x.json“ und „x.json“ ergäben dieselbe Adresse „x.json“ der Website.",
    ]
