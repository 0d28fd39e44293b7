"""``catalogue validate`` warns when two measures have nearly the same title."""

from __future__ import annotations

import random

from catalogue_files import FILES, edit, problem_texts, write

from generator.adapters.cli import main
from generator.validate.duplicates import near_duplicates, similarity


def add_measure(root, name: str, title: str) -> None:
    write(root, f"measures/{name}.md", edit(FILES["measures/lesesommer.md"], "title",
                                             f"title: {title}")
          .replace("  - title: Lesepass\n    file: lesepass.pdf\n", "")
          .replace("materials:\n", ""))  # fmt: skip


def test_near_duplicate_titles_are_warnings_naming_the_other(catalogue, capsys):
    add_measure(catalogue, "lesesommer-2", "Der Lesesommer mit Grundschulen")
    texts = problem_texts(catalogue)
    assert (
        "measures/lesesommer-2.md:2: Warnung: Der Titel ähnelt sehr dem der Maßnahme "
        "„lesesommer“ (measures/lesesommer.md: „Lesesommer mit der Grundschule“). "
        "Ist es dieselbe Maßnahme? Dann bitte diese ergänzen statt eine neue anzulegen; "
        "sonst den Titel deutlicher unterscheiden." in texts
    )
    assert any(t.startswith("measures/lesesommer.md:2: Warnung:") and "„lesesommer-2“" in t
               for t in texts)  # fmt: skip
    assert main(["validate", "--root", str(catalogue)]) == 0  # a warning does not fail
    assert main(["validate", "--root", str(catalogue), "--format", "github"]) == 0
    assert "::warning file=measures/lesesommer-2.md,line=2::" in capsys.readouterr().out


def test_different_titles_are_not_flagged(catalogue):
    add_measure(catalogue, "lesesommer-am-see", "Lesesommer am Baggersee für Familien")
    assert not any("ähnelt" in t for t in problem_texts(catalogue))


def test_similarity_folds_case_umlauts_hyphens_and_small_words():
    assert similarity("Gemeinsame Facebook-Seite im Bibliotheksverbund",
                      "gemeinsame Facebookseite im Bibliotheks-Verbund") == 1  # fmt: skip
    assert similarity("Bücherkiste für die Ortsteile", "Buecherkiste fuer Ortsteile") == 1
    assert similarity("Lesesommer 2024", "Lesesommer 2025") == 1
    assert similarity("Onleihe-Sprechstunde für Senioren", "Lesesommer mit der Grundschule") == 0


def test_the_prefix_filter_finds_exactly_what_comparing_every_pair_finds():
    """The filter may only skip pairs that cannot be near-duplicates (its speed is the
    benchmark's business, not a timed test's)."""
    rng = random.Random(3)
    words = [
        "Lesesommer", "Bücherkiste", "Vorlesestunde", "Lesecafé", "Bilderbuchkino", "Onleihe",
        "Sprechstunde", "Kinder", "Familien", "Senioren", "Schule", "Kita", "Verbund", "Dorf",
        "Stadt", "Instagram", "Kanal", "Kalender", "Spieleabend", "Ausstellung", "Heimat",
    ]  # fmt: skip
    titles = {
        f"m{i:03d}": " ".join(rng.sample(words, rng.randint(2, 6))) + rng.choice(["", " im Dorf"])
        for i in range(500)
    }
    ids = sorted(titles)
    every_pair = {
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if similarity(titles[a], titles[b]) >= 0.8
    }
    assert every_pair  # the sample has near-duplicates to find
    assert {tuple(sorted(pair)) for pair in near_duplicates(titles)} == every_pair
