"""A form issue turned into catalogue files and checked like a pull request would be.

``submission_from_issue`` parses the body, builds every file – attached materials included
(:mod:`generator.contribute.attachments`) – and validates them together with the normal
loader in a copy of the catalogue (``catalogue from-issue``). Every form adds new files but
two: „Maßnahme nachgemacht“ changes the library's existing profile
(:mod:`generator.contribute.adoption`), „Ist noch aktuell“ the measure's ``reviewed``
(:mod:`generator.contribute.review`); such a file is marked ``edit``."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.ids import is_valid_id, propose_id, reserved_id_message
from ..core.model import Catalogue, Taxonomy
from ..core.problems import Problem
from ..rules.forms import (
    FILES_FIELD,
    LABEL_CORRECTION,
    MAX_ATTACHMENTS,
    MAX_MEASURES,
    REVIEW_MEASURE,
    Form,
    forms,
)
from ..rules.german import unknown_id_message
from ..validate.catalogue import load_catalogue
from .adoption import adoption_edit
from .attachments import AttachmentError, Fetcher, find_attachments, material_name
from .entry_text import _checked, _ids, _one_line, _q, library_text, measure_text
from .issue_body import (
    ENTRY_PATH,
    MATERIAL_PATH,
    detect_form,
    normalise_body,
    parse_body,
    parse_files,
)
from .review import review_edit


def _entry_problems(entries: list[_Entry], root: Path) -> tuple[list[str], bool]:
    """Only new profiles and measures – and the existing profile an edit route changes –,
    at most one profile, no path twice; also whether the paths are safe to check in a copy
    of the catalogue at all."""
    errors: list[str] = []
    usable = bool(entries)
    seen: set[str] = set()
    profiles = measures = 0
    for entry in entries:
        path = entry.path
        match = ENTRY_PATH.match(path)
        entry_id = (match["measure"] or match["library"]) if match else ""
        if not match or not is_valid_id(entry_id):
            usable = False
            errors.append(
                f"Dateien: „{path[:100]}“ ist kein erlaubter Dateiname. Erlaubt sind nur neue "
                "Maßnahmen (measures/<kennung>.md) und Profile (libraries/<kennung>.yml); "
                "Kennungen aus Kleinbuchstaben, Ziffern und Bindestrichen."
            )
            continue
        if reserved := reserved_id_message(entry_id):
            errors.append(f"Dateien: {path}: {reserved}")
        if path in seen:
            usable = False
            errors.append(f"Dateien: „{path}“ steht zweimal im Text.")
        seen.add(path)
        profiles += bool(match["library"])
        measures += bool(match["measure"])
        if entry.edit:
            continue  # the edit route found the file and checked it is a file of its own
        if os.path.lexists(root / path):
            usable = False
            noun = "Maßnahme" if match["measure"] else "Bibliothek"
            errors.append(
                f"Eine {noun} mit der Kennung „{entry_id}“ gibt es schon ({path}). Bitte einen "
                "anderen Titel oder Namen wählen – oder die bestehende Datei ändern "
                "(„Änderung vorschlagen“ auf ihrer Seite)."
            )
    if profiles > 1:
        errors.append("Dateien: Ein Vorschlag darf höchstens ein Bibliotheksprofil enthalten.")
    if measures > MAX_MEASURES:
        errors.append(f"Dateien: Ein Vorschlag darf höchstens {MAX_MEASURES} Maßnahmen enthalten.")
    if not entries:
        errors.append("Dateien: Im Abschnitt steht keine Datei.")
    return errors, usable


@dataclass
class SubmittedFile:
    """A file a submission adds: a profile or measure as text, a material as bytes."""

    path: str  # relative to the repository
    text: str | None = None  # a profile or measure
    data: bytes | None = None  # a material
    edit: bool = False  # replaces the file of an entry in the catalogue (an edit route)

    @property
    def content(self) -> bytes:
        return self.data if self.data is not None else (self.text or "").encode("utf-8")


@dataclass
class _Entry:
    kind: str  # measure | library
    id: str
    path: str
    text: str
    origin: dict[int, str]  # line → form field id (empty for files from the website)
    title: str = ""
    edit: bool = False  # changes the existing file at ``path`` instead of adding one
    adopted: list[str] = field(default_factory=list)  # measure ids an adoption adds


@dataclass
class Submission:
    """What a form issue amounts to: files and pull request texts, or the errors to comment."""

    kind: str = ""  # the form: measure | library | combined | adoption | review | files | …
    id: str = ""  # the main entry (the measure, if there is one)
    path: str = ""  # relative to the repository
    text: str = ""
    title: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[SubmittedFile] = field(default_factory=list)  # every file, profile first
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, title
    message: str = ""  # to the editors (field „message“ of a form), for the pull request
    adopted: list[tuple[str, str]] = field(default_factory=list)  # measure id, title
    manual: bool = False  # a correction: the editors handle it by hand

    @property
    def valid(self) -> bool:
        return not self.errors and bool(self.path) and not self.manual

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]


CORRECTION_MESSAGE = (
    "Dies ist eine Korrekturmeldung. Die Redaktion bearbeitet sie von Hand; daraus entsteht "
    "kein automatischer Pull Request."
)


def submission_from_issue(
    body: str,
    root: Path,
    taxonomy: Taxonomy,
    today: dt.date | None = None,
    kind: str | None = None,
    current_body: str | None = None,
    fetch: Fetcher | None = None,
    labels: tuple[str, ...] | list[str] = (),
) -> Submission:
    """Parse, build and validate; never writes into ``root``. ``fetch`` downloads files
    attached to the issue (without it, attachments are an error: nothing is dropped)."""
    today = today or dt.date.today()
    result = Submission()
    broken = _lone_surrogate(body)
    if broken is not None:
        # JSON can carry half of a character pair; no file can hold one.
        result.errors.append(
            f"Der Text des Issues enthält an Stelle {broken + 1} ein unvollständiges Zeichen "
            "(oft ein beim Kopieren zerschnittenes Emoji). Bitte diese Stelle neu eingeben."
        )
        return result
    if current_body is not None and normalise_body(current_body) != normalise_body(body):
        result.errors.append(
            "Der Text des Issues wurde geändert, nachdem das Label „uebernehmen“ gesetzt "
            "wurde. Bitte die Änderung prüfen und das Label danach neu setzen."
        )
        return result
    form = next((f for f in forms(taxonomy) if f.kind == kind), None) if kind else None
    form = form or detect_form(body, taxonomy)
    if LABEL_CORRECTION in labels or (form is not None and form.kind == "correction"):
        result.kind, result.manual = "correction", True
        result.errors.append(CORRECTION_MESSAGE)
        return result
    if form is None:
        *first, last = [f"„{f.name}“" for f in forms(taxonomy) if f.kind != "correction"]
        result.errors.append(
            f"Dieses Issue stammt nicht aus dem Formular {', '.join(first)} oder {last}; es "
            "kann nicht automatisch übernommen werden."
        )
        return result
    result.kind = form.kind
    parsed = parse_body(body, form)
    result.errors += parsed.errors
    if parsed.errors:
        return result
    values = parsed.values
    for element in form.elements:
        if element.required and not values.get(element.id) and element.id != "consent":
            result.errors.append(f"„{element.label}“ ist ein Pflichtfeld, aber leer.")
    if not _checked(values.get("consent", "")):
        result.errors.append("Das Einverständnis zur Veröffentlichung fehlt.")
    result.message = values.get("message", "")
    labels_of = {e.id: e.label for e in form.elements}
    entries = _entries(form, values, today, root, result)
    if entries is None:
        return result
    errors, usable = _entry_problems(entries, root)
    result.errors += errors
    if not usable:  # nothing of it is written anywhere, not even into the copy
        return result
    if form.kind == "measure":  # also when other errors keep the loader from checking it
        known = {p.stem for p in (root / "libraries").glob("*.yml")}
        for library in _ids(values.get("libraries", "")):
            if library not in known:
                message = unknown_id_message("Bibliothek", library, sorted(known))
                result.errors.append(
                    f"{labels_of['libraries']}: {message} (Profile liegen im Ordner libraries/)"
                )
    materials = _attachments(values.get("attachments", ""), entries, root, fetch, result.errors)
    entries.sort(key=lambda e: e.kind != "library")  # the profile first, as it is needed first
    result.files = [SubmittedFile(e.path, text=e.text, edit=e.edit) for e in entries] + materials
    main = next((e for e in entries if e.kind == "measure"), entries[0])
    result.id, result.path, result.text = main.id, main.path, main.text
    problems, loaded = _validate(root, result.files)
    by_path = {e.path: e for e in entries}
    for problem in problems:
        entry = by_path.get(problem.path)
        if entry is not None and entry.origin:
            where = labels_of.get(entry.origin.get(problem.line, ""), "")
            if not where and entry.edit:  # a line the contributor did not write
                where = f"{problem.path}, Zeile {problem.line}"
        elif entry is not None or problem.line > 1:
            where = f"{problem.path}, Zeile {problem.line}"
        else:
            where = problem.path
        message = f"{where}: {problem.message}" if where else problem.message
        target = result.warnings if problem.warning else result.errors
        if message not in target:
            target.append(message)
    for entry in entries:
        if loaded is not None:
            found = (loaded.measures if entry.kind == "measure" else loaded.libraries).get(entry.id)
            if found is not None:
                entry.title = found.title if entry.kind == "measure" else found.name
        result.entries.append((entry.kind, entry.id, entry.title or entry.id))
        for measure_id in entry.adopted:
            measure = loaded.measures.get(measure_id) if loaded is not None else None
            result.adopted.append((measure_id, measure.title if measure else measure_id))
    result.title = main.title or main.id
    return result


def _entries(
    form: Form, values: dict[str, str], today: dt.date, root: Path, result: Submission
) -> list[_Entry] | None:
    """The files a form's answers make; ``None`` when no file name can be made."""
    errors = result.errors
    if form.kind == "adoption":  # the one route that changes a file: the library's profile
        labels = {e.id: e.label for e in form.elements}
        edit = adoption_edit(values, root, labels, errors, result.warnings)
        if edit is None:
            return None
        return [_Entry("library", edit.library, edit.path, edit.text, edit.origin, "", True,
                       edit.added)]  # fmt: skip
    if form.kind == "review":  # the measure's own file, with today's ``reviewed``
        label = next(e.label for e in form.elements if e.id == REVIEW_MEASURE)
        edit = review_edit(values, root, label, errors, today)
        if edit is None:
            return None
        return [_Entry("measure", edit.library, edit.path, edit.text, edit.origin, "", True)]
    if form.kind == "files":
        files, problems = parse_files(values.get(FILES_FIELD, ""))
        errors += problems
        if problems or not files:
            return None
        entries = []
        for path, text in files:
            match = ENTRY_PATH.match(path)
            kind = "measure" if match and match["measure"] else "library"
            entry_id = path.rpartition("/")[2].rpartition(".")[0]
            entries.append(_Entry(kind, entry_id, path, text, {}))
        return entries
    entries = []
    if form.kind in ("library", "combined"):
        name = _one_line(values.get("name", ""))
        text, origin, problems = library_text(values)
        errors += problems
        entry_id = propose_id(name) if name else ""
        if not entry_id or not is_valid_id(entry_id):
            return None
        entries.append(_Entry("library", entry_id, f"libraries/{entry_id}.yml", text, origin, name))
    if form.kind in ("measure", "combined"):
        if form.kind == "combined":
            values = {**values, "libraries": entries[0].id}
        title = _one_line(values.get("title", ""))
        text, origin, problems = measure_text(values, today)
        errors += problems
        entry_id = propose_id(title) if title else ""
        if not entry_id or not is_valid_id(entry_id):
            return None
        entries.append(_Entry("measure", entry_id, f"measures/{entry_id}.md", text, origin, title))
    return entries


