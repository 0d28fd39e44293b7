"""What the website's submission form (``render/assets/einreichen.js``) does twice, held to
Python, the reference: the ids it proposes (``core/ids.py`` ``propose_id``), how it quotes
text for YAML and the files it writes (``contribute/entry_text.py``), the patterns of
``rules/kinds.py`` and ``core/ids.py``, which the page brings along, and the addresses and
phone numbers it finds in free text (``rules/personal_data.py``). Every case runs through
Python and through the script's module on the fixture site's /mitmachen/einreichen/ page in
headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from catalogue_files import copy_fixture_catalogue

from generator.contribute.entry_text import _q, library_text, measure_text
from generator.core.ids import ID_PATTERN, MAX_ID_LENGTH, propose_id
from generator.load.yamldoc import load_yaml
from generator.rules.kinds import DATE_PATTERN, EMAIL_PATTERN, PARTIAL_DATE_PATTERN, URL_PATTERN
from generator.rules.personal_data import (
    BEFORE_PHONE,
    EMAIL_IN_TEXT,
    PHONE_DIGITS,
    PHONE_IN_TEXT,
    WHERE_CONTACT_BELONGS,
    personal_data,
    personal_data_message,
)
from generator.validate.catalogue import load_catalogue

pytestmark = pytest.mark.browser

FORM = "/mitmachen/einreichen/"

# The module as the page loaded it: import() of the same address gives the same instance,
# so the form is not started twice.
_MODULE = "await import(document.querySelector('script[src*=\"einreichen.js\"]').src)"


@pytest.fixture(scope="module")
def form(browser, fixture_url):
    """One page for the calls into the module; its functions are pure."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fixture_url + FORM)
    page.wait_for_load_state("networkidle")
    yield page
    context.close()
    assert errors == []


def js_map(page, function: str, cases: list) -> list:
    """``function`` of the module applied to every case in the browser."""
    return page.evaluate(
        f"async ([name, cases]) => {{ const m = {_MODULE}; return cases.map(c => m[name](c)); }}",
        [function, cases],
    )


# --- a. ids --------------------------------------------------------------------------------

LONG = "Gemeinsame Leseförderung der Gemeindebüchereien im ländlichen Raum mit Grundschulen"
ID_CASES = [
    "Meine Maßnahme",
    "Lesesommer 2024",
    "Bücherkiste für die Kita",
    "ÄÖÜ äöü ß",
    "GROẞE STRAẞE",  # the capital ß
    "Straße",
    "Bu\u0308cherei",  # ü typed as u and a combining diaeresis (macOS)
    "A\u0308rger mit O\u0308l",
    "Café Crème",
    "Noël à la carte",
    "Ærø Øresund œuvre",  # letters NFKD does not decompose: dropped
    "Ǘ ǘ ǖ",  # ü with a further accent
    "ﬁnanzierung ﬂyer",  # ligatures
    "Raum ² und ³",
    "①②③ Ⅻ",
    "Ｆｕｌｌ ｗｉｄｔｈ １２３",
    "İstanbul ıslak",
    "Привет мир",
    "中文标题",
    "עברית ועוד",
    "Lesen 📚 mit Kindern 👩‍👧",
    "📚📚📚",
    "",
    " ",
    "???",
    "-",
    "---Lesen---",
    "  -- Vorlesen --  ",
    "#1 Lesecafé!",
    "„Lesen“ – 'mal' anders…",
    "C++ & C# für Kinder",
    "Lese-Förderung/Schule\\Kita",
    "under_score and.dots",
    "a" * 81,
    "a" * 80,
    "a" * 79 + "-b",
    "wort " * 30,
    LONG + " " + LONG,
    "abc-" + "b" * 76 + "-c",
    "x" * 200 + " y",
    "Zeile\nzwei\tTab",
    "Nul\x00Zeichen\x7fund\u200bmehr",
    "0 8 15",
    "2024-06-01",
    "Öffentliche Bücherei Überlingen-Ödenwald",
]


