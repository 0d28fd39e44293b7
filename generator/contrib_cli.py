"""Commands for contributing: ``schema``, ``docs``, ``issue-forms``, ``new``, ``from-issue``.

Registered on the parser of :mod:`generator.cli`; each command is a function of the parsed
arguments returning the exit status (0 fine, 1 content problems, 2 usage problems).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from . import issues, scaffold
from .field_reference import BEGIN, contributing_is_current, update_contributing
from .fields import suggest
from .ids import is_valid_id, propose_id, reserved_id_message
from .json_schema import SCHEMA_DIR, stale_files, write_schemas
from .loading import load_taxonomy
from .model import Taxonomy


def _err(message: str) -> None:
    print(f"catalogue: {message}", file=sys.stderr)


def add_commands(commands: Any) -> None:
    root_help = "Ordner mit measures/ und libraries/"

    schema = commands.add_parser("schema", help="JSON Schema aus dem Inhaltsmodell erzeugen")
    schema.add_argument("--root", default=".", help=root_help)
    schema.add_argument("--out", help=f"Zielordner (Vorgabe: {SCHEMA_DIR}/ im Wurzelordner)")
    schema.add_argument("--check", action="store_true", help="nur prüfen, ob aktuell")
    schema.set_defaults(run=run_schema)

    docs = commands.add_parser("docs", help="Feldreferenz in CONTRIBUTING.md erneuern")
    docs.add_argument("--root", default=".", help=root_help)
    docs.add_argument("--file", help="Vorgabe: CONTRIBUTING.md im Wurzelordner")
    docs.add_argument("--check", action="store_true", help="nur prüfen, ob aktuell")
    docs.set_defaults(run=run_docs)

    forms = commands.add_parser("issue-forms", help="Issue-Formulare aus den Vokabularen erzeugen")
    forms.add_argument("--root", default=".", help=root_help)
    forms.add_argument("--check", action="store_true", help="nur prüfen, ob aktuell")
    forms.set_defaults(run=run_issue_forms)

    new = commands.add_parser("new", help="Vorlage für eine neue Maßnahme oder Bibliothek")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="ART")
    measure = kinds.add_parser("measure", help="neue Maßnahme: measures/<kennung>.md")
    measure.add_argument("--root", default=".", help=root_help)
    measure.add_argument("--title", help="Titel der Maßnahme")
    measure.add_argument("--library", action="append", help="Kennung der Bibliothek (mehrfach)")
    measure.add_argument("--topic", action="append", help="Kennung eines Themas (mehrfach)")
    measure.add_argument("--id", help="Kennung (Vorgabe: aus dem Titel)")
    measure.set_defaults(run=run_new_measure)
    library = kinds.add_parser("library", help="neues Bibliotheksprofil: libraries/<kennung>.yml")
    library.add_argument("--root", default=".", help=root_help)
    library.add_argument("--name", help="Name der Bibliothek oder des Verbunds")
    library.add_argument("--network", action="store_true", help="ein Verbund (kind: network)")
    library.add_argument("--id", help="Kennung (Vorgabe: aus dem Namen)")
    library.set_defaults(run=run_new_library)

    issue = commands.add_parser(
        "from-issue", help="ein Formular-Issue prüfen und als Datei übernehmen"
    )
    issue.add_argument("--root", default=".", help=root_help)
    source = issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--body-file", help="Text des Issues (Markdown)")
    source.add_argument("--event", help="Ereignis-JSON von GitHub Actions ($GITHUB_EVENT_PATH)")
    issue.add_argument(
        "--current-body-file",
        help="der aktuelle Text des Issues; weicht er ab, wird nichts übernommen",
    )
    issue.add_argument("--kind", choices=["measure", "library"], help="Vorgabe: erkennen")
    issue.add_argument("--write", action="store_true", help="die Datei anlegen, wenn gültig")
    issue.add_argument("--out-dir", help="Ordner für comment.md, pr-title.txt, pr-body.md")
    issue.add_argument("--github-output", help="Datei für Schritt-Ausgaben ($GITHUB_OUTPUT)")
    issue.add_argument("--today", help="Datum für „published“ (JJJJ-MM-TT)")
    issue.set_defaults(run=run_from_issue)


def _taxonomy(root: Path) -> Taxonomy | None:
    taxonomy, problems = load_taxonomy(root)
    for problem in problems.sorted():
        print(problem.text())
    if taxonomy is None or problems.errors:
        _err("Die Vokabulare (measures/_taxonomy.yml) sind fehlerhaft; bitte zuerst korrigieren.")
        return None
    return taxonomy


# --- generated files ----------------------------------------------------------------------


def run_schema(args: argparse.Namespace) -> int:
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    out = Path(args.out) if args.out else root / SCHEMA_DIR
    if args.check:
        stale = stale_files(taxonomy, out)
        for name in stale:
            print(f"{out / name}: veraltet – bitte „catalogue schema“ ausführen.")
        return 1 if stale else 0
    for path in write_schemas(taxonomy, out):
        print(f"{path} geschrieben.", file=sys.stderr)
    return 0


def run_docs(args: argparse.Namespace) -> int:
    root = Path(args.root)
    path = Path(args.file) if args.file else root / "CONTRIBUTING.md"
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    if not path.is_file():
        _err(f"Die Datei „{path}“ gibt es nicht.")
        return 2
    if args.check:
        if contributing_is_current(path, taxonomy):
            return 0
        print(f"{path}: Feldreferenz veraltet – bitte „catalogue docs“ ausführen.")
        return 1
    found, changed = update_contributing(path, taxonomy)
    if not found:
        _err(f"In „{path}“ fehlen die Markierungen der Feldreferenz ({BEGIN} … END).")
        return 2
    print(f"{path} {'erneuert' if changed else 'war aktuell'}.", file=sys.stderr)
    return 0


def guide_url(root: Path) -> str | None:
    """Where contributors find the guide: ``site_url`` of mkdocs.yml plus ``mitmachen/``, or
    CONTRIBUTING.md in the repository named by the plugin's ``repo`` option."""

    class Loader(yaml.SafeLoader):  # mkdocs.yml may carry tags such as !ENV
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(config, dict):
        return None
    url = config.get("site_url")
    if isinstance(url, str) and url.startswith("https://"):
        return url.rstrip("/") + "/mitmachen/"
    for plugin in config.get("plugins") or []:
        options = plugin.get("catalogue") if isinstance(plugin, dict) else None
        if isinstance(options, dict) and isinstance(options.get("repo"), str):
            branch = options.get("branch") or "main"
            return f"https://github.com/{options['repo']}/blob/{branch}/CONTRIBUTING.md"
    return None


