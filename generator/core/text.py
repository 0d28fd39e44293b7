"""German text folded for machines: the steps that ids, the search index and the comparison
of titles share, and the two variants in which they must differ.

- **Id variant** (``ascii_fold``, ``ascii_words``): umlauts and ß are spelled out
  (ä → ae, ß → ss), other accents dropped, everything outside ASCII removed, lower case.
  Ids are file names and addresses; „buecherei“ reads as the word, „bucherei“ does not.
  ``core.ids.propose_id`` joins these words with hyphens, ``validate.duplicates`` compares
  titles by them. ``render/assets/einreichen.js`` (``asciiFold``) mirrors this variant;
  ``tests/browser/test_parity.py`` checks that both propose the same ids.
- **Search variant** (``words``, ``search_fold``): words are runs of any letters and digits
  (Cyrillic stays Cyrillic), accents are dropped and both spellings of an umlaut meet in the
  plain vowel (ä, ae → a), so that „Leseförderung“, „Lesefoerderung“ and „Leseforderung“ find
  each other. ``index.search_text`` builds on it; ``render/assets/finder/search.js``
  mirrors it, and a change needs a new ``search_text.NORMALISER_VERSION``.
"""

from __future__ import annotations

import re
import unicodedata

# --- id variant ------------------------------------------------------------------------------

# ß and its capital, which NFKD keeps and the ASCII step would drop.
_SHARP_S = str.maketrans({"ß": "ss", "ẞ": "ss"})
# After NFKD an umlaut is its vowel with a combining diaeresis (U+0308), whether it was typed
# as one character or as two (macOS, some web pages), perhaps after other accents that NFKD
# sorts first: spelled out before accents are dropped, which would turn „ü“ into „u“.
_UMLAUT = re.compile("([aouAOU][\u0300-\u036f]*)\u0308")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def ascii_fold(text: str) -> str:
    """``Große Bücher, Café`` → ``grosse buecher, cafe``: lower-case ASCII; umlauts and ß
    spelled out, accents dropped, any other character outside ASCII removed."""
    text = unicodedata.normalize("NFKD", text.translate(_SHARP_S))  # é → e + accent, ﬁ → fi
    text = _UMLAUT.sub(r"\1e", text)
    return text.encode("ascii", "ignore").decode("ascii").lower()


def ascii_words(text: str) -> list[str]:
    """``Lese-Förderung 2024!`` → ``["lese", "foerderung", "2024"]``: the runs of letters and
    digits of ``ascii_fold(text)``."""
    return _ASCII_WORD.findall(ascii_fold(text))


# --- search variant --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script: \p{L}\p{N} in JavaScript
_MARKS = re.compile("[\u0300-\u036f]")  # combining accents, left over after NFD


def words(text: str) -> list[str]:
    """Runs of letters and digits of ``text``, as written: hyphens and punctuation separate."""
    return _WORD.findall(text)


def search_fold(word: str) -> str:
    """``Lesefoerderung``, ``Leseförderung`` → ``leseforderung``: lower case, accents dropped,
    ß → ss, and ae/oe/ue → a/o/u, so that an umlaut and its two-letter spelling are one."""
    word = _MARKS.sub("", unicodedata.normalize("NFD", word.lower()))
    return word.replace("ß", "ss").replace("ae", "a").replace("oe", "o").replace("ue", "u")
