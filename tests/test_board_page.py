"""The collaborations board ``/kooperationen/`` as the build writes it: groups in their order,
every entry's data- attributes (what kooperationen.js filters by), the matching reasons of
open collaborations and none for the others, and the filter form hidden without JavaScript.

The catalogue is the board's purpose-made one (tests/browser/board_catalogue.py), built with
the repository's site configuration; the browser tests (tests/browser/test_board.py) use it
too."""

from __future__ import annotations

import importlib.util
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue_files import TESTS, build_site, copy_site_setup, write_catalogue


def _board_catalogue():
    """tests/browser/board_catalogue.py, shared with the browser tests (one module)."""
    if "board_catalogue" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "board_catalogue", TESTS / "browser" / "board_catalogue.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["board_catalogue"] = module
        spec.loader.exec_module(module)
    return sys.modules["board_catalogue"]


board_catalogue = _board_catalogue()
ATTRIBUTES = ("collaboration", "kind", "topics", "states", "population", "area_m2", "staff_fte")


class _Board(HTMLParser):
    """The board's groups, entries (attributes and text) and the filter form."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.groups: list[str] = []
        self.entries: dict[str, dict] = {}
        self.form: dict[str, str | None] | None = None
        self.options: dict[str, list[str]] = {}
        self._entry: dict | None = None
        self._depth = 0  # open <li> inside the current entry

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "bib-board__group" in classes:
            self.groups.append(a["data-group"])
        elif tag == "form" and a.get("id") == "bib-board-filters":
            self.form = a
        elif tag == "input" and a.get("type") == "checkbox" and self.form is not None:
            self.options.setdefault(a["name"], []).append(a["value"])
        if tag == "li" and "bib-board__entry" in classes:
            self._entry = {"group": self.groups[-1], "attrs": a, "text": [], "classes": set()}
            self.entries[a["data-measure-id"]] = self._entry
            self._depth = 0
        elif tag == "li" and self._entry is not None:
            self._depth += 1
        if self._entry is not None:
            self._entry["classes"].update(classes)
            if tag == "br":
                self._entry["text"].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._entry is not None:
            if self._depth == 0:
                self._entry = None
            else:
                self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._entry is not None:
            self._entry["text"].append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The board's catalogue, built."""
    project = board_catalogue.write_board_catalogue(tmp_path_factory.mktemp("board-project"))
    result = build_site(project, project / "site")
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="module")
def board(site: Path) -> _Board:
    """The built board, parsed."""
    parser = _Board()
    parser.feed((site / "kooperationen" / "index.html").read_text(encoding="utf-8"))
    return parser


def _text(entry: dict) -> str:
    return " ".join("".join(entry["text"]).split())


def test_groups_come_open_matched_closed(board: _Board) -> None:
    assert board.groups == board_catalogue.GROUPS


def test_entries_in_the_boards_order_newest_first_in_each_group(board: _Board) -> None:
    assert list(board.entries) == list(board_catalogue.ENTRIES)
    for measure_id, entry in board.entries.items():
        assert entry["group"] == board_catalogue.ENTRIES[measure_id]["collaboration"], measure_id


def test_only_measures_with_a_collaboration_are_on_the_board(board: _Board) -> None:
    assert "gemeinsamer-kalender" not in board.entries
    assert "vorlesen" not in board.entries


@pytest.mark.parametrize("measure_id", list(board_catalogue.ENTRIES))
def test_every_entry_carries_its_data_attributes(board: _Board, measure_id: str) -> None:
    attrs = board.entries[measure_id]["attrs"]
    found = {name: attrs.get(f"data-{name}") for name in ATTRIBUTES}
    assert found == board_catalogue.ENTRIES[measure_id]


def test_a_network_stands_for_its_members_figures(board: _Board) -> None:
    attrs = board.entries["verbund-kalender"]["attrs"]
    assert attrs["data-population"].split() == ["12000", "250000"]  # Westerburg, Weststadt


