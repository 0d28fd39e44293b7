"""Shared helpers: a minimal valid catalogue in ``tmp_path`` and its problems as text, the
richer fixture catalogue of ``tests/fixture_catalogue/``, and a build (``build_site``) and
the command line (``run_cli``) in the test process.

The texts below are valid; tests change single lines (see :func:`edit`) so that the
line numbers asserted in the tests stay easy to read off these constants.

No test reads the repository's own content (``measures/``, ``libraries/``, the taxonomy):
an association replaces it with its own catalogue, and the tests must stay green. Only the
site configuration (:data:`SITE_SETUP`) is taken from the repository.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.validate.catalogue import load_catalogue

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_CATALOGUE = TESTS / "fixture_catalogue"
# Site configuration of the repository, not content: the builds in the tests use it.
SITE_SETUP = ("mkdocs.yml", "betreiber.yml", "docs", "overrides")

TAXONOMY = """\
topics:
  - id: lesefoerderung
    label: Leseförderung
    description: Freude am Lesen wecken.
  - id: schule-kita
    label: Schule und Kita
    description: Zusammenarbeit mit Kita und Schule.
  - id: social-media
    label: Social Media
    description: Auftritte in sozialen Netzwerken.
  - id: veranstaltungen
    label: Veranstaltungen
    description: Lesungen und Aktionstage.
  - id: netzwerke
    label: Netzwerke
    description: Zusammenarbeit.
  - id: ehrenamt
    label: Ehrenamt
    description: Ehrenamtliche gewinnen.
audiences:
  - id: kinder
    label: Kinder
  - id: familien
    label: Familien
states:
  DE: [Bayern, Hessen, Nordrhein-Westfalen]
"""

# libraries/musterdorf.yml – one line per field, so that line N is field N.
LIBRARY = """\
name: Gemeindebücherei Musterdorf
kind: library
municipality: Musterdorf
state: Nordrhein-Westfalen
country: DE
population: 4800
area_m2: 180
staff_fte: 1.5
volunteers: 6
website: https://www.musterdorf.example/buecherei
contact:
  email: buecherei@musterdorf.example
  public: true
toolkit:
  date: 2025-03-14
  priorities: [lesefoerderung, schule-kita]
about: Kleine Bücherei im Rathaus.
"""

# libraries/musterstadt.yml – only the required fields.
LIBRARY_2 = """\
name: Stadtbücherei Musterstadt
municipality: Musterstadt
state: Hessen
population: 12000
area_m2: 400
staff_fte: 3
"""

# libraries/verbund.yml
NETWORK = """\
name: Verbund Musterkreis
kind: network
members: [musterdorf, musterstadt]
"""

# measures/lesesommer.md – the body starts on line 20.
MEASURE = """\
---
title: Lesesommer mit der Grundschule
summary: Die Bücherei lädt in den Ferien alle Grundschulkinder zum Lesesommer ein.
libraries: [musterdorf, verbund]
topics: [lesefoerderung, schule-kita]
audiences: [kinder]
status: completed
period:
  start: 2025-06
  end: 2025-09
effort:
  level: medium
  staff_hours: 140
materials:
  - title: Lesepass
    file: lesepass.pdf
based_on: []
published: 2026-11-03
---
## Ausgangslage

