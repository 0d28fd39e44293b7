"""What the issue-to-pull-request workflow posts: the error comment, the pull request's title
and body. Quoted contributor text stays inert."""

from __future__ import annotations

from .from_issue import Submission


def _code_block(lines: list[str]) -> str:
    # Quoted contributor text stays inert: a fenced block shows @mentions, links and HTML
    # as plain text; backtick runs that could close the fence are broken up.
    safe = [line.replace("`", "ˋ") for line in lines]
    return "```text\n" + "\n".join(safe) + "\n```"


def error_comment(submission: Submission) -> str:
    """The comment on an issue that cannot be taken over: what is wrong and how to fix it."""
    if submission.manual:
        return (
            "Danke für Ihre Korrekturmeldung! Sie wird von der Redaktion von Hand bearbeitet; "
            "aus ihr entsteht kein automatischer Pull Request. Die Redaktion antwortet hier, "
            "sobald sie den Eintrag geändert hat."
        )
    how = (
        "Bitte den Text des Issues über „…“ → „Edit“ bearbeiten"
        if submission.kind != "files"
        else "Bitte die Angaben im Formular auf der Website korrigieren, den Text dort neu "
        "kopieren und im Issue über „…“ → „Edit“ den Abschnitt „Dateien“ ersetzen"
    )
    return (
        "Danke für Ihren Vorschlag! Bevor er übernommen werden kann, ist noch etwas zu "
        "korrigieren:\n\n"
        + _code_block([f"- {e}" for e in submission.errors])
        + f"\n\n{how}. Danach setzt die Redaktion das Label „uebernehmen“ erneut."
    )


_NOUNS = {"measure": "Maßnahme", "library": "Bibliotheksprofil"}


def pull_request_body(submission: Submission, issue_number: int | None) -> str:
    """The pull request's description: which files the submission adds, for the editors."""
    if len(submission.files) == 1:
        noun = _NOUNS[submission.entries[0][0]] if submission.entries else "Datei"
        lines = [f"{noun} aus dem Formular übernommen: `{submission.path}`."]
    else:
        lines = ["Aus dem Formular übernommen:", ""]
        for file in submission.files:
            what = (
                f"Material, {len(file.data):,} Bytes".replace(",", ".")
                if file.data is not None
                else _NOUNS["measure" if file.path.startswith("measures/") else "library"]
            )
            lines.append(f"- `{file.path}` ({what})")
    lines += ["", "Erzeugt von `catalogue from-issue`; die Prüfung war erfolgreich."]
    if submission.warnings:
        lines += ["", "Hinweise der Prüfung:", "", _code_block(submission.warnings)]
    if submission.message:
        message = _code_block(submission.message.split("\n"))
        lines += ["", "Nachricht an die Redaktion:", "", message]
    if issue_number:
        lines += ["", f"Closes #{issue_number}"]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pull_request_title(submission: Submission) -> str:
    """A title naming the entries, so that editors see in the list what a pull request adds."""
    entries = submission.entries or [("measure", submission.id, submission.title)]
    if len(entries) == 1:
        kind, _, title = entries[0]
        return f"{_NOUNS[kind]}: {_short(title, 100)}"
    libraries = [t for k, _, t in entries if k == "library"]
    measures = [t for k, _, t in entries if k == "measure"]
    if libraries and len(measures) == 1:
        both = f"{_short(libraries[0], 50)} – {_short(measures[0], 60)}"
        return f"Bibliotheksprofil und Maßnahme: {both}"
    parts = [*libraries, *measures]
    noun = "Bibliotheksprofil und Maßnahmen" if libraries else "Maßnahmen"
    return f"{noun}: {_short(', '.join(parts), 100)}"
