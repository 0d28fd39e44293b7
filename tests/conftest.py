"""Fixtures shared by the tests in this folder; the catalogue files live in catalogue_files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from catalogue_files import write_catalogue

from generator.loading import load_catalogue

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _private_cache_folder_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Caches of the tests go to a temporary folder, for every subprocess too; set for the
    whole session, so that module fixtures (``sample``) never reach the real ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _private_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A cache folder of each test's own: no test sees a cache another one left. Not below
    ``tmp_path``, which is the ``catalogue`` fixture's repository."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A minimal valid catalogue in a temporary folder."""
    return write_catalogue(tmp_path)


@pytest.fixture(scope="module")
def sample():
    """The repository's sample catalogue, loaded (tests that change it restore it)."""
    result = load_catalogue(REPO)
    assert result.catalogue is not None
    return result.catalogue
