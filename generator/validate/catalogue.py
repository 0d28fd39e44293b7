"""Reads the content folders into the typed model, reporting every problem of every file."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..core.ids import is_valid_id, propose_id, reserved_id_message
from ..core.model import (
    Catalogue,
    Collaboration,
    Effort,
    Library,
    Material,
    Measure,
    Outcome,
    Taxonomy,
    Term,
    Toolkit,
)
from ..core.problems import Problems
from ..load.sourcefile import NO_LINKS, SourceError, plain_file, read_text, split_front_matter
from ..load.yamldoc import Document, YamlError, load_yaml
from ..rules import declarations as schema
from ..rules.cross_field import kind_check
from ..rules.german import unknown_id_message
from ..rules.kinds import INVALID, Check, Record
from ..rules.personal_data import BODY_PROSE, personal_data, personal_data_message
from .aliases import check_aliases
from .cache import ValidationCache, read_regular_file
from .duplicates import check_near_duplicates
from .markdown_safety import unsafe_parts
from .operator import Operator, load_operator, placeholder_operator
from .references import check_references

TAXONOMY_FILE = "measures/_taxonomy.yml"


@dataclass
class LoadResult:
    """The outcome of loading: a catalogue only without errors, and always every problem."""

    catalogue: Catalogue | None  # None when there are errors
    problems: Problems
    operator: Operator = field(default_factory=placeholder_operator)


def load_catalogue(root: Path, production: bool = False) -> LoadResult:
    """Load and check everything below ``root``; never raises for bad content.

    ``production``: the site is about to be published, so the operator's data for the legal
    pages must be complete."""
    with _cyclic_gc_paused():
        return _load_catalogue(Path(root), production)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading creates hundreds of thousands of lasting objects and hardly any reference
    cycles; the cycle collector would scan them again and again (a fifth of the time of a
    cached run at 10,000 measures). Plain reference counting still frees everything else."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_catalogue(root: Path, production: bool) -> LoadResult:
    problems = Problems()
    taxonomy = _load_taxonomy(root, problems)
    library_files = _entries(root, "libraries", ".yml", problems)
    measure_files = _entries(root, "measures", ".md", problems)
    material_folders = _material_folders(root)
    cache = ValidationCache(root)
    vocabulary = _fingerprint(root, TAXONOMY_FILE)
    library_record = schema.library_schema(taxonomy)
    measure_record = schema.measure_schema(taxonomy)
    libraries = _by_id(
        cache.load(
            p, vocabulary, problems, partial(_load_library, root, p, taxonomy, library_record)
        )
        for p in library_files
    )
    measures = _by_id(
        cache.load(
            p,
            vocabulary + _folder_fingerprint(material_folders.get(p.stem)),
            problems,
            partial(_load_measure, root, p, taxonomy, measure_record),
        )
        for p in measure_files
    )
    _check_material_folders(root, material_folders, measures, problems)
    catalogue = Catalogue(taxonomy or Taxonomy(), libraries, measures)
    # Files with errors of their own are left out of the catalogue, but still exist:
    # a reference to one of them is not reported as a second error.
    library_ids, measure_ids = {p.stem for p in library_files}, {p.stem for p in measure_files}
    check_references(catalogue, problems, library_ids, measure_ids)
    check_aliases(catalogue, problems, library_ids, measure_ids)
    check_near_duplicates(catalogue, problems, cache)
    cache.save()
    operator = load_operator(root, problems, production) or placeholder_operator()
    return LoadResult(None if problems.errors else catalogue, problems, operator)


def load_taxonomy(root: Path) -> tuple[Taxonomy | None, Problems]:
    """Only the vocabularies (for schema export, scaffolds and forms); None when unusable."""
    problems = Problems()
    return _load_taxonomy(Path(root), problems), problems


def _fingerprint(root: Path, rel: str) -> bytes:
    """The bytes of a file another file's check depends on (the taxonomy); nothing behind a
    link (which its own check reports)."""
    found = read_regular_file(root / rel) if plain_file(root, *rel.split("/")) else None
    return b"" if found is None else found[1]


def _folder_fingerprint(folder: os.DirEntry | None) -> bytes:
    """Names, kinds and sizes of a materials folder's files: a measure's check depends on
    them (a link is never followed, so its own text is all that counts)."""
    if folder is None:
        return b""
    if folder.is_symlink():
        return b"link"
    try:
        return repr([_entry_fingerprint(e) for e in _listing(Path(folder.path))]).encode()
    except OSError:  # e.g. removed meanwhile: such a measure is simply checked anew
        return os.urandom(16)


def _entry_fingerprint(entry: os.DirEntry) -> tuple:
    info = entry.stat(follow_symlinks=False)
    target = os.readlink(entry.path) if stat.S_ISLNK(info.st_mode) else None
    return entry.name, info.st_mode, info.st_size, target


def _listing(directory: Path) -> list[os.DirEntry]:
    """A folder's entries sorted by name; one scan instead of a system call per entry."""
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _material_folders(root: Path) -> dict[str, os.DirEntry]:
    """The folders in measures/ (named like their measure), by name; links in place of a
    folder too, to be reported, never followed."""
    folder = root / "measures"
    if folder.is_symlink() or not folder.is_dir():
        return {}
    return {
        entry.name: entry
        for entry in _listing(folder)
        if not entry.name.startswith(("_", "."))
        and (
            entry.is_dir(follow_symlinks=False)
            or (entry.is_symlink() and not entry.name.endswith(".md"))
        )
    }


