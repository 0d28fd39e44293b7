"""The JSON Schema in schema/ is generated from generator/rules/declarations.py and must not drift.
Its properties are checked on the fixture catalogue's taxonomy; only
``test_committed_schema_matches_the_model`` reads the repository's own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from catalogue_files import FILES, FIXTURE_CATALOGUE, REPO, edit, write_catalogue
from jsonschema import Draft202012Validator

from generator.adapters.cli import main
from generator.rules import declarations as schema
from generator.rules.json_schema import schema_texts, stale_files
from generator.validate.catalogue import load_catalogue, load_taxonomy


def _plain(value):
    """YAML as an editor's language server sees it: dates are text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str, root: Path = FIXTURE_CATALOGUE) -> Draft202012Validator:
    taxonomy, _ = load_taxonomy(root)
    document = json.loads(schema_texts(taxonomy)[f"{kind}.schema.json"])
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _front_matter(text: str):
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.repository
def test_committed_schema_matches_the_model():
    taxonomy, problems = load_taxonomy(REPO)
    assert not problems.errors
    assert stale_files(taxonomy, REPO / "schema") == [], "bitte „catalogue schema“ ausführen"


def test_schema_check_command_reports_drift(tmp_path, capsys):
    root = write_catalogue(tmp_path)
    assert main(["schema", "--root", str(root)]) == 0
    assert main(["schema", "--root", str(root), "--check"]) == 0
    (root / "schema" / "measure.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["schema", "--root", str(root), "--check"]) == 1
    assert "measure.schema.json: veraltet" in capsys.readouterr().out


def test_vocabulary_change_changes_the_schema(tmp_path):
    root = write_catalogue(tmp_path)
    before = schema_texts(load_taxonomy(root)[0])
    taxonomy = (root / "measures/_taxonomy.yml").read_text(encoding="utf-8")
    new = "audiences:\n  - id: senioren\n    label: Senioren\n"
    taxonomy = taxonomy.replace("audiences:\n", new)
    (root / "measures/_taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    after = schema_texts(load_taxonomy(root)[0])
    assert before["measure.schema.json"] != after["measure.schema.json"]
    assert '"senioren"' in after["measure.schema.json"]


def test_schema_is_draft_2020_12_with_german_descriptions():
    taxonomy, _ = load_taxonomy(FIXTURE_CATALOGUE)
    document = json.loads(schema_texts(taxonomy)["measure.schema.json"])
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["title"]["description"] == "Titel der Maßnahme"
    assert document["required"] == [
        name for name, f in schema.measure_schema(None).fields.items() if f.required
    ]
    assert document["properties"]["status"]["enum"] == [
        "planned",
        "running",
        "completed",
        "discontinued",
    ]
    assert document["properties"]["topics"]["items"]["enum"] == list(taxonomy.topics)
    library = json.loads(schema_texts(taxonomy)["library.schema.json"])
    assert "Tirol" in json.dumps(library, ensure_ascii=False)  # states of every country


@pytest.mark.parametrize(
    "path", sorted((FIXTURE_CATALOGUE / "libraries").glob("*.yml")), ids=lambda p: p.name
)
def test_fixture_libraries_pass_the_schema(path):
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert [e.message for e in _validator("library").iter_errors(data)] == []


@pytest.mark.parametrize(
    "path",
    sorted((FIXTURE_CATALOGUE / "measures").glob("*.md")),
    ids=lambda p: p.name,
)
def test_fixture_measures_pass_the_schema(path):
    data = _plain(_front_matter(path.read_text(encoding="utf-8")))
    assert [e.message for e in _validator("measure").iter_errors(data)] == []


@pytest.mark.parametrize(
    ("key", "replacement"),
    [
        ("population", "population: 0"),
        ("staff_fte", "staff_fte: 1,5"),
        ("state", "state: Bayern-Nord"),
        ("website", "website: www.musterdorf.example"),
        ("volunteers", "volunteerz: 6"),
    ],
)
def test_schema_rejects_what_validation_rejects_in_profiles(tmp_path, key, replacement):
    root = write_catalogue(tmp_path)
    path = root / "libraries/musterdorf.yml"
    path.write_text(edit(FILES["libraries/musterdorf.yml"], key, replacement), encoding="utf-8")
    assert load_catalogue(root).problems.errors, "the validator rejects it"
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert list(_validator("library", root).iter_errors(data)), "the schema rejects it too"


def test_schema_requires_size_figures_of_a_library_but_not_of_a_network():
    validator = _validator("library")
    assert not list(validator.iter_errors({"name": "V", "kind": "network", "members": ["a", "b"]}))
    errors = [e.message for e in validator.iter_errors({"name": "B"})]
    for key in schema.PROFILE_KINDS[0].required:
        assert any(key in message for message in errors)


@pytest.mark.parametrize("key", schema.PROFILE_KINDS[0].required)
def test_library_required_fields_are_what_the_loader_requires(tmp_path, key):
    root = write_catalogue(tmp_path)
    (root / "libraries/musterstadt.yml").write_text(
        edit(FILES["libraries/musterstadt.yml"], key, None), encoding="utf-8"
    )
    assert any(f"„{key}“ fehlt" in p.message for p in load_catalogue(root).problems.errors)


def test_schema_is_published_on_the_site(fixture_catalogue):
    """The site publishes what ``catalogue schema`` writes to schema/ for the same taxonomy."""
    from generator.render.pages import generated_files

    published = {f.path: f.content for f in generated_files(fixture_catalogue)}
    expected = schema_texts(fixture_catalogue.taxonomy)
    assert sorted(expected) == ["library.schema.json", "measure.schema.json"]
    for name, text in expected.items():
        assert published[f"schema/{name}"] == text
