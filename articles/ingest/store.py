"""Write prepared articles a batch at a time, each whole or not at all, and run a stream of inputs through it."""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction
from simple_history.utils import bulk_create_with_history

from articles.bulk_copy import new_ids
from articles.ingest.decisions import CleaningDecisions
from articles.ingest.errors import IngestError
from articles.ingest.near_duplicates import SAME_STORY, Signature, similarity
from articles.ingest.prepare import Prepared, prepare
from articles.ingest.readers import BATCH, Failure, Incoming, Item, Skipped, batches
from articles.models import Article, Source
from articles.models.article import text_vector
from articles.tagging.apply import tag_new
from articles.tagging.lexicon import Lexicon, get_lexicon

logger = logging.getLogger(__name__)

NEW, DUPLICATE, FAILED, SKIPPED = "new", "duplicate", "failed", "skipped"
ATTEMPTS = 3  # an article whose writes collide with another process's is written again
DEADLOCK = "40P01"
LEXICON_CHECK_SECONDS = 5.0  # how soon a run sees an editor's change to the dictionary
SAME_TEXT = "same text as an article already in the archive"
T = TypeVar("T")


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
        self.decisions = CleaningDecisions.load()  # editors' cleaning rules, as the run starts
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


def outcomes(items: Iterable[Item], batch_size: int = BATCH) -> Iterator[Outcome]:
    """The outcome of each item, stored by this process `batch_size` articles at a time."""
    commit_without_waiting()
    run = Run()
    for batch in batches(items, batch_size):
        yield from ingest_batch(batch, run)


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


def ingest_batch(items: list[Item], run: Run) -> list[Outcome]:
    """The outcome of each item, in order. The articles are prepared one by one and stored
    together in one transaction; if that fails, each is stored alone, so that only the
    article at fault fails."""
    outcomes: list[Outcome | None] = [None] * len(items)
    ready: list[tuple[int, Incoming, Prepared]] = []
    for index, item in enumerate(items):
        if isinstance(item, Failure):
            outcomes[index] = Outcome(FAILED, item.label, item.reason)
        elif isinstance(item, Skipped):
            outcomes[index] = Outcome(SKIPPED, item.label, item.reason)
        else:
            prepared = _guarded(item, lambda item=item: prepare(item, run.decisions))
            if isinstance(prepared, Outcome):
                outcomes[index] = prepared
            else:
                ready.append((index, item, prepared))
    batch = [(item, prepared) for _, item, prepared in ready]
    stored = _store_together(batch, run) if len(batch) > 1 else None
    if stored is None:
        stored = [
            _guarded(item, lambda pair=(item, prepared): store([pair], run)[0]) for item, prepared in batch
        ]
    for (index, _, _), outcome in zip(ready, stored, strict=True):
        outcomes[index] = outcome
    return outcomes  # type: ignore[return-value]


def _store_together(batch: list[tuple[Incoming, Prepared]], run: Run) -> list[Outcome] | None:
    """The batch's outcomes, or None when it could not be stored in one transaction (then
    nothing of it was kept)."""
    try:
        return store(batch, run)
    except Exception:  # whatever broke the batch, storing each article alone names it
        logger.info("a batch of %d articles failed; storing each alone", len(batch), exc_info=True)
        return None


def _guarded(item: Incoming, step: Callable[[], T]) -> T | Outcome:
    """The step's result, or the failed outcome naming what went wrong with this item."""
    try:
        return step()
    except IngestError as error:
        return Outcome(FAILED, item.label, str(error))
    except Exception as error:  # one article's bug must not stop a long run; it is named and logged
        logger.exception("unexpected error ingesting %s", item.label)
        return Outcome(FAILED, item.label, f"internal error ({type(error).__name__}: {error})")


