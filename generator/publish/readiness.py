"""``catalogue validate --production``: what a publication needs beyond valid content, as far
as it can be checked offline. Each problem says what to do (the steps are in
docs/einrichten.md, „Katalog für Ihren Verband einrichten“)."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..contribute import sample
from ..contribute.issue_forms import stale_issue_form_files
from ..core.config import CONFIG_FILE, read_site_config
from ..core.model import Taxonomy
from ..core.problems import Problems
from ..rules.german import count
from ..validate.operator import PLACEHOLDER

_EXAMPLE_REPO = "beispiel-organisation/"
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
_LOCAL_HOSTS = {"localhost", "localhost.localdomain", ""}


def publication_problems(root: Path, taxonomy: Taxonomy | None, problems: Problems) -> None:
    """Add every reason not to publish yet (``betreiber.yml`` is checked by its loader)."""
    _check_site_config(root, problems)
    left = sample.present(root, sample.sample_entries(root, problems))
    if left:
        first = left[0]
        problems.error(
            sample.SAMPLE_FILE,
            first.line,
            f"Der Beispielkatalog ist noch da ({count(len(left), 'Eintrag', 'Einträge')}, "
            f"z. B. {first.path}). Vor der Veröffentlichung „catalogue remove-sample“ "
            "ausführen; einen Eintrag, den Sie behalten, hier aus der Liste löschen.",
        )
    if taxonomy is not None:
        _check_issue_forms(root, taxonomy, problems)


def _check_site_config(root: Path, problems: Problems) -> None:
    config = read_site_config(root)
    if config is None:
        problems.error(CONFIG_FILE, 1, "Die Datei fehlt oder ist kein gültiges YAML.")
        return
    line = config.lines.get("repo") or config.lines.get("plugin") or 1
    if not config.repo:
        problems.error(
            CONFIG_FILE,
            line,
            "Beim Plugin „catalogue“ fehlt „repo“: bitte Ihr Repository auf GitHub als "
            "Besitzer/Name eintragen, z. B. „fachstelle-beispiel/massnahmenkatalog“.",
        )
    elif _EXAMPLE_REPO in config.repo or PLACEHOLDER in config.repo:
        problems.error(
            CONFIG_FILE,
            line,
            f"„repo“ nennt noch das Beispiel „{config.repo}“: bitte Ihr Repository als "
            "Besitzer/Name eintragen und danach „catalogue issue-forms“ ausführen.",
        )
    elif not _REPO.match(config.repo):
        problems.error(
            CONFIG_FILE,
            line,
            f"„repo“ muss die Form Besitzer/Name haben (wie in github.com/Besitzer/Name), "
            f"gefunden: „{config.repo}“.",
        )
    line = config.lines.get("site_url", 1)
    reason = _not_public(config.site_url or "")
    if not config.site_url_from_env and reason is not None:
        problems.error(
            CONFIG_FILE,
            line,
            "Die Webadresse der Website fehlt: bitte die Umgebungsvariable SITE_URL setzen "
            "(im Repository unter Settings → Secrets and variables → Actions → Variables, "
            "z. B. https://katalog.fachstelle-beispiel.de/). Ohne sie zeigen Sitemap, "
            "kanonische Adressen und Vorschauen beim Teilen auf diesen Rechner.",
        )
    elif reason is not None:
        problems.error(
            CONFIG_FILE,
            line,
            f"SITE_URL „{config.site_url}“ ist keine öffentliche Webadresse ({reason}); "
            "bitte die Adresse eintragen, unter der die Website erscheint.",
        )


def _not_public(url: str) -> str | None:
    """Why ``url`` is no public address of a website, or ``None``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "sie muss mit https:// beginnen"
    host = parts.hostname.lower()
    if host in _LOCAL_HOSTS or host.endswith((".local", ".localhost", ".example", ".test")):
        return "ein lokaler oder Beispiel-Name"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None if "." in host else "kein vollständiger Name"
    if address.is_loopback or address.is_private or address.is_unspecified:
        return "eine Adresse dieses Rechners oder eines internen Netzes"
    return None


def _check_issue_forms(root: Path, taxonomy: Taxonomy, problems: Problems) -> None:
    for rel, _, current in stale_issue_form_files(root, taxonomy):
        what = "fehlt" if current is None else "passt nicht zu repo und Vokabular"
        problems.error(rel, 1, f"Die Datei {what}: bitte „catalogue issue-forms“ ausführen.")
