"""One normalization for everything we match: dictionary aliases, article text, queries.

camel-tools is the source of truth: its `arclean` map (Unicode clean-up, presentation
forms, Persian letters and digits, diacritics, tatweel), alef/hamza, alef maksura and
teh marbuta normalizations. Those are per-character maps, so their composition is
also a per-character map; we evaluate camel-tools once per character at import and
keep the result as a `str.translate` table, which is two orders of magnitude faster.
`normalize_reference` runs camel-tools itself; a test checks both agree.

arclean is a whitelist: characters it does not list (Cyrillic, emoji, most symbols)
are deleted, and so they are here.

Two deliberate additions on top of camel-tools, both per character:
- zero-width (non-)joiners are deleted, where arclean turns them into spaces: in
  Arabic news text they are stray marks inside words, not word boundaries;
- Latin letters are case-folded and stripped of accents ("Erdoğan" → "erdogan"),
  so Latin-script names match however they are typed.

Display text is never normalized: we keep offsets into the original and normalize
token by token.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import regex
from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

_ARCLEAN = CharMapper.builtin_mapper("arclean")
_ZERO_WIDTH_JOINERS = "\u200c\u200d"
# Latin-1 Supplement and Latin Extended-A/B: where accented Latin names live.
_LATIN_ACCENTED = range(0x00C0, 0x0250)


def _camel_pipeline(text: str) -> str:
    text = _ARCLEAN.map_string(text)
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    return normalize_teh_marbuta_ar(text)


def _fold_latin(text: str) -> str:
    """Lower-case Latin letters and drop their accents; other characters pass through."""
    folded = []
    for char in text:
        if char.isascii() or ord(char) in _LATIN_ACCENTED:
            decomposed = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        folded.append(char)
    return "".join(folded)


def _without_zero_width_joiners(text: str) -> str:
    return text.translate({ord(c): None for c in _ZERO_WIDTH_JOINERS})


def normalize_reference(text: str) -> str:
    """The same normalization done by camel-tools itself: slow, for tests only."""
    return _camel_pipeline(_fold_latin(_without_zero_width_joiners(text)))


class _Table(dict):
    """A translate table that deletes what arclean does not list (its default is deletion)."""

    def __missing__(self, code: int) -> None:
        self[code] = None
        return None


def _build_table() -> _Table:
    # Every character any of the maps touches: arclean's domain plus what the
    # alef/maksura/teh-marbuta and diacritic steps change.
    domain = (
        set(_ARCLEAN._charmap)
        | {chr(c) for c in range(0x0600, 0x0700)}
        | {chr(c) for c in range(ord("A"), ord("Z") + 1)}
        | {chr(c) for c in _LATIN_ACCENTED}
        | set(_ZERO_WIDTH_JOINERS)
    )
    table = _Table()
    for char in domain:
        mapped = normalize_reference(char)
        table[ord(char)] = mapped if mapped != char else char
    return table


_TABLE = _build_table()
# The same table as a plain dict over the Basic Multilingual Plane: str.translate reads a
# plain dict faster than one with __missing__. Characters past it (emoji, rare scripts)
# are absent from it, so texts holding one take the full table, which deletes them.
_BMP_TABLE = {code: _TABLE[code] for code in range(0x10000)}
_PAST_BMP = regex.compile("[\U00010000-\U0010ffff]")


def normalize(text: str) -> str:
    """Orthographic normalization of Arabic (and Latin) text for matching."""
    return text.translate(_TABLE if _PAST_BMP.search(text) else _BMP_TABLE)


class Token(NamedTuple):
    text: str  # as displayed
    start: int  # offsets into the display text
    end: int


# A word: letters, combining marks (diacritics), digits, and the zero-width
# joiners that scraped Arabic text carries inside words. Tatweel is a letter (Lm).
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")


def tokenize(text: str) -> list[Token]:
    """Words of the display text with their offsets (punctuation is dropped)."""
    tokens = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        tokens.append(Token(text[start:end], start, end))  # slicing: faster than the match's group()
    return tokens


# For the words of a whole text at once: the same table for the characters of words,
# and a space for every other character, as `normalize_phrase` (word by word) never
# lets one join or add to the words around it. Its output
# holds only what the table outputs (Arabic and Latin letters, digits, a little
# punctuation) and spaces: there, the standard library's word class is exactly `_WORD`
# (a test checks every character) and it is faster.
_WORDS_TABLE = {code: mapped if _WORD.fullmatch(chr(code)) else " " for code, mapped in _BMP_TABLE.items()}
_NORMALIZED_WORD = re.compile(r"[^\W_]+")


def normalized_words(text: str) -> list[str]:
    """The normalized words of a text, as `normalize_phrase(text).split()` gives them,
    with one translate for the whole text (a property test checks they agree)."""
    if _PAST_BMP.search(text):
        return normalize_phrase(text).split()
    return _NORMALIZED_WORD.findall(text.translate(_WORDS_TABLE))


def normalize_phrase(text: str) -> str:
    """Normalized words joined by single spaces: the key for aliases, queries and hashes."""
    return " ".join(word for word in map(normalize, _WORD.findall(text)) if word)
