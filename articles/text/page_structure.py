"""The third layer of cleaning: the page's structure.

The article is the page's largest run of prose paragraphs; the headline is the line
above its first paragraph that overlaps the lede most; what precedes the headline and
follows the last paragraph is the page around the article; a "most read" or "read
also" heading takes the other stories' headlines under it; bylines without a lead word
are read in the metadata block above the article.
"""

from __future__ import annotations

import re

from articles.text.furniture import Vocabulary
from articles.text.line_signals import (
    SENTENCE_MARKS,
    STATEMENT_MARKS,
    LineSignals,
    Weights,
    ends_with,
    noise_reason,
)
from articles.text.metadata import bare_name, header_byline_name, header_source
from articles.text.normalize import normalize_phrase
from articles.text.page import Cleaned, PageLine

# An item of a list the article makes: "- سلطان علي العرادة", "٣) …", "• …".
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪●◦]|[0-9٠-٩]{1,2}\s*[-.)])\s*\S")
_METADATA_REASONS = {"byline", "date-line", "author", "published"}
# What a light stem drops: the article and one-letter clitics.
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def apply_structure(
    result: Cleaned, signals: list[LineSignals], vocabulary: Vocabulary, weights: Weights, title: str = ""
) -> None:
    page, threshold = result.page, weights.threshold
    run = _article_run(page, signals, vocabulary, weights)
    if run is None:
        _judge_without_prose(result, signals, vocabulary, weights)
        return
    start, end = run
    # Sentences just before the first long paragraph belong to the article (a short lede).
    while start > 0 and _is_sentence(page[start - 1], signals[start - 1], threshold):
        start -= 1
    result.start, result.end = start, end
    _find_header_bylines(result, start, weights)
    result.headline = _headline(page, signals, start, weights)
    share = weights.headline["same_title"]
    if (
        title
        and result.headline is not None
        and not _same_headline(signals[result.headline].words, title, share)
    ):
        result.headline = None  # the title given is the headline; this line is the article's
    _find_bare_bylines(result, signals, start, weights)
    first_kept = start if result.headline is None else result.headline + 1
    if title and result.headline is None:
        # No copy of the given title above the text: a standfirst right above it stays.
        while first_kept > 0 and _is_standfirst(page[first_kept - 1], signals[first_kept - 1], threshold):
            first_kept -= 1
    for index in range(0, first_kept):
        if page[index].kept:
            page[index].reason = "before-article"
    if result.headline is not None:
        page[result.headline].reason = "headline"
    _judge_article_header(result, signals, vocabulary, threshold, first_kept, start)
    _judge_article(result, signals, vocabulary, weights, start, end)
    # After the last paragraph: a closing sentence may follow; the rest is the page around it.
    index = end
    while index < len(page) and page[index].kept and _is_sentence(page[index], signals[index], threshold):
        index += 1
    for line in page[index:]:
        if line.kept:
            line.reason = "after-article"


def _same_headline(words: tuple[str, ...], title: str, share: float) -> bool:
    """Whether a line is the given title again (that share of the title's stems in it)."""
    wanted = _stems(tuple(normalize_phrase(title).split()))
    return bool(wanted) and len(_stems(words) & wanted) >= share * len(wanted)


def _is_standfirst(line: PageLine, signals: LineSignals, threshold: float) -> bool:
    return line.kept and line.score < threshold and signals.coverage.content >= 5


def _judge_without_prose(
    result: Cleaned, signals: list[LineSignals], vocabulary: Vocabulary, weights: Weights
) -> None:
    """No paragraph of prose (a short wire): each line by its signals alone; a first line
    shaped like a heading, with lines after it, is the headline."""
    page, threshold = result.page, weights.threshold
    for line, line_signals in zip(page, signals, strict=True):
        if line.kept and line.score >= threshold:
            line.reason = noise_reason(line_signals, vocabulary)
    kept = [index for index, line in enumerate(page) if line.kept]
    if len(kept) > 1 and _is_heading(page[kept[0]], signals[kept[0]], weights.structure, threshold):
        result.headline = kept[0]
        page[kept[0]].reason = "headline"
    result.start, result.end = 0, len(page)


def _judge_article_header(
    result: Cleaned,
    signals: list[LineSignals],
    vocabulary: Vocabulary,
    threshold: float,
    first: int,
    start: int,
) -> None:
    """Between the headline and the lede: a standfirst follows the headline directly; a
    short line after a byline, a date or buttons is a photo caption."""
    standfirst = result.headline is not None
    for index in range(first, start):
        line, content = result.page[index], signals[index].coverage.content
        if not line.kept:
            standfirst = False
        elif line.score >= threshold:
            line.reason, standfirst = noise_reason(signals[index], vocabulary), False
        elif content < 5 or (not standfirst and content < 12):
            line.reason = "article-header"


def _find_header_bylines(result: Cleaned, start: int, weights: Weights) -> None:
    """Bylines without a lead word ("بغداد: مازن الحسيني") above the article, in its
    metadata block: next to a date line, or followed by buttons; and "place - outlet"
    credits ("أبوظبي - سكاي نيوز عربية")."""
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
            continue
        outlet = header_source(line.text, weights.agency_words)
        if outlet:
            line.reason = "source-line"
            result.sources.append((index, outlet))


