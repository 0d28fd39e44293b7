"""The finder's full-text index: lunr's index format, built lean, shipped compact.

The browser queries it with lunr.js (``render/assets/finder/search_index.js`` expands the
transport form below into lunr's serialised index for ``lunr.Index.load``). Scores are
lunr's: BM25 with lunr's parameters and ``lunr.idf``, field boosts, rounded to three
decimals as lunr.py's builder does. The index is computed here from flat posting lists
instead of through lunr.py's ``Builder``, whose dict per posting costs 300 MiB and 6 s at
10,000 measures; ``tests/test_search_index.py`` checks that the result equals lunr.py's own
index.

Transport form (JSON):

``{"format": 1, "lunr": "2.3.9", "fields": [...], "pipeline": [...], "ids": [measure ids],
"terms": [sorted terms, each as "<length of prefix shared with the previous, 0-9><rest>"],
"postings": [per term: per field: count, then document numbers as deltas],
"scores": [per posting, in the same order: lunr's field-vector score × 1000]}``

Document *n* is ``ids[n]``; term *k* (in sorted order) is vector index *k*.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lunr import __TARGET_JS_VERSION__ as LUNR_VERSION
from lunr.pipeline import Pipeline

from ..core.model import Catalogue, Measure
from ..validate import cache as validation_cache
from . import search_text

INDEX_FORMAT = 1
# Fields of the full-text index and their boosts.
INDEX_FIELDS = (("title", 10), ("summary", 4), ("names", 3), ("body", 1))
BODY_WORDS = 150  # only the first words of a body are indexed: index size and build time
BM25_K1, BM25_B = 1.2, 0.75  # lunr's defaults (lunr.Builder)
# Every constant above (and lunr's and the normaliser's version) is part of the index's
# version, read when it is computed: see ``index_version``.
_SECTION_HEADINGS = re.compile(
    r"^#{1,6}\s*(Ausgangslage|Umsetzung|Ergebnisse|Tipps)\s*$", re.MULTILINE | re.IGNORECASE
)
_URL = re.compile(r"(?:https?|mailto):\S+")


def _normalise(token, i, tokens):  # lunr pipeline function: (token, index, tokens)
    result = search_text.term(token.string)
    if result is None:
        return None
    token.string = result
    return token


# The index names this function as its search pipeline; lunr.js registers the same label
# in the browser, lunr.py needs it here to load the index (tests).
Pipeline.register_function(_normalise, search_text.PIPELINE_LABEL)


def _body_text(body: str, words: int) -> str:
    # Cut generously before tokenising: words are rarely longer than 20 characters.
    text = _URL.sub(" ", _SECTION_HEADINGS.sub(" ", body[: words * 20 + 200]))
    return " ".join(search_text.tokenize(text)[:words])


def search_documents(catalogue: Catalogue, body_words: int | None = None) -> list[dict]:
    """What the index holds per measure, in the order of the finder's list (newest first)."""
    body_words = BODY_WORDS if body_words is None else body_words
    return [
        {
            "ref": str(number),
            "id": measure.id,
            "title": measure.title,
            "summary": measure.summary,
            "names": " ".join(_names(catalogue, measure)),
            "body": _body_text(measure.body, body_words),
        }
        for number, measure in enumerate(catalogue.newest_first)
    ]


def _names(catalogue: Catalogue, measure: Measure) -> list[str]:
    names = []
    for library_id in measure.libraries:
        library = catalogue.libraries[library_id]
        names.append(library.name)
        if library.municipality:
            names.append(library.municipality)
        names.extend(catalogue.libraries[m].name for m in library.members)
    names.extend(measure.partners)
    return names