Viele Kinder lesen in den Ferien kaum.
"""

FILES = {
    "measures/_taxonomy.yml": TAXONOMY,
    "libraries/musterdorf.yml": LIBRARY,
    "libraries/musterstadt.yml": LIBRARY_2,
    "libraries/verbund.yml": NETWORK,
    "measures/lesesommer.md": MEASURE,
}


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def write_catalogue(root: Path) -> Path:
    """A minimal valid catalogue: taxonomy, two libraries, a network, a measure with material."""
    for rel, content in FILES.items():
        write(root, rel, content)
    write(root, "measures/lesesommer/lesepass.pdf", b"%PDF-1.4\n")
    return root


def edit(text: str, key: str, replacement: str | None) -> str:
    """Replace the first line that starts with ``key:`` (after indentation).

    ``replacement`` keeps the indentation; ``None`` blanks the line so that all other
    lines keep their numbers.
    """
    pattern = re.compile(rf"^(\s*)(- )?{re.escape(key)}:.*$", re.MULTILINE)
    match = pattern.search(text)
    assert match, f"no line {key!r}"
    new = "" if replacement is None else match.group(1) + (match.group(2) or "") + replacement
    return text[: match.start()] + new + text[match.end() :]


def problem_texts(root: Path) -> list[str]:
    """Every problem of the catalogue below ``root`` as ``path:line: message``, sorted."""
    return [p.text() for p in load_catalogue(root).problems.sorted()]


def error_texts(root: Path) -> list[str]:
    return [p.text() for p in load_catalogue(root).problems.errors]


def copy_fixture_catalogue(root: Path) -> Path:
    """The fixture catalogue (its taxonomy, libraries, measures and materials) below ``root``."""
    for folder in ("measures", "libraries"):
        shutil.copytree(FIXTURE_CATALOGUE / folder, root / folder, dirs_exist_ok=True)
    return root


def copy_site_setup(root: Path) -> Path:
    """The repository's site configuration below ``root``: what a build needs besides content."""
    root.mkdir(parents=True, exist_ok=True)
    for part in SITE_SETUP:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, dirs_exist_ok=True)
        else:
            shutil.copy(source, root / part)
    return root


def profile_text(
    name: str,
    population: int,
    area: float | None,
    staff: float,
    extra: str = "",
    state: str = "Hessen",
) -> str:
    """A library profile's YAML with its size figures; ``area`` None: no area given."""
    lines = [
        f"name: {name}",
        f"municipality: {name.split()[-1]}",
        f"state: {state}",
        f"population: {population}",
        f"staff_fte: {staff}",
    ]
    if area is not None:
        lines.append(f"area_m2: {area}")
    return "\n".join(lines) + "\n" + extra


def write_project(project: Path, libraries: dict[str, str], measures: dict[str, str]) -> Path:
    """A purpose-made catalogue (file name → text) with the fixture catalogue's taxonomy and
    the repository's site configuration below ``project``."""
    copy_site_setup(project)
    (project / "measures").mkdir(parents=True)
    (project / "libraries").mkdir()
    shutil.copy(FIXTURE_CATALOGUE / "measures" / "_taxonomy.yml", project / "measures")
    for name, text in libraries.items():
        (project / "libraries" / f"{name}.yml").write_text(text, encoding="utf-8")
    for name, text in measures.items():
        (project / "measures" / f"{name}.md").write_text(text, encoding="utf-8")
    return project


def fixture_project(root: Path) -> Path:
    """A project to build: the site configuration and the fixture catalogue."""
    return copy_fixture_catalogue(copy_site_setup(root))


# --- builds and commands in this process ------------------------------------------------------


@dataclass
class Build:
    """What ``mkdocs build --strict`` would have shown: ``ok`` is its exit status 0,
    ``output`` the messages it logs (MkDocs' and the plugin's, from INFO up)."""

    site: Path
    ok: bool
    output: str

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_site(project: Path, site: Path | None = None) -> Build:
    """``mkdocs build --strict -f project/mkdocs.yml -d site`` in this process, as the
    command line runs it (``on_startup``, build, ``on_shutdown``), for tests that need a
    built site or its messages; a test about the command as a process (exit status, stderr,
    a killed build) starts one. Leaves nothing behind in the process: its log handler and
    logger level are undone, MkDocs removes its warning counter itself."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = project / "site" if site is None else site
    logger = logging.getLogger("mkdocs")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # what the command line logs without -q
    ok = False
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
            ok = True
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:  # the command line prints it and exits with 1
        handler.lines.append(f"ERROR: {error}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Build(site, ok, "\n".join(handler.lines))


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """``catalogue ARGS`` in this process: exit status, stdout and stderr, for tests about
    what it prints; the command as a process is tests/test_cli.py's."""
    from generator.adapters.cli import main

    capsys.readouterr()  # only this command's output
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse ends a usage error or --help itself
        code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def run_catalogue(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` as a process; it must never end in a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result
