"""``catalogue stale``: the stale measures as Markdown, the body of the monthly issue.

Exit status 0 with a list or without (then a friendly line); 1 for content errors, 2 for a
bad date."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..contribute.stale_list import stale_markdown
from ..core.config import SiteConfig, read_site_config
from ..render.contribution_links import ContributionLinks, editors_email
from ..rules.german import count
from ..validate.catalogue import load_catalogue


def add_stale_command(commands: Any) -> None:
    """Register ``catalogue stale`` beside the other commands."""
    stale = commands.add_parser(
        "stale", help="Maßnahmen, die lange nicht geprüft wurden, als Markdown (Text eines Issues)"
    )
    stale.add_argument(
        "root", nargs="?", default=".", help="Ordner mit measures/ und libraries/ (Vorgabe: .)"
    )
    stale.add_argument("--today", help="Stichtag JJJJ-MM-TT (Vorgabe: heute)")
    stale.set_defaults(run=run_stale)


def run_stale(args: argparse.Namespace) -> int:
    """Print the list (or the friendly line); the catalogue must be valid."""
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"catalogue: „{args.today}“ ist kein Datum der Form JJJJ-MM-TT.", file=sys.stderr)
        return 2
    root = Path(args.root)
    result = load_catalogue(root)
    if result.catalogue is None or result.problems.errors:
        for problem in result.problems.sorted():
            print(problem.text(), file=sys.stderr)
        errors = len(result.problems.errors)
        print(f"{count(errors, 'Fehler', 'Fehler')} – bitte zuerst korrigieren.", file=sys.stderr)
        return 1
    config = read_site_config(root) or SiteConfig()
    links = ContributionLinks(config.repo, config.branch, editors_email(result.operator))
    text = stale_markdown(
        result.catalogue, today, config.stale_after_months, links, config.site_url
    )
    sys.stdout.write(text)
    return 0
