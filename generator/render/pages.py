"""Everything the catalogue adds to a site: pages as Markdown text, material files, styles.

The pages are plain text for any builder; the MkDocs plugin hands them to MkDocs as
generated files, ``write_pages`` writes them to a folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..core.model import EFFORT_LABELS, KIND_LABELS, STATUS_LABELS, Catalogue
from ..index import finder, search_index
from ..load.sourcefile import plain_file
from ..rules.json_schema import SCHEMA_DIR, schema_texts
from ..validate.operator import Operator, placeholder_operator
from . import formatting
from . import submit_page as submit_form
from .contribution_links import ContributionLinks, editors_email
from .field_reference import field_reference
from .markdown import render_markdown
from .security import inline_script

ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/katalog/katalog.css"


@dataclass(frozen=True)
class SiteOptions:
    """What the site needs to know beyond the content."""

    source_url: str | None = None  # base URL of the repository's files (without a repo)
    today: dt.date = field(default_factory=dt.date.today)
    operator: Operator = field(default_factory=placeholder_operator)  # for the legal pages
    size_classes: finder.SizeClasses = field(default_factory=finder.SizeClasses)  # finder
    cache_dir: Path | None = None  # where the search index is kept between builds
    repo: str | None = None  # "owner/name" on GitHub: submission and „Änderung vorschlagen“
    branch: str = "main"  # the branch new files are proposed against


@dataclass(frozen=True)
class Page:
    """A generated page. Its HTML is rendered only when asked for, so that a builder can
    write one page at a time instead of holding thousands in memory."""

    path: str  # e.g. "massnahmen/lesesommer.md"; its URL follows from it
    title: str
    description: str
    render: Callable[[], str] = field(repr=False, compare=False)
    in_nav: bool = False

    @property
    def front_matter(self) -> str:
        # Title and description come from content, and the theme prints page meta into
        # <title>, <meta> and headings without escaping: it gets them as escaped HTML text
        # (tests/test_hostile_content.py). JSON strings are valid YAML scalars.
        title, description = html.escape(self.title), html.escape(self.description)
        return f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n---\n\n"

    @property
    def content(self) -> str:
        """The whole page as a Markdown file with an HTML body, for any builder."""
        return self.front_matter + self.render()


class SiteError(Exception):
    """The pages cannot be written; ``messages`` say why, in German."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class StaticFile:
    path: str  # where it goes in the site
    source: Path


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # where it goes in the site
    content: str


# The finder's files (see generator/index/finder.py and generator/render/assets/finder.js).
FINDER_ASSETS = {
    "assets/katalog/finder.js": "finder.js",
    "assets/katalog/finder.css": "finder.css",
    "assets/katalog/lunr.min.js": "lunr.min.js",
    "assets/katalog/lunr.LICENSE.txt": "lunr.LICENSE",
}
SEARCH_INDEX = "assets/katalog/suchindex.json"


