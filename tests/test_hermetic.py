"""The test session writes only into its temporary folders (tests/hermetic.py): its home and
caches are temporary, for subprocesses too, and a session that writes into its repository
or the home folder fails."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from catalogue_files import TESTS
from hermetic import Guard


def test_home_and_caches_of_the_session_are_temporary() -> None:
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    home = Path(os.environ["HOME"])
    assert home != real_home
    assert Path.home() == home
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[name]).is_relative_to(home)
    assert "SITE_URL" not in os.environ  # builds get mkdocs.yml's default address
    child = subprocess.run(
        [sys.executable, "-c", "import os, pathlib; print(pathlib.Path.home()); "
         "print(os.environ['XDG_CACHE_HOME'])"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert child == [str(home), os.environ["XDG_CACHE_HOME"]]


def test_the_guard_names_what_was_written_outside(tmp_path: Path) -> None:
    repo, home, elsewhere = tmp_path / "repo", tmp_path / "home", tmp_path / "anderswo"
    for folder in (repo / "docs", repo / ".venv", repo / "tmp", home / "tmp", elsewhere):
        folder.mkdir(parents=True)
    (repo / "docs/a.md").write_text("a")
    (repo / "docs/b.md").write_text("b")
    guard = Guard(repo, home, temporary=[home / "tmp", repo / "tmp"])
    guard.start()
    try:
        (repo / "docs/a.md").write_text("geändert")  # an existing file: only the hook sees it
        (repo / "docs/b.md").unlink()
        (repo / "site/massnahmen").mkdir(parents=True)
        (repo / "site/massnahmen/index.html").write_text("neu")
        os.close(os.open(repo / "neu.txt", os.O_WRONLY | os.O_CREAT))
        (home / ".cache").mkdir()
        # allowed: the repository's tool folders, temporary folders, anywhere else
        (repo / ".venv/x.py").write_text("x")
        (repo / "__pycache__").mkdir()
        (repo / "tmp/x").write_text("x")
        (home / "tmp/x").write_text("x")
        (elsewhere / "x").write_text("x")
        shutil.rmtree(elsewhere)
        (repo / "docs/a.md").read_text()  # reading is no writing
    finally:
        lines = guard.report()
    test = os.environ["PYTEST_CURRENT_TEST"].rsplit(" (", 1)[0]
    assert lines == [
        "neu im Repository: neu.txt",
        "neu im Repository: site",
        *(
            f"geschrieben: {path} ({test})"
            for path in sorted(
                str(p.resolve())
                for p in (
                    repo / "docs/a.md",
                    repo / "docs/b.md",
                    repo / "site",
                    repo / "site/massnahmen",
                    repo / "site/massnahmen/index.html",
                    repo / "neu.txt",
                    home / ".cache",
                )
            )
        ),
    ]


def test_a_session_that_writes_into_its_repository_fails(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    (repo / "pytest.ini").write_text("[pytest]\n")  # the repository is pytest's rootdir
    (repo / "README.md").write_text("unverändert\n")
    (repo / "tests/conftest.py").write_text('pytest_plugins = ("hermetic",)\n')
    (repo / "tests/test_schreibt.py").write_text(
        "from pathlib import Path\n\n"
        "REPO = Path(__file__).resolve().parents[1]\n\n\n"
        "def test_im_repository():\n"
        "    (REPO / 'site').mkdir()\n"
        "    (REPO / 'site/index.html').write_text('x')\n"
        "    (REPO / 'README.md').write_text('geändert')\n\n\n"
        "def test_im_eigenen_ordner(tmp_path):\n"
        "    (tmp_path / 'x').write_text('x')\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=repo, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(TESTS), "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert "2 passed" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 1, result.stdout
    assert "Tests haben außerhalb ihrer temporären Ordner geschrieben" in result.stdout
    assert "neu im Repository: site\n" in result.stdout
    readme = (repo / "README.md").resolve()
    assert f"geschrieben: {readme} (tests/test_schreibt.py::test_im_repository)" in result.stdout
    assert "test_im_eigenen_ordner)" not in result.stdout
