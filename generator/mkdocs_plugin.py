"""The MkDocs adapter: runs the core and hands its pages and files to MkDocs.

Everything else lives in the core; this module only translates.
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

from .finder import SizeClasses
from .legal import Operator
from .loading import load_catalogue
from .model import Catalogue
from .security import add_security_meta, robots_txt
from .site import STYLESHEET, Page, SiteOptions, build_pages, generated_files, static_files

log = logging.getLogger("mkdocs.plugins.catalogue")
_PLACEHOLDER = "<!-- catalogue page: <h1> follows -->"


class CatalogueConfig(base.Config):
    root = opt.Optional(opt.Dir(exists=True))
    """Folder holding ``measures/`` and ``libraries/``; default: the folder of mkdocs.yml."""

    source_url = opt.Optional(opt.Type(str))
    """Base URL under which the repository's files can be read, for the „Quelle“ links."""

    size_classes = opt.Type(dict, default={})
    """The finder's quick size classes: ascending upper bounds per figure, e.g.
    ``population: [5000, 10000, 20000, 50000, 100000]``; keys population, area, staff."""

    search_index_cache = opt.Type(bool, default=True)
    """Keep the full-text index in ``.cache/catalogue/`` and rebuild it only when the text
    of the measures changed."""

    repo = opt.Optional(opt.Type(str))
    """The repository on GitHub as ``owner/name``: the submission form links to its
    "new file" page and issue forms. Without it the form only offers copy and download."""

    branch = opt.Type(str, default="main")
    """The branch that new files are proposed against."""


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.operator: Operator | None = None
        self.size_classes = SizeClasses()
        self.pages: dict[str, Page] = {}

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError(
                "catalogue: Die Adressen des Katalogs brauchen use_directory_urls: true."
            )
        config.extra_css.append(STYLESHEET)
        try:
            self.size_classes = SizeClasses.from_config(self.config.size_classes)
        except ValueError as error:
            raise PluginError(f"catalogue: {error}") from error
        root = self._root(config)
        for folder in ("measures", "libraries"):
            if str(root / folder) not in config.watch:
                config.watch.append(str(root / folder))
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
        cache = self._root(config) / ".cache" / "catalogue"
        options = SiteOptions(
            source_url=self.config.source_url,
            operator=self.operator,
            size_classes=self.size_classes,
            cache_dir=cache if self.config.search_index_cache else None,
            repo=self.config.repo,
            branch=self.config.branch,
        )
        # MkDocs gets only each page's front matter; the HTML is rendered while the page is
        # written (on_post_page): no Markdown pass over ready HTML, one page in memory at a time.
        self.pages = {page.path: page for page in build_pages(self.catalogue, options)}
        for page in self.pages.values():
            file = File.generated(
                config,
                page.path,
                content=page.front_matter,
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            file.generated_by = "catalogue"
            files.append(file)
        robots = File.generated(config, "robots.txt", content=robots_txt(config.site_url))
        robots.generated_by = "catalogue"
        files.append(robots)
        for generated in generated_files(self.catalogue, options):
            file = File.generated(config, generated.path, content=generated.content)
            file.generated_by = "catalogue"
            files.append(file)
        for item in static_files(self.catalogue, self._root(config)):
            file = File.generated(config, item.path, abs_src_path=str(item.source))
            file.generated_by = "catalogue"
            files.append(file)
        return files

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.pages:
            # A stand-in until on_post_page; the "<h1" in it keeps the theme from adding a
            # title of its own (the page brings its h1).
            return _PLACEHOLDER
        return html

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            output = output.replace(_PLACEHOLDER, generated.render(), 1)
        return add_security_meta(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return add_security_meta(output) if template_name.endswith(".html") else output
