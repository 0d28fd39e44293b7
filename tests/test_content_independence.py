"""The tests belong to the tool, not to the sample catalogue. An association copies the
repository and replaces ``measures/``, ``libraries/`` and ``beispielkatalog.yml`` with its own
catalogue (and perhaps its own taxonomy): the suite must stay green.

- A static guard: no test module reads the repository's ``measures/`` or ``libraries/``,
  loads the repository as a catalogue, or names an id of the sample (read from
  ``beispielkatalog.yml``, so the guard follows the sample); and no subprocess gets an
  environment without ``XDG_CACHE_HOME`` (its cache would go to the real ~/.cache).
- The proof (slow, marked ``slow``): a copy of the repository with another catalogue and
  another taxonomy, its generated files regenerated as an association would, is validated,
  built, and runs the non-browser test suite; which writes nothing into the copy and leaves
  no process behind.

Checking the repository's own content is ``./dev test``'s step before pytest
(``catalogue validate``, ``mkdocs build --strict``), not a test's.
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalogue_files import FIXTURE_CATALOGUE, REPO, TESTS

from generator.contribute.sample import SAMPLE_FILE, sample_entries
from generator.core.problems import Problems
from generator.validate.catalogue import load_catalogue

# Set in the copy's test run: this module's slow test would otherwise run itself again.
IN_COPY = "CATALOGUE_TESTS_IN_COPY"
CONTENT = ("measures", "libraries")

# --- the static guard -------------------------------------------------------------------------


def sample_ids(root: Path = REPO) -> set[str]:
    """Ids of the entries listed in ``beispielkatalog.yml`` (none when it was removed)."""
    return {Path(entry.path).stem for entry in sample_entries(root, Problems())}


def _path_of(node: ast.AST, names: dict[str, Path], module: Path) -> Path | None:
    """The path an expression like ``Path(__file__).resolve().parents[1] / "x"`` denotes,
    with module-level names known; None for anything else."""
    match node:
        case ast.Name(id="__file__"):
            return module
        case ast.Name(id=name):
            return names.get(name)
        case ast.Call(func=ast.Name(id="Path"), args=[argument], keywords=[]):
            return _path_of(argument, names, module)
        case ast.Call(func=ast.Attribute(value=value, attr="resolve" | "absolute"), args=[]):
            return _path_of(value, names, module)
        case ast.Attribute(value=value, attr="parent"):
            path = _path_of(value, names, module)
            return path.parent if path else None
        case ast.Subscript(
            value=ast.Attribute(value=value, attr="parents"), slice=ast.Constant(value=int(n))
        ):
            path = _path_of(value, names, module)
            return path.parents[n] if path else None
        case ast.BinOp(left=left, op=ast.Div(), right=ast.Constant(value=str(part))):
            path = _path_of(left, names, module)
            return path / part if path else None
    return None


def _module_names(module: Path, tree: ast.Module, modules: dict[str, dict[str, Path]]) -> dict:
    """Module-level names bound to paths, including those imported from sibling modules."""
    names: dict[str, Path] = {}
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module in modules:
            for alias in statement.names:
                if alias.name in modules[statement.module]:
                    names[alias.asname or alias.name] = modules[statement.module][alias.name]
        elif isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            path = _path_of(statement.value, names, module)
            for target in targets:
                if isinstance(target, ast.Name) and path is not None:
                    names[target.id] = path
    return names


def _is_repository_check(function: ast.AST | None) -> bool:
    return function is not None and any(
        ast.unparse(d) == "pytest.mark.repository" for d in function.decorator_list
    )


def _strings(node: ast.AST, constants: dict[str, list[str]]) -> list[str]:
    """The strings of a literal tuple, list or set (or of a name bound to one)."""
    if isinstance(node, ast.Name):
        return constants.get(node.id, [])
    if not isinstance(node, ast.Tuple | ast.List | ast.Set):
        return []
    found: list[str] = []
    for element in node.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            found.append(element.value)
        elif isinstance(element, ast.Starred):
            found += _strings(element.value, constants)
    return found


def violations(
    module: Path, source: str, repo: Path = REPO, imported: dict[str, dict[str, Path]] | None = None
) -> list[str]:
    """What in one test module reads the repository's own catalogue (or hands a subprocess an
    environment without the tests' cache folder), as ``path:line: text``."""
    tree = ast.parse(source)
    names = _module_names(module, tree, imported or {})
    constants = {
        target.id: _strings(statement.value, {})
        for statement in tree.body
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Name)
    }
    content = [repo / folder for folder in CONTENT]
    rel = module.relative_to(repo) if module.is_relative_to(repo) else module
    found: list[str] = []

    def report(node: ast.AST, text: str) -> None:
        found.append(f"{rel}:{node.lineno}: {text}")

    def is_repo(node: ast.AST) -> bool:
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "str" and node.args:
            node = node.args[0]
        return _path_of(node, names, module) == repo

    def visit(node: ast.AST, function: ast.AST | None, loops: dict[str, list[str]]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            # `for part in ("docs", "measures"): REPO / part`
            loops = {**loops, node.target.id: _strings(node.iter, constants)}
        if isinstance(node, ast.BinOp):
            path = _path_of(node, names, module)
            if path is not None and any(path == c or c in path.parents for c in content):
                report(node, f"liest den Katalog des Repositorys ({path.relative_to(repo)})")
            elif (
                isinstance(node.op, ast.Div)
                and isinstance(node.right, ast.Name)
                and set(loops.get(node.right.id, ())) & set(CONTENT)
                and is_repo(node.left)
            ):
                report(node, "kopiert measures/ oder libraries/ des Repositorys")
        elif isinstance(node, ast.Call) and node.args and is_repo(node.args[0]):
            called = ast.unparse(node.func).rsplit(".", 1)[-1]
            if called == "load_catalogue" or (
                called == "load_taxonomy" and not _is_repository_check(function)
            ):
                report(node, f"{called}() auf dem Repository")
        elif (
            isinstance(node, ast.keyword) and node.arg == "env" and isinstance(node.value, ast.Dict)
        ):
            keys = [k.value if isinstance(k, ast.Constant) else k for k in node.value.keys]
            if None not in keys and "XDG_CACHE_HOME" not in keys:  # None: **os.environ
                report(node.value, "Umgebung ohne XDG_CACHE_HOME: der Cache ginge nach ~/.cache")
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = [e.value if isinstance(e, ast.Constant) else e for e in node.elts]
            strings = _strings(node, constants)
            if "mkdocs.yml" in strings and set(strings) & set(CONTENT):
                report(node, "kopiert measures/ oder libraries/ des Repositorys")
            for flag, value in itertools.pairwise(items):
                if (
                    flag == "--root"
                    and isinstance(value, ast.AST)
                    and is_repo(value)
                    and not (_is_repository_check(function) and "--check" in items)
                ):
                    report(node, "ruft den Katalog des Repositorys auf (--root)")
        for child in ast.iter_child_nodes(node):
            visit(child, function, loops)

    visit(tree, None, {})
    return found


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_no_test_reads_the_repositorys_catalogue() -> None:
    """Repository checks (``pytest.mark.repository``) may read its taxonomy, nothing more."""
    modules = {
        p: p.read_text(encoding="utf-8")
        for p in TESTS.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert TESTS / "conftest.py" in modules
    assert len(modules) > 20
    # Names bound to paths, also through imports (REPO from catalogue_files): two rounds
    # reach the names a module imports from a module that imported them.
    imported: dict[str, dict[str, Path]] = {}
    for _ in range(2):
        for module, source in modules.items():
            imported[module.stem] = _module_names(module, ast.parse(source), imported)
    assert imported["catalogue_files"]["REPO"] == REPO
    found = [f for m, source in modules.items() for f in violations(m, source, imported=imported)]
    assert found == []


def test_no_test_names_an_entry_of_the_sample() -> None:
    ids = sample_ids()
    if not ids:
        pytest.skip(f"kein {SAMPLE_FILE} (Beispielkatalog entfernt)")
    alternatives = "|".join(map(re.escape, sorted(ids)))
    pattern = re.compile(rf"(?<![a-z0-9-])({alternatives})(?![a-z0-9-])")
    found = []
    for file in _test_files():
        if file == Path(__file__):
            continue  # reads the ids, and holds the other catalogue the copy's list names
        if TESTS / "golden" / "expected" in file.parents:
            continue  # the generator's output: the field reference's examples are its own
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a material file of the fixture catalogue
        found.extend(
            f"{file.relative_to(REPO)}:{number}: nennt „{match.group(1)}“ aus dem "
            f"Beispielkatalog ({SAMPLE_FILE}); Tests brauchen eigene Einträge."
            for number, line in enumerate(text.splitlines(), 1)
            for match in pattern.finditer(line)
        )
    assert found == []


GUARDED = """\
from pathlib import Path
REPO = Path(__file__).resolve().parent.parent
"""


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ('x = REPO / "measures"', True),
        ('x = REPO / "libraries" / "a.yml"', True),
        ('x = Path(__file__).parents[1] / "measures/a.md"', True),
        ('PARTS = ("mkdocs.yml", "docs", "libraries")', True),
        ('for part in ("measures", "libraries"):\n    copy(REPO / part, part)', True),
        ('P = ("docs", "libraries")\nfor part in (*P, "x"):\n    copy(REPO / part, part)', True),
        ('for part in ("docs", "overrides"):\n    copy(REPO / part, part)', False),
        ('for part in ("measures", "libraries"):\n    copy(tmp / part, part)', False),
        ("c = load_catalogue(REPO)", True),
        ("def test_x():\n    load_taxonomy(REPO)", True),
        ("@pytest.mark.repository\ndef test_x():\n    load_taxonomy(REPO)", False),
        ('main(["pages", "--root", str(REPO), "--out", "x"])', True),
        ('@pytest.mark.repository\ndef t():\n    main(["docs", "--root", str(REPO)])', True),
        ('@pytest.mark.repository\ndef t():\n    main(["docs", "--root", str(REPO), "-"])', True),
        (
            '@pytest.mark.repository\ndef t():\n    main(["x", "--root", str(REPO), "--check"])',
            False,
        ),
        ('run(["mkdocs"], env={"PATH": "/usr/bin"})', True),
        ('run(["mkdocs"], env={"PATH": "/usr/bin", "XDG_CACHE_HOME": c})', False),
        ('run(["mkdocs"], env={**os.environ, "A": "1"})', False),
        ('x = REPO / ".github/ISSUE_TEMPLATE"', False),
        ('x = tmp_path / "measures"', False),
        ('x = Path(__file__).parent / "fixture_catalogue" / "measures"', False),
        ('PARTS = ("mkdocs.yml", "docs", "overrides")', False),
    ],
)
def test_the_guard_catches_what_it_should(source: str, caught: bool) -> None:
    module = TESTS / "test_beispiel.py"
    assert bool(violations(module, GUARDED + source)) is caught


