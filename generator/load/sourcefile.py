"""Reading contributor files: size and encoding limits, BOM, line endings, front matter."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_TEXT_BYTES = 1024 * 1024
NO_LINKS = "Verknüpfungen (Symlinks) sind nicht erlaubt; bitte die Datei selbst ablegen."
_NOT_REGULAR = "Das ist keine gewöhnliche Datei (Ordner, Verknüpfung oder Gerät)."
# Opening with these never follows a link at the last part of the path (ELOOP instead) and
# never blocks on a FIFO; fstat on the open file then tells what it really is.
NO_FOLLOW = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


class SourceError(Exception):
    """A file that cannot be read as text, with the line the contributor should look at."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_text(path: Path) -> str:
    r"""The file's text with a BOM removed and every line ending turned into ``\n``.

    A link is refused, never followed: it could point anywhere, e.g. at secrets of the CI
    machine. The check and the read use the same open file, so no link can be swapped in
    between; the folders above ``path`` are the caller's to check."""
    try:
        descriptor = os.open(path, NO_FOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise SourceError(1, NO_LINKS) from None
        if exc.errno == errno.ENOENT:
            raise SourceError(1, _NOT_REGULAR) from None
        raise SourceError(1, f"Die Datei lässt sich nicht lesen ({exc.strerror}).") from None
    with open(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would never end
            raise SourceError(1, _NOT_REGULAR)
        try:
            data = file.read(MAX_TEXT_BYTES + 1)
        except OSError as exc:
            raise SourceError(1, f"Die Datei lässt sich nicht lesen ({exc.strerror}).") from None
    if len(data) > MAX_TEXT_BYTES:
        size = max(info.st_size, len(data))
        raise SourceError(
            1,
            f"Die Datei ist {_kib(size)} KiB groß; erlaubt sind höchstens {_kib(MAX_TEXT_BYTES)} "
            "KiB (1 MiB) Text. Bilder und Dokumente gehören als Material in den Ordner der "
            "Maßnahme.",
        )
    data = data.removeprefix(b"\xef\xbb\xbf")  # so that error positions count from the file start
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1]
        try:  # most such files were saved as Windows-1252: name the character it stands for
            guess = f" – in Windows-1252 wäre das „{byte.decode('cp1252')}“"
        except UnicodeDecodeError:
            guess = ""
        raise SourceError(
            line,
            f"Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte 0x{byte.hex()}{guess}); "
            "bitte im Editor als „UTF-8“ speichern.",
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(line, "Die Datei enthält Nullbytes; ist es wirklich eine Textdatei?")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_file(root: Path, *parts: str) -> bool:
    """Whether ``root/parts…`` is a regular file that is reached through no link below
    ``root``: a copy of it would follow any link, and publish whatever is behind it."""
    path, info = Path(root), None
    for part in parts:
        path = path / part
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode):
            return False
    return info is not None and stat.S_ISREG(info.st_mode)


def _kib(size: int) -> str:
    return f"{-(-size // 1024):,}".replace(",", ".")  # rounded up: 1 MiB + 1 byte is too big


@dataclass(frozen=True)
class FrontMatter:
    """A measure file split into its YAML head and Markdown body, with the lines each starts at."""

    yaml: str
    yaml_offset: int  # lines before the YAML text (the opening ``---``)
    body: str
    body_line: int  # line of the file on which the body starts


def split_front_matter(text: str) -> FrontMatter:
    """Split at the ``---`` lines, so that YAML and Markdown are parsed apart with true lines."""
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