def _by_id(entries) -> dict:
    return {entry.id: entry for entry in entries if entry is not None}


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _folder_link(rel: str, kind: str = "Ordner") -> str:
    return (
        f"Der {kind} „{rel}/“ ist eine Verknüpfung (Symlink); Verknüpfungen sind nicht erlaubt, "
        "bitte den Ordner selbst ablegen."
    )


def _entries(root: Path, folder: str, suffix: str, problems: Problems) -> list[Path]:
    """Entry files of a folder; misnamed files are reported with the name they should have.

    Links are never followed: one named like an entry is left to the check of the file,
    which refuses it (so that references to it are not reported as well)."""
    directory = root / folder
    if directory.is_symlink():
        problems.error(folder, 1, _folder_link(folder))
        return []
    if not directory.is_dir():
        problems.error(folder, 1, f"Der Ordner „{folder}/“ fehlt.")
        return []
    entries = []
    for entry in _listing(directory):
        name, is_dir, is_link = entry.name, entry.is_dir(follow_symlinks=False), entry.is_symlink()
        if name.startswith(("_", ".")):
            continue
        if folder == "measures" and (is_dir or (is_link and not name.endswith(suffix))):
            continue  # materials folders, and links in their place: see _material_folders
        path = Path(entry.path)
        rel = f"{folder}/{name}"
        stem, _, extension = name.rpartition(".")
        if is_link and f".{extension}" != suffix:
            problems.error(rel, 1, NO_LINKS)
            continue
        if is_dir or f".{extension}" != suffix:
            expected = "Bibliotheksprofile" if folder == "libraries" else "Maßnahmen"
            hint = (
                f" Bitte umbenennen in „{propose_id(stem or name)}{suffix}“."
                if f".{extension.lower()}" in (suffix, ".yaml", ".markdown")
                else ""
            )
            problems.error(
                rel, 1, f"Unerwartete Datei: {expected} haben die Endung „{suffix}“.{hint}"
            )
            continue
        if not is_valid_id(stem):
            problems.error(
                rel,
                1,
                "Der Dateiname ist die Kennung und darf nur Kleinbuchstaben a–z, Ziffern und "
                f"Bindestriche enthalten (höchstens 80 Zeichen). Bitte umbenennen in "
                f"„{propose_id(stem)}{suffix}“.",
            )
            continue
        if reserved := reserved_id_message(stem):
            problems.error(rel, 1, reserved)
            continue
        entries.append(path)
    return entries


