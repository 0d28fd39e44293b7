"""Line-aware, hardened YAML loading.

PyYAML's own loaders forget where a value stood, silently keep the last of two
equal keys and expand aliases (the "billion laughs" bomb).  We build the data
from the parser's event stream instead: every key and value keeps its line,
and duplicate keys, anchors, aliases and explicit tags are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's parser is about ten times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path = tuple[str | int, ...]

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_BOOLS = {"true", "false"}
MAX_DEPTH = 50  # deeper nesting is never content, and would exhaust Python's recursion limit
# libyaml needs time quadratic in the depth of [ and { (a 1 MiB "[[[…" takes hours), so
# such text is refused before it is parsed.  The count ignores quotes: the bound is far
# above any real content.
MAX_FLOW_BRACKETS = 1000
_BRACKETS = re.compile(r"[\[\]{}]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


class YamlError(Exception):
    """The text is not YAML we accept; ``line`` is 1-based within the document."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """Plain data (dicts, lists, scalars) plus the source line of every part of it."""

    path: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    # Plain scalars that YAML turned into something other than text (``NO`` → False),
    # kept so that a message can quote what the contributor actually wrote.
    raw: dict[Path, str] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *keys: str | int) -> int:
        """The line of ``keys``, or of its nearest ancestor that has one."""
        path: Path = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


def load_yaml(text: str, path: str, line_offset: int = 0) -> Document:
    """Parse ``text`` (one YAML document) into a :class:`Document`.

    ``line_offset`` is added to every line, for YAML that sits below other lines
    of its file (front matter).  Raises :class:`YamlError`.
    """
    doc = Document(path=path, data=None, first_line=line_offset + 1)
    _check_line_separators(text, line_offset)
    _check_indentation_spaces(text, line_offset)
    _check_flow_depth(text, line_offset)
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and ("quoted" in (exc.context or "") or "flow" in (exc.context or "")):
            mark = exc.context_mark  # where the unclosed quote or bracket opens, not the file end
        line = (mark.line + 1 if mark else 1) + line_offset
        lines = text.split("\n")
        source_line = lines[line - line_offset - 1] if 0 < line - line_offset <= len(lines) else ""
        raise YamlError(line, _syntax_message(exc, source_line)) from None
    except yaml.reader.ReaderError as exc:  # control characters; carries no line
        # libyaml counts the position in bytes, so find the character itself.
        index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, index) + 1 if index >= 0 else 1
        raise YamlError(
            line + line_offset,
            f"Unzulässiges Steuerzeichen (U+{exc.character:04X}) – bitte entfernen; "
            "es ist oft beim Kopieren aus einem anderen Programm hineingeraten.",
        ) from None
    except yaml.YAMLError:  # pragma: no cover - PyYAML raises only the two above
        raise YamlError(line_offset + 1, "Ungültiges YAML.") from None

    builder = _Builder(doc, events, line_offset)
    doc.data = builder.build()
    return doc


def _check_line_separators(text: str, line_offset: int) -> None:
    """YAML counts U+2028, U+2029 and U+0085 as line breaks, editors do not: the parser's
    lines would no longer match what the contributor sees. They arrive invisibly when text
    is copied from a word processor or a web page."""
    match = _LINE_SEPARATORS.search(text)
    if match:
        raise YamlError(
            text.count("\n", 0, match.start()) + 1 + line_offset,
            f"Unsichtbarer Zeilentrenner (U+{ord(match.group()):04X}) – bitte durch einen "
            "normalen Zeilenumbruch oder ein Leerzeichen ersetzen; er gerät oft beim Kopieren "
            "aus einem anderen Programm hinein.",
        )


_ODD_INDENT = re.compile(r"^[ ]*[\u00a0\u2007\u202f\u3000]", re.MULTILINE)


def _check_indentation_spaces(text: str, line_offset: int) -> None:
    """Non-breaking spaces look like spaces but do not indent for YAML; they come with text
    copied from a word processor or a web page."""
    match = _ODD_INDENT.search(text)
    if match:
        char = match.group()[-1]
        raise YamlError(
            text.count("\n", 0, match.start()) + 1 + line_offset,
            f"Diese Zeile ist mit geschützten Leerzeichen (U+{ord(char):04X}) eingerückt; "
            "bitte durch normale Leerzeichen ersetzen.",
        )


def _check_flow_depth(text: str, line_offset: int) -> None:
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_BRACKETS:
            raise YamlError(
                text.count("\n", 0, match.start()) + 1 + line_offset,
                f"Zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); bitte Einrückung und "
                "Klammern prüfen.",
            )


def _syntax_message(exc: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = (exc.problem or "").strip()
    if "\t" in source_line and "cannot start any token" in problem:
        return (
            "Ungültiges YAML: Tabulatorzeichen sind nicht erlaubt; bitte mit Leerzeichen einrücken."
        )
    hints = {
        "mapping values are not allowed": (
            "Doppelpunkt an unerwarteter Stelle; enthält ein Wert einen Doppelpunkt, "
            "setzen Sie ihn in Anführungszeichen."
        ),
        "cannot start any token": (
            "Ein Wert darf nicht mit „`“, „@“ oder „%“ beginnen; bitte den Wert in "
            "Anführungszeichen setzen."
        ),
        "found unknown escape": (
            "Unbekanntes Zeichen nach „\\“ in doppelten Anführungszeichen; bitte einfache "
            "Anführungszeichen ('…') verwenden."
        ),
        "expected ',' or ']'": (
            "Die Liste ab dieser Zeile wird nicht mit „]“ geschlossen, oder ein Eintrag enthält "
            "ein Sonderzeichen; dann den Eintrag in Anführungszeichen setzen."
        ),
        "expected ',' or '}'": "Die Klammer „{“ ab dieser Zeile wird nicht mit „}“ geschlossen.",
        "expected <block end>": (
            "Die Einrückung dieser Zeile passt nicht zu den Zeilen davor; bitte mit "
            "Leerzeichen gleich weit einrücken wie die anderen Felder derselben Ebene."
        ),
        "did not find expected key": (
            "Die Einrückung dieser Zeile passt nicht zu den Zeilen davor; bitte mit "
            "Leerzeichen gleich weit einrücken wie die anderen Felder derselben Ebene."
        ),
        "did not find expected '-' indicator": (
            "Ein Listeneintrag ist anders eingerückt als die übrigen; bitte alle „- “ gleich "
            "weit einrücken."
        ),
        "expected a comment or a line break": (
            "Nach dem Wert steht in dieser Zeile noch etwas; enthält der Wert Anführungszeichen "
            "oder „#“, den ganzen Wert in Anführungszeichen setzen."
        ),
        "expected alphabetic or numeric character": (
            "Ein Wert darf nicht mit „&“, „*“ oder „!“ beginnen; bitte den Wert in "
            "Anführungszeichen setzen."
        ),
        "exceeded maximum nesting depth": (
            f"Zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); bitte Einrückung und "
            "Klammern prüfen."
        ),
    }
    for needle, hint in hints.items():
        if needle in problem:
            return f"Ungültiges YAML: {hint}"
    if "could not find expected ':'" in problem:
        return "Ungültiges YAML: Hier fehlt ein Doppelpunkt nach dem Feldnamen."
    if "quoted" in (exc.context or ""):
        return "Ungültiges YAML: Das Anführungszeichen in dieser Zeile wird nicht geschlossen."
    # The parser's own (English) words never reach a contributor.
    return "Ungültiges YAML – bitte Einrückung, Doppelpunkte und Anführungszeichen prüfen."


class _Builder:
    """Turns the event stream of one document into data, recording lines."""

    def __init__(self, doc: Document, events: list[yaml.Event], line_offset: int) -> None:
        self.doc = doc
        self.events = events
        self.pos = 0
        self.offset = line_offset

    def _line(self, event: yaml.Event) -> int:
        return event.start_mark.line + 1 + self.offset

    def _next(self) -> yaml.Event:
        event = self.events[self.pos]
        self.pos += 1
        return event

    def build(self) -> Any:
        documents = [e for e in self.events if isinstance(e, yaml.DocumentStartEvent)]
        if len(documents) > 1:
            raise YamlError(
                self._line(documents[1]),
                "Mehr als ein YAML-Dokument („---“) – bitte nur ein Dokument pro Datei.",
            )
        while self.pos < len(self.events):
            event = self._next()
            if isinstance(event, yaml.DocumentStartEvent):
                return self._node((), self._next())
        return None

    def _check_node(self, event: yaml.NodeEvent) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(
                self._line(event),
                f"YAML-Verweise („*{event.anchor}“) sind nicht erlaubt; "
                "bitte den Wert ausschreiben.",
            )
        if event.anchor is not None:
            raise YamlError(
                self._line(event),
                f"YAML-Anker („&{event.anchor}“) sind nicht erlaubt; bitte den Wert ausschreiben.",
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):  # "!" is what a quoted scalar carries
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise YamlError(
                self._line(event),
                f"YAML-Typangaben („{shown}“) sind nicht erlaubt; bitte entfernen.",
            )

    def _node(self, path: Path, event: yaml.Event) -> Any:
        self._check_node(event)
        if len(path) > MAX_DEPTH:
            raise YamlError(
                self._line(event),
                f"Zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); bitte Einrückung und "
                "Klammern prüfen.",
            )
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(path, event)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.events[self.pos], yaml.SequenceEndEvent):
                child = self._next()
                index = len(items)
                self.doc.lines[(*path, index)] = self._line(child)
                items.append(self._node((*path, index), child))
            self.pos += 1
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[Any, Any] = {}
            while not isinstance(self.events[self.pos], yaml.MappingEndEvent):
                key_event = self._next()
                self._check_node(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise YamlError(
                        self._line(key_event),
                        "Ein Feldname muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                    )
                key = key_event.value
                line = self._line(key_event)
                if key in mapping:
                    first = self.doc.lines[(*path, key)]
                    raise YamlError(
                        line,
                        f"Feld „{key}“ steht doppelt (zuerst in Zeile {first}); "
                        "bitte nur einmal angeben.",
                    )
                self.doc.lines[(*path, key)] = line
                mapping[key] = self._node((*path, key), self._next())
            self.pos += 1
            return mapping
        raise YamlError(self._line(event), "Unerwarteter YAML-Inhalt.")  # pragma: no cover

    def _scalar(self, path: Path, event: yaml.ScalarEvent) -> Any:
        if event.style not in (None, "") or not event.implicit[0]:
            return event.value  # quoted or block scalars are always text
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag == "tag:yaml.org,2002:str":
            return event.value
        # The constructor function itself, not construct_object: that one would keep
        # every node it ever saw (a memory leak across files) and is not needed for scalars.
        construct = _CONSTRUCTOR.yaml_constructors.get(tag)
        if construct is None:  # "<<" (merge) and "=" (value): keep the text
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            value = construct(_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            # e.g. a date-like 2025-02-30: keep the text, the field check explains it.
            return event.value
        if not isinstance(value, str) and not (
            isinstance(value, bool) and event.value.lower() in _PLAIN_BOOLS
        ):
            self.doc.raw[path] = event.value
        return value
