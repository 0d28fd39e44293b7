"""The Markdown GitHub writes for a submitted issue form, for tests of ``from-issue``."""

from __future__ import annotations

from generator.contribute.issue_body import NO_RESPONSE
from generator.rules.forms import Form


def render(form: Form, answers: dict[str, str]) -> str:
    """Each field under ``### <label>``; empty ones as ``_No response_``; checkboxes as a
    task list (ticked when the answer is not empty)."""
    parts = []
    for element in form.elements:
        value = answers.get(element.id, "")
        if element.type == "checkboxes":
            value = "\n".join(f"- [{'X' if value else ' '}] {option}" for option in element.options)
        parts.append(f"### {element.label}\n\n{value or NO_RESPONSE}")
    return "\n\n".join(parts)