def test_ids_are_proposed_alike(form):
    assert len(ID_CASES) >= 40
    expected = [propose_id(name) for name in ID_CASES]
    assert js_map(form, "proposeId", ID_CASES) == expected
    # the cases reach the rule's edges
    assert "eintrag" in expected
    assert max(map(len, expected)) == MAX_ID_LENGTH
    assert propose_id("Bu\u0308cherei") == propose_id("Bücherei") == "buecherei"


# --- b. quoting for YAML ---------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "plain",
    'with "double" quotes',
    "it's 'single'",
    "back\\slash \\n not a break",
    "C:\\Users\\neu\\tab",
    '\\"',
    "\\u0041 is no escape",
    "key: value",
    "a: b: c",
    "a # not a comment",
    "# only a comment",
    "- leading dash",
    "-",
    "--- a document",
    "...",
    "? question",
    ": colon first",
    "@at `backtick %percent",
    "&anchor *alias !tag",
    "| literal > folded",
    "{a: 1}",
    "[1, 2]",
    "yes",
    "NO",
    "on",
    "null",
    "~",
    "true",
    "2024-06-01",
    "2024-06",
    "12:30:00",
    "1.5",
    "1e3",
    "0x1F",
    "012",
    "1_000",
    ".nan",
    "-.inf",
    "line\nbreak",
    "\nleading and trailing\n",
    "windows\r\nline",
    "tab\there",
    "  spaces around  ",
    "Leseförderung für Kinder – mit „Zitat“",
    "ß ẞ Ä ö",
    "emoji 😀 👩‍👩‍👧 🇩🇪",
    "Привет, 中文, עברית",
    "nbsp\xa0here",
    "zero\u200bwidth and bidi\u202eoverride",
    "\ufeffbyte order mark",
    "private use \ue000",
    "del\x7f",
    "c1 \x80 \x9f",
    "next line \x85",
    "line\u2028separator\u2029paragraph",
    "nul \x00 bell \x07 escape \x1b",
    "no characters \ufffe \uffff",
    "astral \U0001f600 \U0010fffd",
    '"; rm -rf / #',
    "<script>alert(1)</script>",
    "sehr lang " * 300,
]


def test_quoting_reads_back_exactly_the_text(form):
    """The quote of every string is the same in both, and YAML – the project's reader, as
    ``catalogue validate`` uses it – reads it back unchanged, alone and in a list."""
    assert len(HOSTILE) >= 40
    quoted = js_map(form, "quote", HOSTILE)
    assert quoted == [_q(text) for text in HOSTILE]
    for text, value in zip(HOSTILE, quoted, strict=True):
        doc = load_yaml(f"value: {value}\nlist: [{value}, {value}]\n", "parity.yml")
        assert doc.data == {"value": text, "list": [text, text]}, repr(text)
        assert "\n" not in value  # one line: the writers put it after „key: “


# --- b. whole files ------------------------------------------------------------------------


def _fill(page, values: dict[str, str | list[str] | bool]) -> None:
    """Fill the form by the fields' ids: ``sub-<key>`` for the measure, ``lib-<key>`` for the
    profile; lists check boxes, True checks a box, a select takes the option's value."""
    for key, value in values.items():
        field = page.locator(f"#sub-{key}")
        if isinstance(value, list):
            for option in value:
                field.locator(f"input[value='{option}']").check()
        elif value is True:
            field.check()
        elif field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value=value)
        else:
            field.fill(value)


