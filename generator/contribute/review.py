"""„Ist noch aktuell“: a form issue that sets an existing measure's ``reviewed`` date.

``review_edit`` finds the measure and writes the day of the take-over into its front
matter – only there: ``set_reviewed`` replaces the ``reviewed`` line or inserts one, keeps
every other byte, and the result is read back to make sure nothing else changed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..load.yamldoc import YamlError, load_yaml
from ..rules.forms import REVIEW_MEASURE
from .adoption import MEASURE_ENTRY, AdoptionEdit, existing_entry
from .entry_text import _one_line

FIELD = "reviewed"  # the measure's key

_KEY = re.compile(rf"^{FIELD}[ \t]*:")
_ANY_KEY = re.compile(rf"^[\"']?{FIELD}[\"']?[ \t]*:")  # also quoted: then not edited here
_PUBLISHED = re.compile(r"^published[ \t]*:[^\n]*$")
_FENCE = re.compile(r"^---[ \t]*\r?\n?$")


def review_edit(
    values: dict[str, str], root: Path, label: str, errors: list[str], today: dt.date
) -> AdoptionEdit | None:
    """The measure's file with ``reviewed: <today>``; ``None`` (and the reason in ``errors``)
    when there is nothing that could be checked. ``label`` names the form's field."""
    given = _one_line(values.get(REVIEW_MEASURE, ""))
    if not given:
        return None  # the required field's message is given already
    found = existing_entry(root, given, MEASURE_ENTRY, label, errors)
    if found is None:
        return None
    measure, path = found
    target = root / path
    try:
        text = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        errors.append(f"{path}: Die Maßnahme lässt sich nicht lesen; bitte die Redaktion fragen.")
        return None
    edited = set_reviewed(text, today)
    if edited is None or not _only_reviewed_changed(text, edited[0], path, today):
        errors.append(
            f"{path}: In dieser Maßnahme lässt sich „{FIELD}“ nicht automatisch setzen (der "
            f"Kopfbereich hat eine ungewöhnliche Form). Bitte die Redaktion, „{FIELD}: "
            f"{today.isoformat()}“ von Hand einzutragen."
        )
        return None
    new_text, line = edited
    return AdoptionEdit(measure, path, new_text, {line: REVIEW_MEASURE})


def set_reviewed(text: str, day: dt.date) -> tuple[str, int] | None:
    """The measure's text with ``reviewed: <day>`` in its front matter and that line's number
    (1-based): the ``reviewed`` line replaced, else a new one after ``published``, else
    before the closing ``---``. Every other byte stays. ``None`` for a text without front
    matter or with a ``reviewed`` this does not edit (quoted key, value over several lines)."""
    lines = re.split(r"(?<=\n)", text)
    if not lines or not _FENCE.match(lines[0]):
        return None
    close = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if close is None:
        return None
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    new_line = f"{FIELD}: {day.isoformat()}{newline}"
    content = [line.rstrip("\r\n") for line in lines[:close]]
    key = next((i for i in range(1, close) if _KEY.match(content[i])), None)
    if key is None:
        if any(_ANY_KEY.match(line) for line in content):
            return None
        after = next((i for i in range(1, close) if _PUBLISHED.match(content[i])), None)
        at = after + 1 if after is not None else close
        lines.insert(at, new_line)
        return "".join(lines), at + 1
    if key + 1 < close and content[key + 1][:1] in (" ", "\t"):
        return None  # a value continued on the next line
    lines[key] = f"{FIELD}: {day.isoformat()}{lines[key][len(content[key]) :] or newline}"
    return "".join(lines), key + 1


def _front_matter(text: str, path: str) -> dict | None:
    parts = re.split(r"^---[ \t]*\r?$", text, maxsplit=2, flags=re.M)
    if len(parts) < 3 or parts[0].strip():
        return None
    data = load_yaml(parts[1], path).data
    return data if isinstance(data, dict) else None


def _only_reviewed_changed(before: str, after: str, path: str, day: dt.date) -> bool:
    """The edited text reads as the measure did, with ``reviewed`` exactly ``day``, and the
    body after the front matter is unchanged."""
    try:
        old, new = _front_matter(before, path), _front_matter(after, path)
    except YamlError:
        return False
    if old is None or new is None or new.get(FIELD) != day:
        return False
    rest = {k: v for k, v in new.items() if k != FIELD}
    body = before.split("\n---", 1)[1].split("\n", 1)[1:]
    return rest == {k: v for k, v in old.items() if k != FIELD} and after.endswith(
        body[0] if body else ""
    )
