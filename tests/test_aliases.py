"""Addresses that survive a rename: ``aliases`` (earlier ids) are checked against every
address they could take, become redirect pages in the built site, and ``catalogue rename``
moves an entry to a new id with every reference, its materials and its old address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue_files import (
    FILES,
    LIBRARY,
    LIBRARY_2,
    MEASURE,
    build_site,
    edit,
    error_texts,
    fixture_project,
    run_catalogue,
    write,
    write_catalogue,
)

from generator.contribute import rename
from generator.render.pages import collisions

# --- validation -------------------------------------------------------------------------------

# measures/vorlesen.md: a second measure of the minimal catalogue; line 9 is its last field.
SECOND_MEASURE = """\
---
title: Vorlesepaten im Dorf
summary: Ehrenamtliche lesen in der Bücherei vor.
libraries: [musterstadt]
topics: [ehrenamt]
status: running
published: 2026-10-01
reviewed: 2026-10-02
aliases: [vorlesen-alt]
---
Ehrenamtliche lesen jeden Freitag vor.
"""


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    write_catalogue(tmp_path)
    write(tmp_path, "measures/vorlesen.md", SECOND_MEASURE)
    return tmp_path


def _measure_aliases(value: str) -> str:
    """The minimal measure with ``aliases`` on line 17 (in place of ``based_on``)."""
    return edit(MEASURE, "based_on", value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "aliases: [lesesommer]",
            "„lesesommer“ ist die Kennung dieses Eintrags selbst; unter „aliases“ stehen nur "
            "frühere Kennungen. Bitte entfernen.",
        ),
        (
            "aliases: [vorlesen]",
            "„vorlesen“ ist die Kennung von „measures/vorlesen.md“: die Weiterleitung würde "
            "dessen Seite verdecken. Bitte entfernen (oder den anderen Eintrag umbenennen).",
        ),
        (
            "aliases: [index]",
            "„index“ ist für eine Seite der Website reserviert und kann keine frühere Kennung "
            "sein. Bitte entfernen.",
        ),
        (
            "aliases: [feed]",
            "„feed“ ist für eine Seite der Website reserviert und kann keine frühere Kennung "
            "sein. Bitte entfernen.",
        ),
        (
            "aliases: [einbetten]",
            "„einbetten“ ist für eine Seite der Website reserviert und kann keine frühere "
            "Kennung sein. Bitte entfernen.",
        ),
        (
            "aliases: [Alter Lesesommer]",
            "„aliases“: „Alter Lesesommer“ ist keine gültige Kennung (nur Kleinbuchstaben a–z, "
            "Ziffern und Bindestriche, höchstens 80 Zeichen), z. B. „alter-lesesommer“.",
        ),
    ],
    ids=["own-id", "other-id", "index", "feed", "einbetten", "not-an-id"],
)
def test_an_alias_that_takes_an_address_is_an_error_at_its_line(
    catalogue: Path, value: str, message: str
) -> None:
    write(catalogue, "measures/lesesommer.md", _measure_aliases(value))
    assert error_texts(catalogue) == [f"measures/lesesommer.md:17: {message}"]


def test_an_alias_of_another_entry_is_an_error_naming_that_file_and_line(catalogue) -> None:
    write(
        catalogue, "measures/lesesommer.md", _measure_aliases("aliases:\n  - alt\n  - vorlesen-alt")
    )
    assert error_texts(catalogue) == [
        "measures/vorlesen.md:9: „vorlesen-alt“ steht schon in „measures/lesesommer.md“ unter "
        "„aliases“ (Zeile 19); eine frühere Kennung kann nur auf einen Eintrag weiterleiten."
    ]


def test_library_aliases_are_checked_among_libraries_only(catalogue: Path) -> None:
    # a measure's alias may name a library (other addresses: /bibliotheken/ …)
    write(catalogue, "measures/lesesommer.md", _measure_aliases("aliases: [musterdorf]"))
    write(catalogue, "libraries/musterdorf.yml", LIBRARY + "aliases: [musterstadt, lesesommer]\n")
    write(catalogue, "libraries/musterstadt.yml", LIBRARY_2 + "aliases: [index, lesesommer]\n")
    assert error_texts(catalogue) == [
        "libraries/musterdorf.yml:18: „musterstadt“ ist die Kennung von "
        "„libraries/musterstadt.yml“: die Weiterleitung würde dessen Seite verdecken. Bitte "
        "entfernen (oder den anderen Eintrag umbenennen).",
        "libraries/musterstadt.yml:7: „index“ ist für eine Seite der Website reserviert und kann "
        "keine frühere Kennung sein. Bitte entfernen.",
        "libraries/musterstadt.yml:7: „lesesommer“ steht schon in „libraries/musterdorf.yml“ "
        "unter „aliases“ (Zeile 18); eine frühere Kennung kann nur auf einen Eintrag "
        "weiterleiten.",
    ]


def test_valid_aliases_pass(catalogue: Path) -> None:
    write(catalogue, "measures/lesesommer.md", _measure_aliases("aliases: [lesesommer-2025]"))
    write(catalogue, "libraries/musterdorf.yml", LIBRARY + "aliases: buecherei-musterdorf\n")
    assert error_texts(catalogue) == []


def test_a_reference_to_an_earlier_id_names_the_id_now(catalogue: Path) -> None:
    write(catalogue, "libraries/musterstadt.yml", LIBRARY_2 + "aliases: [buecherei-musterstadt]\n")
    write(
        catalogue,
        "measures/lesesommer.md",
        edit(MEASURE, "based_on", "based_on: [vorlesen-alt]").replace(
            "libraries: [musterdorf, verbund]", "libraries: [musterdorf, buecherei-musterstadt]"
        ),
    )
    assert error_texts(catalogue) == [
        "measures/lesesommer.md:4: Bibliothek „buecherei-musterstadt“ heißt jetzt "
        "„musterstadt“ („buecherei-musterstadt“ ist eine frühere Kennung); bitte die jetzige "
        "Kennung eintragen. (Profile liegen im Ordner libraries/)",
        "measures/lesesommer.md:17: Maßnahme „vorlesen-alt“ heißt jetzt „vorlesen“ "
        "(„vorlesen-alt“ ist eine frühere Kennung); bitte die jetzige Kennung eintragen.",
    ]


def test_a_redirect_that_meets_another_file_is_a_collision() -> None:
    assert collisions(["massnahmen/alt.md", "massnahmen/alt/index.html"]) == [
        "„massnahmen/alt/index.html“ und „massnahmen/alt.md“ ergäben dieselbe Adresse "
        "„massnahmen/alt/index.html“ der Website."
    ]


# --- redirect pages in the built site ---------------------------------------------------------

HOSTILE = '</title><script>alert(1)</script> & "Lesesommer" <b>'


def _add_front_matter(path: Path, lines: str) -> None:
    """Insert YAML lines before the closing „---“ of a measure's front matter."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    path.write_text(text[:end] + "\n" + lines.rstrip("\n") + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def redirect_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("redirects"))
    measure = project / "measures" / "onleihe-sprechstunde.md"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(
        re.sub(r"^title: .*$", f"title: '{HOSTILE}'", text, count=1, flags=re.M), encoding="utf-8"
    )
    _add_front_matter(measure, "aliases: [onleihe-hilfe, digitale-sprechstunde]")
    profile = project / "libraries" / "buecherei-lindenau.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "aliases: [lindenau]\n")
    result = build_site(project)
    assert result.ok, result.output
    return result.site


