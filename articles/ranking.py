"""Relevance order for word searches: a Tantivy index (BM25) of each article's normalized
text, kept in step with PostgreSQL.

PostgreSQL stays the source of truth: it applies the filters, and it matches a query with
`websearch` syntax (a phrase, an exclusion); the index proposes the best-ranked
CANDIDATES articles holding every word of the query, in order, and for plain words those
are the matches (the same normalized words; checking each again in PostgreSQL would
read a vector per candidate). Ranking in PostgreSQL (`ts_rank`) reads and scores every
matching row, so a common query costs it in proportion to its matches, where Tantivy's
cost barely grows (figures in docs/performance.md and docs/performance-notes.md).

The database records which articles the index has not seen (`RankingChange`, filled by
triggers on every insert, delete and text edit); `sync()` drains that queue into the
index: each changed article is deleted from it and, if it still exists, added again, so
a sync repeated after a crash changes nothing. One process writes at a time (Tantivy's
writer lock); `ingest` syncs at the end of each run, `manage.py rank_index` at will.
Without an index (not built yet, or its folder gone) a relevance list falls back to
`ts_rank` over every match: the same matches, slowly.

While the queue is empty the index also answers searches by plain words that nothing
but dates narrows, in either order (`indexed_matches`): how many articles match, and the
ids of a page's rows, which PostgreSQL then fetches by primary key. Each article carries
its place in the newest-first list (`sort_key`: its date, then its id), so the index finds
the newest matches as it finds the best-ranked ones; PostgreSQL is slow at both counting a
common word and finding the newest rows of a rare one (docs/performance-notes.md).
A newest-first search looks among the RECENT newest articles first (`_newest_within`):
when more than enough of them match, the newest matches are all there, and a common
word costs Tantivy a fiftieth of its postings at a million articles.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import F, Func, IntegerField, QuerySet, TextField, Value
from django.db.models.functions import Cast

from articles.id_arrays import any_of
from articles.models import Article, RankingChange
from articles.paging import COUNT_CAP, Cursor
from articles.search import QUERY_WORD, text_query, websearch_text
from articles.text.normalize import normalize_phrase

CANDIDATES = 1000  # best-ranked articles a relevance list is drawn from, as counts stop at 1,000
FEW_MATCHES = 8_000  # up to this many, a narrowed newest-first word search takes its matches from the index
SCHEMA_VERSION = 2  # the index's folder; a new schema starts a new index (`rank_index` fills it)
ID_BITS = 40  # a sort key is the day's ordinal above the article's id
SYNC_BATCH = 2000
WRITER_HEAP = 50_000_000  # bytes Tantivy buffers before it writes a segment
RECENT = 20_000  # articles: a newest-first search looks among the newest this many first
RECENT_FLOOR_SECONDS = 60  # how long a process keeps the sort key where those end
WORD = re.compile(r"[^\W_]+")  # what Tantivy's default tokenizer keeps: runs of letters and digits
WEBSEARCH_SYNTAX = re.compile(r'"|(?:^|\s)-\S|\bor\b', re.IGNORECASE)  # phrases, exclusions, alternatives


class IndexBusy(RuntimeError):
    """Another process holds the index's writer."""


def index_path() -> Path:
    return Path(settings.RANKING_INDEX_DIR) / f"v{SCHEMA_VERSION}"


def _schema():
    import tantivy  # imported here: only word searches and syncs need it

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, fast=True, indexed=True)
    builder.add_text_field("text", stored=False)
    builder.add_unsigned_field("newest", fast=True)  # `sort_key`
    return builder.build()


def sort_key(published: datetime.date | None, article_id: int) -> int:
    """An article's place in newest-first order as one number: by date, then id, undated
    last (0), as `ArticleQuerySet.newest_first` sorts; the greatest comes first."""
    return (published.toordinal() if published else 0) << ID_BITS | article_id


@cache
def _open(path: Path):
    import tantivy

    path.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(_schema(), path=str(path), reuse=True)


def index_text(title: str, body: str) -> str:
    """What the index holds of an article: its normalized title and body, as PostgreSQL's vector."""
    return normalize_phrase(f"{title}\n{body}")


def query_terms(text: str) -> tuple[list[str], bool]:
    """The words a candidate must hold, cut where the index's tokenizer cuts them, and whether
    one of them is enough (the query says `or`). Excluded words are left to PostgreSQL."""
    words = QUERY_WORD.findall(websearch_text(text).lower())
    wanted = [
        part for word in words if word != "or" and not word.startswith("-") for part in WORD.findall(word)
    ]
    return wanted, "or" in words


def best_ranked(text: str, limit: int = CANDIDATES) -> list[int] | None:
    """Ids of the `limit` best-ranked articles holding the words of `text` (see `query_terms`),
    best first; None when there is no index."""
    found = _words_query(text)
    if found is None:
        return None
    index, query = found
    if query is None:
        return []
    searcher = index.searcher()
    hits = searcher.search(query, limit, count=False).hits
    return searcher.fast_field_values("id", [address for _score, address in hits])


