"""Command line: ``catalogue validate`` and ``catalogue pages``.

Exit status: 0 valid, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from pathlib import Path

from .loading import load_catalogue

# argparse speaks English; its most common messages in German.
_ARGPARSE_GERMAN = [
    (r"the following arguments are required: (.*)", r"es fehlt: \1"),
    (r"unrecognized arguments: (.*)", r"unbekannte Angabe: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"\1: \2 gibt es nicht (erlaubt: \3)",
    ),
    (r"argument (\S+): expected one argument", r"nach \1 fehlt der Wert"),
]


# The system's own texts are English.
_OS_ERRORS = {
    errno.ENOENT: "gibt es nicht",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "nur lesbar",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
    errno.EEXIST: "gibt es schon",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "ist ein Ordner",
    errno.ELOOP: "ist ein Verweis (Link)",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exits with 2 as well
        for pattern, german in _ARGPARSE_GERMAN:
            message = re.sub(f"^{pattern}$", german, message)
        self.print_usage(sys.stderr)
        print(f"catalogue: Aufruf fehlerhaft: {message}", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="catalogue", description="Maßnahmenkatalog prüfen und erzeugen.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")

    validate = commands.add_parser("validate", help="Profile und Maßnahmen prüfen")
    validate.add_argument("--root", default=".", help="Ordner mit measures/ und libraries/")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text: Pfad:Zeile: Meldung; github: Anmerkungen für GitHub Actions",
    )
    validate.add_argument(
        "--production",
        action="store_true",
        help="vor der Veröffentlichung: auch die Angaben in betreiber.yml müssen vollständig sein",
    )

    pages = commands.add_parser("pages", help="die erzeugten Seiten als Dateien schreiben")
    pages.add_argument("--root", default=".", help="Ordner mit measures/ und libraries/")
    pages.add_argument("--out", required=True, help="Zielordner (wird angelegt)")

    from .contrib_cli import add_commands  # schema, docs, issue-forms, new, from-issue

    add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except OSError as error:  # a folder not writable, a disk full: the machine, not content
        where = f" „{error.filename}“" if error.filename else ""
        reason = _OS_ERRORS.get(error.errno or 0, f"Systemfehler {error.errno}")
        print(f"catalogue: Datei oder Ordner{where}: {reason}.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"catalogue: Ordner „{root}“ gibt es nicht.", file=sys.stderr)
        return 2
    if hasattr(args, "run"):  # commands of contrib_cli
        return args.run(args)
    result = load_catalogue(root, production=getattr(args, "production", False))
    fmt = getattr(args, "format", "text")
    try:
        for problem in result.problems.sorted():
            print(problem.github() if fmt == "github" else problem.text())
        sys.stdout.flush()
    except BrokenPipeError:  # `catalogue validate | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if result.catalogue is None:
        print(f"{errors} Fehler, {warnings} Warnungen – bitte korrigieren.", file=sys.stderr)
        return 1
    if args.command == "pages":
        from .site import SiteError, SiteOptions, write_pages  # only needed here

        options = SiteOptions(operator=result.operator)
        try:
            count = write_pages(result.catalogue, Path(args.out), root, options)
        except SiteError as error:
            for message in error.messages:
                print(f"Fehler: {message}", file=sys.stderr)
            return 1
        print(f"{count} Dateien nach {args.out} geschrieben.", file=sys.stderr)
        return 0
    catalogue = result.catalogue
    print(
        f"Alles in Ordnung: {len(catalogue.measures)} Maßnahmen, "
        f"{len(catalogue.libraries)} Bibliotheken und Verbünde, {warnings} Warnungen.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
