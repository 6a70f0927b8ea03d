"""Judge each line of a scraped page: the article's text, its headline, or page furniture.

Three layers, each reporting why it removed a line, so an editor can see it:

1. **Patterns** (`articles/data/boilerplate.toml`): exact shapes an outlet's lines
   take, chiefly the labelled metadata ("بقلم: …", "المصدر: …", "نشر في: …").
2. **Signals** per line (`articles/data/cleaning.toml` weighs them): the share of its
   words that are furniture vocabulary (`furniture.py`), separators between short
   items, Latin-only lines on an Arabic page, ad sizes and ids, photo credits,
   repeats, stubs. Their weighted sum against a threshold says "noise".
3. **Structure**: the article is the page's largest run of prose paragraphs; the
   headline stands shortly before it, chosen by its overlap with the lede; what
   precedes the headline and follows the last paragraph is the page around the
   article; a "most read" or "read also" heading takes the headlines under it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from articles.text.furniture import WEIGHTS_PATH, Coverage, Vocabulary, load_vocabulary
from articles.text.marks import strip_marks, tidy_line
from articles.text.metadata import DateLine, byline_name, date_line, header_byline_name
from articles.text.normalize import normalize_phrase, normalized_words

LONG_LINE_WORDS = 40  # past this many words a line is judged as a paragraph, by its furniture share alone
PATTERN_MAX_CHARS = 200  # the pattern rules describe short lines; a paragraph is never one of them
EDITOR_RULE = "editor-rule"  # the reason shown for a line an editor's rule removed
RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.toml"
METADATA_ACTIONS = {"author", "source", "published"}
ACTIONS = {"drop", "drop_with_next", "drop_block", *METADATA_ACTIONS}

_DIGIT = re.compile(r"\d")
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_SEPARATOR = re.compile(r"[|›‹•·☰⟩⟨▸►◄◂▶◀→←~]|\s[/>\\»«]\s")
_DASH_SEPARATOR = re.compile(r"\s[-–—ـ]\s")
_SENTENCE_MARKS = ".!؟?…:؛"
_STATEMENT_MARKS = ".!…:؛"  # not a question: headlines ask them
_CLOSING = "'\"»”)] "
_LATIN_NOISE = re.compile(
    r"\b\d{2,4}\s*[x×]\s*\d{2,4}\b|div-gpt|gpt-ad|adsbygoogle|googletag|ad-?slot|\bdfp\b|banner-\w+",
    re.IGNORECASE,
)
# A caption ends with its credit in brackets: "… في الخرطوم (رويترز)", "… (أرشيفية)".
_CREDIT_AT_END = re.compile(r"[(\[]\s*[^()\[\].!؟?]{2,40}[)\]]\s*$")
# An item of a list the article makes: "- سلطان علي العرادة", "٣) …", "• …".
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪●◦]|[0-9٠-٩]{1,2}\s*[-.)])\s*\S")
_TRAILING_LABEL = re.compile(r"\s[-–—|]\s*\(?([^\-–—|()]{2,25})\)?\s*$")
_LEAD_IN_MARK = re.compile(r"^\s*[^:：|\-–—….]{1,40}?\s*(?:[:：|\-–—…]|\.{2,})")


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    pattern: re.Pattern[str]
    action: str
    last_lines: int | None = None


@dataclass(frozen=True)
class Weights:
    threshold: float
    signals: dict[str, float]
    structure: dict[str, float]
    agency_words: frozenset[str]


@dataclass
class PageLine:
    """One non-empty line of the page and what the cleaner decided for it."""

    text: str
    reason: str = ""  # why it was removed; "" when kept as text; "headline" for the headline
    score: float = 0.0
    prose: bool = False
    words: tuple[str, ...] = ()  # its normalized words: " ".join(words) == normalize_phrase(text)
    decided: str = ""  # an editor's rule decided it: "text" or "noise"

    @property
    def kept(self) -> bool:
        return not self.reason


@dataclass
class Cleaned:
    page: list[PageLine]
    metadata: dict[str, str] = field(default_factory=dict)  # author/source/published → raw value
    bylines: list[tuple[int, str]] = field(default_factory=list)  # (index in `page`, author named)
    weak_bylines: list[tuple[int, str]] = field(
        default_factory=list
    )  # the same, in forms without a lead word
    dates: list[tuple[int, DateLine]] = field(default_factory=list)  # (index in `page`, date stated)
    headline: int | None = None  # index in `page` of the line judged to be the headline
    start: int = 0  # index in `page` of the article's first paragraph
    end: int = 0  # index in `page` just past its last paragraph

    @property
    def lines(self) -> list[str]:
        return [line.text for line in self.page if line.kept]

    @property
    def kept_lines(self) -> list[PageLine]:
        return [line for line in self.page if line.kept]

    @property
    def removed(self) -> list[tuple[str, str]]:
        return [(line.reason, line.text) for line in self.page if line.reason and line.reason != "headline"]

    @property
    def headline_text(self) -> str:
        return self.page[self.headline].text if self.headline is not None else ""


@cache
def load_rules(path: Path = RULES_PATH) -> tuple[Rule, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    rules = []
    for entry in data["rule"]:
        if entry["action"] not in ACTIONS:
            raise ValueError(f"{path}: rule {entry['name']!r} has unknown action {entry['action']!r}")
        rules.append(
            Rule(
                name=entry["name"],
                reason=entry["reason"],
                pattern=re.compile(entry["pattern"], re.IGNORECASE),
                action=entry["action"],
                last_lines=entry.get("last_lines"),
            )
        )
    return tuple(rules)


@cache
def load_weights(path: Path = WEIGHTS_PATH) -> Weights:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    agencies = frozenset(strip_marks(word) for word in data["agencies"]["words"])
    return Weights(float(data["threshold"]), dict(data["weights"]), dict(data["structure"]), agencies)


def clean(
    text: str, rules: tuple[Rule, ...] | None = None, decisions: Mapping[str, str] | None = None
) -> Cleaned:
    """Judge every line of `text`. `decisions` (normalized line → "text" or "noise") are
    editors' rules for this source: they have the last word on the lines they name."""
    rules = load_rules() if rules is None else rules
    page = [PageLine(line) for line in map(tidy_line, text.splitlines()) if line]
    result = Cleaned(page=page)
    _apply_patterns(result, rules)
    vocabulary, weights = load_vocabulary(), load_weights()
    signals = _score_lines(result.page, vocabulary, weights)
    if decisions:
        _apply_decisions(result, decisions)
    _apply_tail_rules(result, rules, signals)
    _find_metadata_lines(result, vocabulary)
    _apply_structure(result, signals, vocabulary, weights)
    if decisions:
        _apply_decisions(result, decisions)
    return result


