"""Fixtures shared by the tests in this folder; the catalogue files live in catalogue_files."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_files import write_catalogue


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A minimal valid catalogue in a temporary folder."""
    return write_catalogue(tmp_path)
