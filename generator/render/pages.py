"""Everything the catalogue adds to a site: pages as Markdown text, material files, styles.

The pages are plain text for any builder; the MkDocs plugin hands them to MkDocs as
generated files, ``write_pages`` writes them to a folder.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..core.ids import propose_id
from ..core.model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Catalogue, Measure, Taxonomy
from ..index import finder, search_index
from ..index.freshness import Freshness, fresh_label
from ..index.matching import Matching
from ..load.sourcefile import plain_file
from ..rules.json_schema import SCHEMA_DIR, schema_texts
from . import board, embed, feeds, formatting, open_data, redirects, statistics
from . import submit_page as submit_form
from .contact import contact_for
from .contribution_links import ContributionLinks, editors_email
from .field_reference import field_reference
from .markdown import render_markdown
from .security import inline_script, robots_txt
from .site import (  # the types of a build's outputs, imported from here too
    GeneratedFile,
    Page,
    SiteOptions,
    StaticFile,
    page_url,
    relative_url,
)

ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/katalog/katalog.css"
# The stylesheet is written from two sources: theme.css, the only one that knows the theme
# (mkdocs-material: its colours as --bib-* variables, its header, tabs and footer), and
# katalog.css, the catalogue's own styles, which use only the variables. One file without
# comments: the finder's page loads it before any interaction, within its transfer budget.
_STYLE_SOURCES = ("theme.css", "katalog.css")
_CSS_COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)


class SiteError(Exception):
    """The pages cannot be written; ``messages`` say why, in German."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


# The finder's files (see generator/index/finder.py and generator/render/assets/finder/).
FINDER_STYLE = "assets/katalog/finder.css"  # written without its comments, like the stylesheet
FINDER_ASSETS = {
    "assets/katalog/lunr.min.js": "lunr.min.js",
    "assets/katalog/lunr.LICENSE.txt": "lunr.LICENSE",
}
SEARCH_INDEX = "assets/katalog/suchindex.json"
BOARD_SCRIPT = "assets/katalog/kooperationen.js"
BOARD_STYLE = "assets/katalog/kooperationen.css"
STATISTICS_STYLE = "assets/katalog/statistik.css"
# The outline of the states on /statistik/ is drawn into the page; its licence goes beside it.
MAP_LICENCE = "assets/katalog/bundeslaender.LICENSE.txt"