def run_issue_forms(args: argparse.Namespace) -> int:
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    stale = []
    for rel, text in issues.issue_form_files(taxonomy, guide_url(root)).items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(rel)
            print(f"{rel}: veraltet – bitte „catalogue issue-forms“ ausführen.")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"{rel} geschrieben.", file=sys.stderr)
    return 1 if stale else 0


# --- new files ------------------------------------------------------------------------------


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt).strip()
    except EOFError:
        return None


def _split(values: list[str] | None) -> list[str]:
    return [p.strip() for v in values or [] for p in v.replace(";", ",").split(",") if p.strip()]


def _target(root: Path, folder: str, suffix: str, name: str, given_id: str | None) -> Path | None:
    entry_id = given_id or propose_id(name)
    if not is_valid_id(entry_id):
        _err(
            f"„{entry_id}“ ist keine gültige Kennung (Kleinbuchstaben, Ziffern, Bindestriche); "
            f"Vorschlag: „{propose_id(entry_id)}“."
        )
        return None
    if reserved := reserved_id_message(entry_id):
        _err(reserved)
        return None
    target = root / folder / f"{entry_id}{suffix}"
    if target.exists():
        _err(
            f"„{folder}/{entry_id}{suffix}“ gibt es schon; diese Datei wird nicht überschrieben. "
            "Bitte einen anderen Titel oder --id angeben."
        )
        return None
    return target


