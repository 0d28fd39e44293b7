"""Open data below /daten/: the exports of a built fixture catalogue against the catalogue,
JSON against its own schema, the CSV's bytes and read-back, the formula guard, the licence
in every file, DCAT-AP.de, and hostile content in each of them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from catalogue_files import (
    MEASURE,
    build_site,
    copy_site_setup,
    fixture_project,
    write,
    write_catalogue,
)
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.render import open_data
from generator.render.pages import SiteOptions
from generator.validate.operator import placeholder_operator


def _files(catalogue, options) -> dict[str, str]:
    """Path and content of every file of the open data."""
    return {f.path: f.content for f in open_data.open_data_files(catalogue, options)}


SITE = "http://127.0.0.1:8000"  # site_url of the repository's mkdocs.yml without SITE_URL
NS = open_data.NAMESPACES
RDF = "{" + NS["rdf"] + "}"
HOSTILE_TITLE = '=HYPERLINK("http://x";"a") </textarea><script>alert(1)</script> & \'q\''
HOSTILE_NAME = "@cmd|x </title><script>a()</script> \"&amp;'"
HOSTILE_OPERATOR = 'Verein <b>"A & B"</b> ]]>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("open-data"))
    result = build_site(project)
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal catalogue with a formula and markup in a title, a summary, a name and
    the operator's name."""
    project = copy_site_setup(tmp_path_factory.mktemp("open-data-hostile"))
    write_catalogue(project)
    title = HOSTILE_TITLE.replace('"', '\\"')
    write(
        project,
        "measures/lesesommer.md",
        MEASURE.replace("title: Lesesommer mit der Grundschule", f'title: "{title}"')
        .replace("summary: Die", "summary: +SUM(1;2) Die")
        .replace("materials:", 'partners: ["-2+3", "@x"]\nmaterials:'),
    )
    name = HOSTILE_NAME.replace('"', '\\"')
    text = (project / "libraries/musterstadt.yml").read_text(encoding="utf-8")
    write(project, "libraries/musterstadt.yml",
          text.replace("name: Stadtbücherei Musterstadt", f'name: "{name}"'))  # fmt: skip
    operator = (project / "betreiber.yml").read_text(encoding="utf-8")
    operator = re.sub(r"^name: .*$", "name: " + json.dumps(HOSTILE_OPERATOR), operator, flags=re.M)
    write(project, "betreiber.yml", operator)
    result = build_site(project)
    assert result.ok, result.output
    return result.site


def _json(site: Path, name: str) -> dict:
    return json.loads((site / "daten" / name).read_text(encoding="utf-8"))


def _csv_rows(site: Path, name: str) -> list[list[str]]:
    text = (site / "daten" / name).read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# --- content --------------------------------------------------------------------------------


def test_measures_json_holds_every_measure_with_its_fields(site: Path, fixture_catalogue) -> None:
    document = _json(site, "massnahmen.json")
    assert [m["id"] for m in document["measures"]] == [m.id for m in fixture_catalogue.newest_first]
    record = {m["id"]: m for m in document["measures"]}["gemeinsamer-lesesommer-im-verbund"]
    assert record["url"] == f"{SITE}/massnahmen/gemeinsamer-lesesommer-im-verbund/"
    assert record["title"] == "Gemeinsamer Lesesommer im Verbund"
    assert record["libraries"] == ["lesenetz-lindental"]
    assert record["library_names"] == ["Lesenetz Lindental"]
    assert record["topics"] == ["lesefoerderung", "netzwerke"]
    assert record["status"] == "running"
    assert record["effort_level"] == "low"
    assert record["based_on"] == ["lesesommer-in-lindenau"]
    assert record["published"] == "2026-05-01"
    assert record["reviewed"] is None
    # a network stands for its members, as in the finder (Catalogue.size_libraries)
    assert record["size_libraries"] == ["buecherei-lindenau", "buecherei-erlenbach"]
    assert record["population"] == [4800, 1900]
    assert record["area_m2"] == [180, 60]
    assert record["staff_fte"] == [1.5, 0]


