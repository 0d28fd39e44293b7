"""Fixtures shared by the tests in this folder; the catalogue files live in catalogue_files
(a minimal catalogue) and fixture_catalogue/ (a richer one). No test reads the repository's
own catalogue: tests/test_content_independence.py checks that."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from catalogue_files import copy_fixture_catalogue, write_catalogue
from hypothesis import configuration, settings

from generator.validate.catalogue import load_catalogue

# HOME, XDG folders and the guard that the session writes nowhere else: tests/hermetic.py
pytest_plugins = ("hermetic",)
_HYPOTHESIS_HOME = pytest.StashKey[str]()
# Hypothesis keeps no example database, and its other files (.hypothesis/) go to a temporary
# folder of the session, not into the working folder (the repository).
settings.register_profile("catalogue-tests", database=None)
settings.load_profile("catalogue-tests")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected pages of tests/test_golden.py (tests/golden/expected/)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_HYPOTHESIS_HOME] = tempfile.mkdtemp(prefix="hypothesis-")
    configuration.set_hypothesis_home_dir(config.stash[_HYPOTHESIS_HOME])
    config.addinivalue_line(
        "markers",
        "repository: checks a committed file of this repository (schema/, issue forms, "
        "CONTRIBUTING.md) against the repository's own taxonomy, like `catalogue validate`; "
        "after a change of the taxonomy, `catalogue schema|issue-forms|docs` bring them up to "
        "date",
    )
    config.addinivalue_line(
        "markers",
        "slow: takes minutes (runs the test suite again in a copy of the repository)",
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    if _HYPOTHESIS_HOME in config.stash:
        configuration.set_hypothesis_home_dir(None)
        shutil.rmtree(config.stash[_HYPOTHESIS_HOME], ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A cache folder of each test's own: no test sees a cache another one left. Not below
    ``tmp_path``, which is the ``catalogue`` fixture's repository. Between tests (module
    fixtures such as ``fixture_catalogue``) it is the session's, see tests/hermetic.py."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A minimal valid catalogue in a temporary folder."""
    return write_catalogue(tmp_path)


@pytest.fixture(scope="module")
def fixture_catalogue(tmp_path_factory: pytest.TempPathFactory):
    """The fixture catalogue of tests/fixture_catalogue/, loaded from a copy (tests that
    change the model restore it)."""
    root = copy_fixture_catalogue(tmp_path_factory.mktemp("fixture-catalogue"))
    result = load_catalogue(root)
    assert result.catalogue is not None
    assert not result.problems.errors
    return result.catalogue