def _apply_decisions(result: Cleaned, decisions: Mapping[str, str]) -> None:
    """Editors' rules: a line judged noise goes, a line judged text stays (and counts as prose)."""
    for line in result.page:
        decision = decisions.get(" ".join(line.words))
        if decision == "noise":
            line.reason, line.prose, line.decided = EDITOR_RULE, False, decision
        elif decision == "text" and line.reason != "headline":
            line.reason, line.prose, line.decided = "", len(line.words) >= 3, decision


# Layer 1: patterns ---------------------------------------------------------------


def _apply_patterns(result: Cleaned, rules: tuple[Rule, ...]) -> None:
    body_rules = tuple(rule for rule in rules if rule.last_lines is None)
    page = result.page
    index = 0
    while index < len(page):
        line = page[index]
        rule = _first_match(body_rules, line.text)
        index += 1
        if rule is None:
            continue
        _remove(result, line, rule)
        if rule.action == "drop_with_next" and index < len(page):
            page[index].reason = rule.name
            index += 1
        elif rule.action == "drop_block":
            # The links under the heading, up to a metadata line (the source line often follows them).
            while index < len(page) and not page[index].prose and len(page[index].text.split()) <= 25:
                next_rule = _first_match(body_rules, page[index].text)
                if next_rule is not None and next_rule.action in METADATA_ACTIONS:
                    break
                page[index].reason = rule.name
                index += 1


