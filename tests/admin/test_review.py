"""Reviewing suggestions: in bulk from the queue, or one by one in the article's text."""

import pytest
from django.urls import reverse

from articles.models import Mention, ReviewStatus

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_mention_changelist")


def act(client, action, mentions):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [m.pk for m in mentions]}, follow=True
    )


def test_it_confirms_in_bulk_and_records_who_and_when(reviewer, articles):
    lavrov = list(Mention.objects.filter(actor__slug="sergey-lavrov"))
    response = act(reviewer, "confirm", lavrov)
    assert response.status_code == 200
    assert f"تم تأكيد {len(lavrov)} " in response.content.decode()  # the message, in Arabic
    for mention in Mention.objects.filter(pk__in=[m.pk for m in lavrov]):
        assert mention.status == ReviewStatus.CONFIRMED
        assert mention.reviewer == reviewer.user
        assert mention.reviewed_at is not None


def test_it_rejects_in_bulk(editor, articles):
    venues = list(Mention.objects.filter(venue__isnull=False))
    act(editor, "reject", venues)
    assert set(Mention.objects.filter(venue__isnull=False).values_list("status", flat=True)) == {
        ReviewStatus.REJECTED
    }
    assert Mention.objects.filter(actor__isnull=False, status=ReviewStatus.SUGGESTED).exists()


def test_the_queue_filters_by_status_kind_confidence_and_source(editor, articles):
    for query in [
        "status__exact=suggested",
        "kind=person",
        "kind=venue",
        "confidence=low",
        "method__exact=role",
    ]:
        assert editor.get(f"{CHANGELIST}?{query}").status_code == 200
    page = editor.get(f"{CHANGELIST}?kind=venue").content.decode()
    assert "موسكو" in page


def test_the_article_page_shows_its_suggestions_in_place(editor, articles):
    moscow = articles["moscow"]
    page = editor.get(reverse("admin:articles_article_change", args=[moscow.pk])).content.decode()
    lavrov = Mention.objects.filter(article=moscow, actor__slug="sergey-lavrov", in_title=False).first()
    assert f'id="mention-{lavrov.pk}"' in page
    assert reverse("admin:articles_article_review_mention", args=[moscow.pk, lavrov.pk]) in page


def test_a_reviewer_confirms_one_suggestion_in_the_text(reviewer, articles):
    moscow = articles["moscow"]
    mention = Mention.objects.filter(article=moscow, actor__slug="jeyhun-bayramov").first()
    url = reverse("admin:articles_article_review_mention", args=[moscow.pk, mention.pk])
    response = reviewer.post(url, {"decision": "confirmed"})
    assert response.status_code == 302
    mention.refresh_from_db()
    assert (mention.status, mention.reviewer) == (ReviewStatus.CONFIRMED, reviewer.user)


def test_reviewing_in_place_needs_a_post_and_a_known_decision(reviewer, articles):
    moscow = articles["moscow"]
    mention = Mention.objects.filter(article=moscow).first()
    url = reverse("admin:articles_article_review_mention", args=[moscow.pk, mention.pk])
    assert reviewer.get(url).status_code == 405
    assert reviewer.post(url, {"decision": "deleted"}).status_code == 403
    other = articles["sochi"]
    assert (
        reviewer.post(
            reverse("admin:articles_article_review_mention", args=[other.pk, mention.pk]),
            {"decision": "confirmed"},
        ).status_code
        == 404
    )
    mention.refresh_from_db()
    assert mention.status == ReviewStatus.SUGGESTED


def test_the_queue_makes_no_query_per_row(editor, articles, django_assert_max_num_queries):
    assert Mention.objects.count() > 20
    with django_assert_max_num_queries(15):
        assert editor.get(CHANGELIST).status_code == 200


def test_the_article_list_makes_no_query_per_row(editor, articles, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert editor.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_a_big_unfiltered_list_shows_the_planners_estimate_not_a_count(editor, articles, monkeypatch):
    from django.db import connection

    from articles.admin import common

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_mention")
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'articles_mention'")
        estimate = cursor.fetchone()[0]
    Mention.objects.filter(pk__in=Mention.objects.values("pk")[:5]).delete()  # the estimate does not see this
    monkeypatch.setattr(common, "ESTIMATE_FROM", 1)
    response = editor.get(CHANGELIST)
    assert response.context["cl"].paginator.count == estimate != Mention.objects.count()
    filtered = editor.get(CHANGELIST + "?status__exact=suggested")
    assert filtered.context["cl"].paginator.count == Mention.objects.filter(status="suggested").count()
