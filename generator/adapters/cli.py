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

from ..contribute.sample import remove_sample
from ..core.config import CONFIG_FILE, ConfigError, SiteConfig, read_site_config
from ..publish.readiness import publication_problems
from ..rules.german import count
from ..validate.catalogue import load_catalogue, load_taxonomy

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


# Placeholders of option values in the help, by option.
_METAVARS = {
    "root": "ORDNER", "out": "ORDNER", "out_dir": "ORDNER", "file": "DATEI",
    "body_file": "DATEI", "event": "DATEI", "current_body_file": "DATEI",
    "github_output": "DATEI", "title": "TITEL", "name": "NAME", "library": "KENNUNG",
    "topic": "KENNUNG", "id": "KENNUNG", "today": "DATUM", "format": "FORMAT", "kind": "ART",
}  # fmt: skip


class _GermanHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in German: usage, section titles, the help option, common errors."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _GermanHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Befehle und Angaben"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe zeigen und beenden")

    def add_argument(self, *args, **kwargs):
        takes_value = kwargs.get("action") not in ("store_true", "help", "append_const")
        if args and args[0].startswith("--") and takes_value and "metavar" not in kwargs:
            dest = kwargs.get("dest") or args[0][2:].replace("-", "_")
            kwargs["metavar"] = _METAVARS.get(dest, dest.upper())
        return super().add_argument(*args, **kwargs)

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
        help="vor der Veröffentlichung: auch Betreiberangaben, Repository, Webadresse, "
        "Beispielkatalog, Issue-Formulare und Labels prüfen",
    )

    remove = commands.add_parser(
        "remove-sample", help="den Beispielkatalog entfernen (vor der Veröffentlichung)"
    )
    remove.add_argument("--root", default=".", help="Ordner mit measures/ und libraries/")

    pages = commands.add_parser("pages", help="die erzeugten Seiten als Dateien schreiben")
    pages.add_argument("--root", default=".", help="Ordner mit measures/ und libraries/")
    pages.add_argument("--out", required=True, help="Zielordner (wird angelegt)")

    from .contribute_cli import add_commands  # schema, docs, issue-forms, new, from-issue

    add_commands(commands)
    from .stale_cli import add_stale_command  # stale

    add_stale_command(commands)
    from .rename_cli import add_rename_command  # rename

    add_rename_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``catalogue``; a machine or configuration error gives a German line, no traceback."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except OSError as error:  # a folder not writable, a disk full: the machine, not content
        where = f" „{error.filename}“" if error.filename else ""
        reason = _OS_ERRORS.get(error.errno or 0, f"Systemfehler {error.errno}")
        print(f"catalogue: Datei oder Ordner{where}: {reason}.", file=sys.stderr)
        return 2
    except ConfigError as error:
        print(f"{CONFIG_FILE}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"catalogue: Ordner „{root}“ gibt es nicht.", file=sys.stderr)
        return 2
    if hasattr(args, "run"):  # commands of contrib_cli
        return args.run(args)
    if args.command == "remove-sample":
        return _remove_sample(root)
    production = getattr(args, "production", False)
    result = load_catalogue(root, production=production)
    if production:
        taxonomy = result.catalogue.taxonomy if result.catalogue else load_taxonomy(root)[0]
        publication_problems(root, taxonomy, result.problems)
    fmt = getattr(args, "format", "text")
    try:
        for problem in result.problems.sorted():
            print(problem.github() if fmt == "github" else problem.text())
        sys.stdout.flush()
    except BrokenPipeError:  # `catalogue validate | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if result.catalogue is None or errors:
        print(
            f"{errors} Fehler, {count(warnings, 'Warnung', 'Warnungen')} – bitte korrigieren.",
            file=sys.stderr,
        )
        return 1
    if args.command == "pages":
        from ..render.pages import SiteError, SiteOptions, write_pages  # only needed here
        from ..validate.cache import cache_folder

        config = read_site_config(root) or SiteConfig()
        options = SiteOptions.from_config(config, result.operator, cache_folder(root))
        try:
            written = write_pages(result.catalogue, Path(args.out), root, options)
        except SiteError as error:
            for message in error.messages:
                print(f"Fehler: {message}", file=sys.stderr)
            return 1
        print(f"{count(written, 'Datei', 'Dateien')} nach {args.out} geschrieben.", file=sys.stderr)
        return 0
    catalogue = result.catalogue
    print(
        f"Alles in Ordnung: {count(len(catalogue.measures), 'Maßnahme', 'Maßnahmen')}, "
        f"{count(len(catalogue.libraries), 'Bibliothek oder Verbund', 'Bibliotheken und Verbünde')}"
        f", {count(warnings, 'Warnung', 'Warnungen')}.",
        file=sys.stderr,
    )
    return 0


def _remove_sample(root: Path) -> int:
    removed, problems = remove_sample(root)
    for problem in problems.sorted():
        print(problem.text())
    if problems.errors:
        return 1
    for path in removed:
        print(f"entfernt: {path}", file=sys.stderr)
    entries = sum(1 for p in removed if not p.endswith("/"))
    print(
        f"{count(entries, 'Eintrag', 'Einträge')} des Beispielkatalogs entfernt. Jetzt "
        "„catalogue validate“ ausführen: Eigene Einträge, die auf das Beispiel verweisen, "
        "werden gemeldet.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
