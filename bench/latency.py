"""Latency of the archive's answers, measured in-process through Django (middleware included).

Each scenario is a list of requests, each run `repeats` times after one warm-up; the
result is p50/p95/p99 in milliseconds over all of them. The naive way — what a Django site
does without design: `icontains` over title and body, plus the count the admin shows — is
timed on the same name queries for a side-by-side ratio.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q
from django.test import Client

from articles.models import Actor, Alias, Article, Mention, Venue
from articles.paging import COUNT_CAP, Cursor
from articles.search import find_actors

PERCENTILES = (50, 95, 99)
LARGE = 200_000  # articles; beyond, the slow ways run on fewer queries and Tantivy is not built
SLOW = {"ours_full_text_ranked"}  # plain ts_rank: seconds a query at a million articles, timed once
RANKED = "order=relevance"


def percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    cuts = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else samples * 99
    return {f"p{p}": round(cuts[p - 1] * 1000, 2) for p in PERCENTILES} | {"n": len(samples)}


def timed(calls: list[Callable[[], object]], repeats: int, warm: bool = True) -> dict[str, float]:
    samples = []
    for call in calls:
        if warm:
            call()  # warm-up: caches, plans
        for _ in range(repeats):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
    return percentiles(samples)


def _get(client: Client, url: str) -> Callable[[], object]:
    def call():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    return call


def name_queries(rng: random.Random) -> list[str]:
    """20 spellings of frequent and rare people: 10 Arabic aliases, 10 Latin ones."""
    people = list(
        Actor.objects.filter(kind="person", status="active")
        .annotate(n=Count("mentions"))
        .filter(n__gt=0)
        .order_by("-n", "slug")
    )
    chosen = people[:5] + people[-5:] if len(people) >= 10 else people
    arabic, latin = [], []
    for actor in chosen:
        spellings = list(Alias.objects.filter(actor=actor).values_list("name", flat=True))
        arabic += [s for s in spellings if not s.isascii()][:1]
        latin += [s for s in spellings if s.isascii()][:1]
    arabic += [rng.choice(arabic) for _ in range(10 - len(arabic))] if arabic else []
    latin += [rng.choice(latin) for _ in range(10 - len(latin))] if latin else []
    return arabic[:10] + latin[:10]


def phrases(rng: random.Random, count: int = 20) -> list[str]:
    """Two-word phrases taken from article bodies (frequent and rare), no dictionary name in them."""
    names = set(Alias.objects.values_list("normalized", flat=True))
    bodies = list(Article.objects.order_by("?").values_list("body", flat=True)[:200])
    found: list[str] = []
    while bodies and len(found) < count:
        words = [w for w in rng.choice(bodies).split() if w.isalpha() and len(w) > 3]
        if len(words) < 2:
            continue
        start = rng.randrange(len(words) - 1)
        phrase = f"{words[start]} {words[start + 1]}"
        if not any(part in names for part in phrase.split()) and not find_actors(phrase):
            found.append(phrase)
    return found


def rare_and_frequent_words(rng: random.Random, count: int = 5) -> tuple[list[str], list[str]]:
    """Words found in one article of a sample and words found in most of them (no names):
    a plan that suits one kind of term can be a trap for the other."""
    names = {word for alias in Alias.objects.values_list("normalized", flat=True) for word in alias.split()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM articles_article ORDER BY id LIMIT 500')"
            " WHERE length(word) > 3 ORDER BY ndoc, word"
        )
        counted = [(word, n) for word, n in cursor.fetchall() if word.isalpha() and word not in names]
    once = [word for word, n in counted if n == 1]
    rare = [word for word in rng.sample(once, len(once)) if not find_actors(word)][:count]
    frequent = [word for word, _n in reversed(counted) if not find_actors(word)][:count]
    return rare, frequent  # words the name search takes for someone would not be timed as words


def run(repeats: int = 5, seed: int = 7, engines: bool = False) -> dict:
    gc.freeze()  # as archive/wsgi.py does in the served process
    rng = random.Random(seed)
    client = Client()
    names = name_queries(rng)
    texts = phrases(rng)
    rare, frequent = rare_and_frequent_words(rng)
    top = Mention.objects.exclude(actor=None).values("actor").annotate(n=Count("id")).order_by("-n")[:3]
    actors = list(Actor.objects.filter(id__in=[row["actor"] for row in top]))
    venue = Venue.objects.annotate(n=Count("mentions")).order_by("-n").first()
    article_count = Article.objects.count()
    lead = actors[0]
    filtered = f"actor={lead.slug}&venue={venue.slug}&date_from=2020-01-01&date_to=2023-12-31"
    pages = max(1, Article.objects.with_any_actor([lead]).count() // 20)
    deep = min(500, pages)  # by cursor
    numbered = min(COUNT_CAP // 20, pages)  # page numbers reach the first COUNT_CAP rows
    results = {
        "articles": article_count,
        "name_search_api": timed([_get(client, f"/api/articles/?q={q}") for q in names], repeats),
        "full_text_api": timed([_get(client, f"/api/articles/?q={q}") for q in texts], repeats),
        "full_text_rare_api": timed([_get(client, f"/api/articles/?q={q}") for q in rare], repeats),
        "full_text_frequent_api": timed([_get(client, f"/api/articles/?q={q}") for q in frequent], repeats),
        "full_text_ranked_api": timed(
            [_get(client, f"/api/articles/?q={q}&{RANKED}") for q in texts], repeats
        ),
        "full_text_frequent_ranked_api": timed(
            [_get(client, f"/api/articles/?q={q}&{RANKED}") for q in frequent], repeats
        ),
        "filtered_list_api": timed([_get(client, f"/api/articles/?{filtered}")], repeats * 4),
        "filtered_list_page": timed([_get(client, f"/?{filtered}")], repeats * 4),
        "actor_page": timed([_get(client, f"/actors/{a.slug}/") for a in actors], repeats),
        "first_page_api": timed([_get(client, f"/api/articles/?actor={lead.slug}&page=1")], repeats * 4),
        "deep_page_api": timed(
            [_get(client, f"/api/articles/?actor={lead.slug}&page={numbered}")], repeats * 4
        ),
        "deep_cursor_api": timed(
            [_get(client, f"/api/articles/?actor={lead.slug}&after={_cursor_at(lead, deep)}")], repeats * 4
        ),
        "deep_page_number": numbered,
        "deep_cursor_page": deep,
        "naive_name_search": timed([_naive(q) for q in _some(names, article_count)], 1, warm=False),
    }
    results["beside_tantivy"] = beside_tantivy(names, texts, frequent, repeats)
    if engines:
        results["engines"] = side_by_side(names, texts, repeats)
    return results


def beside_tantivy(names: list[str], texts: list[str], frequent: list[str], repeats: int) -> dict:
    """At any size, the archive's answers at the ORM (a first page's ids) against Tantivy
    alone over the archive's own relevance index, the same queries one after the other:
    names and phrases newest first, phrases and frequent words best ranked; and how far
    the two agree."""
    from bench.engines import (
        indexed_full_text_newest,
        indexed_full_text_ranked,
        indexed_name_search,
        ours_full_text_relevance,
        ours_listed,
        spellings_with_clitics,
    )

    spellings = {name: spellings_with_clitics(name) for name in names}
    ranked = texts + frequent
    return {
        "names": {
            "ours": timed([lambda n=n: ours_listed(n) for n in names], repeats),
            "tantivy": timed([lambda n=n: indexed_name_search(spellings[n]) for n in names], repeats),
            # The archive lists the articles its tagger and editors name someone in; Tantivy,
            # those holding a spelling: the share of the archive's 20 that Tantivy also has.
            "shared": round(
                statistics.mean(
                    len(set(ours_listed(n)) & set(indexed_name_search(spellings[n])))
                    / max(1, len(ours_listed(n)))
                    for n in names
                ),
                2,
            ),
            "queries": len(names),
        },
        "newest": {
            "ours": timed([lambda t=t: ours_listed(t) for t in texts], repeats),
            "tantivy": timed([lambda t=t: indexed_full_text_newest(t) for t in texts], repeats),
            "same": sum(ours_listed(t) == indexed_full_text_newest(t) for t in texts),
            "queries": len(texts),
        },
        "ranked": {
            "ours": timed([lambda t=t: ours_full_text_relevance(t) for t in ranked], repeats),
            "tantivy": timed([lambda t=t: indexed_full_text_ranked(t) for t in ranked], repeats),
            "same": sum(
                _titles(ours_full_text_relevance(t)) == _titles(indexed_full_text_ranked(t)) for t in ranked
            ),
            "queries": len(ranked),
        },
    }


def side_by_side(names: list[str], texts: list[str], repeats: int) -> dict:
    """PostgreSQL and Tantivy on the same names and phrases, in this process, one after the other."""
    from bench.engines import (
        TantivyArchive,
        ours_full_text_ranked,
        ours_full_text_relevance,
        scenarios,
    )

    engine = TantivyArchive()
    timings = {
        name: timed(calls, max(1, repeats // 5) if name in SLOW else repeats)
        for name, calls in scenarios(engine, names, texts).items()
    }
    timings["naive_full_text"] = timed([_naive(t) for t in _some(texts, engine.documents)], 1, warm=False)
    # The same top 20: the archive's relevance list against Tantivy over every document
    # (what its index must give), and against plain ts_rank (another scoring altogether).
    # Compared by title: a scaled archive holds copies of each text, whose equal scores
    # two indexes may order either way.
    ours = {t: ours_full_text_relevance(t) for t in texts}
    agreement = {
        "same_as_tantivy": sum(_titles(ours[t]) == _titles(engine.full_text_ranked(t)) for t in texts),
        "shared_with_ts_rank": round(
            statistics.mean(
                len(set(ours[t]) & set(ours_full_text_ranked(t))) / max(1, len(ours[t])) for t in texts
            ),
            2,
        ),
        "queries": len(texts),
    }
    return {"documents": engine.documents, "build_seconds": engine.build_seconds, "top": agreement, **timings}


def _titles(ids: list[int]) -> list[str]:
    titles = dict(Article.objects.filter(id__in=ids).values_list("id", "title"))
    return [titles[i] for i in ids]


def _cursor_at(actor: Actor, page: int) -> str:
    """The cursor a client holds after following `next` to `page` (20 rows a page)."""
    row = Article.objects.with_any_actor([actor]).newest_first().values("day", "id")[(page - 1) * 20 - 1]
    return str(Cursor(row["day"], row["id"]))


def _some(queries: list[str], articles: int) -> list[str]:
    """Every fifth query (frequent and rare names, Arabic and Latin, as `name_queries` orders
    them), every tenth past LARGE articles: the naive way reads every body, minutes a
    query at a million articles, so it runs once each, without a warm-up to keep."""
    return queries[:: 5 if articles <= LARGE else 10]


def _naive(query: str) -> Callable[[], object]:
    """Django's admin search: icontains on each field, ordered, counted, one page."""

    def call():
        found = Article.objects.filter(Q(title__icontains=query) | Q(body__icontains=query))
        found.count()
        return list(found.order_by("-published", "-id").values_list("id", flat=True)[:20])

    return call
