"""The body GitHub renders from a form issue, read back into the values of its fields.

Everything in an issue body is untrusted text: it is only ever parsed and quoted, never run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.model import Taxonomy
from ..rules.forms import MAX_BODY_CHARS, Form, forms

NO_RESPONSE = "_No response_"  # what GitHub writes for a field left empty

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")


@dataclass
class Parsed:
    """A form issue's answers by field id, or the errors that keep it from being read."""

    values: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def normalise_body(body: str) -> str:
    r"""Line breaks as \n; the invisible separators that pasted text brings become \n too."""
    return _LINE_BREAKS.sub("\n", body).strip()


_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")


def _headings(text: str, labels: set[str]) -> tuple[list[tuple[str, int, int]], bool]:
    """``### <label>`` lines (label, start, end) outside fenced code blocks – where GitHub
    shows a heading, not inside a quoted file – and whether a code block is left open."""
    found: list[tuple[str, int, int]] = []
    fence = ""
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if fence:
            close = _FENCE_CLOSE.match(line)
            if close and close["fence"][0] == fence[0] and len(close["fence"]) >= len(fence):
                fence = ""
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening["fence"][0] == "`" and "`" in opening["info"]):
            fence = opening["fence"]
            continue
        heading = _HEADING.match(line)
        if heading and heading.group(1).strip() in labels:
            found.append((heading.group(1).strip(), start, start + len(line)))
    return found, bool(fence)


def parse_body(body: str, form: Form) -> Parsed:
    """Field id → the text a contributor entered, from the Markdown GitHub renders."""
    result = Parsed()
    if len(body) > MAX_BODY_CHARS:
        result.errors.append(
            f"Der Text ist {len(body):,} Zeichen lang; erlaubt sind höchstens "
            f"{MAX_BODY_CHARS:,}. Bitte kürzen.".replace(",", ".")
        )
        return result
    text = "\n" + normalise_body(body) + "\n"
    by_label = {e.label: e for e in form.elements}
    headings, open_fence = _headings(text, set(by_label))
    seen: dict[str, int] = {}
    for label, _, _ in headings:
        seen[label] = seen.get(label, 0) + 1
    for label, count in seen.items():
        if count > 1:
            result.errors.append(
                f"Die Überschrift „### {label}“ kommt {count}-mal vor; sie darf in den "
                "Antworten nicht vorkommen. Bitte den Text ändern."
            )
    if result.errors:
        return result
    for index, (label, _, end) in enumerate(headings):
        stop = headings[index + 1][1] if index + 1 < len(headings) else len(text)
        value = text[end:stop].strip()
        if value == NO_RESPONSE or value == "None":
            value = ""
        result.values[by_label[label].id] = value
    for element in form.elements:
        if element.label not in seen and element.required:
            result.errors.append(f"Der Abschnitt „{element.label}“ fehlt im Text des Issues.")
    if open_fence and any(e.label not in seen for e in form.elements):
        result.errors.append(
            "Ein Codeblock (eine Zeile mit ``` oder ~~~) wird nicht wieder geschlossen; alles "
            "danach gilt als Teil davon. Bitte die Zeile löschen oder den Block schließen."
        )
    return result


def detect_form(body: str, taxonomy: Taxonomy) -> Form | None:
    """The form whose headings the body carries: a correction whenever its first heading
    is there (so that it never becomes a file), else the form that matches most headings,
    the smaller one on a tie (a library's headings are all in the combined form too)."""
    text = "\n" + normalise_body(body) + "\n"
    candidates = forms(taxonomy)
    headings, _ = _headings(text, {e.label for f in candidates for e in f.elements})
    present = {label for label, _, _ in headings}
    qualified = [f for f in candidates if f.elements[0].label in present]
    for form in qualified:
        if form.kind == "correction":
            return form
    if not qualified:
        return None
    return max(
        qualified,
        key=lambda f: (sum(e.label in present for e in f.elements), -len(f.elements)),
    )


# --- the files the website's form writes -----------------------------------------------

_FILE_HEADING = re.compile(r"^#### (?P<path>\S+)$")
_FILE_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>yaml|markdown)$")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ENTRY_PATH = re.compile(rf"^(?:measures/(?P<measure>{_ID})\.md|libraries/(?P<library>{_ID})\.yml)$")
MATERIAL_PATH = re.compile(rf"^measures/{_ID}/{_ID}\.[a-z]+$")


def files_block(files: dict[str, str]) -> str:
    """The text of the field „Dateien“: each file under ``#### <path>`` in a code block
    whose fence is longer than any run of backticks in it (mirrored in einreichen.js)."""
    blocks = []
    for path, text in files.items():
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        info = "yaml" if path.endswith(".yml") else "markdown"
        blocks.append(f"#### {path}\n\n{fence}{info}\n{text.rstrip(chr(10))}\n{fence}")
    return "\n\n".join(blocks)


def parse_files(value: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, text) of every file in the field „Dateien“, strictly in the form
    ``files_block`` writes; anything else, or a path that is no new entry, is an error."""
    lines = value.split("\n")
    files: list[tuple[str, str]] = []
    index = 0

    def broken(number: int, what: str) -> tuple[list[tuple[str, str]], list[str]]:
        return [], [
            f"Dateien: {what} (Zeile {number} des Abschnitts). Der Abschnitt muss so bleiben, "
            "wie ihn das Formular auf der Website geschrieben hat – bitte dort neu erzeugen "
            "und den Text ohne Änderung einfügen."
        ]

    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        heading = _FILE_HEADING.match(lines[index].rstrip())
        if not heading:
            return broken(index + 1, "Hier wird „#### “ mit dem Namen einer Datei erwartet")
        path, index = heading["path"], index + 1
        while index < len(lines) and not lines[index].strip():
            index += 1
        opening = _FILE_FENCE.match(lines[index].rstrip()) if index < len(lines) else None
        if not opening:
            return broken(index + 1, f"Nach „#### {path[:80]}“ fehlt der Codeblock mit der Datei")
        if (opening["info"] == "yaml") != path.endswith(".yml"):
            return broken(index + 1, f"Die Art des Codeblocks passt nicht zu „{path[:80]}“")
        fence, index = opening["fence"], index + 1
        first = index
        while index < len(lines) and lines[index].rstrip() != fence:
            index += 1
        if index == len(lines):
            return broken(first, f"Der Codeblock von „{path[:80]}“ wird nicht geschlossen")
        files.append((path, "\n".join(lines[first:index]) + "\n"))
        index += 1
    return files, []
