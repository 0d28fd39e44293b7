"""``catalogue rename``: give a measure or a profile a new id without breaking anything.

The entry's file (and a measure's materials folder) gets the new name, every reference in
the other files follows, and the old id goes into the entry's ``aliases``, so that its old
address redirects. The files are contributors' work: each change is a small edit of the text
at the place the YAML parser reports (comments, order, quoting and line endings stay); no file
is dumped anew. Everything is checked and every new text computed before the first write, and
a write that fails is undone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.ids import is_valid_id, propose_id, reserved_id_message
from ..core.model import Catalogue
from ..load.sourcefile import MAX_TEXT_BYTES, NO_FOLLOW
from ..validate.aliases import RESERVED_ALIASES
from ..validate.catalogue import load_catalogue
from .sample import SAMPLE_FILE

# The fields that name another entry, by the kind of entry they name: (folder of the files
# that hold them, field path; a list's items are found below it).
REFERENCES = {
    "measure": (("measures", ("based_on",)), ("measures", ("collaboration", "result")),
                ("libraries", ("adopted",))),
    "library": (("measures", ("libraries",)), ("measures", ("collaboration", "contact")),
                ("libraries", ("members",))),
}  # fmt: skip
FOLDERS = {"measure": ("measures", ".md"), "library": ("libraries", ".yml")}
KIND_NAMES = {"measure": "Maßnahme", "library": "Bibliothek"}
SAMPLE_KEYS = {"measure": "measures", "library": "libraries"}


class RenameError(Exception):
    """The rename is refused; ``messages`` say why (German), nothing was changed."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Plan:
    """Everything a rename does, computed before anything is written."""

    kind: str  # measure | library
    old: str
    new: str
    old_file: str  # relative to the root
    new_file: str
    new_text: bytes  # the renamed entry's file, with its alias
    folder: tuple[str, str] | None  # a measure's materials folder: (old, new), relative
    edits: dict[str, bytes] = field(default_factory=dict)  # other files: their new content
    originals: dict[str, bytes] = field(default_factory=dict)  # … and their content before
    report: list[str] = field(default_factory=list)  # what changes, in German


@dataclass(frozen=True)
class _Source:
    """A file's text exactly as it is (BOM and line endings kept), and where its YAML is."""

    text: str
    start: int  # of the YAML in ``text``
    end: int
    bom: bool

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return ("\ufeff" if self.bom else "").encode() + text.encode("utf-8")


def plan_rename(root: Path, old: str, new: str, kind: str | None = None) -> Plan:
    """The plan for renaming ``old`` to ``new``, or :class:`RenameError` with every reason.

    ``kind`` (measure | library) is only needed when both a measure and a profile are
    called ``old``."""
    root = Path(root)
    problems = []
    if not is_valid_id(new):
        problems.append(
            f"„{new}“ ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern und "
            f"Bindestriche, höchstens 80 Zeichen, z. B. „{propose_id(new)}“."
        )
    elif reserved := reserved_id_message(new):
        problems.append(reserved)
    problems += [
        f"Der Ordner „{folder}/“ ist eine Verknüpfung (Symlink)."
        for folder in ("measures", "libraries")
        if (root / folder).is_symlink()
    ]
    if problems:
        raise RenameError(problems)
    result = load_catalogue(root)
    if result.catalogue is None:
        raise RenameError(
            [p.text() for p in result.problems.sorted() if not p.warning]
            + [
                "Der Katalog enthält Fehler; bitte zuerst korrigieren („catalogue validate“), "
                "dann umbenennen."
            ]
        )
    catalogue = result.catalogue
    kind = _kind(catalogue, old, kind)
    _check_new_id(root, catalogue, kind, old, new)
    return _plan(root, catalogue, kind, old, new)


def _kind(catalogue: Catalogue, old: str, kind: str | None) -> str:
    found = [
        k for k, entries in (("measure", catalogue.measures), ("library", catalogue.libraries))
        if old in entries and kind in (None, k)
    ]  # fmt: skip
    if len(found) == 1:
        return found[0]
    if found:
        raise RenameError(
            [
                f"„{old}“ ist sowohl eine Maßnahme als auch eine Bibliothek; bitte mit "
                "„--kind measure“ oder „--kind library“ sagen, welche umbenannt wird."
            ]
        )
    for entries in (catalogue.measures, catalogue.libraries):
        for entry in entries.values():
            if old in entry.aliases:
                raise RenameError(
                    [
                        f"„{old}“ ist eine frühere Kennung von „{entry.path}“; umbenannt wird "
                        f"ein Eintrag unter seiner jetzigen Kennung „{entry.id}“."
                    ]
                )
    where = {"measure": "measures/", "library": "libraries/"}.get(kind or "", "")
    place = f"nicht unter {where}" if where else "weder unter measures/ noch unter libraries/"
    raise RenameError([f"Einen Eintrag „{old}“ gibt es {place}."])


