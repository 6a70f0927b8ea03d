"""What share of a line is page furniture: vocabulary matched on normalized words.

The vocabulary (`articles/data/furniture.toml`) lists the words and phrases of
menus, buttons, boxes and footers by category. A line's words are normalized
(`normalize`), so hamza, ta marbuta, alef maksura, diacritics and Latin case never
matter, and the longest phrase wins at each word. Function words are neutral: they
count neither as furniture nor against it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from articles.text.normalize import normalize, normalize_phrase, normalized_words

DATA = Path(__file__).resolve().parent.parent / "data"
FURNITURE_PATH = DATA / "furniture.toml"
WEIGHTS_PATH = DATA / "cleaning.toml"
ROLES = {"furniture", "list", "end"}
PARAGRAPH_WORDS = 40  # past this many words only a line's opening is looked up
OPENING_WORDS = 6


@dataclass(frozen=True)
class Coverage:
    content: int  # words that are neither neutral nor digits
    furniture: int  # of those, words inside a furniture phrase
    categories: tuple[str, ...]  # categories matched, in line order
    leading: str  # category of a phrase that opens the line ("" if none)
    leading_words: int  # words that phrase spans

    @property
    def share(self) -> float:
        return self.furniture / self.content if self.content else 0.0


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[
        str, tuple[tuple[tuple[str, ...], str], ...]
    ]  # first word → (phrase, category), longest first
    roles: dict[str, str]  # category → role
    neutral: frozenset[str]

    def cover(self, words: list[str]) -> Coverage:
        neutral, phrases = self.neutral, self.phrases
        # Neutral words and numbers count for nothing (C-level counting: lines are many).
        content = len(words) - sum(map(neutral.__contains__, words)) - sum(map(str.isdigit, words))
        if len(words) > PARAGRAPH_WORDS:
            # A paragraph: only its opening words can make it furniture ("اقرأ أيضا: …").
            opening = self.cover(words[:OPENING_WORDS])
            return Coverage(
                content, opening.furniture, opening.categories, opening.leading, opening.leading_words
            )
        # Most words of a line of prose start no phrase: only the others are looked at.
        starts = [index for index, word in enumerate(words) if word in phrases]
        categories: list[str] = []
        leading, leading_words = "", 0
        furniture = 0
        reached = 0  # words before this index are inside a phrase already counted
        for index in starts:
            if index < reached:
                continue
            match = self._longest_at(words, index)
            if match is None:
                continue
            phrase, category = match
            if not categories and all(_is_neutral(word, neutral) for word in words[:index]):
                leading, leading_words = category, index + len(phrase)
            categories.append(category)
            reached = index + len(phrase)
            furniture += sum(not _is_neutral(word, neutral) for word in phrase)
        return Coverage(content, furniture, tuple(categories), leading, leading_words)

    def loose_words(self, text: str) -> int:
        """Words of `text` that are neither furniture nor neutral."""
        coverage = self.cover(normalized_words(text))
        return coverage.content - coverage.furniture

    def _longest_at(self, words: list[str], index: int) -> tuple[tuple[str, ...], str] | None:
        for phrase, category in self.phrases.get(words[index], ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                return phrase, category
        return None


def _is_neutral(word: str, neutral: frozenset[str]) -> bool:
    return word in neutral or word.isdigit()


@cache
def load_vocabulary(path: Path = FURNITURE_PATH, weights_path: Path = WEIGHTS_PATH) -> Vocabulary:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    with weights_path.open("rb") as handle:
        neutral = frozenset(normalize(word) for word in tomllib.load(handle)["neutral"]["words"])
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    roles = {}
    for category in data["category"]:
        name, role = category["name"], category["role"]
        if role not in ROLES:
            raise ValueError(f"{path}: category {name!r} has unknown role {role!r}")
        roles[name] = role
        for text in category["phrases"]:
            phrase = tuple(normalize_phrase(text).split())
            if phrase:
                by_first.setdefault(phrase[0], []).append((phrase, name))
    phrases = {
        first: tuple(sorted(dict.fromkeys(entries), key=lambda entry: -len(entry[0])))
        for first, entries in by_first.items()
    }
    return Vocabulary(phrases, roles, neutral)