@dataclass(frozen=True)
class Matches:
    """What the index found for a search by plain words: how many articles hold them all
    (within the dates asked) and the ids of the first of them, in the list's order. The
    count is exact up to the ids' limit and COUNT_CAP, past both a lower bound (what a
    capped count and `complete` need)."""

    count: int
    ids: list[int]

    @property
    def as_filter(self) -> Func:
        """The ids as a filter, `id = ANY(…)`."""
        return any_of("id", self.ids)

    @property
    def complete(self) -> bool:
        """Whether the ids are every match."""
        return len(self.ids) >= self.count

    def capped(self, cap: int) -> tuple[int, bool]:
        return min(self.count, cap), self.count > cap


def indexed_matches(
    text: str,
    limit: int,
    *,
    newest: bool,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    after: Cursor | None = None,
) -> Matches | None:
    """The index's matches of `text` published from `start` to `end`: the first `limit`
    newest first (after `after`, a page's cursor) or best-ranked first. Plain words only,
    and only while the index has taken in every change (else None: PostgreSQL matches and
    counts). Counting a common pair of words costs PostgreSQL a bitmap of every match, and
    a rare word's newest rows a walk of the date index reading each row's vector from
    TOAST (docs/performance-notes.md); `count` ignores `after`, as a list's count does."""
    if not plain_words(text) or RankingChange.objects.exists():
        return None
    found = _words_query(text)
    if found is None:
        return None
    index, words = found
    if words is None:
        return Matches(0, [])
    lowest = sort_key(start or datetime.date.min, 0) if start or end else 0  # dates leave out the undated
    highest = sort_key(end, (1 << ID_BITS) - 1) if end else None
    query = _within(index, words, lowest, highest)
    searcher = index.searcher()
    if not newest:
        result = searcher.search(query, max(limit, 1), count=True)
        return Matches(
            result.count, searcher.fast_field_values("id", [address for _score, address in result.hits])
        )
    enough = max(limit, COUNT_CAP)
    if after is None:
        return Matches(*_newest_within(searcher, index, words, lowest, highest, limit, enough))
    count, _ids = _newest_within(searcher, index, words, lowest, highest, 1, enough)
    before = sort_key(after.day, after.id) - 1
    _found, ids = _newest_within(
        searcher, index, words, lowest, before if highest is None else min(before, highest), limit, limit - 1
    )
    return Matches(count, ids)


def _newest_within(
    searcher, index, words, lowest: int, highest: int | None, limit: int, enough: int
) -> tuple[int, list[int]]:
    """(how many articles hold `words` with sort keys from `lowest` to `highest`, exact up to
    `enough`, past it a lower bound; the ids of the `limit` newest). Among the RECENT newest
    articles first: when more than `enough` of them match, those are the newest matches."""
    floor = _recent_floor()
    if floor is not None and floor > lowest and (highest is None or floor <= highest):
        found, ids = newest_hits(searcher, _within(index, words, floor, highest), limit)
        if found > enough:
            return found, ids
    return newest_hits(searcher, _within(index, words, lowest, highest), limit)


def newest_hits(searcher, query, limit: int, count: bool = True) -> tuple[int | None, list[int]]:
    """(how many articles a Tantivy query finds, if `count`; the ids of the `limit` newest)."""
    result = searcher.search(query, max(limit, 1), count=count, order_by_field="newest")
    return result.count, [key & ((1 << ID_BITS) - 1) for key, _address in result.hits]


_recent_floors: dict[tuple[Path, int], tuple[float, int | None]] = {}


def _recent_floor() -> int | None:
    """The sort key of the RECENT-th newest article (None in a smaller archive), read from
    PostgreSQL's date index once a RECENT_FLOOR_SECONDS, not per request. A stale floor
    costs speed, not answers: `_newest_within` checks what it finds."""
    key, now = (index_path(), RECENT), time.monotonic()
    expires, floor = _recent_floors.get(key, (0.0, None))
    if now >= expires:
        rows = Article.objects.newest_first().values_list("published", "id")[RECENT : RECENT + 1]
        floor = next((sort_key(*row) for row in rows), None)
        _recent_floors[key] = (now + RECENT_FLOOR_SECONDS, floor)
    return floor


def _within(index, words, lowest: int, highest: int | None):
    """`words`, in the articles whose sort keys lie from `lowest` to `highest` (included)."""
    import tantivy

    if lowest == 0 and highest is None:
        return words
    if highest is not None and highest < lowest:
        return tantivy.Query.empty_query()
    keys = tantivy.Query.range_query(
        index.schema,
        "newest",
        tantivy.FieldType.Unsigned,
        lowest,
        highest,
        include_lower=True,
        include_upper=True,
    )
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, words), (tantivy.Occur.Must, keys)])


