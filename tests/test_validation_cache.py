"""The validation cache gives the same answer as a fresh check, notices every change, and
holds data only: nothing planted in its place can change a result, run code or crash."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import (
    LIBRARY,
    MEASURE,
    copy_fixture_catalogue,
    edit,
    error_texts,
    problem_texts,
    write,
)

from generator.validate import cache as validation_cache
from generator.validate import catalogue as loading
from generator.validate.catalogue import load_catalogue


def cache_file(root: Path) -> Path:
    return validation_cache.cache_file(root)


def with_problems(root: Path) -> Path:
    """The catalogue with an error and a warning, so that cached problems are compared too."""
    write(root, "libraries/musterdorf.yml", edit(LIBRARY, "area_m2", "populaton: 5"))
    return root


def uncached_texts(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setenv("CATALOGUE_NO_CACHE", "1")
        return problem_texts(root)


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files checked from now on (the cache's misses)."""
    checked: list[str] = []
    for name in ("_load_measure", "_load_library"):
        original = getattr(loading, name)

        def counting(root, path, *args, _original=original):
            checked.append(path.name)
            return _original(root, path, *args)

        monkeypatch.setattr(loading, name, counting)
    return checked


def test_second_run_comes_from_the_cache_with_the_same_problems(catalogue, monkeypatch) -> None:
    first = problem_texts(with_problems(catalogue))
    assert cache_file(catalogue).is_file()
    checked = count_checks(monkeypatch)
    assert problem_texts(catalogue) == first
    assert checked == []
    assert any("populaton" in text for text in first)
    assert any("Warnung" in text for text in first)


def test_the_cached_model_equals_the_fresh_one(tmp_path, monkeypatch) -> None:
    """Every field of every object, with its type (3 is not 3.0) and its source lines."""
    root = copy_fixture_catalogue(tmp_path)
    monkeypatch.setenv("CATALOGUE_NO_CACHE", "1")
    fresh = load_catalogue(root).catalogue
    monkeypatch.delenv("CATALOGUE_NO_CACHE")
    load_catalogue(root)
    checked = count_checks(monkeypatch)
    cached = load_catalogue(root).catalogue
    assert checked == []
    assert fresh is not None
    assert cached is not None
    for kind in ("libraries", "measures"):
        mine, theirs = getattr(fresh, kind), getattr(cached, kind)
        assert list(mine) == list(theirs)
        for key, value in mine.items():
            assert repr(theirs[key]) == repr(value)
            assert theirs[key].lines == value.lines
            assert {type(k) for k in theirs[key].lines} == {tuple}


def test_a_changed_file_is_checked_again(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    measure = next((catalogue / "measures").glob("*.md"))
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("status:", "stauts:"), encoding="utf-8"
    )
    assert any("stauts" in text for text in error_texts(catalogue))


def test_a_change_of_the_same_length_with_the_old_time_is_noticed(catalogue: Path) -> None:
    """Size and modification time alone would say "unchanged": the content decides."""
    assert error_texts(catalogue) == []
    measure = catalogue / "measures/lesesommer.md"
    before = os.stat(measure)
    changed = MEASURE.replace("status: completed", "status: complated")
    assert len(changed) == len(MEASURE)
    measure.write_text(changed, encoding="utf-8", newline="")
    os.utime(measure, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(measure).st_size == before.st_size
    assert any("complated" in text for text in error_texts(catalogue))


def test_a_changed_taxonomy_is_seen_by_cached_measures(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    taxonomy = catalogue / "measures" / "_taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("id: lesefoerderung", "id: leseanimation"), encoding="utf-8")
    assert any("lesefoerderung" in text for text in error_texts(catalogue))


def test_a_removed_material_file_is_noticed(catalogue: Path) -> None:
    assert error_texts(catalogue) == []
    material = next(p for p in (catalogue / "measures").rglob("*") if p.parent.name != "measures")
    material.unlink()
    assert any(material.name in text for text in error_texts(catalogue))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda patch: patch.setattr(sys, "version", "3.99.0 (anders)"), id="python"),
        pytest.param(
            lambda patch: patch.setattr(
                validation_cache, "_library_versions", lambda: "PyYAML 99 markdown-it-py 99"
            ),
            id="libraries",
        ),
        pytest.param(
            lambda patch: patch.setattr(validation_cache, "_yaml_parser", lambda: "pure Python"),
            id="yaml-parser",
        ),
        pytest.param(
            lambda patch: patch.setattr(validation_cache, "code_fingerprint", lambda: b"neu"),
            id="code",
        ),
    ],
)
def test_other_parsers_or_code_check_everything_anew(catalogue, monkeypatch, change) -> None:
    first = problem_texts(with_problems(catalogue))
    checked = count_checks(monkeypatch)
    change(monkeypatch)
    assert problem_texts(catalogue) == first
    assert sorted(checked) == ["lesesommer.md", "musterdorf.yml", "musterstadt.yml", "verbund.yml"]


def test_the_cache_is_never_read_from_the_repository(catalogue: Path) -> None:
    """A pull request could add any file to the repository, a forged cache included."""
    load_catalogue(catalogue)
    location = cache_file(catalogue)
    assert location.is_file()
    assert catalogue.resolve() not in location.resolve().parents
    assert Path(os.environ["XDG_CACHE_HOME"]) in location.parents