def _read_yaml(root: Path, path: Path, problems: Problems) -> Document | None:
    rel = _rel(root, path)
    try:
        return load_yaml(read_text(path), rel)
    except (SourceError, YamlError) as exc:
        problems.error(rel, exc.line, exc.message)
        return None


def _convert(record, doc: Document, problems: Problems) -> dict[str, Any] | None:
    if doc.data is None:
        problems.error(doc.path, 1, "Die Datei enthält keine Felder.")
        return None
    values = record.convert(doc.data, (), Check(doc, problems))
    return None if values is INVALID else values


def _usable(values: dict[str, Any] | list[Any]) -> bool:
    """No INVALID anywhere inside (lists of records such as ``outcomes`` included)."""
    items = list(values.values()) if isinstance(values, dict) else values
    return INVALID not in items and all(_usable(v) for v in items if isinstance(v, dict | list))


# --- taxonomy ---------------------------------------------------------------------------


def _load_taxonomy(root: Path, problems: Problems) -> Taxonomy | None:
    path = root / TAXONOMY_FILE
    if (root / "measures").is_symlink():  # never read through it
        problems.error("measures", 1, _folder_link("measures"))
        return None
    if not path.is_file() and not path.is_symlink():  # a link is refused by read_text
        problems.error(TAXONOMY_FILE, 1, "Die Datei mit den Vokabularen fehlt.")
        return None
    doc = _read_yaml(root, path, problems)
    values = _convert(schema.taxonomy_schema(), doc, problems) if doc else None
    if not values or not _usable(values):
        return None
    check = Check(doc, problems)
    vocabularies: dict[str, dict[str, Term]] = {}
    for name in ("topics", "audiences"):
        terms: dict[str, Term] = {}
        for index, term in enumerate(values[name]):
            if INVALID in term.values():
                continue
            where = (name, index, "id")
            if not is_valid_id(term["id"]):
                check.error(where, f"Kennung „{term['id']}“: bitte „{propose_id(term['id'])}“.")
            elif reserved := reserved_id_message(term["id"]):
                check.error(where, reserved)
            elif term["id"] in terms:
                check.error(where, f"Kennung „{term['id']}“ steht doppelt.")
            else:
                terms[term["id"]] = Term(term["id"], term["label"], term.get("description", ""))
        vocabularies[name] = terms
    states: dict[str, list[str]] = {}
    for country, names in doc.data["states"].items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            check.error(("states", country), f"„states.{country}“ muss eine Liste von Namen sein.")
            continue
        states[str(country)] = names
    return Taxonomy(vocabularies["topics"], vocabularies["audiences"], states)


# --- libraries --------------------------------------------------------------------------


def _load_library(
    root: Path, path: Path, taxonomy: Taxonomy | None, record: Record, problems: Problems
) -> Library | None:
    doc = _read_yaml(root, path, problems)
    values = _convert(record, doc, problems) if doc else None
    if values is None:
        return None
    check = Check(doc, problems)
    kind = values.get("kind", "library")
    country = values.get("country", "DE")
    kind_check(schema.PROFILE_KINDS, record, values, check)
    state = values.get("state")
    if (
        taxonomy is not None
        and isinstance(state, str)
        and isinstance(country, str)
        and country in taxonomy.states
        and state not in taxonomy.states[country]
    ):
        check.error(
            ("state",),
            unknown_id_message(f"Bundesland/Region ({country})", state, taxonomy.states[country]),
        )
    contact = values.get("contact")
    email = None
    if isinstance(contact, dict) and contact.get("email") not in (None, INVALID):
        if contact.get("public") is False:
            check.error(
                ("contact", "email"),
                "Die E-Mail-Adresse darf nur mit Einverständnis stehen: entweder "
                "„public: true“ setzen oder die Adresse entfernen.",
            )
        elif contact.get("public") is True:
            email = contact["email"]
    about = values.get("about")
    for line, message in unsafe_parts(about) if isinstance(about, str) else []:
        check.error(("about",), f"„about“, Zeile {line} des Textes: {message}")
    if not _usable(values):
        return None
    toolkit = values.get("toolkit")
    return Library(
        id=path.stem,
        path=doc.path,
        name=values["name"],
        kind=kind,
        municipality=values.get("municipality"),
        state=state,
        country=country,
        population=values.get("population"),
        area_m2=values.get("area_m2"),
        staff_fte=values.get("staff_fte"),
        volunteers=values.get("volunteers"),
        website=values.get("website"),
        email=email,
        members=values.get("members", []),
        toolkit=Toolkit(toolkit.get("date"), toolkit.get("priorities", []), toolkit.get("notes"))
        if toolkit
        else None,
        adopted=values.get("adopted", []),
        about=values.get("about"),
        aliases=values.get("aliases", []),
        lines=doc.lines,
    )


