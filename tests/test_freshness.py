"""Freshness: when a measure was last checked, the badge of a stale one on its card and page,
``catalogue stale`` (the monthly issue) and the route „Ist noch aktuell“ that sets
``reviewed`` (generator/index/freshness.py, contribute/review.py, contribute/stale_list.py)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from catalogue_files import REPO, build_site, profile_text, write_catalogue, write_project
from issue_render import render

from generator.contribute.from_issue import submission_from_issue
from generator.contribute.pull_request import pull_request_body, pull_request_title
from generator.contribute.review import set_reviewed
from generator.core.model import Measure
from generator.index.finder import measure_data
from generator.index.freshness import (
    fresh_from,
    fresh_label,
    is_stale,
    last_checked,
    months_before,
    stale_label,
)
from generator.rules.forms import LABEL_STALE, REVIEW_FORM, review_form
from generator.validate.catalogue import load_catalogue, load_taxonomy

TODAY = dt.date.today()


def measure_on(published: dt.date, reviewed: dt.date | None = None) -> Measure:
    return Measure(
        id="m", path="measures/m.md", title="T", summary="S", libraries=["a"], topics=["t"],
        status="running", published=published, body="", reviewed=reviewed,
    )  # fmt: skip


# --- the date arithmetic -------------------------------------------------------------------


def test_exactly_the_months_before_is_fresh_one_day_more_is_stale():
    today = dt.date(2026, 3, 15)
    assert not is_stale(measure_on(dt.date(2024, 3, 15)), today)
    assert is_stale(measure_on(dt.date(2024, 3, 14)), today)
    assert not is_stale(measure_on(dt.date(2026, 3, 15)), today)


def test_reviewed_counts_before_published():
    today = dt.date(2026, 3, 15)
    old = dt.date(2020, 1, 1)
    assert last_checked(measure_on(old, dt.date(2025, 1, 1))) == dt.date(2025, 1, 1)
    assert not is_stale(measure_on(old, dt.date(2025, 1, 1)), today)
    assert is_stale(measure_on(old), today)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2028, 2, 29), 12, dt.date(2027, 2, 28)),  # no 29 February: the last day
        (dt.date(2028, 2, 29), 48, dt.date(2024, 2, 29)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15)),
        (dt.date(2026, 12, 2), 24, dt.date(2024, 12, 2)),
    ],
)
def test_months_are_calendar_months_with_the_day_clamped(day, months, expected):
    assert months_before(day, months) == expected


def test_a_leap_day_build_date():
    today = dt.date(2028, 2, 29)
    assert fresh_from(today, 24) == dt.date(2026, 2, 28)
    assert not is_stale(measure_on(dt.date(2026, 2, 28)), today)
    assert is_stale(measure_on(dt.date(2026, 2, 27)), today)


def test_the_months_are_configurable():
    today = dt.date(2026, 3, 15)
    checked = measure_on(dt.date(2024, 9, 14))
    assert is_stale(checked, today, 18)
    assert not is_stale(checked, today, 24)


@pytest.mark.parametrize(
    ("months", "badge", "filter_text"),
    [
        (24, "Seit über 2 Jahren nicht geprüft", "in den letzten 2 Jahren"),
        (36, "Seit über 3 Jahren nicht geprüft", "in den letzten 3 Jahren"),
        (18, "Seit über 18 Monaten nicht geprüft", "in den letzten 18 Monaten"),
        (12, "Seit über 12 Monaten nicht geprüft", "in den letzten 12 Monaten"),
        (1, "Seit über einem Monat nicht geprüft", "im letzten Monat"),
    ],
)
def test_badge_and_filter_follow_the_months(months, badge, filter_text):
    assert stale_label(months) == badge
    assert fresh_label(months) == f"Nur aktuelle ({filter_text} geprüft)"


# --- built pages --------------------------------------------------------------------------

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]  # fmt: skip
STALE_DAY = months_before(TODAY, 24) - dt.timedelta(days=1)
EDGE_DAY = months_before(TODAY, 24)  # exactly 24 months: still fresh
HOSTILE = "<img src=x onerror=alert(1)> [klick](https://böse.example) @admin #1 | **fett**"


def _measure(title: str, library: str, published: dt.date, reviewed: dt.date | None = None) -> str:
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "summary: Eine Maßnahme zum Prüfen des Prüfdatums.",
        f"libraries: [{library}]",
        "topics: [lesefoerderung]",
        "status: running",
        f"published: {published.isoformat()}",
    ]
    if reviewed:
        lines.append(f"reviewed: {reviewed.isoformat()}")
    return "\n".join([*lines, "---", "", "Text der Maßnahme.", ""])


def _project(root: Path, months: int | None = None) -> Path:
    project = write_project(
        root,
        {
            "dorf": profile_text("Gemeindebücherei Musterdorf", 4800, 180, 1.5),
            "stadt": profile_text("Stadtbücherei Musterstadt", 23000, 650, 4.5),
        },
        {
            "alt": _measure("Alte Maßnahme", "dorf", STALE_DAY),
            "grenze": _measure("Grenzfall", "stadt", dt.date(2019, 5, 1), EDGE_DAY),
            "neu": _measure("Neue Maßnahme", "stadt", TODAY - dt.timedelta(days=3)),
            "feind": _measure(HOSTILE, "stadt", STALE_DAY - dt.timedelta(days=400)),
        },
    )
    if months is not None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text, n = re.subn(r"^(\s*)- catalogue:\n", rf"\g<0>\g<1>    stale_after_months: {months}\n",
                          text, count=1, flags=re.M)  # fmt: skip
        assert n == 1
        config.write_text(text, encoding="utf-8")
    return project


def _month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    result = build_site(_project(tmp_path_factory.mktemp("frische")))
    assert result.ok, result.output
    return result.site


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _card(page: str, measure_id: str) -> str:
    match = re.search(
        rf'<li class="bib-card" data-measure-id="{measure_id}"[^>]*>.*?</li>', page, re.S
    )
    assert match, measure_id
    return match.group(0)


def test_measure_page_of_a_stale_measure(site):
    page = _page(site, "massnahmen/alt")
    assert re.search(r'<article class="bib-measure" data-measure-id="alt" data-stale="true">', page)
    assert f"zuletzt geprüft im {_month(STALE_DAY)}" in page
    badge = re.search(
        r'<a class="bib-stale" href="([^"]+)"[^>]*>Seit über 2 Jahren nicht geprüft', page
    )
    assert badge, "the badge links to the form"
    link = html.unescape(badge.group(1))
    assert f"/issues/new?template={REVIEW_FORM}" in link
    assert "measure=alt" in link
    assert "Ist noch aktuell</a>" in page  # the route of every measure page


@pytest.mark.parametrize("measure_id", ["grenze", "neu"])
def test_fresh_measures_carry_no_badge(site, measure_id):
    page = _page(site, f"massnahmen/{measure_id}")
    assert 'data-stale="true"' not in page
    assert "bib-stale" not in page
    assert "Ist noch aktuell</a>" in page


def test_cards_show_the_check_and_the_badge(site):
    topic = _page(site, "themen/lesefoerderung")
    stale, fresh = _card(topic, "alt"), _card(topic, "grenze")
    assert 'data-stale="true"' in stale
    assert f"zuletzt geprüft im {_month(STALE_DAY)}" in stale
    assert '<span class="bib-stale">Seit über 2 Jahren nicht geprüft</span>' in stale
    assert 'data-stale="true"' not in fresh
    assert "bib-stale" not in fresh
    assert f"zuletzt geprüft im {_month(EDGE_DAY)}" in fresh  # reviewed, not published
    library = _page(site, "bibliotheken/dorf")
    assert 'data-stale="true"' in _card(library, "alt")


def test_the_finder_ships_months_and_the_label_not_the_arithmetic(site):
    page = _page(site, "massnahmen")
    data = json.loads(re.search(r'id="bib-finder-data">(.*?)</script>', page, re.S).group(1))
    measures = data["measures"]
    assert measures["stale_label"] == "Seit über 2 Jahren nicht geprüft"
    assert measures["stale_months"] == 24
    # newest first: neu, alt, feind, grenze (published 2019, reviewed exactly 24 months ago)
    same_month = STALE_DAY.month == EDGE_DAY.month
    recent = (TODAY.month - (TODAY - dt.timedelta(days=3)).month) % 12
    months = [sum(measures["checked"][: n + 1]) for n in range(4)]  # sent as differences
    assert months[0] == recent
    assert months[1] == (24 if same_month else 25)
    assert months[3] == 24
    # alt, checked a day before the limit, is stale in the month of the limit itself
    assert measures["stale_edge"] == ([1] if same_month else [])
    assert "Nur aktuelle (in den letzten 2 Jahren geprüft)" in page
    assert '<option value="geprueft">zuletzt geprüft</option>' in page


def test_hostile_title_stays_text_on_the_pages(site):
    page = _page(site, "themen/lesefoerderung")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_configured_months_change_the_badge(tmp_path):
    result = build_site(_project(tmp_path / "p", months=18))
    assert result.ok, result.output
    page = _page(result.site, "massnahmen/alt")
    assert "Seit über 18 Monaten nicht geprüft" in page
    finder = _page(result.site, "massnahmen")
    assert "Nur aktuelle (in den letzten 18 Monaten geprüft)" in finder
    # 18 months: the edge case of 24 months is stale now
    assert 'data-stale="true"' in _page(result.site, "massnahmen/grenze")


def test_finder_data_counts_months_before_the_build_date(tmp_path):
    loaded = load_catalogue(write_catalogue(tmp_path))  # published 2026-11-03
    assert measure_data(loaded.catalogue, dt.date(2026, 11, 13), 24)["checked"] == [0]
    edge = measure_data(loaded.catalogue, dt.date(2028, 11, 4), 24)
    assert measure_data(loaded.catalogue, dt.date(2027, 1, 1), 24)["checked"] == [2]
    assert edge["checked"] == [24]
    assert edge["stale_edge"] == [0]
    assert measure_data(loaded.catalogue, dt.date(2028, 11, 3), 24)["stale_edge"] == []


# --- catalogue stale ------------------------------------------------------------------------


def _stale(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "stale", str(root), *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
    )  # fmt: skip


def test_stale_lists_the_measures_per_library(tmp_path):
    root = _project(tmp_path / "p")
    result = _stale(root, "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    text = result.stdout
    dorf = text.index("### Gemeindebücherei Musterdorf")
    stadt = text.index("### Stadtbücherei Musterstadt")
    assert dorf < text.index("**Alte Maßnahme** (`alt`)") < stadt
    assert f"zuletzt geprüft im {_month(STALE_DAY)}" in text
    assert "`grenze`" not in text
    assert "`neu`" not in text
    assert f"/issues/new?template={REVIEW_FORM}&" in text
    assert "measure=alt" in text
    assert text.startswith("2 Maßnahmen wurden seit über 2 Jahren nicht geprüft")


def test_stale_escapes_a_hostile_title_for_markdown_and_html(tmp_path):
    text = _stale(_project(tmp_path / "p")).stdout
    line = next(line for line in text.splitlines() if "`feind`" in line)
    assert "<img" not in line
    assert "&lt;img" in line
    assert "](https://böse" not in line  # no link of the title's own
    assert "@admin" not in line
    assert "\\@\u2060admin" in line
    assert "#1" not in line.split("`feind`")[0]  # no issue reference
    assert "| " not in line.split("`feind`")[0].replace("\\|", "")
    # the only link is the form's, whose address is percent-encoded
    links = re.findall(r"(?<!\\)\]\((?P<url>[^)]*)\)", line)
    assert len(links) == 1
    assert links[0].startswith("https://github.com/")
    assert "%3Cimg" in links[0]


def test_stale_without_stale_measures_is_friendly(tmp_path):
    root = _project(tmp_path / "p")
    result = _stale(root, "--today", (STALE_DAY - dt.timedelta(days=1000)).isoformat())
    assert result.returncode == 0
    assert result.stdout.startswith("Keine veralteten Maßnahmen")


def test_stale_with_a_bad_date_or_catalogue(tmp_path):
    result = _stale(_project(tmp_path / "p"), "--today", "1.12.2026")
    assert result.returncode == 2
    assert "kein Datum" in result.stderr
    assert "Traceback" not in result.stderr
    broken = tmp_path / "kaputt"
    write_catalogue(broken)
    (broken / "measures" / "lesesommer.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = _stale(broken)
    assert result.returncode == 1
    assert "measures/lesesommer.md:" in result.stderr
    assert "Traceback" not in result.stderr


# --- „Ist noch aktuell“: from-issue sets reviewed ------------------------------------------


def _review(root: Path, measure: str, today: dt.date = dt.date(2026, 12, 1), **answers: str):
    taxonomy, _ = load_taxonomy(root)
    body = render(review_form(), {"measure": measure, "consent": "x", **answers})
    return submission_from_issue(body, root, taxonomy, today=today)


def test_review_inserts_reviewed_after_published_and_keeps_every_other_byte(tmp_path):
    root = write_catalogue(tmp_path)
    before = (root / "measures/lesesommer.md").read_text(encoding="utf-8")
    result = _review(root, "lesesommer", message="Alles stimmt noch.")
    assert result.valid, result.errors
    assert result.kind == "review"
    (file,) = result.files
    assert file.edit
    assert file.path == "measures/lesesommer.md"
    assert file.text == before.replace(
        "published: 2026-11-03\n", "published: 2026-11-03\nreviewed: 2026-12-01\n"
    )
    assert pull_request_title(result) == "Noch aktuell: Lesesommer mit der Grundschule"
    body = pull_request_body(result, 7)
    assert "„reviewed“" in body
    assert "Alles stimmt noch." in body
    assert "Closes #7" in body


def test_review_replaces_an_existing_reviewed(tmp_path):
    root = write_catalogue(tmp_path)
    path = root / "measures/lesesommer.md"
    text = path.read_text(encoding="utf-8").replace(
        "based_on: []\n", "based_on: []\nreviewed: 2025-01-02   # von Hand\n"
    )
    path.write_text(text, encoding="utf-8")
    result = _review(root, "https://example.org/massnahmen/lesesommer/")
    assert result.valid, result.errors
    assert result.files[0].text == text.replace(
        "reviewed: 2025-01-02   # von Hand\n", "reviewed: 2026-12-01\n"
    )


def test_set_reviewed_keeps_crlf_and_inserts_before_the_end_without_published():
    text = "---\r\ntitle: A\r\n---\r\nText\r\n"
    new, line = set_reviewed(text, dt.date(2026, 1, 2))
    assert new == "---\r\ntitle: A\r\nreviewed: 2026-01-02\r\n---\r\nText\r\n"
    assert line == 3
    assert set_reviewed("kein Kopf\n", dt.date(2026, 1, 2)) is None
    assert set_reviewed('---\n"reviewed": 2020-01-01\n---\n', dt.date(2026, 1, 2)) is None


def test_review_of_an_unknown_measure_is_a_german_error(tmp_path):
    root = write_catalogue(tmp_path)
    result = _review(root, "lesesomer")
    assert not result.valid
    (error,) = result.errors
    assert error.startswith("Maßnahme: ")
    assert "lesesommer" in error  # the near match is proposed
    assert "measures/" in error
    assert not _review(root, "../../etc/passwd").valid


def test_review_through_the_command_writes_the_file(tmp_path):
    root = write_catalogue(tmp_path / "k")
    body = tmp_path / "body.md"
    body.write_text(render(review_form(), {"measure": "lesesommer", "consent": "x"}),
                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "from-issue", "--root", str(root), "--body-file",
         str(body), "--today", "2026-12-01", "--out-dir", str(out), "--write"],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reviewed: 2026-12-01\n" in (root / "measures/lesesommer.md").read_text(encoding="utf-8")
    assert (out / "edits.txt").read_text(encoding="utf-8") == "measures/lesesommer.md\n"
    assert (out / "pr-title.txt").read_text(encoding="utf-8").startswith("Noch aktuell: ")


# --- the issue form and the monthly workflow ---------------------------------------------------


def test_the_review_form_is_generated_and_committed():
    committed = REPO / ".github/ISSUE_TEMPLATE" / REVIEW_FORM
    form = yaml.safe_load(committed.read_text(encoding="utf-8"))
    assert form["name"] == "Ist noch aktuell"
    ids = [item.get("id") for item in form["body"] if item["type"] != "markdown"]
    assert ids == ["measure", "message", "consent"]
    labels = {label["name"] for label in json.loads(
        (REPO / ".github/labels.json").read_text(encoding="utf-8"))}  # fmt: skip
    assert set(form["labels"]) <= labels
    assert LABEL_STALE in labels


def test_the_stale_workflow_runs_monthly_and_keeps_one_issue():
    text = (REPO / ".github/workflows/stale.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = (entry["cron"] for entry in workflow["on"]["schedule"])
    assert cron.split()[2:] == ["1", "*", "*"]  # on the 1st of every month
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "./dev setup site" in script
    assert ".venv/bin/catalogue stale" in script
    assert "gh issue edit" in script
    assert "gh issue create" in script
    assert f"LABEL: {LABEL_STALE}" in text
    assert '--label "${LABEL}"' in script


def test_the_finder_modules_can_lose_their_indentation():
    # render/pages.py strips leading blanks of the shipped modules (room for the check
    # dates in the page's budget): safe only without multi-line literals
    from generator.render.pages import ASSETS, _without_comments

    for module in sorted((ASSETS / "finder").glob("*.js")):
        code = _without_comments(module.read_text(encoding="utf-8"))
        assert "`" not in code, module.name
        assert not re.search(r"\\\n", code), module.name
        assert not re.search(r"^[ \t]", code, re.M), module.name
