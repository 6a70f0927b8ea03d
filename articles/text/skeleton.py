"""A phonetic skeleton of a name, the same for its Arabic and Latin spellings.

Normalization (camel-tools) settles hamza, ya and ta marbuta; it cannot know that
سيرغي and سيرجي transcribe the same "g", that باشينيان and باشنيان differ by a long
vowel only, or that "Lavrov" is لافروف. The skeleton keeps the consonants of a name
in broad sound classes and drops vowels, long-vowel letters and glottal stops, in
both scripts:

    لافروف, Lavrov → LFRF      باشينيان, باشنيان, Pashinyan → BSN
    سيرغي, سيرجي, Sergei → SRK  علييف, عليف, Aliyev → LF

It is a key for matching names, never shown to anyone.
"""

from __future__ import annotations

import re

from articles.text.normalize import normalize

# Arabic letters (after normalization) → sound class; absent letters are vowels or glottals.
_ARABIC = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T",
    "ث": "S", "س": "S", "ص": "S", "ش": "S", "ز": "S", "ذ": "S", "ظ": "S", "چ": "S",
    "د": "D", "ض": "D",
    "ك": "K", "ق": "K", "غ": "K", "ج": "K", "گ": "K",
    "ه": "H", "ح": "H", "خ": "H",
    "ف": "F", "ڤ": "F",
    "ل": "L", "م": "M", "ن": "N", "ر": "R",
}  # fmt: skip
# Latin spellings, digraphs first: "sh", "ch", "kh", "zh", "ph", "gh", "tch", "dj", "ts".
_LATIN_DIGRAPHS = re.compile(r"tch|sch|sh|ch|zh|kh|ph|gh|dj|dzh|ts|th|ck|x")
_LATIN_DIGRAPH_CLASS = {
    "tch": "S", "sch": "S", "sh": "S", "ch": "S", "zh": "S", "kh": "H", "ph": "F", "gh": "K",
    "dj": "K", "dzh": "K", "ts": "S", "th": "T", "ck": "K", "x": "KS",
}  # fmt: skip
_LATIN = {
    "b": "B", "p": "B", "t": "T", "s": "S", "z": "S", "c": "K", "d": "D", "k": "K", "q": "K",
    "g": "K", "j": "K", "h": "H", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N", "r": "R",
}  # fmt: skip


def skeleton(text: str) -> str:
    """Sound classes of each word, vowels dropped, repeats collapsed; words joined by spaces."""
    words = []
    for word in normalize(text).split():
        if word.isascii():
            word = _LATIN_DIGRAPHS.sub(lambda m: _LATIN_DIGRAPH_CLASS[m.group()], word)
            classes = "".join(_LATIN.get(c, c if c.isupper() else "") for c in word)
        else:
            classes = "".join(_ARABIC.get(c, "") for c in word)
        collapsed = re.sub(r"(.)\1+", r"\1", classes)
        if collapsed:
            words.append(collapsed)
    return " ".join(words)
