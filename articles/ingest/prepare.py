"""Incoming bytes → everything an article row needs, computed without the database."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass

from articles.ingest.decisions import NONE, CleaningDecisions
from articles.ingest.decode import decode
from articles.ingest.errors import IngestError
from articles.ingest.near_duplicates import Signature, signature
from articles.ingest.readers import Given, Incoming
from articles.models import DateOrigin, DatePrecision
from articles.text.dates import FoundDate, parse_date
from articles.text.scraped import parse_scraped

MAX_TITLE = 500
MAX_NAME = 200


@dataclass
class Prepared:
    origin: str
    origin_line: int | None
    raw: bytes
    raw_encoding: str
    raw_format: str
    title: str
    body: str
    normalized_body: str
    author: str
    source: str
    source_origin: str
    published: datetime.date | None
    date_precision: str
    date_origin: str
    content_hash: str
    signature: Signature
    removed: list[tuple[str, str]]


def prepare(item: Incoming, decisions: CleaningDecisions = NONE) -> Prepared:
    """Decode, extract, clean and fingerprint one article; IngestError names what is wrong.

    `decisions` are the editors' cleaning rules: those of the source the caller names,
    else those of the source the text names (the text is cleaned again with them)."""
    given = Given(**{name: _text_only(value) for name, value in dataclasses.asdict(item.given).items()})
    if item.format == "json":
        text, encoding, markup_title, markup_date = _text_only(json.loads(item.raw)["body"]), "utf-8", "", ""
    else:
        text, encoding = decode(item.raw, html=item.format == "html")
        markup_title = markup_date = ""
        if item.format == "html":
            text, markup_title, markup_date = _main_text(text)

    title = given.title or markup_title
    scraped = parse_scraped(text, title=title, decisions=decisions.for_source(given.source))
    if not given.source and decisions.has_rules_for(scraped.source):
        scraped = parse_scraped(text, title=title, decisions=decisions.for_source(scraped.source))
    if not scraped.body.strip():
        raise IngestError("no article text left after removing boilerplate")

    published, date_origin = _publication_date(given.published, markup_date, scraped.published)
    source, source_origin = (
        (given.source, DateOrigin.GIVEN)
        if given.source
        else (scraped.source, DateOrigin.GUESSED)
        if scraped.source
        else ("", DateOrigin.NONE)
    )
    return Prepared(
        origin=item.origin[:2000],
        origin_line=item.line,
        raw=item.raw,
        raw_encoding=encoding,
        raw_format=item.format,
        title=(scraped.title or scraped.body.split("\n", 1)[0])[:MAX_TITLE],
        body=scraped.body,
        normalized_body=scraped.normalized_body,
        author=(given.author or scraped.author)[:MAX_NAME],
        source=source[:MAX_NAME],
        source_origin=source_origin,
        published=published.value if published else None,
        date_precision=published.precision if published else DatePrecision.UNKNOWN,
        date_origin=date_origin,
        content_hash=hashlib.sha256(scraped.normalized_body.encode()).hexdigest(),
        signature=signature(scraped.normalized_body),
        removed=scraped.removed,
    )


def _text_only(text: str) -> str:
    """Without NUL characters, which PostgreSQL's text cannot hold (the raw bytes keep them).
    Decoded files cannot contain any (a NUL makes a file binary); JSON strings can."""
    return text.replace("\x00", "")


def _main_text(html: str) -> tuple[str, str, str]:
    """The article's own text, title and date from a whole page (trafilatura)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise IngestError("no article text found in the HTML page")
    return document.text, document.title or "", document.date or _time_element(html)


def _time_element(html: str) -> str:
    """The first <time> element: its datetime attribute, else its text ("14 كانون الأول 2022").

    trafilatura reads dates from meta tags and Latin-script text; Arabic pages often
    state theirs only in a <time> element, which our date reader understands.
    """
    import lxml.html

    try:
        times = lxml.html.fromstring(html).xpath("//time")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in times:
        value = element.get("datetime") or element.text_content()
        if value and parse_date(value.strip()):
            return value.strip()
    return ""


def _publication_date(given: str, markup: str, in_text: FoundDate | None) -> tuple[FoundDate | None, str]:
    if given:
        date = parse_date(given)
        if date is None:
            raise IngestError(f"unreadable publication date {given!r}")
        return date, DateOrigin.GIVEN
    for candidate in (parse_date(markup) if markup else None, in_text):
        if candidate is not None and not candidate.relative:
            return candidate, DateOrigin.GUESSED
    return None, DateOrigin.NONE
