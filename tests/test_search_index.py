"""The full-text index: equal to lunr.py's own, loadable by lunr, compact, cached."""

from __future__ import annotations

import json
import os
import pwd
import random
import shutil
from pathlib import Path

import pytest
from catalogue_files import fixture_project
from lunr.builder import Builder
from lunr.index import Index

from generator.index import search_index, search_text
from generator.render.pages import SEARCH_INDEX
from generator.validate import cache as validation_cache
from generator.validate.catalogue import load_catalogue


def lunr_py_index(documents: list[dict]) -> dict:
    """The same documents indexed by lunr.py's own, unmodified Builder, serialised."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in search_index.INDEX_FIELDS:
        builder.field(name, boost)
    builder.search_pipeline.add(search_index._normalise)
    builder.metadata_whitelist = []
    for doc in documents:
        fields = {name: " ".join(search_text.terms(doc[name])) for name in builder._fields}
        builder.add({"ref": doc["ref"], **fields})
    return builder.build().serialize()


def as_lunr_index(documents: list[dict]) -> dict:
    """Our index, expanded to lunr's serialised form."""
    return search_index.expand_index(search_index.compact_index(documents))


def same_index(ours: dict, theirs: dict) -> None:
    """Equal up to the numbering of terms (ours follows the sorted order, lunr.py's the order
    of first appearance) and the order of the field vectors."""
    assert ours["version"] == theirs["version"]
    assert ours["fields"] == theirs["fields"]
    assert ours["pipeline"] == theirs["pipeline"] == [search_text.PIPELINE_LABEL]
    assert [t for t, _ in ours["invertedIndex"]] == [t for t, _ in theirs["invertedIndex"]]
    for (_, mine), (_, their) in zip(ours["invertedIndex"], theirs["invertedIndex"], strict=True):
        assert {f: mine[f] for f in ours["fields"]} == {f: their[f] for f in ours["fields"]}
    relabel = {p["_index"]: k for k, (_, p) in enumerate(theirs["invertedIndex"])}
    their_vectors = {}
    for ref, elements in theirs["fieldVectors"]:
        pairs = sorted((relabel[i], v) for i, v in zip(elements[::2], elements[1::2], strict=True))
        if pairs:
            their_vectors[ref] = [x for pair in pairs for x in pair]
    assert dict(ours["fieldVectors"]) == their_vectors


def test_index_of_the_fixture_catalogue_equals_lunr_py(fixture_catalogue) -> None:
    documents = search_index.search_documents(fixture_catalogue)
    same_index(as_lunr_index(documents), lunr_py_index(documents))


def test_index_of_random_documents_equals_lunr_py() -> None:
    rng = random.Random(7)
    words = [
        "Bibliothek", "Leseförderung", "Veranstaltungen", "Kinder", "Schule", "Ehrenamt",
        "Sommer", "Medien", "Gemeinde", "Bücherei", "digital", "Kooperation", "Familien",
    ]  # fmt: skip

    def text(most: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, most)))

    documents = [
        {"ref": str(n), "id": f"m-{n}", "title": text(6), "summary": text(20),
         "names": text(4), "body": text(150)}
        for n in range(300)
    ]  # fmt: skip
    same_index(as_lunr_index(documents), lunr_py_index(documents))


def test_index_loads_into_lunr_py_and_finds(fixture_catalogue) -> None:
    search = search_index.collect(fixture_catalogue)
    index = json.loads(search_index.build_search_index(search).content)
    loaded = Index.load(search_index.expand_index(index))
    ids = index["ids"]

    def search(text: str) -> set[str]:
        return {ids[int(r["ref"])] for r in loaded.search(text)}

    expected = {m.id for m in fixture_catalogue.measures.values() if "Lesesommer" in m.title}
    assert len(expected) == 2
    assert expected <= search("Lesesommer")
    assert search("lesesommers") == search("Lesesommer")  # the search pipeline normalises
    assert search("Onleihe") == {"onleihe-sprechstunde"}
    assert search("Bergwald") == {"onleihe-sprechstunde"}  # a library's name
    assert search("Medienzentrum") == {"blog-der-stadtbibliothek"}  # a partner


