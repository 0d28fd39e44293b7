r"""German text normalisation for the full-text search, shared by index and browser.

Tokenising and folding are the search variant of ``core.text`` (ids fold differently:
ä → ae there, ä → a here); this module adds the stop words and the stemmer.

``generator/render/assets/finder/search.js`` implements exactly the same steps (``tokenize``,
``fold``, ``stem``, the stop words); ``tests/browser/test_search_parity.py`` checks that both
give the same results for the same text. Change both or neither, and bump
``NORMALISER_VERSION`` (it is part of the search index's cache key and of the pipeline
label).

Steps for one word:

1. tokenise: maximal runs of letters and digits (``[\\p{L}\\p{N}]+``), so hyphens and
   punctuation separate words;
2. fold: lower case, accents removed (NFD, combining marks U+0300–U+036F dropped),
   ß → ss, then ae → a, oe → o, ue → u: „Leseförderung“, „Lesefoerderung“ and
   „Leseforderung“ all become ``leseforderung``;
3. stop words (after folding) and one-letter words are dropped;
4. stem: a light German suffix stemmer after Savoy's light stemmer (as in Lucene's
   ``GermanLightStemmer``): „Veranstaltungen“ and „Veranstaltung“ both become
   ``veranstaltung``, „Kindern“ and „Kinder“ become ``kind``.
"""

from __future__ import annotations

from functools import lru_cache

from ..core import text as _text

NORMALISER_VERSION = 1
PIPELINE_LABEL = f"de-normalise-{NORMALISER_VERSION}"

# Folded forms (see fold) of frequent German words that carry no meaning for a search.
_STOP_WORDS_TEXT = (
    "aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bzw "
    "da damit dann das dass dem den denn der des die dies diese diesem diesen dieser "
    "dieses doch dort du durch ein eine einem einen einer eines er es etwa fur gegen hat "
    "hatte hatten haben ich ihr ihre ihrem ihren ihrer im in ist ja je jede jedem jeden "
    "jeder jedes kann konnen man mit nach nicht noch nun nur ob oder ohne sehr sein seine "
    "seinem seinen seiner sich sie sind so sowie uber um und uns unser unsere unter vom "
    "von vor war waren was weil wenn werden wie wir wird wo wurde wurden zu zum zur "
    "zwischen"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_S_ENDING = frozenset("bdfghklmnrt")  # letters before a plural/genitive -s
_ST_ENDING = frozenset("bdfghklmnt")  # letters before a verb ending -st


def tokenize(text: str) -> list[str]:
    """Words of ``text``: runs of letters and digits, as written."""
    return _text.words(text)


def fold(word: str) -> str:
    """Lower case without accents; umlauts and their two-letter spellings become one."""
    return _text.search_fold(word)


def stem(word: str) -> str:
    """Strip common German inflection suffixes from a folded word."""
    n = len(word)
    # step 1: plural and case endings
    if n > 5 and word.endswith("ern"):
        n -= 3
    elif n > 4 and word[n - 2] == "e" and word[n - 1] in "mnrs":
        n -= 2
    elif (n > 3 and word[n - 1] == "e") or (
        n > 3 and word[n - 1] == "s" and word[n - 2] in _S_ENDING
    ):
        n -= 1
    # step 2: comparative/superlative and verb endings
    if n > 5 and word.endswith("est", 0, n):
        n -= 3
    elif (n > 4 and word[n - 2] == "e" and word[n - 1] in "rn") or (
        n > 4 and word.endswith("st", 0, n) and word[n - 3] in _ST_ENDING
    ):
        n -= 2
    return word[:n]


@lru_cache(maxsize=100_000)
def term(word: str) -> str | None:
    """The index term of one word, or None when the word is not indexed."""
    folded = fold(word)
    if len(folded) < 2 or folded in STOP_WORDS:
        return None
    return stem(folded)


def terms(text: str) -> list[str]:
    """Index terms of a text, in order, with repetitions."""
    result = []
    for word in tokenize(text):
        t = term(word)
        if t:
            result.append(t)
    return result