# --- measures ---------------------------------------------------------------------------


_PROMPTS = frozenset(schema.BODY_SECTIONS.values())


def _load_measure(
    root: Path, path: Path, taxonomy: Taxonomy | None, record: Record, problems: Problems
) -> Measure | None:
    rel = _rel(root, path)
    try:
        front = split_front_matter(read_text(path))
        doc = load_yaml(front.yaml, rel, line_offset=front.yaml_offset)
    except (SourceError, YamlError) as exc:
        problems.error(rel, exc.line, exc.message)
        return None
    values = _convert(record, doc, problems)
    if values is None:
        return None
    check = Check(doc, problems)
    if not front.body.strip():  # reported at the closing „---“: the body may have no line
        problems.error(
            rel,
            front.body_line - 1,
            "Der Text der Maßnahme fehlt: bitte unter dem "
            "Kopfbereich beschreiben (Ausgangslage, Umsetzung, Ergebnisse, Tipps).",
        )
    for line, message in unsafe_parts(front.body):
        problems.error(rel, front.body_line + line - 1, message)
    for line, found in personal_data(front.body):
        problems.error(rel, front.body_line + line - 1, personal_data_message(found, BODY_PROSE))
    for line, text in enumerate(front.body.split("\n"), front.body_line):
        if text.strip() in _PROMPTS:
            problems.error(
                rel,
                line,
                "Hier steht noch der Hinweis der Vorlage; bitte durch Ihren eigenen Text "
                "ersetzen (oder den Abschnitt löschen).",
            )

    for rule in schema.MEASURE_RULES:
        rule.check(values, check)
    period = values.get("period")
    period = period if isinstance(period, dict) else {}  # INVALID was reported
    start, end = period.get("start"), period.get("end")
    listed = values.get("materials")
    materials = [
        _material(root, path.stem, index, item, check)
        for index, item in enumerate(listed if isinstance(listed, list) else [])
    ]
    if not _usable(values) or INVALID in materials:
        return None
    effort = values.get("effort")
    collaboration = values.get("collaboration")
    return Measure(
        id=path.stem,
        path=rel,
        title=values["title"],
        summary=values["summary"],
        libraries=values["libraries"],
        topics=values["topics"],
        status=values["status"],
        published=values["published"],
        body=front.body,
        audiences=values.get("audiences", []),
        period_start=start,
        period_end=end,
        effort=Effort(**effort) if effort else None,
        partners=values.get("partners", []),
        outcomes=[Outcome(o["label"], o["value"]) for o in values.get("outcomes", [])],
        materials=materials,
        collaboration=Collaboration(**collaboration) if collaboration else None,
        based_on=values.get("based_on", []),
        reviewed=values.get("reviewed"),
        aliases=values.get("aliases", []),
        body_line=front.body_line,
        lines=doc.lines,
    )


