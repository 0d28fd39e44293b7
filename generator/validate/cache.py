"""Remembers the result of checking each content file, keyed by everything it depends on.

A catalogue of 10,000 measures takes seconds to check from scratch; most runs (``mkdocs
serve`` rebuilds, pre-commit, a second CI step) change a handful of files. The cache lives in
the user's cache folder, never in the repository: a pull request must not be able to plant
a cache file that the build would trust. It holds data, not pickles (loading JSON runs no
code), is never read or written through a link, and anything in it that is not exactly
what this module writes counts as absent.

File format (ASCII): a header line ``{"format": ..., "environment": ...}``, then one line
per entry, ``<key: 64 hex digits> <value as JSON>``. An entry is parsed only when it is
used, where it stands in the text; unchanged entries are written back as they were read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.model import Collaboration, Effort, Library, Material, Measure, Outcome, Toolkit
from ..core.problems import Problem, Problems
from ..load.sourcefile import MAX_TEXT_BYTES, NO_FOLLOW

_CODE = Path(__file__).parents[1]  # the whole generator package
_FORMAT = "bib-katalog/pruefung"


# --- shared with the search index's cache ---------------------------------------------------


def cache_folder(root: Path) -> Path:
    """This catalogue's folder in the user's cache folder: outside the repository, where a
    pull request cannot put anything, and one per checkout (keyed by its resolved path)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return base / "bib-katalog" / name


