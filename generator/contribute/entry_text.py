"""The values of a form issue written as a profile or measure file, line by line.

Each line remembers the form field it came from, so that a validation message can name the
field the contributor filled in."""

from __future__ import annotations

import datetime as dt
import json
import re


def _option_ids(value: str) -> list[str]:
    """``Leseförderung (lesefoerderung), Ehrenamt (ehrenamt)`` → the ids in parentheses."""
    return re.findall(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)", value)


def _checked(value: str) -> bool:
    return bool(re.search(r"^- \[[xX]\]", value, re.MULTILINE))


def _ids(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _scalar(value: str, pattern: re.Pattern[str]) -> str:
    """Plain when it is what YAML should read as number/date, else quoted text (so that
    the validator explains what is wrong, e.g. a thousands separator)."""
    return value if pattern.match(value) else _q(value)


# What YAML does not take literally even between double quotes: DEL and the C1 controls are
# refused, U+2028/U+2029 count as line breaks, U+FFFE/U+FFFF are no characters.
_NOT_LITERAL = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _q(text: str) -> str:
    r"""Text as a YAML string in double quotes, which YAML reads back unchanged: JSON's
    escaping, and ``\uXXXX`` for the characters of ``_NOT_LITERAL``. The website's form
    quotes alike (``render/assets/einreichen.js``, ``quote``; tests/browser/test_parity.py)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_LITERAL.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _items(text: str) -> list[str]:
    """The non-empty lines of a list field, without the list marker („- “, „* “) in front.
    Only in front: a dash or asterisk at the end belongs to the item (an address ending in
    „-“), as it does for the website's form."""
    items = (line.lstrip(" -*\t").strip() for line in text.splitlines())
    return [item for item in items if item]


class _Writer:
    """Front matter lines, remembering which form field each line came from."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origin: dict[int, str] = {}

    def add(self, line: str, element: str | None = None) -> None:
        self.lines.append(line)
        if element:
            self.origin[len(self.lines)] = element


def measure_text(values: dict[str, str], today: dt.date) -> tuple[str, dict[int, str], list[str]]:
    """The file text, line → form field id, and problems found while building it."""
    w, errors = _Writer(), []
    w.add("---")
    w.add("# yaml-language-server: $schema=../schema/measure.schema.json")
    w.add(f"title: {_q(_one_line(values.get('title', '')))}", "title")
    w.add(f"summary: {_q(_one_line(values.get('summary', '')))}", "summary")
    w.add(
        f"libraries: [{', '.join(_q(i) for i in _ids(values.get('libraries', '')))}]", "libraries"
    )
    w.add(f"topics: [{', '.join(_option_ids(values.get('topics', '')))}]", "topics")
    audiences = _option_ids(values.get("audiences", ""))
    if audiences:
        w.add(f"audiences: [{', '.join(audiences)}]", "audiences")
    status = _option_ids(values.get("status", ""))
    w.add(f"status: {status[0] if status else ''}", "status")
    start, end = values.get("period_start", ""), values.get("period_end", "")
    if start or end:
        w.add("period:")
        if start:
            w.add(f"  start: {_scalar(start.strip(), _PARTIAL_DATE)}", "period_start")
        if end:
            w.add(f"  end: {_scalar(end.strip(), _PARTIAL_DATE)}", "period_end")
    level = _option_ids(values.get("effort_level", ""))
    hours, budget = values.get("staff_hours", "").strip(), values.get("budget_eur", "").strip()
    if level or hours or budget:
        w.add("effort:")
        if level:
            w.add(f"  level: {level[0]}", "effort_level")
        if hours:
            w.add(f"  staff_hours: {_scalar(hours, _NUMBER)}", "staff_hours")
        if budget:
            w.add(f"  budget_eur: {_scalar(budget, _NUMBER)}", "budget_eur")
    partners = _items(values.get("partners", ""))
    if partners:
        w.add(f"partners: [{', '.join(_q(p) for p in partners)}]", "partners")
    outcome_lines = _items(values.get("outcomes", ""))
    if outcome_lines:
        w.add("outcomes:")
        for line in outcome_lines:
            label, colon, value = line.rpartition(":")
            if not colon or not label.strip() or not value.strip():
                errors.append(
                    f"Ergebnisse in Zahlen: Die Zeile „{line[:80]}“ bitte als "
                    "„Was gezählt wurde: Wert“ schreiben."
                )
                continue
            w.add(f"  - label: {_q(label.strip())}", "outcomes")
            w.add(f"    value: {_scalar(value.strip(), _NUMBER)}", "outcomes")
    links = _items(values.get("links", ""))
    if links:
        w.add("materials:")
        for line in links:
            match = re.search(r"(\S+://\S+)\s*$", line)
            if not match:
                errors.append(
                    f"Materialien im Netz: In der Zeile „{line[:80]}“ fehlt eine "
                    "Webadresse mit https://."
                )
                continue
            title = line[: match.start()].strip(" :–-\t") or match.group(1)
            w.add(f"  - title: {_q(title)}", "links")
            w.add(f"    url: {_q(match.group(1))}", "links")
    seeking = _one_line(values.get("collaboration", ""))
    offering = _one_line(values.get("offering", ""))
    if seeking or offering:
        w.add("collaboration:")
    if seeking:
        w.add(f"  seeking: {_q(seeking)}", "collaboration")
    if offering:
        w.add(f"  offering: {_q(offering)}", "offering")
    w.add(f"published: {today.isoformat()}")
    w.add("---")
    for key, heading in (
        ("situation", "Ausgangslage"),
        ("implementation", "Umsetzung"),
        ("results", "Ergebnisse"),
        ("tips", "Tipps"),
    ):
        text = values.get(key, "").strip()
        if text:
            w.add("")
            w.add(f"## {heading}", key)
            w.add("")
            for line in text.split("\n"):
                w.add(line, key)
    return "\n".join(w.lines) + "\n", w.origin, errors


def library_text(values: dict[str, str]) -> tuple[str, dict[int, str], list[str]]:
    """The profile a library form's answers make; returns what :func:`measure_text` returns."""
    w, errors = _Writer(), []
    w.add("# yaml-language-server: $schema=../schema/library.schema.json")
    w.add(f"name: {_q(_one_line(values.get('name', '')))}", "name")
    kind = (_option_ids(values.get("kind", "")) or ["library"])[0]
    w.add(f"kind: {kind}", "kind")
    country = values.get("country", "").strip().upper() or "DE"
    state = values.get("state", "").strip() if country == "DE" else values.get("region", "")
    for key, value in (("municipality", values.get("municipality", "")), ("state", state)):
        if value.strip():
            w.add(f"{key}: {_q(_one_line(value))}", key)
    if country != "DE":
        w.add(f"country: {_q(country)}", "country")
    for key in ("population", "area_m2", "staff_fte", "volunteers"):
        value = values.get(key, "").strip()
        if value:
            w.add(f"{key}: {_scalar(value, _NUMBER)}", key)
    if values.get("website", "").strip():
        w.add(f"website: {_q(values['website'].strip())}", "website")
    email = values.get("email", "").strip()
    if email:
        w.add("contact:")
        w.add(f"  email: {_q(email)}", "email")
        w.add(
            f"  public: {'true' if _checked(values.get('email_public', '')) else 'false'}",
            "email_public",
        )
    members = _ids(values.get("members", ""))
    if members:
        w.add(f"members: [{', '.join(_q(m) for m in members)}]", "members")
    date = values.get("toolkit_date", "").strip()
    priorities = _option_ids(values.get("toolkit_priorities", ""))
    notes = values.get("toolkit_notes", "").strip()
    if date or priorities or notes:
        w.add("toolkit:")
        if date:
            w.add(f"  date: {_scalar(date, _PARTIAL_DATE)}", "toolkit_date")
        if priorities:
            w.add(f"  priorities: [{', '.join(priorities)}]", "toolkit_priorities")
        if notes:
            w.add(f"  notes: {_q(notes)}", "toolkit_notes")
    about = values.get("about", "").strip()
    if about:
        w.add(f"about: {_q(about)}", "about")
    return "\n".join(w.lines) + "\n", w.origin, errors