def _apply_tail_rules(result: Cleaned, rules: tuple[Rule, ...], signals: list[_Signals]) -> None:
    """Sign-offs: among the last lines that are neither removed nor furniture ("— Advertisement —")."""
    furniture = {
        id(line)
        for line, line_signals in zip(result.page, signals, strict=True)
        if _is_furniture(line_signals)
    }
    for rule in (rule for rule in rules if rule.last_lines is not None):
        plain = [line for line in result.page if line.kept and id(line) not in furniture]
        for line in plain[-rule.last_lines :][::-1]:
            if rule.pattern.fullmatch(strip_marks(line.text)):
                _remove(result, line, rule)
                break


def _is_furniture(signals: _Signals) -> bool:
    return signals.coverage.share >= 0.5 or "latin_only" in signals.values or "latin_noise" in signals.values


def _remove(result: Cleaned, line: PageLine, rule: Rule) -> None:
    line.reason = rule.name
    if rule.action in METADATA_ACTIONS:
        match = rule.pattern.fullmatch(strip_marks(line.text))
        result.metadata.setdefault(rule.action, match.group("value").strip())


def _first_match(rules: tuple[Rule, ...], line: str) -> Rule | None:
    if len(line) > PATTERN_MAX_CHARS:
        return None
    visible = strip_marks(line)
    for rule in rules:
        if rule.pattern.fullmatch(visible):
            return rule
    return None


def _find_metadata_lines(result: Cleaned, vocabulary: Vocabulary) -> None:
    """Bylines and date lines in their unlabelled forms: metadata, never text or headline."""
    for index, line in enumerate(result.page):
        if not line.kept or line.decided:
            continue
        name = byline_name(line.text)
        if name:
            line.reason = "byline"
            result.bylines.append((index, name))
        if _DIGIT.search(line.text):
            found = date_line(line.text, vocabulary.loose_words)
            if found is not None:
                line.reason = line.reason or "date-line"
                result.dates.append((index, found))
        if line.reason:
            line.prose = False


# Layer 2: signals ----------------------------------------------------------------


@dataclass
class _Signals:
    coverage: Coverage
    values: dict[str, float]
    words: tuple[str, ...]
    ends_sentence: bool
    top: str = ""  # the signal that weighs most


def _signals(text: str, vocabulary: Vocabulary, seen: set[tuple[str, ...]]) -> _Signals:
    word_list = normalized_words(text)
    words = tuple(word_list)
    coverage = vocabulary.cover(word_list)
    values: dict[str, float] = {"furniture": coverage.share}
    ends_sentence = _ends(text, _SENTENCE_MARKS)
    if words and words in seen:
        values["repeated"] = 1.0
    seen.add(words)
    if len(words) > LONG_LINE_WORDS:
        # A paragraph's length: no menu, button, caption or lead-in is this long.
        return _Signals(coverage, values, words, ends_sentence)
    role = vocabulary.roles.get(coverage.leading, "")
    marked = _LEAD_IN_MARK.match(text) is not None
    if coverage.leading == "navigation" and marked and not ends_sentence and coverage.leading_words <= 3:
        values["list_lead_in"] = 1.0  # a ticker: "عاجل | …", "آخر الأخبار: …"
    if role in ("list", "end") and coverage.leading_words <= 4:
        # "اقرأ أيضا: …", "الأكثر قراءة | …", or a two-word lead-in with no mark ("إقرأ أيضا السيسي يستقبل …").
        headline_follows = len(words) >= coverage.leading_words + 3
        if headline_follows and (
            marked or (coverage.leading_words >= 2 and not ends_sentence and len(words) <= 24)
        ):
            values["list_lead_in"] = 1.0
    separators = len(_SEPARATOR.findall(text))
    dashes = len(_DASH_SEPARATOR.findall(text))
    if dashes >= 2:
        separators += dashes
    if separators and not ends_sentence:  # a dateline lede has dashes too: "موسكو - 1 نوفمبر (وكالات) - …"
        per_item = len(words) / (separators + 1)
        values["separators"] = 1.0 if separators >= 2 and per_item <= 4 else 0.5 if per_item <= 3 else 0.0
        if separators >= 2 and _is_breadcrumb(text):
            values["separators"] = 1.0
    has_arabic = bool(_ARABIC.search(text))
    if not has_arabic and _LATIN.search(text):
        values["latin_only"] = 1.0
    if (not has_arabic or _LATIN.search(text)) and _LATIN_NOISE.search(text):
        values["latin_noise"] = 1.0
    if _is_media_caption(text, coverage, vocabulary, ends_sentence):
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
    return _Signals(coverage, values, words, ends_sentence)


