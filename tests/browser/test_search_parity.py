"""The search's German normaliser twice, held to Python, the reference: what
``generator/index/search_text.py`` does when it builds the index and what the finder's
module ``render/assets/finder/search.js`` does with the words a reader types must agree
exactly, or a search misses what the index holds. Every case runs through both: Python
directly, the module by ``import()`` on the built /massnahmen/ page in headless Chromium."""

from __future__ import annotations

import pytest

from generator.index import search_text

pytestmark = pytest.mark.browser

# The module from the folder the page loads the finder from (the version is in its name).
_MODULE = (
    "await import(new URL('search.js',"
    ' document.querySelector(\'script[type="module"][src*="/main.js"]\').src))'
)

CASES = [
    "",
    " ",
    "\t\n\u00a0\u2003 ",  # whitespace only: tab, newline, no-break and em space
    "Straße",
    "STRASSE",
    "GROẞE STRAẞE",  # the capital ß
    "ẞ",
    "Maß",
    "Öffnungszeiten",
    "Leseförderung",
    "Lesefoerderung",
    "LESEFÖRDERUNG",
    "Leseforderung",
    "Leseo\u0308rderung",  # ö typed as o and a combining diaeresis (macOS)
    "Bu\u0308cherei",
    "\u0308",  # a combining mark alone
    "E-Book-Ausleihe",
    "Kinder-und-Jugend-Bibliothek",
    "3–6-Jährige",  # en dash and hyphen
    "Lese\u00adförderung",  # soft hyphen
    "Lese\u200bförderung",  # zero-width space
    "„Lesesommer“ – ‚Sommer‘ »Bibliothek« «Buch»",  # typographic quotes
    "don't Kinder's Kinder’s Kinderʼs",  # apostrophes: ASCII, U+2019, modifier letter
    "Café Cafe\u0301 Crème Noël",
    "Hán Nôm Ǘ ǘ",
    "ﬁnden ﬂyer ﬀ",  # ligatures
    "Œuvre Ærø Øresund Ångström Łódź",
    "İstanbul ıslak",
    "ΟΔΟΣ ὈΔΌΣ",  # final sigma
    "ǅemal ǈubljana",  # titlecase digraphs
    "Библиотека Чтение",
    "中文标题 𠀋",  # a letter beyond U+FFFF alone
    "𝐁𝐢𝐛𝐥𝐢𝐨𝐭𝐡𝐞𝐤 𝐀𝐞𝐞 𝐀ee 𝐀s",  # mathematical letters beyond U+FFFF
    "Ｌｅｓｅｎ １２３",  # full width
    "2025 1.500 4,8 10 000 0815",
    "m² ½ ① Ⅻ ٣٤",  # other numbers, roman numeral, Arabic-Indic digits
    "😀 Lesen 📚 mit Kindern 👩‍👩‍👧 🇩🇪",  # emoji, ZWJ sequence, flag
    "snake_case_word und.punkte",
    "Öffentlichkeitsarbeit/Social-Media\\Kita",
    "Veranstaltungen Veranstaltung Kindern Kinder Bibliotheken größte",
    "schönsten häufigst Geistes Tests Kurses Feuer Poesie Mäuse Queue Aue",
    "und Die für über können sowie zwischen",  # stop words, also after folding
    "E ab x",  # one- and two-letter words
    "Zeile\nzwei\tTab\r\n",
    "Nul\x00Zeichen\x7fEnde",
    "a" * 120,
    "Die Bücherei (Musterdorf) – Lese-Förderung, z.B. für 3–6-Jährige!",
]

# Folded words for the stemmer on its own, at the edges of its length rules.
STEM_CASES = [
    "", "a", "test", "tests", "testest", "aaaaest", "abcst", "abnst", "abcern", "kindern",
    "kinder", "lese", "veranstaltungen", "geistes", "kurses", "haufigst", "schonsten",
    "buchereien", "ern", "eern", "𝐀ee", "𝐀𝐁ern", "𝐀𝐁𝐂est", "𝐀𝐁𝐂𝐃st",
]  # fmt: skip


@pytest.fixture(scope="module")
def finder(browser, base_url):
    """One finder page for the calls into the module; its functions are pure."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/massnahmen/")
    page.wait_for_function("() => !!document.getElementById('bib-finder').dataset.visible")
    yield page
    context.close()
    assert errors == []


def in_browser(page, cases: list[str]) -> list[dict]:
    return page.evaluate(
        f"""async cases => {{
            const m = {_MODULE};
            return cases.map(text => {{
                const words = m.tokenize(text);
                return {{
                    words,
                    fold: m.fold(text),
                    folded: words.map(m.fold),
                    stems: words.map(w => m.stem(m.fold(w))),
                    terms: words.map(m.term),
                }};
            }});
        }}""",
        cases,
    )


def in_python(text: str) -> dict:
    words = search_text.tokenize(text)
    return {
        "words": words,
        "fold": search_text.fold(text),
        "folded": [search_text.fold(w) for w in words],
        "stems": [search_text.stem(search_text.fold(w)) for w in words],
        "terms": [search_text.term(w) for w in words],
    }


def test_cases_are_normalised_alike(finder) -> None:
    assert len(CASES) >= 40
    browser = in_browser(finder, CASES)
    for text, js in zip(CASES, browser, strict=True):
        assert js == in_python(text), text


def test_terms_of_a_text_are_the_same(finder) -> None:
    """What the index is built with (``terms``) equals the browser's words turned to terms."""
    text = " ".join(CASES)
    browser = in_browser(finder, [text])[0]
    assert [t for t in browser["terms"] if t] == search_text.terms(text)


def test_stemmer_cuts_alike(finder) -> None:
    browser = finder.evaluate(
        f"async cases => {{ const m = {_MODULE}; return cases.map(w => m.stem(w)); }}",
        STEM_CASES,
    )
    assert browser == [search_text.stem(w) for w in STEM_CASES]


def test_stop_words_and_pipeline_label_are_the_same(finder) -> None:
    stop_words, label, version = finder.evaluate(
        f"async () => {{ const m = {_MODULE};"
        " return [[...m.STOP_WORDS].sort(), m.PIPELINE_LABEL, m.NORMALISER_VERSION]; }"
    )
    assert stop_words == sorted(search_text.STOP_WORDS)
    assert label == search_text.PIPELINE_LABEL
    assert version == search_text.NORMALISER_VERSION


def test_cases_reach_the_edges(finder) -> None:
    """The list above is not just easy words: it meets each rule where it could differ."""
    python = [in_python(text) for text in CASES]
    terms = [t for p in python for t in p["terms"]]
    assert None in terms  # stop words and one-letter words are dropped
    assert search_text.term("𠀋") is None  # one letter, even if it takes two UTF-16 units
    assert search_text.fold("GROẞE") == "grosse"
    assert search_text.tokenize("Lese\u00adförderung") == ["Lese", "förderung"]
