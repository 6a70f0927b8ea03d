"""Longest-match lookup of dictionary phrases over the normalized tokens of a text.

Arabic attaches proclitics to the word they precede: و ف (and, so), ب ل ك (in, for,
like) and the article ال, in combinations (وال، بال، لل، فب…). A name must be
found under them ("ولافروف", "بموسكو", "للأرميني"), but stripping must never break a
name that merely begins with those letters (وليد، بيراموف، لافروف، فلاديمير): the
word as written is always tried first, and a stripped form counts only when the
dictionary knows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from articles.tagging.lexicon import END, OPENINGS_KEPT, Trie
from articles.text.normalize import Token, normalize

MIN_STEM = 2  # letters left after stripping clitics


@dataclass(frozen=True)
class Match:
    first: int  # token indexes, end exclusive
    last: int
    payloads: frozenset
    prefix: str  # the proclitic the first word carried ("", "و", "بال"…)


def normalized_tokens(tokens: list[Token]) -> list[str]:
    return [normalize(token.text) for token in tokens]


@cache
def clitic_prefixes() -> tuple[tuple[str, bool], ...]:
    """(proclitic string, whether it carries the article), longest first."""
    found = set()
    for conjunction in ("", "و", "ف"):
        for preposition in ("", "ب", "ل", "ك"):
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if preposition == "ل" and article:
                    prefix = conjunction + "لل"  # ل + ال is written لل
                if prefix:
                    found.add((prefix, bool(article)))
    return tuple(sorted(found, key=lambda item: -len(item[0])))


@lru_cache(maxsize=1 << 16)
def stems(word: str) -> tuple[tuple[str, str], ...]:
    """(form, proclitic): the word as written, then the forms under each proclitic it may carry.

    Cached: news vocabulary repeats, and every cue and dictionary lookup asks again."""
    forms = [(word, "")]
    for prefix, has_article in clitic_prefixes():
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            stem = word[len(prefix) :]
            if has_article:  # keep the article: "والأرميني" → "الأرميني" under "و"
                clitic = prefix[:-2] if prefix.endswith("ال") else prefix[:-1]  # لل = ل + ال
                forms.append(("ال" + stem, clitic))
            forms.append((stem, prefix))
    return tuple(forms)


def openings(trie: dict, word: str) -> tuple[tuple[str, dict], ...]:
    """(proclitic, node) for each form of `word` that begins a phrase of `trie`, the word as
    written first; remembered by a `Trie`."""
    memory = trie.openings if isinstance(trie, Trie) else {}
    found = memory.get(word)
    if found is None:
        found = tuple((prefix, trie[form]) for form, prefix in stems(word) if form in trie)
        if len(memory) >= OPENINGS_KEPT:
            memory.clear()
        memory[word] = found
    return found


def starts(trie: dict, words: list[str]) -> list[int]:
    """The positions in `words` where a phrase of `trie` may begin, in order."""
    known = trie.openings.get if isinstance(trie, Trie) else {}.get  # inline: runs for every word
    return [
        i
        for i, word in enumerate(words)
        if (found if (found := known(word)) is not None else openings(trie, word))
    ]


def find_longest(trie: dict, words: list[str], start: int = 0) -> list[Match]:
    """Non-overlapping longest matches, left to right."""
    matches = []
    position = start
    for candidate in starts(trie, words):
        if candidate >= position and (match := match_at(trie, words, candidate)) is not None:
            matches.append(match)
            position = match.last
    return matches


def match_at(trie: dict, words: list[str], position: int) -> Match | None:
    """The longest phrase starting at `position`; the unstripped word wins a tie."""
    best = None
    for prefix, node in openings(trie, words[position]):
        index = position + 1
        while node is not None:
            if END in node and (best is None or index > best.last):
                best = Match(position, index, frozenset(node[END]), prefix)
            if index >= len(words):
                break
            node = node.get(words[index])
            index += 1
    return best
