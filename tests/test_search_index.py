"""The full-text index: equal to lunr.py's own, loadable by lunr, compact, cached."""

from __future__ import annotations

import json
import random

from lunr.builder import Builder
from lunr.index import Index

from generator import search_index, search_text


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


def test_index_of_the_sample_equals_lunr_py(sample) -> None:
    documents = search_index.search_documents(sample)
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


def test_index_loads_into_lunr_py_and_finds(sample) -> None:
    index = json.loads(search_index.build_search_index(sample).content)
    loaded = Index.load(search_index.expand_index(index))
    ids = index["ids"]

    def search(text: str) -> set[str]:
        return {ids[int(r["ref"])] for r in loaded.search(text)}

    expected = {m.id for m in sample.measures.values() if "Lesesommer" in m.title}
    assert expected <= search("Lesesommer")
    assert search("lesesommers") == search("Lesesommer")  # the search pipeline normalises
    assert search("Onleihe") == {"onleihe-sprechstunde-fuer-senioren"}


def test_index_stores_no_positions_and_is_compact(sample) -> None:
    content = search_index.build_search_index(sample).content
    assert '"position"' not in content
    index = json.loads(content)
    assert set(index) == {
        "format", "lunr", "fields", "pipeline", "ids", "terms", "postings", "scores",
    }  # fmt: skip
    assert index["ids"] == [m.id for m in sample.newest_first]


def test_body_is_indexed_only_in_part_without_section_headings() -> None:
    body = "## Ausgangslage\n\nerstes " + "wort " * 500 + "letztes [Link](https://x.example/y)"
    text = search_index._body_text(body, 20)
    assert text.split()[0] == "erstes" and "letztes" not in text and "Ausgangslage" not in text


def test_index_cache_is_reused_while_content_is_unchanged(sample, tmp_path, monkeypatch) -> None:
    first = search_index.build_search_index(sample, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("suchindex-*.json"))) == 1

    def fail(documents):
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(search_index, "compact_index", fail)
    assert search_index.build_search_index(sample, cache_dir=tmp_path) == first
    monkeypatch.undo()
    measure = next(iter(sample.measures.values()))
    title = measure.title
    measure.title = title + " neu"
    try:
        search_index._documents_memo.clear()
        second = search_index.build_search_index(sample, cache_dir=tmp_path)
    finally:
        measure.title = title
        search_index._documents_memo.clear()
    assert second.version != first.version
    assert len(list(tmp_path.glob("suchindex-*.json"))) == 1  # the old one was removed
