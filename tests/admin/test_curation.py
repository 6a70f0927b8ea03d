"""Merging actors, settling candidates, events from articles, re-tagging, the date queue, history."""

import datetime

import pytest
from django.urls import reverse

from articles.curation import add_actor
from articles.models import (
    Actor,
    ActorStatus,
    Alias,
    AliasSuggestion,
    Article,
    DateOrigin,
    Event,
    EventParticipant,
    Mention,
    ReviewStatus,
)
from articles.search import articles_matching, text_query
from articles.tagging.aliases import record_suggestions

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate_lavrov(articles):
    """An actor an editor created by mistake for Lavrov, with a mention, an alias and an event role."""
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    twin = Actor.objects.create(slug="lavrov-dup", kind="person", name="س. لافروف", name_latin="S. Lavrov")
    Alias.objects.create(actor=twin, name="س. لافروف")
    Alias.objects.create(actor=twin, name="Lavrov")  # already an alias of the survivor
    mention = Mention.objects.filter(actor=lavrov).first()
    Mention.objects.filter(pk=mention.pk).update(actor=twin)
    event = Event.objects.filter(articles=articles["moscow"]).first()
    EventParticipant.objects.create(event=event, actor=twin, role="mediator")
    return lavrov, twin, mention, event


def test_an_editor_merges_two_actors_and_nothing_is_lost(editor, duplicate_lavrov):
    lavrov, twin, mention, event = duplicate_lavrov
    aliases_before = set(Alias.objects.filter(actor__in=[lavrov, twin]).values_list("normalized", flat=True))
    url = reverse("admin:articles_actor_merge") + f"?ids={lavrov.pk},{twin.pk}"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"survivor": lavrov.pk})
    assert response.status_code == 302
    twin.refresh_from_db()
    assert (twin.status, twin.merged_into) == (ActorStatus.MERGED, lavrov)
    mention.refresh_from_db()
    assert mention.actor == lavrov
    assert set(Alias.objects.filter(actor=lavrov).values_list("normalized", flat=True)) >= aliases_before
    assert EventParticipant.objects.filter(event=event, actor=lavrov, role="mediator").exists()
    assert not Alias.objects.filter(actor=twin).exists()
    # The merge is recorded: the survivor's page lists what it absorbed, and both histories have it.
    page = editor.get(reverse("admin:articles_actor_change", args=[lavrov.pk])).content.decode()
    assert "lavrov-dup" in page
    assert twin.history.first().status == ActorStatus.MERGED


def test_merging_twice_or_across_kinds_is_refused(editor, duplicate_lavrov):
    lavrov, twin, _mention, _event = duplicate_lavrov
    url = reverse("admin:articles_actor_merge") + f"?ids={lavrov.pk},{twin.pk}"
    editor.post(url, {"survivor": lavrov.pk})
    response = editor.post(url, {"survivor": lavrov.pk}, follow=True)
    assert "already merged" in response.content.decode()
    armenia = Actor.objects.get(slug="armenia")
    response = editor.post(
        reverse("admin:articles_actor_merge") + f"?ids={lavrov.pk},{armenia.pk}",
        {"survivor": lavrov.pk},
        follow=True,
    )
    assert Actor.objects.get(slug="armenia").status == ActorStatus.ACTIVE


def test_a_reviewer_cannot_merge_actors(reviewer, duplicate_lavrov):
    lavrov, twin, _mention, _event = duplicate_lavrov
    url = reverse("admin:articles_actor_merge") + f"?ids={lavrov.pk},{twin.pk}"
    assert reviewer.post(url, {"survivor": lavrov.pk}).status_code == 403
    twin.refresh_from_db()
    assert twin.status == ActorStatus.ACTIVE


def test_candidates_are_accepted_or_rejected(editor, articles):
    first = Actor.objects.create(
        slug="candidate-a", kind="person", status="candidate", name="إيليا دارشياشفيلي"
    )
    second = Actor.objects.create(slug="candidate-b", kind="person", status="candidate", name="وزير مجهول")
    changelist = reverse("admin:articles_actor_changelist")
    editor.post(changelist, {"action": "accept_candidates", "_selected_action": [first.pk]})
    editor.post(changelist, {"action": "reject_candidates", "_selected_action": [second.pk]})
    assert Actor.objects.get(pk=first.pk).status == ActorStatus.ACTIVE
    assert Actor.objects.get(pk=second.pk).status == ActorStatus.REJECTED


