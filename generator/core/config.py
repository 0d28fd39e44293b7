"""The catalogue's configuration, typed, read by the core itself from ``mkdocs.yml``: its
``site_url`` and the options of the ``catalogue`` plugin block.

The command line (``catalogue pages``, issue forms, the publication check) reads the file
with :func:`read_site_config`; the MkDocs plugin hands the options MkDocs parsed to
:meth:`SiteConfig.from_options`. Both get the same configuration, checked the same way."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SizeClasses:
    """Upper bounds of the quick size classes, per figure (configurable in mkdocs.yml)."""

    population: tuple[float, ...] = (5000, 10000, 20000, 50000, 100000)
    area: tuple[float, ...] = (100, 300, 600, 1000, 3000)
    staff: tuple[float, ...] = (0, 1, 2, 5, 10, 20)

    @classmethod
    def from_config(cls, values: dict | None) -> SizeClasses:
        """Classes from plain config values; raises ValueError with a German message."""
        default = cls()
        values = values or {}
        unknown = sorted(set(values) - {"population", "area", "staff"})
        if unknown:
            raise ValueError(
                f"size_classes: unbekannter Schlüssel „{unknown[0]}“; "
                "erlaubt sind population, area, staff."
            )
        result = {}
        for key in ("population", "area", "staff"):
            bounds = values.get(key)
            if bounds is None:
                result[key] = getattr(default, key)
                continue
            if (
                not isinstance(bounds, list | tuple)
                or not bounds
                or any(isinstance(b, bool) or not isinstance(b, int | float) for b in bounds)
            ):
                raise ValueError(f"size_classes.{key}: bitte eine Liste von Zahlen angeben.")
            if any(b < 0 for b in bounds) or any(a >= b for a, b in itertools.pairwise(bounds)):
                raise ValueError(
                    f"size_classes.{key}: die Grenzen müssen aufsteigen und ≥ 0 sein, "
                    f"gefunden: {list(bounds)}."
                )
            result[key] = tuple(bounds)
        return cls(**result)

    def of(self, attribute: str) -> tuple[float, ...]:
        """The bounds for a figure of the profile (``population``, ``area_m2``, ``staff_fte``)."""
        return {"population": self.population, "area_m2": self.area, "staff_fte": self.staff}[
            attribute
        ]


class ConfigError(ValueError):
    """A value of the configuration is unusable; the message is German and names the key."""


@dataclass(frozen=True)
class SiteConfig:
    """What ``mkdocs.yml`` says about the published catalogue."""

    site_url: str | None = None  # with ``!ENV [SITE_URL, …]`` resolved
    site_url_from_env: bool = False  # whether SITE_URL set it (not the file's default)
    site_url_in_file: str | None = None  # written as such, not through ``!ENV``
    repo: str | None = None  # "owner/name" on GitHub
    branch: str = "main"  # the branch new files are proposed against
    source_url: str | None = None  # where the repository's files can be read (without repo)
    size_classes: SizeClasses = field(default_factory=SizeClasses)
    search_index_cache: bool = True  # keep the search index in the user's cache folder
    stale_after_months: int = 24  # a measure not checked for longer counts as stale
    licence: str = "CC BY 4.0"  # of the open data, named in every export
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.de"
    lines: dict[str, int] = field(default_factory=dict)  # key → line in mkdocs.yml

    @classmethod
    def from_options(cls, options: dict[str, Any], site_url: Any = None, **kw: Any) -> SiteConfig:
        """The configuration from the plugin block's options; raises :class:`ConfigError`."""
        unknown = sorted(set(options) - _OPTIONS)
        if unknown:
            raise ConfigError(
                f"catalogue: unbekannte Einstellung „{unknown[0]}“; erlaubt sind "
                f"{', '.join(sorted(_OPTIONS))}."
            )
        for key in ("repo", "branch", "source_url", "licence", "licence_url"):
            if options.get(key) is not None and not isinstance(options[key], str):
                raise ConfigError(f"catalogue: „{key}“ muss ein Text sein.")
        months = options.get("stale_after_months", 24)
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 600:
            raise ConfigError(
                "catalogue: „stale_after_months“ muss eine ganze Zahl von Monaten sein "
                "(1 bis 600), z. B. 24."
            )
        try:
            size_classes = SizeClasses.from_config(options.get("size_classes"))
        except ValueError as error:
            raise ConfigError(f"catalogue: {error}") from error
        return cls(
            site_url=site_url if isinstance(site_url, str) else None,
            repo=options.get("repo"),
            branch=options.get("branch") or "main",
            source_url=options.get("source_url"),
            size_classes=size_classes,
            search_index_cache=options.get("search_index_cache", True) is not False,
            stale_after_months=months,
            licence=options.get("licence") or cls.licence,
            licence_url=options.get("licence_url") or cls.licence_url,
            **kw,
        )


# The options of the ``catalogue`` block (``root`` is the plugin's own: MkDocs resolves it).
_OPTIONS = {
    "root", "repo", "branch", "source_url", "size_classes", "search_index_cache",
    "stale_after_months", "licence", "licence_url",
}  # fmt: skip


class _Loader(yaml.SafeLoader):
    """mkdocs.yml carries tags such as ``!ENV``; others are read as absent."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
        loader.construct_scalar(node)
    ]  # fmt: skip
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if isinstance(name, str) and os.environ.get(name):
            return _FromEnv(os.environ[name])
    return _Default(default) if isinstance(default, str) else default


class _FromEnv(str):
    """A value taken from the environment (so the check can tell it from the default)."""


class _Default(str):
    """The default of an ``!ENV`` tag."""


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_site_config(root: Path) -> SiteConfig | None:
    """The configuration in ``root/mkdocs.yml``; ``None`` if there is none or it is unreadable.
    Raises :class:`ConfigError` for an unusable option."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        config = yaml.load(text, Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(config, dict):
        return None
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("catalogue"), dict):
            options = plugin["catalogue"]
    url = config.get("site_url")
    return SiteConfig.from_options(
        options,
        url,
        site_url_from_env=isinstance(url, _FromEnv),
        site_url_in_file=url if type(url) is str else None,
        lines=_lines(node),
    )


def _lines(node: yaml.Node | None) -> dict[str, int]:
    """Lines of ``site_url`` and of the plugin's ``repo``, for messages that point there."""
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        if key.value == "site_url":
            lines["site_url"] = key.start_mark.line + 1
        if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if not isinstance(item, yaml.MappingNode):
                    continue
                for name, options in item.value:
                    if name.value == "catalogue" and isinstance(options, yaml.MappingNode):
                        lines["plugin"] = name.start_mark.line + 1
                        for option, _ in options.value:
                            lines[option.value] = option.start_mark.line + 1
    return lines


def guide_url(root: Path) -> str | None:
    """Where contributors find the guide: ``site_url`` of mkdocs.yml plus ``mitmachen/``, or
    CONTRIBUTING.md in the repository named by the plugin's ``repo`` option."""
    config = read_site_config(root)
    if config is None:
        return None
    # Only an address written in the file: the committed forms must not depend on SITE_URL.
    if config.site_url_in_file and config.site_url_in_file.startswith("https://"):
        return config.site_url_in_file.rstrip("/") + "/mitmachen/"
    if config.repo:
        return f"https://github.com/{config.repo}/blob/{config.branch}/CONTRIBUTING.md"
    return None
