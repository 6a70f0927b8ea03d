"""Side by side on the same corpus and queries: the archive's PostgreSQL answers, a
dedicated search engine (Tantivy, BM25) over the same normalized text, and the naive
Django way (`icontains`).

Tantivy gets what a Tantivy-backed archive would have: every article's normalized title
and body, its id and its publication day as fast fields, and for a name the normalized
spellings of the person the archive's name search finds, each under every proclitic
(Tantivy's tokenizer does not strip و ب ل…, so "ولافروف" is a token of its own). The
timings are of the search alone; building the index is reported separately.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.contrib.postgres.search import SearchRank
from django.db.models import F

from articles.filters import ArticleFilter
from articles.models import Alias, Article
from articles.ranking import best_ranked, by_relevance, index_text, newest_hits, open_index, query_terms
from articles.search import articles_matching, find_actors, full_text_search, text_query
from articles.tagging.matcher import clitic_prefixes

EPOCH = datetime.date(1970, 1, 1)
TOP = 20


class TantivyArchive:
    def __init__(self, batch: int = 2000) -> None:
        import tantivy

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_unsigned_field("id", stored=True, fast=True, indexed=True)
        builder.add_integer_field("day", fast=True, indexed=False)
        builder.add_text_field("text", stored=False)
        self.index = tantivy.Index(builder.build())
        started = time.monotonic()
        writer = self.index.writer(heap_size=256_000_000, num_threads=2)
        rows = Article.objects.order_by().values_list("id", "title", "body", "published")
        self.documents = 0
        for pk, title, body, published in rows.iterator(chunk_size=batch):
            day = (published - EPOCH).days if published else 0
            document = tantivy.Document()
            document.add_unsigned("id", pk)
            document.add_integer("day", day)
            document.add_text("text", index_text(title, body))
            writer.add_document(document)
            self.documents += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.build_seconds = round(time.monotonic() - started, 1)

    def _ids(self, query, newest_first: bool, top: int) -> list[int]:
        if newest_first:
            result = self.searcher.search(query, top, count=False, order_by_field="day")
        else:
            result = self.searcher.search(query, top, count=False)
        return [self.searcher.doc(address)["id"][0] for _key, address in result.hits]

    def name_search(self, spellings: list[list[str]], top: int = TOP) -> list[int]:
        return self._ids(any_phrase(self.index.schema, spellings), newest_first=True, top=top)

    def full_text_newest(self, text: str, top: int = TOP) -> list[int]:
        return self._ids(all_words(self.index.schema, text), newest_first=True, top=top)

    def full_text_ranked(self, text: str, top: int = TOP) -> list[int]:
        return self._ids(all_words(self.index.schema, text), newest_first=False, top=top)


def all_words(schema, text: str):
    """Every word, anywhere: what PostgreSQL's websearch_to_tsquery makes of plain words."""
    import tantivy

    words, _any_of = query_terms(text)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "text", w)) for w in words]
    )


def any_phrase(schema, phrases: list[list[str]]):
    """Any of the phrases (a word alone is a term)."""
    import tantivy

    Query = tantivy.Query
    clauses = [
        (tantivy.Occur.Should, Query.term_query(schema, "text", w[0]) if len(w) == 1 else Query.phrase_query(schema, "text", w))
        for w in phrases
    ]  # fmt: skip
    return Query.boolean_query(clauses)


def spellings_with_clitics(query: str) -> list[list[str]]:
    """The normalized spellings of the people a name query finds, first word under every proclitic."""
    actor_ids = [hit.actor.id for hit in find_actors(query)]
    names = set(Alias.objects.filter(actor_id__in=actor_ids).values_list("normalized", flat=True))
    phrases = []
    for name in names:
        words = name.split()
        if not words:
            continue
        phrases.append(words)
        phrases += [
            [prefix + words[0], *words[1:]] for prefix, _article in clitic_prefixes() if not name.isascii()
        ]
    return phrases


def ours_name_search(query: str, top: int = TOP) -> list[int]:
    return list(articles_matching(query).newest_first().values_list("id", flat=True)[:top])


def ours_full_text_newest(text: str, top: int = TOP) -> list[int]:
    return list(full_text_search(text).newest_first().values_list("id", flat=True)[:top])


def ours_full_text_ranked(text: str, top: int = TOP) -> list[int]:
    """Plain `ts_rank` over every match: the cost the issue measured at 12–16 µs per matching row."""
    ranked = (
        full_text_search(text)
        .annotate(rank=SearchRank(F("search_vector"), text_query(text)))
        .order_by("-rank", "-id")
    )
    return list(ranked.values_list("id", flat=True)[:top])


def ours_full_text_relevance(text: str, top: int = TOP) -> list[int]:
    """The archive's relevance order, as the first page of a search by these words alone
    reads it: its Tantivy index proposes the page's candidates, PostgreSQL fetches them."""
    ranked = by_relevance(Article.objects.all(), text, limit=top + 1)
    return list(ranked.values_list("id", flat=True)[:top])


def ours_listed(query: str, top: int = TOP) -> list[int]:
    """The ids of the first page of `/api/articles/?q=…` as the API finds them (its FilterSet,
    told how far the page reads), without the count and the rows' other columns: a name
    through the mentions, words through the relevance index and then PostgreSQL."""
    return list(ArticleFilter({"q": query}, rows_wanted=top + 1).qs.values_list("id", flat=True)[:top])


def indexed_name_search(spellings: list[list[str]], top: int = TOP) -> list[int]:
    """Tantivy alone over the archive's own relevance index: the `top` newest articles that
    hold any of the spellings (`spellings_with_clitics`), by the index's sort key."""
    index = open_index()
    return newest_hits(index.searcher(), any_phrase(index.schema, spellings), top, count=False)[1]


def indexed_full_text_newest(text: str, top: int = TOP) -> list[int]:
    """Tantivy alone over the archive's own index: the `top` newest articles holding every word."""
    index = open_index()
    return newest_hits(index.searcher(), all_words(index.schema, text), top, count=False)[1]


def indexed_full_text_ranked(text: str, top: int = TOP) -> list[int]:
    """Tantivy alone, BM25 over every document of the archive's own relevance index (the same
    normalized text as `TantivyArchive`, the same query): the side by side for ranked full
    text where building a second index would take as long as the archive's (a million articles)."""
    return best_ranked(text, top)


def scenarios(engine: TantivyArchive, names: list[str], texts: list[str]) -> dict[str, list[Callable]]:
    """Each scenario's calls, built before timing (query preparation is not timed for Tantivy)."""
    spellings = {name: spellings_with_clitics(name) for name in names}
    return {
        "ours_name_search": [lambda n=n: ours_name_search(n) for n in names],
        "tantivy_name_search": [lambda n=n: engine.name_search(spellings[n]) for n in names],
        "ours_full_text_newest": [lambda t=t: ours_full_text_newest(t) for t in texts],
        "tantivy_full_text_newest": [lambda t=t: engine.full_text_newest(t) for t in texts],
        "ours_full_text_ranked": [lambda t=t: ours_full_text_ranked(t) for t in texts],
        "ours_full_text_relevance": [lambda t=t: ours_full_text_relevance(t) for t in texts],
        "tantivy_full_text_ranked": [lambda t=t: engine.full_text_ranked(t) for t in texts],
    }
