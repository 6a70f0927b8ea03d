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

from articles.text.normalize import normalize, normalize_phrase

DATA = Path(__file__).resolve().parent.parent / "data"
FURNITURE_PATH = DATA / "furniture.toml"
WEIGHTS_PATH = DATA / "cleaning.toml"
ROLES = {"furniture", "list", "end"}


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
        covered = [False] * len(words)
        categories: list[str] = []
        leading, leading_words = "", 0
        index = 0
        while index < len(words):
            match = self._longest_at(words, index)
            if match is None:
                index += 1
                continue
            phrase, category = match
            opens_line = index == 0 or all(_is_neutral(w, self.neutral) for w in words[:index])
            if opens_line and not leading:
                leading, leading_words = category, index + len(phrase)
            for offset in range(len(phrase)):
                covered[index + offset] = True
            categories.append(category)
            index += len(phrase)
        content = furniture = 0
        for word, is_covered in zip(words, covered, strict=True):
            if _is_neutral(word, self.neutral):
                continue
            content += 1
            furniture += is_covered
        return Coverage(content, furniture, tuple(categories), leading, leading_words)

    def loose_words(self, text: str) -> int:
        """Words of `text` that are neither furniture nor neutral."""
        coverage = self.cover(normalize_phrase(text).split())
        return coverage.content - coverage.furniture

    def _longest_at(self, words: list[str], index: int) -> tuple[tuple[str, ...], str] | None:
        for phrase, category in self.phrases.get(words[index], ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                return phrase, category
        return None


def _is_neutral(word: str, neutral: frozenset[str]) -> bool:
    return word in neutral or word.isdigit() or (len(word) == 1 and not word.isalpha())


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