def _front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a measure file, or (data, "") of a profile."""
    if not text.startswith("---\n"):
        return load_yaml(text, "profile.yml").data, ""
    head, _, body = text[4:].partition("\n---\n")
    return load_yaml(head, "measure.md").data, body


MEASURE_FORM = {
    "title": 'Der „Lesesommer“: Lesen #1 – für "alle" Kinder',
    "summary": "Ein Sommer lang lesen: Kinder sammeln Stempel. - Mit Preisen\\Urkunden, 100 %!",
    "topics": ["lesefoerderung", "schule-kita"],
    "audiences": ["kinder", "familien"],
    "status": "completed",
    "period_start": "2024-06",
    "period_end": "2024-09-15",
    "effort_level": "medium",
    "staff_hours": "120",
    "budget_eur": "250.75",
    "partners": "- Grundschule Lindenau\n* Förderverein e. V. -\nBäckerei „Korn“: Preise",
    "outcomes": "Teilnehmende Kinder: 85\nAusgeliehene Bücher: 1200\nStimmung: sehr gut: 10/10",
    "links": "Flyer: https://example.org/flyer-\nhttps://example.org/bericht?a=1&b=2#teil",
    "collaboration": "Bibliotheken, die 2027 mitmachen: bitte melden!",
    "offering": "Unseren Lesepass: Wir geben ihn gern weiter – auch als Vorlage.",
    "situation": "Im Sommer kamen *kaum* Kinder.\n\n- erstens\n- zweitens: mit Doppelpunkt",
    "implementation": "Wir haben [geworben](https://example.org/werbung).\n\n> Zitat",
    "results": "85 Kinder – 20 % mehr als 2023.",
    "tips": "# Überschrift im Text\n\nFrüh anfangen!",
}
# The same values as the issue form gives them (generator/rules/forms.py): options as
# „Label (id)“, the library by its id.
MEASURE_ISSUE = {
    **{k: v for k, v in MEASURE_FORM.items() if isinstance(v, str)},
    "libraries": "buecherei-lindenau",
    "topics": "Leseförderung (lesefoerderung), Schule und Kita (schule-kita)",
    "audiences": "Kinder (kinder), Familien (familien)",
    "status": "abgeschlossen (completed)",
    "effort_level": "mittel (medium)",
}

LIBRARY_FORM = {
    "lib-name": "Gemeindebücherei „Am Markt“ #2: Kleinhausen",
    "lib-municipality": "Kleinhausen-Süd",
    "lib-country": "NO",  # YAML 1.1 reads a bare NO as false
    "lib-region": "Trøndelag: Süd",
    "lib-population": "3200",
    "lib-area_m2": "unbekannt",
    "lib-staff_fte": "0.5",
    "lib-volunteers": "6",
    "lib-website": "https://example.org/buecherei?x=1#a",
    "lib-email": "buecherei@kleinhausen.example",
    "lib-email_public": True,
    "lib-toolkit_date": "2025-05-06",
    "lib-toolkit_priorities": ["ehrenamt", "lesefoerderung"],
    "lib-toolkit_notes": "Erstens: Kita.\nZweitens: \"Schule\" – mit 'Zitat'.",
    "lib-about": "Die Bücherei liegt im **Rathaus**.\n\n- Mo: 10–12 Uhr\n- Do: 15–18 Uhr",
}
LIBRARY_ISSUE = {
    **{k[4:]: v for k, v in LIBRARY_FORM.items() if isinstance(v, str)},
    "email_public": "- [x] Die E-Mail-Adresse darf auf der Website erscheinen.",
    # in the taxonomy's order, as both forms list the choices
    "toolkit_priorities": "Leseförderung (lesefoerderung), Ehrenamt (ehrenamt)",
}


def _written(page) -> dict[str, str]:
    """The files the form shows, by path."""
    files = {}
    for key in ("library", "measure"):
        area = page.locator(f"#sub-out-{key}")
        if area.count() and area.is_visible():
            path = page.locator(f"#sub-out-{key}-heading").inner_text().split(" ")[-1]
            files[path] = area.input_value()
    return files


def _valid(tmp_path: Path, files: dict[str, str]) -> None:
    """The files pass ``catalogue validate`` with the fixture catalogue, without a warning."""
    root = copy_fixture_catalogue(tmp_path / "catalogue")
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    problems = load_catalogue(root).problems
    mine = [str(p) for p in problems.sorted() if p.path in files]
    assert mine == [], [str(p) for p in problems.sorted()]
    assert not problems.errors, [str(p) for p in problems.sorted()]
    shutil.rmtree(root)


def _same_values(js_text: str, py_text: str) -> None:
    js_data, js_body = _front_matter(js_text)
    py_data, py_body = _front_matter(py_text)
    assert js_data == py_data
    assert js_body == py_body


@pytest.mark.parametrize("with_library", [False, True], ids=["measure", "library-and-measure"])
def test_files_written_by_the_form_are_valid_and_carry_what_python_writes(
    page, fixture_url, tmp_path, with_library
):
    page.goto(fixture_url + FORM)
    page.wait_for_load_state("networkidle")
    page.locator("#sub-library").select_option("__neu__" if with_library else "buecherei-lindenau")
    if with_library:
        _fill(page, LIBRARY_FORM)
    _fill(page, MEASURE_FORM)
    assert page.locator("#sub-result-problems li").all_inner_texts() == []
    files = _written(page)
    measure_path = f"measures/{propose_id(MEASURE_FORM['title'])}.md"
    assert sorted(files) == sorted(
        [measure_path] + ([f"libraries/{propose_id(LIBRARY_FORM['lib-name'])}.yml"]
                          if with_library else [])
    )  # fmt: skip
    _valid(tmp_path, files)

    published = dt.date.fromisoformat(re.search(r"^published: (\S+)$", files[measure_path],
                                                re.MULTILINE)[1])  # fmt: skip
    issue = dict(MEASURE_ISSUE)
    if with_library:
        issue["libraries"] = propose_id(LIBRARY_FORM["lib-name"])
        library_path = f"libraries/{issue['libraries']}.yml"
        py_library, _, errors = library_text(LIBRARY_ISSUE)
        assert errors == []
        _same_values(files[library_path], py_library)
    py_measure, _, errors = measure_text(issue, published)
    assert errors == []
    _same_values(files[measure_path], py_measure)
    assert "  offering: " in files[measure_path]  # what the library offers others, too
    python_files = {measure_path: py_measure}
    if with_library:
        python_files[library_path] = py_library
    _valid(tmp_path, python_files)


def test_numbers_the_form_converts_are_numbers_for_yaml(page, fixture_url, tmp_path):
    """German spellings are converted; a tiny number is not written as 1e-7, which YAML would
    read as text."""
    page.goto(fixture_url + FORM)
    page.wait_for_load_state("networkidle")
    page.locator("#sub-library").select_option("buecherei-lindenau")
    _fill(page, {**MEASURE_FORM, "staff_hours": "0,0000001", "budget_eur": "1.500",
                 "outcomes": "Anteil: 0,00000025\nGäste: 1.234\nText: über 1 Mio."})  # fmt: skip
    files = _written(page)
    data, _ = _front_matter(next(iter(files.values())))
    assert data["effort"] == {"level": "medium", "staff_hours": 1e-7, "budget_eur": 1500}
    assert [o["value"] for o in data["outcomes"]] == [2.5e-7, 1234, "über 1 Mio."]
    _valid(tmp_path, files)


# --- c. patterns ---------------------------------------------------------------------------

# Patterns a whole value must match …
PATTERNS = {
    "id": ID_PATTERN.pattern,
    "date": DATE_PATTERN,
    "partialDate": PARTIAL_DATE_PATTERN,
    "url": URL_PATTERN,
    "email": EMAIL_PATTERN,
}
# … and those that find personal data within a text (section d).
IN_TEXT = {
    "emailInText": EMAIL_IN_TEXT,
    "phoneInText": PHONE_IN_TEXT,
    "beforePhone": BEFORE_PHONE.pattern,
}
# Each with matches and misses; the hostile ones are where Python's and JavaScript's regular
# expressions differ unless the pattern avoids it: \d (Python: digits of every script), \s
# (Python: also U+001C–U+001F and U+0085; JavaScript: also U+FEFF), $ (Python: also before a
# final line break – every Python use strips the value first or matches in full).
_DIALECT = ["", " ", "\n", "\ufeff", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b"]
SAMPLES = {
    "id": [
        "abc", "a", "0", "lesesommer-2024", "a-b-c", "buecherei-lindenau", "a" * 90,
        "-abc", "abc-", "a--b", "A", "Abc", "ä", "a_b", "a.b", "a b", "abc\n", "abc\n\n",
        "\nabc", "１２３", "a\u0301", "ab\u00adc", "aｂc", "a-", "-", "--",
        *(f"ab{c}c" for c in _DIALECT),
    ],
    "date": [
        "2024-06-01", "1900-01-01", "2100-12-31", "0000-00-00", "2024-02-30", "2024-6-1",
        "24-06-01", "2024-06", "2024", "2024-06-01T10:00", "2024/06/01", "01.06.2024",
        "2024-06-01\n", "2024-06-01\n\n", " 2024-06-01", "２０２４-０６-０１", "٢٠٢٤-٠٦-٠١",
        "२०२४-०६-०१", "2024-06-0１", "20240601", "2024--06-01", "+2024-06-01", "",
        "2024-06-01 ", "2024‐06‐01", "2024−06−01",
        *(f"2024-06{c}-01" for c in _DIALECT),
    ],
    "partialDate": [
        "2024", "2024-06", "2024-06-01", "0001", "9999-99-99", "24", "20245", "2024-6",
        "2024-06-1", "2024-", "2024-06-", "-2024", "2024\n", "2024-06\n", "２０２４", "٢٠٢٤",
        "২০২৪", "2024-０６", "", "2024 ", "2024-13", "2024-06-01-01",
        *(f"20{c}24" for c in _DIALECT),
    ],
    "url": [
        "https://example.org", "http://example.org", "HTTPS://EXAMPLE.ORG", "HtTpS://a.b",
        "https://a.b/c?d=e#f", "https://example.org/pfad/datei.pdf", "https://xn--bcher-kva.de",
        "https://bücher.de/ä", "https://localhost", "https://example", "ftp://example.org",
        "javascript:alert(1)", "https://", "https:///a.b", "https://a.b/\n",
        "https://a.b\n", "www.example.org", "//example.org", "https://exa mple.org",
        "https://example.org/a b", "https://a.b?x", "https://a.b#x", "https://.b", "https://a.",
        "https:/a.b", "mailto:a@b.c", "https://a.b/😀", "",
        *(f"https://exa{c}mple.org" for c in _DIALECT),
        *(f"https://example.org/a{c}b" for c in _DIALECT),
    ],
    "email": [
        "name@beispiel.de", "a@b.c", "a.b+c@d-e.f.g", "buecherei@kleinhausen.example",
        "!#$%&'*+/=?^_`{|}~-@a.b", "name@beispiel", "@beispiel.de", "name@", "name@.de",
        "name@beispiel..de", "name@@beispiel.de", "name@bei_spiel.de", "nämé@beispiel.de",
        "name@beïspiel.de", "name@beispiel.de\n", "name@beispiel.de\n\n", " name@beispiel.de",
        "name@beispiel.de ", "name beispiel@de.de", "name@beispiel.de.", "name@-.de",
        "\nname@beispiel.de", "ｎａｍｅ@beispiel.de", "name@beispiel.ｄｅ", "",
        *(f"na{c}me@beispiel.de" for c in _DIALECT),
    ],
}  # fmt: skip


def test_the_page_brings_pythons_patterns(form):
    data = form.evaluate("JSON.parse(document.getElementById('bib-submit-data').textContent)")
    assert data["patterns"] == PATTERNS | IN_TEXT
    assert data["phoneDigits"] == list(PHONE_DIGITS)
    assert data["contactBelongs"] == WHERE_CONTACT_BELONGS
    # and the script compiles exactly these, without flags
    compiled = form.evaluate(
        f"async (patterns) => {{ const m = {_MODULE}; return Object.keys(patterns).every("
        "k => m.PATTERNS[k].source === new RegExp(patterns[k]).source && !m.PATTERNS[k].flags)"
        " && Object.keys(m.PATTERNS).length === Object.keys(patterns).length; }",
        PATTERNS | IN_TEXT,
    )
    assert compiled is True


@pytest.mark.parametrize("name", list(PATTERNS))
def test_python_and_javascript_read_a_pattern_alike(form, name):
    samples = SAMPLES[name]
    assert len(samples) >= 30
    matched = form.evaluate(
        f"async ([name, samples]) => {{ const m = {_MODULE}; "
        "return samples.map(s => m.PATTERNS[name].test(s)); }",
        [name, samples],
    )
    expected = [re.fullmatch(PATTERNS[name], sample) is not None for sample in samples]
    differ = [s for s, js, py in zip(samples, matched, expected, strict=True) if js != py]
    assert differ == []
    assert True in expected
    assert False in expected


# --- d. personal data in free text ------------------------------------------------------------

PERSONAL = [
    "",
    "Kein Kontakt im Text.",
    "info@buecherei.example",
    "Schreiben Sie an leitung@musterdorf.example.",
    "a.b+c@d-e.f.example, x_y%z@sub.domain.de und nochmal a.b+c@d-e.f.example",
    "name@beispiel",  # no top-level domain
    "name@beispiel.d",  # one letter is none
    "@beispiel.de and name@",
    "nämé@beispiel.de",  # ASCII only: the part after the umlaut is found
    "ＦＵＬＬ@ｗｉｄｔｈ.ｄｅ",
    "E-Mail: info@buecherei.example.\nTelefon: 0211 1234567",
    "Anruf genügt: +49 211 1234567",
    "+49 (0) 211 / 123 45-67",
    "0049 211 1234567",
    "0171/1234567",
    "Tel. 06221-987654 oder 06221 98765-0",
    "0211 123",  # too few digits
    "0211 1234 5678 9012 3456",  # too many for E.164
    "+1 555 0100 200",
    "+0 123 456 789",  # no country code starts with 0
    "00 1234567",
    "01.02.2024",
    "Am 01.02.2024 um 10:00",
    "0,5 Prozent",
    "1,0123456 je Gruppe",  # continues a number
    "ISBN 3-0123-4567-8",
    "A0123456789",  # continues a word
    "x.0123456789",
    "Ruf 0123456789an",
    "Nummer (0211) 1234567",
    "(0211) 1234567",
    "Fax:0211/123456-7",
    "Zeile 1\n0211 1234567\nZeile 3 +49 30 123456",
    "Windows\r\n0211 1234567",
    "０２１１ １２３４５６７",  # full-width digits: not ASCII
    "٠٢١١ ١٢٣٤٥٦٧",
    "0211\u00a01234567",  # a no-break space is none of the allowed separators
    "0211 1234567 0211 7654321",
    "02111234567890123456789012345678",
    "Emoji 📚 0211 1234567 📚 mail@emoji.example",
    "0 211 1234567",
    "+49211123456",
    "Preis: 012,50 €",
    "Postleitzahl 01234 Dresden",
    "Kontonummer DE12 3456 7890 1234 5678 90",
    "Uhrzeit 08-12 und 14-18",
    "+4 9",
    "0-1-2-3-4-5-6-7",
]


def test_personal_data_is_found_alike(form):
    """The same addresses and numbers, on the same lines, in the same words."""
    assert len(PERSONAL) >= 40
    found = js_map(form, "personalData", PERSONAL)
    expected = [[list(item) for item in personal_data(text)] for text in PERSONAL]
    differ = [(t, js, py) for t, js, py in zip(PERSONAL, found, expected, strict=True) if js != py]
    assert differ == []
    assert [] in expected  # the cases reach both sides
    assert sum(1 for e in expected if e) >= 15
    messages = form.evaluate(
        f"async (cases) => {{ const m = {_MODULE}; "
        "return cases.map(c => m.personalDataMessage(c[0], c[1])); }",
        [["Telefonnummer „0211 1234567“", "im Titel"], ["E-Mail-Adresse „a@b.de“", "im Porträt"]],
    )
    assert messages == [
        personal_data_message("Telefonnummer „0211 1234567“", "im Titel"),
        personal_data_message("E-Mail-Adresse „a@b.de“", "im Porträt"),
    ]
