"""Reading contributor files: size and encoding limits, BOM, line endings, front matter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_TEXT_BYTES = 1024 * 1024


class SourceError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_text(path: Path) -> str:
    """The file's text with a BOM removed and every line ending turned into ``\\n``."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise SourceError(
            1, f"Die Datei ist {size / 1024 / 1024:.1f} MiB groß; erlaubt ist höchstens 1 MiB Text."
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            line,
            "Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte "
            f"0x{data[exc.start]:02x}); bitte im Editor als „UTF-8“ speichern.",
        ) from None
    if "\x00" in text:
        raise SourceError(text.count("\n", 0, text.index("\x00")) + 1, "Die Datei enthält Nullbytes.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class FrontMatter:
    yaml: str
    yaml_offset: int  # lines before the YAML text (the opening ``---``)
    body: str
    body_line: int  # line of the file on which the body starts


def split_front_matter(text: str) -> FrontMatter:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(
            1,
            "Die Datei muss mit einem Kopfbereich beginnen: erste Zeile „---“, dann die Felder, "
            "dann wieder „---“.",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter(
                yaml="\n".join(lines[1:index]) + "\n",
                yaml_offset=1,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise SourceError(
        1, "Der Kopfbereich wird nicht geschlossen: nach den Feldern fehlt eine Zeile „---“."
    )
