"""The hardened YAML loader: lines, rejected YAML features, surprises, limits."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from generator.load.yamldoc import YamlError, load_yaml


def error(text: str, line_offset: int = 0) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_yaml(text, "libraries/x.yml", line_offset)
    return info.value


def test_data_and_lines_of_keys_and_items():
    doc = load_yaml("name: A\ncontact:\n  email: a@b.de\nmembers:\n  - x\n  - y\n", "p")
    assert doc.data == {"name": "A", "contact": {"email": "a@b.de"}, "members": ["x", "y"]}
    assert doc.line("name") == 1
    assert doc.line("contact", "email") == 3
    assert doc.line("members", 1) == 6
    assert doc.line("members", 7) == 4  # unknown item: the line of its nearest ancestor
    assert doc.line() == 1


def test_line_offset_is_added_everywhere():
    doc = load_yaml("title: A\ntopics: [a, b]\n", "p", line_offset=1)
    assert doc.line("topics", 1) == 3
    assert doc.first_line == 2
    assert error("a: 1\na: 2\n", line_offset=1).line == 3


def test_duplicate_key_with_both_lines():
    exc = error("name: A\npopulation: 1\nname: B\n")
    assert exc.line == 3
    assert "„name“ steht doppelt (zuerst in Zeile 1)" in exc.message


def test_duplicate_key_nested():
    exc = error("contact:\n  email: a@b.de\n  email: c@d.de\n")
    assert exc.line == 3
    assert "„email“ steht doppelt (zuerst in Zeile 2)" in exc.message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("name: &n A\nmunicipality: *n\n", 1, "YAML-Anker („&n“) sind nicht erlaubt"),
        ("a:\n  b: &list\n    - x\n", 2, "YAML-Anker („&list“)"),
        ("name: A\nmunicipality: *n\n", 2, "YAML-Verweise („*n“) sind nicht erlaubt"),
        ("name: !!str 4800\n", 1, "YAML-Typangaben („!!str“) sind nicht erlaubt"),
        ("name: A\nabout: !!binary aGFsbG8=\n", 2, "YAML-Typangaben („!!binary“)"),
        ("x: !!python/object:os.system ls\n", 1, "YAML-Typangaben („!!python/object:os.system“)"),
        ("x: !custom 1\n", 1, "YAML-Typangaben („!custom“)"),
        ("a: 1\n---\nb: 2\n", 2, "Mehr als ein YAML-Dokument"),
        ("? [a, b]\n: c\n", 1, "Ein Feldname muss ein einfacher Text sein"),
        ("a:\n\tb: 1\n", 2, "Tabulatorzeichen sind nicht erlaubt"),
        ("name: A\nabout: Ort: Rathaus\n", 2, "Doppelpunkt an unerwarteter Stelle"),
        ("name: A\nfoo\nbar: 1\n", 3, "Hier fehlt ein Doppelpunkt"),
        # unclosed quotes and brackets: the line where they open, not the end of the file
        ("name: A\ntopics: [a, b\n\nstatus: x\n", 2, "wird nicht mit „]“ geschlossen"),
        ("effort: {level: low\n", 1, "wird nicht mit „}“ geschlossen"),
        ('name: "A\n\nkind: x\n', 1, "Anführungszeichen in dieser Zeile wird nicht geschlossen"),
        ("name: `A`\n", 1, "darf nicht mit „`“, „@“ oder „%“ beginnen"),
        ('name: "C:\\Daten"\n', 1, "Unbekanntes Zeichen nach „\\“"),
        ("name: A\n  kind: x\n", 2, "Ungültiges YAML"),
    ],
)
def test_rejected(text, line, fragment):
    exc = error(text)
    assert exc.line == line
    assert fragment in exc.message


def test_alias_reported_although_anchor_first():
    # The anchor is the first thing refused; either way the file does not load.
    assert "Anker" in error("a: &x 1\nb: *x\n").message


def test_control_character_has_line_and_german_message():
    exc = error("name: A\nabout: B\x07C\n")
    assert exc.line == 2
    assert "Steuerzeichen (U+0007)" in exc.message
    assert "position" not in exc.message  # no parser English


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_invisible_line_separator_is_reported_at_its_editor_line(separator):
    exc = error(f"name: A\n# Kommentar{separator}mit Trenner\nkind: library\n")
    assert exc.line == 2
    assert f"Zeilentrenner (U+{ord(separator):04X})" in exc.message


def test_billion_laughs_rejected_fast():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    start = time.perf_counter()
    exc = error(bomb)
    assert time.perf_counter() - start < 1
    assert exc.line == 1
    assert "Anker" in exc.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000,
        "a: " + "{" * 100_000,
        "a: " + "[" * 200 + "]" * 200,
        "- " * 5000 + "x",
    ],
    ids=["unclosed-brackets", "unclosed-braces", "deep-flow", "deep-block"],
)
def test_deep_nesting_is_reported_not_a_crash(text):
    # libyaml needs quadratic time for deep [[[…, Python's recursion limit is ~1000.
    assert "Zu tief verschachtelt" in error(text).message


def test_nesting_that_content_needs_is_fine():
    doc = load_yaml("a:\n  b:\n    c: [[1, 2], {d: [3]}]\n", "p")
    assert doc.data == {"a": {"b": {"c": [[1, 2], {"d": [3]}]}}}


def test_scalars_keep_what_was_written_when_yaml_converts_them():
    doc = load_yaml(
        "country: NO\nx: on\ny: Off\nz: yes\nt: true\nn: 4800\nf: 1.5\nd: 2025-03-14\ne: ~\n", "p"
    )
    assert doc.data["country"] is False
    assert doc.raw[("country",)] == "NO"
    assert doc.data["x"] is True
    assert doc.raw[("x",)] == "on"
    assert doc.data["y"] is False
    assert doc.raw[("y",)] == "Off"
    assert doc.raw[("z",)] == "yes"
    assert ("t",) not in doc.raw  # true is what a boolean looks like; nothing to explain
    assert doc.data["n"] == 4800
    assert doc.raw[("n",)] == "4800"
    assert doc.data["d"] == dt.date(2025, 3, 14)
    assert doc.data["e"] is None


def test_quoted_and_block_scalars_are_text():
    doc = load_yaml("country: \"NO\"\nn: '4800'\nabout: |\n  yes\n", "p")
    assert doc.data == {"country": "NO", "n": "4800", "about": "yes\n"}
    assert doc.raw == {}


def test_keys_are_never_converted():
    doc = load_yaml("on: 1\n1: 2\nnull: 3\n", "p")
    assert list(doc.data) == ["on", "1", "null"]


@pytest.mark.parametrize("value", ["2025-02-30", "0x_", "._", "<<", "="])
def test_unconstructible_scalars_stay_text(value):
    assert load_yaml(f"a: {value}\n", "p").data == {"a": value}


@pytest.mark.parametrize(("text", "data"), [("", None), ("# nur ein Kommentar\n", None)])
def test_empty_document(text, data):
    assert load_yaml(text, "p").data is data


def test_non_mapping_documents_load_as_what_they_are():
    # The schema reports them (see test_rules); the loader itself does not judge.
    assert load_yaml("- a\n- b\n", "p").data == ["a", "b"]
    assert load_yaml("Hallo\n", "p").data == "Hallo"


def test_many_files_do_not_accumulate_state():
    from generator.load import yamldoc

    for _ in range(3):
        load_yaml("a: 1\nb: 2025-01-01\nc: yes\n", "p")
    assert not yamldoc._CONSTRUCTOR.constructed_objects
    assert not yamldoc._CONSTRUCTOR.recursive_objects


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n b: 2\n",
        "a:\n  - 1\n - 2\n",
        'a: "x" y\n',
        "a: &\n",
        "a: *\n",
        "- " * 5000 + "x",
        "a: [1, 2\nb: 3\n",
        "a: 'x\n",
        "a: [\n",
        "a: b: c\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "a: !<tag:x> 1\n",
    ],
)
def test_parser_errors_reach_the_contributor_in_german_only(text):
    message = error(text).message
    english = re.search(r"\b(expected|found|while|scanning|parsing|Parser|line|column)\b", message)
    assert english is None, message