def _find_bare_bylines(result: Cleaned, signals: list[LineSignals], start: int, weights: Weights) -> None:
    """A name alone (or two joined by "و"), by the headline or just under the first
    paragraph, on the line over a date line ("سمية حمادوش" then "13.10.2022 | 20:15") or
    opening it: the byline. Far from the headline, the same pair is a site's name over
    the top bar's date, and is left alone."""
    page, near = result.page, int(weights.structure["byline_near_headline"])
    anchor = result.headline if result.headline is not None else start
    dated = {index for index, _ in result.dates}
    for index in range(max(0, anchor - near), min(start + near, len(page))):
        line = page[index]
        if (
            index == result.headline
            or line.decided
            or line.reason not in ("", "before-article", "article-header", "date-line")
        ):
            continue
        if index in dated or index + 1 in dated:
            name = bare_name(line.text, weights.agency_words)
            if name and (index in dated or signals[index].coverage.furniture == 0):
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
    return not line.prose and len(line.text.split()) <= max_words and not ends_with(line.text, SENTENCE_MARKS)


def _is_box_heading(line: PageLine, signals: LineSignals, vocabulary: Vocabulary, threshold: float) -> bool:
    """A "most read" / "read also" heading alone on its line: the lines under it are other stories."""
    return (
        vocabulary.roles.get(signals.coverage.leading) == "list"
        and line.score >= threshold
        and "list_lead_in" not in signals.values
    )


def _is_end_line(signals: LineSignals, vocabulary: Vocabulary) -> bool:
    """A comments or footer heading: "التعليقات (2)", "3 تعليقات على «…»", "جميع الحقوق محفوظة"."""
    if vocabulary.roles.get(signals.coverage.leading, "") != "end":
        return False
    counted = signals.words[:1] and signals.words[0].isdigit()
    return signals.coverage.share >= 0.5 or bool(counted)


def _is_sentence(line: PageLine, signals: LineSignals, threshold: float) -> bool:
    """A short statement of the article (a question is more often a headline)."""
    return (
        line.kept
        and line.score < threshold
        and signals.coverage.content >= 4
        and ends_with(line.text, STATEMENT_MARKS)
    )


def _headline(page, signals, start: int, weights: Weights) -> int | None:
    """The line before the article that overlaps the lede most, nearer lines first.

    A line followed by the byline or date earns a bonus (captions and standfirsts come
    after them); of two candidates one above the other, the upper is the headline and
    the lower its standfirst.
    """
    structure, threshold, weigh = weights.structure, weights.threshold, weights.headline
    lede = set()
    for index in range(start, min(start + 2, len(page))):
        lede.update(_stems(signals[index].words))
    lookback = int(structure["headline_lookback"])
    candidates = [index for index in range(start - 1, -1, -1) if page[index].kept][:lookback]
    seen = []  # (index, rank, overlap, metadata after, metadata before)
    for rank, index in enumerate(candidates):
        line, line_signals = page[index], signals[index]
        if not _is_heading(line, line_signals, structure, threshold):
            continue
        content = _stems(line_signals.words)
        # Shared stems, over at least three: a two-word menu item sharing a word is no headline.
        overlap = len(content & lede) / max(len(content), 3)
        after = any(page[later].reason in _METADATA_REASONS for later in range(index + 1, start))
        before = any(page[earlier].reason in _METADATA_REASONS for earlier in range(candidates[-1], index))
        # Above the site's menu stands its name, not the article's headline.
        above_menu = any(
            _is_menu(page[later], signals[later], threshold) for later in range(index + 1, start)
        )
        seen.append((index, rank, overlap + weigh["above_menu"] * above_menu, after, before))
    # Under the byline and date, over the lede, stands a caption: when a line above them is a headline.
    headline_above = any(after and overlap >= weigh["rival_overlap"] for _, _, overlap, after, _ in seen)
    scores = {
        index: overlap
        + weigh["nearness"] * (1 - rank / lookback)
        + weigh["metadata_after"] * after
        + weigh["caption_place"] * (before and not after and headline_above)
        + weigh["own_score"] * page[index].score
        for index, rank, overlap, after, before in seen
    }
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] <= 0:
        return None
    above = best - 1
    if above in scores and signals[above].coverage.content >= 5 and scores[above] > 0.3:
        return above
    return best


def _is_menu(line: PageLine, signals: LineSignals, threshold: float) -> bool:
    """A menu's shape above all: short items between separators. (Counting lines of
    navigation words too was tried: section labels and tags stand under headlines as
    well, and it cost held-out titles, 66 to 64 of 68.)"""
    return line.score >= threshold and signals.top == "separators"


def _stems(words: tuple[str, ...]) -> set[str]:
    """Light stems for comparing a headline with its lede: without the article and one-letter
    clitics, cut to four letters ("بيانا" and "بيان", "والمفاوضات" and "مفاوضات" meet)."""
    stems = set()
    for word in words:
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        if len(word) >= 3:
            stems.add(word[:4])
    return stems


def _is_heading(line: PageLine, signals: LineSignals, structure: dict, threshold: float) -> bool:
    words = signals.coverage.content
    return (
        line.score < threshold
        and structure["headline_min_words"] <= words <= structure["headline_max_words"]
        and not line.text.endswith((".", "،", ":"))
    )


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
                    rest.reason = noise_reason(line_signals, vocabulary)
            return
        if line.score >= threshold:
            line.reason = noise_reason(line_signals, vocabulary)
            if _is_box_heading(line, line_signals, vocabulary, threshold):
                # A box heading: the other stories' headlines under it go with it.
                while index < end and _is_box_item(page[index], max_item):
                    if page[index].kept:
                        page[index].reason = line.reason
                    index += 1
