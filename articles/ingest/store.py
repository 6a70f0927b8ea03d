"""Write one prepared article, whole or not at all, and run a stream of inputs through it."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from articles.ingest.errors import IngestError
from articles.ingest.near_duplicates import SAME_STORY, similarity
from articles.ingest.prepare import Prepared, prepare
from articles.ingest.readers import Failure, Incoming, Item, Skipped
from articles.models import Article, Source
from articles.tagging.apply import index_for_search, tag

logger = logging.getLogger(__name__)

NEW, DUPLICATE, FAILED, SKIPPED = "new", "duplicate", "failed", "skipped"


@dataclass
class Outcome:
    status: str
    label: str
    reason: str = ""
    article_id: int | None = None


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"new {self.counts[NEW]}, duplicate {self.counts[DUPLICATE]}, "
            f"failed {self.counts[FAILED]}, skipped {self.counts[SKIPPED]} "
            f"in {self.seconds:.1f} s"
        )


def ingest(items: Iterable[Item], report: Callable[[Outcome], None] | None = None) -> Summary:
    """Ingest every item; a bad one is reported and the rest go on."""
    summary = Summary()
    started = time.monotonic()
    for item in items:
        outcome = ingest_one(item)
        summary.counts[outcome.status] += 1
        if outcome.status == FAILED:
            summary.failures.append(outcome)
        if report:
            report(outcome)
    summary.seconds = time.monotonic() - started
    return summary


def ingest_one(item: Item) -> Outcome:
    if isinstance(item, Failure):
        return Outcome(FAILED, item.label, item.reason)
    if isinstance(item, Skipped):
        return Outcome(SKIPPED, item.label, item.reason)
    try:
        return store(prepare(item), item)
    except IngestError as error:
        return Outcome(FAILED, item.label, str(error))
    except Exception as error:  # one article's bug must not stop a long run; it is named and logged
        logger.exception("unexpected error ingesting %s", item.label)
        return Outcome(FAILED, item.label, f"internal error ({type(error).__name__}: {error})")


def store(prepared: Prepared, item: Incoming) -> Outcome:
    duplicate = _duplicate(prepared, item)
    if duplicate is not None:
        return duplicate
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=prepared.title,
                body=prepared.body,
                raw=prepared.raw,
                raw_encoding=prepared.raw_encoding,
                raw_format=prepared.raw_format,
                published=prepared.published,
                date_precision=prepared.date_precision,
                date_origin=prepared.date_origin,
                source=Source.named(prepared.source) if prepared.source else None,
                source_origin=prepared.source_origin,
                author=prepared.author,
                origin=prepared.origin,
                origin_line=prepared.origin_line,
                content_hash=prepared.content_hash,
                minhash=prepared.signature.minhash,
                lsh_bands=prepared.signature.bands,
                copy_of=_original_story(prepared),
            )
            tag(article)
            index_for_search([article.id])
    except IntegrityError:
        # Another process stored the same text between our check and our insert.
        duplicate = _duplicate(prepared, item)
        if duplicate is None:
            raise
        return duplicate
    return Outcome(NEW, item.label, article_id=article.id)


def _duplicate(prepared: Prepared, item: Incoming) -> Outcome | None:
    """The outcome when the archive already holds this text (same normalized content)."""
    existing = Article.objects.filter(content_hash=prepared.content_hash).values_list("id", flat=True).first()
    if existing is None:
        return None
    return Outcome(DUPLICATE, item.label, "same text as an article already in the archive", existing)


def _original_story(prepared: Prepared) -> Article | None:
    """The first article of the story this one copies, if any."""
    candidates = Article.objects.filter(lsh_bands__overlap=prepared.signature.bands).only(
        "id", "minhash", "copy_of_id"
    )
    best, best_score = None, SAME_STORY
    for candidate in candidates:
        score = similarity(prepared.signature.minhash, candidate.minhash)
        if score >= best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    return Article(id=best.copy_of_id) if best.copy_of_id else best
