"""Write one prepared article, whole or not at all, and run a stream of inputs through it."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.postgres.search import CombinedSearchVector, SearchVector
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Value

from articles.ingest.errors import IngestError
from articles.ingest.near_duplicates import SAME_STORY, similarity
from articles.ingest.prepare import Prepared, prepare
from articles.ingest.readers import Failure, Incoming, Item, Skipped
from articles.models import Article, Source
from articles.tagging.apply import tag
from articles.tagging.lexicon import Lexicon, get_lexicon
from articles.text.normalize import normalize_phrase

logger = logging.getLogger(__name__)

NEW, DUPLICATE, FAILED, SKIPPED = "new", "duplicate", "failed", "skipped"
ATTEMPTS = 3  # an article whose writes collide with another process's is written again
DEADLOCK = "40P01"
LEXICON_CHECK_SECONDS = 5.0  # how soon a run sees an editor's change to the dictionary


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


class Run:
    """What a run of ingest reads once rather than per article: sources by name, and the
    lexicon, checked for dictionary changes every few seconds only. The run itself never
    changes the lexicon (the candidate actors it proposes are not in it); editors may."""

    def __init__(self) -> None:
        self._sources: dict[str, Source] = {}
        self._lexicon: Lexicon | None = None
        self._lexicon_checked = 0.0

    def lexicon(self) -> Lexicon:
        now = time.monotonic()
        if self._lexicon is None or now - self._lexicon_checked >= LEXICON_CHECK_SECONDS:
            self._lexicon, self._lexicon_checked = get_lexicon(), now
        return self._lexicon

    def source(self, name: str) -> Source:
        if name in self._sources:
            return self._sources[name]
        source = Source.named(name)
        # Remembered once committed: a source created by an article that rolls back is gone.
        transaction.on_commit(lambda: self._sources.setdefault(name, source))
        return source


def commit_without_waiting() -> None:
    """Let this connection's commits return before they reach the disk. An article stays
    whole or absent; a crash of the database server may lose the last few committed, and
    rerunning the command stores them again."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


def ingest(items: Iterable[Item], report: Callable[[Outcome], None] | None = None) -> Summary:
    """Ingest every item; a bad one is reported and the rest go on."""
    return summarize(outcomes(items), report)


def outcomes(items: Iterable[Item]) -> Iterator[Outcome]:
    """The outcome of each item, stored in turn by this process."""
    commit_without_waiting()
    run = Run()
    for item in items:
        yield ingest_one(item, run)


def summarize(outcomes: Iterable[Outcome], report: Callable[[Outcome], None] | None = None) -> Summary:
    """Count a stream of outcomes (from this process or from workers), reporting each as it comes."""
    summary = Summary()
    started = time.monotonic()
    for outcome in outcomes:
        summary.counts[outcome.status] += 1
        if outcome.status == FAILED:
            summary.failures.append(outcome)
        if report:
            report(outcome)
    summary.seconds = time.monotonic() - started
    return summary


def ingest_one(item: Item, run: Run) -> Outcome:
    if isinstance(item, Failure):
        return Outcome(FAILED, item.label, item.reason)
    if isinstance(item, Skipped):
        return Outcome(SKIPPED, item.label, item.reason)
    try:
        return store(prepare(item), item, run)
    except IngestError as error:
        return Outcome(FAILED, item.label, str(error))
    except Exception as error:  # one article's bug must not stop a long run; it is named and logged
        logger.exception("unexpected error ingesting %s", item.label)
        return Outcome(FAILED, item.label, f"internal error ({type(error).__name__}: {error})")


def store(prepared: Prepared, item: Incoming, run: Run, attempts: int = ATTEMPTS) -> Outcome:
    duplicate = _duplicate(prepared, item)
    if duplicate is not None:
        return duplicate
    try:
        return _insert(prepared, item, run)
    except (IntegrityError, OperationalError) as error:
        # Another process wrote the same text, or a row this article's tags create (a
        # candidate actor, an event participant), between our reads and our writes:
        # the next attempt sees it.
        if attempts == 1 or not _collision(error):
            raise
        return store(prepared, item, run, attempts - 1)


def _insert(prepared: Prepared, item: Incoming, run: Run) -> Outcome:
    with transaction.atomic():
        _lock_story(prepared.signature.bands)
        article = Article.objects.create(
            title=prepared.title,
            body=prepared.body,
            raw=prepared.raw,
            raw_encoding=prepared.raw_encoding,
            raw_format=prepared.raw_format,
            published=prepared.published,
            date_precision=prepared.date_precision,
            date_origin=prepared.date_origin,
            source=run.source(prepared.source) if prepared.source else None,
            source_origin=prepared.source_origin,
            author=prepared.author,
            origin=prepared.origin,
            origin_line=prepared.origin_line,
            content_hash=prepared.content_hash,
            minhash=prepared.signature.minhash,
            lsh_bands=prepared.signature.bands,
            copy_of=_original_story(prepared),
            search_vector=_search_vector(prepared),
        )
        tag(article, run.lexicon(), new=True)
    return Outcome(NEW, item.label, article_id=article.id)


def _search_vector(prepared: Prepared) -> CombinedSearchVector:
    """The full-text vector of the normalized title (weight A) and body (weight B), computed
    in the article's INSERT from the text in memory."""
    title = SearchVector(Value(normalize_phrase(prepared.title)), weight="A", config="simple")
    return title + SearchVector(Value(prepared.normalized_body), weight="B", config="simple")


def _collision(error: Exception) -> bool:
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "pgcode", None) == DEADLOCK


def _lock_story(bands: list[int]) -> None:
    """Wait for any other process writing an article that shares an LSH band with this one,
    so that `_original_story` sees it: copies of one story stored at the same instant are
    still linked. Taken first in the transaction, in key order: no deadlock among these."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [sorted(set(bands))]
        )


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
