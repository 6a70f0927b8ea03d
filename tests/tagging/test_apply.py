"""Tags written with the article, and re-tagging that never overrides an editor."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Actor, ActorStatus, Article, Event, Mention, ReviewStatus
from articles.tagging.apply import tag, tag_new
from articles.tagging.lexicon import get_lexicon
from tests.samples import MOSCOW_TRUCE_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def moscow(ingest, write):
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE))
    return Article.objects.get()


def slugs(article):
    return set(article.mentions.exclude(actor=None).values_list("actor__slug", flat=True))


def test_ingest_tags_the_article_in_the_same_run(moscow):
    assert {
        "sergey-lavrov",
        "zohrab-mnatsakanyan",
        "jeyhun-bayramov",
        "armenia",
        "azerbaijan",
        "icrc",
    } <= slugs(moscow)
    assert moscow.mentions.filter(venue__slug="moscow", is_event_place=True).exists()
    assert Event.objects.filter(articles=moscow, kind="ceasefire").exists()


def test_offsets_point_into_the_body_or_the_title(moscow):
    for mention in moscow.mentions.all():
        text = moscow.title if mention.in_title else moscow.body
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.matched_text


def test_boilerplate_removed_at_ingest_never_produces_tags(moscow):
    # The page's "read also", related links and comment form name Erdogan, Blinken, Macron, Ankara, Tehran, Paris.
    assert not slugs(moscow) & {"recep-tayyip-erdogan", "antony-blinken", "emmanuel-macron"}
    assert not moscow.mentions.filter(venue__slug__in=["ankara", "tehran", "paris"]).exists()


def test_retagging_keeps_every_editors_decision(moscow):
    editor = get_user_model().objects.create_user("editor")
    lavrov = moscow.mentions.filter(actor__slug="sergey-lavrov").first()
    armenia = moscow.mentions.filter(actor__slug="armenia").first()
    Mention.objects.filter(pk=lavrov.pk).update(
        status=ReviewStatus.CONFIRMED, reviewer=editor, reviewed_at=timezone.now()
    )
    Mention.objects.filter(pk=armenia.pk).update(
        status=ReviewStatus.REJECTED, reviewer=editor, reviewed_at=timezone.now()
    )
    suggested_before = moscow.mentions.filter(status=ReviewStatus.SUGGESTED).count()

    tag(moscow)

    lavrov.refresh_from_db()
    armenia.refresh_from_db()
    assert (lavrov.status, lavrov.reviewer) == (ReviewStatus.CONFIRMED, editor)
    assert (armenia.status, armenia.reviewer) == (ReviewStatus.REJECTED, editor)
    # No new suggestion over a decided span, and the other suggestions are back.
    assert (
        moscow.mentions.filter(start=armenia.start, end=armenia.end, in_title=armenia.in_title).count() == 1
    )
    assert moscow.mentions.filter(status=ReviewStatus.SUGGESTED).count() == suggested_before


def test_retagging_keeps_confirmed_events(moscow):
    event = Event.objects.filter(articles=moscow, kind="ceasefire").get()
    Event.objects.filter(pk=event.pk).update(status=ReviewStatus.CONFIRMED)
    tag(moscow)
    assert Event.objects.filter(pk=event.pk, articles=moscow, status=ReviewStatus.CONFIRMED).exists()
    assert Event.objects.filter(articles=moscow, kind="ceasefire").count() == 1


def test_two_articles_reporting_the_same_event_share_it(ingest, write):
    from tests.ingest.test_near_duplicates import WIRE

    ingest(write("a.txt", "محادثات موسكو\nموسكو - 10 أكتوبر 2020 (وكالات) - " + WIRE))
    ingest(write("b.txt", MOSCOW_TRUCE_PAGE))
    talks = Event.objects.filter(kind="talks", date=datetime.date(2020, 10, 10), venue__slug="moscow").get()
    assert talks.articles.count() == 2


def articles_in_history(event):
    """For each history record of the event, oldest first: its type and the articles it lists."""
    listed = HistoricalRecords.m2m_models[Event.articles.field].objects
    return [
        (record.history_type, set(listed.filter(history=record).values_list("article_id", flat=True)))
        for record in event.history.order_by("history_date", "history_id")
    ]


def test_event_history_records_each_article_that_reports_it(ingest, write):
    from tests.ingest.test_near_duplicates import WIRE

    ingest(write("a.txt", "محادثات موسكو\nموسكو - 10 أكتوبر 2020 (وكالات) - " + WIRE))
    ingest(write("b.txt", MOSCOW_TRUCE_PAGE))
    a, b = Article.objects.order_by("id")
    talks = Event.objects.get(kind="talks", date=datetime.date(2020, 10, 10), venue__slug="moscow")
    assert articles_in_history(talks) == [("+", set()), ("~", {a.id}), ("~", {a.id, b.id})]
    assert talks.participations.count() == talks.participations.distinct().count()
    for participation in talks.participations.all():
        assert participation.history.get().history_type == "+"


def test_retagging_records_the_event_again_with_its_articles(moscow):
    event = Event.objects.filter(articles=moscow, kind="ceasefire").get()
    Event.objects.filter(pk=event.pk).update(status=ReviewStatus.CONFIRMED)
    tag(moscow)
    assert articles_in_history(event)[-1] == ("~", {moscow.id})


def test_a_new_article_is_tagged_in_a_few_queries_however_many_events_it_reports(
    moscow, django_assert_max_num_queries
):
    copy = Article.objects.get(pk=moscow.pk)
    copy.pk, copy.content_hash = None, "copy"
    copy.save()
    get_lexicon()
    with django_assert_max_num_queries(14):
        counts = tag_new([copy])
    assert counts["events"] >= 2
    assert copy.mentions.count() == moscow.mentions.count()
    assert set(moscow.events.filter(date_precision="day")) <= set(copy.events.all())


def test_discovery_proposes_a_candidate_once_and_respects_rejection(ingest, write):
    text = "تبليسي تستضيف لقاء\nتبليسي - 1 يونيو 2022 (وكالات) - استقبل وزير الخارجية الجورجي إيليا دارشياشفيلي الوفد الأرميني."
    ingest(write("a.txt", text))
    candidate = Actor.objects.get(status=ActorStatus.CANDIDATE)
    assert candidate.name == "إيليا دارشياشفيلي"
    assert candidate.country.slug == "georgia"
    ingest(write("b.txt", text.replace("الوفد الأرميني", "الوفد الأذربيجاني")))
    assert Actor.objects.filter(status=ActorStatus.CANDIDATE).count() == 1
    assert candidate.mentions.count() == 2

    Actor.objects.filter(pk=candidate.pk).update(status=ActorStatus.REJECTED)
    for article in Article.objects.all():
        tag(article)
    assert not Mention.objects.filter(actor=candidate, status=ReviewStatus.SUGGESTED).exists()


def test_the_full_text_index_is_filled(moscow):
    assert Article.objects.filter(pk=moscow.pk, search_vector="لافروف").exists()
