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
# The heading above the field „message“ of a form in the pull request.
_MESSAGE_HEADINGS = {
    "adoption": "Wie es gelaufen ist (aus dem Issue):",
    "review": "Anmerkung (aus dem Issue):",
}


def _titles(titles: list[str], limit: int) -> str:
    """„A“ / „A“ und „B“ / „A“, „B“ und „C“, each title shortened to fit ``limit`` in all."""
    each = max(20, limit // max(1, len(titles)) - 3)
    quoted = [f"„{_short(title, each)}“" for title in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " und " + quoted[-1]


def _library_name(submission: Submission) -> str:
    return next((t for k, _, t in submission.entries if k == "library"), submission.title)


def _adoption_lines(submission: Submission) -> list[str]:
    """What an adoption changes: one profile gets the measures' ids under ``adopted``."""
    lines = [f"{_library_name(submission)} hat nachgemacht:", ""]
    lines += [f"- „{title}“ (`{measure_id}`)" for measure_id, title in submission.adopted]
    ids = ", ".join(f"`{measure_id}`" for measure_id, _ in submission.adopted)
    noun = "die Kennung" if len(submission.adopted) == 1 else "die Kennungen"
    lines += [
        "",
        f"Aus dem Formular „Maßnahme nachgemacht“ übernommen: Das Profil `{submission.path}` "
        f"bekommt unter „adopted“ {noun} {ids}; sonst bleibt die Datei, wie sie ist.",
    ]
    return lines


def pull_request_body(submission: Submission, issue_number: int | None) -> str:
    """The pull request's description: which files the submission adds or changes, for the
    editors."""
    if submission.kind == "adoption":
        lines = _adoption_lines(submission)
    elif submission.kind == "review":
        lines = [
            f"Aus dem Formular „Ist noch aktuell“ übernommen: „{submission.title}“ "
            f"(`{submission.path}`) bekommt ein neues Prüfdatum unter „reviewed“; sonst bleibt "
            "die Datei, wie sie ist."
        ]
    elif len(submission.files) == 1:
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
        heading = _MESSAGE_HEADINGS.get(submission.kind, "Nachricht an die Redaktion:")
        lines += ["", heading, "", message]
    if issue_number:
        lines += ["", f"Closes #{issue_number}"]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pull_request_title(submission: Submission) -> str:
    """A title naming the entries, so that editors see in the list what a pull request adds
    („Gemeindebücherei Musterdorf hat „Lesesommer“ nachgemacht“ for an adoption)."""
    if submission.kind == "adoption":
        titles = [title for _, title in submission.adopted]
        return f"{_short(_library_name(submission), 60)} hat {_titles(titles, 120)} nachgemacht"
    if submission.kind == "review":
        return f"Noch aktuell: {_short(submission.title, 100)}"
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
