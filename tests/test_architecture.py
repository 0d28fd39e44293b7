"""The generator's layout is its pipeline: each stage imports only itself and earlier stages.

A module that reaches forward (validation importing the renderer, rendering importing the
loader of issues) ties the stages together again; this test names the import and its line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent
# The pipeline, in order. ``core`` and ``rules`` are what every stage shares: the model and
# the declarations of every field; ``adapters`` translate for the command line and MkDocs.
STAGES = [
    "core",
    "load",
    "rules",
    "validate",
    "index",
    "render",
    "contribute",
    "publish",
    "adapters",
]
# Only the adapters may know a site builder.
BUILDERS = {"mkdocs", "material", "properdocs"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``, relative ones resolved."""
    package = ["generator", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if node.module is None:  # from . import a, b
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def test_every_stage_is_a_package_that_says_what_it_takes_and_gives() -> None:
    folders = sorted(
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    )
    assert folders == sorted(STAGES)
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc, f"{stage}/__init__.py braucht einen Docstring"
        assert len(doc.split()) >= 12, f"{stage}/__init__.py braucht einen Docstring"
    for module in _modules():
        assert ast.get_docstring(ast.parse(module.read_text())), f"{module} ohne Docstring"


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for module in _modules():
        own = STAGES.index(_stage(module))
        for line, name in _imports(module):
            parts = name.split(".")
            if parts[0] == "generator" and len(parts) > 1 and parts[1] in STAGES:
                if STAGES.index(parts[1]) > own:
                    wrong.append(f"{module.relative_to(PACKAGE)}:{line}: {name}")
            elif parts[0] in BUILDERS and _stage(module) != "adapters":
                wrong.append(f"{module.relative_to(PACKAGE)}:{line}: {name}")
    assert wrong == []


def test_the_check_finds_a_forward_import(tmp_path: Path) -> None:
    """The test above reads relative imports right (it would pass on a parser that sees none)."""
    imports = {name: line for line, name in _imports(PACKAGE / "adapters" / "mkdocs_plugin.py")}
    assert "generator.render.pages" in imports
    assert any(name.startswith("mkdocs") for name in imports)