def test_a_duplicate_alias_is_refused_with_a_clear_message(editor, actor):
    lavrov = actor("sergey-lavrov")
    url = reverse("admin:articles_alias_add")
    response = editor.post(url, {"name": "سيرجى لافروف", "actor": lavrov.pk})  # ى: same normalized form
    assert response.status_code == 200
    assert "already recorded" in response.content.decode() or "مسجل" in response.content.decode()
    assert Alias.objects.filter(actor=lavrov, name="سيرجى لافروف").count() == 0


def test_an_event_from_an_article_is_prefilled_with_the_suggestion(editor, articles):
    moscow = articles["moscow"]
    response = editor.get(reverse("admin:articles_event_add") + f"?article={moscow.pk}")
    form = response.context["adminform"].form
    suggestion = moscow.events.order_by("id").first()
    assert form.initial["kind"] == suggestion.kind
    assert form.initial["date"] == datetime.date(2020, 10, 10)
    assert str(form.initial["articles"]) == str(moscow.pk)
    # Events that may already be this one are shown before a duplicate is made.
    assert any("Possibly the same" in str(m) or "ربما" in str(m) for m in response.context["messages"])


def test_an_editor_attaches_several_articles_to_one_event(editor, articles):
    event = Event.objects.filter(articles=articles["moscow"]).first()
    url = reverse("admin:articles_event_change", args=[event.pk])
    data = {
        "kind": event.kind,
        "title": "محادثات موسكو",
        "date": "2020-10-10",
        "date_precision": "day",
        "venue": event.venue_id or "",
        "status": "confirmed",
        "articles": f"{articles['moscow'].pk},{articles['sochi'].pk}",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
    }
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert set(event.articles.all()) == {articles["moscow"], articles["sochi"]}
    assert event.status == ReviewStatus.CONFIRMED


def test_retag_action_keeps_decisions(editor, articles):
    moscow = articles["moscow"]
    kept = Mention.objects.filter(article=moscow).first()
    Mention.objects.filter(pk=kept.pk).update(status=ReviewStatus.REJECTED)
    response = editor.post(
        reverse("admin:articles_article_changelist"), {"action": "retag", "_selected_action": [moscow.pk]}
    )
    assert response.status_code == 302
    assert Mention.objects.get(pk=kept.pk).status == ReviewStatus.REJECTED
    assert Mention.objects.filter(article=moscow, status=ReviewStatus.SUGGESTED).exists()


def test_the_date_queue_lists_undated_and_guessed_articles_and_fixing_one_marks_it_given(
    editor, ingest, write
):
    ingest(write("undated.txt", "خبر بلا تاريخ\nأعلنت يريفان استعدادها لاستئناف المحادثات في بروكسل."))
    undated = Article.objects.get()
    changelist = reverse("admin:articles_undatedarticle_changelist")
    assert undated.title in editor.get(changelist).content.decode()
    url = reverse("admin:articles_undatedarticle_change", args=[undated.pk])
    response = editor.post(url, {"published": "2023-07-15", "date_precision": "day", "date_origin": "none"})
    assert response.status_code == 302
    undated.refresh_from_db()
    assert (undated.published, undated.date_origin) == (datetime.date(2023, 7, 15), DateOrigin.GIVEN)


def test_every_change_is_kept_in_history_with_its_author(editor, articles):
    moscow = articles["moscow"]
    mention = Mention.objects.filter(article=moscow).first()
    editor.post(
        reverse("admin:articles_mention_changelist"), {"action": "confirm", "_selected_action": [mention.pk]}
    )
    record = mention.history.first()
    assert (record.status, record.history_user) == (ReviewStatus.CONFIRMED, editor.user)
    page = editor.get(reverse("admin:articles_mention_history", args=[mention.pk]))
    assert page.status_code == 200