def _attachments(
    value: str, entries: list[_Entry], root: Path, fetch: Fetcher | None, errors: list[str]
) -> list[SubmittedFile]:
    """Download the files attached in „Materialien als Datei“, check their type and name
    them as materials of the submission's measure (whose text gets a ``materials`` entry)."""
    if not value:
        return []
    found, problems = find_attachments(value)
    errors += problems
    found = list({a.url: a for a in found}.values())  # the same file twice is one file
    if not found:
        return []
    if len(found) > MAX_ATTACHMENTS:
        errors.append(
            f"Materialien als Datei: Es sind {len(found)} Dateien angehängt; übernommen werden "
            f"höchstens {MAX_ATTACHMENTS}. Weitere bitte per E-Mail an die Redaktion."
        )
        return []
    measures = [e for e in entries if e.kind == "measure"]
    if len(measures) != 1:
        errors.append(
            "Materialien als Datei: Angehängte Dateien gehören zu genau einer Maßnahme; bitte "
            "je Maßnahme ein eigenes Issue oder die Dateien per E-Mail an die Redaktion."
        )
        return []
    if fetch is None:
        errors.append(
            "Materialien als Datei: Das Issue enthält angehängte Dateien; sie werden nur "
            "übernommen, wenn „catalogue from-issue“ mit --fetch-attachments läuft (Redaktion: "
            "Einstellung des Workflows)."
        )
        return []
    measure = measures[0]
    folder = f"measures/{measure.id}"
    if os.path.lexists(root / folder):
        errors.append(
            f"Materialien als Datei: Den Ordner „{folder}/“ gibt es schon; bitte die Redaktion "
            "fragen oder einen anderen Titel wählen."
        )
        return []
    files: list[SubmittedFile] = []
    items: list[tuple[str, str]] = []
    taken: set[str] = set()
    for attachment in found:
        try:
            data = fetch(attachment.url)
            name = material_name(attachment, data, taken)
        except AttachmentError as error:
            errors.append(f"Materialien als Datei: {error}")
            continue
        files.append(SubmittedFile(f"{folder}/{name}", data=data))
        items.append((attachment.title[:120], name))
    if items:
        added = add_materials(measure.text, items)
        if added is None:
            errors.append(
                "Materialien als Datei: Im Kopfbereich der Maßnahme lässt sich „materials“ "
                "nicht ergänzen; bitte „materials“ als Liste untereinander schreiben."
            )
            return []
        measure.text, at, count = added
        measure.origin = {
            (line if line < at else line + count): key for line, key in measure.origin.items()
        }
        measure.origin.update({at + i: "attachments" for i in range(count)})
    return files