class _Renderer:
    def __init__(self, catalogue: Catalogue, options: SiteOptions) -> None:
        self.catalogue = catalogue
        self.options = options
        self.env = Environment(
            loader=PackageLoader("generator.render", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(formatting.FILTERS)
        self.env.globals.update(
            catalogue=catalogue,
            taxonomy=catalogue.taxonomy,
            status_labels=STATUS_LABELS,
            effort_labels=EFFORT_LABELS,
            kind_labels=KIND_LABELS,
            today=options.today,
            freshness=Freshness(options.today, options.stale_after_months),
            source_url=options.source_url,
            contribution=ContributionLinks(
                options.repo, options.branch, editors_email(options.operator)
            ),
            markdown=render_markdown,
            inline_script=inline_script,
            period=formatting.period,
            # A global, not a render variable: macros imported without context (which Jinja
            # caches) can call it too. Pages are rendered one at a time.
            url=lambda target: relative_url(self.here, target),
        )
        self.here = ""
        self.feeds = feeds.page_feeds(catalogue)  # by page path: the pages that have a feed

    def page(
        self,
        path: str,
        template: str,
        title: str,
        description: str = "",
        in_nav: bool = False,
        **context: object,
    ) -> Page:
        here = page_url(path)
        feed = self.feeds.get(path)

        def render() -> str:
            self.here = here  # read by the template global `url`
            return self.env.get_template(template).render(title=title, feed=feed, **context)

        if feed is None:
            return Page(path, title, description, render, in_nav)
        return Page(path, title, description, render, in_nav, feed.path, feed.title)


# Overview pages: (path, template, title, description, in navigation)
_OVERVIEWS = [
    ("index.md", "home.html", "Bibliotheken inspirieren Bibliotheken",
     "Maßnahmen kleiner Bibliotheken zum Nachmachen – gefiltert nach Thema und "
     "Bibliotheksgröße.", True),
    ("massnahmen/index.md", "measures.html", "Maßnahmen finden",
     "Alle Maßnahmen des Katalogs.", True),
    ("bibliotheken/index.md", "libraries.html", "Bibliotheken",
     "Alle Bibliotheken und Verbünde mit Einwohnern, Fläche und Personal.", True),
    ("themen/index.md", "topics.html", "Themen", "Die Handlungsfelder des Katalogs.", True),
    ("kooperationen/index.md", "collaborations.html", "Kooperationen",
     "Bibliotheken suchen Partner und bieten an, was sie erarbeitet haben – mit passenden "
     "Bibliotheken zu jeder offenen Kooperation.", True),
    ("statistik/index.md", "statistics.html", "Statistik",
     "Wie viele Maßnahmen es je Thema, Bibliotheksgröße, Bundesland, Stand und Jahr gibt – "
     "und wo noch Beispiele fehlen.", True),
    ("daten/index.md", "data.html", "Offene Daten",
     "Alle Maßnahmen und Bibliotheken als JSON und CSV, mit Lizenz, Quellenangabe und "
     "Metadaten nach DCAT-AP.de.", False),
    ("impressum.md", "impressum.html", "Impressum", "Angaben zum Betreiber der Website.", False),
    ("datenschutz.md", "datenschutz.html", "Datenschutzerklärung",
     "Welche Daten beim Besuch dieser Website verarbeitet werden.", False),
    ("barrierefreiheit.md", "barrierefreiheit.html", "Erklärung zur Barrierefreiheit",
     "Wie barrierefrei diese Website ist und wo Sie Barrieren melden.", False),
]  # fmt: skip


def build_pages(
    catalogue: Catalogue,
    options: SiteOptions | None = None,
    search: search_index.SearchDocuments | None = None,
) -> list[Page]:
    """``search``: the index's texts, collected once when ``generated_files`` gets them too."""
    options = options or SiteOptions()
    r = _Renderer(catalogue, options)
    search = search or search_index.collect(catalogue)
    finder_context = _finder_context(catalogue, options, search.version)
    # Asked for by the pages as they are rendered, one at a time (not held for all).
    matching = Matching(catalogue, options.today)
    editors = editors_email(options.operator)
    r.env.globals.update(
        contact_of=lambda measure: contact_for(catalogue, measure, editors),
        collaboration_matches=matching.for_measure,
        library_matches=matching.for_library,
        embed_snippet=lambda library: embed.snippet(catalogue, library, options, r.here),
    )
    collaborations = board.build_board(catalogue, options.today, matching, options.size_classes)
    board_assets = {
        "script_path": BOARD_SCRIPT,
        "style_path": BOARD_STYLE,
        "version": _asset_version("kooperationen.js", "kooperationen.css"),
    }
    numbers = statistics.compute(catalogue, options.size_classes)  # one pass, linear
    data_page = open_data.page_context(catalogue, options)
    statistics_style = (STATISTICS_STYLE, _asset_version("statistik.css"))
    pages = [
        r.page(path, template, title, description, in_nav=in_nav, operator=options.operator,
               finder=finder_context, board=collaborations, board_assets=board_assets,
               statistics=numbers, statistics_style=statistics_style, open_data=data_page)
        for path, template, title, description, in_nav in _OVERVIEWS
    ]  # fmt: skip
    pages += [_measure_page(r, options, m) for m in catalogue.newest_first]
    pages += [
        r.page(f"bibliotheken/{lib.id}.md", "library.html", lib.name, _library_description(lib),
               library=lib,
               totals=formatting.member_totals([catalogue.libraries[m] for m in lib.members])
               if lib.is_network else "")
        for lib in sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    ]  # fmt: skip
    pages += [
        r.page(f"themen/{t.id}.md", "topic.html", t.label, t.description, topic=t)
        for t in catalogue.taxonomy.topics.values()
    ]
    pages += _contribution_pages(r, catalogue, options)
    return pages


def _measure_page(r: _Renderer, options: SiteOptions, measure: Measure) -> Page:
    path = f"massnahmen/{measure.id}.md"
    address = f"{options.site_url.rstrip('/')}/{page_url(path)}" if options.site_url else None
    return r.page(
        path,
        "measure.html",
        measure.title,
        measure.summary,
        measure=measure,
        page_address=address,
    )


def _contribution_pages(r: _Renderer, catalogue: Catalogue, options: SiteOptions) -> list[Page]:
    """The field reference and the submission form below /mitmachen/ (docs/mitmachen.md)."""
    version = _asset_version("einreichen.js", "einreichen.css")
    return [
        r.page("mitmachen/felder.md", "fields.html", "Felder und erlaubte Werte",
               "Alle Felder von Bibliotheksprofil und Maßnahme, erzeugt aus dem Inhaltsmodell.",
               reference=field_reference_html(catalogue.taxonomy)),
        r.page("mitmachen/einreichen.md", "submit.html", "Maßnahme einreichen",
               "Formular: Maßnahme und Bibliotheksprofil eingeben, prüfen und einreichen.",
               submit=submit_form.form_context(catalogue, options.repo, options.branch,
                                               version, operator=options.operator)),
    ]  # fmt: skip


_HEADING = re.compile(r"<h([2-6])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def field_reference_html(taxonomy: Taxonomy) -> str:
    """The field reference of CONTRIBUTING.md as finished HTML for /mitmachen/felder/.

    Generated pages reach the builder after its Markdown pass, so the core renders the
    Markdown itself, with the renderer of contributor text: taxonomy labels are content.
    Tables get a box that scrolls on narrow screens, headings an id to link to.
    """
    body = render_markdown(field_reference(taxonomy))
    seen: set[str] = set()

    def with_id(match: re.Match[str]) -> str:
        # ids from our own heading texts; propose_id keeps only [a-z0-9-] in any case
        base = propose_id(html.unescape(_TAG.sub("", match[2])))
        ident, n = base, 1
        while ident in seen:
            n += 1
            ident = f"{base}-{n}"
        seen.add(ident)
        return f'<h{match[1]} id="{ident}">{match[2]}</h{match[1]}>'

    body = _HEADING.sub(with_id, body)
    return body.replace("<table>", '<div class="bib-table-wrap"><table>').replace(
        "</table>", "</table></div>"
    )


def _library_description(library) -> str:
    kind = KIND_LABELS[library.kind]
    figures = formatting.figures(library)
    return f"{kind}: {library.name}" + (f" ({figures})" if figures else "")


def _asset_version(*names: str) -> str:
    """Content hash of our own assets for their ``?v=`` address: a browser fetches them anew
    exactly when they changed."""
    content = b"".join((ASSETS / name).read_bytes() for name in names)
    return hashlib.sha256(content).hexdigest()[:12]


# Modules not wanted before someone searches: search.js imports them then.
_FINDER_ON_DEMAND = {"search_index.js"}


def _finder_modules() -> list[Path]:
    return sorted((ASSETS / "finder").glob("*.js"))


def _finder_version() -> str:
    """One version for the finder's modules and style: a change to any renews them all."""
    names = [f"finder/{m.name}" for m in _finder_modules()]
    return _asset_version(*names, "finder.css")


def finder_module_folder() -> str:
    """Where the finder's ES modules land (entry ``main.js``): a folder named after their version.

    The modules import each other by relative address, which would drop a
    ``?v=`` query on the entry, so the version is part of every module's path instead: a
    changed module moves them all, and no browser combines a new module with a cached old
    one. (An import map would need an inline script and its hash in the CSP.)"""
    return f"assets/katalog/finder-{_finder_version()}"


def _finder_context(catalogue: Catalogue, options: SiteOptions, index_version: str) -> dict:
    folder = finder_module_folder()
    return {
        "size_filters": finder.size_filters(options.size_classes),
        "data_json": finder.finder_data_json(catalogue, options.today, options.stale_after_months),
        "fresh_label": fresh_label(options.stale_after_months),
        "script_path": f"{folder}/main.js",
        "module_paths": [  # preloaded with the page
            f"{folder}/{m.name}" for m in _finder_modules() if m.name not in _FINDER_ON_DEMAND
        ],
        "style_path": FINDER_STYLE,
        "script_version": _finder_version(),
        "lunr_path": "assets/katalog/lunr.min.js",
        "index_path": SEARCH_INDEX,
        "index_version": index_version,
    }


def generated_files(
    catalogue: Catalogue,
    options: SiteOptions | None = None,
    search: search_index.SearchDocuments | None = None,
) -> list[GeneratedFile]:
    """Files whose content the build computes: the finder's full-text index, the JSON Schema,
    robots.txt, the stylesheet and the finder's modules without their comments."""
    options = options or SiteOptions()
    search = search or search_index.collect(catalogue)
    index = search_index.build_search_index(search, cache_dir=options.cache_dir)
    schemas = [
        GeneratedFile(f"{SCHEMA_DIR}/{name}", text)
        for name, text in schema_texts(catalogue.taxonomy).items()
    ]  # the JSON Schema, identical to the committed schema/ (tests/test_schema_export.py)
    robots = GeneratedFile("robots.txt", robots_txt(options.site_url))
    folder = finder_module_folder()
    modules = [
        GeneratedFile(f"{folder}/{m.name}", _without_comments(m.read_text(encoding="utf-8")))
        for m in _finder_modules()
    ]
    renamed = redirects.redirect_files(catalogue, options)  # the old addresses of renamed entries
    data = open_data.open_data_files(catalogue, options)
    embeds = embed.embed_files(catalogue, options)  # /bibliotheken/<id>/einbetten/
    atom = feeds.feed_files(catalogue, options)  # Atom: /feed.xml, /themen/<id>/feed.xml, …
    return [
        GeneratedFile(SEARCH_INDEX, index.content), *schemas, robots,
        _style_file(STYLESHEET, *_STYLE_SOURCES), _style_file(FINDER_STYLE, "finder.css"),
        *modules, *renamed, *data, *embeds, *atom,
    ]  # fmt: skip


# Comments of our JavaScript that fill whole lines: what the finder's page need not transfer
# (2.4 KB gzip of its budget). A comment after code stays; a block comment is read up to its
# first „*/“, so no code is ever taken with it. Indentation and blank lines go too, and a
# comment after code that has no quote, backtick or slash before it (so the „//“ cannot be
# in a string, a regular expression or a division) and no „*/“ in it: another 1 KB. The
# modules have no template literal or string continued over lines, in which leading blanks
# would count (tests/test_freshness.py checks that).
_JS_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/)[ \t]*\n", re.M)
_JS_INDENT = re.compile(r"^[ \t]+|\n(?=\n)", re.M)
_JS_TRAILING_COMMENT = re.compile(r"^([^\"'`/\n]*?)[ \t]+//(?:(?!\*/)[^\n])*$", re.M)


def _without_comments(script: str) -> str:
    script = _JS_INDENT.sub("", _JS_COMMENT_LINES.sub("", script))
    return _JS_TRAILING_COMMENT.sub(r"\1", script)


def _style_file(path: str, *sources: str) -> GeneratedFile:
    """Our stylesheets ``sources`` as one file at ``path``, without their comments."""
    style = "".join((ASSETS / name).read_text(encoding="utf-8") for name in sources)
    return GeneratedFile(path, _CSS_COMMENT.sub("", style))


def static_files(catalogue: Catalogue, root: Path) -> list[StaticFile]:
    """Material downloads and the catalogue's own scripts and the styles of their pages."""
    files = [StaticFile(path, ASSETS / name) for path, name in FINDER_ASSETS.items()]
    files += [
        StaticFile(submit_form.SCRIPT, ASSETS / "einreichen.js"),
        StaticFile(submit_form.STYLE, ASSETS / "einreichen.css"),
        StaticFile(BOARD_SCRIPT, ASSETS / "kooperationen.js"),
        StaticFile(BOARD_STYLE, ASSETS / "kooperationen.css"),
        StaticFile(STATISTICS_STYLE, ASSETS / "statistik.css"),
        StaticFile(MAP_LICENCE, ASSETS / "bundeslaender.LICENSE"),
    ]
    for measure in catalogue.measures.values():
        files.extend(
            StaticFile(f"massnahmen/{measure.id}/{m.file}", root / "measures" / measure.id / m.file)
            for m in measure.materials
            # checked when loading, but copied later: nothing that became a link meanwhile
            if m.file and plain_file(root, "measures", measure.id, m.file)
        )
    return files


def destination(path: str) -> str:
    """Where a page (``….md``) or file lands in the built site."""
    return page_url(path) + "index.html" if path.endswith(".md") else path


def collisions(paths: list[str]) -> list[str]:
    """German messages for site addresses that more than one page or file would take;
    the build stops on them instead of letting one overwrite the other."""
    seen: dict[str, str] = {}
    messages = []
    for path in paths:
        target = destination(path)
        if target in seen:
            messages.append(
                f"„{path}“ und „{seen[target]}“ ergäben dieselbe Adresse „{target}“ der Website."
            )
        else:
            seen[target] = path
    return messages


def write_pages(
    catalogue: Catalogue, out: Path, root: Path = Path("."), options: SiteOptions | None = None
) -> int:
    """Write the generated pages and files below ``out``; returns how many were written."""
    search = search_index.collect(catalogue)  # for both: gathered and hashed once
    items = build_pages(catalogue, options, search)
    copies = static_files(catalogue, root)
    generated = generated_files(catalogue, options, search)
    clashes = collisions([p.path for p in items] + [f.path for f in (*copies, *generated)])
    if clashes:
        raise SiteError(clashes)
    for page in items:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    for item in copies:
        target = out / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item.source, target)
    for file in generated:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.content, encoding="utf-8")
    return len(items) + len(copies) + len(generated)
