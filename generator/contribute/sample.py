"""The sample catalogue: the entries listed in ``beispielkatalog.yml`` show a new installation
what the catalogue looks like; an association removes them before it publishes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..core.ids import is_valid_id
from ..core.problems import Problems
from ..load.sourcefile import SourceError, read_text
from ..load.yamldoc import YamlError, load_yaml

SAMPLE_FILE = "beispielkatalog.yml"


@dataclass(frozen=True)
class SampleEntry:
    """An entry of the sample catalogue, with its line in ``beispielkatalog.yml`` for messages."""

    path: str  # libraries/<id>.yml or measures/<id>.md
    line: int  # its line in SAMPLE_FILE


def sample_entries(root: Path, problems: Problems) -> list[SampleEntry]:
    """The listed entries; problems of the list itself go to ``problems``."""
    path = root / SAMPLE_FILE
    if not path.is_file() or path.is_symlink():
        return []
    try:
        doc = load_yaml(read_text(path), SAMPLE_FILE)
    except (SourceError, YamlError) as error:
        problems.error(SAMPLE_FILE, error.line, error.message)
        return []
    data = doc.data if isinstance(doc.data, dict) else {}
    entries = []
    for key, folder, suffix in (
        ("libraries", "libraries", ".yml"),
        ("measures", "measures", ".md"),
    ):
        ids = data.get(key) or []
        if not isinstance(ids, list):
            problems.error(
                SAMPLE_FILE, doc.line(key), f"„{key}“ muss eine Liste von Kennungen sein."
            )
            continue
        for index, entry_id in enumerate(ids):
            if not isinstance(entry_id, str) or not is_valid_id(entry_id):
                problems.error(SAMPLE_FILE, doc.line(key, index), "Keine gültige Kennung.")
                continue
            entries.append(SampleEntry(f"{folder}/{entry_id}{suffix}", doc.line(key, index)))
    return entries


def present(root: Path, entries: list[SampleEntry]) -> list[SampleEntry]:
    """The listed entries still in the folder: production refuses to publish while any is left."""
    return [e for e in entries if (root / e.path).is_file() or (root / e.path).is_symlink()]


def remove_sample(root: Path) -> tuple[list[str], Problems]:
    """Delete the sample's files, the materials folders of its measures and the list itself;
    returns the removed paths. Links are removed as links, never followed."""
    problems = Problems()
    entries = sample_entries(root, problems)
    if problems.errors:
        return [], problems
    removed = []
    for entry in entries:
        target = root / entry.path
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(entry.path)
        if entry.path.startswith("measures/"):
            folder = root / entry.path.removesuffix(".md")
            if folder.is_symlink():
                folder.unlink()
                removed.append(folder.relative_to(root).as_posix() + "/")
            elif folder.is_dir():
                shutil.rmtree(folder)  # does not follow links inside it
                removed.append(folder.relative_to(root).as_posix() + "/")
    (root / SAMPLE_FILE).unlink(missing_ok=True)
    return removed, problems