_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?P<rest>.*)$")


def add_materials(text: str, items: list[tuple[str, str]]) -> tuple[str, int, int] | None:
    """The measure's text with ``- title / file`` entries added to ``materials`` (a new
    block before the closing ``---`` when there is none); also the first new line (1-based)
    and how many lines were added. ``None`` when the front matter has no usable shape."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return None
    start = next(
        (i for i in range(1, close) if (m := _TOP_KEY.match(lines[i])) and m["key"] == "materials"),
        None,
    )
    indent, at = "  ", close
    new_block: list[str] = []
    if start is None:
        new_block = ["materials:"]
    else:
        rest = _TOP_KEY.match(lines[start])["rest"].split("#", 1)[0].strip()
        if rest == "[]":
            lines[start] = "materials:"
        elif rest:
            return None
        at = start + 1
        first_item = None
        while at < close:
            line = lines[at]
            if line.strip() and not line.startswith((" ", "\t", "-", "#")):
                break  # the next top-level key
            if first_item is None and line.lstrip().startswith("- "):
                first_item = line[: len(line) - len(line.lstrip())]
            at += 1
        while at - 1 > start and not lines[at - 1].strip():
            at -= 1  # new entries right after the last one, not after blank lines
        indent = first_item if first_item is not None else "  "
    for title, name in items:
        new_block += [f"{indent}- title: {_q(title)}", f"{indent}  file: {_q(name)}"]
    lines[at:at] = new_block
    return "\n".join(lines), at + 1, len(new_block)


def _lone_surrogate(text: str) -> int | None:
    """Position of a lone UTF-16 surrogate, which cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def _validate(root: Path, files: list[SubmittedFile]) -> tuple[list[Problem], Catalogue | None]:
    """Problems of the new files, checked together as `catalogue validate` would check them
    in the catalogue they join: in a copy of that catalogue (links in it stay links, which
    the loader refuses as it does in the real one). Also the copy's catalogue, if valid."""
    for file in files:  # the parser lets no other path through; never write one anyway
        if not (ENTRY_PATH.match(file.path) or MATERIAL_PATH.match(file.path)):
            raise ValueError(f"unexpected path {file.path!r}")
    paths = {f.path for f in files}
    folders = {f.path.rpartition("/")[0] for f in files if f.data is not None}
    with tempfile.TemporaryDirectory(prefix="einreichung-") as temp:
        copy = Path(temp)
        for part in ("measures", "libraries", "betreiber.yml"):
            source = root / part
            if source.is_dir() and not source.is_symlink():
                shutil.copytree(source, copy / part, symlinks=True, copy_function=_copy)
            elif source.is_file() and not source.is_symlink():
                _copy(source, copy / part)
        for file in files:
            new = copy / file.path
            new.parent.mkdir(parents=True, exist_ok=True)
            new.unlink(missing_ok=True)  # a link of that name must not be written through
            new.write_bytes(file.content)
        loaded = load_catalogue(copy)
    problems = [
        p
        for p in loaded.problems.sorted()
        if p.path in paths or p.path in folders or p.path.rpartition("/")[0] in folders
    ]
    return problems, loaded.catalogue


def _copy(source: str | Path, target: str | Path) -> None:
    """A hard link where the file system allows it (materials can be large), else a copy:
    either way a file of its own in the copy, never a link to follow."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)
