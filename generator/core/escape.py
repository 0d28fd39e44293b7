"""Escaping for the contexts content lands in that Jinja's autoescape does not cover.

Everything from ``measures/``, ``libraries/``, an issue or a form is hostile: each context
gets the escaping that keeps it inert there."""

from __future__ import annotations

import json


def script_json(data: object) -> str:
    """JSON that is safe inside an inline ``<script type="application/json">`` element:
    no ``</script>``, no ``<!--``, whatever the text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
