"""„Maßnahme nachgemacht“: a form issue that changes an existing profile instead of adding one.

``adoption_edit`` reads which library adopted which measures and writes their ids into the
library's ``adopted`` – only there: ``add_adopted`` edits the text of the file and keeps
every other byte, and the result is read back to make sure nothing else changed. Whether
the measures exist and are not the library's own is left to validation, as for every file
(:func:`generator.contribute.from_issue.submission_from_issue`)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.ids import is_valid_id, propose_id
from ..load.yamldoc import YamlError, load_yaml
from ..rules.forms import ADOPTION_LIBRARY, ADOPTION_MEASURES
from ..rules.german import unknown_id_message
from .entry_text import _ids, _one_line, _q

FIELD = "adopted"  # the profile's key


@dataclass
class AdoptionEdit:
    """The changed profile: its path, new text, line → form field id, the ids added."""

    library: str
    path: str
    text: str
    origin: dict[int, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)


# An entry's page on the website or its file: what people copy instead of the bare id.
_LIBRARY_REF = re.compile(r"(?:^|/)(?:bibliotheken|libraries)/(?P<id>[^/\s]+?)(?:\.yml)?/?$")
_MEASURE_REF = re.compile(r"(?:^|/)(?:massnahmen|measures)/(?P<id>[^/\s]+?)(?:\.md)?/?$")


def _reference(text: str, pattern: re.Pattern[str]) -> str:
    """``…/massnahmen/lesesommer/`` or ``measures/lesesommer.md`` → ``lesesommer``."""
    text = text.strip().split("#", 1)[0].split("?", 1)[0]
    match = pattern.search(text)
    return match["id"] if match else text


@dataclass(frozen=True)
class EntryKind:
    """What a form route needs to find an existing entry named in a form field."""

    folder: str
    suffix: str
    reference: re.Pattern[str]  # its page address or file, as people copy it
    noun: str  # for the unknown-id message
    hint: str  # where such entries are
    link: str  # the sentence for an entry that is a link, with {path}


PROFILE_ENTRY = EntryKind(
    "libraries", ".yml", _LIBRARY_REF, "Bibliothek", "Profile liegen im Ordner libraries/",
    "Das Profil {path} ist eine Verknüpfung, keine Datei; es wird nicht automatisch geändert.",
)  # fmt: skip
MEASURE_ENTRY = EntryKind(
    "measures", ".md", _MEASURE_REF, "Maßnahme", "Maßnahmen liegen im Ordner measures/",
    "Die Maßnahme {path} ist eine Verknüpfung, keine Datei; sie wird nicht automatisch "
    "geändert.",
)  # fmt: skip


def existing_entry(
    root: Path, given: str, kind: EntryKind, label: str, errors: list[str]
) -> tuple[str, str] | None:
    """Id and path of the existing, plain entry file that ``given`` names (an id, a page
    address or a file path); ``None`` and the reason in ``errors`` otherwise."""
    entry = _reference(given, kind.reference)
    folder = root / kind.folder
    known = sorted(p.stem for p in folder.glob(f"*{kind.suffix}") if not p.stem.startswith("_"))
    path = f"{kind.folder}/{entry}{kind.suffix}"
    if not is_valid_id(entry) or entry not in known:
        message = unknown_id_message(kind.noun, entry[:80], known)
        errors.append(f"{label}: {message} ({kind.hint})")
        return None
    if not _regular_file(root, root / path):
        errors.append(f"{label}: {kind.link.format(path=path)} Bitte die Redaktion fragen.")
        return None
    return entry, path


def adoption_edit(
    values: dict[str, str],
    root: Path,
    labels: dict[str, str],
    errors: list[str],
    warnings: list[str],
) -> AdoptionEdit | None:
    """The library's profile with the measures of the form added to ``adopted``; ``None``
    (and the reason in ``errors``) when there is nothing that could be checked."""
    library_label, measures_label = labels[ADOPTION_LIBRARY], labels[ADOPTION_MEASURES]
    given = _one_line(values.get(ADOPTION_LIBRARY, ""))
    if not given:
        return None  # the required field's message is given already
    found = existing_entry(root, given, PROFILE_ENTRY, library_label, errors)
    if found is None:
        return None
    library, path = found
    target = root / path
    measures: list[str] = []
    for part in _ids(values.get(ADOPTION_MEASURES, "")):
        measure = _reference(part, _MEASURE_REF)
        if not is_valid_id(measure):
            errors.append(
                f"{measures_label}: „{part[:80]}“ ist keine Kennung einer Maßnahme; sie steht "
                f"in der Adresse ihrer Seite (…/massnahmen/KENNUNG/), z. B. „{propose_id(part)}“."
            )
        elif measure not in measures:
            measures.append(measure)
    if not measures:
        return None
    try:
        text = target.read_bytes().decode("utf-8")
        current = _adopted(load_yaml(text, path).data)
    except (OSError, UnicodeDecodeError, YamlError, ValueError):
        errors.append(
            f"{path}: Das Profil lässt sich nicht lesen; bitte zuerst „catalogue validate“ "
            "ausführen oder die Redaktion fragen."
        )
        return None
    already = [m for m in measures if m in current]
    added = [m for m in measures if m not in current]
    one = len(already) == 1
    if not added:
        errors.append(
            f"{measures_label}: {_listed(already)} {'steht' if one else 'stehen'} schon unter "
            f"„{FIELD}“ im Profil ({path}); es gibt nichts zu ändern."
        )
        return None
    if already:
        warnings.append(
            f"{measures_label}: {_listed(already)} {'stand' if one else 'standen'} schon unter "
            f"„{FIELD}“ im Profil und {'wird' if one else 'werden'} nicht noch einmal "
            "eingetragen."
        )
    edited = add_adopted(text, added)
    if edited is None or not _only_adopted_changed(text, edited[0], path, current + added):
        errors.append(
            f"{path}: In diesem Profil lässt sich „{FIELD}“ nicht automatisch ergänzen (die "
            f"Liste hat eine ungewöhnliche Form). Bitte die Redaktion, „{FIELD}“ von Hand zu "
            "ändern."
        )
        return None
    new_text, lines = edited
    origin = dict.fromkeys(lines, ADOPTION_MEASURES)
    return AdoptionEdit(library, path, new_text, origin, added)


def _regular_file(root: Path, target: Path) -> bool:
    """A file of its own, not reached through a link (the profile is edited in place)."""
    return (
        target.is_file()
        and not target.is_symlink()
        and not os.path.islink(target.parent)
        and target.parent.parent.resolve() == root.resolve()
    )


def _adopted(data: Any) -> list[str]:
    """The ids a profile's ``adopted`` lists now; a ``ValueError`` for a shape no valid
    profile has."""
    if not isinstance(data, dict):
        raise ValueError("no mapping")
    value = data.get(FIELD)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("no list of ids")
    return [v.strip() for v in value]


def _listed(ids: list[str]) -> str:
    quoted = [f"„{i}“" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " und " + quoted[-1]


def _only_adopted_changed(before: str, after: str, path: str, adopted: list[str]) -> bool:
    """The edited text reads as the profile did, with ``adopted`` exactly ``adopted``."""
    try:
        old, new = load_yaml(before, path).data, load_yaml(after, path).data
    except YamlError:
        return False
    if not isinstance(new, dict) or not isinstance(new.get(FIELD), list):
        return False
    rest = {k: v for k, v in new.items() if k != FIELD}
    return rest == {k: v for k, v in old.items() if k != FIELD} and new[FIELD] == adopted


_KEY = re.compile(rf"^{FIELD}[ \t]*:(?P<rest>.*)$")
_ANY_KEY = re.compile(rf"^[\"']?{FIELD}[\"']?[ \t]*:")  # also quoted: then not edited here
_FLOW = re.compile(r"^(?P<head>[ \t]*\[)(?P<items>[^\[\]{}#]*)(?P<tail>\][ \t]*(?:#.*)?)$")
_COMMENT = re.compile(r"^[ \t]*(?:#.*)?$")
_YAML_WORDS = re.compile(r"[0-9]+|null|true|false|yes|no|on|off|y|n")


def _plain(measure_id: str) -> str:
    """An id as YAML reads it back as text: plain, quoted only where YAML would read a
    number (``2024``), a boolean or null."""
    return _q(measure_id) if _YAML_WORDS.fullmatch(measure_id) else measure_id


def add_adopted(text: str, ids: list[str]) -> tuple[str, list[int]] | None:
    """The profile's text with ``ids`` added to ``adopted`` and the lines (1-based) that carry
    them: appended as ``adopted: [a, b]`` when there is no such key, else added to its flow
    list (``adopted: [x]``) or block list (``- x``) in place. Every other byte stays as it
    was (a missing line break at the end is added). ``None`` when ``adopted`` has a shape
    this does not edit, such as a flow list over several lines."""
    newline = "\r\n" if "\r\n" in text else "\n"
    items = [_plain(i) for i in ids]
    lines = re.split(r"(?<=\n)", text)  # each with its line break
    if lines and lines[-1] == "":
        lines.pop()
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    content = [line.rstrip("\r\n") for line in lines]
    key = next((i for i, line in enumerate(content) if _KEY.match(line)), None)
    if key is None:
        if any(_ANY_KEY.match(line) for line in content):
            return None
        lines.append(f"{FIELD}: [{', '.join(items)}]{newline}")
        return "".join(lines), [len(lines)]
    ending = lines[key][len(content[key]) :]
    rest = _KEY.match(content[key])["rest"]  # type: ignore[index]
    flow = _FLOW.match(rest)
    if flow:
        inner = flow["items"]
        present = inner.rstrip()
        if not present.strip():
            inner = ", ".join(items)
        else:
            between = " " if present.endswith(",") else ", "
            inner = present + between + ", ".join(items) + inner[len(present) :]
        lines[key] = f"{FIELD}:{flow['head']}{inner}{flow['tail']}{ending}"
        return "".join(lines), [key + 1]
    if not _COMMENT.match(rest):
        return None  # a single id, a flow list over several lines, …
    last, indent = None, None
    for index in range(key + 1, len(content)):
        line = content[index]
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") or stripped == "-":
            if indent is None:
                indent = line[: len(line) - len(stripped)]
            elif line[: len(line) - len(stripped)] != indent:
                return None
            last = index
        elif stripped and not line.startswith((" ", "#")):
            break  # the next top-level key
        elif stripped and not stripped.startswith("#"):
            return None  # an item over several lines
    if last is None or indent is None:  # „adopted:“ without items: the list on that line
        comment = rest.strip()
        lines[key] = f"{FIELD}: [{', '.join(items)}]{'  ' + comment if comment else ''}{ending}"
        return "".join(lines), [key + 1]
    lines[last + 1 : last + 1] = [f"{indent}- {item}{newline}" for item in items]
    return "".join(lines), list(range(last + 2, last + 2 + len(items)))
