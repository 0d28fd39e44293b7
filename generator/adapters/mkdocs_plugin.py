"""The MkDocs adapter: runs the core and hands its pages and files to MkDocs.

Everything else lives in the core; this module only translates. ProperDocs, MkDocs' fork,
runs it unchanged: it finds the plugin under the entry point group ``mkdocs.plugins`` and
answers every ``mkdocs.*`` import with its own ``properdocs.*`` module (docs/builders.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from ..core.config import ConfigError, SiteConfig
from ..core.model import Catalogue
from ..index import search_index
from ..publish import site_swap
from ..render.pages import (
    STYLESHEET,
    Page,
    SiteOptions,
    build_pages,
    collisions,
    generated_files,
    static_files,
)
from ..render.security import add_security_meta
from ..render.site import LazyFile
from ..validate.catalogue import load_catalogue
from ..validate.operator import Operator

log = logging.getLogger("mkdocs.plugins.catalogue")
# Stand-ins for a page's content until on_post_page. The "<h1" in the first keeps the theme
# from adding a title of its own (generated pages bring their h1).
_PLACEHOLDER = "<!-- catalogue page: <h1> follows -->"
_PLACEHOLDER_NO_H1 = "<!-- catalogue page content -->"


class CatalogueConfig(base.Config):
    """The plugin's options under ``plugins: - catalogue:`` in mkdocs.yml."""

    root = opt.Optional(opt.Dir(exists=True))
    """Folder holding ``measures/`` and ``libraries/``; default: the folder of mkdocs.yml."""

    source_url = opt.Optional(opt.Type(str))
    """Base URL under which the repository's files can be read, for the „Quelle“ links."""

    size_classes = opt.Type(dict, default={})
    """The finder's quick size classes: ascending upper bounds per figure, e.g.
    ``population: [5000, 10000, 20000, 50000, 100000]``; keys population, area, staff."""

    search_index_cache = opt.Type(bool, default=True)
    """Keep the full-text index in the user's cache folder (``$XDG_CACHE_HOME`` or
    ``~/.cache``, ``bib-katalog/``, next to the validation cache; never in the repository)
    and rebuild it only when the text of the measures changed."""

    repo = opt.Optional(opt.Type(str))
    """The repository on GitHub as ``owner/name``: the submission form links to its
    "new file" page and issue forms. Without it the form only offers copy and download."""

    branch = opt.Type(str, default="main")
    """The branch that new files are proposed against."""

    stale_after_months = opt.Type(int, default=24)
    """A measure whose last check (``reviewed``, else ``published``) lies longer before the
    build date counts as stale."""

    licence = opt.Type(str, default="CC BY 4.0")
    """The licence of the open data (/daten/), named in every export."""

    licence_url = opt.Type(str, default="https://creativecommons.org/licenses/by/4.0/deed.de")
    """Where the licence's text is."""


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    """The core in MkDocs: validates, adds the generated pages, fills them in, swaps the site."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.operator: Operator | None = None
        self.site_config = SiteConfig()
        self.pages: dict[str, Page] = {}
        self.contents: dict[str, str] = {}  # HTML of the Markdown pages in docs/
        self.lazy: list[LazyFile] = []  # written by us after the pages, one at a time
        self.command = "build"
        # A build goes to ``staging`` and replaces ``published_site`` once it succeeded.
        self.published_site: Path | None = None
        self.staging: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError(
                "catalogue: Die Adressen des Katalogs brauchen use_directory_urls: true."
            )
        config.extra_css.append(STYLESHEET)
        options = {key: value for key, value in self.config.items() if key != "root"}
        try:  # the core checks and types the options, as it does for the command line
            self.site_config = SiteConfig.from_options(options, config.site_url)
        except ConfigError as error:
            raise PluginError(str(error)) from error
        root = self._root(config)
        for folder in ("measures", "libraries"):
            if str(root / folder) not in config.watch:
                config.watch.append(str(root / folder))
        if self.command != "serve":  # serve builds into a temporary folder of its own
            self.published_site = Path(config.site_dir)
            self.staging = site_swap.staging_folder(self.published_site)
            config.site_dir = str(self.staging)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site/: invalid content leaves the last good site in place.
        result = load_catalogue(self._root(config))
        for problem in result.problems.warnings:
            # Content warnings are advice to contributors, not build problems: they must
            # not fail `mkdocs build --strict`.
            log.info(problem.text())
        if result.catalogue is None:
            lines = "\n".join(p.text() for p in result.problems.errors)
            count = len(result.problems.errors)
            raise PluginError(f"Der Katalog enthält {count} Fehler:\n{lines}")
        self.catalogue = result.catalogue
        self.operator = result.operator

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None
        from ..validate.cache import cache_folder  # never in the repository: see there

        cache = cache_folder(self._root(config))
        options = SiteOptions.from_config(self.site_config, self.operator, cache)
        # MkDocs gets only each page's front matter; the HTML is rendered while the page is
        # written (on_post_page): no Markdown pass over ready HTML, one page in memory at a time.
        search = search_index.collect(self.catalogue)  # pages need its version, the file its index
        self.pages = {page.path: page for page in build_pages(self.catalogue, options, search)}
        extra = generated_files(self.catalogue, options, search)
        statics = static_files(self.catalogue, self._root(config))
        own = [*self.pages, *(f.path for f in (*extra, *statics))]
        # MkDocs would let a later file silently replace one of docs/ with the same address.
        clashes = collisions([f.src_uri for f in files] + own)
        if clashes:
            raise PluginError("Seiten überschneiden sich:\n" + "\n".join(clashes))
        for page in self.pages.values():
            file = File.generated(
                config,
                page.path,
                content=page.front_matter,
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            file.generated_by = "catalogue"
            files.append(file)
        self.lazy = [f for f in extra if isinstance(f, LazyFile)]
        for generated in extra:
            if isinstance(generated, LazyFile):
                continue  # MkDocs would hold every one in memory until the end
            file = File.generated(config, generated.path, content=generated.content)
            file.generated_by = "catalogue"
            files.append(file)
        for item in statics:
            file = File.generated(config, item.path, abs_src_path=str(item.source))
            file.generated_by = "catalogue"
            files.append(file)
        return files

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        # Every page is laid out by the theme around a stand-in: the page without content
        # shows which inline scripts are the theme's (security.py).
        if page.file.src_uri in self.pages:
            return _PLACEHOLDER
        self.contents[page.file.src_uri] = html
        return _PLACEHOLDER if "<h1" in html else _PLACEHOLDER_NO_H1

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            placeholder, content = _PLACEHOLDER, generated.render()
        else:
            content = self.contents.pop(page.file.src_uri)
            placeholder = _PLACEHOLDER if "<h1" in content else _PLACEHOLDER_NO_H1
        page_html = output.replace(placeholder, content, 1)
        return add_security_meta(page_html, shell=output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return add_security_meta(output) if template_name.endswith(".html") else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)  # the staging folder (or serve's own), not yet published
        for lazy in self.lazy:
            target = site / lazy.path  # a path of ours (collisions checked in on_files)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(lazy.content, encoding="utf-8")
        self.lazy = []
        if self.staging is None or self.published_site is None:
            return
        config.site_dir = str(self.published_site)  # for gh-deploy and later plugins
        if config.strict and _warnings_counted():
            # MkDocs fails a strict build with warnings only after this event.
            site_swap.discard(self.staging)
        else:
            site_swap.publish(self.staging, self.published_site)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging is not None:
            site_swap.discard(self.staging)
            self.staging = None


def _warnings_counted() -> bool:
    """Whether the builder has counted warnings in this build (its strict mode fails then).
    MkDocs counts on its logger ``mkdocs``, ProperDocs on ``properdocs`` (it serves the
    ``mkdocs.*`` imports above from its own modules, ``CountHandler`` included)."""
    handlers = [h for name in ("mkdocs", "properdocs") for h in logging.getLogger(name).handlers]
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)
