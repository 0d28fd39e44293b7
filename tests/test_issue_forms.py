"""The issue forms in .github/ISSUE_TEMPLATE are generated from the taxonomy and stay in sync;
the field reference in CONTRIBUTING.md is generated from the model and stays in sync.
The forms' properties are checked on the fixture catalogue's taxonomy; the tests marked
``repository`` check the committed files against the repository's own taxonomy."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import yaml
from catalogue_files import FIXTURE_CATALOGUE, REPO, write_catalogue

from generator.adapters.cli import main
from generator.contribute.issue_forms import FORMS_DIR, LABELS_FILE, issue_form_files
from generator.core.config import guide_url
from generator.render.contribution_links import ContributionLinks
from generator.render.field_reference import BEGIN, END, contributing_is_current, field_reference
from generator.rules.forms import (
    ADOPTION_FORM,
    ADOPTION_LIBRARY,
    ADOPTION_MEASURES,
    LABEL_ADOPTION,
    LABELS,
)
from generator.validate.catalogue import load_taxonomy

GUIDE = "https://katalog.example/mitmachen/"


def fixture_forms() -> dict[str, dict]:
    """The issue forms generated for the fixture catalogue's taxonomy, by file name."""
    taxonomy, _ = load_taxonomy(FIXTURE_CATALOGUE)
    return {
        rel.rsplit("/", 1)[1]: yaml.safe_load(text)
        for rel, text in issue_form_files(taxonomy, GUIDE).items()
        if rel.startswith(FORMS_DIR)
    }


@pytest.mark.repository
def test_committed_issue_forms_match_the_taxonomy():
    taxonomy, _ = load_taxonomy(REPO)
    expected = issue_form_files(taxonomy, guide_url(REPO))
    for rel, text in expected.items():
        assert (REPO / rel).read_text(encoding="utf-8") == text, (
            f"{rel} veraltet – bitte „catalogue issue-forms“ ausführen"
        )
    assert main(["issue-forms", "--root", str(REPO), "--check"]) == 0


def test_every_topic_audience_and_state_is_a_dropdown_option():
    taxonomy, _ = load_taxonomy(FIXTURE_CATALOGUE)
    forms = fixture_forms()
    measure, library = forms["massnahme.yml"], forms["bibliotheksprofil.yml"]

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
    forms = fixture_forms()
    for name in ("massnahme.yml", "bibliotheksprofil.yml"):
        form = forms[name]
        assert set(form) == {"name", "description", "title", "labels", "body"}
        assert "einreichung" in form["labels"]
        ids = [e["id"] for e in form["body"] if "id" in e]
        assert len(ids) == len(set(ids))
        labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
        assert len(labels) == len(set(labels)), "labels are the headings of the issue body"
    assert forms["config.yml"]["blank_issues_enabled"] is True
    assert GUIDE in yaml.safe_dump(forms["config.yml"])


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


@pytest.mark.repository
def test_contributing_field_reference_is_current():
    taxonomy, _ = load_taxonomy(REPO)
    path = REPO / "CONTRIBUTING.md"
    assert contributing_is_current(path, taxonomy), "bitte „catalogue docs“ ausführen"
    text = path.read_text(encoding="utf-8")
    assert BEGIN in text
    assert END in text
    assert main(["docs", "--root", str(REPO), "--check"]) == 0


def test_field_reference_covers_every_field_of_the_model():
    from generator.rules import declarations as schema

    taxonomy, _ = load_taxonomy(FIXTURE_CATALOGUE)
    reference = field_reference(taxonomy)
    for record in (schema.library_schema(taxonomy), schema.measure_schema(taxonomy)):
        for name, field in record.fields.items():
            assert f"| `{name}` |" in reference
            assert field.label.replace("<", "&lt;") in reference
    for topic in taxonomy.topics:
        assert f"| `{topic}` |" in reference
    assert "Tirol" in reference  # the states of every country
    assert "ja bei Bibliotheken, nein bei Verbünden" in reference


def test_docs_command_rewrites_a_stale_reference(tmp_path):
    root = write_catalogue(tmp_path)
    path = root / "CONTRIBUTING.md"
    path.write_text(f"# X\n\n{BEGIN}\nVERALTETER TEXT\n{END}\n\nEnde\n", encoding="utf-8")
    assert main(["docs", "--root", str(root), "--check"]) == 1
    assert main(["docs", "--root", str(root)]) == 0
    assert main(["docs", "--root", str(root), "--check"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "VERALTETER TEXT" not in text
    assert text.endswith("Ende\n")
    assert "| `population` |" in text


def test_the_adoption_form_asks_for_library_and_measures_and_carries_its_label():
    form = fixture_forms()[ADOPTION_FORM]
    assert form["name"] == "Maßnahme nachgemacht"
    fields = {e["id"]: e for e in form["body"] if "id" in e}
    assert list(fields) == [ADOPTION_LIBRARY, ADOPTION_MEASURES, "message", "consent"]
    assert fields[ADOPTION_LIBRARY]["validations"] == {"required": True}
    assert fields[ADOPTION_MEASURES]["validations"] == {"required": True}
    assert fields["message"]["validations"] == {"required": False}
    assert fields[ADOPTION_MEASURES]["attributes"]["label"] == "Nachgemachte Maßnahmen"
    hint = fields[ADOPTION_MEASURES]["attributes"]["description"]
    assert "Kennungen durch Komma trennen." in hint
    # its own label, and the one the workflow takes over issues with
    assert LABEL_ADOPTION in form["labels"]
    assert "einreichung" in form["labels"]
    # labels GitHub does not know are dropped from the issue: every one is in the labels file
    taxonomy, _ = load_taxonomy(FIXTURE_CATALOGUE)
    labels = json.loads(issue_form_files(taxonomy)[LABELS_FILE])
    assert {label["name"] for label in labels} == set(LABELS)
    for name, generated in fixture_forms().items():
        assert set(generated.get("labels", [])) <= set(LABELS), name


def test_every_form_carries_a_label_the_issue_to_pr_workflow_takes_over():
    workflow = (REPO / ".github/workflows/issue-to-pr.yml").read_text(encoding="utf-8")
    (required,) = re.findall(r"contains\(github\.event\.issue\.labels\.\*\.name, '([^']+)'\)",
                             workflow)  # fmt: skip
    forms = fixture_forms()
    for name in ("massnahme.yml", "bibliotheksprofil.yml", "bibliothek-mit-massnahme.yml",
                 ADOPTION_FORM, "einreichung.yml"):  # fmt: skip
        assert required in forms[name]["labels"], name
    assert required not in forms["korrektur.yml"]["labels"]  # the editors handle it by hand


def test_the_adoption_link_fills_in_the_forms_own_field():
    form = fixture_forms()[ADOPTION_FORM]
    ids = {e["id"] for e in form["body"] if "id" in e}
    url = ContributionLinks("verband/katalog").adopt("lesesommer")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert query == {"template": ADOPTION_FORM, ADOPTION_MEASURES: "lesesommer"}
    assert set(query) - {"template"} <= ids


@pytest.mark.repository
def test_committed_labels_file_names_the_adoption_label():
    labels = json.loads((REPO / LABELS_FILE).read_text(encoding="utf-8"))
    assert LABEL_ADOPTION in {label["name"] for label in labels}
    assert (REPO / FORMS_DIR / ADOPTION_FORM).is_file()
