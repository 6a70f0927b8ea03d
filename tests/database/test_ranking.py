"""Relevance order of word searches: the Tantivy index follows every change of the articles
through the database's queue, and lists in relevance order keep PostgreSQL's matches and
filters, best first, with page numbers."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from articles import filters, ranking
from articles.models import Article, DatePrecision, RankingChange, Source

pytestmark = pytest.mark.django_db

TRUCE = "هدنة"
# Three reports that all use the word; the first is the one about the truce.
ABOUT_THE_TRUCE = (
    "هدنة إنسانية في قره باغ بعد محادثات موسكو\n"
    "موسكو - 10 أكتوبر 2020 (وكالات) - أعلن وزير الخارجية الروسي سيرغي لافروف هدنة إنسانية بين أرمينيا "
    "وأذربيجان. وقال إن هدنة اليوم تبدأ ظهرا، وإن خرق هدنة موسكو سيبحث في اجتماع لاحق، وإن هدنة "
    "كهذه تسمح بتبادل الأسرى."
)
MENTIONS_IT = (
    "باشينيان يزور باريس\n"
    "باريس - 12 أكتوبر 2020 (وكالات) - وصل رئيس الوزراء الأرميني نيكول باشينيان إلى باريس للقاء الرئيس "
    "الفرنسي إيمانويل ماكرون، وبحث الطرفان التعاون الاقتصادي والثقافي والتعليمي، وأشار إلى هدنة موسكو."
)
LATER_REPORT = (
    "علييف يتحدث عن إعادة الإعمار\n"
    "باكو - 20 أكتوبر 2020 (وكالات) - قال الرئيس الأذربيجاني إلهام علييف إن بلاده ستعيد إعمار المدن، "
    "وتحدث عن الطرق والمدارس والمستشفيات والمطارات، ثم عن هدنة موسكو."
)


@pytest.fixture
def reports(ingest, write):
    for name, text in (
        ("truce.txt", ABOUT_THE_TRUCE),
        ("paris.txt", MENTIONS_IT),
        ("baku.txt", LATER_REPORT),
    ):
        folder = write(f"in/{name}", text).parent
    result = ingest(folder)
    assert result.exit_code == 0, result.stderr
    return {article.origin: article for article in Article.objects.all()}


def listed(client, **params) -> dict:
    response = client.get(reverse("api:articles"), params)
    assert response.status_code == 200, response.content
    return response.json()


def test_ingest_brings_the_index_up_to_date(reports):
    assert not RankingChange.objects.exists()
    assert ranking.best_ranked(TRUCE) == [reports["truce.txt"].id, *ranking.best_ranked(TRUCE)[1:]]
    assert sorted(ranking.best_ranked(TRUCE)) == sorted(a.id for a in reports.values())
    assert ranking.best_ranked("إعمار المدن") == [reports["baku.txt"].id]


def test_the_index_follows_edits_and_deletions(reports):
    paris, baku = reports["paris.txt"], reports["baku.txt"]
    paris.body = paris.body.replace("الاقتصادي", "الزراعي")
    paris.save()
    baku_id = baku.id
    baku.delete()
    assert set(RankingChange.objects.values_list("article_id", flat=True)) == {paris.id, baku_id}

    assert ranking.sync() == 2
    assert ranking.best_ranked("الزراعي") == [paris.id]
    assert ranking.best_ranked("الاقتصادي") == []
    assert baku_id not in ranking.best_ranked(TRUCE)
    assert ranking.sync() == 0


def test_an_index_kept_up_to_date_ranks_as_one_built_from_scratch(reports, ingest, write):
    reports["paris.txt"].delete()
    article = reports["baku.txt"]
    article.title = "هدنة هشة وإعادة إعمار"
    article.save()
    ranking.sync()
    queries = [TRUCE, "إعادة إعمار", "لافروف هدنة", "وكالات"]
    kept = {query: ranking.best_ranked(query) for query in queries}

    ranking.rebuild()
    assert {query: ranking.best_ranked(query) for query in queries} == kept
    assert kept[TRUCE][0] in (reports["truce.txt"].id, article.id)


def test_a_word_search_in_relevance_order_comes_best_first(client, reports):
    by_date = listed(client, q=TRUCE)
    by_relevance = listed(client, q=TRUCE, order="relevance")

    assert by_date["results"][0]["title"].startswith("علييف")  # the newest
    assert by_relevance["results"][0]["title"] == ABOUT_THE_TRUCE.split("\n")[0]
    assert sorted(row["id"] for row in by_relevance["results"]) == sorted(
        row["id"] for row in by_date["results"]
    )
    assert by_relevance["count"] == by_date["count"] == 3


def test_relevance_keeps_the_filters_and_the_matches_of_postgresql(client, reports):
    after_the_truce = listed(client, q=TRUCE, order="relevance", date_from="2020-10-11")
    assert {row["title"] for row in after_the_truce["results"]} == {
        MENTIONS_IT.split("\n")[0],
        LATER_REPORT.split("\n")[0],
    }
    # A quoted phrase: the index proposes every article with both words, PostgreSQL keeps
    # those where they stand together, in that order.
    assert listed(client, q="موسكو هدنة", order="relevance")["count"] == 3
    assert listed(client, q='"هدنة موسكو"', order="relevance")["count"] == 3
    assert listed(client, q='"موسكو هدنة"', order="relevance")["count"] == 0
    phrase = listed(client, q='"هدنة إنسانية"', order="relevance")
    assert [row["id"] for row in phrase["results"]] == [reports["truce.txt"].id]


@pytest.mark.parametrize(
    ("query", "plain"),
    [("هدنة موسكو", True), ("Lavrov truce", True), ('"هدنة إنسانية"', False), ("هدنة -موسكو", False),
     ("هدنة or اتفاق", False)],
)  # fmt: skip
def test_only_plain_words_skip_the_match_in_postgresql(query, plain):
    assert ranking.plain_words(query) is plain


@pytest.mark.parametrize("order", ["newest", "relevance"])
def test_excluded_words_and_alternatives_mean_what_websearch_says(client, reports, order):
    without_paris = listed(client, q="هدنة -باريس", order=order)
    assert sorted(row["id"] for row in without_paris["results"]) == sorted(
        reports[name].id for name in ("truce.txt", "baku.txt")
    )
    either = listed(client, q="الزراعي or الطرق", order=order)  # only the second is written anywhere
    assert [row["id"] for row in either["results"]] == [reports["baku.txt"].id]


def test_relevance_lists_go_by_page_number(client, reports):
    first = listed(client, q=TRUCE, order="relevance", page_size=2)
    assert "page=2" in first["next"] and "after=" not in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    refused = client.get(reverse("api:articles"), {"q": TRUCE, "order": "relevance", "after": "2020-10-12.5"})
    assert refused.status_code == 400 and "after" in refused.json()["parameters"]


def test_a_name_search_stays_newest_first(client, reports):
    newest = listed(client, q="لافروف")
    assert listed(client, q="لافروف", order="relevance") == newest
    assert "after=" not in (newest["next"] or "")


def test_an_unknown_order_is_named(client, reports):
    response = client.get(reverse("api:articles"), {"q": TRUCE, "order": "best"})
    assert response.status_code == 400
    assert "order" in response.json()["parameters"]


def test_without_an_index_relevance_falls_back_to_ts_rank(client, reports, settings, tmp_path):
    settings.RANKING_INDEX_DIR = tmp_path / "never-built"
    assert ranking.best_ranked(TRUCE) is None
    answer = listed(client, q=TRUCE, order="relevance")
    assert answer["results"][0]["title"] == ABOUT_THE_TRUCE.split("\n")[0]
    assert answer["count"] == 3


def test_a_busy_index_leaves_the_changes_queued(ingest, write):
    import tantivy

    ranking.sync()
    holder = tantivy.Index(ranking._schema(), path=str(ranking.index_path()), reuse=True).writer(
        heap_size=15_000_000
    )
    result = ingest(write("truce.txt", ABOUT_THE_TRUCE))
    assert result.exit_code == 0
    assert "the new articles join it at the next `rank_index`" in result.stderr
    assert RankingChange.objects.count() == 1
    del holder
    assert ranking.sync() == 1
    assert ranking.best_ranked(TRUCE) == [Article.objects.get().id]


def _counted_by_postgresql(words: str) -> int:
    from articles.search import text_query

    return Article.objects.filter(search_vector=text_query(words)).count()


def _newest(words: str, **dates):
    return ranking.indexed_matches(words, 20, newest=True, **dates)


@pytest.mark.parametrize("words", [TRUCE, "هدنة موسكو", "إعمار المدن", "كلمة لا ترد"])
def test_the_index_counts_a_word_search_as_postgresql_does(client, reports, words):
    assert _newest(words).capped(1000) == (_counted_by_postgresql(words), False)
    answer = listed(client, q=words)
    assert (answer["count"], answer["count_capped"]) == (_counted_by_postgresql(words), False)
    assert _newest(TRUCE).capped(2) == (2, True)
    assert _newest(TRUCE, start=datetime.date(2020, 10, 11)).count == 2
    assert _newest(TRUCE, end=datetime.date(2020, 10, 11)).count == 1
    assert _newest(TRUCE, start=datetime.date(2020, 10, 13), end=datetime.date(2020, 10, 11)).count == 0


def _recent(monkeypatch, articles: int) -> None:
    """Newest-first searches look among the newest `articles` first; the floor read again."""
    monkeypatch.setattr(ranking, "RECENT", articles)
    monkeypatch.setattr(ranking, "_recent_floors", {})


def test_a_search_among_the_recent_articles_stops_there_when_enough_match(reports, monkeypatch):
    monkeypatch.setattr(ranking, "COUNT_CAP", 1)
    _recent(monkeypatch, 1)  # the two newest reports: Baku's and Paris's, both with the word
    newest = [reports[name].pk for name in ("baku.txt", "paris.txt", "truce.txt")]
    among_recent = _newest_n(TRUCE, 1)
    assert (among_recent.ids, among_recent.count) == (newest[:1], 2)  # 2: at least, more than enough
    assert among_recent.capped(1) == (1, True) and not among_recent.complete
    assert _newest_n(TRUCE, 2) == ranking.Matches(3, newest[:2])  # two were not more than enough: all


def _newest_n(words: str, limit: int, **kwargs) -> ranking.Matches:
    return ranking.indexed_matches(words, limit, newest=True, **kwargs)


@pytest.mark.parametrize("recent", [0, 1, 2])
def test_a_search_among_the_recent_articles_first_finds_what_a_search_of_all_finds(
    reports, monkeypatch, recent
):
    monkeypatch.setattr(ranking, "COUNT_CAP", 1)
    truce, paris, baku = (reports[name] for name in ("truce.txt", "paris.txt", "baku.txt"))
    asked = [
        {"words": words, "limit": limit, **extra}
        for words in (TRUCE, "هدنة موسكو", "إعمار المدن")
        for limit in (1, 2, 3)
        for extra in (
            {},
            {"start": datetime.date(2020, 10, 11)},
            {"end": datetime.date(2020, 10, 15)},
            {"after": ranking.Cursor(baku.published, baku.pk)},
            {"after": ranking.Cursor(paris.published, paris.pk), "start": truce.published},
        )
    ]

    def answers():
        return [
            (found.ids, found.capped(1), found.complete) for found in (_newest_n(**each) for each in asked)
        ]

    _recent(monkeypatch, 10**9)  # no floor: every search reads all of the index
    of_all = answers()
    _recent(monkeypatch, recent)
    assert answers() == of_all


def test_postgresql_counts_while_the_index_is_behind_or_the_list_is_narrowed(client, reports):
    assert ranking.indexed_matches('"هدنة موسكو"', 20, newest=True) is None  # a phrase: websearch syntax
    reports["paris.txt"].delete()  # queued, not yet out of the index, which still counts it
    assert _newest(TRUCE) is None
    assert listed(client, q=TRUCE)["count"] == _counted_by_postgresql(TRUCE) == 2
    ranking.sync()
    assert _newest(TRUCE).capped(1000) == (2, False)
    # dates the index knows; a source it does not: PostgreSQL counts
    assert listed(client, q=TRUCE, date_from="2020-10-15")["count"] == 1
    other = Source.objects.create(name="مصدر آخر", slug="other")
    Article.objects.filter(pk=reports["baku.txt"].pk).update(source=other)
    assert listed(client, q=TRUCE, source="other")["count"] == 1


def _one_source() -> Source:
    """A source that every article comes from, to narrow a list by."""
    source = Source.objects.create(name="وكالة الأنباء", slug="agency")
    Article.objects.update(source=source)
    return source


def _every_page(client, **params) -> list[list[int]]:
    """The ids of each page of a list, following its `next` links to the end."""
    pages, answer = [], listed(client, **params)
    while True:
        pages.append([row["id"] for row in answer["results"]])
        if not answer["next"]:
            return pages
        answer = client.get(answer["next"]).json()


LISTS = [
    {"q": TRUCE}, {"q": "هدنة موسكو"}, {"q": "إعمار المدن"}, {"q": "كلمة لا ترد"},
    {"q": TRUCE, "date_from": "2020-10-11"}, {"q": TRUCE, "date_to": "2020-10-12"},
    {"q": TRUCE, "order": "relevance"}, {"q": TRUCE, "order": "relevance", "date_to": "2020-10-12"},
]  # fmt: skip


@pytest.mark.parametrize("params", LISTS)
def test_a_list_the_index_answers_is_the_list_postgresql_gives(client, reports, monkeypatch, params):
    """Every page, by cursor and by number, of a search by words (and dates) alone: the rows
    the index lists are those PostgreSQL finds, in the same order, with the same count."""
    an_undated_match = reports["paris.txt"].pk  # undated articles come last, newest-first
    Article.objects.filter(pk=an_undated_match).update(published=None, date_precision=DatePrecision.UNKNOWN)
    ranking.sync()
    from_the_index = _every_page(client, **params, page_size=1)
    numbered = [
        listed(client, **params, page_size=1, page=n)["results"] for n in range(1, len(from_the_index))
    ]
    counted = listed(client, **params)["count"]

    monkeypatch.setattr(filters, "indexed_matches", lambda *args, **kwargs: None)
    assert _every_page(client, **params, page_size=1) == from_the_index
    assert [[row["id"] for row in page] for page in numbered] == from_the_index[: len(numbered)]
    assert listed(client, **params)["count"] == counted
    if params == {"q": TRUCE}:
        assert from_the_index[-1] == [an_undated_match]


def test_a_newest_first_page_of_the_words_alone_fetches_only_its_rows(client, reports, monkeypatch):
    given = []
    real_any_of = ranking.any_of
    monkeypatch.setattr(
        ranking, "any_of", lambda field, ids: given.append(list(ids)) or real_any_of(field, ids)
    )
    first = listed(client, q=TRUCE, page_size=1)
    client.get(first["next"])
    listed(client, q=TRUCE, page_size=1, page=3)
    newest = [reports[name].pk for name in ("baku.txt", "paris.txt", "truce.txt")]
    assert given == [newest[:2], newest[1:], newest]  # a page's rows and one more, from its cursor on

    given.clear()
    listed(client, q=TRUCE, page_size=1, source=_one_source().slug)  # narrowed: every match
    assert sorted(given[0]) == sorted(newest)


def test_the_index_follows_a_new_date(client, reports):
    truce = reports["truce.txt"]
    truce.published = datetime.date(2020, 11, 1)
    truce.save()
    assert list(RankingChange.objects.values_list("article_id", flat=True)) == [truce.pk]
    ranking.sync()
    assert _newest(TRUCE).ids[0] == truce.pk
    assert listed(client, q=TRUCE)["results"][0]["id"] == truce.pk


def test_a_rebuilt_index_leaves_the_first_schemas_files_behind(settings, reports):
    from_the_first_schema = Path(settings.RANKING_INDEX_DIR) / "meta.json"
    from_the_first_schema.write_text("{}")
    assert ranking.rebuild() == 3
    assert not from_the_first_schema.exists()
    assert _newest(TRUCE).count == 3


def test_a_word_search_matches_in_postgresql_while_the_index_is_behind(client, reports, ingest, write):
    import tantivy

    holder = tantivy.Index(ranking._schema(), path=str(ranking.index_path()), reuse=True).writer(
        heap_size=15_000_000
    )  # the index is busy: the new article stays queued, unseen by it
    later = "هدنة جديدة في قره باغ\nموسكو - 1 نوفمبر 2020 (وكالات) - أعلنت روسيا هدنة جديدة بين الطرفين."
    assert ingest(write("later.txt", later)).exit_code == 0
    del holder
    assert _newest(TRUCE) is None
    newest = listed(client, q=TRUCE)["results"][0]
    assert newest["id"] == Article.objects.get(origin__endswith="later.txt").id


@pytest.mark.parametrize("words", [TRUCE, "هدنة موسكو", "إعمار المدن"])
def test_a_relevance_list_of_few_matches_asks_the_index_once(client, reports, monkeypatch, words):
    """The matches the index listed, best first, are the relevance list's candidates: no
    second search for them, and the same list as that search gives."""
    ranked = listed(client, q=words, order="relevance")
    assert ranked["results"]

    def second_search(*args, **kwargs):
        raise AssertionError("the index was searched a second time")

    with monkeypatch.context() as patched:
        patched.setattr(ranking, "best_ranked", second_search)
        assert listed(client, q=words, order="relevance") == ranked
    monkeypatch.setattr(filters, "indexed_matches", lambda *args, **kwargs: None)  # best_ranked is asked
    assert listed(client, q=words, order="relevance") == ranked


def test_a_relevance_page_of_the_words_alone_reads_only_its_rows_of_the_index(client, reports, monkeypatch):
    """Nothing but the words narrows the list: its rows are the index's first ones, so a page
    gives PostgreSQL the ids up to its end (and one more), and the pages are those of the
    thousand candidates. A narrowed list still draws from all the candidates."""
    everything = list(ranking.by_relevance(Article.objects.all(), TRUCE).values_list("id", flat=True))
    assert len(everything) == 3
    given = []
    real_any_of = ranking.any_of
    monkeypatch.setattr(
        ranking, "any_of", lambda field, ids: given.append(len(ids)) or real_any_of(field, ids)
    )

    pages = [listed(client, q=TRUCE, order="relevance", page_size=1, page=n)["results"] for n in (1, 2, 3)]
    assert [row["id"] for page in pages for row in page] == everything
    assert given == [2, 3, 3]  # page n of one row reads n + 1 rows; there are 3

    given.clear()
    later = listed(client, q=TRUCE, order="relevance", page_size=1, date_from="2020-10-11")
    assert given == [2] and later["count"] == 2  # the index knows the dates too
    given.clear()
    narrowed = listed(client, q=TRUCE, order="relevance", page_size=1, source=_one_source().slug)
    assert given == [3] and narrowed["count"] == 3
    assert later["results"][0]["id"] == next(pk for pk in everything if pk != reports["truce.txt"].id)