def _as_posted(context) -> dict:
    """The change form's data, with its inline rows, as the browser would send it back unchanged."""
    posted = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        posted |= {
            formset.management_form.add_prefix(n): v for n, v in _form_data(formset.management_form).items()
        }
        for form in formset.forms:
            posted |= {form.add_prefix(n): v for n, v in _form_data(form).items()}
    return posted


def _form_data(form) -> dict:
    posted = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        if value is False:
            continue  # an unticked box is not sent
        posted[name] = "" if value is None else value
    return posted


def test_an_edited_title_and_body_are_what_full_text_search_finds(editor, articles):
    """The search vector follows an editor's corrections, not only what ingest computed."""
    moscow = articles["moscow"]
    found = Article.objects.filter(search_vector=text_query("جنيف")).values_list("pk", flat=True)
    assert moscow.pk not in found
    assert Article.objects.filter(pk=moscow.pk, search_vector=text_query("للصليب")).exists()
    url = reverse("admin:articles_article_change", args=[moscow.pk])
    posted = _as_posted(editor.get(url).context)
    posted["title"] = "لافروف يعلن هدنة إنسانية بعد محادثات جنيف"
    posted["body"] = moscow.body.replace("للصليب الأحمر", "للهلال الأحمر")
    assert editor.post(url, posted).status_code == 302

    assert moscow.pk in found.all()
    assert moscow.pk in Article.objects.filter(search_vector=text_query("للهلال")).values_list(
        "pk", flat=True
    )
    assert not Article.objects.filter(pk=moscow.pk, search_vector=text_query("للصليب")).exists()


def test_saving_other_fields_leaves_the_search_vector_alone(articles):
    moscow = articles["moscow"]
    Article.objects.filter(pk=moscow.pk).update(title="عنوان قديم لم يعد في النص")  # not through save()
    moscow.refresh_from_db()
    moscow.author = "سامر الحلبي"
    moscow.save(update_fields=["author"])
    assert not Article.objects.filter(pk=moscow.pk, search_vector=text_query("قديم")).exists()
    moscow.save(update_fields=["title"])
    assert Article.objects.filter(pk=moscow.pk, search_vector=text_query("قديم")).exists()


def _covered(mention: Mention) -> str:
    text = mention.article.title if mention.in_title else mention.article.body
    return text[mention.start : mention.end]


def test_after_an_edit_of_the_body_every_mention_still_covers_its_words(editor, articles):
    moscow = articles["moscow"]
    body = Mention.objects.filter(article=moscow, in_title=False)
    lavrov = body.filter(matched_text="لافروف").order_by("start").last()
    bayramov = body.get(matched_text="جيهون بيراموف")
    Mention.objects.filter(pk__in=[lavrov.pk, bayramov.pk]).update(status=ReviewStatus.CONFIRMED)
    url = reverse("admin:articles_article_change", args=[moscow.pk])
    posted = _as_posted(editor.get(url).context)
    # A line added before everything, and a name respelled: one decision moves, one goes.
    posted["body"] = "تحديث: أضيفت تفاصيل جديدة.\n\n" + moscow.body.replace("بيراموف", "بايراموف")
    response = editor.post(url, posted, follow=True)
    assert "انتقلت 1 من الإشارات المراجَعة" in response.content.decode()

    moved = Mention.objects.get(pk=lavrov.pk)
    assert (moved.status, _covered(moved)) == (ReviewStatus.CONFIRMED, "لافروف")
    assert moved.start > lavrov.start
    assert not Mention.objects.filter(pk=bayramov.pk).exists()
    kept = Mention.objects.filter(article=moscow).select_related("article")
    assert kept.filter(status=ReviewStatus.SUGGESTED).exists()
    assert all(_covered(mention) == mention.matched_text for mention in kept)


def test_an_edit_elsewhere_in_the_form_leaves_the_mentions_alone(editor, articles):
    moscow = articles["moscow"]
    before = set(Mention.objects.filter(article=moscow).values_list("pk", "start", "end"))
    url = reverse("admin:articles_article_change", args=[moscow.pk])
    posted = _as_posted(editor.get(url).context)
    posted["author"] = "سامر الحلبي"
    assert editor.post(url, posted).status_code == 302
    assert set(Mention.objects.filter(article=moscow).values_list("pk", "start", "end")) == before