def _check_new_id(root: Path, catalogue: Catalogue, kind: str, old: str, new: str) -> None:
    folder, suffix = FOLDERS[kind]
    entries = catalogue.measures if kind == "measure" else catalogue.libraries
    problems = []
    if new == old:
        problems.append(f"Alte und neue Kennung sind gleich („{old}“).")
    elif new in entries or os.path.lexists(root / folder / f"{new}{suffix}"):
        problems.append(f"„{folder}/{new}{suffix}“ gibt es schon; bitte eine andere Kennung.")
    elif kind == "measure" and os.path.lexists(root / folder / new):
        problems.append(f"Den Ordner „{folder}/{new}/“ gibt es schon; bitte eine andere Kennung.")
    for entry in entries.values():
        if new in entry.aliases:
            own = entry.id == old
            problems.append(
                f"„{new}“ ist eine frühere Kennung von „{entry.path}“ (unter „aliases“)"
                + (
                    "; soll der Eintrag sie wieder tragen, sie bitte zuerst dort entfernen."
                    if own
                    else "; ihre Adresse leitet dorthin weiter. Bitte eine andere Kennung."
                )
            )
    if old in RESERVED_ALIASES:
        problems.append(
            f"Die alte Kennung „{old}“ kann keine Weiterleitung bekommen (der Name ist für "
            "eine Seite der Website reserviert); bitte von Hand umbenennen."
        )
    if problems:
        raise RenameError(problems)


def _plan(root: Path, catalogue: Catalogue, kind: str, old: str, new: str) -> Plan:
    folder, suffix = FOLDERS[kind]
    old_file, new_file = f"{folder}/{old}{suffix}", f"{folder}/{new}{suffix}"
    materials = None
    if kind == "measure" and os.path.lexists(root / folder / old):
        if not stat.S_ISDIR(os.lstat(root / folder / old).st_mode):
            raise RenameError([f"„{folder}/{old}“ ist kein Ordner (oder eine Verknüpfung)."])
        materials = (f"{folder}/{old}", f"{folder}/{new}")
    plan = Plan(kind, old, new, old_file, new_file, b"", materials)
    plan.report.append(f"umbenannt: {old_file} → {new_file}")
    if materials:
        plan.report.append(f"umbenannt: {materials[0]}/ → {materials[1]}/")
    paths = sorted(
        [m.path for m in catalogue.measures.values()]
        + [lib.path for lib in catalogue.libraries.values()]
    )
    references = []  # reported after the renames and the alias
    for rel in paths:
        fields = [path for where, path in REFERENCES[kind] if rel.startswith(f"{where}/")]
        source = _read(root, rel)
        if rel != old_file and old not in source.text:
            continue  # the (slow) pure-Python parser only where the id occurs at all
        edits, lines = _reference_edits(source, fields, old, new, rel)
        if rel == old_file:
            edits.append(_alias_edit(source, old, rel))
            text = _apply(source.text, edits)
            _verify(source, text, rel, fields, old, new, alias=old)
            plan.new_text = source.encode(text)
            plan.report.append(
                f"„{old}“ unter „aliases“ von {new_file} ergänzt: die alte Adresse leitet weiter"
            )
        elif edits:
            text = _apply(source.text, edits)
            _verify(source, text, rel, fields, old, new)
            plan.edits[rel] = source.encode(text)
            plan.originals[rel] = source.encode(source.text)
        if lines:
            where = ", ".join(f"Zeile {line} ({name})" for line, name in lines)
            shown = new_file if rel == old_file else rel
            references.append(f"Verweis geändert: {shown}, {where}")
    plan.report += references
    _plan_sample(root, plan)
    return plan


