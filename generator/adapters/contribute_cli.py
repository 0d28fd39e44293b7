"""Commands for contributing: ``schema``, ``docs``, ``issue-forms``, ``new``, ``from-issue``.

Registered on the parser of :mod:`generator.adapters.cli`; each command is a function of the parsed
arguments returning the exit status (0 fine, 1 content problems, 2 usage problems).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..contribute import attachments, scaffold
from ..contribute.from_issue import SubmittedFile, submission_from_issue
from ..contribute.issue_forms import stale_issue_form_files
from ..contribute.pull_request import error_comment, pull_request_body, pull_request_title
from ..core.ids import is_valid_id, propose_id, reserved_id_message
from ..core.model import Taxonomy
from ..render.field_reference import BEGIN, contributing_is_current, update_contributing
from ..rules.german import listing, suggest
from ..rules.json_schema import SCHEMA_DIR, stale_files, write_schemas
from ..validate.catalogue import load_taxonomy


def _err(message: str) -> None:
    print(f"catalogue: {message}", file=sys.stderr)


def add_commands(commands: Any) -> None:
    """Register the contributing commands, so that ``catalogue`` is the one program for all."""
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
    issue.add_argument(
        "--kind",
        choices=["measure", "library", "combined", "adoption", "review", "files"],
        help="Vorgabe: erkennen",
    )
    issue.add_argument(
        "--write", action="store_true", help="die Dateien anlegen (oder ändern), wenn gültig"
    )
    issue.add_argument(
        "--fetch-attachments",
        action="store_true",
        help="angehängte Dateien (github.com/user-attachments/…) laden und als Materialien prüfen",
    )
    issue.add_argument(
        "--out-dir",
        help="Ordner für comment.md, pr-title.txt, pr-body.md, paths.txt, edits.txt und "
        "datei/<Pfad>",
    )
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
    """``catalogue schema``: write the JSON Schema for editors (``--check``: only compare)."""
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
    """``catalogue docs``: renew CONTRIBUTING.md's field reference (``--check``: only compare)."""
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


def run_issue_forms(args: argparse.Namespace) -> int:
    """``catalogue issue-forms``: write the issue forms and labels (``--check``: only compare)."""
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    stale = stale_issue_form_files(root, taxonomy)
    for rel, text, _ in stale:
        if args.check:
            print(f"{rel}: veraltet – bitte „catalogue issue-forms“ ausführen.")
        else:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"{rel} geschrieben.", file=sys.stderr)
    return 1 if stale and args.check else 0


# --- new files ------------------------------------------------------------------------------


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt).strip()
    except EOFError:
        return None


def _split(values: list[str] | None) -> list[str]:
    return [p.strip() for v in values or [] for p in v.replace(";", ",").split(",") if p.strip()]


def _answer(given: str | None, prompt: str, problem: Callable[[str], str | None]) -> str | None:
    """``given`` (from an option) if it passes ``problem``; else ask until an answer does.
    An option that fails is reported once (scripts get exit 2); a person is asked again."""
    if given is not None:
        message = problem(given)
        if message:
            _err(message)
            return None
        return given
    while (answer := _ask(prompt)) is not None:
        message = problem(answer)
        if not message:
            return answer
        _err(message)
    return None


def _id_problem(root: Path, folder: str, suffix: str, entry_id: str) -> str | None:
    if not is_valid_id(entry_id):
        return (
            f"„{entry_id}“ ist keine gültige Kennung (Kleinbuchstaben, Ziffern, Bindestriche); "
            f"Vorschlag: „{propose_id(entry_id)}“."
        )
    if reserved := reserved_id_message(entry_id):
        return reserved
    if os.path.lexists(root / folder / f"{entry_id}{suffix}"):
        return (
            f"„{folder}/{entry_id}{suffix}“ gibt es schon; diese Datei wird nicht überschrieben. "
            "Bitte einen anderen Titel oder --id angeben."
        )
    return None