def _ends(text: str, marks: str) -> bool:
    """Whether the line ends with one of `marks`, before any closing quote or bracket."""
    return text.rstrip(_CLOSING)[-1:] in marks if text.rstrip(_CLOSING) else False


def _is_media_caption(text: str, coverage: Coverage, vocabulary: Vocabulary, ends_sentence: bool) -> bool:
    """ "فيديو | طوابير أمام المخابز", "المبعوث الأممي في عدن - أرشيفية": a photo or video label."""
    if ends_sentence:
        return False
    if coverage.leading == "media-label" and _LEAD_IN_MARK.match(text):
        return True
    tail = _TRAILING_LABEL.search(text, max(0, len(text) - 40))
    return tail is not None and vocabulary.cover(normalize_phrase(tail.group(1)).split()).share == 1.0


def _is_breadcrumb(text: str) -> bool:
    """Short items joined by separators, the last one as long as it likes: "الرئيسية » عربي » <headline>"."""
    items = [item for item in _SEPARATOR.split(text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items[:-1])


def _score_lines(page: list[PageLine], vocabulary: Vocabulary, weights: Weights) -> list[_Signals]:
    seen: set[tuple[str, ...]] = set()
    structure = weights.structure
    every = []
    for line in page:
        signals = _signals(line.text, vocabulary, seen)
        line.words = signals.words
        weighed = {name: weights.signals[name] * value for name, value in signals.values.items()}
        line.score = sum(weighed.values())
        top = max(weighed, key=weighed.get) if weighed else ""
        signals.top = top
        line.prose = (
            line.kept
            and line.score < weights.threshold
            and signals.coverage.content >= structure["prose_min_words"]
            and signals.coverage.share <= structure["prose_max_furniture"]
            and (
                _ends(line.text, _STATEMENT_MARKS)
                or signals.coverage.content >= structure["prose_long_words"]
            )
        )
        every.append(signals)
    return every


def _noise_reason(signals: _Signals, vocabulary: Vocabulary) -> str:
    top = signals.top
    if top in ("furniture", "list_lead_in") and signals.coverage.categories:
        return signals.coverage.leading or signals.coverage.categories[0]
    return top.replace("_", "-")


# Layer 3: structure --------------------------------------------------------------


def _apply_structure(
    result: Cleaned, signals: list[_Signals], vocabulary: Vocabulary, weights: Weights
) -> None:
    page, structure = result.page, weights.structure
    threshold = weights.threshold
    run = _article_run(page, signals, vocabulary, weights)
    if run is None:
        # No paragraph of prose: judge each line by its signals alone; a first line shaped
        # like a heading, with lines after it, is the headline.
        for line, line_signals in zip(page, signals, strict=True):
            if line.kept and line.score >= threshold:
                line.reason = _noise_reason(line_signals, vocabulary)
        kept = [index for index, line in enumerate(page) if line.kept]
        if len(kept) > 1 and _is_heading(page[kept[0]], signals[kept[0]], structure, threshold):
            result.headline = kept[0]
            page[kept[0]].reason = "headline"
        result.start, result.end = 0, len(page)
        return
    start, end = run
    # Sentences just before the first long paragraph belong to the article (a short lede).
    while start > 0 and _is_sentence(page[start - 1], signals[start - 1], threshold):
        start -= 1
    result.start, result.end = start, end
    _find_header_bylines(result, start, weights)
    result.headline = _headline(page, signals, start, structure, threshold)
    first_kept = start if result.headline is None else result.headline + 1
    for index in range(0, first_kept):
        if page[index].kept:
            page[index].reason = "before-article"
    if result.headline is not None:
        page[result.headline].reason = "headline"
    # Between the headline and the lede: a standfirst follows the headline directly; a
    # short line after a byline, a date or buttons is a photo caption.
    standfirst = result.headline is not None
    for index in range(first_kept, start):
        line = page[index]
        if not line.kept:
            standfirst = False
        elif line.score >= threshold:
            line.reason, standfirst = _noise_reason(signals[index], vocabulary), False
        elif signals[index].coverage.content < 5 or (not standfirst and signals[index].coverage.content < 12):
            line.reason = "article-header"
    _judge_article(result, signals, vocabulary, weights, start, end)
    # After the last paragraph: a closing sentence may follow; the rest is the page around it.
    index = end
    while index < len(page) and page[index].kept and _is_sentence(page[index], signals[index], threshold):
        index += 1
    for line in page[index:]:
        if line.kept:
            line.reason = "after-article"


def _find_header_bylines(result: Cleaned, start: int, weights: Weights) -> None:
    """Bylines without a lead word ("بغداد: مازن الحسيني") above the article, in its
    metadata block: next to a date line, or followed by buttons."""
    page = result.page
    lookback = int(weights.structure["headline_lookback"])
    for index in range(max(0, start - lookback), start):
        line = page[index]
        if not line.kept:
            continue
        after = page[index + 1] if index + 1 < len(page) else None
        before = page[index - 1] if index > 0 else None
        in_block = (
            after is not None and (after.reason in _METADATA_REASONS or after.score >= weights.threshold)
        ) or (before is not None and before.reason == "date-line")
        name = in_block and line.score == 0 and header_byline_name(line.text, weights.agency_words)
        if name:
            line.reason = "byline"
            result.weak_bylines.append((index, name))


def _article_run(page, signals, vocabulary: Vocabulary, weights: Weights) -> tuple[int, int] | None:
    """(first, past last) index of the largest block of prose lines.

    Prose lines belong to one block unless more than `gap_lines` lines that nothing
    explains stand between them: furniture, metadata and the headlines of a "read
    also" box are explained, so a box or an ad cluster inside the article does not
    cut it in two. A comments or footer heading always ends a block.
    """
    gap, max_item = weights.structure["gap_lines"], weights.structure["list_item_max_words"]
    runs: list[tuple[bool, int, int, int]] = []  # (before any end line, characters, first, last)
    current: list[int] | None = None
    chars = unexplained = 0
    in_box = ended = in_list = False
    for index, line in enumerate(page):
        if _is_end_line(signals[index], vocabulary) and current is not None:
            # A comment counter above the article ends nothing; a comments heading after prose does.
            runs.append((not ended, chars, current[0], current[1]))
            current, ended = None, True
        if not line.prose:
            if _is_box_heading(line, signals[index], vocabulary, weights.threshold):
                in_box = True
            elif in_box and _is_box_item(line, max_item):
                pass
            elif in_list and _LIST_ITEM.match(line.text):
                pass  # the points the article lists after "…، أبرزها:"
            elif line.kept and line.score < weights.threshold:
                in_box = False
                unexplained += 1
            in_list = (in_list and bool(_LIST_ITEM.match(line.text))) or line.text.endswith(":")
            continue
        in_list = line.text.endswith(":")
        if current is None or unexplained > gap:
            if current is not None:
                runs.append((not ended, chars, current[0], current[1]))
            current, chars = [index, index], 0
        current[1] = index
        chars += len(line.text)
        unexplained, in_box = 0, False
    if current is not None:
        runs.append((not ended, chars, current[0], current[1]))
    if not runs:
        return None
    # Prose after a comments or footer heading (readers' comments) is the article only on a page with nothing else.
    *_, first, last = max(runs)
    return first, last + 1


def _is_box_item(line: PageLine, max_words: float) -> bool:
    """Another story's headline under a box heading; a sentence or a lead-in ("أبرزها:") ends the box."""
    return not line.prose and len(line.text.split()) <= max_words and not _ends(line.text, _SENTENCE_MARKS)


def _is_box_heading(line: PageLine, signals: _Signals, vocabulary: Vocabulary, threshold: float) -> bool:
    """A "most read" / "read also" heading alone on its line: the lines under it are other stories."""
    return (
        vocabulary.roles.get(signals.coverage.leading) == "list"
        and line.score >= threshold
        and "list_lead_in" not in signals.values
    )


def _is_end_line(signals: _Signals, vocabulary: Vocabulary) -> bool:
    """A comments or footer heading: "التعليقات (2)", "3 تعليقات على «…»", "جميع الحقوق محفوظة"."""
    if vocabulary.roles.get(signals.coverage.leading, "") != "end":
        return False
    counted = signals.words[:1] and signals.words[0].isdigit()
    return signals.coverage.share >= 0.5 or bool(counted)


def _is_sentence(line: PageLine, signals: _Signals, threshold: float) -> bool:
    return line.kept and line.score < threshold and signals.ends_sentence and signals.coverage.content >= 4


def _headline(page, signals, start: int, structure: dict, threshold: float) -> int | None:
    """The line before the article that overlaps the lede most, nearer lines first.

    A line followed by the byline or date earns a bonus (captions and standfirsts come
    after them); of two candidates one above the other, the upper is the headline and
    the lower its standfirst.
    """
    lede = set()
    for index in range(start, min(start + 2, len(page))):
        lede.update(signals[index].words)
    lookback = int(structure["headline_lookback"])
    candidates = [index for index in range(start - 1, -1, -1) if page[index].kept][:lookback]
    scores = {}
    for rank, index in enumerate(candidates):
        line, line_signals = page[index], signals[index]
        if not _is_heading(line, line_signals, structure, threshold):
            continue
        content = set(line_signals.words)
        overlap = len(content & lede) / len(content) if content else 0.0
        metadata_after = any(page[later].reason in _METADATA_REASONS for later in range(index + 1, start))
        metadata_before = any(
            page[earlier].reason in _METADATA_REASONS for earlier in range(candidates[-1], index)
        )
        caption_place = metadata_before and not metadata_after  # under the byline and date, over the lede
        scores[index] = (
            overlap
            + 0.3 * (1 - rank / lookback)
            + 0.3 * metadata_after
            - 0.3 * caption_place
            - 0.5 * line.score
        )
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] <= 0:
        return None
    above = best - 1
    if above in scores and signals[above].coverage.content >= 5 and scores[above] > 0.3:
        return above
    return best


def _is_heading(line: PageLine, signals: _Signals, structure: dict, threshold: float) -> bool:
    words = signals.coverage.content
    return (
        line.score < threshold
        and structure["headline_min_words"] <= words <= structure["headline_max_words"]
        and not line.text.endswith((".", "،", ":"))
    )


_METADATA_REASONS = {"byline", "date-line", "author", "published"}


def _judge_article(
    result: Cleaned, signals, vocabulary: Vocabulary, weights: Weights, start: int, end: int
) -> None:
    page, threshold = result.page, weights.threshold
    max_item = weights.structure["list_item_max_words"]
    index = start
    while index < end:
        line, line_signals = page[index], signals[index]
        index += 1
        if not line.kept:
            continue
        if _is_end_line(line_signals, vocabulary):
            for rest in page[index - 1 : end]:
                if rest.kept:
                    rest.reason = _noise_reason(line_signals, vocabulary)
            return
        if line.score >= threshold:
            line.reason = _noise_reason(line_signals, vocabulary)
            if _is_box_heading(line, line_signals, vocabulary, threshold):
                # A box heading: the other stories' headlines under it go with it.
                while index < end and _is_box_item(page[index], max_item):
                    if page[index].kept:
                        page[index].reason = line.reason
                    index += 1