def test_each_alias_gets_a_redirect_page(redirect_site: Path) -> None:
    page = (redirect_site / "massnahmen/onleihe-hilfe/index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    assert '<meta http-equiv="refresh" content="0; url=../onleihe-sprechstunde/">' in page
    # the repository's mkdocs.yml gives a site_url: the canonical address is absolute
    assert re.search(
        r'<link rel="canonical" href="http[^"]+/massnahmen/onleihe-sprechstunde/">', page
    )
    assert '<meta name="robots" content="noindex">' in page
    assert "Content-Security-Policy" in page
    assert '<p>Diese Seite ist umgezogen: <a href="../onleihe-sprechstunde/">' in page
    assert (redirect_site / "massnahmen/digitale-sprechstunde/index.html").is_file()
    library = (redirect_site / "bibliotheken/lindenau/index.html").read_text(encoding="utf-8")
    assert 'url=../buecherei-lindenau/"' in library
    assert '<a href="../buecherei-lindenau/">Gemeindebücherei Lindenau</a>' in library
    # the target exists where the redirect points
    assert (redirect_site / "massnahmen/onleihe-sprechstunde/index.html").is_file()


def test_a_hostile_title_is_escaped_in_the_redirect(redirect_site: Path) -> None:
    page = (redirect_site / "massnahmen/onleihe-hilfe/index.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<b>" not in page
    escaped = (
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Lesesommer&quot; &lt;b&gt;"
    )
    assert f"<title>{escaped} – umgezogen</title>" in page
    assert f">{escaped}</a>" in page


def test_redirects_are_not_in_the_sitemap(redirect_site: Path) -> None:
    sitemap = (redirect_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/massnahmen/onleihe-sprechstunde/" in sitemap
    for alias in ("onleihe-hilfe", "digitale-sprechstunde", "bibliotheken/lindenau/"):
        assert alias not in sitemap


def test_a_redirect_over_a_page_of_docs_stops_the_build(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    write(project, "docs/massnahmen/alte-seite.md", "# Eine Seite der Redaktion\n")
    _add_front_matter(project / "measures" / "onleihe-sprechstunde.md", "aliases: [alte-seite]")
    result = build_site(project)
    assert not result.ok
    assert (
        "„massnahmen/alte-seite/index.html“ und „massnahmen/alte-seite.md“ ergäben dieselbe "
        "Adresse" in result.output
    )


# --- catalogue rename -------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder below ``root`` (folders as None), by relative path."""
    return {
        p.relative_to(root).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(root.rglob("*"))
        if "site" not in p.relative_to(root).parts[:1]
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture catalogue with a reference in every kind of field, in every YAML style."""
    root = fixture_project(tmp_path / "projekt")
    tannhof = root / "libraries/ortsbuecherei-tannhof.yml"
    tannhof.write_text(
        tannhof.read_text(encoding="utf-8")
        + "adopted:\n  # von Lindenau übernommen\n  - lesesommer-in-lindenau   # seit 2026\n",
        encoding="utf-8",
    )
    lindenau = root / "measures/lesesommer-in-lindenau.md"
    lindenau.write_text(
        lindenau.read_text(encoding="utf-8").replace(
            "  until: 2025-04-30\n",
            "  until: 2025-04-30\n  contact: 'buecherei-lindenau'  # antwortet\n",
        ),
        encoding="utf-8",
    )
    paten = root / "measures/vorlesepaten-fuer-familien.md"
    paten.write_text(
        paten.read_text(encoding="utf-8").replace(
            "  until: 2099-12-31\n",
            "  until: 2099-12-31\n  status: matched\n  result: lesesommer-in-lindenau\n",
        ),
        encoding="utf-8",
    )
    # a network profile saved by a Windows editor: BOM and CRLF line endings
    network = root / "libraries/lesenetz-lindental.yml"
    text = network.read_text(encoding="utf-8")
    network.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert run_catalogue("validate", "--root", str(root)).returncode == 0
    return root


def test_rename_a_measure_moves_file_materials_references_and_address(project: Path) -> None:
    before = snapshot(project)
    result = run_catalogue(
        "rename", "lesesommer-in-lindenau", "lesesommer-lindenau", "--root", str(project)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "umbenannt: measures/lesesommer-in-lindenau.md → measures/lesesommer-lindenau.md",
        "umbenannt: measures/lesesommer-in-lindenau/ → measures/lesesommer-lindenau/",
        "„lesesommer-in-lindenau“ unter „aliases“ von measures/lesesommer-lindenau.md ergänzt: "
        "die alte Adresse leitet weiter",
        "Verweis geändert: libraries/ortsbuecherei-tannhof.yml, Zeile 9 (adopted)",
        "Verweis geändert: measures/gemeinsamer-lesesommer-im-verbund.md, Zeile 10 (based_on)",
        "Verweis geändert: measures/vorlesepaten-fuer-familien.md, Zeile 14 (collaboration.result)",
    ]
    assert "heißt jetzt „lesesommer-lindenau“" in result.stderr
    after = snapshot(project)
    old = before.pop("measures/lesesommer-in-lindenau.md")
    assert after.pop("measures/lesesommer-lindenau.md") == old.replace(
        b"reviewed: 2026-04-01\n", b"reviewed: 2026-04-01\naliases: [lesesommer-in-lindenau]\n"
    )
    for name in ("", "/lesepass.pdf", "/ablaufplan.csv"):
        assert after.pop(f"measures/lesesommer-lindenau{name}") == before.pop(
            f"measures/lesesommer-in-lindenau{name}"
        )
    changed = {
        "libraries/ortsbuecherei-tannhof.yml": (
            b"  - lesesommer-in-lindenau   # seit 2026\n",
            b"  - lesesommer-lindenau   # seit 2026\n",
        ),
        "measures/gemeinsamer-lesesommer-im-verbund.md": (
            b"based_on: [lesesommer-in-lindenau]\n",
            b"based_on: [lesesommer-lindenau]\n",
        ),
        "measures/vorlesepaten-fuer-familien.md": (
            b"  result: lesesommer-in-lindenau\n",
            b"  result: lesesommer-lindenau\n",
        ),
    }
    for rel, (was, now) in changed.items():
        assert after.pop(rel) == before.pop(rel).replace(was, now), rel
    assert after == before  # nothing else touched, no file left behind

    assert run_catalogue("validate", "--root", str(project)).returncode == 0
    build = build_site(project)
    assert build.ok, build.output
    redirect = (build.site / "massnahmen/lesesommer-in-lindenau/index.html").read_text("utf-8")
    assert 'url=../lesesommer-lindenau/"' in redirect
    assert (build.site / "massnahmen/lesesommer-lindenau/lesepass.pdf").is_file()
    page = (build.site / "massnahmen/gemeinsamer-lesesommer-im-verbund/index.html").read_text(
        "utf-8"
    )
    assert "../lesesommer-lindenau/" in page


def test_rename_a_library_keeps_bom_line_endings_quotes_and_comments(project: Path) -> None:
    network = project / "libraries/lesenetz-lindental.yml"
    old_network = network.read_bytes()
    result = run_catalogue(
        "rename", "buecherei-lindenau", "buecherei-lindenau-am-see", "--root", str(project)
    )
    assert result.returncode == 0, result.stderr
    assert network.read_bytes() == old_network.replace(
        b"members: [buecherei-lindenau, ", b"members: [buecherei-lindenau-am-see, "
    )
    measure = (project / "measures/lesesommer-in-lindenau.md").read_text(encoding="utf-8")
    assert "libraries: [buecherei-lindenau-am-see, buecherei-erlenbach]\n" in measure
    assert "  contact: 'buecherei-lindenau-am-see'  # antwortet\n" in measure
    profile = (project / "libraries/buecherei-lindenau-am-see.yml").read_text(encoding="utf-8")
    assert profile.endswith("\naliases: [buecherei-lindenau]\n")
    assert not (project / "libraries/buecherei-lindenau.yml").exists()
    # renamed once more: the list grows in its own style
    result = run_catalogue(
        "rename", "buecherei-lindenau-am-see", "buecherei-lindenau-2", "--root", str(project)
    )
    assert result.returncode == 0, result.stderr
    profile = (project / "libraries/buecherei-lindenau-2.yml").read_text(encoding="utf-8")
    assert profile.endswith("\naliases: [buecherei-lindenau, buecherei-lindenau-am-see]\n")
    build = build_site(project)
    assert build.ok, build.output
    for old in ("buecherei-lindenau", "buecherei-lindenau-am-see"):
        redirect = (build.site / f"bibliotheken/{old}/index.html").read_text("utf-8")
        assert 'url=../buecherei-lindenau-2/"' in redirect


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (
            "aliases:\n  - alt-eins   # erster Name\n",
            "aliases:\n  - alt-eins   # erster Name\n  - musterdorf\n",
        ),
        ("aliases:\n- alt-eins\n", "aliases:\n- alt-eins\n- musterdorf\n"),
        ("aliases: alt-eins\n", "aliases: [alt-eins, musterdorf]\n"),
        ("aliases: []\n", "aliases: [musterdorf]\n"),
        ("aliases:\n", "aliases: [musterdorf]\n"),
    ],
    ids=["block", "block-unindented", "single", "empty-list", "empty"],
)
def test_the_old_id_joins_aliases_in_their_style(
    tmp_path: Path, aliases: str, expected: str
) -> None:
    write_catalogue(tmp_path)
    write(tmp_path, "libraries/musterdorf.yml", LIBRARY + aliases)
    plan = rename.plan_rename(tmp_path, "musterdorf", "buecherei-musterdorf")
    rename.apply_plan(tmp_path, plan)
    assert (tmp_path / "libraries/buecherei-musterdorf.yml").read_text(
        "utf-8"
    ) == LIBRARY + expected
    assert error_texts(tmp_path) == []


def _refused(root: Path, *args: str) -> str:
    before = snapshot(root)
    result = run_catalogue("rename", *args, "--root", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert snapshot(root) == before
    assert "nichts geändert" in result.stderr
    return result.stderr


def test_rename_refuses_and_touches_nothing(project: Path) -> None:
    blog = project / "measures/blog-der-stadtbibliothek.md"
    _add_front_matter(blog, "aliases: [alter-blog]")
    assert "Einen Eintrag „gibt-es-nicht“ gibt es weder unter measures/ noch unter libraries/." in (
        _refused(project, "gibt-es-nicht", "neu")
    )
    assert "„measures/onleihe-sprechstunde.md“ gibt es schon; bitte eine andere Kennung." in (
        _refused(project, "lesesommer-in-lindenau", "onleihe-sprechstunde")
    )
    assert (
        "„alter-blog“ ist eine frühere Kennung von „measures/blog-der-stadtbibliothek.md“ "
        "(unter „aliases“); ihre Adresse leitet dorthin weiter."
        in (_refused(project, "onleihe-sprechstunde", "alter-blog"))
    )
    assert "„Neuer Name“ ist keine gültige Kennung" in _refused(
        project, "onleihe-sprechstunde", "Neuer Name"
    )
    assert "„neuer-name“" in _refused(project, "onleihe-sprechstunde", "Neuer Name")
    assert "Die Kennung „index“ ist für eine Seite der Website reserviert." in (
        _refused(project, "onleihe-sprechstunde", "index")
    )
    assert "„alter-blog“ ist eine frühere Kennung von „measures/blog-der-stadtbibliothek.md“; " in (
        _refused(project, "alter-blog", "blog-neu")
    )
    assert "Alte und neue Kennung sind gleich" in _refused(
        project, "onleihe-sprechstunde", "onleihe-sprechstunde"
    )


def test_rename_refuses_an_invalid_catalogue(project: Path) -> None:
    (project / "libraries/buecherei-erlenbach.yml").write_text("name: Bücherei\nfarbe: blau\n")
    message = _refused(project, "onleihe-sprechstunde", "onleihe-hilfe")
    assert "libraries/buecherei-erlenbach.yml:2: Unbekanntes Feld „farbe“" in message
    assert "Der Katalog enthält Fehler; bitte zuerst korrigieren" in message


def test_rename_never_follows_a_link(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "geheim.yml"
    outside.write_text("name: Geheim\n", encoding="utf-8")
    (project / "libraries/verlinkt.yml").symlink_to(outside)
    message = _refused(project, "verlinkt", "verlinkt-neu")
    assert "Verknüpfungen (Symlinks) sind nicht erlaubt" in message
    assert outside.read_text(encoding="utf-8") == "name: Geheim\n"


def test_a_failed_write_is_undone(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project)
    plan = rename.plan_rename(project, "lesesommer-in-lindenau", "lesesommer-lindenau")
    assert len(plan.edits) == 3
    calls = []
    replace = rename._replace

    def failing(target: Path, content: bytes) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        replace(target, content)

    monkeypatch.setattr(rename, "_replace", failing)
    with pytest.raises(OSError, match="No space"):
        rename.apply_plan(project, plan)
    assert snapshot(project) == before  # the first edit and the new file are undone


def test_rename_in_the_minimal_catalogue_updates_every_kind_of_field(tmp_path: Path) -> None:
    """Both kinds of ``libraries`` entry (a library, a network's member) and the sample list."""
    write_catalogue(tmp_path)
    write(tmp_path, "beispielkatalog.yml", "libraries:\n  - musterdorf  # Beispiel\nmeasures: []\n")
    result = run_catalogue("rename", "musterdorf", "buecherei-musterdorf", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "beispielkatalog.yml").read_text("utf-8") == (
        "libraries:\n  - buecherei-musterdorf  # Beispiel\nmeasures: []\n"
    )
    assert (tmp_path / "libraries/verbund.yml").read_text("utf-8") == FILES[
        "libraries/verbund.yml"
    ].replace("[musterdorf,", "[buecherei-musterdorf,")
    assert "libraries: [buecherei-musterdorf, verbund]" in (
        tmp_path / "measures/lesesommer.md"
    ).read_text("utf-8")
    assert "Verweis geändert: beispielkatalog.yml, Zeile 2" in result.stdout


def test_a_measure_and_a_library_of_one_name_need_the_kind(tmp_path: Path) -> None:
    write_catalogue(tmp_path)
    write(tmp_path, "libraries/lesesommer.yml", LIBRARY_2.replace("Musterstadt", "Lesedorf"))
    assert "sowohl eine Maßnahme als auch eine Bibliothek" in _refused(
        tmp_path, "lesesommer", "ferienlesen"
    )
    result = run_catalogue(
        "rename", "lesesommer", "ferienlesen", "--kind", "measure", "--root", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "measures/ferienlesen.md").is_file()
    assert (tmp_path / "measures/ferienlesen/lesepass.pdf").is_file()
    assert (tmp_path / "libraries/lesesommer.yml").is_file()


def test_a_block_text_at_the_end_of_a_file_stays_as_it_was(tmp_path: Path) -> None:
    write_catalogue(tmp_path)
    write(tmp_path, "libraries/musterstadt.yml", LIBRARY_2 + "about: |\n  Zeile eins\n  Zeile zwei")
    assert run_catalogue("rename", "musterstadt", "ms", "--root", str(tmp_path)).returncode == 0
    assert (tmp_path / "libraries/ms.yml").read_text("utf-8") == (
        LIBRARY_2 + "about: |\n  Zeile eins\n  Zeile zwei\naliases: [musterstadt]\n"
    )


def test_an_edit_that_would_change_more_than_the_id_is_refused(tmp_path: Path) -> None:
    write_catalogue(tmp_path)
    # after the end marker „...“ an added field would be a second document
    write(tmp_path, "libraries/musterstadt.yml", LIBRARY_2 + "...\n")
    assert error_texts(tmp_path) == []
    assert (
        "„libraries/musterstadt.yml“ lässt sich nicht sicher automatisch ändern; bitte von "
        "Hand umbenennen." in _refused(tmp_path, "musterstadt", "ms")
    )