def page_url(path: str) -> str:
    """``massnahmen/x.md`` → ``massnahmen/x/``; ``massnahmen/index.md`` → ``massnahmen/``."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both relative to the site root
    (what ``posixpath.relpath`` gives, a tenth of its time: listings have thousands of links)."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    target = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target


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

        def render() -> str:
            self.here = here  # read by the template global `url`
            return self.env.get_template(template).render(title=title, **context)

        return Page(path, title, description, render, in_nav)


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
    ("impressum.md", "impressum.html", "Impressum", "Angaben zum Betreiber der Website.", False),
    ("datenschutz.md", "datenschutz.html", "Datenschutzerklärung",
     "Welche Daten beim Besuch dieser Website verarbeitet werden.", False),
    ("barrierefreiheit.md", "barrierefreiheit.html", "Erklärung zur Barrierefreiheit",
     "Wie barrierefrei diese Website ist und wo Sie Barrieren melden.", False),
]  # fmt: skip


def build_pages(catalogue: Catalogue, options: SiteOptions | None = None) -> list[Page]:
    options = options or SiteOptions()
    r = _Renderer(catalogue, options)
    finder_context = _finder_context(catalogue, options)
    pages = [
        r.page(path, template, title, description, in_nav=in_nav, operator=options.operator,
               finder=finder_context)
        for path, template, title, description, in_nav in _OVERVIEWS
    ]  # fmt: skip
    pages += [
        r.page(f"massnahmen/{m.id}.md", "measure.html", m.title, m.summary, measure=m)
        for m in catalogue.newest_first
    ]
    pages += [
        r.page(f"bibliotheken/{lib.id}.md", "library.html", lib.name, _library_description(lib),
               library=lib)
        for lib in sorted(catalogue.libraries.values(), key=lambda lib: lib.id)
    ]  # fmt: skip
    pages += [
        r.page(f"themen/{t.id}.md", "topic.html", t.label, t.description, topic=t)
        for t in catalogue.taxonomy.topics.values()
    ]
    pages += _contribution_pages(r, catalogue, options)
    return pages


def _contribution_pages(r: _Renderer, catalogue: Catalogue, options: SiteOptions) -> list[Page]:
    """The field reference and the submission form below /mitmachen/ (docs/mitmachen.md)."""
    version = _asset_version("einreichen.js", "einreichen.css")
    return [
        r.page("mitmachen/felder.md", "fields.html", "Felder und erlaubte Werte",
               "Alle Felder von Bibliotheksprofil und Maßnahme, erzeugt aus dem Inhaltsmodell.",
               reference=field_reference(catalogue.taxonomy)),
        r.page("mitmachen/einreichen.md", "submit.html", "Maßnahme einreichen",
               "Formular: Maßnahme und Bibliotheksprofil eingeben, prüfen und einreichen.",
               submit=submit_form.form_context(catalogue, options.repo, options.branch,
                                               version, operator=options.operator)),
    ]  # fmt: skip


def _library_description(library) -> str:
    kind = KIND_LABELS[library.kind]
    figures = formatting.figures(library)
    return f"{kind}: {library.name}" + (f" ({figures})" if figures else "")


def _asset_version(*names: str) -> str:
    """Content hash of our own assets for their ``?v=`` address: a browser fetches them anew
    exactly when they changed."""
    content = b"".join((ASSETS / name).read_bytes() for name in names)
    return hashlib.sha256(content).hexdigest()[:12]


def _finder_context(catalogue: Catalogue, options: SiteOptions) -> dict:
    return {
        "size_filters": finder.size_filters(options.size_classes),
        "data_json": finder.finder_data_json(catalogue, options.today),
        "script_path": "assets/katalog/finder.js",
        "style_path": "assets/katalog/finder.css",
        "script_version": _asset_version("finder.js", "finder.css"),
        "lunr_path": "assets/katalog/lunr.min.js",
        "index_path": SEARCH_INDEX,
        "index_version": search_index.search_index_version(catalogue),
    }


def generated_files(
    catalogue: Catalogue, options: SiteOptions | None = None
) -> list[GeneratedFile]:
    """Files whose content the build computes: the finder's full-text index and the JSON Schema."""
    options = options or SiteOptions()
    index = search_index.build_search_index(catalogue, cache_dir=options.cache_dir)
    schemas = [
        GeneratedFile(f"{SCHEMA_DIR}/{name}", text)
        for name, text in schema_texts(catalogue.taxonomy).items()
    ]  # the JSON Schema, identical to the committed schema/ (tests/test_schema_export.py)
    return [GeneratedFile(SEARCH_INDEX, index.content), *schemas]


def static_files(catalogue: Catalogue, root: Path) -> list[StaticFile]:
    """Material downloads and the catalogue's own styles and scripts."""
    files = [StaticFile(STYLESHEET, ASSETS / "katalog.css")]
    files += [StaticFile(path, ASSETS / name) for path, name in FINDER_ASSETS.items()]
    files += [
        StaticFile(submit_form.SCRIPT, ASSETS / "einreichen.js"),
        StaticFile(submit_form.STYLE, ASSETS / "einreichen.css"),
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
    items = build_pages(catalogue, options)
    copies = static_files(catalogue, root)
    generated = generated_files(catalogue, options)
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
