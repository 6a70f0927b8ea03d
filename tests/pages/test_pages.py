"""The public pages: lists with filters and facets, name search, article, actor, venue and event pages."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from articles.models import Article, Event, EventParticipant, Mention, ReviewStatus
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(ingest):
    ingest(DEMO_CORPUS)


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_every_page_is_arabic_right_to_left(client, demo, actor):
    event = Event.objects.not_rejected().first()
    for url in [
        reverse("articles:list"),
        reverse("articles:search") + "?q=Lavrov",
        reverse("articles:detail", args=[Article.objects.first().pk]),
        reverse("articles:actor", args=["sergey-lavrov"]),
        reverse("articles:venue", args=["moscow"]),
        reverse("articles:event", args=[event.pk]),
    ]:
        assert '<html lang="ar" dir="rtl">' in page(client, url), url


def test_the_list_shows_each_story_once_newest_first(client, demo):
    copy = Article.objects.filter(copy_of__isnull=False).first()
    original = copy.copy_of
    day = original.published.isoformat()
    html = page(client, reverse("articles:list"), date_from=day, date_to=day)
    assert html.count(f'href="/articles/{original.pk}/"') == 1
    assert f'href="/articles/{copy.pk}/"' not in html


def test_filters_combine_and_show_as_removable_chips(client, demo):
    html = page(client, reverse("articles:list"), actor=["ilham-aliyev", "nikol-pashinyan"], venue="brussels")
    assert html.count('class="chip"') == 3
    assert "actor=ilham-aliyev&amp;venue=brussels" in html or "venue=brussels&amp;actor=ilham-aliyev" in html


def test_facets_count_articles_in_the_current_results(client, demo):
    response = client.get(reverse("articles:list"), {"venue": "brussels"})
    facets = {facet.parameter: facet for facet in response.context["facets"]}
    counts = {value: count for value, _label, count, _url in facets["actor"].options}
    brussels = Article.objects.stories().filter(
        id__in=Mention.objects.not_rejected().filter(venue__slug="brussels").values("article_id")
    )
    expected = brussels.filter(
        id__in=Mention.objects.not_rejected().filter(actor__slug="charles-michel").values("article_id")
    ).count()
    assert counts["charles-michel"] == expected


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "nobody"},
        {"date_from": "2020-13-45"},
        {"venue": "'; DROP TABLE articles_article; --"},
        {"date_from": "2023-01-01", "date_to": "2020-01-01"},
        {"event_type": "party"},
        {"q": "x" * 500},
    ],
)
def test_unknown_or_malformed_filter_values_are_ignored_with_a_note(client, demo, params):
    html = page(client, reverse("articles:list"), **params)
    assert 'class="note"' in html
    assert Article.objects.exists()


def test_parameters_no_filter_reads_are_not_carried_into_the_page_links(client, demo):
    html = page(client, reverse("articles:list"), actor="sergey-lavrov", utm_source="x" * 5000)
    assert "actor=sergey-lavrov" in html  # the chips and facets keep the real filter
    assert "utm_source" not in html


@pytest.mark.parametrize("number", ["0", "999", "x"])
def test_a_bad_page_is_a_404(client, demo, number):
    assert client.get(reverse("articles:list"), {"page": number}).status_code == 404


def test_search_marks_the_spelling_found_in_each_article(client, demo):
    response = client.get(reverse("articles:search"), {"q": "Pashinian"})
    html = response.content.decode()
    assert "نيكول باشينيان" in html
    assert "<mark>" in html
    snippets = [a.snippet for a in response.context["page"] if a.snippet]
    assert snippets and all(s["match"] for s in snippets)


def test_the_article_page_links_confirmed_names_and_hides_rejected_ones(client, demo, actor):
    article = Article.objects.get(origin="2020-10-10-moscow-truce-syndicated-a.txt")
    Mention.objects.filter(article=article, actor__slug="sergey-lavrov").update(status=ReviewStatus.CONFIRMED)
    Mention.objects.filter(article=article, actor__slug="jeyhun-bayramov").update(
        status=ReviewStatus.REJECTED
    )
    response = client.get(reverse("articles:detail", args=[article.pk]))
    assert actor("sergey-lavrov") in response.context["confirmed"]
    assert actor("sergey-lavrov") not in response.context["suggested"]
    assert actor("jeyhun-bayramov") not in response.context["confirmed"] + response.context["suggested"]
    assert f'href="{reverse("articles:actor", args=["sergey-lavrov"])}"' in response.content.decode()


def test_the_article_page_lists_other_reports_of_its_events(client, demo):
    article = Article.objects.get(origin="2020-10-10-moscow-truce-syndicated-a.txt")
    response = client.get(reverse("articles:detail", args=[article.pk]))
    expected = set(Article.objects.filter(events__in=article.events.all()).exclude(pk=article.pk).distinct())
    assert set(response.context["same_events"]) == expected
    assert expected  # the Moscow truce was reported elsewhere in the demo corpus


def test_the_actor_page_has_a_chart_events_and_latest_articles(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        html = page(client, reverse("articles:actor", args=["ilham-aliyev"]))
    assert "<svg" in html and 'class="bar"' in html
    assert "Ilham Aliyev" in html and "<bdi" in html


def test_the_actor_page_counts_exactly_per_month_and_in_all_whatever_the_list_cap(
    client, demo, actor, monkeypatch
):
    aliyev = actor("ilham-aliyev")
    articles = Article.objects.filter(mentions__actor=aliyev).exclude(mentions__status="rejected").distinct()
    html = page(client, reverse("articles:actor", args=["ilham-aliyev"]))
    assert f"{articles.count()} " in html and "أكثر من" not in html
    bars = re.findall(r"<title>\d{4}-\d{2}: (\d+) ", html)
    assert bars and sum(map(int, bars)) == articles.exclude(published=None).count()

    monkeypatch.setattr("articles.paging.COUNT_CAP", 3)
    monkeypatch.setattr("articles.views.pages.TOGETHER_SAMPLE", 2)
    html = page(client, reverse("articles:actor", args=["ilham-aliyev"]))
    assert f"{articles.count()} " in html and "أكثر من" not in html  # monthly counts are kept, not counted
    assert "من بين أحدث 2 مقال عنه" in html


def test_a_merged_actor_redirects_to_the_survivor(client, demo, actor):
    from articles.curation import merge_actors
    from articles.models import Actor

    twin = Actor.objects.create(slug="aliyev-twin", kind="person", name="علييف آخر")
    merge_actors(actor("ilham-aliyev"), twin)
    response = client.get(reverse("articles:actor", args=["aliyev-twin"]))
    assert (response.status_code, response["Location"]) == (
        301,
        reverse("articles:actor", args=["ilham-aliyev"]),
    )


def test_a_rejected_event_is_not_shown(client, demo):
    event = Event.objects.not_rejected().first()
    Event.objects.filter(pk=event.pk).update(status=ReviewStatus.REJECTED)
    assert client.get(reverse("articles:event", args=[event.pk])).status_code == 404


def test_the_list_makes_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    # the count's planner guard (2), the facets' sample read once (1), the rows with who is named (1),
    # the conflicts of the selector (1)
    with django_assert_max_num_queries(17):
        page(client, reverse("articles:list"), actor="sergey-lavrov")


def test_the_event_facet_counts_articles_reporting_events_no_editor_rejected(client, demo):
    def shown() -> dict[str, int]:
        facets = {f.parameter: f for f in client.get(reverse("articles:list")).context["facets"]}
        return {value: count for value, _label, count, _url in facets["event_type"].options}

    def reporting(kind: str) -> int:
        kept = Event.objects.not_rejected().filter(kind=kind)
        return Article.objects.stories().filter(events__in=kept).distinct().count()

    counts = shown()
    assert len(counts) >= 2
    assert counts == {kind: reporting(kind) for kind in counts}
    kind = max(counts, key=counts.get)
    Event.objects.filter(kind=kind).update(status=ReviewStatus.REJECTED)
    assert kind not in shown()


def test_the_actor_page_counts_each_kept_event_once_by_month_and_by_venue(client, demo, actor):
    aliyev = actor("ilham-aliyev")
    events = Event.objects.filter(participations__actor=aliyev).distinct()
    placed = events.exclude(venue=None).exclude(date=None)
    rejected, twice = placed.order_by("pk")[:2]  # one query: two distinct events
    Event.objects.filter(pk=rejected.pk).update(status=ReviewStatus.REJECTED)
    EventParticipant.objects.get_or_create(event=twice, actor=aliyev, role="host")  # a second role
    kept = [event for event in events.select_related("venue") if event.status != ReviewStatus.REJECTED]
    assert twice.participations.filter(actor=aliyev).count() == 2

    response = client.get(reverse("articles:actor", args=["ilham-aliyev"]))

    months = Counter(f"{e.date:%Y-%m}" for e in kept if e.date)
    drawn = {bar.month: bar.events for bar in response.context["timeline"].bars if bar.events}
    assert drawn == dict(months)
    venues = Counter(e.venue for e in kept if e.venue)
    expected = sorted(venues.items(), key=lambda item: (-item[1], item[0].name))[:10]
    assert [(venue.pk, venue.n) for venue in response.context["met_at"]] == [(v.pk, n) for v, n in expected]
    # The demo holds venues met at more than once.
    assert len(venues) >= 2 and sum(venues.values()) > len(venues)