def open_index():
    """The index, None until `rank_index` or a sync has built it."""
    path = index_path()
    return _open(path) if (path / "meta.json").exists() else None


def _words_query(text: str):
    """(the index, the query for the words of `text`, None for no words); None without an index."""
    index = open_index()
    if index is None:
        return None
    import tantivy

    words, alternatives = query_terms(text)
    if not words:
        return index, None
    occur = tantivy.Occur.Should if alternatives else tantivy.Occur.Must
    query = tantivy.Query.boolean_query(
        [(occur, tantivy.Query.term_query(index.schema, "text", word)) for word in words]
    )
    return index, query


def by_relevance(
    articles: QuerySet, text: str, ranked: list[int] | None = None, limit: int = CANDIDATES
) -> QuerySet:
    """The articles of `articles` that the words of `text` find, best first: the index's
    `limit` best-ranked candidates (from `ranked`, when the caller has them already), in
    its order. Plain words need nothing more (every candidate holds them all); a query with
    `websearch` syntax (a quoted phrase, `-word`, `or`) is also matched by PostgreSQL, row
    by row, which reads each candidate's vector. Without an index, every match, by
    `ts_rank`. The rows carry `relevance`, smallest first.

    A smaller `limit` is for a list that nothing else narrows, read no further than
    `limit` rows: its rows are the index's first ones, and PostgreSQL fetches only them
    (every candidate fetched costs a first page time, docs/performance-notes.md)."""
    query = text_query(text)
    matching = articles.filter(search_vector=query)
    ranked = best_ranked(text, limit) if ranked is None else ranked[:limit]
    if ranked is None:
        return matching.annotate(relevance=-SearchRank(F("search_vector"), query)).order_by(
            "relevance", "-id"
        )
    # The ids as an array for the index scan and as a JSON object for each row's rank: two
    # text parameters (Django's array adapter prepares each id in Python) and an O(log n)
    # lookup per row (array_position scans the whole array for each row).
    ranked_ids = any_of("id", ranked)
    ranks = json.dumps({str(article_id): rank for rank, article_id in enumerate(ranked, 1)})
    position = Func(
        Value(ranks), Cast(F("id"), TextField()), arg_joiner="::jsonb ->> ", template="((%(expressions)s)::int)",
        output_field=IntegerField(),
    )  # fmt: skip
    candidates = articles if plain_words(text) else matching
    return candidates.filter(ranked_ids).annotate(relevance=position).order_by("relevance")


def plain_words(text: str) -> bool:
    """Whether `text` is words only, which the index matches as PostgreSQL would (all of them)."""
    return not WEBSEARCH_SYNTAX.search(text)


def sync(batch: int = SYNC_BATCH) -> int:
    """Bring the index up to date with the articles; return how many changes it took in."""
    writer = _writer()
    taken = 0
    while True:
        with transaction.atomic():
            changed = list(
                RankingChange.objects.select_for_update(skip_locked=True)
                .order_by("article_id")
                .values_list("article_id", flat=True)[:batch]
            )
            if not changed:
                break
            _apply(writer, changed)
            RankingChange.objects.filter(article_id__in=changed).delete()
        taken += len(changed)
    writer.wait_merging_threads()
    _open(index_path()).reload()
    return taken


def _writer():
    """The index's one writer; IndexBusy while another process holds it."""
    path = index_path()
    try:
        return _open(path).writer(heap_size=WRITER_HEAP, num_threads=1)
    except ValueError as error:  # Tantivy: "Failed to acquire Lockfile: LockBusy"
        raise IndexBusy(f"the ranking index in {path} is being written by another process") from error


def _apply(writer, changed: list[int]) -> None:
    """Replace the changed articles in the index and commit it (before the queue forgets them)."""
    import tantivy

    # By query: `delete_documents_by_term` misses unsigned fields (tantivy 0.27's binding
    # makes the term signed; tests/database/test_ranking.py would see the stale copies).
    writer.delete_documents_by_query(tantivy.Query.term_set_query(_open(index_path()).schema, "id", changed))
    stored = Article.objects.filter(id__in=changed).values_list("id", "title", "body", "published")
    for article_id, title, body, published in stored:
        document = tantivy.Document()
        document.add_unsigned("id", article_id)
        document.add_text("text", index_text(title, body))
        document.add_unsigned("newest", sort_key(published, article_id))
        writer.add_document(document)
    writer.commit()


def rebuild() -> int:
    """Index every article again, from an empty index; the files of an index of the first
    schema, which lay in the folder itself, go."""
    for stale in Path(settings.RANKING_INDEX_DIR).glob("*"):
        if stale.is_file():
            stale.unlink()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RankingChange._meta.db_table} (article_id) "
            f"SELECT id FROM {Article._meta.db_table} ON CONFLICT DO NOTHING"
        )
    writer = _writer()
    writer.delete_all_documents()
    writer.commit()
    del writer  # releases the writer's lock for `sync`
    return sync()
