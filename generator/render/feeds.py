"""Atom 1.0 feeds (RFC 4287) of new measures: the whole catalogue (``/feed.xml``), the
collaborations (``/kooperationen/feed.xml``), each topic (``/themen/<id>/feed.xml``) and each
library or network (``/bibliotheken/<id>/feed.xml``).

Raw files, not theme pages. The feeds are grouped in one pass over the measures, each holds
the newest ``MAX_ENTRIES`` only, and an entry is serialised once however many feeds carry it:
the work stays linear in the catalogue. Every entry links to its page the same way in every
feed: absolute with ``site_url``, else relative to the site root, which the feed names as its
``xml:base`` relative to the feed's own address (RFC 4287 §2, RFC 3986 §5.1.3).

Content is hostile: ElementTree escapes ``&``, ``<``, ``>`` and quotes (so ``]]>`` and
``<script>`` stay text), and characters that XML 1.0 cannot carry at all (control
characters, unpaired surrogates, U+FFFE/U+FFFF) are dropped before.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import partial

from ..core.model import Catalogue, Measure
from .open_data import CATALOGUE_NAME
from .site import LazyFile, SiteOptions, page_url, relative_url

FEED_NAME = "feed.xml"
MAX_ENTRIES = 50  # per feed: a reader wants what is new, and 10,000 measures stay small
ATOM = "http://www.w3.org/2005/Atom"
_XML = "{http://www.w3.org/XML/1998/namespace}"
# What XML 1.0 allows (its production Char); anything else would make the feed ill-formed.
# DEL and the C1 controls (but NEL) are allowed yet discouraged (XML 1.0 §2.2): dropped too.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Stable ids: urn:uuid (RFC 4122 version 5) of a name made of the measure's (or the feed's)
# id, not of an address. They survive a rebuild and a move of the site to another address,
# which an http id would not; a tag: URI would need a domain or e-mail address the catalogue
# may not have. The same id in two catalogues gives the same name, so the repository (owner
# and name on GitHub), when configured, is part of it.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:bib-katalog:atom")


@dataclass(frozen=True)
class Feed:
    """One feed: where it is, the page it belongs to and what a reader sees as its name."""

    path: str  # in the site, e.g. "themen/lesefoerderung/feed.xml"
    page: str  # the page's source path, e.g. "themen/lesefoerderung.md"
    title: str
    measures: list[Measure] = field(default_factory=list, repr=False, compare=False)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def _feed_of(page: str, title: str, measures: list[Measure]) -> Feed:
    return Feed(page_url(page) + FEED_NAME, page, f"{title} – {CATALOGUE_NAME}", measures)


def _newest(measures) -> list[Measure]:
    return list(itertools.islice(measures, MAX_ENTRIES))


def _merge_newest(lists: list[list[Measure]]) -> list[Measure]:
    """The newest of several newest-first lists, each measure once (a network and its member
    may both name it)."""
    seen: set[str] = set()
    merged = heapq.merge(*lists, key=lambda m: (m.published, m.id), reverse=True)
    unique = (m for m in merged if not (m.id in seen or seen.add(m.id)))
    return _newest(unique)


def catalogue_feeds(catalogue: Catalogue) -> list[Feed]:
    """Every feed of the catalogue with its newest measures, grouped in one pass."""
    newest = catalogue.newest_first
    by_topic: dict[str, list[Measure]] = {t: [] for t in catalogue.taxonomy.topics}
    for measure in newest:
        for topic in measure.topics:
            entries = by_topic.get(topic)
            if entries is not None and len(entries) < MAX_ENTRIES:
                entries.append(measure)
    feeds = [
        _feed_of("index.md", "Neue Maßnahmen", _newest(newest)),
        _feed_of(
            "kooperationen/index.md",
            "Kooperationen",
            _newest(m for m in newest if m.collaboration is not None),
        ),
    ]
    feeds += [
        _feed_of(f"themen/{t.id}.md", f"Thema {t.label}", by_topic[t.id])
        for t in catalogue.taxonomy.topics.values()
    ]
    for library in sorted(catalogue.libraries.values(), key=lambda lib: lib.id):
        # As its page: a library's own measures and those of its networks; a network's own
        # and those of its members.
        others = (
            library.members
            if library.is_network
            else [n.id for n in catalogue.networks_of(library.id)]
        )
        lists = [catalogue.own_measures(i) for i in [library.id, *others]]
        feeds.append(_feed_of(f"bibliotheken/{library.id}.md", library.name, _merge_newest(lists)))
    return feeds


def page_feeds(catalogue: Catalogue) -> dict[str, Feed]:
    """The feed of each page that has one, by the page's source path."""
    return {feed.page: feed for feed in catalogue_feeds(catalogue)}