def store(batch: list[tuple[Incoming, Prepared]], run: Run, attempts: int = ATTEMPTS) -> list[Outcome]:
    """Store prepared articles in one transaction: all of them, or none."""
    try:
        return _insert(batch, run)
    except (IntegrityError, OperationalError) as error:
        # Another process wrote the same text, or a row these articles' tags create (a
        # candidate actor, an event participant), between our reads and our writes:
        # the next attempt sees it.
        if attempts == 1 or not _collision(error):
            raise
        return store(batch, run, attempts - 1)


def _insert(batch: list[tuple[Incoming, Prepared]], run: Run) -> list[Outcome]:
    """Each article is new, a duplicate of one in the archive, or a duplicate of one before it
    in the batch; a new one is linked to the story it copies, in the archive or in the batch."""
    with transaction.atomic():
        _lock_stories([band for _, prepared in batch for band in prepared.signature.bands])
        stored = dict(
            Article.objects.filter(content_hash__in=[p.content_hash for _, p in batch]).values_list(
                "content_hash", "id"
            )
        )
        stories = Stories.sharing_bands_with([p for _, p in batch])
        ids = iter(new_ids(Article, len(batch)))  # so that a copy can name its story's row
        outcomes, articles = [], []
        for item, prepared in batch:
            if prepared.content_hash in stored:
                outcomes.append(Outcome(DUPLICATE, item.label, SAME_TEXT, stored[prepared.content_hash]))
                continue
            article = _article(prepared, next(ids), stories.original(prepared.signature), run)
            stored[prepared.content_hash] = article.id
            stories.add(article.id, article.copy_of_id, prepared.signature)
            articles.append(article)
            outcomes.append(Outcome(NEW, item.label, article_id=article.id))
        bulk_create_with_history(articles, Article)
        tag_new(articles, run.lexicon())
    return outcomes


def _article(prepared: Prepared, id: int, copy_of_id: int | None, run: Run) -> Article:
    return Article(
        id=id,
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
        copy_of_id=copy_of_id,
        removed_lines=[list(pair) for pair in prepared.removed],
        search_vector=text_vector(prepared.title, prepared.normalized_body),
    )


def _collision(error: Exception) -> bool:
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "pgcode", None) == DEADLOCK


def _lock_stories(bands: list[int]) -> None:
    """Wait for any other process writing an article that shares an LSH band with these,
    so that `Stories` sees it: copies of one story stored at the same instant are still
    linked. Taken first in the transaction, in key order: no deadlock among these."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [sorted(set(bands))]
        )


class Stories:
    """The articles a batch may copy: those in the archive sharing an LSH band with one of
    its articles (read once), and the batch's own articles as they are added."""

    def __init__(self, rows: Iterable[tuple[int, list[int], int | None, list[int]]]) -> None:
        self._by_band: dict[int, list[tuple[int, list[int], int | None]]] = defaultdict(list)
        for article_id, minhash, copy_of_id, bands in rows:
            self.add(article_id, copy_of_id, Signature(minhash, bands))

    @classmethod
    def sharing_bands_with(cls, batch: list[Prepared]) -> Stories:
        bands = sorted({band for prepared in batch for band in prepared.signature.bands})
        return cls(
            Article.objects.filter(lsh_bands__overlap=bands).values_list(
                "id", "minhash", "copy_of_id", "lsh_bands"
            )
        )

    def add(self, article_id: int, copy_of_id: int | None, signature: Signature) -> None:
        for band in set(signature.bands):
            self._by_band[band].append((article_id, signature.minhash, copy_of_id))

    def original(self, signature: Signature) -> int | None:
        """The first article of the story this signature's article copies, if any."""
        candidates = {row[0]: row for band in signature.bands for row in self._by_band.get(band, ())}
        best, best_score = None, SAME_STORY
        for article_id in sorted(candidates):
            _, minhash, copy_of_id = candidates[article_id]
            score = similarity(signature.minhash, minhash)
            if score >= best_score:
                best, best_score = copy_of_id or article_id, score
        return best
