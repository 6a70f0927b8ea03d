"""From a scraped page's text to a title, a clean body and the metadata the text states.

Pure functions over strings. The order matters and is the whole algorithm:
1. boilerplate rules drop noise lines and pick up byline, source and date lines;
2. a short line that is nothing but a date is a date line;
3. the title is the given one, else the first heading-like line, else the first sentence;
4. the heading line and its copies further down (pages repeat it after the byline) are
   dropped from the body, as are copies of a given title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.text.clean import clean, strip_marks
from articles.text.dates import FoundDate, find_dates
from articles.text.normalize import normalize_phrase

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
DATE_LINE_MAX_CHARS = 90
DATELINE_CHARS = 80  # an agency dateline ("موسكو - 10 أكتوبر 2020 -") opens the body
DATELINE_PLACE_WORDS = 3

_DATELINE_END = re.compile(r"\s*[-–—(:،|]")
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)")
_HEADING_END = (".", "!", "؟", "?", ":", "،", ",", "؛")
# What may surround a date on a date line: weekdays, times, "عام", separators.
_DATE_LINE_FILLER = re.compile(
    r"(الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الساعة"
    r"|عام|سنة|العام|م|ص|مساء|صباحا|بتوقيت \S+|GMT|UTC|[0-9٠-٩۰-۹]{1,2}[:：][0-9٠-٩۰-۹]{2}"
    r"|[\s,،|/()\-–—:：.+])*"
)


@dataclass
class ScrapedArticle:
    title: str
    body: str
    normalized_body: str  # normalize_phrase(body): the text matched, hashed and indexed
    author: str = ""
    source: str = ""
    published: FoundDate | None = None
    title_guessed: bool = False
    removed: list[tuple[str, str]] = field(default_factory=list)


def parse_scraped(text: str, title: str = "") -> ScrapedArticle:
    """Split scraped page text into title, body and stated metadata.

    `title` is a title known from elsewhere (HTML markup, a JSON field): it wins
    over the text, and its repeats in the text are dropped.
    """
    cleaned = clean(text)
    removed = list(cleaned.removed)
    paragraphs = [line for line in cleaned.lines if line]

    published = _date_in(cleaned.metadata.get("published", ""))
    kept = []
    for line in paragraphs:
        date = _date_line(line)
        if date is not None:
            removed.append(("date-line", line))
            published = published or date
        else:
            kept.append(line)
    paragraphs = kept

    title_guessed = False
    headings = {normalize_phrase(title)} if title else set()
    if paragraphs and _looks_like_heading(paragraphs[0]):
        # The text's own heading: the title unless one was given, dropped from the body either way.
        heading = paragraphs[0]
        headings.add(normalize_phrase(heading))
        title = title or heading
    elif not title and paragraphs:
        title, title_guessed = _first_sentence(paragraphs[0]), True
    headings.discard("")
    forms = [normalize_phrase(line) for line in paragraphs]  # each paragraph normalized once
    if headings and any(form not in headings for form in forms):
        removed += [("title", line) for line, form in zip(paragraphs, forms, strict=True) if form in headings]
        kept = [(line, form) for line, form in zip(paragraphs, forms, strict=True) if form not in headings]
        paragraphs, forms = [line for line, _ in kept], [form for _, form in kept]

    body = "\n\n".join(paragraphs)
    if published is None:
        published = _dateline_date(body)
    return ScrapedArticle(
        title=title,
        body=body,
        # Words never span paragraphs, so the body's normalization is its paragraphs'.
        normalized_body=" ".join(form for form in forms if form),
        author=cleaned.metadata.get("author", ""),
        source=cleaned.metadata.get("source", ""),
        published=published,
        title_guessed=title_guessed,
        removed=removed,
    )


def _date_in(value: str) -> FoundDate | None:
    dates = find_dates(value) if value else []
    return dates[0] if dates else None


def _dateline_date(body: str) -> FoundDate | None:
    """The date of an agency dateline opening the body: "موسكو - 18 أكتوبر 2020 (وكالات) -"."""
    for date in find_dates(body[:DATELINE_CHARS]):
        place = body[: date.start].strip(" -–—:،(")
        if (
            date.precision == "day"
            and len(place.split()) <= DATELINE_PLACE_WORDS
            and _DATELINE_END.match(body, date.end)
        ):
            return date
    return None


def _date_line(line: str) -> FoundDate | None:
    """The date a line states when the line is nothing but that date."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    rest = line
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    return dates[0] if _DATE_LINE_FILLER.fullmatch(strip_marks(rest)) else None


def _first_sentence(paragraph: str) -> str:
    match = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: match.start()] if match else paragraph
    if len(sentence) > TITLE_MAX_CHARS:
        sentence = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return sentence


def _looks_like_heading(line: str) -> bool:
    return (
        len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and len(line.split()) >= 2
        and not line.endswith(_HEADING_END)
    )
