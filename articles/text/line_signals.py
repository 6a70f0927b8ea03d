"""The second layer of cleaning: what a line's own words and shape say it is.

Each signal gives a value between 0 and 1; `articles/data/cleaning.toml` weighs them, and
a line whose weighted signals reach the threshold is noise, the heaviest signal being its
reason: the share of its words that are furniture vocabulary (`furniture.py`), a "read
also" lead-in, separators between short items, Latin-only lines on an Arabic page, ad
sizes and ids, captions and credits, repeats, stubs, lines without letters.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from articles.text.furniture import WEIGHTS_PATH, Coverage, Vocabulary
from articles.text.marks import strip_marks
from articles.text.normalize import normalized_words
from articles.text.page import PageLine

LONG_LINE_WORDS = 40  # past this many words a line is judged as a paragraph, by its furniture share alone
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_SEPARATOR = re.compile(r"[|›‹•·☰⟩⟨▸►◄◂▶◀→←~]|\s[/>\\»«]\s")
_DASH_SEPARATOR = re.compile(r"\s[-–—ـ]\s")
SENTENCE_MARKS = ".!؟?…:؛"
STATEMENT_MARKS = ".!…:؛"  # not a question: headlines ask them
_CLOSING = "'\"»”)] "
_LATIN_NOISE = re.compile(
    r"\b\d{2,4}\s*[x×]\s*\d{2,4}\b|div-gpt|gpt-ad|adsbygoogle|googletag|ad-?slot|\bdfp\b|banner-\w+",
    re.IGNORECASE,
)
# A caption ends with its credit in brackets: "… في الخرطوم (رويترز)", "… (أرشيفية)".
_CREDIT_AT_END = re.compile(r"[(\[]\s*[^()\[\].!؟?]{2,40}[)\]]\s*$")
_TRAILING_LABEL = re.compile(r"\s[-–—|]\s*\(?([^\-–—|()]{2,25})\)?\s*$")
_LEAD_IN_MARK = re.compile(r"^\s*[^:：|\-–—….]{1,40}?\s*(?:[:：|\-–—…]|\.{2,})")


@dataclass(frozen=True)
class Weights:
    threshold: float
    signals: dict[str, float]
    structure: dict[str, float]
    headline: dict[str, float]
    agency_words: frozenset[str]


@cache
def load_weights(path: Path = WEIGHTS_PATH) -> Weights:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    agencies = frozenset(strip_marks(word) for word in data["agencies"]["words"])
    return Weights(
        float(data["threshold"]),
        dict(data["weights"]),
        dict(data["structure"]),
        dict(data["headline"]),
        agencies,
    )


@dataclass
class LineSignals:
    coverage: Coverage
    values: dict[str, float]
    words: tuple[str, ...]
    ends_sentence: bool
    top: str = ""  # the signal that weighs most


def line_signals(text: str, vocabulary: Vocabulary, seen: set[tuple[str, ...]]) -> LineSignals:
    word_list = normalized_words(text)
    words = tuple(word_list)
    coverage = vocabulary.cover(word_list)
    values: dict[str, float] = {"furniture": coverage.share}
    ends_sentence = ends_with(text, SENTENCE_MARKS)
    if words and words in seen:
        values["repeated"] = 1.0
    seen.add(words)
    if len(words) > LONG_LINE_WORDS:
        # A paragraph's length: no menu, button, caption or lead-in is this long.
        return LineSignals(coverage, values, words, ends_sentence)
    role = vocabulary.roles.get(coverage.leading, "")
    marked = bool(coverage.leading) and _LEAD_IN_MARK.match(text) is not None
    if coverage.leading == "navigation" and marked and not ends_sentence and coverage.leading_words <= 3:
        values["list_lead_in"] = 1.0  # a ticker: "عاجل | …", "آخر الأخبار: …"
    if role in ("list", "end") and coverage.leading_words <= 4:
        # "اقرأ أيضا: …", "الأكثر قراءة | …", or a two-word lead-in with no mark ("إقرأ أيضا السيسي يستقبل …").
        headline_follows = len(words) >= coverage.leading_words + 3
        if headline_follows and (
            marked or (coverage.leading_words >= 2 and not ends_sentence and len(words) <= 24)
        ):
            values["list_lead_in"] = 1.0
    # A line ending a sentence is no menu: a dateline lede has dashes too ("موسكو - 1 نوفمبر (وكالات) - …").
    separators = 0 if ends_sentence else len(_SEPARATOR.findall(text))
    dashes = 0 if ends_sentence else len(_DASH_SEPARATOR.findall(text))
    if dashes >= 2:
        separators += dashes
    if separators:
        per_item = len(words) / (separators + 1)
        values["separators"] = 1.0 if separators >= 2 and per_item <= 4 else 0.5 if per_item <= 3 else 0.0
        if separators >= 2 and _is_breadcrumb(text):
            values["separators"] = 1.0
    has_arabic = bool(_ARABIC.search(text))
    if not has_arabic and _LATIN.search(text):
        values["latin_only"] = 1.0
    elif separators and _is_bilingual(text):
        values["bilingual"] = 1.0
    if (not has_arabic or _LATIN.search(text)) and _LATIN_NOISE.search(text):
        values["latin_noise"] = 1.0
    if not ends_sentence and _is_media_caption(text, coverage, vocabulary):
        values["photo_credit"] = 1.0
    if (
        not ends_sentence
        and len(words) <= 30
        and text.endswith((")", "]"))
        and has_arabic
        and _CREDIT_AT_END.search(text)
    ):
        values["photo_credit"] = 1.0
    if coverage.content <= 2 and not ends_sentence:
        values["stub"] = 1.0
    if not any(char.isalpha() for char in text):
        values["no_letters"] = 1.0
    return LineSignals(coverage, values, words, ends_sentence)


def ends_with(text: str, marks: str) -> bool:
    """Whether the line ends with one of `marks`, before any closing quote or bracket."""
    last = text.rstrip(_CLOSING)[-1:]
    return bool(last) and last in marks


def _is_media_caption(text: str, coverage: Coverage, vocabulary: Vocabulary) -> bool:
    """A photo or video label: "فيديو | طوابير أمام المخابز", "المبعوث الأممي في عدن - أرشيفية"."""
    if coverage.leading == "media-label" and _LEAD_IN_MARK.match(text):
        return True
    tail = _TRAILING_LABEL.search(text, max(0, len(text) - 40))
    return tail is not None and vocabulary.cover(normalized_words(tail.group(1))).share == 1.0


def _is_bilingual(text: str) -> bool:
    """A name given in both scripts: "المُحقِّق | Al-Muhaqqiq" (a site's logo, a section's label)."""
    items = [item for item in _SEPARATOR.split(text) if item.strip()]
    latin_only = [not _ARABIC.search(item) and bool(_LATIN.search(item)) for item in items]
    return 2 <= len(items) <= 3 and any(latin_only) and not all(latin_only)


def _is_breadcrumb(text: str) -> bool:
    """Short items joined by separators, the last one as long as it likes: "الرئيسية » عربي » <headline>"."""
    items = [item for item in _SEPARATOR.split(text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items[:-1])


def score_lines(page: list[PageLine], vocabulary: Vocabulary, weights: Weights) -> list[LineSignals]:
    seen: set[tuple[str, ...]] = set()
    structure, weight = weights.structure, weights.signals
    min_words, long_words = structure["prose_min_words"], structure["prose_long_words"]
    max_furniture = structure["prose_max_furniture"]
    every = []
    for line in page:
        signals = line_signals(line.text, vocabulary, seen)
        line.words = signals.words
        weighed = [(weight[name] * value, name) for name, value in signals.values.items() if value]
        if weighed:
            line.score = sum(value for value, _ in weighed)
            signals.top = max(weighed)[1]
        coverage = signals.coverage
        line.prose = (
            line.kept
            and line.score < weights.threshold
            and coverage.content >= min_words
            and coverage.share <= max_furniture
            and (coverage.content >= long_words or ends_with(line.text, STATEMENT_MARKS))
        )
        every.append(signals)
    return every


def noise_reason(signals: LineSignals, vocabulary: Vocabulary) -> str:
    top = signals.top
    if top in ("furniture", "list_lead_in") and signals.coverage.categories:
        return signals.coverage.leading or signals.coverage.categories[0]
    return top.replace("_", "-")