def test_index_stores_no_positions_and_is_compact(fixture_catalogue) -> None:
    content = search_index.build_search_index(search_index.collect(fixture_catalogue)).content
    assert '"position"' not in content
    index = json.loads(content)
    assert set(index) == {
        "format", "lunr", "fields", "pipeline", "ids", "terms", "postings", "scores",
    }  # fmt: skip
    assert index["ids"] == [m.id for m in fixture_catalogue.newest_first]


def test_body_is_indexed_only_in_part_without_section_headings() -> None:
    body = "## Ausgangslage\n\nerstes " + "wort " * 500 + "letztes [Link](https://x.example/y)"
    text = search_index._body_text(body, 20)
    assert text.split()[0] == "erstes"
    assert "letztes" not in text
    assert "Ausgangslage" not in text


def test_index_cache_is_reused_while_content_is_unchanged(
    fixture_catalogue, tmp_path, monkeypatch
) -> None:
    catalogue = fixture_catalogue
    first = search_index.build_search_index(search_index.collect(catalogue), cache_dir=tmp_path)
    assert len(list(tmp_path.glob("suchindex-*.json"))) == 1

    def fail(documents):
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(search_index, "compact_index", fail)
    assert search_index.build_search_index(search_index.collect(catalogue), tmp_path) == first
    monkeypatch.undo()
    measure = next(iter(catalogue.measures.values()))
    title = measure.title
    measure.title = title + " neu"
    try:  # nothing to forget in between: collect() remembers nothing
        second = search_index.build_search_index(search_index.collect(catalogue), tmp_path)
    finally:
        measure.title = title
    assert second.version != first.version
    assert len(list(tmp_path.glob("suchindex-*.json"))) == 1  # the old one was removed


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BM25_K1", 1.6),
        ("BM25_B", 0.5),
        ("INDEX_FIELDS", (("title", 1), ("summary", 4), ("names", 3), ("body", 1))),
        ("BODY_WORDS", 5),
        ("INDEX_FORMAT", 2),
    ],
)
def test_a_change_of_the_scoring_is_never_served_from_the_cache(
    fixture_catalogue, tmp_path, monkeypatch, name, value
) -> None:
    """The cache key holds every parameter of the index, not only the documents: a cached
    index computed with the old scoring is not published after a change of it."""
    cached = search_index.build_search_index(search_index.collect(fixture_catalogue), tmp_path)
    monkeypatch.setattr(search_index, name, value)
    search = search_index.collect(fixture_catalogue)
    changed = search_index.build_search_index(search, cache_dir=tmp_path)
    assert changed.version != cached.version
    assert changed.content == search_index.build_search_index(search).content  # not the cache
    if name != "INDEX_FORMAT":  # the format is only a label of the same content
        assert changed.content != cached.content


def test_the_number_of_body_words_is_part_of_the_version(fixture_catalogue) -> None:
    # Even where it does not change the documents (every body is shorter than both).
    first = search_index.collect(fixture_catalogue, body_words=10_000)
    second = search_index.collect(fixture_catalogue, body_words=10_001)
    assert first.documents == second.documents
    assert first.version != second.version


def test_nothing_is_remembered_between_catalogues(fixture_catalogue) -> None:
    """The documents come from the catalogue they are asked for, each time: no memo keyed
    by the catalogue's identity that an edited or a new catalogue could hit."""
    search = search_index.collect(fixture_catalogue)
    measure = fixture_catalogue.newest_first[0]
    title = measure.title
    measure.title = "Ganz neuer Titel"
    try:
        edited = search_index.collect(fixture_catalogue)
    finally:
        measure.title = title
    assert edited.documents[0]["title"] == "Ganz neuer Titel" != search.documents[0]["title"]
    assert edited.version != search.version
    assert search_index.collect(fixture_catalogue) == search


# --- the cache: never from the repository, never through a link -----------------------------

SECRET = "GEHEIM-0815-streng-vertraulich"


def forged_index(ids: list[str]) -> str:
    """A well-formed index that finds the secret: what a planted cache would publish."""
    documents = [
        {"ref": str(n), "id": i, "title": SECRET, "summary": "", "names": "", "body": ""}
        for n, i in enumerate(ids)
    ]
    index = search_index.compact_index(documents)
    return json.dumps({**index, "geheim": SECRET}, separators=(",", ":"))


