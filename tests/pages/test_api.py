"""The public API: JSON lists and items, CSV, Atom — its contract, checked against the database."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, F
from django.urls import reverse

from articles.models import (
    Actor,
    ActorStatus,
    Alias,
    Article,
    Event,
    EventParticipant,
    Mention,
    ReviewStatus,
    Source,
    Venue,
)
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ARTICLE_FIELDS = {
    "id",
    "url",
    "title",
    "published",
    "date_precision",
    "source",
    "source_slug",
    "author",
    "origin",
    "actors",
    "venues",
}
EVENT_FIELDS = {"id", "kind", "date", "date_precision", "venue", "participants"}


@pytest.fixture
def demo(ingest):
    assert ingest(DEMO_CORPUS).exit_code == 0


def get_json(client, name, params=None, status=200, args=()):
    response = client.get(reverse(name, args=args), params or {})
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/json"
    return response.json()


def listed_ids(client, name, params, counted=True):
    """Every id a list answers for `params`, in order, following its pages (of 100 unless said)."""
    answer = get_json(client, name, {"page_size": 100, **params})
    ids = [row["id"] for row in answer["results"]]
    while answer["next"]:
        answer = client.get(answer["next"]).json()
        ids += [row["id"] for row in answer["results"]]
    if counted:
        assert answer["count"] == len(ids)
    return ids


def named(**entity):
    """Ids of the articles with a mention of `entity` no editor rejected, straight from the table."""
    mentions = Mention.objects.filter(**entity).exclude(status=ReviewStatus.REJECTED)
    return set(mentions.values_list("article_id", flat=True))


def newest_first(ids):
    return list(Article.objects.filter(id__in=ids).newest_first().values_list("id", flat=True))


# The article list


def test_it_lists_articles_newest_first_with_the_documented_fields(client, demo):
    answer = get_json(client, "api:articles")
    assert set(answer) == {"count", "count_capped", "next", "previous", "results"}
    assert answer["count"] == Article.objects.count() and answer["count_capped"] is False
    assert len(answer["results"]) == 20
    assert [row["id"] for row in answer["results"]] == newest_first(Article.objects.values("id"))[:20]
    for row in answer["results"]:
        article = Article.objects.select_related("source").get(id=row["id"])
        assert set(row) == ARTICLE_FIELDS
        assert row["url"] == f"http://testserver/articles/{article.id}/"
        assert (row["title"], row["author"], row["origin"]) == (article.title, article.author, article.origin)
        assert row["published"] == (article.published.isoformat() if article.published else None)
        assert row["date_precision"] == article.date_precision
        assert row["source"] == (article.source.name if article.source else None)
        assert row["source_slug"] == (article.source.slug if article.source else None)
        mentions = Mention.objects.filter(article=article)  # the demo has no rejected mention yet
        # candidates that discovery proposed wait for an editor: lists show active actors only
        actors = Actor.objects.filter(id__in=mentions.values("actor"), status=ActorStatus.ACTIVE)
        assert row["actors"] == [{"slug": a.slug, "name": a.name} for a in actors.order_by("name", "slug")]
        venues = Venue.objects.filter(id__in=mentions.values("venue"))
        assert row["venues"] == [{"slug": v.slug, "name": v.name} for v in venues.order_by("name", "slug")]


def test_it_writes_arabic_as_is_not_escaped(client, demo):
    response = client.get(reverse("api:articles"), {"actor": "sergey-lavrov"})
    assert "سيرغي لافروف".encode() in response.content
    assert b"\\u0633" not in response.content


def test_it_requires_every_actor_asked_for(client, demo):
    lavrov, pashinyan = Actor.objects.get(slug="sergey-lavrov"), Actor.objects.get(slug="nikol-pashinyan")
    both = named(actor=lavrov) & named(actor=pashinyan)
    assert both and both < named(actor=lavrov) and both < named(actor=pashinyan)

    ids = listed_ids(client, "api:articles", {"actor": ["sergey-lavrov", "nikol-pashinyan"]})

    assert ids == newest_first(both)


def test_it_hides_what_editors_rejected(client, demo):
    article = Article.objects.get(id=min(named(actor=Actor.objects.get(slug="sergey-lavrov"))))
    Mention.objects.filter(article=article, actor__slug="sergey-lavrov").update(status=ReviewStatus.REJECTED)
    event = Event.objects.not_rejected().filter(kind="summit").first()
    Event.objects.filter(id=event.id).update(status=ReviewStatus.REJECTED)

    assert article.id not in listed_ids(client, "api:articles", {"actor": "sergey-lavrov"})
    detail = get_json(client, "api:article", args=[article.id])
    assert "sergey-lavrov" not in {actor["slug"] for actor in detail["actors"]}
    assert event.id not in listed_ids(client, "api:events", {})
    assert event.id not in listed_ids(client, "api:events", {"event_type": "summit"})


def test_it_filters_articles_by_venue_source_event_type_and_dates(client, demo):
    brussels = Venue.objects.get(slug="brussels")
    assert listed_ids(client, "api:articles", {"venue": "brussels"}) == newest_first(named(venue=brussels))

    source = Source.objects.annotate(n=Count("articles")).order_by("-n", "id").first()
    assert source.n >= 2
    by_source = Article.objects.filter(source=source).values_list("id", flat=True)
    assert listed_ids(client, "api:articles", {"source": source.slug}) == newest_first(by_source)

    summits = Event.articles.through.objects.filter(
        event__in=Event.objects.not_rejected().filter(kind="summit")
    )
    expected = set(summits.values_list("article_id", flat=True))
    assert expected
    assert listed_ids(client, "api:articles", {"event_type": "summit"}) == newest_first(expected)

    in_2022 = Article.objects.filter(published__range=("2022-01-01", "2022-12-31")).values_list(
        "id", flat=True
    )
    assert 0 < len(in_2022) < Article.objects.count()
    params = {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    assert listed_ids(client, "api:articles", params) == newest_first(in_2022)


def test_it_includes_both_ends_of_the_date_range(client, demo):
    day = "2020-10-10"  # the Moscow truce, reported by two syndicated copies
    on_that_day = Article.objects.filter(published=day).values_list("id", flat=True)
    assert len(on_that_day) >= 2
    ids = listed_ids(client, "api:articles", {"date_from": day, "date_to": day})
    assert ids == newest_first(on_that_day)


def test_it_combines_filters_as_and(client, demo):
    pashinyan, brussels = Actor.objects.get(slug="nikol-pashinyan"), Venue.objects.get(slug="brussels")
    in_2022 = set(Article.objects.filter(published__year=2022).values_list("id", flat=True))
    expected = named(actor=pashinyan) & named(venue=brussels) & in_2022
    assert expected

    params = {
        "actor": "nikol-pashinyan",
        "venue": "brussels",
        "date_from": "2022-01-01",
        "date_to": "2022-12-31",
    }

    assert listed_ids(client, "api:articles", params) == newest_first(expected)
    params["q"] = "Pashinian"  # a name query narrows nothing further here
    assert listed_ids(client, "api:articles", params) == newest_first(expected)


@pytest.mark.parametrize("spelling", ["Pashinian", "باشنيان"])
def test_it_finds_articles_by_any_spelling_of_a_name(client, demo, spelling):
    expected = named(actor=Actor.objects.get(slug="nikol-pashinyan"))
    assert len(expected) >= 10
    assert listed_ids(client, "api:articles", {"q": spelling}) == newest_first(expected)


def test_it_falls_back_to_full_text_for_words_no_dictionary_knows(client, demo):
    ids = listed_ids(client, "api:articles", {"q": "إيران إكسبو"})
    assert [Article.objects.get(id=i).origin for i in ids] == ["2023-04-29-iran-expo-tehran.txt"]


# Pages


def test_it_pages_with_next_and_previous_links_that_keep_the_filters(client, demo):
    expected = newest_first(named(actor=Actor.objects.get(slug="ilham-aliyev")))
    assert len(expected) > 15
    answer = get_json(client, "api:articles", {"actor": "ilham-aliyev", "page_size": 7})
    assert answer["previous"] is None
    pages, seen = [answer], [row["id"] for row in answer["results"]]
    while pages[-1]["next"]:
        assert "actor=ilham-aliyev" in pages[-1]["next"] and "page_size=7" in pages[-1]["next"]
        pages.append(client.get(pages[-1]["next"]).json())
        seen += [row["id"] for row in pages[-1]["results"]]

    assert seen == expected
    assert len(pages) == -(-len(expected) // 7)
    assert all(page["count"] == len(expected) for page in pages)
    assert all("after=" in page["next"] for page in pages[:-1])  # a cursor, not an offset
    numbered = get_json(client, "api:articles", {"actor": "ilham-aliyev", "page_size": 7, "page": 2})
    assert numbered["results"] == pages[1]["results"] and numbered["next"] == pages[1]["next"]
    assert client.get(numbered["previous"]).json()["results"] == pages[0]["results"]


def test_it_answers_at_most_100_rows_a_page(client, demo):
    assert len(get_json(client, "api:articles", {"page_size": 100})["results"]) == Article.objects.count()
    assert len(get_json(client, "api:articles", {"page_size": 5})["results"]) == 5
    answer = get_json(client, "api:articles", {"page_size": 101}, status=400)
    assert list(answer["parameters"]) == ["page_size"]


def test_deep_pages_continue_by_cursor_across_the_undated_articles(client, demo):
    undated = Article.objects.filter(published=None).count()
    assert undated, "the demo corpus has undated articles, listed last"
    ids = listed_ids(client, "api:articles", {"page_size": 3})
    assert ids == newest_first(Article.objects.values("id"))


def test_an_actor_or_venue_driven_list_pages_by_cursor_within_dates_and_across_undated_articles(client, demo):
    """The first actor drives the list along its own copy of the dates (models/named.py):
    the same rows, in the same order, as the articles table says."""
    undated = Mention.objects.filter(article__published=None).exclude(actor=None).first()
    assert undated, "the demo corpus names someone in an undated article"
    for actor in {undated.actor, Actor.objects.get(slug="ilham-aliyev")}:
        every = named(actor=actor)
        assert listed_ids(client, "api:articles", {"actor": actor.slug, "page_size": 2}) == newest_first(
            every
        )
        in_2021 = Article.objects.filter(id__in=every, published__year=2021).values("id")
        assert in_2021.exists() or actor == undated.actor
        dates = {"date_from": "2021-01-01", "date_to": "2021-12-31"}
        assert listed_ids(
            client, "api:articles", {"actor": actor.slug, "page_size": 2, **dates}
        ) == newest_first(in_2021)
    brussels = Venue.objects.get(slug="brussels")  # a venue alone drives its list the same way
    assert listed_ids(client, "api:articles", {"venue": "brussels", "page_size": 2}) == newest_first(
        named(venue=brussels)
    )


@pytest.mark.parametrize("cursor", ["2021-02-30.5", "yesterday.5", "2021-01-01", "none.-1", "2021-01-01.1.2"])
def test_a_malformed_cursor_is_a_400_naming_it(client, demo, cursor):
    answer = get_json(client, "api:articles", {"after": cursor}, status=400)
    assert list(answer["parameters"]) == ["after"]


def test_a_cursor_and_a_page_number_together_are_a_400(client, demo):
    answer = get_json(client, "api:articles", {"after": "2021-01-01.5", "page": 2}, status=400)
    assert list(answer["parameters"]) == ["after"]


def test_counts_stop_at_the_cap_and_say_so(client, demo, monkeypatch):
    monkeypatch.setattr("articles.paging.COUNT_CAP", 5)
    answer = get_json(client, "api:articles", {"page_size": 2})
    assert (answer["count"], answer["count_capped"]) == (5, True)
    assert get_json(client, "api:articles", {"page_size": 2, "page": 3})["next"]  # more follow the cap
    assert list(get_json(client, "api:articles", {"page_size": 2, "page": 4}, status=400)["parameters"]) == [
        "page"
    ]
    assert listed_ids(client, "api:articles", {"page_size": 4}, counted=False) == newest_first(
        Article.objects.values("id")
    )


def test_it_refuses_a_page_beyond_the_last(client, demo):
    last = -(-Article.objects.count() // 20)
    assert get_json(client, "api:articles", {"page": last})["next"] is None
    answer = get_json(client, "api:articles", {"page": last + 1}, status=400)
    assert list(answer["parameters"]) == ["page"]


def test_it_lists_a_page_in_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    # the count (1, with sequential scans off and on again: 2), the page with its sources
    # and the names of its actors and venues, from the one-row-per-pair tables (1)
    with django_assert_max_num_queries(4):
        answer = get_json(client, "api:articles", {"page_size": 100})
    assert len(answer["results"]) == Article.objects.count()

    filters = {"actor": ["nikol-pashinyan", "ilham-aliyev"], "venue": "brussels", "page_size": 100}
    # and checking that the actors (1) and the venue (1) exist
    with django_assert_max_num_queries(6):
        answer = get_json(client, "api:articles", filters)
    assert len(answer["results"]) > 5
    # events: the same checks, the count, the page with venues, participants, article ids
    with django_assert_max_num_queries(8):
        answer = get_json(client, "api:events", filters)
    assert len(answer["results"]) > 3


# Errors


@pytest.mark.parametrize(
    ("params", "named_parameters"),
    [
        ({"actor": "no-such-person"}, {"actor"}),
        ({"actor": ["sergey-lavrov", "no-such-person"]}, {"actor"}),
        ({"venue": "atlantis"}, {"venue"}),
        ({"source": "no-such-agency"}, {"source"}),
        ({"event_type": "picnic"}, {"event_type"}),
        ({"date_from": "2022-13-01"}, {"date_from"}),
        ({"date_to": "10/06/2022"}, {"date_to"}),
        ({"date_from": "2023-01-01", "date_to": "2022-01-01"}, {"date_from", "date_to"}),
        ({"page": "0"}, {"page"}),
        ({"page": "-1"}, {"page"}),
        ({"page": "abc"}, {"page"}),
        ({"page": "2"}, {"page"}),  # beyond the last page of an empty archive
        ({"page": "9" * 30}, {"page"}),
        ({"page_size": "0"}, {"page_size"}),
        ({"page_size": "101"}, {"page_size"}),
        ({"page_size": "كثير"}, {"page_size"}),
        ({"q": "لافروف" + "ف" * 195}, {"q"}),
        ({"actor": "atlantis", "page": "0", "q": "x" * 201}, {"actor", "page", "q"}),
    ],
)
@pytest.mark.parametrize("name", ["api:articles", "api:events"])
def test_it_answers_400_naming_each_bad_parameter(client, name, params, named_parameters):
    answer = get_json(client, name, params, status=400)
    assert answer["error"] == "invalid parameter"
    assert set(answer["parameters"]) == named_parameters
    assert all(
        isinstance(message, str) and message
        for messages in answer["parameters"].values()
        for message in messages
    )


@pytest.mark.parametrize("name", ["api:articles-csv", "api:events-csv", "api:articles-atom"])
def test_it_answers_400_for_a_bad_filter_on_exports_too(client, name):
    response = client.get(reverse(name), {"actor": "no-such-person", "date_to": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()["parameters"]) == {"actor", "date_to"}


@pytest.mark.parametrize("name", ["api:actors", "api:venues"])
def test_it_refuses_a_name_query_over_200_characters(client, name):
    assert set(get_json(client, name, {"q": "ب" * 201}, status=400)["parameters"]) == {"q"}
    assert get_json(client, name, {"q": "ب" * 200})["results"] == []


HOSTILE = [
    "q=%ff%fe",
    "actor=%ff",
    "venue=%c3%28",
    "q=%00",
    "actor=%00",
    "source=%00&event_type=%00",
    "date_from=%00",
    "page=%00",
    "q=' OR 1=1; DROP TABLE articles_article; --",
    'q="unclosed',
    "q=a | b & !c <-> d:*",
    "actor=' OR ''='",
    "page=1e9",
    "page=99999999999999999999999999",
    "page_size=-99999999999999999999",
    "date_from=0000-00-00",
    "date_from=9999-12-31&date_to=9999-12-31",
    "date_from=99999-01-01",
    "actor=sergey-lavrov&actor=sergey-lavrov&actor=sergey-lavrov",
    "page=1&page=2&page=abc",
    "event_type=summit&event_type=talks",
    "q=" + "%d9%84" * 5000,
    "unknown=1&q=",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize(
    "name",
    [
        "api:articles",
        "api:events",
        "api:articles-csv",
        "api:events-csv",
        "api:articles-atom",
        "api:actors",
        "api:venues",
    ],
)
def test_it_never_answers_500(client, name, query):
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"] == "invalid parameter"
    elif response.streaming:
        b"".join(response.streaming_content)


def test_it_takes_empty_parameters_as_not_given(client, demo):
    """As an HTML form sends its unfilled fields."""
    empty = "actor=&venue=&source=&event_type=&q=&date_from=&date_to=&page=&page_size="
    assert client.get(f"{reverse('api:articles')}?{empty}").json()["count"] == Article.objects.count()
    assert (
        client.get(f"{reverse('api:events')}?{empty}").json()["count"] == Event.objects.not_rejected().count()
    )
    lavrov = named(actor=Actor.objects.get(slug="sergey-lavrov"))
    assert set(listed_ids(client, "api:articles", {"actor": ["sergey-lavrov", ""]})) == lavrov


def test_it_answers_404_as_json(client):
    for pk in (123456, 99999999999999999999):
        response = client.get(f"/api/articles/{pk}/")
        assert response.status_code == 404
        assert response.json() == {"error": "not found"}


def test_it_only_reads(client):
    assert client.post(reverse("api:articles")).status_code == 405
    assert client.delete(reverse("api:actors")).status_code == 405
    assert client.head(reverse("api:articles")).status_code == 200


# One article


def test_it_shows_an_article_with_its_body_and_events(client, demo):
    article = Article.objects.filter(events__participants__slug="sergey-lavrov").order_by("id").first()
    answer = get_json(client, "api:article", args=[article.id])

    assert set(answer) == ARTICLE_FIELDS | {"body", "events"}
    assert answer["body"] == article.body and answer["title"] == article.title
    events = Event.objects.not_rejected().filter(articles=article)
    assert [event["id"] for event in answer["events"]] == list(
        events.order_by("date", "id").values_list("id", flat=True)
    )
    for shown in answer["events"]:
        event = Event.objects.get(id=shown["id"])
        assert set(shown) == EVENT_FIELDS
        assert (shown["kind"], shown["date"]) == (event.kind, event.date.isoformat() if event.date else None)
        assert shown["venue"] == (
            {"slug": event.venue.slug, "name": event.venue.name} if event.venue else None
        )
        taking_part = EventParticipant.objects.filter(event=event).values_list("actor__slug", "role")
        assert {(p["slug"], p["role"]) for p in shown["participants"]} == set(taking_part)
    assert any(p["slug"] == "sergey-lavrov" for event in answer["events"] for p in event["participants"])


# Events


def events_with(slug):
    return set(EventParticipant.objects.filter(actor__slug=slug).values_list("event_id", flat=True))


def newest_events(ids):
    events = Event.objects.not_rejected().filter(id__in=ids).order_by(F("date").desc(nulls_last=True), "-id")
    return list(events.values_list("id", flat=True))


def test_it_lists_events_with_the_article_filters(client, demo):
    answer = get_json(client, "api:events", {"page_size": 3})
    assert answer["count"] == Event.objects.not_rejected().count()
    for row in answer["results"]:
        assert set(row) == EVENT_FIELDS | {"articles"}
        assert row["articles"] == sorted(
            Event.objects.get(id=row["id"]).articles.values_list("id", flat=True)
        )

    both = events_with("ilham-aliyev") & events_with("nikol-pashinyan")
    assert both and both < events_with("ilham-aliyev")
    assert listed_ids(client, "api:events", {"actor": ["ilham-aliyev", "nikol-pashinyan"]}) == newest_events(
        both
    )

    in_brussels = Event.objects.not_rejected().filter(venue__slug="brussels").values_list("id", flat=True)
    assert listed_ids(client, "api:events", {"venue": "brussels"}) == newest_events(in_brussels)

    talks = Event.objects.not_rejected().filter(kind="talks").values_list("id", flat=True)
    assert listed_ids(client, "api:events", {"event_type": "talks"}) == newest_events(talks)

    in_2023 = (
        Event.objects.not_rejected()
        .filter(date__range=("2023-01-01", "2023-12-31"))
        .values_list("id", flat=True)
    )
    dates = {"date_from": "2023-01-01", "date_to": "2023-12-31"}
    assert listed_ids(client, "api:events", dates) == newest_events(in_2023)

    source = Source.objects.annotate(n=Count("articles__events")).order_by("-n", "id").first()
    reported = Event.objects.filter(articles__source=source).values_list("id", flat=True)
    assert listed_ids(client, "api:events", {"source": source.slug}) == newest_events(reported)

    assert listed_ids(client, "api:events", {"q": "Pashinian"}) == newest_events(
        events_with("nikol-pashinyan")
    )


# Actors and venues


def test_it_looks_up_actors_by_any_spelling_exact_first(client):
    [lavrov, *_] = get_json(client, "api:actors", {"q": "Lavrov"})["results"]
    assert lavrov == {
        "slug": "sergey-lavrov",
        "name": Actor.objects.get(slug="sergey-lavrov").name,
        "name_latin": "Sergey Lavrov",
        "kind": "person",
        "aliases": sorted(Alias.objects.filter(actor__slug="sergey-lavrov").values_list("name", flat=True)),
    }
    assert get_json(client, "api:actors", {"q": "باشنيان"})["results"][0]["slug"] == "nikol-pashinyan"
    assert get_json(client, "api:actors", {"q": "شخص لا يعرفه أحد"})["results"] == []


def test_it_lists_active_actors_by_name_without_a_query(client):
    Actor.objects.create(slug="a-candidate", kind="person", name="أ مرشح", status=ActorStatus.CANDIDATE)
    results = get_json(client, "api:actors")["results"]
    active = Actor.objects.filter(status=ActorStatus.ACTIVE).order_by("name", "id")
    assert active.count() > 50
    assert [row["slug"] for row in results] == list(active.values_list("slug", flat=True)[:50])


def test_it_ranks_the_venue_spelled_exactly_before_venues_beginning_so(client):
    baku = Venue.objects.get(slug="baku")
    port = Venue.objects.create(slug="baku-port", kind="site", name="ا ميناء باكو", name_latin="Port of Baku")
    Alias.objects.create(venue=port, name="باكو الدولي")
    assert port.name < baku.name  # by name alone the port would come first

    results = get_json(client, "api:venues", {"q": "باكو"})["results"]

    assert [row["slug"] for row in results] == ["baku", "baku-port"]
    assert results[0]["aliases"] == sorted(baku.aliases.values_list("name", flat=True))
    assert get_json(client, "api:venues", {"q": "Brussels"})["results"][0]["slug"] == "brussels"
    everything = get_json(client, "api:venues")["results"]
    assert [row["slug"] for row in everything] == list(
        Venue.objects.order_by("name", "id").values_list("slug", flat=True)[:50]
    )


# CSV and Atom


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_it_exports_every_matching_article_as_csv_for_spreadsheets(client, demo):
    response = client.get(reverse("api:articles-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = csv_rows(response)
    assert header == [
        *("id", "title", "published", "date_precision", "source", "author", "origin", "url"),
        *("actors", "venues"),
    ]
    assert [int(row[0]) for row in rows] == newest_first(Article.objects.values("id"))  # all, not a page
    by_id = {int(row[0]): dict(zip(header, row, strict=True)) for row in rows}
    moscow = Article.objects.get(origin="2021-01-11-moscow-trilateral-summit.html")
    row = by_id[moscow.id]
    assert row["title"] == moscow.title and "موسكو" in row["venues"].split("؛ ")
    assert {"فلاديمير بوتين", "إلهام علييف", "نيكول باشينيان"} <= set(row["actors"].split("؛ "))

    lavrov = named(actor=Actor.objects.get(slug="sergey-lavrov"))
    _, *filtered = csv_rows(client.get(reverse("api:articles-csv"), {"actor": "sergey-lavrov"}))
    assert {int(row[0]) for row in filtered} == lavrov


def test_it_exports_events_as_csv(client, demo):
    header, *rows = csv_rows(client.get(reverse("api:events-csv"), {"venue": "brussels"}))
    assert header == ["id", "kind", "date", "date_precision", "venue", "participants", "articles"]
    in_brussels = Event.objects.not_rejected().filter(venue__slug="brussels")
    assert [int(row[0]) for row in rows] == newest_events(in_brussels.values_list("id", flat=True))
    assert all(row[4] == "بروكسل" for row in rows)


def test_it_never_starts_a_csv_cell_with_a_spreadsheet_formula(client, ingest, write):
    line = {
        "title": '=HYPERLINK("http://evil.test","انقر هنا")',
        "author": "@evil",
        "body": "نص الخبر. " * 20,
    }
    ingest(write("wire.jsonl", json.dumps(line, ensure_ascii=False)))
    _, row = csv_rows(client.get(reverse("api:articles-csv")))
    assert row[1] == "'" + line["title"] and row[5] == "'@evil"


def test_it_serves_an_atom_feed_of_the_newest_matching_articles(client, demo):
    response = client.get(reverse("api:articles-atom"), {"actor": "sergey-lavrov", "event_type": "talks"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)

    assert feed.tag == f"{ATOM}feed"
    assert "سيرغي لافروف" in feed.findtext(f"{ATOM}title")
    expected = named(actor=Actor.objects.get(slug="sergey-lavrov")) & set(
        Event.articles.through.objects.filter(event__kind="talks").values_list("article_id", flat=True)
    )
    entries = feed.findall(f"{ATOM}entry")
    assert entries and len(entries) == len(expected)
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == [Article.objects.get(id=i).title for i in newest_first(expected)]
    assert all(
        entry.find(f"{ATOM}link").get("href").startswith("http://testserver/articles/") for entry in entries
    )


def test_it_feeds_the_50_newest_articles(client, ingest, write):
    lines = [
        json.dumps(
            {"title": f"خبر رقم {n}", "body": f"نص الخبر {n} " * 30, "published": f"2024-01-{n % 28 + 1:02d}"}
        )
        for n in range(60)
    ]
    ingest(write("many.jsonl", "\n".join(lines)))
    feed = ET.fromstring(client.get(reverse("api:articles-atom")).content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == [a.title for a in Article.objects.newest_first()[:50]]


def test_a_capped_count_leaves_the_planner_settings_as_it_found_them(demo):
    from django.db import connection

    from articles.paging import capped_count

    assert capped_count(Article.objects.filter(search_vector=SearchQuery("قره", config="simple")))[0] > 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_each_list_builds_its_form_class_once_and_each_request_gets_a_fresh_form():
    from articles.filters import ArticleFilter, EventFilter

    first, second = ArticleFilter({"q": "لافروف"}), ArticleFilter({"date_from": "2021-13-01"})
    assert type(first.form) is type(second.form)
    assert first.form is not second.form and first.form.fields is not second.form.fields
    assert first.form.is_valid() and not second.form.is_valid()
    assert "date_from" in second.errors and first.form.cleaned_data["q"] == "لافروف"
    assert type(EventFilter({}).form) is not type(first.form)
    assert set(EventFilter({}).form.fields) == set(EventFilter.base_filters)
