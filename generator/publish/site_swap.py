"""A site is built into a fresh folder beside the published one and swapped in only when the
build succeeded: a failed, crashed or killed build leaves the previous site whole."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

_PREFIX = ".neu-"  # ".neu-site-…": a build in progress (or one that was killed)
_RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths in one step (Linux ≥ 3.15)
_AT_FDCWD = -100


def staging_folder(site: Path) -> Path:
    """A new empty folder next to ``site`` (same file system, so that renames are atomic);
    folders left by earlier killed builds are removed first."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    for stale in site.parent.glob(f"{_PREFIX}{site.name}-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{site.name}-", dir=site.parent))


def publish(staging: Path, site: Path) -> None:
    """Put the finished build in place of ``site``."""
    site = site.absolute()
    if not site.exists() and not site.is_symlink():
        staging.rename(site)
        return
    if not _exchange(staging, site):
        # No atomic exchange here (another system): two renames, a moment without a site.
        old = staging.with_name(staging.name + "-alt")
        site.rename(old)
        staging.rename(site)
        staging = old
    # ``staging`` now holds the previous site.
    if staging.is_symlink() or not staging.is_dir():
        staging.unlink()
    else:
        shutil.rmtree(staging, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove a failed build's folder, so that the published site stays as it was."""
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return result == 0