@pytest.mark.parametrize("planted", ["file", "symlink"])
def test_an_index_cache_in_the_repository_is_never_published(tmp_path, planted) -> None:
    """A pull request can add ``.cache/catalogue/suchindex-<version>.json`` (the version
    follows from public content), even as a link to any file of the build machine."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = fixture_project(tmp_path / "project")
    catalogue = load_catalogue(project).catalogue
    assert catalogue is not None
    search = search_index.collect(catalogue)
    real, version = search_index.build_search_index(search).content, search.version
    secret = tmp_path / "geheim.json"
    secret.write_text(forged_index(list(catalogue.measures)), encoding="utf-8")
    forged = project / ".cache" / "catalogue" / f"suchindex-{version}.json"
    forged.parent.mkdir(parents=True)
    if planted == "file":
        shutil.copy(secret, forged)
    else:
        forged.symlink_to(secret)

    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))

    assert (site / SEARCH_INDEX).read_text(encoding="utf-8") == real
    for file in site.rglob("*"):
        assert file.is_dir() or SECRET.encode() not in file.read_bytes(), file
    assert [p.name for p in forged.parent.iterdir()] == [forged.name]  # nothing written there
    # the index was kept in the user's cache folder instead, below this test's own
    folder = validation_cache.cache_folder(project)
    assert Path(os.environ["XDG_CACHE_HOME"]) in folder.parents
    assert [p.name for p in folder.glob("suchindex-*.json")] == [f"suchindex-{version}.json"]


def plant_index(kind: str, file: Path, outside: Path, ids: list[str]) -> None:
    real = file.read_text(encoding="utf-8")
    header = real.partition("\n")[0]
    version, _, code = header.partition(" ")
    forged = f"{header}\n{forged_index(ids)}"
    if kind == "symlink":  # a perfect forgery, but behind a link
        (outside / "geheim.json").write_text(forged, encoding="utf-8")
        file.unlink()
        file.symlink_to(outside / "geheim.json")
    elif kind == "fifo":
        file.unlink()
        os.mkfifo(file)
    elif kind == "directory":
        file.unlink()
        (file / "inhalt").mkdir(parents=True)
    elif kind == "garbage":
        file.write_bytes(b"\xff\x00" + SECRET.encode())
    elif kind == "truncated":
        file.write_text(real[: len(real) // 2], encoding="utf-8")
    elif kind == "not-json":
        file.write_text(f"{header}\n{SECRET}", encoding="utf-8")
    elif kind == "no-header":
        file.write_text(forged_index(ids), encoding="utf-8")
    elif kind == "wrong-version":
        file.write_text(f"0000000000000000 {code}\n{forged_index(ids)}", encoding="utf-8")
    elif kind == "other-code":
        file.write_text(f"{version} 00{code[2:]}\n{forged_index(ids)}", encoding="utf-8")
    elif kind == "other-documents":
        file.write_text(f"{header}\n{forged_index([SECRET])}", encoding="utf-8")
    else:  # pragma: no cover
        raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "symlink", "fifo", "directory", "garbage", "truncated", "not-json", "no-header",
        "wrong-version", "other-code", "other-documents",
    ],
)  # fmt: skip
def test_a_bad_index_cache_counts_as_absent(fixture_catalogue, tmp_path_factory, kind) -> None:
    catalogue = fixture_catalogue
    cache = tmp_path_factory.mktemp("cache")
    search = search_index.collect(catalogue)
    real = search_index.build_search_index(search, cache_dir=cache)
    (file,) = cache.glob("suchindex-*.json")
    assert file.read_text(encoding="utf-8").endswith(real.content)
    outside = tmp_path_factory.mktemp("outside")
    plant_index(kind, file, outside, [m.id for m in catalogue.newest_first])
    assert search_index.build_search_index(search, cache_dir=cache) == real
    assert search_index.build_search_index(search, cache_dir=cache) == real  # what it saved
    if kind == "symlink":
        assert SECRET in (outside / "geheim.json").read_text(encoding="utf-8")  # untouched
    if kind != "directory":
        assert not file.is_symlink()
        assert file.is_file()
    leftovers = [p.name for p in cache.iterdir() if p.name != file.name]
    assert leftovers == []  # the temporary file was renamed into place


def test_tests_keep_their_caches_to_themselves() -> None:
    """Every test has a cache folder of its own, never the real ~/.cache (the session's
    home folder is a temporary one too: tests/test_hermetic.py)."""
    folder = Path(os.environ["XDG_CACHE_HOME"])
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert not folder.is_relative_to(real_home / ".cache")
    assert list(folder.iterdir()) == []
