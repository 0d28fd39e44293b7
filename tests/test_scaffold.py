"""``catalogue new measure`` / ``catalogue new library`` as a contributor runs them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import error_texts, write_catalogue

from generator.rules.declarations import BODY_SECTIONS


def run(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "new", *args, "--root", str(root)],
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path)


def fill(path: Path, **values: str) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"^{key}:[^\n]*$", f"{key}: {value}", text, flags=re.MULTILINE)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def write_own_text(path: Path) -> None:
    """Replace the template's prompts below each heading by a text of one's own."""
    text = path.read_text(encoding="utf-8")
    for prompt in BODY_SECTIONS.values():
        text = text.replace(prompt, "Unser eigener Text.")
    path.write_text(text, encoding="utf-8")


def test_measure_with_options_is_valid_once_filled(root):
    result = run(root, "measure", "--title", "Lesecafé für Ältere", "--library", "musterdorf",
                 "--topic", "lesefoerderung", "--topic", "veranstaltungen")  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = root / "measures/lesecafe-fuer-aeltere.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../schema/measure.schema.json\n")
    assert 'title: "Lesecafé für Ältere"' in text
    assert "libraries: [musterdorf]" in text
    assert "## Ausgangslage" in text
    assert "## Tipps" in text
    # Until the placeholders are filled, validation names each of them …
    assert error_texts(root) == [
        "measures/lesecafe-fuer-aeltere.md:8: Pflichtfeld „summary“ ist leer "
        "(Zusammenfassung in 1–2 Sätzen).",
        "measures/lesecafe-fuer-aeltere.md:13: Pflichtfeld „status“ ist leer (Stand der Maßnahme).",
        *(
            f"measures/lesecafe-fuer-aeltere.md:{line}: Hier steht noch der Hinweis der "
            "Vorlage; bitte durch Ihren eigenen Text ersetzen (oder den Abschnitt löschen)."
            for line in (41, 45, 49, 53)
        ),
    ]
    # … and once they are, the file is valid.
    fill(path, summary="Einmal im Monat ein Lesecafé.", status="running")
    write_own_text(path)
    assert error_texts(root) == []


def test_measure_asks_when_options_are_missing(root):
    answers = "Vorlesen im Dorfladen\nmusterdorf, verbund\nlesefoerderung; ehrenamt\n"
    result = run(root, "measure", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "Titel der Maßnahme:" in result.stdout
    text = (root / "measures/vorlesen-im-dorfladen.md").read_text(encoding="utf-8")
    assert "libraries: [musterdorf, verbund]" in text
    assert "topics: [lesefoerderung, ehrenamt]" in text


def test_optional_fields_in_the_template_are_valid_when_uncommented(root):
    run(root, "measure", "--title", "Alles drin", "--library", "musterdorf", "--topic", "ehrenamt")
    path = root / "measures/alles-drin.md"
    text = path.read_text(encoding="utf-8")
    # Uncomment every optional example line (but not the explanations).
    head, _, body = text.partition("\n---\n")
    lines = []
    for line in head.splitlines():
        example = re.match(r"^# (\s*(?:[a-z_]+:|- [a-z_]+:)(?: .*)?)$", line)
        if example and not line.startswith("# yaml-language-server"):
            line = example.group(1)
        lines.append(line)
    text = "\n".join(lines) + "\n---\n" + body
    text = text.replace("file: lesepass.pdf", "url: https://example.org/lesepass.pdf")
    text = text.replace("based_on: [kennung-einer-anderen-massnahme]", "based_on: [lesesommer]")
    path.write_text(text, encoding="utf-8")
    fill(path, summary="Alles ausgefüllt.", status="completed")
    write_own_text(path)
    assert error_texts(root) == []


def test_library_template_is_valid_once_filled(root):
    result = run(root, "library", "--name", "Gemeindebücherei Neudorf")
    assert result.returncode == 0, result.stderr
    assert "„gemeindebuecherei-neudorf“" in result.stdout
    path = root / "libraries/gemeindebuecherei-neudorf.yml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/library.schema.json\n"
    )
    assert len(error_texts(root)) == 4  # municipality, state, population, staff_fte
    fill(path, municipality="Neudorf", state="Hessen", population="2100", area_m2="80",
         staff_fte="0.5")  # fmt: skip
    assert error_texts(root) == []


def test_network_template(root):
    assert run(root, "library", "--name", "Verbund Süd", "--network").returncode == 0
    path = root / "libraries/verbund-sued.yml"
    assert any("mindestens zwei" in e for e in error_texts(root))
    fill(path, members="[musterdorf, musterstadt]")
    assert error_texts(root) == []


def test_refuses_to_overwrite(root):
    before = (root / "measures/lesesommer.md").read_text(encoding="utf-8")
    result = run(root, "measure", "--title", "Lesesommer", "--library", "musterdorf",
                 "--topic", "lesefoerderung")  # fmt: skip
    assert result.returncode == 2
    assert "gibt es schon" in result.stderr
    assert "nicht überschrieben" in result.stderr
    assert (root / "measures/lesesommer.md").read_text(encoding="utf-8") == before
    assert run(root, "library", "--name", "Musterdorf").returncode == 2


def test_unknown_topic_is_a_usage_error_with_a_suggestion(root):
    result = run(root, "measure", "--title", "X", "--library", "musterdorf",
                 "--topic", "lesefoerdrung")  # fmt: skip
    assert result.returncode == 2
    assert "meinten Sie „lesefoerderung“?" in result.stderr
    assert not (root / "measures/x.md").exists()


def test_unknown_library_is_a_hint_not_a_stop(root):
    result = run(root, "measure", "--title", "Neu", "--library", "musterdorff",
                 "--topic", "ehrenamt")  # fmt: skip
    assert result.returncode == 0
    assert "meinten Sie „musterdorf“?" in result.stderr
    assert "catalogue new library" in result.stderr


def test_no_answers_is_a_usage_error(root):
    result = run(root, "measure", stdin="")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_person_is_asked_again_until_the_answer_is_valid(root):
    answers = "\n".join(
        [
            "",  # no title
            "Lesesommer",  # an id that exists: measures/lesesommer.md
            "Lesesommer im Dorf",
            "Muster Dorf",  # not an id
            "musterdorf",
            "lesefoerdrung",  # a typo
            "a, b, c, d, e, f",  # unknown, and too many
            "lesefoerderung, ehrenamt",
        ]
    )
    result = run(root, "measure", stdin=answers + "\n")
    assert result.returncode == 0, result.stderr
    assert "Bitte einen Namen oder Titel eingeben" in result.stderr
    assert "„measures/lesesommer.md“ gibt es schon" in result.stderr
    assert "„Muster Dorf“ ist keine gültige Kennung; Vorschlag: „muster-dorf“." in result.stderr
    assert (
        "Thema „lesefoerdrung“ gibt es nicht – meinten Sie „lesefoerderung“? Erlaubt: "
        "lesefoerderung, schule-kita, social-media, veranstaltungen, netzwerke, ehrenamt"
        in result.stderr
    )
    text = (root / "measures/lesesommer-im-dorf.md").read_text(encoding="utf-8")
    assert "topics: [lesefoerderung, ehrenamt]" in text


def test_an_unknown_library_lists_the_profiles_there_are(root):
    result = run(root, "measure", "--title", "X", "--library", "musterdorff", "--topic", "ehrenamt")
    assert result.returncode == 0, result.stderr
    assert "meinten Sie „musterdorf“?" in result.stderr
    assert "Vorhandene Profile: musterdorf, musterstadt, verbund" in result.stderr


def test_help_is_german_for_every_command():
    commands = [[], ["validate"], ["pages"], ["schema"], ["docs"], ["issue-forms"], ["new"],
                ["new", "measure"], ["new", "library"], ["from-issue"]]  # fmt: skip
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "generator", *command, "--help"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Aufruf: catalogue"), result.stdout
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in result.stdout, (command, result.stdout)
