"""Who may do what, enforced by the server for each group."""

import pytest
from django.urls import reverse

from articles.models import Actor, Mention, ReviewStatus

pytestmark = pytest.mark.django_db


def test_a_reader_sees_but_changes_nothing(reader, articles, actor):
    assert reader.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert reader.get(reverse("admin:articles_mention_changelist")).status_code == 200
    lavrov = actor("sergey-lavrov")
    url = reverse("admin:articles_actor_change", args=[lavrov.pk])
    assert reader.get(url).status_code == 200
    reader.post(url, {"name": "تغيير", "kind": "person", "slug": "sergey-lavrov", "status": "active"})
    assert Actor.objects.get(pk=lavrov.pk).name == "سيرغي لافروف"
    mention = Mention.objects.first()
    reader.post(
        reverse("admin:articles_mention_changelist"), {"action": "confirm", "_selected_action": [mention.pk]}
    )
    moscow = articles["moscow"]
    assert (
        reader.post(
            reverse("admin:articles_article_review_mention", args=[moscow.pk, mention.pk]),
            {"decision": "confirmed"},
        ).status_code
        == 403
    )
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.SUGGESTED
    assert reader.get(reverse("admin:articles_actor_add")).status_code == 403


def test_a_reviewer_reviews_but_edits_nothing_else(reviewer, articles, actor):
    mention = Mention.objects.first()
    reviewer.post(
        reverse("admin:articles_mention_changelist"), {"action": "reject", "_selected_action": [mention.pk]}
    )
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.REJECTED
    lavrov = actor("sergey-lavrov")
    reviewer.post(
        reverse("admin:articles_actor_change", args=[lavrov.pk]),
        {"name": "تغيير", "kind": "person", "slug": "sergey-lavrov", "status": "active"},
    )
    assert Actor.objects.get(pk=lavrov.pk).name == "سيرغي لافروف"
    assert reviewer.get(reverse("admin:articles_actor_add")).status_code == 403
    response = reviewer.post(
        reverse("admin:articles_article_changelist"),
        {"action": "retag", "_selected_action": [articles["moscow"].pk]},
    )
    assert response.status_code == 200  # the action is not offered: the list is shown again, nothing ran


def test_an_editor_may_change_actors(editor, actor):
    lavrov = actor("sergey-lavrov")
    assert editor.get(reverse("admin:articles_actor_change", args=[lavrov.pk])).status_code == 200
    assert editor.get(reverse("admin:articles_actor_add")).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client, articles):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_speaks_arabic_right_to_left(editor):
    page = editor.get(reverse("admin:index")).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