def run_new_measure(args: argparse.Namespace) -> int:
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    title = args.title or _ask("Titel der Maßnahme: ")
    if not title:
        _err("Ohne Titel kann keine Vorlage angelegt werden (--title).")
        return 2
    target = _target(root, "measures", ".md", title, args.id)
    if target is None:
        return 2
    libraries = _split(args.library) or _split([_ask("Kennung(en) Ihrer Bibliothek: ") or ""])
    if not libraries:
        _err("Bitte mindestens eine Bibliothek angeben (--library).")
        return 2
    known_libraries = {p.stem for p in (root / "libraries").glob("*.yml")}
    for library in libraries:
        if not is_valid_id(library):
            _err(f"„{library}“ ist keine gültige Kennung; Vorschlag: „{propose_id(library)}“.")
            return 2
        if library not in known_libraries:
            hint = suggest(library, sorted(known_libraries))
            print(
                f"Hinweis: Die Bibliothek „{library}“ gibt es noch nicht"
                + (f" – meinten Sie „{hint}“?" if hint else ".")
                + " Ein neues Profil legt „catalogue new library“ an.",
                file=sys.stderr,
            )
    topics = _split(args.topic)
    if not topics:
        print("Themen: " + ", ".join(taxonomy.topics), file=sys.stderr)
        topics = _split([_ask("1–5 Themen (Kennungen, durch Komma getrennt): ") or ""])
    unknown = [t for t in topics if t not in taxonomy.topics]
    if not topics or len(topics) > 5 or unknown:
        for topic in unknown:
            hint = suggest(topic, list(taxonomy.topics))
            _err(
                f"Thema „{topic}“ gibt es nicht"
                + (f" – meinten Sie „{hint}“?" if hint else ".")
                + " Erlaubt: "
                + ", ".join(taxonomy.topics)
            )
        if not unknown:
            _err("Bitte 1–5 Themen angeben (--topic).")
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        scaffold.measure_template(title, libraries, topics, taxonomy), encoding="utf-8"
    )
    rel = target.relative_to(root).as_posix()
    print(f"{rel} angelegt. Bitte die leeren Felder ausfüllen und den Text schreiben; dann")
    print("„catalogue validate“ ausführen. Ihre Bilder und PDFs gehören in den Ordner")
    print(f"measures/{target.stem}/ und werden unter „materials“ genannt.")
    return 0


def run_new_library(args: argparse.Namespace) -> int:
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    name = args.name or _ask("Name der Bibliothek oder des Verbunds: ")
    if not name:
        _err("Ohne Namen kann keine Vorlage angelegt werden (--name).")
        return 2
    target = _target(root, "libraries", ".yml", name, args.id)
    if target is None:
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        scaffold.library_template(name, taxonomy, network=args.network), encoding="utf-8"
    )
    rel = target.relative_to(root).as_posix()
    print(f"{rel} angelegt. Die Kennung Ihrer Bibliothek ist „{target.stem}“.")
    print("Bitte die leeren Felder ausfüllen und „catalogue validate“ ausführen.")
    return 0


# --- from an issue --------------------------------------------------------------------------


def run_from_issue(args: argparse.Namespace) -> int:
    root = Path(args.root)
    number: int | None = None
    try:
        if args.event:
            event = json.loads(Path(args.event).read_text(encoding="utf-8"))
            issue = event.get("issue") or {}
            body = issue.get("body") or ""
            number = issue.get("number")
        else:
            body = Path(args.body_file).read_text(encoding="utf-8")
        current = (
            Path(args.current_body_file).read_text(encoding="utf-8")
            if args.current_body_file
            else None
        )
        today = dt.date.fromisoformat(args.today) if args.today else None
    except OSError as exc:
        _err(f"Die Datei „{exc.filename}“ ist nicht lesbar.")
        return 2
    except (ValueError, AttributeError):  # not UTF-8, not JSON, not an event, no date
        _err("Die Eingabe ist kein Ereignis von GitHub, kein UTF-8-Text oder kein Datum.")
        return 2
    if not isinstance(body, str):
        _err("Das Ereignis enthält keinen Text eines Issues.")
        return 2
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    submission = issues.submission_from_issue(
        body, root, taxonomy, today=today, kind=args.kind, current_body=current
    )
    out = Path(args.out_dir) if args.out_dir else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    if not submission.valid:
        for error in submission.errors:
            print(f"Fehler: {error}")
        if out:
            (out / "comment.md").write_text(issues.error_comment(submission), encoding="utf-8")
        _outputs(args.github_output, valid="false")
        return 1
    for warning in submission.warnings:
        print(f"Warnung: {warning}")
    if args.write:
        target = root / submission.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # never overwrite
            handle.write(submission.text)
        print(f"{submission.path} angelegt.", file=sys.stderr)
    else:
        sys.stdout.write(submission.text)
    if out:
        (out / "pr-title.txt").write_text(issues.pull_request_title(submission), encoding="utf-8")
        (out / "pr-body.md").write_text(
            issues.pull_request_body(submission, number), encoding="utf-8"
        )
    suffix = f"issue-{number}" if isinstance(number, int) else submission.id
    _outputs(
        args.github_output,
        valid="true",
        path=submission.path,
        branch=f"einreichung/{suffix}-{submission.id}"[:200],
    )
    return 0


def _outputs(target: str | None, **values: str) -> None:
    """Step outputs for GitHub Actions; the values are ids and paths (no line breaks)."""
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        for key, value in values.items():
            handle.write(f"{key}={value}\n")