def _material(root: Path, measure_id: str, index: int, item: dict, check: Check) -> Any:
    where = ("materials", index)
    if not isinstance(item, dict) or INVALID in item.values():
        return INVALID
    file, url = item.get("file"), item.get("url")
    if (file is None) == (url is None):
        check.error(where, "Ein Material braucht genau eines von „file“ (Datei) oder „url“.")
        return INVALID
    if url is not None:
        return Material(item["title"], url=url)
    where = (*where, "file")
    folder = f"measures/{measure_id}/"
    if "/" in file or "\\" in file or file.startswith(".") or ".." in file:
        check.error(
            where,
            f"„{file}“: Bitte nur den Dateinamen angeben; die Datei liegt im Ordner {folder}.",
        )
        return INVALID
    extension = file.rpartition(".")[2].lower()
    allowed = f"Erlaubt: {', '.join(sorted(schema.MATERIAL_TYPES))}."
    if "." not in file:
        check.error(where, f"„{file}“ hat keine Dateiendung. {allowed}")
        return INVALID
    if extension not in schema.MATERIAL_TYPES:
        check.error(where, f"Dateityp „.{extension}“ ist nicht erlaubt. {allowed}")
        return INVALID
    # No link is followed, to wherever it points: it could publish any file of the machine.
    # (measures/ itself is no link: there would be no measures to check.)
    directory = root / "measures" / measure_id
    if directory.is_symlink():
        check.error(
            where,
            f"„{file}“ verweist auf eine Datei außerhalb von {folder}: der Ordner ist eine "
            "Verknüpfung (Symlink). Bitte einen echten Ordner anlegen und die Datei selbst "
            "hineinlegen.",
        )
        return INVALID
    target = directory / file
    try:
        info = os.lstat(target)
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        # resolving reads link texts only, never the file behind them
        if Path(os.path.realpath(target)).parent == Path(os.path.realpath(directory)):
            message = (
                f"„{file}“ ist eine Verknüpfung (Symlink); Verknüpfungen sind nicht erlaubt, "
                f"bitte die Datei selbst in den Ordner {folder} legen."
            )
        else:
            message = (
                f"„{file}“ verweist auf eine Datei außerhalb von {folder}; Verknüpfungen "
                "(Symlinks) sind nicht erlaubt, bitte die Datei selbst in den Ordner legen."
            )
        check.error(where, message)
        return INVALID
    if info is None or not stat.S_ISREG(info.st_mode):
        check.error(
            where,
            f"Die Datei „{folder}{file}“ gibt es nicht; bitte in den Ordner "
            f"{folder} legen oder den Namen prüfen.",
        )
        return INVALID
    size = info.st_size
    if size > schema.MAX_MATERIAL_BYTES:
        mib = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        check.error(
            where,
            f"„{file}“ ist {mib} MiB groß; erlaubt sind höchstens {schema.MAX_MATERIAL_SIZE}. "
            "Bitte verkleinern oder woanders ablegen und mit „url“ verlinken.",
        )
        return INVALID
    return Material(item["title"], file=file, size=size)


def _check_material_folders(
    root: Path, folders: dict[str, os.DirEntry], measures: dict[str, Measure], problems: Problems
) -> None:
    """A folder in measures/ belongs to a measure; a file in it should be named as material.
    A link is reported, never followed or listed."""
    for name, folder in folders.items():
        rel = f"measures/{name}"
        if not os.path.lexists(root / "measures" / f"{name}.md"):
            if folder.is_symlink():
                problems.error(rel, 1, _folder_link(rel, "Materialordner"))
                continue
            problems.error(
                rel,
                1,
                f"Zum Materialordner „{rel}/“ gibt es keine Maßnahme „measures/{name}.md“.",
            )
            continue
        measure = measures.get(name)
        if measure is None:  # its errors come first (a material in a linked folder among them)
            continue
        if folder.is_symlink():
            problems.error(rel, 1, _folder_link(rel, "Materialordner"))
            continue
        named = {m.file for m in measure.materials}
        for file in _listing(Path(folder.path)):
            if file.name in named or file.name.startswith("."):
                continue
            if file.is_symlink():
                problems.error(f"{rel}/{file.name}", 1, NO_LINKS)
            elif file.is_file(follow_symlinks=False):
                problems.warn(
                    f"{rel}/{file.name}",
                    1,
                    "Diese Datei wird in „materials“ der "
                    "Maßnahme nicht genannt und daher nicht veröffentlicht.",
                )
