"""The data behind the submission form (``/mitmachen/einreichen/``) and the field reference
page: vocabularies, limits and the catalogue's ids, all read from the model at build time.

The form itself is static HTML (``templates/submit.html``) and ``assets/einreichen.js``;
it runs in the reader's browser and sends nothing anywhere. It offers three routes: a new
file on GitHub (one file only), an issue from the form „Einreichung aus dem
Website-Formular“ carrying every file (``contribute.issue_body.files_block``), and e-mail
to the editors. A short form of its own, „Wir haben das auch gemacht“, opens the issue form
„Maßnahme nachgemacht“ with a library and the measures it adopted (or an e-mail to the
editors without a repository).

What the script checks is what validation checks, handed over from Python: limits,
vocabularies, ids and patterns – also those of :mod:`generator.rules.personal_data`, so
that no address or phone number in a free text gets as far as GitHub.
"""

from __future__ import annotations

from typing import Any

from ..core.escape import script_json
from ..core.ids import FALLBACK_ID, ID_PATTERN, MAX_ID_LENGTH
from ..core.model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Catalogue
from ..rules import declarations as schema
from ..rules.cross_field import default_kind
from ..rules.forms import (
    ADOPTION_FORM,
    ADOPTION_LIBRARY,
    ADOPTION_MEASURES,
    ADOPTION_TITLE,
    CONSENT,
    FILES_FIELD,
    Form,
    files_form,
    library_form,
    library_measure_form,
    measure_form,
)
from ..rules.kinds import (
    DATE_PATTERN,
    EMAIL_PATTERN,
    PARTIAL_DATE_PATTERN,
    URL_PATTERN,
    YEARS,
    Number,
    Record,
    RecordList,
)
from ..rules.personal_data import (
    BEFORE_PHONE,
    BODY_PROSE,
    EMAIL_IN_TEXT,
    PHONE_DIGITS,
    PHONE_IN_TEXT,
    WHERE_CONTACT_BELONGS,
)
from ..validate.operator import Operator
from .contribution_links import (
    GITHUB,
    MAX_MAILTO_LENGTH,
    MAX_URL_LENGTH,
    ContributionLinks,
    editors_email,
    mailto,
)

SCRIPT = "assets/katalog/einreichen.js"
STYLE = "assets/katalog/einreichen.css"


def _limits(record: Record, prefix: str = "") -> dict[str, dict[str, Any]]:
    """``{"title": {"required": True, "max": 120, "label": …}, "effort.staff_hours": …}``."""
    result: dict[str, dict[str, Any]] = {}
    for name, field in record.fields.items():
        key = prefix + name
        result[key] = field.form_limits()
        if isinstance(field, Record):
            result.update(_limits(field, key + "."))
        elif isinstance(field, RecordList):
            result.update(_limits(field.item, key + "[]."))
    return result


def submit_data(
    catalogue: Catalogue, repo: str | None, branch: str, operator: Operator | None = None
) -> dict[str, Any]:
    """What the submission form's script checks with: limits, vocabularies, ids, patterns."""
    taxonomy = catalogue.taxonomy
    links = ContributionLinks(repo, branch, editors_email(operator))
    email = links.email
    libraries = sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    repo = links.repo
    measure = schema.measure_schema(taxonomy)
    library = schema.library_schema(taxonomy)
    measure_limits = _limits(measure)
    library_limits = _limits(library)
    for key in default_kind(schema.PROFILE_KINDS).required:
        library_limits[key]["required"] = True
    # What einreichen.js checks besides the limits of each field: list sizes, the number
    # and text bounds of an outcome, the word for a figure a library has not published.
    for name in ("outcomes", "materials"):
        measure_limits[name]["max_items"] = measure.fields[name].max_items
    outcome = measure.fields["outcomes"].item.fields["value"]
    measure_limits["outcomes[].value"].update(
        minimum=outcome.number.minimum, maximum=outcome.number.maximum, max=outcome.text.max_len
    )
    for name, field in library.fields.items():
        if isinstance(field, Number) and field.unknown:
            library_limits[name]["unknown"] = field.unknown
    issue = f"{GITHUB}/{repo}/issues/new"
    forms = {"measure": measure_form(taxonomy), "library": library_form(taxonomy)}
    return {
        "measure": measure_limits,
        "library": library_limits,
        "topics": [{"id": t.id, "label": t.label} for t in taxonomy.topics.values()],
        "audiences": [{"id": a.id, "label": a.label} for a in taxonomy.audiences.values()],
        "status": STATUS_LABELS,
        "effort": EFFORT_LABELS,
        "kinds": KIND_LABELS,
        "states": taxonomy.states,
        "libraryIds": [lib.id for lib in libraries],
        "measureIds": sorted(catalogue.measures),
        # The patterns as Python declares them; JavaScript compiles the same text.
        "patterns": {
            "id": ID_PATTERN.pattern,
            "date": DATE_PATTERN,
            "partialDate": PARTIAL_DATE_PATTERN,
            "url": URL_PATTERN,
            "email": EMAIL_PATTERN,
            # personal data in free text (rules/personal_data.py); found as Python finds it
            "emailInText": EMAIL_IN_TEXT,
            "phoneInText": PHONE_IN_TEXT,
            "beforePhone": BEFORE_PHONE.pattern,
        },
        "phoneDigits": list(PHONE_DIGITS),
        "contactBelongs": WHERE_CONTACT_BELONGS,
        "bodyProse": BODY_PROSE,
        # form field → declared field („collaboration“ → „collaboration.seeking“), so that
        # the script finds a field's limits, its „prose“ among them
        "fields": {kind: _declared(form) for kind, form in forms.items()},
        "adoption": {
            # a library's own measures (directly or through a network) and those its profile
            # names as adopted already: neither can be adopted (validate/references.py)
            "own": {
                lib.id: own
                for lib in libraries
                if (own := sorted(m.id for m in catalogue.measures_of(lib.id)))
            },
            "adopted": {lib.id: list(lib.adopted) for lib in libraries if lib.adopted},
            "title": ADOPTION_TITLE,
        },
        "maxIdLength": MAX_ID_LENGTH,
        "fallbackId": FALLBACK_ID,
        "years": list(YEARS),
        "countries": sorted(schema.COUNTRY_CODES),
        "github": (
            {
                "newFile": links.new_file(),
                "issueMeasure": f"{issue}?template={measure_form(taxonomy).file}",
                "issueLibrary": f"{issue}?template={library_form(taxonomy).file}",
                "issueCombined": f"{issue}?template={library_measure_form(taxonomy).file}",
                "issueFiles": links.files_issue(),
                "filesField": FILES_FIELD,
                "filesTitle": files_form().title,
                "maxUrlLength": MAX_URL_LENGTH,
                "issueAdopt": links.new_issue(ADOPTION_FORM),
                "adoptLibrary": ADOPTION_LIBRARY,
                "adoptMeasures": ADOPTION_MEASURES,
            }
            if links.repo
            else None
        ),
        "mail": (
            {"address": email, "maxLength": MAX_MAILTO_LENGTH, "consent": CONSENT}
            if email
            else None
        ),
    }


