"""Remembers the result of checking each content file, keyed by everything it depends on.

A catalogue of 10,000 measures takes seconds to check from scratch; most runs (``mkdocs
serve`` rebuilds, pre-commit, a second CI step) change a handful of files. The cache lives in
the user's cache folder, never in the repository: a pull request must not be able to plant
a cache file that the build would trust.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .problems import Problem, Problems
from .sourcefile import MAX_TEXT_BYTES

_CODE = Path(__file__).parent


def _code_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for source in sorted(_CODE.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()


def _cache_file(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return base / "bib-katalog" / f"pruefung-{name}.pickle"


class ValidationCache:
    """``load(path, extra, check)`` returns ``check()``'s result and problems, from the cache
    when the file's bytes, ``extra`` and the generator's code are unchanged."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled and not os.environ.get("CATALOGUE_NO_CACHE")
        self.file = _cache_file(root)
        self.code = _code_fingerprint()
        self.old: dict[str, tuple[bytes, bytes]] = {}  # name → (key, pickled value)
        self.new: dict[str, tuple[bytes, bytes]] = {}
        if self.enabled and self.file.is_file():
            try:
                with self.file.open("rb") as stream:
                    self.old = pickle.load(stream)
            except Exception:  # a damaged or foreign cache is simply rebuilt
                self.old = {}

    def load(
        self, path: Path, extra: bytes, problems: Problems, check: Callable[[Problems], Any]
    ) -> Any:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEXT_BYTES:
            return check(problems)  # the check itself explains what is wrong with the file
        key = hashlib.sha256(self.code + extra + path.read_bytes()).digest()

        def compute() -> tuple[Any, list[Problem]]:
            own = Problems()
            return check(own), own.items

        result, found = self._entry(str(path), key, compute)
        problems.items.extend(found)
        return result

    def remember(self, name: str, key: bytes, compute: Callable[[], Any]) -> Any:
        """A whole-catalogue result (e.g. the near-duplicate pairs) under ``name``."""
        return self._entry(name, hashlib.sha256(self.code + key).digest(), compute)

    def _entry(self, name: str, key: bytes, compute: Callable[[], Any]) -> Any:
        # Each entry is pickled on its own: unchanged entries are saved again as they were
        # read, and pickling 10,000 entries at once would keep a memo of every object.
        cached = self.old.get(name)
        if cached is not None and cached[0] == key:
            try:
                value = pickle.loads(cached[1])
            except Exception:  # damaged: computed anew below
                pass
            else:
                self.new[name] = cached
                return value
        value = compute()
        self.new[name] = (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def save(self) -> None:
        if not self.enabled or self.new == self.old:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(".tmp")
            with temporary.open("wb") as stream:
                pickle.dump(self.new, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.file)
        except OSError:
            pass  # a read-only home folder only costs speed
