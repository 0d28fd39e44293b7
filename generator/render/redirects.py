"""Redirect pages at the old addresses of renamed entries (``aliases``).

A static host knows no redirects, so each old address gets a tiny HTML document of its own
(``massnahmen/<alias>/index.html``) that sends the browser on at once and tells search
engines where the page is now. They are raw files, not theme pages: no navigation, no
sitemap entry, hardly any cost per alias.
"""

from __future__ import annotations

import html

from ..core.model import Catalogue
from .security import source_hash
from .site import GeneratedFile, SiteOptions, page_url, relative_url

# The folders of measures and profiles on the site (as in pages.build_pages).
MEASURES, LIBRARIES = "massnahmen", "bibliotheken"

# The page is seen for a moment only, but readable on any screen; its one style is allowed by
# its hash, nothing else runs or loads (a stricter policy than the theme's pages need).
_STYLE = (
    "body{font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;"
    "max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}a{color:#1a56a8}"
)
_POLICY = (
    f"default-src 'none'; style-src {source_hash(_STYLE)}; base-uri 'none'; form-action 'none'"
)


def _document(title: str, target: str, canonical: str) -> str:
    """The page; its arguments are HTML-escaped already."""
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>{title} – umgezogen</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
<style>{_STYLE}</style>
</head>
<body>
<p>Diese Seite ist umgezogen: <a href="{target}">{title}</a></p>
</body>
</html>
"""


def redirect_files(catalogue: Catalogue, options: SiteOptions) -> list[GeneratedFile]:
    """One redirect page per alias of every measure and profile."""
    entries = [
        *((MEASURES, m.id, m.title, m.aliases) for m in catalogue.measures.values()),
        *((LIBRARIES, lib.id, lib.name, lib.aliases) for lib in catalogue.libraries.values()),
    ]
    return [
        redirect_file(folder, alias, entry_id, title, options.site_url)
        for folder, entry_id, title, aliases in entries
        for alias in aliases
    ]


def redirect_file(
    folder: str, alias: str, entry_id: str, title: str, site_url: str | None
) -> GeneratedFile:
    """The page at ``folder/alias/`` that leads to the entry ``folder/entry_id/``."""
    here, there = page_url(f"{folder}/{alias}.md"), page_url(f"{folder}/{entry_id}.md")
    target = relative_url(here, there)  # works from a local folder and below any path too
    canonical = f"{site_url.rstrip('/')}/{there}" if site_url else target
    document = _document(html.escape(title), html.escape(target), html.escape(canonical))
    return GeneratedFile(f"{here}index.html", document)