def test_spellings_the_archive_suggests_are_accepted_in_the_admin_and_then_found(editor, ingest, write):
    write(
        "a/1.txt",
        "حميدتي يعلن قبول الهدنة\n"
        "الخرطوم - 1 يونيو 2023 - قال قائد قوات الدعم السريع محمد حمدان دقلو (حميدتي) إن قواته ستلتزم بالهدنة.",
    )
    write("a/2.txt", "حميدتي في جدة\nجدة - 2 يونيو 2023 - وصل حميدتي إلى جدة للمشاركة في المحادثات.")
    folder = write(
        "a/3.txt",
        "دقلو يلتقي الوسطاء\nجدة - 3 يونيو 2023 - التقى محمد حمدان دجلو الوسطاء السعوديين والأمريكيين.",
    ).parent
    ingest(folder)
    hemedti = add_actor("person", "محمد حمدان دقلو", "Mohamed Hamdan Dagalo")
    suggested = {s.name: s for s in AliasSuggestion.objects.filter(actor=hemedti)}
    assert suggested["حميدتي"].reason == "nickname"
    assert suggested["محمد حمدان دجلو"].reason == "variant"
    assert "(حميدتي)" in suggested["حميدتي"].evidence

    changelist = reverse("admin:articles_aliassuggestion_changelist")
    page = editor.get(changelist).content.decode()
    assert "كتابات مقترحة" in page and "حميدتي" in page  # the list, in Arabic
    editor.post(
        changelist, {"action": "accept_suggestions", "_selected_action": [s.pk for s in suggested.values()]}
    )

    assert {s.status for s in AliasSuggestion.objects.filter(actor=hemedti)} == {"confirmed"}
    found = set(articles_matching("حميدتي").values_list("origin", flat=True))
    assert found == {"1.txt", "2.txt", "3.txt"}  # the nickname and the other spelling are tagged now


def test_a_rejected_spelling_is_not_suggested_again(editor, ingest, write):
    folder = write(
        "b/1.txt", "لقاء\nجدة - 3 يونيو 2023 - التقى محمد حمدان دجلو والفريق محمد حمدان دقلو الوسطاء."
    ).parent
    ingest(folder)
    hemedti = add_actor("person", "محمد حمدان دقلو", "")
    suggestion = AliasSuggestion.objects.get(actor=hemedti, name="محمد حمدان دجلو")
    changelist = reverse("admin:articles_aliassuggestion_changelist")
    editor.post(changelist, {"action": "reject_suggestions", "_selected_action": [suggestion.pk]})
    assert record_suggestions(hemedti) == 0
    assert AliasSuggestion.objects.get(pk=suggestion.pk).status == "rejected"


def test_an_editor_keeps_an_article_out_of_a_conflict_from_its_page(editor, ingest, write):
    from articles.conflicts import assign_articles
    from articles.models import ArticleConflict, Conflict, Venue

    folder = write(
        "c/1.txt", "هدنة في جدة\nجدة – 21 مايو 2023\nوقع الطرفان في مدينة جدة اتفاقا لوقف إطلاق النار."
    ).parent
    ingest(folder)
    article = Article.objects.get()
    conflict = Conflict.objects.create(slug="sudan", name="حرب السودان")
    conflict.venues.set(Venue.objects.filter(slug="jeddah"))
    assign_articles(conflict)
    row = ArticleConflict.objects.get(conflict=conflict, article=article)
    assert row.assigned_by == "tags"

    page = editor.get(reverse("admin:articles_conflict_changelist")).content.decode()
    assert "النزاعات" in page and "حرب السودان" in page
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = _as_posted(editor.get(change).context)
    assert data["conflict_rows-0-kept"] is True
    del data["conflict_rows-0-kept"]  # the editor unticks "in the conflict"
    response = editor.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert (row.kept, row.assigned_by) == (False, "editor")
    assign_articles(conflict)
    row.refresh_from_db()
    assert row.kept is False  # the tags do not bring it back
