"""The benchmark's scaled archive and its search-engine comparison, on real ingested articles."""

import random

import pytest
from django.db import connection
from django.db.models import Sum

from archive.databases import database_url
from articles.models import ActorMonth, Article, ArticleActor, Mention
from articles.tagging.dictionary import load_dictionary
from bench import engines, floor, scale
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(ingest):
    load_dictionary()
    ingest(DEMO_CORPUS)
    return Article.objects.count()


def test_scaling_copies_articles_mentions_and_event_links_with_new_hashes_and_earlier_dates(demo):
    mentions = Mention.objects.count()
    pairs, months = ArticleActor.objects.count(), ActorMonth.objects.aggregate(n=Sum("articles"))["n"]
    reports = Article.objects.filter(events__isnull=False).count()
    original = Article.objects.exclude(published=None).order_by("id").first()

    figures = scale.multiply(database_url(connection.settings_dict), 3, log=lambda line: None)

    assert figures["articles"] == Article.objects.count() == 3 * demo
    assert figures["mentions"] == Mention.objects.count() == 3 * mentions
    # the copies' mentions go through the same triggers as ingest's
    assert ArticleActor.objects.count() == 3 * pairs
    assert ActorMonth.objects.aggregate(n=Sum("articles"))["n"] == 3 * months
    assert Article.objects.filter(events__isnull=False).count() == 3 * reports
    assert Article.objects.values("content_hash").distinct().count() == 3 * demo
    copies = Article.objects.filter(title=original.title, body=original.body).order_by("-published")
    assert [(original.published - a.published).days for a in copies] == [0, 7, 14]
    assert [m.actor_id for m in copies.last().mentions.order_by("start")] == [
        m.actor_id for m in original.mentions.order_by("start")
    ]


def _indexes() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [scale.COPIED_TABLES]
        )
        return set(cursor.fetchall())


def test_scaling_builds_again_every_index_it_dropped_for_the_copies(demo):
    before = _indexes()
    assert any("USING gin (search_vector)" in definition for _name, definition in before)
    figures = scale.multiply(database_url(connection.settings_dict), 2, log=lambda line: None)
    assert _indexes() == before
    assert figures["indexes_seconds"] >= 0 and figures["copies_seconds"] >= 0


def test_a_scaled_archive_can_be_scaled_again(demo):
    url = database_url(connection.settings_dict)
    scale.multiply(url, 2, log=lambda line: None)
    figures = scale.multiply(url, 3, log=lambda line: None)  # copies of copies get hashes of their own
    assert figures["articles"] == Article.objects.values("content_hash").distinct().count() == 6 * demo


def test_tantivy_finds_what_the_archive_finds_for_a_name_and_for_words(demo):
    engine = engines.TantivyArchive()
    assert engine.documents == demo
    every = demo + 1  # whole result sets: ties on a day may order differently
    for name in ["لافروف", "Pashinyan", "علييف"]:
        ours = engines.ours_name_search(name, every)
        assert ours, name
        assert set(engine.name_search(engines.spellings_with_clitics(name), every)) == set(ours), name
    words = "وقف إطلاق النار"
    ours = set(engines.ours_full_text_newest(words, every))
    assert ours and set(engine.full_text_newest(words, every)) == ours
    assert (
        set(engine.full_text_ranked(words, every)) == set(engines.ours_full_text_ranked(words, every)) == ours
    )
    # Ranked, top 20: the archive's first page, and Tantivy alone over the archive's own
    # relevance index (the side by side at a million articles), as the in-memory engine.
    best = engine.full_text_ranked(words)
    assert engines.indexed_full_text_ranked(words) == best
    assert engines.ours_full_text_relevance(words) == best


def test_tantivy_alone_over_the_archive_index_finds_the_archive_first_pages(demo):
    every = demo + 1
    for name in ["لافروف", "Pashinyan", "علييف"]:
        ours = engines.ours_listed(name, every)
        assert ours, name
        spellings = engines.spellings_with_clitics(name)
        assert set(engines.indexed_name_search(spellings, every)) == set(ours), name
        # newest first by the index's sort key: the archive's own order, cut at a page
        assert engines.indexed_name_search(spellings) == ours[: engines.TOP], name
    words = "وقف إطلاق النار"
    ours = engines.ours_listed(words, every)
    assert ours and engines.indexed_full_text_newest(words, every) == ours
    assert engines.indexed_full_text_newest(words, 5) == ours[:5]


def test_the_bench_latency_run_and_its_report_on_the_demo_corpus(demo):
    from bench import latency
    from bench.management.commands.bench import Command

    timings = latency.run(repeats=1)
    beside = timings["beside_tantivy"]
    assert beside["names"]["queries"] == len(latency.name_queries(random.Random(7)))
    assert beside["newest"]["same"] == beside["newest"]["queries"] > 0  # the index and PostgreSQL agree
    assert beside["ranked"]["same"] == beside["ranked"]["queries"]
    assert 0 < beside["names"]["shared"] <= 1
    figures = {"p50": 1.0, "p95": 2.0, "p99": 3.0, "n": 1, "rps": 1, "p50_ms": 1, "p95_ms": 1, "p99_ms": 1}
    half = {"articles": demo, "new": demo, "duplicate": 0, "failed": 0, "seconds": 1,
            "articles_per_second": demo, "peak_rss_mb": 1}  # fmt: skip
    ingest = [half | {"jobs": 1}, half | {"jobs": 2}]
    options = {"articles": demo, "scale": 1, "seed": 1, "repeats": 1, "measure_only": False, "workers": 1,
               "concurrency": 1, "load_seconds": 1}  # fmt: skip
    loads = {"article list": figures | {"requests": 1, "errors": 0}}
    database_floor = floor._figures(demo, 1234, writing=(0.5, 0.4), vectors=(0.1, None), cores=2)
    from bench.cleaning import time_cleaning

    cleaning = time_cleaning(seed=1, pages=20, rounds=2)
    assert (
        0
        < cleaning["ms_per_article_min"]
        <= cleaning["ms_per_article_median"]
        <= cleaning["ms_per_article_max"]
    )
    from bench.tagging import time_tagging

    tagging = time_tagging(seed=1, articles=20, rounds=2)
    assert tagging["with_gazetteer"]["spellings"] > 5 * tagging["dictionary"]["spellings"]
    assert 0 < tagging["dictionary"]["ms_per_article_min"] <= tagging["dictionary"]["ms_per_article_max"]
    report = Command().report(options, ingest, database_floor, timings, loads, 0.1, None, cleaning, tagging)
    assert "over 20 of the corpus's" in report and f"**{cleaning['ms_per_article_median']} ms** an" in report
    assert f"| dictionary + world gazetteer | {tagging['with_gazetteer']['spellings']:,} |" in report
    ceiling = round(2 / (0.6 / demo))
    assert f"**{database_floor['write_ms']} ms an article**" in report
    assert f"at most **{ceiling:,} articles/s** on its 2 cores" in report
    assert "## Beside Tantivy alone, at this size" in report
    assert f"| first half | 1 | {demo} |" in report and f"| second half | 2 | {demo} |" in report
    assert (
        f"| name search, the {beside['names']['queries']} names: 20 newest | {beside['names']['ours']['p50']}"
        in report
    )
