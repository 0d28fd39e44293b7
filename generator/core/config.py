"""The catalogue's site configuration, read by the core itself from ``mkdocs.yml``: the
``site_url`` and the options of the ``catalogue`` plugin block. Commands that need them
(issue forms, the publication check) do not need MkDocs to run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    """What ``mkdocs.yml`` says about the published catalogue."""

    site_url: str | None = None  # with ``!ENV [SITE_URL, …]`` resolved
    site_url_from_env: bool = False  # whether SITE_URL set it (not the file's default)
    site_url_in_file: str | None = None  # written as such, not through ``!ENV``
    repo: str | None = None  # "owner/name" on GitHub
    branch: str = "main"
    size_classes: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key → line in mkdocs.yml


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
    """The configuration in ``root/mkdocs.yml``; ``None`` if there is none or it is unreadable."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        config = yaml.load(text, Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(config, dict):
        return None
    lines = _lines(node)
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("catalogue"), dict):
            options = plugin["catalogue"]
    url = config.get("site_url")
    return SiteConfig(
        site_url=url if isinstance(url, str) else None,
        site_url_from_env=isinstance(url, _FromEnv),
        site_url_in_file=url if type(url) is str else None,
        repo=options.get("repo") if isinstance(options.get("repo"), str) else None,
        branch=options.get("branch") if isinstance(options.get("branch"), str) else "main",
        size_classes=options.get("size_classes") or {},
        lines=lines,
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
