"""The validation cache gives the same answer as a fresh check and notices every change."""

from __future__ import annotations

import pickle
from pathlib import Path

from catalogue_files import error_texts, problem_texts

from generator import validation_cache
from generator.loading import load_catalogue


def cache_file(root: Path) -> Path:
    return validation_cache._cache_file(root)


def test_second_run_comes_from_the_cache_with_the_same_problems(catalogue: Path) -> None:
    library = next((catalogue / "libraries").glob("*.yml"))
    library.write_text(library.read_text(encoding="utf-8") + "populaton: 5\n", encoding="utf-8")
    first = problem_texts(catalogue)
    assert cache_file(catalogue).is_file()
    assert problem_texts(catalogue) == first
    assert any("populaton" in text for text in first)


def test_a_changed_file_is_checked_again(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    measure = next((catalogue / "measures").glob("*.md"))
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("status:", "stauts:"), encoding="utf-8"
    )
    assert any("stauts" in text for text in error_texts(catalogue))


def test_a_changed_taxonomy_is_seen_by_cached_measures(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    taxonomy = catalogue / "measures" / "_taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("id: lesefoerderung", "id: leseanimation"), encoding="utf-8")
    assert any("lesefoerderung" in text for text in error_texts(catalogue))


def test_a_removed_material_file_is_noticed(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    material = next(p for p in (catalogue / "measures").rglob("*") if p.parent.name != "measures")
    material.unlink()
    assert any(material.name in text for text in error_texts(catalogue))


def test_the_cache_is_never_read_from_the_repository(catalogue: Path) -> None:
    """A pull request could add any file to the repository, a forged cache included."""
    load_catalogue(catalogue)
    location = cache_file(catalogue)
    assert catalogue.resolve() not in location.resolve().parents


def test_a_damaged_cache_is_rebuilt(catalogue: Path) -> None:
    load_catalogue(catalogue)
    cache_file(catalogue).write_bytes(b"kein pickle")
    assert error_texts(catalogue) == []
    with cache_file(catalogue).open("rb") as stream:
        assert pickle.load(stream)