def test_the_guard_follows_the_sample_list(tmp_path: Path) -> None:
    (tmp_path / SAMPLE_FILE).write_text(
        "libraries:\n  - bibliothek-x\nmeasures:\n  - aktion-y\n", encoding="utf-8"
    )
    assert sample_ids(tmp_path) == {"bibliothek-x", "aktion-y"}
    assert sample_ids(tmp_path / "ohne") == set()


# --- the proof: another catalogue in a copy of the repository ---------------------------------

# Another taxonomy and catalogue: no id in common with the sample or the fixture catalogue.
OTHER_TAXONOMY = """\
topics:
  - id: spieletreffs
    label: Spieletreffs
    description: Brett- und Videospiele in der Bibliothek.
  - id: heimatarchiv
    label: Heimatarchiv
    description: Ortsgeschichte sammeln, bewahren und zeigen.
  - id: sprachcafes
    label: Sprachcafés
    description: Deutsch sprechen üben.
audiences:
  - id: alle-generationen
    label: Alle Generationen
  - id: neu-zugezogene
    label: Neu Zugezogene
states:
  DE: [Sachsen, Thüringen]
  CH: [Bern, Graubünden]
"""

OTHER_CATALOGUE = {
    "measures/_taxonomy.yml": OTHER_TAXONOMY,
    "libraries/bibliothek-ahornfeld.yml": """\
name: Bibliothek Ahornfeld
municipality: Ahornfeld
state: Sachsen
population: 3100
area_m2: 140
staff_fte: 1
toolkit:
  date: 2025-10-01
  priorities: [spieletreffs, heimatarchiv]
""",
    "libraries/bibliothek-birkenstein.yml": """\
name: Bibliothek Birkenstein
municipality: Birkenstein
state: Thüringen
population: 7200
area_m2: unbekannt
staff_fte: 2.5
contact:
  email: bibliothek@birkenstein.example
  public: true
""",
    "libraries/mediathek-zederndorf.yml": """\
name: Mediathek Zederndorf
municipality: Zederndorf
state: Graubünden
country: CH
population: 1500
area_m2: 80
staff_fte: 0
""",
    "libraries/ring-ahorn-birke.yml": """\
name: Bibliotheksring Ahorn-Birke
kind: network
members: [bibliothek-ahornfeld, bibliothek-birkenstein]
""",
    "measures/spieleabend-im-ring.md": """\
---
title: Spieleabend im Bibliotheksring
summary: Einmal im Monat laden beide Bibliotheken zum Spieleabend ein.
libraries: [ring-ahorn-birke]
topics: [spieletreffs]
audiences: [alle-generationen]
status: running
materials:
  - title: Spielregeln
    file: spielregeln.txt
collaboration:
  seeking: Wir suchen Bibliotheken, die Spiele mit uns tauschen.
  until: 2099-01-01
published: 2026-08-01
---

## Umsetzung

Die Spiele wandern zwischen den Bibliotheken.
""",
    "measures/spieleabend-im-ring/spielregeln.txt": "Jede Runde dauert eine Stunde.\n",
    "measures/ortschronik-zum-mitmachen.md": """\
---
title: Ortschronik zum Mitmachen
summary: Menschen aus dem Ort bringen Fotos und Geschichten für die Chronik mit.
libraries: [bibliothek-birkenstein]
topics: [heimatarchiv]
status: completed
outcomes:
  - label: Gesammelte Fotos
    value: 340
published: 2026-08-15
---

## Umsetzung

Jeden Donnerstag ist Sammeltag.
""",
    "measures/sprachcafe-am-samstag.md": """\
---
title: Sprachcafé am Samstag
summary: Neu Zugezogene üben bei Kaffee und Spielen Deutsch.
libraries: [mediathek-zederndorf]
topics: [sprachcafes, spieletreffs]
audiences: [neu-zugezogene]
status: planned
based_on: [spieleabend-im-ring]
published: 2026-09-01
---

## Umsetzung

Das Sprachcafé nutzt die Spiele des Spieleabends.
""",
    SAMPLE_FILE: "libraries:\n  - mediathek-zederndorf\nmeasures:\n  - sprachcafe-am-samstag\n",
}


