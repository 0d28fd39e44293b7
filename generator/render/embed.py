"""Embeddable lists: ``/bibliotheken/<id>/einbetten/`` shows a library's measures in an
``<iframe>`` on the library's own website, and the library page offers the snippet for it.

Each list is a small standalone document (no theme, no script, its own policy): cheap per
library and safe inside any page. It must not forbid framing, so no ``frame-ancestors``
(which a ``<meta>`` policy could not set anyway) and no ``X-Frame-Options``. Its links open
in a new window: inside the frame the catalogue's pages would be cramped. They are absolute
when the site's address is known, as the frame sits on another site.
"""

from __future__ import annotations

import html
from functools import partial

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..core.model import Catalogue, Library
from .open_data import CATALOGUE_NAME, site_address
from .security import source_hash
from .site import LazyFile, SiteOptions, relative_url

# Inline, so that a frame costs one request; the policy allows exactly this text.
STYLE = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #555; --link: #0b57a3;
  --line: #d5d5d8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --bg: #1e1f24; --muted: #b4b4ba; --link: #8ab8ff; --line: #44464e; }
}
html { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: .75rem 1rem; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }
h1 { font-size: 1.1rem; margin: 0 0 .5rem; }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: .5rem 0; border-top: 1px solid var(--line); }
a { color: var(--link); font-weight: 600; }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
p { margin: .2rem 0 0; }
.summary, .note { color: var(--muted); font-size: .9rem; }
.note { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 0; }
.note a { font-weight: 400; }
"""


POLICY = "; ".join(
    [
        "default-src 'none'",
        f"style-src {source_hash(STYLE)}",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
HEADING = f"Unsere Maßnahmen im Katalog „{CATALOGUE_NAME}“"

_env = Environment(
    loader=PackageLoader("generator.render", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def embed_path(library_id: str) -> str:
    """The list's address relative to the site root (its folder)."""
    return f"bibliotheken/{library_id}/einbetten/"


def _link(options: SiteOptions, here: str, target: str) -> str:
    return site_address(options, target) if options.site_url else relative_url(here, target)


def embed_files(catalogue: Catalogue, options: SiteOptions) -> list[LazyFile]:
    """One standalone list per library and network: its measures, as on its page."""
    return [
        LazyFile(embed_path(library.id) + "index.html", partial(_page, catalogue, library, options))
        for library in sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    ]


def _page(catalogue: Catalogue, library: Library, options: SiteOptions) -> str:
    template = _env.get_template("embed.html")
    here = embed_path(library.id)
    measures = [
        {
            "title": m.title,
            "summary": m.summary,
            "href": _link(options, here, f"massnahmen/{m.id}/"),
        }
        for m in catalogue.measures_of(library.id)
    ]
    return template.render(
        library=library,
        measures=measures,
        heading=HEADING,
        catalogue_name=CATALOGUE_NAME,
        policy=POLICY,
        style=Markup(STYLE),  # our constant: its hash is in the policy
        library_href=_link(options, here, f"bibliotheken/{library.id}/"),
        home_href=_link(options, here, ""),
    )


def frame_height(count: int) -> int:
    """A first guess of the frame's height in px for ``count`` measures; the list scrolls
    inside the frame beyond it."""
    return min(140 + 90 * max(count, 1), 640)


def snippet(catalogue: Catalogue, library: Library, options: SiteOptions, here: str) -> str:
    """The ``<iframe>`` a library copies into its website (plain text: the template escapes
    it once more for the page). The name is hostile: attribute-escaped here."""
    src = _link(options, here, embed_path(library.id))
    title = html.escape(f"Maßnahmen von {library.name} im Katalog „{CATALOGUE_NAME}“", quote=True)
    height = frame_height(len(catalogue.measures_of(library.id)))
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{title}" loading="lazy" '
        'sandbox="allow-popups allow-popups-to-escape-sandbox" '
        f'style="width:100%;height:{height}px;border:0"></iframe>'
    )