def test_libraries_json_publishes_a_contact_only_with_consent(
    site: Path, fixture_catalogue
) -> None:
    records = {lib["id"]: lib for lib in _json(site, "bibliotheken.json")["libraries"]}
    assert sorted(records) == sorted(fixture_catalogue.libraries)
    lindenau = records["buecherei-lindenau"]
    assert lindenau["url"] == f"{SITE}/bibliotheken/buecherei-lindenau/"
    assert lindenau["contact_email"] == "buecherei@lindenau.example"
    assert lindenau["networks"] == ["lesenetz-lindental"]
    assert lindenau["staff_fte"] == 1.5
    assert lindenau["toolkit_priorities"] == ["lesefoerderung", "schule-kita", "social-media"]
    network = records["lesenetz-lindental"]
    assert network["kind"] == "network"
    assert network["members"] == ["buecherei-lindenau", "buecherei-erlenbach"]
    assert network["measures"] == ["gemeinsamer-lesesommer-im-verbund"]
    assert records["stadtbibliothek-grossheim"]["contact_email"] is None
    tannhof = records["ortsbuecherei-tannhof"]  # figures not published: null, not 0
    assert tannhof["area_m2"] is None
    assert tannhof["staff_fte"] is None


def test_urls_are_site_relative_without_a_site_address(fixture_catalogue) -> None:
    files = _files(fixture_catalogue, SiteOptions(today=dt.date(2026, 12, 1)))
    measures = json.loads(files["daten/massnahmen.json"])
    assert measures["measures"][0]["url"] == f"massnahmen/{measures['measures'][0]['id']}/"
    assert measures["source"] == "daten/"
    root = ET.fromstring(files["daten/katalog.rdf"])
    urls = [e.get(RDF + "resource") for e in root.iter(f"{{{NS['dcat']}}}downloadURL")]
    assert urls == ["massnahmen.json", "massnahmen.csv", "bibliotheken.json", "bibliotheken.csv"]


# --- JSON Schema ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["massnahmen", "bibliotheken"])
def test_json_exports_follow_their_schema(site: Path, name: str) -> None:
    schema = _json(site, f"{name}.schema.json")
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    document = _json(site, f"{name}.json")
    validator.validate(document)
    assert schema["$id"] == f"{SITE}/daten/{name}.schema.json"
    # the schema is strict: an unknown field or a wrong type is refused
    key = "measures" if name == "massnahmen" else "libraries"
    broken = json.loads(json.dumps(document))
    broken[key][0]["unknown"] = 1
    with pytest.raises(ValidationError):
        validator.validate(broken)
    broken = json.loads(json.dumps(document))
    broken[key][0]["id"] = "Keine Kennung"
    with pytest.raises(ValidationError):
        validator.validate(broken)