def _ids(files) -> set[str]:
    return {
        Path(rel).stem
        for rel in files
        if rel.startswith(CONTENT) and rel.endswith((".md", ".yml")) and "/_" not in rel
    }


def test_the_other_catalogue_shares_no_id_with_the_sample_or_the_fixture() -> None:
    if os.environ.get(IN_COPY):
        pytest.skip("in der Kopie ist der andere Katalog selbst das Beispiel")
    fixture = [p.relative_to(FIXTURE_CATALOGUE).as_posix() for p in FIXTURE_CATALOGUE.rglob("*")]
    other = _ids(OTHER_CATALOGUE)
    assert len(other) == 7
    assert other.isdisjoint(sample_ids())
    assert other.isdisjoint(_ids(fixture))
    fixture_taxonomy = (FIXTURE_CATALOGUE / "measures/_taxonomy.yml").read_text(encoding="utf-8")
    for vocabulary_id in re.findall(r"- id: (\S+)", OTHER_TAXONOMY):
        assert f"id: {vocabulary_id}\n" not in fixture_taxonomy


def copy_repository(target: Path) -> Path:
    """The repository's files as git sees them (tracked and untracked, not ignored), without
    its catalogue."""
    listing = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "-co", "--exclude-standard"],
        capture_output=True, check=True,
    ).stdout.decode("utf-8")  # fmt: skip
    for rel in sorted(set(listing.split("\0")) - {""}):
        if rel.startswith(tuple(f"{folder}/" for folder in CONTENT)) or rel == SAMPLE_FILE:
            continue
        source = REPO / rel
        if not source.is_file() or source.is_symlink() or rel.startswith(".venv/"):
            continue  # deleted in the working tree, or not a plain file
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / rel)
    return target


