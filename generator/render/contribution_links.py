"""Addresses behind „Änderung vorschlagen“ and the submission form's routes: GitHub's editor
for a file, the issue forms prefilled through their query, and ``mailto:`` to the editors.

Every part is percent-encoded here (``urllib.parse``); templates put the results into
attributes through autoescaping, so an ``&`` becomes ``&amp;`` and nothing breaks out.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from ..rules.forms import (
    ADOPTION_FORM,
    ADOPTION_MEASURES,
    ADOPTION_TITLE,
    CORRECTION_FIELD,
    CORRECTION_FORM,
    FILES_FORM,
    REVIEW_FORM,
    REVIEW_MEASURE,
    REVIEW_TITLE,
)
from ..validate.operator import PLACEHOLDER, Operator

GITHUB = "https://github.com"
MAX_URL_LENGTH = 8000  # longer links are cut off by browsers and GitHub
MAX_MAILTO_LENGTH = 2000  # mail programs on Windows cut longer mailto: links
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")


def _query(params: dict[str, str]) -> str:
    # %20, not "+", for spaces: mailto: reads "+" literally (RFC 6068).
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def editors_email(operator: Operator | None) -> str | None:
    """The editors' address from ``betreiber.yml``; ``None`` while it is a placeholder."""
    if operator is None or not operator.email or PLACEHOLDER in operator.email:
        return None
    return operator.email


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link; line breaks as CRLF, as RFC 6068 asks."""
    text = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{urllib.parse.quote(address, safe='@')}?" + _query(
        {"subject": subject, "body": text}
    )


@dataclass(frozen=True)
class Link:
    """A link as a template prints it: text, address and an optional hint."""

    text: str
    href: str
    hint: str = ""


@dataclass(frozen=True)
class ContributionLinks:
    """The catalogue's repository (``owner/name``, or ``None``) and the editors' address."""

    repo: str | None
    branch: str = "main"
    email: str | None = None

    def __post_init__(self) -> None:
        if self.repo is not None and not _REPO.match(self.repo):
            object.__setattr__(self, "repo", None)  # no link into an address of unknown shape

    @property
    def _base(self) -> str:
        return f"{GITHUB}/{urllib.parse.quote(self.repo or '', safe='/')}"

    def edit_file(self, path: str) -> str | None:
        """GitHub's editor for a file (it offers a fork to anyone without write access)."""
        if not self.repo:
            return None
        branch = urllib.parse.quote(self.branch, safe="/")
        return f"{self._base}/edit/{branch}/{urllib.parse.quote(path, safe='/')}"

    def new_file(self) -> str | None:
        """GitHub's page for a new file on the branch (``?filename=…&value=…`` added)."""
        if not self.repo:
            return None
        return f"{self._base}/new/{urllib.parse.quote(self.branch, safe='/')}"

    def new_issue(self, template: str, **fields: str) -> str | None:
        """A new issue from an issue form, fields prefilled by their ids."""
        if not self.repo:
            return None
        return f"{self._base}/issues/new?" + _query({"template": template, **fields})

    def correction_issue(self, path: str, title: str) -> str | None:
        return self.new_issue(
            CORRECTION_FORM,
            title=f"Korrektur: {title}",
            **{CORRECTION_FIELD: f"{title} ({path})"},
        )

    def correction_mail(self, path: str, title: str) -> str | None:
        if not self.email:
            return None
        body = (
            f"Seite: {title}\nDatei: {path}\n\nWas soll geändert werden?\n\n\n"
            "Quelle oder Beleg (freiwillig):\n"
        )
        return mailto(self.email, f"Korrektur: {title}", body)

    def adopt(self, measure_id: str, title: str = "") -> str | None:
        """„Wir haben das auch gemacht“ on a measure's page: the form „Maßnahme nachgemacht“
        with the measure filled in (the reader adds the library); ``title`` names the
        measure in the issue's title. ``None`` without a repository."""
        fields = {ADOPTION_MEASURES: measure_id}
        if title:
            fields = {"title": f"{ADOPTION_TITLE}{title}", **fields}
        return self.new_issue(ADOPTION_FORM, **fields)

    def adopt_mail(self, measure_id: str, title: str) -> str | None:
        """The same as an e-mail to the editors, for a site without a repository."""
        if not self.email:
            return None
        body = (
            f"Unsere Bibliothek hat diese Maßnahme nachgemacht: {title} ({measure_id})\n\n"
            "Unsere Bibliothek (Name oder Kennung im Katalog):\n\n"
            "Wie ist es gelaufen? (freiwillig)\n"
        )
        return mailto(self.email, f"{ADOPTION_TITLE}{title}", body)

    def confirm(self, measure_id: str, title: str = "") -> str | None:
        """„Ist noch aktuell“ on a measure's page and its stale badge: the form with the
        measure filled in; its issue sets ``reviewed``. ``None`` without a repository."""
        fields = {REVIEW_MEASURE: measure_id}
        if title:
            fields = {"title": f"{REVIEW_TITLE}{title}", **fields}
        return self.new_issue(REVIEW_FORM, **fields)

    def confirm_mail(self, measure_id: str, title: str) -> str | None:
        """The same as an e-mail to the editors, for a site without a repository."""
        if not self.email:
            return None
        body = (
            f"Diese Maßnahme ist noch aktuell: {title} ({measure_id})\n\nAnmerkung (freiwillig):\n"
        )
        return mailto(self.email, f"{REVIEW_TITLE}{title}", body)

    def files_issue(self) -> str | None:
        """The form „Einreichung aus dem Website-Formular“ without its files (the form on
        the website adds ``title`` and the field ``files``)."""
        return self.new_issue(FILES_FORM)

    def for_entry(self, path: str, title: str) -> list[Link]:
        """The ways to propose a change to an entry, the most direct first."""
        links = []
        if edit := self.edit_file(path):
            links.append(Link("Datei auf GitHub bearbeiten", edit, "mit GitHub-Konto"))
        if issue := self.correction_issue(path, title):
            links.append(Link("Korrektur melden", issue, "Formular auf GitHub, ohne Git"))
        if mail := self.correction_mail(path, title):
            links.append(Link("E-Mail an die Redaktion", mail, "ohne GitHub-Konto"))
        return links
