"""Golden output: every page the core renders for a small catalogue of its own
(tests/golden/catalogue/), and the content of four pages as MkDocs builds them, compared
with the committed files below tests/golden/expected/ – one file per page, same relative
path (``pages/`` what ``catalogue pages`` writes, ``mkdocs/`` the built pages' <article>).

A difference fails with a unified diff. When it is intended, rewrite the expected files and
review their diff in Git::

    .venv/bin/python -m pytest -p no:cacheprovider tests/test_golden.py --update-golden

Volatile parts are normalised first: asset and index versions (``?v=…``), the build date
of the finder's data, the temporary folder. The catalogue and its site configuration
(``mkdocs.yml``, ``betreiber.yml``, ``docs/``) are the folder's own, so that an association
replacing the repository's catalogue or configuration keeps a green suite.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import pytest
from catalogue_files import TESTS, build_site

from generator.render.pages import SiteOptions, write_pages
from generator.validate.catalogue import load_catalogue

GOLDEN = TESTS / "golden"
CATALOGUE = GOLDEN / "catalogue"
EXPECTED = GOLDEN / "expected"
UPDATE = ".venv/bin/python -m pytest -p no:cacheprovider tests/test_golden.py --update-golden"
TODAY = dt.date(2026, 11, 23)  # the core's "today"; MkDocs builds with the real one

# Pages whose built content is kept besides the core's output: the start page, a measure,
# the field reference and the finder.
BUILT_PAGES = ("", "massnahmen/spieleabend-fuer-familien/", "mitmachen/felder/", "massnahmen/")
# Pages that must be there whatever else changes: a golden test with none compares nothing.
REQUIRED = {
    "pages": {"index.md", "massnahmen/index.md", "massnahmen/spieleabend-fuer-familien.md",
              "bibliotheken/leseverbund-eichtal.md", "themen/bestand.md", "mitmachen/felder.md"},
    "mkdocs": {f"{url}index.html" for url in BUILT_PAGES},
}  # fmt: skip
MAX_DIFF_LINES = 80
MAX_LINE = 240

_VOLATILE = [
    (re.compile(r"\?v=[0-9a-f]{8,}"), "?v=VERSION"),
    (re.compile(r"(assets/[\w./-]*?)-[0-9a-f]{8,}\b"), r"\1-VERSION"),  # hashed asset names
    (re.compile(r'("build_date": ?)"\d{4}-\d{2}-\d{2}"'), r'\1"DATUM"'),
]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
_ARTICLE_TAG = re.compile(r"<(/?)article\b")


def normalise(text: str, root: Path) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text.replace(str(root), "ROOT")


def content_of(page: str) -> str:
    """The theme's content element (<article>, nested ones included), without the shell."""
    start = _ARTICLE.search(page)
    assert start, 'kein Inhaltselement <article class="md-content__inner …"> in der Seite'
    depth = 0
    for tag in _ARTICLE_TAG.finditer(page, start.start()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            content = page[start.start() : page.index(">", tag.end()) + 1]
            # the theme's indentation and blank lines are not ours
            return "\n".join(line.strip() for line in content.splitlines() if line.strip()) + "\n"
    raise AssertionError("<article> ohne Ende")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the golden catalogue: no test writes into tests/."""
    return Path(shutil.copytree(CATALOGUE, tmp_path_factory.mktemp("golden") / "katalog"))


def core_pages(project: Path, out: Path) -> dict[str, str]:
    """What ``catalogue pages --root PROJECT --out OUT`` writes, with a fixed date."""
    result = load_catalogue(project)
    assert result.catalogue is not None, [p.text() for p in result.problems.errors]
    assert not result.problems.warnings, [p.text() for p in result.problems.warnings]
    write_pages(result.catalogue, out, project, SiteOptions(operator=result.operator, today=TODAY))
    return {
        path.relative_to(out).as_posix(): normalise(path.read_text(encoding="utf-8"), project)
        for path in sorted(out.rglob("*.md"))
    }


def built_pages(project: Path) -> dict[str, str]:
    build = build_site(project)
    assert build.ok, build.output
    site = build.site
    return {
        f"{url}index.html": normalise(content_of((site / url / "index.html").read_text("utf-8")),
                                      project)
        for url in BUILT_PAGES
    }  # fmt: skip


def expected_files(group: str) -> dict[str, str]:
    folder = EXPECTED / group
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_expected(group: str, actual: dict[str, str]) -> None:
    folder = EXPECTED / group
    shutil.rmtree(folder, ignore_errors=True)  # pages that are gone go with it
    for rel, text in actual.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")


def _display_lines(text: str) -> list[str]:
    """Lines for the diff; an inline JSON block is one long line, shown split after each
    comma so that the diff points at the change."""
    lines: list[str] = []
    for line in text.splitlines():
        lines += re.split(r"(?<=,)", line) if len(line) > MAX_LINE else [line]
    return lines


def differences(group: str, expected: dict[str, str], actual: dict[str, str]) -> str:
    """Missing, extra and changed pages, with the first lines of a unified diff."""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = [
        rel for rel in sorted(expected.keys() & actual.keys()) if expected[rel] != actual[rel]
    ]
    if not (missing or extra or changed):
        return ""
    lines = [f"Die erzeugten Seiten ({group}) weichen von tests/golden/expected/{group}/ ab."]
    if missing:
        lines.append("Nicht mehr erzeugt: " + ", ".join(missing))
    if extra:
        lines.append("Neu erzeugt, aber nicht erwartet: " + ", ".join(extra))
    if changed:
        lines.append("Geändert: " + ", ".join(changed))
    diff: list[str] = []
    for rel in changed:
        diff += difflib.unified_diff(
            _display_lines(expected[rel]),
            _display_lines(actual[rel]),
            f"erwartet/{group}/{rel}",
            f"erzeugt/{group}/{rel}",
            lineterm="",
        )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"… ({len(diff) - MAX_DIFF_LINES} Zeilen mehr)"]
    lines += diff
    lines.append(f"Ist die Änderung gewollt: `{UPDATE}`, dann den Git-Diff prüfen.")
    return "\n".join(lines)


def check(group: str, actual: dict[str, str], update: bool) -> None:
    assert REQUIRED[group] <= actual.keys(), sorted(REQUIRED[group] - actual.keys())
    if update:
        write_expected(group, actual)
    expected = expected_files(group)
    assert REQUIRED[group] <= expected.keys(), (
        f"tests/golden/expected/{group}/ fehlt oder ist unvollständig: `{UPDATE}`"
    )
    problems = differences(group, expected, actual)
    if problems:
        pytest.fail(problems, pytrace=False)  # the diff, not the locals


def test_core_pages_match_the_golden_files(
    project: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    actual = core_pages(project, tmp_path / "out")
    # every page type: 7 overviews, 2 measures, 3 libraries, 3 topics, 2 contribution pages
    assert len(actual) >= 17, sorted(actual)
    check("pages", actual, request.config.getoption("--update-golden"))


def test_built_pages_match_the_golden_files(project: Path, request: pytest.FixtureRequest) -> None:
    check("mkdocs", built_pages(project), request.config.getoption("--update-golden"))


def test_a_difference_is_shown_as_a_diff() -> None:
    text = differences("pages", {"a.md": "eins\nzwei\n", "b.md": "x"}, {"a.md": "eins\ndrei\n"})
    assert "Nicht mehr erzeugt: b.md" in text
    assert "Geändert: a.md" in text
    assert "-zwei" in text
    assert "+drei" in text
    assert "--update-golden" in text
    long = differences("pages", {"a.md": "a\n" * 500}, {"a.md": "b\n" * 500, "c.md": ""})
    assert "Neu erzeugt, aber nicht erwartet: c.md" in long
    assert "Zeilen mehr" in long
    assert len(long.splitlines()) < MAX_DIFF_LINES + 10
    data = ",".join(f'"k{n}":{n}' for n in range(500))
    wide = differences("pages", {"a.md": data}, {"a.md": data.replace('"k250":250', '"k250":0')})
    assert '+"k250":0' in wide.replace("\n", "")
    assert len(wide.splitlines()) < 20
    assert differences("pages", {"a.md": "x"}, {"a.md": "x"}) == ""


def test_normalising_keeps_the_content() -> None:
    root = Path("/tmp/pytest-x/katalog")
    text = '<a href="a.css?v=0123456789ab">{"build_date": "2026-01-02"} /tmp/pytest-x/katalog/m'
    assert normalise(text, root) == '<a href="a.css?v=VERSION">{"build_date": "DATUM"} ROOT/m'
    hashed = '<script src="../assets/katalog/finder-1c3fbba94c8d/main.js?v=1c3fbba94c8d">'
    assert (
        normalise(hashed, root)
        == '<script src="../assets/katalog/finder-VERSION/main.js?v=VERSION">'
    )