def index_version(documents: list[dict], body_words: int | None = None) -> str:
    """Hash of everything the index is computed from: names the index file's version (its
    ``?v=`` in the page) and its cache key. The documents, every parameter of the scoring
    (read now, not when the module was imported) and the generator's code, so that neither
    a cached index nor a browser's copy outlives a change of any of them."""
    parameters = {
        "format": INDEX_FORMAT,
        "lunr": LUNR_VERSION,
        "pipeline": search_text.PIPELINE_LABEL,
        "normaliser": search_text.NORMALISER_VERSION,
        "fields": INDEX_FIELDS,
        "bm25": [BM25_K1, BM25_B],
        "body_words": BODY_WORDS if body_words is None else body_words,
    }
    digest = hashlib.sha256(validation_cache.code_fingerprint())
    digest.update(json.dumps(parameters, sort_keys=True).encode() + b"\0")
    digest.update(json.dumps(documents, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class SearchDocuments:
    """The texts of the index and their version, gathered once per build (``collect``) and
    handed to what needs them – the finder page its version, the index file its content –
    instead of being remembered here between calls."""

    documents: list[dict] = field(repr=False)
    version: str


def collect(catalogue: Catalogue, body_words: int | None = None) -> SearchDocuments:
    """Gather the documents once per build: pages need their version, the file their index."""
    documents = search_documents(catalogue, body_words)
    return SearchDocuments(documents, index_version(documents, body_words))


def compact_index(documents: list[dict]) -> dict:
    """The index of the documents (document *n* = ``documents[n]``) in transport form."""
    fields = [name for name, _ in INDEX_FIELDS]
    count = len(documents)
    lengths = [[0] * count for _ in fields]  # lengths[field][document]: number of terms
    postings: dict[str, list[list[int]]] = {}  # term → per field: [doc, tf, doc, tf, …]
    for number, doc in enumerate(documents):
        for f, name in enumerate(fields):
            terms = search_text.terms(doc[name])
            lengths[f][number] = len(terms)
            for term, frequency in Counter(terms).items():
                rows = postings.get(term)
                if rows is None:
                    rows = postings[term] = [[] for _ in fields]
                rows[f] += (number, frequency)
    averages = [sum(column) / count if count else 0.0 for column in lengths]

    coded_terms, rows_out, scores = [], [], []
    previous = ""
    for term in sorted(postings):
        shared = 0
        limit = min(len(previous), len(term), 9)
        while shared < limit and previous[shared] == term[shared]:
            shared += 1
        coded_terms.append(f"{shared}{term[shared:]}")
        previous = term
        rows = postings[term]
        # lunr.idf: a document counts once per field that holds the term
        with_term = sum(len(flat) for flat in rows) // 2
        idf = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
        row: list[int] = []
        for f, flat in enumerate(rows):
            row.append(len(flat) // 2)
            boost, average, field_lengths = INDEX_FIELDS[f][1], averages[f], lengths[f]
            last = 0
            for doc, tf in zip(flat[0::2], flat[1::2], strict=True):
                row.append(doc - last)
                last = doc
                # lunr.Builder._create_field_vectors, operation for operation
                norm = BM25_K1 * (1 - BM25_B + BM25_B * (field_lengths[doc] / average))
                score = idf * ((BM25_K1 + 1) * tf) / (norm + tf) * boost
                scores.append(round(round(score, 3) * 1000))
        rows_out.append(row)
    return {
        "format": INDEX_FORMAT,
        "lunr": LUNR_VERSION,
        "fields": fields,
        "pipeline": [search_text.PIPELINE_LABEL],
        "ids": [doc["id"] for doc in documents],
        "terms": coded_terms,
        "postings": rows_out,
        "scores": scores,
    }


def expand_index(compact: dict) -> dict:
    """The inverse of ``compact_index`` (as ``finder/search_index.js`` does it): lunr's
    serialised index."""
    fields = compact["fields"]
    inverted, vectors = [], {}
    scores = iter(compact["scores"])
    previous = ""
    for k, (coded, row) in enumerate(zip(compact["terms"], compact["postings"], strict=True)):
        term = previous[: int(coded[0])] + coded[1:]
        previous = term
        posting: dict = {"_index": k}
        position = 0
        for name in fields:
            count = row[position]
            position += 1
            docs: dict = {}
            doc = 0
            for _ in range(count):
                doc += row[position]
                position += 1
                docs[str(doc)] = {}
                vectors.setdefault(f"{name}/{doc}", []).extend((k, next(scores) / 1000))
            posting[name] = docs
        inverted.append([term, posting])
    return {
        "version": compact["lunr"],
        "fields": fields,
        "fieldVectors": [[ref, elements] for ref, elements in vectors.items()],
        "invertedIndex": inverted,
        "pipeline": compact["pipeline"],
    }


@dataclass(frozen=True)
class SearchIndex:
    """The finder's full-text index as published, with the version its address carries."""

    version: str
    content: str  # JSON text


def build_search_index(search: SearchDocuments, cache_dir: Path | None = None) -> SearchIndex:
    """The compact search index as JSON; with ``cache_dir``, reused while its version (see
    ``index_version``) is equal.

    ``cache_dir`` must be a private folder (``validation_cache.cache_folder``), never one in
    the repository: what is read from it is published."""
    documents, version = search.documents, search.version
    if cache_dir is None:
        return SearchIndex(version, _index_json(documents))
    cached = cache_dir / f"suchindex-{version}.json"
    # The header ties the file to its content and to the code that built it.
    header = f"{version} {validation_cache.code_fingerprint().hex()}\n"
    content = _cached_index(cached, header, documents)
    if content is None:
        content = _index_json(documents)
        for old in cache_dir.glob("suchindex-*.json"):
            with contextlib.suppress(OSError):
                old.unlink()
        validation_cache.write_cache_file(cached, (header + content).encode("utf-8"))
    return SearchIndex(version, content)


def _index_json(documents: list[dict]) -> str:
    return json.dumps(compact_index(documents), ensure_ascii=False, separators=(",", ":"))


def _cached_index(path: Path, header: str, documents: list[dict]) -> str | None:
    """The cached index text, or None for anything but what ``build_search_index`` wrote
    for these documents (a link, a truncated or foreign file, another version)."""
    data = validation_cache.read_cache_file(path)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
        if not text.startswith(header):
            return None
        content = text[len(header) :]
        index = json.loads(content)
    except (ValueError, RecursionError):  # UnicodeDecodeError, JSONDecodeError included
        return None
    if not isinstance(index, dict) or index.get("format") != INDEX_FORMAT:
        return None
    return content if index.get("ids") == [doc["id"] for doc in documents] else None
