"""``catalogue validate`` (``python -m generator``) as contributors and CI run it: output
and exit status. Most tests call the command line's ``main`` in this process
(``catalogue_files.run_cli``); those about the process itself start one: its exit status,
hostile files that must not end it with a traceback, a reader that closes the pipe."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import LIBRARY, MEASURE, edit, run_catalogue, run_cli, write

from generator.core.problems import Problem, Problems

LINE = re.compile(r"^[^\n:]+:\d+: \S.*$")


def validate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_catalogue("validate", "--root", str(root), *args)


@pytest.fixture
def cli(capsys):
    """``catalogue ARGS`` in this process: (exit status, stdout, stderr)."""
    return lambda *args: run_cli(capsys, *args)


def test_valid_catalogue_exits_0(catalogue):
    result = validate(catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Alles in Ordnung: 1 Maßnahme, 3 Bibliotheken und Verbünde, 0 Warnungen." in (
        result.stderr
    )


def test_root_defaults_to_the_current_folder(catalogue, cli, monkeypatch):
    monkeypatch.chdir(catalogue)
    assert cli("validate")[0] == 0


def test_warnings_do_not_fail(catalogue, cli):
    write(catalogue, "libraries/musterdorf.yml", edit(LIBRARY, "area_m2", None))
    code, out, err = cli("validate", "--root", str(catalogue))
    assert code == 0
    assert out.splitlines() == [
        "libraries/musterdorf.yml:1: Warnung: Empfohlenes Feld „area_m2“ fehlt "
        "(Publikumsfläche in m²); ohne Fläche findet der Größenfilter die Bibliothek nicht. "
        "Ist keine Fläche veröffentlicht, bitte „area_m2: unbekannt“ eintragen."
    ]
    assert "1 Warnung." in err


def test_content_errors_exit_1_with_path_line_message(catalogue):
    write(catalogue, "measures/lesesommer.md", edit(MEASURE, "status", "status: fertig"))
    write(catalogue, "libraries/musterdorf.yml", edit(LIBRARY, "population", "populaton: 4800"))
    write(catalogue, "libraries/Neue Bücherei.yml", "name: x\n")
    result = validate(catalogue)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert [line.split(": ")[0] for line in lines] == [
        "libraries/Neue Bücherei.yml:1",
        "libraries/musterdorf.yml:1",
        "libraries/musterdorf.yml:6",
        "measures/lesesommer.md:7",
    ]
    assert lines[2] == (
        "libraries/musterdorf.yml:6: Unbekanntes Feld „populaton“ – meinten Sie „population“?"
    )
    assert "4 Fehler, 0 Warnungen – bitte korrigieren." in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        b"\xff\xfe\x00n\x00a",  # UTF-16
        b"name: [\n",
        b"a: &x [*x]\n",
        b"- " * 3000,
        b"[" * 200_000,
        b"\x00",
        b"",
    ],
)
def test_broken_files_are_content_errors_never_tracebacks(catalogue, text):
    write(catalogue, "libraries/musterdorf.yml", text)
    write(catalogue, "measures/lesesommer.md", text)
    result = validate(catalogue)
    assert result.returncode == 1
    assert all(LINE.match(line) for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--bogus"], "unbekannte Angabe: --bogus"),
        (["validate", "--format", "xml"], "--format"),
        (["validate", "--root"], "nach --root fehlt der Wert"),
        (["frobnicate"], "frobnicate"),
        ([], "es fehlt"),
        (["validate", "--root", "/gibt/es/nicht"], "Ordner „/gibt/es/nicht“ gibt es nicht"),
    ],
)
def test_usage_errors_exit_2(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""
    assert message in err


def test_a_usage_error_ends_the_process_with_2():
    result = run_catalogue("validate", "--bogus")
    assert result.returncode == 2
    assert "unbekannte Angabe: --bogus" in result.stderr


def test_root_that_is_a_file_is_a_usage_error(tmp_path, cli):
    file = tmp_path / "datei.txt"
    file.write_text("x", encoding="utf-8")
    assert cli("validate", "--root", str(file))[0] == 2


def test_help_exits_0(cli):
    code, out, _ = cli("validate", "--help")
    assert code == 0
    assert "--format" in out


# --- GitHub annotations -----------------------------------------------------------------


def test_github_format(catalogue, cli):
    write(catalogue, "measures/lesesommer.md", edit(MEASURE, "status", "status: 100%"))
    write(catalogue, "libraries/musterdorf.yml", edit(LIBRARY, "area_m2", None))
    write(catalogue, "measures/a,b:c.md", "egal")
    code, out, _ = cli("validate", "--root", str(catalogue), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "::warning file=libraries/musterdorf.yml,line=1::Empfohlenes Feld „area_m2“ fehlt "
        "(Publikumsfläche in m²); ohne Fläche findet der Größenfilter die Bibliothek nicht. "
        "Ist keine Fläche veröffentlicht, bitte „area_m2: unbekannt“ eintragen.",
        "::error file=measures/a%2Cb%3Ac.md,line=1::Der Dateiname ist die Kennung und darf nur "
        "Kleinbuchstaben a–z, Ziffern und Bindestriche enthalten (höchstens 80 Zeichen). "
        "Bitte umbenennen in „a-b-c.md“.",
        "::error file=measures/lesesommer.md,line=7::„status“: „100%25“ ist nicht erlaubt. "
        "Erlaubt: planned (geplant), running (laufend), completed (abgeschlossen), "
        "discontinued (eingestellt).",
    ]


def test_github_escaping():
    problem = Problem("a,b:c%.md", 3, "50% fertig\r\nzweite Zeile: a,b")
    assert problem.github() == (
        "::error file=a%2Cb%3Ac%25.md,line=3::50%25 fertig%0D%0Azweite Zeile: a,b"
    )
    assert Problem("p", 1, "x", warning=True).github() == "::warning file=p,line=1::x"


def test_messages_with_line_breaks_become_one_line():
    problems = Problems()
    problems.error("p", 1, "„a\r\nb“ und „c\nd“")
    assert problems.items[0].text() == "p:1: „a b“ und „c d“"


def test_output_into_a_closed_pipe(tmp_path):
    for index in range(1500):  # far more output than a pipe buffer holds
        write(tmp_path, f"libraries/l{index}.yml", "x: 1\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "validate", "--root", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(b"libraries/")
    process.stdout.close()  # like `catalogue validate | head -1`
    stderr = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait() == 1
    assert "Traceback" not in stderr


def test_pages_into_a_place_that_cannot_be_written_is_a_german_usage_error(
    catalogue, tmp_path, cli
):
    blocker = tmp_path / "eine-datei"
    blocker.write_text("kein Ordner")
    code, _, err = cli("pages", "--root", str(catalogue), "--out", str(blocker / "site"))
    assert code == 2
    assert "ein Teil des Pfads ist kein Ordner" in err


def test_pages_writes_the_catalogue_for_another_builder(catalogue, tmp_path, cli):
    code, _, err = cli("pages", "--root", str(catalogue), "--out", str(tmp_path / "seiten"))
    assert code == 0, err
    assert (tmp_path / "seiten/massnahmen/lesesommer.md").is_file()
    assert (tmp_path / "seiten/massnahmen/lesesommer/lesepass.pdf").is_file()
