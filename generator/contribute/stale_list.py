"""The monthly list of stale measures (``catalogue stale``), as the body of one issue.

Grouped by library (a measure of several libraries stands under each), each measure with its
id, its last check and the prefilled form „Ist noch aktuell“. Titles and names are content:
they reach GitHub's Markdown with every character that could make a link, an image, a
heading, a table cell, a mention or HTML escaped."""

from __future__ import annotations

import datetime as dt
import re

from ..core.model import Catalogue
from ..index.freshness import last_checked, stale_label, stale_measures
from ..render.contribution_links import ContributionLinks
from ..render.formatting import date, month
from ..rules.german import count

NONE_STALE = "Keine veralteten Maßnahmen: Jede Maßnahme wurde in den letzten {span} geprüft. 🎉"

# Markdown's punctuation (CommonMark's escapable ASCII characters) and the characters GitHub
# turns into mentions, issue links or emoji; <, > and & as entities, so that not even a
# renderer that ignores a backslash sees HTML.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~\"'@:=$%^])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly it: no link, no HTML, no mention."""
    escaped = _MARKDOWN.sub(r"\\\1", " ".join(text.split()))
    escaped = re.sub(r"[&<>]", lambda m: _ENTITIES[m[0]], escaped)
    # GitHub finds mentions and issue references in the rendered text, escaped or not: a
    # word joiner (invisible) after @ and # keeps „@name“ and „#1“ from notifying anyone.
    return escaped.replace("@", "@\u2060").replace("#", "#\u2060")


def stale_markdown(
    catalogue: Catalogue,
    today: dt.date,
    months: int,
    links: ContributionLinks,
    site_url: str | None = None,
) -> str:
    """The issue body listing the stale measures on ``today``; a friendly line when none is."""
    stale = stale_measures(catalogue, today, months)
    span = stale_label(months).removeprefix("Seit über ").removesuffix(" nicht geprüft")
    if not stale:
        return NONE_STALE.format(span=span) + "\n"
    by_library: dict[str, list] = {}
    for measure in stale:
        for library_id in measure.libraries:
            by_library.setdefault(library_id, []).append(measure)
    names = {lib_id: catalogue.libraries[lib_id].name for lib_id in by_library}
    lines = [
        f"{count(len(stale), 'Maßnahme wurde', 'Maßnahmen wurden')} seit über {span} nicht "
        f"geprüft (Stand: {date(today)}). Stimmt eine noch, genügt "
        "„Ist noch aktuell“; stimmt etwas nicht mehr, bitte die Maßnahme korrigieren.",
    ]
    for library_id in sorted(by_library, key=lambda i: (names[i].casefold(), i)):
        lines += ["", f"### {markdown_text(names[library_id])}", ""]
        for measure in by_library[library_id]:
            checked = month(last_checked(measure))
            title = markdown_text(measure.title)
            item = f"- **{title}** (`{measure.id}`), zuletzt geprüft im {checked}"
            confirm = links.confirm(measure.id, measure.title)
            if confirm:
                item += f" – [Ist noch aktuell]({confirm})"
            elif site_url:
                item += f" – {site_url.rstrip('/')}/massnahmen/{measure.id}/"
            lines.append(item)
    lines += ["", "Diese Liste erneuert der Workflow „Veraltete Maßnahmen“ jeden Monat."]
    return "\n".join(lines) + "\n"
