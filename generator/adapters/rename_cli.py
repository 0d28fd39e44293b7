"""``catalogue rename ALT NEU``: the command line of :mod:`generator.contribute.rename`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..contribute.rename import KIND_NAMES, RenameError, apply_plan, plan_rename
from ..validate.catalogue import load_catalogue


def add_rename_command(commands: Any) -> None:
    """Register ``rename`` on the parser of :mod:`generator.adapters.cli`."""
    rename = commands.add_parser(
        "rename",
        help="eine Maßnahme oder Bibliothek umbenennen (Verweise und Weiterleitung inklusive)",
    )
    rename.add_argument("old", metavar="ALT", help="jetzige Kennung")
    rename.add_argument("new", metavar="NEU", help="neue Kennung")
    rename.add_argument("--root", default=".", help="Ordner mit measures/ und libraries/")
    rename.add_argument(
        "--kind",
        choices=["measure", "library"],
        help="measure oder library; nur nötig, wenn eine Maßnahme und eine Bibliothek "
        "gleich heißen",
    )
    rename.set_defaults(run=run_rename)


def run_rename(args: argparse.Namespace) -> int:
    """Rename, print what changed; 1 when refused (then nothing was touched)."""
    root = Path(args.root)
    try:
        plan = plan_rename(root, args.old, args.new, args.kind)
    except RenameError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        print(f"catalogue: „{args.old}“ wurde nicht umbenannt; nichts geändert.", file=sys.stderr)
        return 1
    apply_plan(root, plan)  # an OSError is undone there and reported by cli.main
    for line in plan.report:
        print(line)
    result = load_catalogue(root)
    for problem in result.problems.sorted():
        print(problem.text())
    if result.catalogue is None:  # pragma: no cover - the plan's texts were checked
        print("catalogue: Nach dem Umbenennen ist der Katalog fehlerhaft.", file=sys.stderr)
        return 1
    print(
        f"{KIND_NAMES[plan.kind]} „{plan.old}“ heißt jetzt „{plan.new}“; der Katalog ist "
        f"gültig. Die alte Adresse leitet auf die neue weiter.",
        file=sys.stderr,
    )
    return 0
