"""The GitHub issue-form files and the labels file, written from the form declarations.

``catalogue issue-forms`` writes ``.github/ISSUE_TEMPLATE/*.yml`` and ``.github/labels.json``;
the publication check compares them with what is committed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..core.config import guide_url
from ..core.model import Taxonomy
from ..rules.forms import LABELS, Form, forms

FORMS_DIR = ".github/ISSUE_TEMPLATE"
LABELS_FILE = ".github/labels.json"  # JSON: the labels workflow reads it with Python alone


def issue_form_yaml(form: Form) -> str:
    """A form as a GitHub issue form (``.github/ISSUE_TEMPLATE``): contributing without Git."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    sections = dict(form.sections)
    for element in form.elements:
        if element.id in sections:
            body.append({"type": "markdown", "attributes": {"value": sections[element.id]}})
        attributes: dict[str, Any] = {"label": element.label}
        if element.description:
            attributes["description"] = element.description
        if element.type == "dropdown":
            attributes["multiple"] = element.multiple
            attributes["options"] = list(element.options)
        elif element.type == "checkboxes":
            attributes["options"] = [
                {"label": option, "required": element.required} for option in element.options
            ]
        if element.placeholder:
            attributes["placeholder"] = element.placeholder
        item: dict[str, Any] = {"type": element.type, "id": element.id, "attributes": attributes}
        if element.type != "checkboxes":
            item["validations"] = {"required": element.required}
        body.append(item)
    document = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": list(form.labels),
        "body": body,
    }
    header = (
        "# Erzeugt mit „catalogue issue-forms“ aus measures/_taxonomy.yml – nicht von Hand "
        "ändern.\n"
    )
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


ISSUE_CONFIG = """\
# Erzeugt mit „catalogue issue-forms“ – nicht von Hand ändern.
blank_issues_enabled: true
contact_links:
  - name: Anleitung „Mitmachen“
    url: {url}
    about: Schritt für Schritt – mit Formular, im GitHub-Editor oder mit Git.
"""


def issue_form_files(taxonomy: Taxonomy, guide_url: str | None = None) -> dict[str, str]:
    """Path (relative to the repository) → text of every generated issue-form file."""
    files = {f"{FORMS_DIR}/{form.file}": issue_form_yaml(form) for form in forms(taxonomy)}
    if guide_url:
        files[f"{FORMS_DIR}/config.yml"] = ISSUE_CONFIG.format(url=guide_url)
    else:
        files[f"{FORMS_DIR}/config.yml"] = ISSUE_CONFIG.split("contact_links:")[0]
    files[LABELS_FILE] = labels_json()
    return files


def stale_issue_form_files(root: Path, taxonomy: Taxonomy) -> list[tuple[str, str, str | None]]:
    """``(path, wanted text, current text or None)`` of each generated file that differs
    from what ``catalogue issue-forms`` would write for this repository."""
    stale = []
    for rel, text in issue_form_files(taxonomy, guide_url(root)).items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            stale.append((rel, text, current))
    return stale


def labels_json() -> str:
    """The labels file; generated like the forms (``catalogue issue-forms``), never edited."""
    items = [{"name": n, "color": c, "description": d} for n, (c, d) in LABELS.items()]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
