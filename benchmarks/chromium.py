"""Debian's Chromium, the one browser of the browser tests and the benchmarks: where it is,
the flags it runs with, and a launch through Playwright.

    from chromium import launch
    with launch() as browser:
        page = browser.new_page()

Imported as a sibling by ``finder_perf.py`` and ``lighthouse.py`` (and ``run.py``, which puts
this folder on ``sys.path``), and by ``tests/browser/conftest.py`` through pytest's
``pythonpath`` setting in ``pyproject.toml``. ``./dev test`` and ``./dev bench`` install
Chromium with apt-get and set ``CHROMIUM_PATH``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DEFAULT = "/usr/bin/chromium"
# No sandbox (CI runs as root), no GPU, and no traffic of the browser's own to other hosts
# (updates, sync, field trials): a measurement sees only the site's requests.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def executable() -> str:
    """``CHROMIUM_PATH`` if set, else ``chromium`` (or ``chromium-browser``) on the PATH,
    else Debian's place for it."""
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or DEFAULT
    )


@contextmanager
def launch() -> Iterator[Browser]:
    """Headless Chromium, closed again on leaving, with its Playwright driver."""
    from playwright.sync_api import sync_playwright

    path = executable()
    if not Path(path).is_file():
        raise FileNotFoundError(f"Chromium nicht gefunden ({path}); ./dev test installiert es.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=list(ARGS))
        try:
            yield browser
        finally:
            browser.close()
