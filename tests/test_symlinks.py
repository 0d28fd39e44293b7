"""No symbolic link in the content is ever followed: a pull request could point one at any
file of the build machine. Each is a German error at its place (the ``file:`` line for a
material, line 1 for a file or folder); the target is never opened, listed or published."""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from catalogue_files import LIBRARY, MEASURE, TAXONOMY, write

from generator.render.pages import write_pages
from generator.validate.catalogue import load_catalogue

SECRET = "GEHEIM-0815-streng-vertraulich"
MEA = "measures/lesesommer.md"
FOLDER = "measures/lesesommer"
NO_LINKS = "Verknüpfungen (Symlinks) sind nicht erlaubt; bitte die Datei selbst ablegen."
MATERIAL_OUTSIDE = (
    f"{MEA}:16: „lesepass.pdf“ verweist auf eine Datei außerhalb von {FOLDER}/; "
    "Verknüpfungen (Symlinks) sind nicht erlaubt, bitte die Datei selbst in den Ordner legen."
)
MATERIAL_SIBLING = (
    f"{MEA}:16: „lesepass.pdf“ ist eine Verknüpfung (Symlink); Verknüpfungen sind nicht "
    f"erlaubt, bitte die Datei selbst in den Ordner {FOLDER}/ legen."
)
MATERIAL_FOLDER = (
    f"{MEA}:16: „lesepass.pdf“ verweist auf eine Datei außerhalb von {FOLDER}/: der Ordner ist "
    "eine Verknüpfung (Symlink). Bitte einen echten Ordner anlegen und die Datei selbst "
    "hineinlegen."
)


def folder_link(rel: str) -> str:
    return (
        f"{rel}:1: Der Materialordner „{rel}/“ ist eine Verknüpfung (Symlink); Verknüpfungen "
        "sind nicht erlaubt, bitte den Ordner selbst ablegen."
    )


def top_folder_link(name: str) -> str:
    return (
        f"{name}:1: Der Ordner „{name}/“ ist eine Verknüpfung (Symlink); Verknüpfungen sind "
        "nicht erlaubt, bitte den Ordner selbst ablegen."
    )


def secrets(outside: Path) -> Path:
    """Files as a build machine might hold them, each a valid piece of content, so that
    following a link would publish it rather than fail on it."""
    write(outside, "geheim.md", MEASURE.replace("Lesesommer", SECRET))
    write(outside, "geheim.yml", LIBRARY.replace("Musterdorf", SECRET))
    write(outside, "geheim.pdf", f"%PDF-1.4 {SECRET}\n")
    write(outside, "ordner/lesepass.pdf", f"%PDF-1.4 {SECRET}\n")
    write(outside, f"ordner/{SECRET}.pdf", "%PDF-1.4\n")  # its name must not leak either
    write(outside, "taxonomie.yml", TAXONOMY.replace("Leseförderung", SECRET))
    write(outside, "betreiber.yml", f"name: {SECRET}\n")
    os.mkfifo(outside / "fifo")  # opening it to read would hang the run
    (outside / "fifo-ordner").mkdir()
    os.mkfifo(outside / "fifo-ordner" / "lesepass.pdf")
    return outside


def link(root: Path, rel: str, target: Path | str) -> None:
    path = root / rel
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def without_materials(root: Path) -> None:
    materials = "materials:\n  - title: Lesepass\n    file: lesepass.pdf\n"
    write(root, MEA, MEASURE.replace(materials, ""))


def in_between(root: Path, outside: Path) -> None:
    """The folder is a link to another folder of the repository, holding a real file."""
    write(root, "docs/anderswo/lesepass.pdf", f"%PDF-1.4 {SECRET}\n")
    link(root, FOLDER, root / "docs/anderswo")


def copied_folder(root: Path, outside: Path, name: str) -> None:
    """The whole folder moved outside and linked back: every file in it is a real file."""
    (root / name).rename(outside / name)
    link(root, name, outside / name)