def _plan_sample(root: Path, plan: Plan) -> None:
    """``beispielkatalog.yml`` names sample entries by id: a renamed one stays listed."""
    if not (root / SAMPLE_FILE).is_file() or (root / SAMPLE_FILE).is_symlink():
        return
    source = _read(root, SAMPLE_FILE)
    fields = [(SAMPLE_KEYS[plan.kind],)]
    edits, lines = _reference_edits(source, fields, plan.old, plan.new, SAMPLE_FILE)
    if edits:
        text = _apply(source.text, edits)
        _verify(source, text, SAMPLE_FILE, fields, plan.old, plan.new)
        plan.edits[SAMPLE_FILE] = source.encode(text)
        plan.originals[SAMPLE_FILE] = source.encode(source.text)
        plan.report.append(f"Verweis geändert: {SAMPLE_FILE}, Zeile {lines[0][0]}")


# --- reading and editing the text ----------------------------------------------------------


def _read(root: Path, rel: str) -> _Source:
    """The file's exact text, never through a link (the catalogue was checked just before)."""
    try:
        descriptor = os.open(root / rel, NO_FOLLOW)
    except OSError as error:
        raise RenameError([f"„{rel}“ lässt sich nicht lesen ({error.strerror})."]) from None
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise RenameError([f"„{rel}“ ist keine gewöhnliche Datei."])
        data = file.read(MAX_TEXT_BYTES + 1)
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")  # valid: the check read it
    start, end = 0, len(text)
    if rel.endswith(".md"):  # only the front matter between the first two „---“ lines
        lines = text.split("\n")
        offset = len(lines[0]) + 1
        start = offset
        for line in lines[1:]:
            if line.rstrip() in ("---", "..."):
                end = offset
                break
            offset += len(line) + 1
    return _Source(text, start, end, bom)


def _compose(source: _Source, text: str | None = None) -> yaml.Node | None:
    # The pure-Python parser: its marks count characters of the text (libyaml's may count
    # bytes). The text passed the catalogue's own, stricter loader just before.
    text = source.text if text is None else text
    end = source.end + len(text) - len(source.text)
    return yaml.compose(text[source.start : end], Loader=yaml.SafeLoader)


def _get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return key_node, value
    return None


def _at(node: yaml.Node | None, path: tuple[str, ...]) -> yaml.Node | None:
    for key in path:
        found = _get(node, key)
        node = found[1] if found else None
    return node


def _reference_edits(
    source: _Source, fields: list[tuple[str, ...]], old: str, new: str, rel: str
) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """The edits that turn ``old`` into ``new`` in ``fields`` (an id or a list of ids), and
    the line and field of each."""
    root = _compose(source)
    edits, lines = [], []
    for path in fields:
        node = _at(root, path)
        scalars = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for scalar in scalars:
            if isinstance(scalar, yaml.ScalarNode) and scalar.value.strip() == old:
                start = source.start + scalar.start_mark.index
                end = source.start + scalar.end_mark.index
                token = source.text[start:end]
                edits.append((start, end, token.replace(old, new, 1)))
                line = source.text.count("\n", 0, start) + 1
                lines.append((line, ".".join(path)))
    return edits, lines