def _rfc3339(day: dt.date) -> str:
    # Measures carry days, not times: the start of the day in UTC.
    return f"{day.isoformat()}T00:00:00Z"


def updated(measure: Measure) -> dt.date:
    """When a measure last changed as far as the catalogue knows: reviewed, else published."""
    return measure.reviewed or measure.published


class _Writer:
    def __init__(self, catalogue: Catalogue, options: SiteOptions) -> None:
        self.catalogue = catalogue
        self.root = options.site_url.rstrip("/") + "/" if options.site_url else None
        self.scope = f"{options.repo}:" if options.repo else ""
        self.entries: dict[str, str] = {}  # serialised once per measure
        dates = [updated(m) for m in catalogue.measures.values()]
        # A feed without entries still needs its `updated`: the catalogue's last change.
        self.fallback = max(dates, default=options.today)

    def urn(self, name: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, self.scope + name)}"

    def href(self, target: str) -> str:
        """A link to ``target`` (relative to the site root) as every feed writes it."""
        return self.root + target if self.root else target or "./"

    def entry(self, measure: Measure) -> str:
        text = self.entries.get(measure.id)
        if text is None:
            text = ET.tostring(self._entry(measure), encoding="unicode")
            self.entries[measure.id] = text
        return text

    def _entry(self, measure: Measure) -> ET.Element:
        entry = ET.Element("entry")
        _sub(entry, "id", self.urn(f"massnahme/{measure.id}"))
        _sub(entry, "title", xml_text(measure.title), type="text")
        ET.SubElement(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=self.href(f"massnahmen/{measure.id}/"),
        )
        _sub(entry, "published", _rfc3339(measure.published))
        _sub(entry, "updated", _rfc3339(updated(measure)))
        for library_id in measure.libraries:
            author = ET.SubElement(entry, "author")
            _sub(author, "name", xml_text(self.catalogue.libraries[library_id].name))
            _sub(author, "uri", self.href(f"bibliotheken/{library_id}/"))
        topics = self.catalogue.taxonomy.topics
        for topic_id in measure.topics:
            label = topics[topic_id].label if topic_id in topics else topic_id
            ET.SubElement(
                entry,
                "category",
                term=topic_id,
                label=xml_text(label),
                scheme=self.href("themen/"),
            )
        _sub(entry, "summary", xml_text(measure.summary), type="text")
        return entry

    def feed(self, feed: Feed) -> str:
        root = ET.Element("feed", xmlns=ATOM)
        root.set(f"{_XML}lang", "de")
        if self.root is None:
            # The site root as seen from the feed's own address: relative links resolve
            # against it wherever the site is published.
            root.set(f"{_XML}base", relative_url(feed.path.rpartition("/")[0] + "/", ""))
        _sub(root, "id", self.urn(f"feed/{feed.path}"))
        _sub(root, "title", xml_text(feed.title), type="text")
        _sub(root, "subtitle", f"Die neuesten Maßnahmen (höchstens {MAX_ENTRIES}).", type="text")
        dates = [updated(m) for m in feed.measures]
        _sub(root, "updated", _rfc3339(max(dates, default=self.fallback)))
        author = ET.SubElement(root, "author")  # for entries without one (RFC 4287 §4.1.1)
        _sub(author, "name", CATALOGUE_NAME)
        ET.SubElement(
            root, "link", rel="self", type="application/atom+xml", href=self.href(feed.path)
        )
        ET.SubElement(
            root, "link", rel="alternate", type="text/html", href=self.href(page_url(feed.page))
        )
        _sub(root, "generator", "bib-katalog")
        head = ET.tostring(root, encoding="unicode").removesuffix("</feed>")
        entries = "".join(self.entry(m) for m in feed.measures)
        return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{entries}</feed>\n'


def _sub(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def feed_files(catalogue: Catalogue, options: SiteOptions) -> list[LazyFile]:
    """Every feed of the catalogue as a file of the site, written when it is asked for."""
    writer = _Writer(catalogue, options)
    return [LazyFile(feed.path, partial(writer.feed, feed)) for feed in catalogue_feeds(catalogue)]
