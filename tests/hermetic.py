"""The test session keeps to its temporary folders: a pytest plugin (``pytest_plugins`` in
conftest.py) that isolates the session and fails it when it wrote elsewhere.

Isolation, before any test module is imported: ``HOME`` and the XDG folders
(``XDG_CACHE_HOME``: validation cache and search index; Chromium's and fontconfig's files)
point at a temporary folder of the session, for the test process and every subprocess that
inherits its environment; ``SITE_URL`` is dropped, so that builds get mkdocs.yml's default
address as in CI, and ``NO_MKDOCS_2_WARNING`` is set: Material sets it in ``os.environ``
when it is first imported, so an in-process build would otherwise change what later
subprocesses print. All of it is undone at the end.

The guard (``Guard``) fails the session (exit status 1, its findings printed) when it wrote
into the repository or the real home folder, seen two ways:

1. New paths: what exists below the repository (pytest's rootdir) at the end and did not at
   the start, its tool folders (``IGNORED``) and a temporary folder inside it aside. This
   covers subprocesses too, but cannot tell who created a path: a file someone else adds to
   the working tree while the session runs (an editor, a second person) is reported as
   well – run the session again then.
2. Writes of the test process itself, through an audit hook (``sys.addaudithook``): a file
   opened for writing, a folder made, anything renamed, linked, removed, or changed in its
   mode or times below the repository or the real home folder (the temporary folders
   aside). This sees changes of files that existed (``catalogue schema --root REPO``),
   which the first view cannot, and names the test; it does not see subprocesses, whose
   environment points into the temporary folders.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Below the repository: folders of tools, not of tests (Git, the virtualenv, bytecode,
# pytest's own cache and ruff's).
IGNORED = frozenset({".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache"})
# pytest makes its cache folder under a temporary name first and renames it to .pytest_cache.
_PYTEST_CACHE_DRAFT = "pytest-cache-files-"


def _ignored(parts: tuple[str, ...]) -> bool:
    """Whether a path with these parts lies in a tool folder (``IGNORED``) or pytest's draft
    of its cache folder."""
    return bool(IGNORED.intersection(parts)) or any(
        part.startswith(_PYTEST_CACHE_DRAFT) for part in parts
    )


_XDG = {
    "XDG_CACHE_HOME": ".cache",
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
}


def isolate() -> tuple[Path, dict[str, str | None]]:
    """A temporary home folder with its XDG folders for this process and its children;
    returns the folder and the variables as they were, for ``restore``."""
    folder = Path(tempfile.mkdtemp(prefix="catalogue-tests-home-"))
    saved = {
        name: os.environ.get(name) for name in ("HOME", *_XDG, "SITE_URL", "NO_MKDOCS_2_WARNING")
    }
    os.environ["HOME"] = str(folder)
    for name, sub in _XDG.items():
        (folder / sub).mkdir(parents=True)
        os.environ[name] = str(folder / sub)
    os.environ.pop("SITE_URL", None)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    return folder, saved


def restore(folder: Path, saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(folder, ignore_errors=True)


def _below(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


def paths_below(root: Path, skip: tuple[str, ...] = ()) -> set[str]:
    """Every path below ``root`` (relative, POSIX), without the ``IGNORED`` folders and
    the folders ``skip``."""
    found = set()
    for folder, folders, files in os.walk(root):
        folders[:] = [
            name
            for name in folders
            if not _ignored((name,)) and os.path.join(folder, name) not in skip
        ]
        base = Path(folder).relative_to(root)
        found.update((base / name).as_posix() for name in (*folders, *files))
    return found


def new_paths(before: set[str], after: set[str]) -> list[str]:
    """What ``after`` has beyond ``before``; of a new folder only the folder."""
    added = sorted(after - before)
    return [p for p in added if not any(p.startswith(q + "/") for q in added if q != p)]


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# Audit events that change the file system: per path, its position and that of its dir_fd.
_EVENTS = {
    "os.mkdir": ((0, 2),),
    "os.rename": ((0, 2), (1, 3)),
    "os.replace": ((0, 2), (1, 3)),
    "os.remove": ((0, 1),),
    "os.rmdir": ((0, 1),),
    "os.symlink": ((1, 2),),
    "os.link": ((1, 3),),
    "os.truncate": ((0, None),),
    "os.chmod": ((0, 2),),
    "os.utime": ((0, 3),),
    "shutil.rmtree": ((0, 1),),
}
_WATCHED_EVENTS = frozenset({"open", *_EVENTS})
_ACTIVE: list[Guard] = []  # an audit hook cannot be removed: one for all, off when empty
_HOOKED = False


def _audit(event: str, args: tuple) -> None:
    if event not in _WATCHED_EVENTS or not _ACTIVE:
        return
    try:
        if event == "open":
            path, mode, flags = args
            if isinstance(mode, str):
                writes = any(c in mode for c in "wax+")
            else:
                writes = isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
            # (os.open's dir_fd is not in the event: a relative name counts from the cwd)
            targets = [(path, None)] if writes else []
        else:
            targets = [(args[p], None if d is None else args[d]) for p, d in _EVENTS[event]]
        for path, dir_fd in targets:
            if path is None or isinstance(path, int):
                continue  # an open file: checked when it was opened
            path = os.fsdecode(path)
            if isinstance(dir_fd, int) and not os.path.isabs(path):
                path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
            path = os.path.abspath(path)
            if event == "os.mkdir" and os.path.lexists(path):
                continue  # makedirs(exist_ok=True) of a folder that is there changes nothing
            for guard in _ACTIVE:
                guard.saw(path)
    except Exception:  # the guard must never break what it watches
        pass


class Guard:
    """Watches ``repo`` and ``home`` from ``start`` to ``report``; ``temporary``: folders
    the tests may write in (inside the repository only if they are inside it)."""

    def __init__(self, repo: Path, home: Path, temporary: list[Path]) -> None:
        self.repo = os.path.realpath(repo)
        self.home = os.path.realpath(home)
        self.temporary = [os.path.realpath(p) for p in temporary]
        # A temporary folder in the repository (--basetemp=tmp) is the tests' own; one that
        # holds the repository (a copy below /tmp) does not make the repository theirs.
        self.inside = tuple(t for t in self.temporary if _below(t, self.repo))
        self.before: set[str] = set()
        self.writes: dict[str, str] = {}  # path → the test that wrote there first

    def start(self) -> None:
        global _HOOKED
        self.before = paths_below(Path(self.repo), self.inside)
        if not _HOOKED:
            sys.addaudithook(_audit)
            _HOOKED = True
        _ACTIVE.append(self)

    def watched(self, path: str) -> bool:
        """Whether a test must not write at ``path`` (absolute, normalised)."""
        if _below(path, self.repo):
            parts = Path(path).relative_to(self.repo).parts
            return not _ignored(parts) and not any(_below(path, t) for t in self.inside)
        if any(_below(path, t) for t in self.temporary) or "__pycache__" in Path(path).parts:
            return False  # the tests' folders; bytecode of a Python installed in ~
        return _below(path, self.home)

    def saw(self, path: str) -> None:
        if path not in self.writes and self.watched(path):
            test = os.environ.get("PYTEST_CURRENT_TEST", "außerhalb eines Tests")
            self.writes[path] = test.rsplit(" (", 1)[0]

    def report(self) -> list[str]:
        """What the session left or wrote, one German line each; empty when it kept to its
        temporary folders."""
        if self in _ACTIVE:
            _ACTIVE.remove(self)
        after = paths_below(Path(self.repo), self.inside)
        lines = [f"neu im Repository: {path}" for path in new_paths(self.before, after)]
        lines += [f"geschrieben: {path} ({test})" for path, test in sorted(self.writes.items())]
        return lines


# --- the plugin -------------------------------------------------------------------------------

_ISOLATION = pytest.StashKey[tuple[Path, dict[str, str | None], Path]]()
_GUARD = pytest.StashKey[Guard]()


def pytest_configure(config: pytest.Config) -> None:
    home = Path(os.path.expanduser("~"))  # the real one, before isolation
    config.stash[_ISOLATION] = (*isolate(), home)


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    folder, _, home = config.stash[_ISOLATION]
    temporary = [Path(tempfile.gettempdir()), folder]
    if config.option.basetemp:
        temporary.append(Path(config.option.basetemp).resolve())
    guard = Guard(config.rootpath, home, temporary)
    guard.start()
    config.stash[_GUARD] = guard


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    guard = session.config.stash.get(_GUARD, None)
    if guard is None:
        return
    lines = guard.report()
    if not lines:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.section("Tests haben außerhalb ihrer temporären Ordner geschrieben", red=True)
        for line in lines:
            reporter.line(line, red=True)
    else:
        print("\n".join(lines), file=sys.stderr)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    if _ISOLATION in config.stash:
        folder, saved, _ = config.stash[_ISOLATION]
        restore(folder, saved)