def _alias_edit(source: _Source, alias: str, rel: str) -> tuple[int, int, str]:
    """The edit that adds ``alias`` to the entry's ``aliases``, in the style found there."""
    root = _compose(source)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise RenameError([f"„{rel}“: „aliases“ lässt sich hier nicht ergänzen; bitte von Hand."])
    found = _get(root, "aliases")
    newline = source.newline
    if found is None:  # a new last field of the YAML
        at = source.end
        before = "" if source.text[:at].endswith("\n") else newline
        return at, at, f"{before}aliases: [{alias}]{newline}"
    _, value = found
    if isinstance(value, yaml.SequenceNode) and value.flow_style:
        close = source.start + value.end_mark.index - 1  # the „]“
        return close, close, (f", {alias}" if value.value else alias)
    if isinstance(value, yaml.SequenceNode) and value.value:  # a block list: one more item
        last = value.value[-1]
        item_start = source.start + last.start_mark.index
        line_start = source.text.rfind("\n", 0, item_start) + 1
        prefix = source.text[line_start:item_start]  # „  - “
        end = source.text.find("\n", source.start + last.end_mark.index)
        end = len(source.text) if end < 0 else end
        if source.text[end - 1 : end] == "\r":
            end -= 1
        return end, end, f"{newline}{prefix}{alias}"
    if isinstance(value, yaml.ScalarNode):
        start = source.start + value.start_mark.index
        end = source.start + value.end_mark.index
        token = source.text[start:end]
        if value.style is None and value.value in ("", "~", "null", "Null", "NULL"):
            return start, end, ("" if token else " ") + f"[{alias}]"  # „aliases:“ left empty
        return start, end, f"[{token}, {alias}]"  # a single id without brackets
    raise RenameError([f"„{rel}“: „aliases“ lässt sich hier nicht ergänzen; bitte von Hand."])


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _verify(
    source: _Source,
    text: str,
    rel: str,
    fields: list[tuple[str, ...]],
    old: str,
    new: str,
    alias: str | None = None,
) -> None:
    """The new text must hold exactly the old data with the id changed (and the alias
    added): a text edit that went wrong is refused before anything is written."""
    before, after = yaml.safe_load(source.text[source.start : source.end]), None
    with contextlib.suppress(yaml.YAMLError):
        after = yaml.safe_load(text[source.start : source.end + len(text) - len(source.text)])
    expected = _renamed(before, fields, old, new)
    if alias is not None and isinstance(expected, dict):
        aliases = expected.get("aliases")
        aliases = (
            [] if aliases in (None, "") else [aliases] if isinstance(aliases, str) else aliases
        )
        expected["aliases"] = [*aliases, alias]
    if _comparable(after) != _comparable(expected):
        raise RenameError(
            [f"„{rel}“ lässt sich nicht sicher automatisch ändern; bitte von Hand umbenennen."]
        )


def _comparable(data):
    """``data`` without final line breaks of texts: a block text („about: |“) at the very end
    of a file gains one when a field is added below it, which no check of a field sees."""
    if isinstance(data, str):
        return data.rstrip("\n")
    if isinstance(data, list):
        return [_comparable(item) for item in data]
    if isinstance(data, dict):
        return {key: _comparable(value) for key, value in data.items()}
    return data


def _renamed(data, fields: list[tuple[str, ...]], old: str, new: str):
    for path in fields:
        parent = data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict) or path[-1] not in parent:
            continue
        value = parent[path[-1]]
        if isinstance(value, str) and value.strip() == old:
            parent[path[-1]] = value.replace(old, new, 1)
        elif isinstance(value, list):
            parent[path[-1]] = [
                v.replace(old, new, 1) if isinstance(v, str) and v.strip() == old else v
                for v in value
            ]
    return data


# --- writing ------------------------------------------------------------------------------


def apply_plan(root: Path, plan: Plan) -> None:
    """Carry the plan out: the new file first, the old one last; any failure undoes what
    was done, so that no text is ever lost. Raises ``OSError`` after undoing."""
    root = Path(root)
    undo: list[Callable[[], None]] = []
    try:
        _create(root / plan.new_file, plan.new_text, root / plan.old_file)
        undo.append(lambda: os.unlink(root / plan.new_file))
        for rel, content in plan.edits.items():
            target, original = root / rel, plan.originals[rel]
            _replace(target, content)
            undo.append(lambda target=target, original=original: _replace(target, original))
        if plan.folder:
            source, destination = root / plan.folder[0], root / plan.folder[1]
            if os.path.lexists(destination):
                raise FileExistsError(17, "gibt es schon", str(destination))
            os.rename(source, destination)
            undo.append(lambda: os.rename(destination, source))
        os.unlink(root / plan.old_file)
    except BaseException:
        for step in reversed(undo):
            with contextlib.suppress(OSError):  # undo does its best
                step()
        raise


def _temporary(folder: Path, content: bytes, like: Path) -> str:
    """A hidden file beside the target (the loader skips names with a dot) holding
    ``content``, with the permissions of ``like``."""
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".umbenennen-")
    try:
        with open(descriptor, "wb") as file:
            file.write(content)
        os.chmod(name, stat.S_IMODE(os.lstat(like).st_mode))
    except BaseException:
        os.unlink(name)
        raise
    return name


def _create(target: Path, content: bytes, like: Path) -> None:
    """``target`` anew, never over an existing file (a link makes no second name)."""
    name = _temporary(target.parent, content, like)
    try:
        os.link(name, target, follow_symlinks=False)
    finally:
        os.unlink(name)


def _replace(target: Path, content: bytes) -> None:
    if os.path.islink(target):
        raise IsADirectoryError(40, "ist ein Verweis (Link)", str(target))
    os.replace(_temporary(target.parent, content, target), target)