def test_open_collaborations_name_matching_libraries_with_reasons(board: _Board) -> None:
    kiste = _text(board.entries["buecherkiste"])
    assert "Passende Bibliotheken (3)" in kiste
    assert (
        "Bücherei Nachbarort (4.700 Einw. · 120 m² · 0,5 VZÄ) "
        "ähnliche Größe · gleiches Bundesland · Toolkit-Priorität Mobile Angebote"
    ) in kiste
    lesestart = _text(board.entries["lesestart"])
    assert (
        "Gemeindebücherei Nordheim (5.000 Einw. · 100 m² · ehrenamtlich geführt) "
        "ähnliche Größe · Toolkit-Priorität Leseförderung · "
        "eigene Maßnahme zum Thema Leseförderung"
    ) in lesestart
    for measure_id, expected in board_catalogue.ENTRIES.items():
        if expected["collaboration"] == "open":
            entry = board.entries[measure_id]
            assert "bib-board__matches" in entry["classes"], measure_id
            assert "ähnliche Größe" in _text(entry), measure_id


def test_a_library_is_never_matched_with_its_own_collaboration(board: _Board) -> None:
    assert (
        "Gemeindebücherei Nordheim ("
        not in _text(board.entries["buecherkiste"]).split("Passende Bibliotheken")[1]
    )


def test_matched_and_closed_collaborations_have_no_matches(board: _Board) -> None:
    for measure_id, expected in board_catalogue.ENTRIES.items():
        if expected["collaboration"] != "open":
            entry = board.entries[measure_id]
            text = _text(entry)
            assert "bib-board__matches" not in entry["classes"], measure_id
            assert "Passende Bibliotheken" not in text, measure_id
            for reason in ("ähnliche Größe", "gleiches Bundesland", "Toolkit-Priorität"):
                assert reason not in text, (measure_id, reason)


def test_states_of_the_collaborations(board: _Board) -> None:
    assert "Offen bis 31. Dezember 2099." in _text(board.entries["buecherkiste"])
    assert "Partner gefunden. Daraus entstanden: Gemeinsamer Veranstaltungskalender." in _text(
        board.entries["verbund-kalender"]
    )
    assert "Beendet: Die Suche endete am 1. Januar 2020." in _text(board.entries["lesesommer"])
    assert "Beendet." in _text(board.entries["makerspace"])


def test_filter_form_is_hidden_and_offers_what_the_entries_have(board: _Board) -> None:
    assert board.form is not None
    assert "hidden" in board.form  # shown by kooperationen.js
    assert board.options["art"] == ["seeking", "offering"]
    assert board.options["stand"] == ["open", "matched", "closed"]
    topics = {t for e in board_catalogue.ENTRIES.values() for t in e["topics"].split()}
    assert set(board.options["thema"]) == topics
    assert board.options["bundesland"] == [
        "bayern",
        "hessen",
        "niedersachsen",
        "nordrhein-westfalen",
    ]
    assert board.options["einwohner"][0] == "-5000"
    assert board.options["einwohner"][1] == "5001-10000"
    assert board.options["vzae"][0] == "0-0"


def test_board_loads_its_script_and_style_from_the_site(site: Path) -> None:
    page = (site / "kooperationen" / "index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="../assets/katalog/kooperationen.js?v=' in page
    assert 'href="../assets/katalog/kooperationen.css?v=' in page
    assert (site / "assets/katalog/kooperationen.js").is_file()
    assert (site / "assets/katalog/kooperationen.css").is_file()


def test_a_board_without_collaborations_offers_no_filters(tmp_path: Path) -> None:
    project = write_catalogue(copy_site_setup(tmp_path / "project"))  # no collaboration
    result = build_site(project, project / "site")
    assert result.ok, result.output
    page = (result.site / "kooperationen" / "index.html").read_text(encoding="utf-8")
    parser = _Board()
    parser.feed(page)
    assert parser.groups == board_catalogue.GROUPS
    assert parser.entries == {}
    assert parser.form is None
    assert page.count("<p>Zurzeit keine.</p>") == 3