def test_the_cache_holds_json_data_and_no_pickle(catalogue: Path) -> None:
    load_catalogue(with_problems(catalogue))
    data = cache_file(catalogue).read_bytes()
    with pytest.raises(pickle.UnpicklingError):
        pickle.loads(data)
    header, *entries = data.decode("ascii").rstrip("\n").split("\n")
    assert json.loads(header)["format"] == "bib-katalog/pruefung"
    assert len(entries) == 5  # four files and the near-duplicate pairs
    for entry in entries:
        key, _, value = entry.partition(" ")
        assert len(key) == 64
        assert int(key, 16) >= 0
        json.loads(value)
    # written through a temporary file of its own, renamed into place: nothing left over
    assert [p.name for p in cache_file(catalogue).parent.iterdir()] == [cache_file(catalogue).name]


# --- a damaged, foreign or planted cache ----------------------------------------------------

SECRET = "GEHEIM-4711"


class Payload:
    """What an attacker would pickle: creates a file when unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, SECRET))


def forged_entries(text: str, value: str) -> str:
    """A real cache with every entry's value replaced: right keys, wrong shapes."""
    header, *entries = text.rstrip("\n").split("\n")
    return "\n".join([header, *(f"{e[:64]} {value}" for e in entries)]) + "\n"


def doctored(text: str) -> str:
    """A real cache whose entries report a made-up error: what a link could smuggle in."""
    header, *entries = text.rstrip("\n").split("\n")
    lines = [header]
    for entry in entries:
        key, _, raw = entry.partition(" ")
        value = json.loads(raw)
        if isinstance(value, list) and len(value) == 2 and isinstance(value[1], list):
            value[1].append(["libraries/musterdorf.yml", 1, SECRET, False])
        lines.append(f"{key} {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def plant(kind: str, file: Path, outside: Path) -> None:
    real = file.read_text(encoding="ascii")
    if kind == "garbage":
        file.write_bytes(b"\x00\xff kein Cache \x80\x04" * 100)
    elif kind == "truncated":
        file.write_text(real[: len(real) // 2], encoding="ascii")
    elif kind == "truncated-entry":
        cut = real.rstrip("\n")
        file.write_text(cut[: cut.rindex(" ") + 20], encoding="ascii")
    elif kind == "wrong-json":
        file.write_text('{"format": "bib-katalog/pruefung", "entries": {}}\n', encoding="ascii")
    elif kind.startswith("wrong-value"):
        value = {
            "wrong-value-list": "[1, 2, 3]",
            "wrong-value-object": '{"model": "Measure", "fields": "abc"}',
            "wrong-value-model": '[{"model": "os.system", "fields": ["id"]}, []]',
            "wrong-value-problems": '[null, [["x", "eins", 3, true]]]',
            "wrong-value-problem-text": '[null, ["abcd"]]',
            "wrong-value-date": '[{"date": 5}, []]',
            "wrong-value-lines": '[null, {"lines": [7]}]',
        }[kind]
        file.write_text(forged_entries(real, value), encoding="ascii")
    elif kind == "foreign-header":
        header, _, rest = real.partition("\n")
        file.write_text(header.replace('"environment": "', '"environment": "0') + "\n" + rest)
    elif kind == "pickle":
        file.write_bytes(pickle.dumps(Payload(outside / "ausgefuehrt")))
        old = file.parent.parent / f"pruefung-{file.parent.name}.pickle"  # the old location
        old.write_bytes(pickle.dumps(Payload(outside / "ausgefuehrt")))
    elif kind == "symlink":
        target = outside / "untergeschoben.json"
        target.write_text(doctored(real), encoding="ascii")
        file.unlink()
        file.symlink_to(target)
    elif kind == "directory":
        file.unlink()
        (file / "inhalt").mkdir(parents=True)
    elif kind == "unreadable":
        file.chmod(0)
    else:  # pragma: no cover
        raise AssertionError(kind)


KINDS = [
    "garbage", "truncated", "truncated-entry", "wrong-json", "wrong-value-list",
    "wrong-value-object", "wrong-value-model", "wrong-value-problems",
    "wrong-value-problem-text", "wrong-value-date", "wrong-value-lines", "foreign-header",
    "pickle", "symlink", "directory", "unreadable",
]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_cache_counts_as_absent(catalogue, tmp_path_factory, monkeypatch, kind) -> None:
    expected = uncached_texts(with_problems(catalogue), monkeypatch)
    assert problem_texts(catalogue) == expected
    file = cache_file(catalogue)
    outside = tmp_path_factory.mktemp("outside")
    plant(kind, file, outside)
    if kind == "unreadable" and os.access(file, os.R_OK):  # root reads anything: pretend
        real_open = os.open

        def refusing(path, *args, **kwargs):
            if Path(path) == file:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    assert problem_texts(catalogue) == expected  # no traceback, the same answer
    assert problem_texts(catalogue) == expected  # and again, from what that run saved
    assert not (outside / "ausgefuehrt").exists()
    if kind == "symlink":
        assert SECRET in (outside / "untergeschoben.json").read_text(encoding="ascii")
        assert not file.is_symlink()  # replaced by a file of its own, not written through


def test_a_planted_cache_changes_nothing_on_the_command_line(catalogue, tmp_path_factory) -> None:
    """The same through ``catalogue validate``: exit status, output, no traceback."""
    command = [sys.executable, "-m", "generator", "validate", "--root", str(catalogue)]
    clean = subprocess.run(command, capture_output=True, text=True, check=False)
    outside = tmp_path_factory.mktemp("outside")
    plant("pickle", cache_file(catalogue), outside)
    planted = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (planted.returncode, planted.stdout, planted.stderr) == (
        clean.returncode,
        clean.stdout,
        clean.stderr,
    )
    assert "Traceback" not in planted.stderr
    assert not (outside / "ausgefuehrt").exists()
    assert cache_file(catalogue).read_bytes().startswith(b'{"format"')
