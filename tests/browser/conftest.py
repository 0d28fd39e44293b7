"""Browser fixtures: a purpose-made catalogue (finder_catalogue) and the fixture catalogue of
tests/fixture_catalogue/ (every page type), built once per session with
``mkdocs build --strict``, served on 127.0.0.1 and opened in Debian's Chromium through
Playwright (``benchmarks/chromium.py``, shared with the benchmarks). The repository's own
catalogue is built by ``./dev test``, not here."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import chromium  # benchmarks/chromium.py, on the path by pytest's `pythonpath` setting
import pytest
from catalogue_files import build_site as build_project
from catalogue_files import fixture_project
from finder_catalogue import write_test_catalogue


def build_site(config: Path, site: Path) -> Path:
    """``mkdocs build --strict`` of the project of ``config``, in this process."""
    result = build_project(config.parent, site)
    assert result.ok, result.output
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def _server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("served")


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def test_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The purpose-made catalogue above, built."""
    project = write_test_catalogue(tmp_path_factory.mktemp("finder-project"))
    return build_site(project / "mkdocs.yml", project / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue with the repository's site configuration, built."""
    project = fixture_project(tmp_path_factory.mktemp("fixture-project"))
    return build_site(project / "mkdocs.yml", project / "site")


@pytest.fixture(scope="session")
def base_url(test_site: Path) -> Iterator[str]:
    yield from _serve(test_site)


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    yield from _serve(fixture_site)


@pytest.fixture(scope="session")
def browser():
    with chromium.launch() as browser:
        yield browser


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="de-DE")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    assert errors == [], errors