def test_field_table_on_the_page_is_the_field_list(site: Path, fixture_catalogue) -> None:
    page = (site / "daten/index.html").read_text(encoding="utf-8")
    names = re.findall(r"<tr><td><code>([a-z_0-9]+)</code></td>", page)
    options = SiteOptions()
    measure_names = [f.name for f in open_data.measure_fields(fixture_catalogue, options)]
    library_names = [f.name for f in open_data.library_fields(fixture_catalogue, options)]
    assert names == measure_names + library_names
    # the same list makes the CSV's columns and the JSON's keys
    assert _csv_rows(site, "massnahmen.csv")[0] == measure_names
    assert list(_json(site, "massnahmen.json")["measures"][0]) == measure_names
    assert _csv_rows(site, "bibliotheken.csv")[0] == library_names
    assert list(_json(site, "bibliotheken.json")["libraries"][0]) == library_names


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["massnahmen.csv", "bibliotheken.csv"])
def test_csv_bytes_open_in_german_spreadsheets(site: Path, name: str) -> None:
    data = (site / "daten" / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the umlauts right
    header = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.startswith("id;url;")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare line feed
    assert "Bücherei".encode() in data


def test_csv_reads_back_as_the_json(site: Path) -> None:
    rows = _csv_rows(site, "bibliotheken.csv")
    header, body = rows[0], rows[1:]
    records = _json(site, "bibliotheken.json")["libraries"]
    assert len(body) == len(records)
    for row, record in zip(body, records, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["id"] == record["id"]
        assert cells["name"] == record["name"]
        assert cells["members"] == "|".join(record["members"])
    cells = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert cells["buecherei-lindenau"]["staff_fte"] == "1,5"  # decimal comma
    assert cells["stadtbibliothek-grossheim"]["staff_fte"] == "28,5"
    assert cells["stadtbibliothek-grossheim"]["population"] == "123456"  # no thousands dot
    assert cells["ortsbuecherei-tannhof"]["staff_fte"] == ""  # not published
    assert cells["buecherei-erlenbach"]["staff_fte"] == "0"
    measures = _csv_rows(site, "massnahmen.csv")
    row = next(r for r in measures if r[0] == "gemeinsamer-lesesommer-im-verbund")
    row = dict(zip(measures[0], row, strict=True))
    assert row["staff_fte"] == "1,5|0"
    assert row["topics"] == "lesefoerderung|netzwerke"


def test_formula_guard() -> None:
    guard = open_data.guard_formula
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert guard(start + "1+1") == "'" + start + "1+1"
    assert guard("Lesesommer") == "Lesesommer"
    assert guard("") == ""
    # figures are ours and never negative; they are not touched
    assert open_data.cell_writer(open_data.NUMBER)(1.5) == "1,5"
    assert open_data.cell_writer(open_data.INTEGER)(0) == "0"


# --- licence --------------------------------------------------------------------------------


def test_licence_is_named_in_every_json_the_page_and_dcat(site: Path) -> None:
    for name in ("massnahmen.json", "bibliotheken.json"):
        document = _json(site, name)
        assert document["licence"] == "CC BY 4.0"
        assert document["licence_url"] == "https://creativecommons.org/licenses/by/4.0/deed.de"
        assert document["source"] == f"{SITE}/daten/"
        assert document["generated"] == dt.date.today().isoformat()
        assert "Lizenz: CC BY 4.0" in document["citation"]
    page = (site / "daten/index.html").read_text(encoding="utf-8")
    assert (
        'href="https://creativecommons.org/licenses/by/4.0/deed.de" rel="license">CC BY 4.0' in page
    )
    today = dt.date.today()
    assert f"Stand {today.day}. " in page  # the citation
    assert f"{SITE}/daten/" in page
    root = ET.parse(site / "daten/katalog.rdf").getroot()
    distributions = root.findall("dcat:Distribution", NS)
    assert len(distributions) == 4
    for element in [*distributions, *root.findall("dcat:Dataset", NS)]:
        licence = element.find("dct:license", NS).get(RDF + "resource")
        assert licence == "http://dcat-ap.de/def/licenses/cc-by/4.0"


def test_configured_licence_reaches_the_exports(fixture_catalogue) -> None:
    options = SiteOptions(licence="DL-DE-BY-2.0", licence_url="https://www.govdata.de/dl-de/by-2-0")
    files = _files(fixture_catalogue, options)
    assert json.loads(files["daten/bibliotheken.json"])["licence"] == "DL-DE-BY-2.0"
    assert "http://dcat-ap.de/def/licenses/dl-by-de/2.0" in files["daten/katalog.rdf"]
    other = SiteOptions(licence="Eigene Lizenz", licence_url="https://example.org/lizenz")
    rdf = _files(fixture_catalogue, other)["daten/katalog.rdf"]
    assert 'dct:license rdf:resource="https://example.org/lizenz"' in rdf


# --- DCAT-AP.de -----------------------------------------------------------------------------


def test_dcat_describes_catalogue_datasets_and_distributions(site: Path) -> None:
    root = ET.parse(site / "daten/katalog.rdf").getroot()
    assert root.tag == RDF + "RDF"
    about = {e.get(RDF + "about"): e for e in root if e.get(RDF + "about")}
    (catalog,) = root.findall("dcat:Catalog", NS)
    datasets = [e.get(RDF + "resource") for e in catalog.findall("dcat:dataset", NS)]
    assert datasets == [f"{SITE}/daten/#massnahmen", f"{SITE}/daten/#bibliotheken"]
    for uri in datasets:
        dataset = about[uri]
        assert dataset.tag == f"{{{NS['dcat']}}}Dataset"
        for prop in ("dct:title", "dct:description", "dct:modified", "dcat:theme"):
            assert dataset.find(prop, NS) is not None, (uri, prop)
        publisher = about[dataset.find("dct:publisher", NS).get(RDF + "resource")]
        assert publisher.tag == f"{{{NS['foaf']}}}Organization"
        assert publisher.find("foaf:name", NS).text
        for link in dataset.findall("dcat:distribution", NS):
            distribution = about[link.get(RDF + "resource")]
            assert distribution.tag == f"{{{NS['dcat']}}}Distribution"
            download = distribution.find("dcat:downloadURL", NS).get(RDF + "resource")
            assert download.startswith(f"{SITE}/daten/")
            assert (site / download.removeprefix(f"{SITE}/")).is_file()
            media = distribution.find("dcat:mediaType", NS).get(RDF + "resource")
            fmt = distribution.find("dct:format", NS).get(RDF + "resource")
            kind = download.rsplit(".", 1)[1]
            assert media.endswith({"json": "application/json", "csv": "text/csv"}[kind])
            assert fmt.endswith("/file-type/" + kind.upper())
            for prop in ("dcat:accessURL", "dct:modified", "dcatde:licenseAttributionByText"):
                assert distribution.find(prop, NS) is not None, (download, prop)
    # no contributor id in betreiber.yml: none invented
    assert root.find(".//dcatde:contributorID", NS) is None


def test_dcat_names_the_contributor_id_of_the_operator(fixture_catalogue) -> None:
    operator = dataclasses.replace(
        placeholder_operator(),
        name="Fachstelle Musterland",
        email="daten@fachstelle.example",
        dcat_contributor_id="http://dcat-ap.de/def/contributors/fachstelleMusterland",
    )
    options = SiteOptions(site_url="https://katalog.example/", operator=operator)
    root = ET.fromstring(_files(fixture_catalogue, options)["daten/katalog.rdf"])
    ids = {e.get(RDF + "resource") for e in root.iter(f"{{{NS['dcatde']}}}contributorID")}
    assert ids == {"http://dcat-ap.de/def/contributors/fachstelleMusterland"}
    mbox = root.find("foaf:Organization/foaf:mbox", NS).get(RDF + "resource")
    assert mbox == "mailto:daten@fachstelle.example"
    citation = root.find(".//dcatde:licenseAttributionByText", NS).text
    assert "hrsg. von Fachstelle Musterland" in citation
    assert "https://katalog.example/daten/" in citation


# --- hostile content ------------------------------------------------------------------------


def test_hostile_content_stays_text_in_every_export(hostile_site: Path) -> None:
    measure = _json(hostile_site, "massnahmen.json")["measures"][0]
    assert measure["title"] == HOSTILE_TITLE  # JSON keeps the text as it is
    assert measure["partners"] == ["-2+3", "@x"]
    names = {
        lib["id"]: lib["name"] for lib in _json(hostile_site, "bibliotheken.json")["libraries"]
    }
    assert names["musterstadt"] == HOSTILE_NAME

    rows = _csv_rows(hostile_site, "massnahmen.csv")
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["title"] == "'" + HOSTILE_TITLE  # read back whole, formula disarmed
    assert cells["summary"].startswith("'+SUM(1;2) Die")
    assert cells["partners"] == "'-2+3|'@x"  # each value, for a cell split at „|“
    rows = _csv_rows(hostile_site, "bibliotheken.csv")
    cells = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert cells["musterstadt"]["name"] == "'" + HOSTILE_NAME
    assert cells["verbund"]["members"] == "musterdorf|musterstadt"

    rdf = (hostile_site / "daten/katalog.rdf").read_text(encoding="utf-8")
    root = ET.fromstring(rdf)  # well-formed despite the name
    assert root.find("foaf:Organization/foaf:name", NS).text == HOSTILE_OPERATOR
    assert "<b>" not in rdf

    page = (hostile_site / "daten/index.html").read_text(encoding="utf-8")
    assert "<b>" not in page
    assert "Verein &lt;b&gt;" in page  # in the citation
