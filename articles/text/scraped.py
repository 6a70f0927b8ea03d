"""From a scraped page's text to a title, a clean body and the metadata the text states.

Pure functions over strings. The cleaner (`clean`) judges every line and points at
the headline, the bylines and the date lines; this module picks the values:
1. the title is the given one, else the headline the cleaner chose, else the first
   sentence of the text; the headline and its copies further down are dropped from
   the body, as are copies of a given title;
2. the author is the labelled byline, else the byline nearest the headline;
3. the date is the labelled one, else the date line nearest the headline (after it
   first: a top bar's "today" stands above), a publication stamp before an update
   stamp, else an agency dateline's date opening the lede;
4. the source is the labelled source line or sign-off, else the agency of a dateline
   opening the lede ("الخرطوم - رويترز:"), else a credit alone on a line after the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from articles.text.clean import Cleaned, clean
from articles.text.dates import FoundDate, find_dates
from articles.text.metadata import absolute_dates, credit_line, dateline_agency
from articles.text.normalize import normalize_phrase

TITLE_MAX_CHARS = 200
DATELINE_CHARS = 80  # an agency dateline ("موسكو - 10 أكتوبر 2020 -") opens the body
DATELINE_PLACE_WORDS = 3
NEAR_HEADLINE = 4  # date lines this close above the headline (or just after the text) are the article's
LEDE_PARAGRAPHS = 3  # the dateline opens the lede, after a standfirst and a subheading at most

_DATELINE_END = re.compile(r"\s*[-–—(:،|]")
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)")


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


def parse_scraped(text: str, title: str = "", decisions: Mapping[str, str] | None = None) -> ScrapedArticle:
    """Split scraped page text into title, body and stated metadata.

    `title` is a title known from elsewhere (HTML markup, a JSON field): it wins
    over the text, and its repeats in the text are dropped. `decisions` are editors'
    rules for lines of this source (normalized line → "text" or "noise").
    """
    cleaned = clean(text, decisions=decisions, title=title)
    removed = list(cleaned.removed)
    kept_lines = cleaned.kept_lines
    paragraphs = [line.text for line in kept_lines]
    if _only_its_title(cleaned, title):
        # A text that is nothing but its title (repeated) is kept whole: it is all there is.
        lines = [line.text for line in cleaned.page]
        return ScrapedArticle(
            title=title or lines[0],
            body="\n\n".join(lines),
            normalized_body=normalize_phrase(" ".join(lines)),
        )

    title_guessed = False
    headings = {normalize_phrase(title)} if title else set()
    if cleaned.headline is not None:
        headings.add(normalize_phrase(cleaned.headline_text))
        title = title or cleaned.headline_text
    elif not title and paragraphs:
        title, title_guessed = _first_sentence(paragraphs[0]), True
    headings.discard("")
    forms = [" ".join(line.words) for line in kept_lines]  # the cleaner normalized each line once
    if headings and any(form not in headings for form in forms):
        removed += [("title", line) for line, form in zip(paragraphs, forms, strict=True) if form in headings]
        kept = [(line, form) for line, form in zip(paragraphs, forms, strict=True) if form not in headings]
        paragraphs, forms = [line for line, _ in kept], [form for _, form in kept]

    body = "\n\n".join(paragraphs)
    return ScrapedArticle(
        title=title,
        body=body,
        # Words never span paragraphs, so the body's normalization is its paragraphs'.
        normalized_body=" ".join(form for form in forms if form),
        author=cleaned.metadata.get("author", "") or _nearest_byline(cleaned),
        source=cleaned.metadata.get("source", "")
        or _dateline_source(paragraphs)
        or _header_source(cleaned)
        or _credit_after_text(cleaned),
        published=_date_in(cleaned.metadata.get("published", ""))
        or _nearest_date(cleaned)
        or _dateline_date(body),
        title_guessed=title_guessed,
        removed=removed,
    )


def _only_its_title(cleaned: Cleaned, title: str) -> bool:
    """Whether every line of the page is the given title, or, with none given, one line repeated."""
    forms = {" ".join(line.words) for line in cleaned.page}
    if title:
        return forms == {normalize_phrase(title)}
    return len(forms) == 1 and len(cleaned.page) > 1


def _distance(cleaned: Cleaned, index: int) -> tuple[int, int]:
    """How far a metadata line stands from the headline: lines after it come first."""
    anchor = cleaned.headline if cleaned.headline is not None else cleaned.start
    return (0, index - anchor) if index > anchor else (1, anchor - index)


def _nearest_byline(cleaned: Cleaned) -> str:
    """A byline with a lead word ("بقلم", "كتب") first, then one without; nearest the headline."""
    for bylines in (cleaned.bylines, cleaned.weak_bylines):
        if bylines:
            return min(bylines, key=lambda entry: _distance(cleaned, entry[0]))[1]
    return ""


def _nearest_date(cleaned: Cleaned) -> FoundDate | None:
    """The publication date among the date lines: one a label names ("تاريخ الإضافة: …")
    wherever it stands; else the nearest the headline (below it first); else the first
    just after the text; a top bar's "today" far above the headline last; an update
    stamp only when nothing else states a date."""
    anchor = cleaned.headline if cleaned.headline is not None else cleaned.start

    def rank(entry):
        index, line = entry
        if line.labelled:
            place = 0
        elif anchor - NEAR_HEADLINE <= index < cleaned.end:
            place = 1
        elif cleaned.end <= index < cleaned.end + NEAR_HEADLINE:
            place = 2
        else:
            place = 3
        return (line.updated, place, _distance(cleaned, index))

    dates = sorted(cleaned.dates, key=rank)
    return dates[0][1].date if dates else None


def _dateline_source(paragraphs: list[str]) -> str:
    """The agency of a dateline opening the lede (a standfirst may stand before it)."""
    for paragraph in paragraphs[:LEDE_PARAGRAPHS]:
        agency = dateline_agency(paragraph)
        if agency:
            return agency
    return ""


def _header_source(cleaned: Cleaned) -> str:
    return min(cleaned.sources, key=lambda entry: _distance(cleaned, entry[0]))[1] if cleaned.sources else ""


def _credit_after_text(cleaned: Cleaned) -> str:
    for line in cleaned.page[cleaned.end :]:
        credit = credit_line(line.text)
        if credit:
            return credit
    return ""


def _date_in(value: str) -> FoundDate | None:
    dates = absolute_dates(value) if value else []
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


def _first_sentence(paragraph: str) -> str:
    match = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: match.start()] if match else paragraph
    if len(sentence) > TITLE_MAX_CHARS:
        sentence = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return sentence
