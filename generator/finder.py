"""The finder on ``/massnahmen/``: size classes, library figures and the full-text index.

Plain Python over the catalogue; the site module puts the results into pages and files.

Size classes are given as ascending upper bounds per figure; class *i* holds the values
above bound *i−1* up to bound *i*, the last class everything above the last bound. In the
finder's address a class is the inclusive range ``MIN-MAX`` with MIN = previous bound plus
the figure's step (1 inhabitant, 1 m², 0.01 VZÄ): ``einwohner=5001-10000``, ``vzae=1.01-2``.
A first bound of 0 is the class „0 (ehrenamtlich)“, ``vzae=0-0``.

The search index is built with lunr.py (German normaliser from ``search_text``, no token
metadata) and shipped in a compact, lossless transport form that ``finder.js`` expands back
into lunr's serialised index for ``lunr.Index.load``:

``{"format": 1, "lunr": "2.3.9", "fields": [...], "pipeline": [...], "ids": [measure ids],
"terms": [sorted terms, each as "<length of prefix shared with the previous, 0-9><rest>"],
"postings": [per term: per field: count, then document numbers as deltas],
"scores": [per posting, in the same order: lunr's field-vector score × 1000]}``

Document *n* is ``ids[n]``; term *k* (in sorted order) is vector index *k*.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lunr import __TARGET_JS_VERSION__ as LUNR_VERSION
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.pipeline import Pipeline
from lunr.vector import Vector

from . import search_text
from .fields import german_number
from .model import EFFORT_LABELS, STATUS_LABELS, Catalogue, Measure

INDEX_FORMAT = 1
# Fields of the full-text index and their boosts.
INDEX_FIELDS = (("title", 10), ("summary", 4), ("names", 3), ("body", 1))
BODY_WORDS = 150  # only the first words of a body are indexed: index size and build time
_SECTION_HEADINGS = re.compile(
    r"^#{1,6}\s*(Ausgangslage|Umsetzung|Ergebnisse|Tipps)\s*$", re.MULTILINE | re.IGNORECASE
)
_URL = re.compile(r"(?:https?|mailto):\S+")


@dataclass(frozen=True)
class SizeFigure:
    param: str  # query-string name
    attribute: str  # Library attribute
    label: str
    unit: str
    step: float  # smallest difference between two values, for exclusive lower bounds


FIGURES = (
    SizeFigure("einwohner", "population", "Einwohner im Einzugsgebiet", "", 1),
    SizeFigure("flaeche", "area_m2", "Publikumsfläche", "m²", 1),
    SizeFigure("vzae", "staff_fte", "Personal", "VZÄ", 0.01),
)


@dataclass(frozen=True)
class SizeClasses:
    """Upper bounds of the quick size classes, per figure (configurable in mkdocs.yml)."""

    population: tuple[float, ...] = (5000, 10000, 20000, 50000, 100000)
    area: tuple[float, ...] = (100, 300, 600, 1000, 3000)
    staff: tuple[float, ...] = (0, 1, 2, 5, 10, 20)

    @classmethod
    def from_config(cls, values: dict | None) -> SizeClasses:
        """Classes from plain config values; raises ValueError with a German message."""
        default = cls()
        values = values or {}
        unknown = sorted(set(values) - {"population", "area", "staff"})
        if unknown:
            raise ValueError(
                f"size_classes: unbekannter Schlüssel „{unknown[0]}“; "
                "erlaubt sind population, area, staff."
            )
        result = {}
        for key in ("population", "area", "staff"):
            bounds = values.get(key)
            if bounds is None:
                result[key] = getattr(default, key)
                continue
            if (
                not isinstance(bounds, list | tuple)
                or not bounds
                or any(isinstance(b, bool) or not isinstance(b, int | float) for b in bounds)
            ):
                raise ValueError(f"size_classes.{key}: bitte eine Liste von Zahlen angeben.")
            if any(b < 0 for b in bounds) or any(a >= b for a, b in itertools.pairwise(bounds)):
                raise ValueError(
                    f"size_classes.{key}: die Grenzen müssen aufsteigen und ≥ 0 sein, "
                    f"gefunden: {list(bounds)}."
                )
            result[key] = tuple(bounds)
        return cls(**result)

    def bounds(self, figure: SizeFigure) -> tuple[float, ...]:
        return {"einwohner": self.population, "flaeche": self.area, "vzae": self.staff}[
            figure.param
        ]


@dataclass(frozen=True)
class SizeClass:
    label: str
    value: str  # the range as written in the address, e.g. "5001-10000"


@dataclass(frozen=True)
class SizeFilter:
    figure: SizeFigure
    classes: list[SizeClass] = field(default_factory=list)


def _url_number(value: float) -> str:
    value = round(value, 4)
    return str(int(value)) if float(value).is_integer() else repr(value)


def _label_number(value: float, unit: str) -> str:
    text = german_number(value if not float(value).is_integer() else int(value))
    return f"{text} {unit}" if unit else text


def size_filters(classes: SizeClasses) -> list[SizeFilter]:
    result = []
    for figure in FIGURES:
        bounds = classes.bounds(figure)
        items: list[SizeClass] = []
        unit = figure.unit if figure.unit != "VZÄ" else ""  # "bis 1" reads better than "bis 1 VZÄ"
        for i, upper in enumerate(bounds):
            if i == 0:
                if upper == 0:
                    label = "0 (ehrenamtlich)" if figure.param == "vzae" else "0"
                    items.append(SizeClass(label, "0-0"))
                else:
                    items.append(
                        SizeClass(f"bis {_label_number(upper, unit)}", f"-{_url_number(upper)}")
                    )
                continue
            lower = bounds[i - 1] + figure.step
            if figure.step >= 1:
                label = f"{_label_number(lower, '')}–{_label_number(upper, unit)}"
            elif bounds[i - 1] == 0:
                label = f"bis {_label_number(upper, unit)}"
            else:
                label = f"über {_label_number(bounds[i - 1], '')} bis {_label_number(upper, unit)}"
            items.append(SizeClass(label, f"{_url_number(lower)}-{_url_number(upper)}"))
        last = bounds[-1]
        items.append(
            SizeClass(f"über {_label_number(last, unit)}", f"{_url_number(last + figure.step)}-")
        )
        result.append(SizeFilter(figure, items))
    return result


def library_data(catalogue: Catalogue) -> list[dict]:
    """Per library, sorted by id: id, name (n), figures (p, a, s; absent when unknown),
    network members (m, as positions in this list), toolkit priorities (t)."""
    libraries = sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    position = {library.id: n for n, library in enumerate(libraries)}
    result = []
    for library in libraries:
        entry: dict = {"id": library.id, "n": library.name}
        for key, value in (
            ("p", library.population),
            ("a", library.area_m2),
            ("s", library.staff_fte),
        ):
            if value is not None:
                entry[key] = value
        if library.is_network:
            entry["m"] = [position[member] for member in library.members]
        if library.toolkit and library.toolkit.priorities:
            entry["t"] = list(library.toolkit.priorities)
        result.append(entry)
    return result


def measure_data(catalogue: Catalogue, today: dt.date) -> dict:
    """What the filters need per measure, in the order of the finder's list (newest first),
    column by column (smaller than attributes on every card, see the module docstring).

    Vocabulary values are positions in ``vocabulary``, libraries positions in the library
    list; ``effort`` is -1 when not given. ``collab_open_at_build`` lists the measures whose
    collaboration search was open on the build date; ``collab_until`` gives their end date
    (or null) so that the browser can close them when that date has passed.
    """
    taxonomy = catalogue.taxonomy
    vocabulary = {
        "topics": list(taxonomy.topics),
        "audiences": list(taxonomy.audiences),
        "status": list(STATUS_LABELS),
        "effort": list(EFFORT_LABELS),
    }
    index = {
        key: {value: n for n, value in enumerate(values)} for key, values in vocabulary.items()
    }
    libraries = {lib_id: n for n, lib_id in enumerate(sorted(catalogue.libraries))}
    columns: dict = {"topics": [], "audiences": [], "status": [], "effort": [], "libraries": []}
    open_at_build, until = [], []
    for number, measure in enumerate(catalogue.newest_first):
        columns["topics"].append([index["topics"][t] for t in measure.topics])
        columns["audiences"].append([index["audiences"][a] for a in measure.audiences])
        columns["status"].append(index["status"][measure.status])
        level = measure.effort.level if measure.effort else None
        columns["effort"].append(index["effort"][level] if level else -1)
        columns["libraries"].append([libraries[lib_id] for lib_id in measure.libraries])
        if measure.collaboration and measure.collaboration.is_open(today):
            open_at_build.append(number)
            end = measure.collaboration.until
            until.append(end.isoformat() if end else None)
    return {
        "vocabulary": vocabulary,
        **columns,
        "collab_open_at_build": open_at_build,
        "collab_until": until,
        "build_date": today.isoformat(),
    }


def finder_data_json(catalogue: Catalogue, today: dt.date | None = None) -> str:
    """The finder's data as JSON that is safe inside an inline ``<script>`` element."""
    data = {
        "libraries": library_data(catalogue),
        "measures": measure_data(catalogue, today or dt.date.today()),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- full-text search -------------------------------------------------------------------


def _body_text(body: str, words: int) -> str:
    # Cut generously before tokenising: words are rarely longer than 20 characters.
    text = _URL.sub(" ", _SECTION_HEADINGS.sub(" ", body[: words * 20 + 200]))
    return " ".join(search_text.tokenize(text)[:words])


def search_documents(catalogue: Catalogue, body_words: int = BODY_WORDS) -> list[dict]:
    """What the index holds per measure, in the order of the finder's list (newest first)."""
    docs = []
    for number, measure in enumerate(catalogue.newest_first):
        docs.append(
            {
                "ref": str(number),
                "id": measure.id,
                "title": measure.title,
                "summary": measure.summary,
                "names": " ".join(_names(catalogue, measure)),
                "body": _body_text(measure.body, body_words),
            }
        )
    return docs


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


def _normalise(token, i, tokens):  # lunr pipeline function: (token, index, tokens)
    result = search_text.term(token.string)
    if result is None:
        return None
    token.string = result
    return token


# The browser's lunr.js registers the same function under the same label.
Pipeline.register_function(_normalise, search_text.PIPELINE_LABEL)


def index_version(documents: list[dict]) -> str:
    """Content hash of the index input: names the index file's version and its cache key."""
    digest = hashlib.sha256()
    digest.update(f"{INDEX_FORMAT}/{search_text.NORMALISER_VERSION}/{INDEX_FIELDS}".encode())
    digest.update(json.dumps(documents, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


class _Builder(Builder):
    """lunr.py's builder, with two hot spots replaced by equivalent faster code.

    * ``add`` takes each field as a list of already normalised terms (lunr.py's tokenizer
      walks every character in Python and deep-copies metadata for every token);
    * ``_create_field_vectors`` does lunr's arithmetic (BM25, rounded to three decimals) but
      builds each vector from a sorted list instead of inserting element by element.

    ``tests/test_finder_data.py`` checks that the serialised index equals lunr.py's own.
    With no index pipeline and no metadata this is all ``Builder.add`` does.
    """

    def add(self, doc, attributes=None):
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        inverted = self.inverted_index
        for field_name in self._fields:
            terms = doc[field_name]
            field_ref = f"{field_name}/{doc_ref}"
            frequencies: dict[str, int] = {}
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                frequencies[term] = frequencies.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted[term] = posting
                posting[field_name].setdefault(doc_ref, {})

    def _create_field_vectors(self):
        k1, b = self._k1, self._b
        idf_cache: dict[str, float] = {}
        vectors = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            elements: list[tuple[int, float]] = []
            vectors[field_ref] = Vector(elements)  # type: ignore[arg-type]  # filled below
            if not frequencies:
                continue
            field_name, doc_ref = field_ref.split("/", 1)
            length_ratio = self.field_lengths[field_ref] / self.average_field_length[field_name]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[doc_ref].get("boost", 1)
            norm = k1 * (1 - b + b * length_ratio)
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = Idf(posting, self.document_count)
                score = idf * ((k1 + 1) * tf) / (norm + tf) * field_boost * doc_boost
                elements.append((posting["_index"], round(score, 3)))
            elements.sort()
            vectors[field_ref] = Vector([x for pair in elements for x in pair])
        self.field_vectors = vectors


def build_lunr_index(documents: list[dict]):
    """The lunr.py index of the documents (refs are the document numbers).

    Field values are normalised here (see ``search_text.terms``) and handed to lunr as
    lists of terms, so the index pipeline is empty; the search pipeline holds the
    normaliser, which is what the serialised index names for the browser.
    """
    builder = _Builder()
    _configure(builder)
    for doc in documents:
        builder.add(_index_terms(doc))
    return builder.build()


def _configure(builder: Builder) -> None:
    builder.ref("ref")
    for name, boost in INDEX_FIELDS:
        builder.field(name, boost)
    builder.search_pipeline.add(_normalise)
    builder.metadata_whitelist = []  # no positions: matches are highlighted in the browser


def _index_terms(doc: dict) -> dict:
    return {"ref": doc["ref"], **{name: search_text.terms(doc[name]) for name, _ in INDEX_FIELDS}}


def compact_index(serialised: dict, ids: list[str]) -> dict:
    """lunr's serialised index in the transport form described in the module docstring."""
    fields = serialised["fields"]
    vectors = {}
    for ref, elements in serialised["fieldVectors"]:
        vectors[ref] = dict(zip(elements[0::2], elements[1::2], strict=True))
    terms, postings, scores = [], [], []
    previous = ""
    for term, posting in serialised["invertedIndex"]:  # sorted by term
        shared = 0
        limit = min(len(previous), len(term), 9)
        while shared < limit and previous[shared] == term[shared]:
            shared += 1
        terms.append(f"{shared}{term[shared:]}")
        previous = term
        old_index = posting["_index"]
        row: list[int] = []
        for name in fields:
            docs = sorted(int(ref) for ref in posting[name])
            row.append(len(docs))
            last = 0
            for doc in docs:
                row.append(doc - last)
                last = doc
                scores.append(round(vectors[f"{name}/{doc}"][old_index] * 1000))
        postings.append(row)
    return {
        "format": INDEX_FORMAT,
        "lunr": serialised["version"],
        "fields": fields,
        "pipeline": serialised["pipeline"],
        "ids": ids,
        "terms": terms,
        "postings": postings,
        "scores": scores,
    }


def expand_index(compact: dict) -> dict:
    """The inverse of ``compact_index`` (as ``finder.js`` does it); for tests."""
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
    version: str
    content: str  # JSON text


# One build asks for the documents twice (the page needs the version, the file the index).
_documents_memo: dict[int, tuple[Catalogue, int, list[dict]]] = {}


def _documents(catalogue: Catalogue, body_words: int) -> list[dict]:
    hit = _documents_memo.get(id(catalogue))
    if hit and hit[0] is catalogue and hit[1] == body_words:
        return hit[2]
    documents = search_documents(catalogue, body_words)
    _documents_memo.clear()
    _documents_memo[id(catalogue)] = (catalogue, body_words, documents)
    return documents


def search_index_version(catalogue: Catalogue, body_words: int = BODY_WORDS) -> str:
    return index_version(_documents(catalogue, body_words))


def build_search_index(
    catalogue: Catalogue, body_words: int = BODY_WORDS, cache_dir: Path | None = None
) -> SearchIndex:
    """The compact search index as JSON; with ``cache_dir``, reused while the content is equal."""
    documents = _documents(catalogue, body_words)
    version = index_version(documents)
    cached = cache_dir / f"suchindex-{version}.json" if cache_dir else None
    if cached and cached.is_file():
        return SearchIndex(version, cached.read_text(encoding="utf-8"))
    index = build_lunr_index(documents)
    compact = compact_index(index.serialize(), [doc["id"] for doc in documents])
    content = json.dumps(compact, ensure_ascii=False, separators=(",", ":"))
    if cached:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for old in cache_dir.glob("suchindex-*.json"):
                old.unlink()
            temporary = cached.with_suffix(".tmp")
            temporary.write_text(content, encoding="utf-8")
            temporary.replace(cached)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return SearchIndex(version, content)


__all__ = [
    "FIGURES",
    "LUNR_VERSION",
    "SearchIndex",
    "SizeClasses",
    "build_search_index",
    "finder_data_json",
    "size_filters",
]