@functools.cache
def code_fingerprint() -> bytes:
    """The generator's code as this process imported it."""
    digest = hashlib.sha256()
    for source in sorted(_CODE.rglob("*.py")):
        digest.update(source.relative_to(_CODE).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.digest()


def read_regular_file(path: Path, limit: int | None = None) -> tuple[os.stat_result, bytes] | None:
    """Metadata and bytes of ``path``, or None unless it is a regular file of at most
    ``limit`` bytes that can be read. A link is never followed; metadata and bytes come from
    the same open file, so neither can be swapped in between."""
    try:
        descriptor = os.open(path, NO_FOLLOW)
    except (OSError, ValueError):
        return None
    try:
        with open(descriptor, "rb") as stream:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return None
            if limit is not None and info.st_size > limit:
                return None
            data = stream.read() if limit is None else stream.read(limit + 1)
    except OSError:
        return None
    if limit is not None and len(data) > limit:
        return None
    return info, data


def read_cache_file(path: Path) -> bytes | None:
    """A private cache file's bytes, or None; its folder must not be a link either."""
    if Path(path).parent.is_symlink():
        return None
    found = read_regular_file(path)
    return None if found is None else found[1]


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write through a temporary file of its own in the same folder, renamed into place: a
    reader never sees half a file, two writers never share one, and a link or anything else
    at ``path`` is replaced, never written through."""
    folder = Path(path).parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.is_symlink():
            return False
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return False  # a read-only home folder only costs speed
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


# --- what changes results besides the files -------------------------------------------------


def _library_versions() -> str:
    """Versions of the parser libraries, read from the names of their ``dist-info`` folders:
    importing importlib.metadata would cost more than a cached run of a small catalogue."""
    wanted = {"pyyaml": "", "pyromark": "", "nh3": ""}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                project, _, rest = name.rpartition(".")[0].partition("-")
                key = project.lower().replace("-", "_").replace(".", "_")
                if key in wanted and not wanted[key]:
                    wanted[key] = rest.partition("-")[0] or "?"
    return " ".join(f"{key} {version}" for key, version in sorted(wanted.items()))


def _yaml_parser() -> str:
    """The YAML parser in use: libyaml and PyYAML's own may differ in positions and error texts."""
    import yaml

    from ..load.yamldoc import _Loader

    libyaml = ""
    if yaml.__with_libyaml__:
        with contextlib.suppress(Exception):
            from yaml import _yaml

            libyaml = _yaml.get_version_string()
    return f"PyYAML {yaml.__version__} {_Loader.__name__} libyaml {libyaml}"


def _environment() -> bytes:
    parts = (code_fingerprint().hex(), sys.version, _library_versions(), _yaml_parser())
    return hashlib.sha256("\n".join(parts).encode()).digest()


# --- values as JSON -------------------------------------------------------------------------

_MODELS = {
    c.__name__: c for c in (Library, Measure, Toolkit, Outcome, Material, Effort, Collaboration)
}
_FIELDS = {c: tuple(f.name for f in dataclasses.fields(c)) for c in _MODELS.values()}


def _to_json(value: Any) -> Any:
    """``json.dumps``' hook for what JSON lacks; anything else makes the entry uncacheable."""
    kind = type(value)
    if kind is dt.date:
        return {"date": value.isoformat()}
    names = _FIELDS.get(kind)
    if names is None:
        raise TypeError(f"not cacheable: {kind.__name__}")
    fields: list[Any] = [kind.__name__]
    for name in names:
        field = getattr(value, name)
        if name == "lines":  # tuple keys: {("materials", 0, "file"): 16, …} as two lists
            field = {"lines": [[list(k) for k in field], list(field.values())]}
        elif type(field) is dict:  # would come back as something else
            raise TypeError(f"not cacheable: a dict in {kind.__name__}.{name}")
        fields.append(field)
    return {"model": fields}


def _from_json(obj: dict) -> Any:
    """``json.loads``' hook, the inverse of :func:`_to_json`; refuses everything else."""
    if len(obj) == 1:
        tag, value = next(iter(obj.items()))
        if tag == "model" and type(value) is list and value:
            return _MODELS[value[0]](*value[1:])
        if tag == "date" and type(value) is str:
            return dt.date.fromisoformat(value)
        if tag == "lines" and type(value) is list and len(value) == 2:
            keys, lines = value
            # checked in C loops: a measure has dozens of lines, a catalogue 10,000 measures
            if set(map(type, keys)) <= {list} and set(map(type, lines)) <= {int}:
                return dict(zip(map(tuple, keys), lines, strict=True))
    raise ValueError("not a value of this cache")


_DECODER = json.JSONDecoder(object_hook=_from_json)
_PLAIN = json.JSONDecoder()
_KEY = 64  # an entry line: the key's 64 hex digits, a space, the value


def _problems(items: Any) -> list[Problem]:
    problems = [Problem(*item) for item in items]
    for p in problems:  # sorting and printing rely on these types
        if not (
            type(p.path) is str
            and type(p.line) is int
            and type(p.message) is str
            and type(p.warning) is bool
        ):
            raise ValueError("not a problem")
    return problems


def _string_tuples(value: Any) -> list[tuple[str, ...]]:
    if type(value) is not list or not all(
        type(item) is list and all(type(part) is str for part in item) for item in value
    ):
        raise ValueError("not a list of tuples of strings")
    return [tuple(item) for item in value]


def _encode(value: Any) -> str:
    return json.dumps(value, default=_to_json, separators=(",", ":"))


# --- the cache ------------------------------------------------------------------------------


def cache_file(root: Path) -> Path:
    """The validation cache of the checkout at ``root``, outside the repository."""
    return cache_folder(root) / "pruefung.json"


class ValidationCache:
    """``load(path, extra, check)`` returns ``check()``'s result and problems, from the cache
    when the file (bytes and metadata), ``extra``, the generator's code and the parsers are
    unchanged."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled and not os.environ.get("CATALOGUE_NO_CACHE")
        self.file = cache_file(root)
        self.environment = _environment()
        self.header = json.dumps({"format": _FORMAT, "environment": self.environment.hex()})
        self.text = ""  # the file as read; entries are parsed from it where they stand
        self.old: dict[str, tuple[int, int]] = {}  # key (hex) → where its line is in text
        self.new: dict[str, tuple[int, int] | str] = {}  # … or the new line
        if self.enabled:
            self._read()

    def _read(self) -> None:
        data = read_cache_file(self.file)
        try:
            text = "" if data is None else data.decode("ascii")
        except UnicodeDecodeError:
            return
        start = text.find("\n") + 1
        if text[: start - 1] != self.header:  # another format, other code or parsers: stale
            return
        self.text = text
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if text[start + _KEY : start + _KEY + 1] == " ":
                self.old[text[start : start + _KEY]] = (start, end)
            start = end + 1

    def load(
        self, path: Path, extra: bytes, problems: Problems, check: Callable[[Problems], Any]
    ) -> Any:
        found = read_regular_file(path, MAX_TEXT_BYTES)
        if found is None:
            return check(problems)  # the check itself explains what is wrong with the file
        info, data = found
        digest = hashlib.sha256(self.environment)
        metadata = (str(path), info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode)
        digest.update(repr(metadata).encode() + b"\0")
        digest.update(len(extra).to_bytes(8, "big") + extra)  # where extra ends and data begins
        digest.update(data)

        def compute() -> tuple[Any, list[Problem]]:
            own = Problems()
            return check(own), own.items

        def decode(value: Any) -> tuple[Any, list[Problem]]:
            result, items = value
            if result is not None and type(result) not in (Library, Measure):
                raise ValueError("not a check result")
            return result, _problems(items)

        def encode(value: tuple[Any, list[Problem]]) -> str:
            result, items = value
            return _encode([result, [[p.path, p.line, p.message, p.warning] for p in items]])

        result, found = self._entry(digest.hexdigest(), compute, encode, _DECODER, decode)
        problems.items.extend(found)
        return result

    def remember(
        self, name: str, key: bytes, compute: Callable[[], list[tuple[str, ...]]]
    ) -> list[tuple[str, ...]]:
        """A whole-catalogue result under ``name``: a list of tuples of strings (e.g. the
        near-duplicate pairs of ids)."""
        digest = hashlib.sha256(self.environment + name.encode() + b"\0" + key).hexdigest()
        return self._entry(digest, compute, _encode, _PLAIN, _string_tuples)

    def _entry(
        self,
        key: str,
        compute: Callable[[], Any],
        encode: Callable[[Any], str],
        decoder: json.JSONDecoder,
        convert: Callable[[Any], Any],
    ) -> Any:
        span = self.old.get(key)
        if span is not None:
            try:
                # parsed in place, without copying the line out of the text
                value, end = decoder.raw_decode(self.text, span[0] + _KEY + 1)
                if end != span[1]:
                    raise ValueError("not one value on its line")
                value = convert(value)
            except Exception:  # damaged or foreign: whatever it is, computed anew below
                pass
            else:
                self.new[key] = span
                return value
        value = compute()
        with contextlib.suppress(TypeError, ValueError):  # not representable: not kept
            self.new[key] = f"{key} {encode(value)}"
        return value

    def save(self) -> None:
        if not self.enabled or self.new == self.old:
            return
        lines = [self.header]
        lines.extend(
            line if isinstance(line, str) else self.text[line[0] : line[1]]
            for line in self.new.values()
        )
        write_cache_file(self.file, ("\n".join(lines) + "\n").encode("ascii"))
