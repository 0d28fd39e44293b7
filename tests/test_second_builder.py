"""A second builder: ProperDocs, the maintained fork of MkDocs 1.6, builds the same site with
the same plugin (docs/builders.md). The fixture catalogue is built with both; apart from the
builder's name in the generator tag and the build date, every file is the same: pages,
assets, sitemap. A strict-mode warning keeps the last site under ProperDocs too."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import copy_site_setup, fixture_project, write_catalogue

BUILDERS = ("mkdocs", "properdocs")
# What differs between two builds by nature, not by content: the builder named in the
# generator tag, and the day of the build (finder data, sitemap).
VOLATILE = [
    (re.compile(rb'<meta name="generator" content="[^"]*">'), rb'<meta name="generator">'),
    (re.compile(rb'"build_date":"\d{4}-\d{2}-\d{2}"'), rb'"build_date":"DATUM"'),
    (re.compile(rb"<lastmod>[^<]*</lastmod>"), rb"<lastmod>DATUM</lastmod>"),
]
# Folders of the generated pages: each must be in the site, so that no comparison of two
# empty sites passes.
CATALOGUE_PAGES = ("massnahmen", "bibliotheken", "themen", "mitmachen")


def build(builder: str, project: Path, site: Path, cache: Path) -> subprocess.CompletedProcess:
    """``BUILDER build --strict`` as a process of its own: ProperDocs answers ``mkdocs``
    imports with its own modules for the rest of the process it runs in."""
    return subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict",
         "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(cache)},
    )  # fmt: skip


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture catalogue built by each builder, each with a cache folder of its own (no
    build takes the other's validation results or search index)."""
    project = fixture_project(tmp_path_factory.mktemp("project"))
    built = {}
    for builder in BUILDERS:
        site = tmp_path_factory.mktemp(f"site-{builder}")
        result = build(builder, project, site, tmp_path_factory.mktemp(f"cache-{builder}"))
        assert result.returncode == 0, f"{builder}:\n{result.stderr}"
        assert "WARNING" not in result.stderr, f"{builder}:\n{result.stderr}"
        built[builder] = site
    return built


def files(site: Path) -> dict[str, bytes]:
    """Every file of a site by its path, volatile parts replaced; the compressed sitemap
    unpacked (its header holds a time)."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        for pattern, replacement in VOLATILE:
            data = pattern.sub(replacement, data)
        found[path.relative_to(site).as_posix()] = data
    return found


def generator_tag(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<meta name="generator" content="([^"]*)">', html)
    assert match, "kein generator-Tag"
    return match.group(1)


def test_each_builder_built_its_site(sites: dict[str, Path]) -> None:
    """The builds really ran with two builders (else the comparison proves nothing)."""
    assert generator_tag(sites["mkdocs"]).startswith("mkdocs-1.")
    assert "ProperDocs 1." in generator_tag(sites["properdocs"])


def test_both_builders_write_the_same_files(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files(sites["mkdocs"]), files(sites["properdocs"])
    assert sorted(mkdocs) == sorted(properdocs)
    for folder in CATALOGUE_PAGES:
        assert f"{folder}/index.html" in mkdocs, folder
    assert any(path.startswith("assets/katalog/") for path in mkdocs)
    different = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert different == []


def test_a_strict_mode_warning_keeps_the_last_site_under_properdocs(tmp_path: Path) -> None:
    """ProperDocs counts warnings on a logger of its own name: the plugin must see them there,
    or it would publish a site that the strict build then fails."""
    project = write_catalogue(copy_site_setup(tmp_path / "project"))
    site, cache = tmp_path / "site", tmp_path / "cache"
    result = build("properdocs", project, site, cache)
    assert result.returncode == 0, result.stderr
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs/kaputt.md").write_text("# Kaputt\n\n[Link](gibt-es-nicht.md)\n")
    result = build("properdocs", project, site, cache)
    assert result.returncode == 1, result.stderr
    assert "gibt-es-nicht.md" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".neu-")] == []