def _title_problem(root: Path, folder: str, suffix: str, given_id: str | None):
    def problem(title: str) -> str | None:
        if not title.strip():
            return "Bitte einen Namen oder Titel eingeben (--name, --title)."
        return _id_problem(root, folder, suffix, given_id or propose_id(title))

    return problem


def run_new_measure(args: argparse.Namespace) -> int:
    """``catalogue new measure``: a commented template for contributors who work with Git."""
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    problem = _title_problem(root, "measures", ".md", args.id)
    title = _answer(args.title, "Titel der Maßnahme: ", problem)
    if title is None:
        return 2
    target = root / "measures" / f"{args.id or propose_id(title)}.md"
    known_libraries = sorted(p.stem for p in (root / "libraries").glob("*.yml"))

    def libraries_problem(answer: str) -> str | None:
        libraries = _split([answer])
        if not libraries:
            return "Bitte mindestens eine Bibliothek angeben (--library)."
        for library in libraries:
            if not is_valid_id(library):
                return f"„{library}“ ist keine gültige Kennung; Vorschlag: „{propose_id(library)}“."
        return None

    given = ",".join(args.library) if args.library else None
    answer = _answer(given, "Kennung(en) Ihrer Bibliothek: ", libraries_problem)
    if answer is None:
        return 2
    libraries = _split([answer])
    for library in libraries:
        if library not in known_libraries:
            hint = suggest(library, known_libraries)
            print(
                f"Hinweis: Die Bibliothek „{library}“ gibt es noch nicht"
                + (f" – meinten Sie „{hint}“?" if hint else ".")
                + " Ein neues Profil legt „catalogue new library“ an. Vorhandene Profile: "
                + (listing(known_libraries) or "keine"),
                file=sys.stderr,
            )

    def topics_problem(answer: str) -> str | None:
        topics = _split([answer])
        for topic in topics:
            if topic not in taxonomy.topics:
                hint = suggest(topic, list(taxonomy.topics))
                return (
                    f"Thema „{topic}“ gibt es nicht"
                    + (f" – meinten Sie „{hint}“?" if hint else ".")
                    + " Erlaubt: "
                    + listing(list(taxonomy.topics))
                )
        if not 1 <= len(topics) <= 5:
            return "Bitte 1–5 Themen angeben (--topic). Erlaubt: " + listing(list(taxonomy.topics))
        return None

    given = ",".join(args.topic) if args.topic else None
    if given is None:
        print("Themen: " + ", ".join(taxonomy.topics), file=sys.stderr)
    answer = _answer(given, "1–5 Themen (Kennungen, durch Komma getrennt): ", topics_problem)
    if answer is None:
        return 2
    topics = _split([answer])
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
    """``catalogue new library``: a commented profile template for contributors who use Git."""
    root = Path(args.root)
    taxonomy = _taxonomy(root)
    if taxonomy is None:
        return 1
    problem = _title_problem(root, "libraries", ".yml", args.id)
    name = _answer(args.name, "Name der Bibliothek oder des Verbunds: ", problem)
    if name is None:
        return 2
    target = root / "libraries" / f"{args.id or propose_id(name)}.yml"
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
    """``catalogue from-issue``: for the workflow, a form issue to files, PR texts or a comment."""
    root = Path(args.root)
    number: int | None = None
    labels: list[str] = []
    try:
        if args.event:
            event = json.loads(Path(args.event).read_text(encoding="utf-8"))
            issue = event.get("issue") or {}
            body = issue.get("body") or ""
            number = issue.get("number")
            labels = [
                label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)
            ]
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
    submission = submission_from_issue(
        body,
        root,
        taxonomy,
        today=today,
        kind=args.kind,
        current_body=current,
        fetch=attachments.fetch if args.fetch_attachments else None,
        labels=[label for label in labels if isinstance(label, str)],
    )
    out = Path(args.out_dir) if args.out_dir else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    unsafe = [path for path in submission.paths if not _safe_path(path)]
    if unsafe:  # cannot happen: the parser allows no other names; never write one anyway
        submission.errors.append(f"Unerwarteter Dateiname: {unsafe[0][:100]}")
    if not submission.valid:
        for error in submission.errors:
            print(f"Fehler: {error}" if not submission.manual else error)
        if out:
            (out / "comment.md").write_text(error_comment(submission), encoding="utf-8")
        _outputs(args.github_output, valid="false", kind=submission.kind)
        return 1
    for warning in submission.warnings:
        print(f"Warnung: {warning}")
    if args.write:
        for file in submission.files:
            if file.edit:
                _write_edit(root, file)
            else:
                _write_new(root, file)
            print(f"{file.path} {'geändert' if file.edit else 'angelegt'}.", file=sys.stderr)
    elif len(submission.files) == 1:
        sys.stdout.write(submission.text)
    else:
        for file in submission.files:
            if file.text is not None:
                sys.stdout.write(f"==> {file.path} <==\n{file.text}\n")
            else:
                sys.stdout.write(f"==> {file.path} <== ({len(file.content)} Bytes)\n\n")
    if out:
        for file in submission.files:
            _write_new(out / "datei", file)
        (out / "paths.txt").write_text(
            "".join(f"{path}\n" for path in submission.paths), encoding="utf-8"
        )
        # the paths that replace an existing file; every other one must not exist yet
        (out / "edits.txt").write_text(
            "".join(f"{f.path}\n" for f in submission.files if f.edit), encoding="utf-8"
        )
        (out / "pr-title.txt").write_text(pull_request_title(submission), encoding="utf-8")
        (out / "pr-body.md").write_text(pull_request_body(submission, number), encoding="utf-8")
    suffix = f"issue-{number}" if isinstance(number, int) else submission.id
    _outputs(
        args.github_output,
        valid="true",
        # one file: its path, as before; several: empty, so that a workflow that copies
        # only `path` stops instead of opening a pull request that lacks files
        path=submission.path if len(submission.files) == 1 else "",
        branch=f"einreichung/{suffix}-{submission.id}"[:200],
        paths=" ".join(submission.paths),
        count=str(len(submission.files)),
        kind=submission.kind,
    )
    return 0


