"""The issue forms in .github/ISSUE_TEMPLATE are generated from the taxonomy and stay in sync;
the field reference in CONTRIBUTING.md is generated from the model and stays in sync."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from catalogue_files import write_catalogue

from generator import issues
from generator.cli import main
from generator.field_reference import BEGIN, END, contributing_is_current, field_reference
from generator.loading import load_taxonomy
from generator.site_config import guide_url

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / ".github/ISSUE_TEMPLATE"


def test_committed_issue_forms_match_the_taxonomy():
    taxonomy, _ = load_taxonomy(REPO)
    expected = issues.issue_form_files(taxonomy, guide_url(REPO))
    for rel, text in expected.items():
        assert (REPO / rel).read_text(encoding="utf-8") == text, (
            f"{rel} veraltet – bitte „catalogue issue-forms“ ausführen"
        )
    assert main(["issue-forms", "--root", str(REPO), "--check"]) == 0


def test_every_topic_audience_and_state_is_a_dropdown_option():
    taxonomy, _ = load_taxonomy(REPO)
    measure = yaml.safe_load((TEMPLATES / "massnahme.yml").read_text(encoding="utf-8"))
    library = yaml.safe_load((TEMPLATES / "bibliotheksprofil.yml").read_text(encoding="utf-8"))

    def options(form, element_id):
        element = next(e for e in form["body"] if e.get("id") == element_id)
        assert element["type"] == "dropdown"
        return element["attributes"]["options"]

    topic_ids = [re.search(r"\(([^)]+)\)$", o).group(1) for o in options(measure, "topics")]
    assert topic_ids == list(taxonomy.topics)
    audience_ids = [re.search(r"\(([^)]+)\)$", o).group(1) for o in options(measure, "audiences")]
    assert audience_ids == list(taxonomy.audiences)
    assert options(library, "state") == taxonomy.states["DE"]
    assert [o.rsplit("(", 1)[1].rstrip(")") for o in options(measure, "status")] == [
        "planned",
        "running",
        "completed",
        "discontinued",
    ]


def test_issue_forms_are_german_and_well_formed():
    for name in ("massnahme.yml", "bibliotheksprofil.yml"):
        form = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
        assert set(form) == {"name", "description", "title", "labels", "body"}
        assert "einreichung" in form["labels"]
        ids = [e["id"] for e in form["body"] if "id" in e]
        assert len(ids) == len(set(ids))
        labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
        assert len(labels) == len(set(labels)), "labels are the headings of the issue body"
    assert (
        yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))[
            "blank_issues_enabled"
        ]
        is True
    )


def test_check_fails_when_the_taxonomy_changes(tmp_path, capsys):
    root = write_catalogue(tmp_path)
    assert main(["issue-forms", "--root", str(root)]) == 0
    assert main(["issue-forms", "--root", str(root), "--check"]) == 0
    taxonomy = root / "measures/_taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace(
            "audiences:\n", "audiences:\n  - id: senioren\n    label: Senioren\n"
        ),
        encoding="utf-8",
    )
    assert main(["issue-forms", "--root", str(root), "--check"]) == 1
    assert "massnahme.yml: veraltet" in capsys.readouterr().out


def test_pull_request_template_is_a_german_checklist():
    text = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4
    assert "Checkliste" in text


def test_contributing_field_reference_is_current():
    taxonomy, _ = load_taxonomy(REPO)
    path = REPO / "CONTRIBUTING.md"
    assert contributing_is_current(path, taxonomy), "bitte „catalogue docs“ ausführen"
    text = path.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert main(["docs", "--root", str(REPO), "--check"]) == 0


def test_field_reference_covers_every_field_of_the_model():
    from generator import schema

    taxonomy, _ = load_taxonomy(REPO)
    reference = field_reference(taxonomy)
    for record in (schema.library_schema(taxonomy), schema.measure_schema(taxonomy)):
        for name, field in record.fields.items():
            assert f"| `{name}` |" in reference
            assert field.label.replace("<", "&lt;") in reference
    for topic in taxonomy.topics:
        assert f"| `{topic}` |" in reference
    assert "ja bei Bibliotheken, nein bei Verbünden" in reference


def test_docs_command_rewrites_a_stale_reference(tmp_path):
    root = write_catalogue(tmp_path)
    path = root / "CONTRIBUTING.md"
    path.write_text(f"# X\n\n{BEGIN}\nVERALTETER TEXT\n{END}\n\nEnde\n", encoding="utf-8")
    assert main(["docs", "--root", str(root), "--check"]) == 1
    assert main(["docs", "--root", str(root)]) == 0
    assert main(["docs", "--root", str(root), "--check"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "VERALTETER TEXT" not in text and text.endswith("Ende\n") and "| `population` |" in text