def run(*args: str, cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """A command in its own process group; on a timeout the whole group is killed."""
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        output, _ = process.communicate(timeout=timeout)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(args, process.returncode, output, "")


def snapshot(root: Path) -> dict[str, int]:
    """Every file below ``root`` with its modification time; Python's bytecode caches aside
    (subprocesses with a minimal environment write them, as any import does)."""
    return {
        p.relative_to(root).as_posix(): p.lstat().st_mtime_ns
        for p in root.rglob("*")
        if (p.is_file() or p.is_symlink()) and "__pycache__" not in p.parts
    }


def processes_mentioning(text: str) -> list[str]:
    """Running processes whose command line or environment contains ``text``."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            command = (process / "cmdline").read_bytes().replace(b"\0", b" ")
            environment = (process / "environ").read_bytes()
        except OSError:
            continue  # ended meanwhile, or not ours to read
        if text.encode() in command + environment and int(process.name) != os.getpid():
            found.append(f"{process.name}: {command.decode('utf-8', 'replace')}")
    return found


@pytest.mark.slow
def test_another_catalogue_keeps_the_suite_green(tmp_path: Path) -> None:
    """Slow (several minutes): runs the whole non-browser suite again, in a copy of the
    repository whose sample is replaced by another catalogue with another taxonomy."""
    if os.environ.get(IN_COPY):
        pytest.skip("läuft bereits in der Kopie")
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("kein Git-Arbeitsverzeichnis: die Kopie braucht `git ls-files`")
    copy = copy_repository(tmp_path / "repo")
    for rel, text in OTHER_CATALOGUE.items():
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        IN_COPY: str(tmp_path),  # also marks the processes the copy's tests start
        "PYTHONPATH": str(copy),  # the copy's generator, also in subprocesses
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("SITE_URL", None)

    # What an association does after changing the taxonomy: regenerate the committed files.
    for command in ("schema", "issue-forms", "docs"):
        result = run(sys.executable, "-m", "generator", command, "--root", str(copy),
                     cwd=copy, env=env, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stdout
    assert "spieletreffs" in (copy / "schema/measure.schema.json").read_text(encoding="utf-8")
    # (a) the one step that checks the content: validate and build it
    result = run(sys.executable, "-m", "generator", "validate", "--root", str(copy),
                 cwd=copy, env=env, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert "3 Maßnahmen, 4 Bibliotheken und Verbünde" in result.stdout
    result = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                 "-f", str(copy / "mkdocs.yml"), "-d", str(tmp_path / "site"),
                 cwd=copy, env=env, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "site/themen/spieletreffs/index.html").is_file()
    assert load_catalogue(copy).catalogue.measures.keys() == {
        "spieleabend-im-ring", "ortschronik-zum-mitmachen", "sprachcafe-am-samstag",
    }  # fmt: skip

    # (b) the non-browser suite in the copy
    before = snapshot(copy)
    basetemp = tmp_path / "tmp"
    started = time.monotonic()
    result = run(sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                 "--ignore=tests/browser", f"--basetemp={basetemp}",
                 cwd=copy, env=env, timeout=3600)  # fmt: skip
    took = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-20000:]
    assert re.search(r"\d+ passed", result.stdout), result.stdout[-2000:]
    print(f"Testlauf in der Kopie: {took:.0f} s")
    # No test wrote into the repository tree or left a process behind.
    assert snapshot(copy) == before
    deadline = time.monotonic() + 10
    while processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_mentioning(str(tmp_path)) == []