_SAFE_PATH = re.compile(
    r"^(?:measures/[a-z0-9]+(?:-[a-z0-9]+)*\.md|libraries/[a-z0-9]+(?:-[a-z0-9]+)*\.yml"
    r"|measures/[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z]{2,4})$"
)


def _safe_path(path: str) -> bool:
    """The only paths a submission may write (the workflow checks the same expression)."""
    return bool(_SAFE_PATH.match(path))


def _write_new(base: Path, file: SubmittedFile) -> None:
    """Create ``base/<path>``; never overwrite, never write through a link."""
    target = base / file.path
    for parent in (target.parent, target.parent.parent):
        if parent.is_symlink():
            raise SystemExit(f"catalogue: „{parent}“ ist eine Verknüpfung; nichts geschrieben.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:  # never overwrite
        handle.write(file.content)


def _write_edit(base: Path, file: SubmittedFile) -> None:
    """Replace the existing profile ``base/<path>`` (an edit route); never through a link,
    never a file that is not there."""
    target = base / file.path
    for path in (target, target.parent, target.parent.parent):
        if path.is_symlink():
            raise SystemExit(f"catalogue: „{path}“ ist eine Verknüpfung; nichts geschrieben.")
    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(target, flags)
    except OSError:
        raise SystemExit(f"catalogue: „{target}“ gibt es nicht; nichts geschrieben.") from None
    with os.fdopen(handle, "wb") as stream:
        stream.write(file.content)


def _outputs(target: str | None, **values: str) -> None:
    """Step outputs for GitHub Actions; the values are ids and paths (no line breaks)."""
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        for key, value in values.items():
            handle.write(f"{key}={value}\n")