Plant = Callable[[Path, Path], None]
CASES: list[tuple[str, Plant, str]] = [
    ("measure", lambda r, o: link(r, "measures/geheim.md", o / "geheim.md"),
     f"measures/geheim.md:1: {NO_LINKS}"),
    ("measure-fifo", lambda r, o: link(r, "measures/geheim.md", o / "fifo"),
     f"measures/geheim.md:1: {NO_LINKS}"),
    ("measure-dangling", lambda r, o: link(r, "measures/weg.md", o / "gibt-es-nicht.md"),
     f"measures/weg.md:1: {NO_LINKS}"),
    ("library", lambda r, o: link(r, "libraries/geheim.yml", o / "geheim.yml"),
     f"libraries/geheim.yml:1: {NO_LINKS}"),
    ("library-to-folder", lambda r, o: link(r, "libraries/geheim.yml", o / "ordner"),
     f"libraries/geheim.yml:1: {NO_LINKS}"),
    ("taxonomy", lambda r, o: link(r, "measures/_taxonomy.yml", o / "taxonomie.yml"),
     f"measures/_taxonomy.yml:1: {NO_LINKS}"),
    ("taxonomy-dangling", lambda r, o: link(r, "measures/_taxonomy.yml", o / "weg.yml"),
     f"measures/_taxonomy.yml:1: {NO_LINKS}"),
    ("operator", lambda r, o: link(r, "betreiber.yml", o / "betreiber.yml"),
     f"betreiber.yml:1: {NO_LINKS}"),
    ("material", lambda r, o: link(r, f"{FOLDER}/lesepass.pdf", o / "geheim.pdf"),
     MATERIAL_OUTSIDE),
    ("material-fifo", lambda r, o: link(r, f"{FOLDER}/lesepass.pdf", o / "fifo"),
     MATERIAL_OUTSIDE),
    ("material-sibling", lambda r, o: (
        write(r, f"{FOLDER}/echt.pdf", f"%PDF-1.4 {SECRET}\n"),
        link(r, f"{FOLDER}/lesepass.pdf", "echt.pdf"),
    ), MATERIAL_SIBLING),
    ("unnamed-material", lambda r, o: link(r, f"{FOLDER}/extra.pdf", o / "geheim.pdf"),
     f"{FOLDER}/extra.pdf:1: {NO_LINKS}"),
    ("material-folder", lambda r, o: link(r, FOLDER, o / "ordner"), MATERIAL_FOLDER),
    ("material-folder-etc", lambda r, o: link(r, FOLDER, "/etc"), MATERIAL_FOLDER),
    ("material-folder-fifo", lambda r, o: link(r, FOLDER, o / "fifo-ordner"), MATERIAL_FOLDER),
    ("material-folder-in-between", in_between, MATERIAL_FOLDER),
    ("material-folder-unnamed", lambda r, o: (
        without_materials(r), link(r, FOLDER, o / "ordner"),
    ), folder_link(FOLDER)),
    ("material-folder-without-measure", lambda r, o: link(r, "measures/fremd", o / "ordner"),
     folder_link("measures/fremd")),
    ("libraries-folder", lambda r, o: copied_folder(r, o, "libraries"),
     top_folder_link("libraries")),
    ("measures-folder", lambda r, o: copied_folder(r, o, "measures"),
     top_folder_link("measures")),
]  # fmt: skip


@pytest.mark.parametrize(("plant", "error"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_link_is_a_german_error_and_never_followed(
    catalogue: Path, tmp_path_factory: pytest.TempPathFactory, plant: Plant, error: str
) -> None:
    outside = secrets(tmp_path_factory.mktemp("outside"))
    plant(catalogue, outside)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(catalogue)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,  # a FIFO opened for reading would block until then
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert error in result.stdout.splitlines(), result.stdout
    assert SECRET not in result.stdout + result.stderr
    assert "passwd" not in result.stdout  # /etc was not listed either


@pytest.mark.parametrize("plant", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_no_target_is_ever_opened_or_listed(
    catalogue: Path, tmp_path_factory: pytest.TempPathFactory, plant: Plant
) -> None:
    """Not even read into memory (e.g. to hash it for the cache): every successful open or
    listing of a path is recorded with where it really leads."""
    outside = secrets(tmp_path_factory.mktemp("outside"))
    plant(catalogue, outside)
    forbidden = [outside.resolve(), Path("/etc"), (catalogue / "docs/anderswo").resolve()]
    touched: list[str] = []

    def watch(function):
        def watched(path, *args, **kwargs):
            result = function(path, *args, **kwargs)
            if isinstance(path, str | os.PathLike):
                real = Path(os.path.realpath(path))
                if any(real.is_relative_to(f) for f in forbidden):
                    touched.append(f"{path} → {real}")
            return result

        return watched

    with pytest.MonkeyPatch.context() as patch:
        for module, name in ((os, "open"), (os, "scandir"), (os, "listdir"), (io, "open")):
            patch.setattr(module, name, watch(getattr(module, name)))
        patch.setattr(builtins, "open", io.open)
        load_catalogue(catalogue)
        load_catalogue(catalogue)  # and from the cache
    assert touched == []


# the cases that put a link where lesesommer.md's material lesepass.pdf is looked for
MATERIAL_CASES = [
    c
    for c in CASES
    if c[0].startswith("material")
    and c[0] not in ("material-folder-unnamed", "material-folder-without-measure")
]


@pytest.mark.parametrize(
    "plant", [c[1] for c in MATERIAL_CASES], ids=[c[0] for c in MATERIAL_CASES]
)
def test_a_link_planted_after_validation_is_not_published(
    catalogue: Path, tmp_path_factory: pytest.TempPathFactory, plant: Plant
) -> None:
    """Even if a link appears between validation and the copy, no byte behind it is copied."""
    result = load_catalogue(catalogue)
    assert result.catalogue is not None
    outside = secrets(tmp_path_factory.mktemp("outside"))
    plant(catalogue, outside)
    site = tmp_path_factory.mktemp("site")
    write_pages(result.catalogue, site, catalogue)
    for file in site.rglob("*"):
        assert file.is_dir() or SECRET.encode() not in file.read_bytes(), file
    assert not (site / "massnahmen/lesesommer/lesepass.pdf").exists()


def test_real_files_are_still_published(
    catalogue: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = load_catalogue(catalogue)
    assert result.catalogue is not None
    site = tmp_path_factory.mktemp("site")
    write_pages(result.catalogue, site, catalogue)
    assert (site / "massnahmen/lesesommer/lesepass.pdf").read_bytes() == b"%PDF-1.4\n"