def _declared(form: Form) -> dict[str, str]:
    """Element id → the declared field it asks for, of every element that names one."""
    return {e.id: e.field for e in form.elements if e.field}


def submit_data_json(
    catalogue: Catalogue, repo: str | None, branch: str, operator: Operator | None = None
) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<`` is escaped so that no
    text from the catalogue can close the block."""
    return script_json(submit_data(catalogue, repo, branch, operator))


# --- the fields of the HTML form ------------------------------------------------------------

# Issue-form elements the static form leaves out: the library is chosen separately, the
# pull request itself is the consent, a network is rarely new, files are sent on the way
# chosen at the end (attached to the issue or the e-mail).
_SKIP = {"libraries", "consent", "kind", "members", "attachments"}
# Hints of the issue forms that say something only true on GitHub.
_HINTS = {
    "links": "Je Zeile „Titel: https://…“. Eigene Dateien (PDF, Bilder, Vorlagen) senden Sie "
    "beim Einreichen mit – wie, steht unten unter „4. Einreichen“.",
}
_NUMERIC = {"staff_hours", "budget_eur", "population", "area_m2", "staff_fte", "volunteers"}
_ROWS = {"situation": 6, "implementation": 6, "results": 4, "tips": 4, "summary": 3}


def _fields(form, options: dict[str, list[tuple[str, str]]]) -> list[dict[str, Any]]:
    """The form's fields with the labels and hints of the issue form (one wording)."""
    fields = []
    for element in form.elements:
        if element.id in _SKIP:
            continue
        kind = {"input": "text", "textarea": "textarea"}.get(element.type, "select")
        if element.type == "dropdown" and element.multiple:
            kind = "checkboxes"
        elif element.type == "checkboxes":
            kind = "checkbox"
        fields.append(
            {
                "key": element.id,
                "label": element.options[0] if kind == "checkbox" else element.label,
                "hint": _HINTS.get(element.id, element.description),
                "required": element.required,
                "type": kind,
                "options": options.get(element.id, []),
                "inputmode": "decimal" if element.id in _NUMERIC else "",
                "autocomplete": "email" if element.id == "email" else "off",
                "rows": _ROWS.get(element.id, 3),
            }
        )
    return fields


def form_context(
    catalogue: Catalogue,
    repo: str | None,
    branch: str,
    version: str,
    operator: Operator | None = None,
) -> dict[str, Any]:
    """The submission form's template context: the static HTML carries every field and option."""
    taxonomy = catalogue.taxonomy
    topics = [(t.id, t.label) for t in taxonomy.topics.values()]
    options = {
        "topics": topics,
        "audiences": [(a.id, a.label) for a in taxonomy.audiences.values()],
        "status": list(STATUS_LABELS.items()),
        "effort_level": list(EFFORT_LABELS.items()),
        "state": [(s, s) for s in taxonomy.states.get("DE", [])],
        "toolkit_priorities": topics,
    }
    email = editors_email(operator)
    library_fields = _fields(library_form(taxonomy), options)
    for f in library_fields:  # required for a library (the only kind made here)
        if f["key"] in (*default_kind(schema.PROFILE_KINDS).required, "name"):
            f["required"] = f["key"] != "state"  # state: required in Germany only
    links = ContributionLinks(repo, branch, email)
    return {
        "libraries": sorted(catalogue.libraries.values(), key=lambda lib: lib.name.casefold()),
        # without the script: the issue form as it is, or an e-mail to the editors
        "adopt_href": links.new_issue(ADOPTION_FORM)
        or (mailto(email, ADOPTION_TITLE.rstrip(": "), "") if email else None),
        "measure_fields": _fields(measure_form(taxonomy), options),
        "library_fields": library_fields,
        "data_json": submit_data_json(catalogue, repo, branch, operator),
        "github": submit_data(catalogue, repo, branch, operator)["github"],
        "email": email,
        "mail_href": mailto(email, "Einreichung für den Katalog", "") if email else None,
        "max_material": schema.MAX_MATERIAL_SIZE,
        "script": SCRIPT,
        "style": STYLE,
        "version": version,
    }
