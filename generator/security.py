"""What a static host allows for security: a Content-Security-Policy and a referrer policy
as ``<meta>`` tags, computed per page so that every inline script is allowed by its hash
and nothing else runs."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)


def _script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs) or _DATA_TYPE.search(attrs):
            continue  # external scripts fall under 'self'; JSON data blocks never run
        digest = hashlib.sha256(match.group("code").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def content_security_policy(html: str) -> str:
    scripts = " ".join(["'self'", *_script_hashes(html)])
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


def add_security_meta(html: str) -> str:
    """Insert the policy tags after the charset declaration (which must come first), before
    any script they govern."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
        '<meta name="referrer" content="strict-origin-when-cross-origin">'
    )
    anchor = r"<meta charset=[^>]*>" if re.search(r"<meta charset=", html) else r"<head(\s[^>]*)?>"
    return re.sub(anchor, lambda m: m.group(0) + tags, html, count=1)


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
