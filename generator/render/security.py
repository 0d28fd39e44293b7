"""What a static host allows for security: a Content-Security-Policy and a referrer policy
as ``<meta>`` tags.

The policy blesses only scripts that we or the theme ship: the hashes of our own inline
scripts (:data:`INLINE_SCRIPTS`) and of the theme's, read off the page *before* any content
is put into it. A script that content smuggled into a page therefore never has a hash in
the policy and does not run."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from markupsafe import Markup

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)


# Our own inline scripts, by name; templates insert them with ``inline_script(name)``.
INLINE_SCRIPTS = {
    # Shows the finder's form before the list is drawn, so that the list does not jump
    # down when the finder's modules start (layout shift).
    "show_finder": 'document.getElementById("bib-finder").hidden = false;',
}


def inline_script(name: str) -> Markup:
    """One of our inline scripts as a ``<script>`` element whose hash the policy allows."""
    return Markup(f"<script>{INLINE_SCRIPTS[name]}</script>")


def source_hash(code: str) -> str:
    """The CSP source that allows exactly this inline script or style: ``'sha256-…'``."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def script_hashes(shell: str) -> set[str]:
    """Hashes of the inline scripts in ``shell`` — a page before content was put into it."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(shell):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs) or _DATA_TYPE.search(attrs):
            continue  # external scripts fall under 'self'; JSON data blocks never run
        hashes.add(source_hash(match.group("code")))
    return hashes


OWN_SCRIPT_HASHES = frozenset(source_hash(code) for code in INLINE_SCRIPTS.values())


def content_security_policy(hashes: Iterable[str]) -> str:
    """A policy under which only our and the theme's scripts run and no other host is asked."""
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            # The theme draws its icons as CSS masks from data: URLs.
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def add_security_meta(html: str, shell: str | None = None) -> str:
    """Insert the policy tags after the charset declaration (which must come first), before
    any script they govern. The theme's scripts are taken from ``shell``, the page without
    its content (default: ``html`` itself, for pages that carry no content)."""
    hashes = script_hashes(html if shell is None else shell) | OWN_SCRIPT_HASHES
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(hashes)}">'
        '<meta name="referrer" content="strict-origin-when-cross-origin">'
    )
    anchor = r"<meta charset=[^>]*>" if re.search(r"<meta charset=", html) else r"<head(\s[^>]*)?>"
    return re.sub(anchor, lambda m: m.group(0) + tags, html, count=1)


def robots_txt(site_url: str | None) -> str:
    """``robots.txt``: all pages may be indexed; the sitemap is named once the address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
