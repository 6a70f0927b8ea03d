"""Ingest stores a batch of articles in one transaction: the archive ends up as if each
article had been stored alone, copies and duplicates inside one batch are recognised, and
an article that breaks its batch fails alone while its neighbours are stored."""

import pytest
from django.db.models import Count
from simple_history.models import HistoricalRecords

from articles.ingest import store
from articles.ingest.readers import BATCH
from articles.models import Actor, Article, Event, EventParticipant, Mention
from bench.corpus import Corpus
from tests.samples import near_copy

pytestmark = pytest.mark.django_db

CORPUS = Corpus(20230919)


@pytest.fixture
def folder(tmp_path):
    """Two batches and a bit of articles, with an exact and a near copy of article 2 in the first batch."""
    texts = [CORPUS.text_file(i) for i in range(2 * BATCH + 3)]
    texts[5], texts[9] = texts[2], near_copy(texts[2])
    for position, text in enumerate(texts):
        (tmp_path / f"{position:03d}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def listed(record) -> list[int]:
    """The articles an event's history record lists."""
    snapshots = HistoricalRecords.m2m_models[Event.articles.field].objects
    return list(snapshots.filter(history=record).values_list("article_id", flat=True))


def contents() -> dict:
    """The archive as a reader and an editor see it, without ids: articles by file, the story
    each copies, their mentions, the events with their articles and participants, candidate
    actors, and how many history records each kind of row has."""
    origin = dict(Article.objects.values_list("id", "origin"))
    slug = dict(
        Actor.objects.values_list("id", "slug")
    )  # candidates' ids follow creation order; slugs do not
    return {
        "articles": sorted(
            (a.origin, a.content_hash, origin.get(a.copy_of_id), a.search_vector is not None)
            for a in Article.objects.all()
        ),
        "mentions": sorted(
            (
                origin[m.article_id],
                m.in_title,
                m.start,
                m.end,
                slug.get(m.actor_id),
                m.venue_id,
                m.method,
                m.confidence,
            )
            for m in Mention.objects.all()
        ),
        "events": sorted(
            (
                e.kind,
                str(e.date),
                e.venue_id,
                tuple(sorted(origin[a] for a in e.articles.values_list("id", flat=True))),
                tuple(sorted(EventParticipant.objects.filter(event=e).values_list("actor_id", "role"))),
            )
            for e in Event.objects.all()
        ),
        "event history": sorted(
            (
                record.kind,
                str(record.date),
                record.history_type,
                tuple(sorted(origin[a] for a in listed(record))),
            )
            for record in Event.history.all()
        ),
        "candidates": sorted(Actor.objects.filter(status="candidate").values_list("slug", flat=True)),
        "history": {
            model.__name__: sorted(model.history.values_list("history_type").annotate(n=Count("history_id")))
            for model in (Article, Mention, Event)
        },
    }


def test_a_batch_stores_what_one_article_at_a_time_stores(ingest, folder):
    one_by_one = ingest("--batch", "1", folder)
    alone = contents()
    Article.objects.all().delete()
    Event.objects.all().delete()
    Actor.objects.filter(status="candidate").delete()
    for model in (Article, Mention, Event):
        model.history.all().delete()
    batched = ingest(folder)

    assert (
        one_by_one.stdout.splitlines()[-1].split(" in ")[0]
        == batched.stdout.splitlines()[-1].split(" in ")[0]
    )
    assert contents() == alone
    assert len(alone["mentions"]) > 20 * len(alone["articles"])
    assert len(alone["events"]) > 10


def test_copies_inside_one_batch_are_recognised(ingest, folder):
    result = ingest("-v", "2", folder)

    assert "new 34, duplicate 1, failed 0" in result.stdout
    story, copy = Article.objects.get(origin="002.txt"), Article.objects.get(origin="009.txt")
    assert copy.copy_of_id == story.id
    assert f"duplicate: {folder / '005.txt'} (article {story.id})" in result.stdout


def test_a_person_two_articles_of_one_batch_discover_is_proposed_once(ingest, write):
    report = (
        "تبليسي - 1 يونيو 2022 (وكالات) - استقبل وزير الخارجية الجورجي إيليا دارشياشفيلي الوفد الأرميني{}."
    )
    first = write("a/1.txt", "تبليسي تستضيف لقاء\n" + report.format(""))
    write("a/2.txt", "لقاء أرميني جورجي في تبليسي\n" + report.format(" برئاسة وزير الخارجية"))
    ingest(first.parent)

    candidate = Actor.objects.get(status="candidate")
    assert candidate.name == "إيليا دارشياشفيلي"
    assert sorted(candidate.mentions.values_list("article__origin", "method")) == [
        ("1.txt", "discovery"),
        ("2.txt", "discovery"),
    ]


def test_an_article_that_breaks_its_batch_fails_alone(ingest, folder, monkeypatch):
    """A fault in the database writes of one article (here injected into its tagging) rolls
    back its batch; each article is then stored on its own and only that one fails."""
    bad_title = CORPUS.text_file(7).split("\n", 1)[0]
    tag_new = store.tag_new

    def failing_on_the_bad_article(articles, *args):
        if any(article.title == bad_title for article in articles):
            raise RuntimeError("the mentions could not be written")
        return tag_new(articles, *args)

    monkeypatch.setattr(store, "tag_new", failing_on_the_bad_article)
    result = ingest(folder)

    assert result.exit_code == 1
    assert "new 33, duplicate 1, failed 1" in result.stdout
    assert (
        f"error: {folder / '007.txt'}: internal error (RuntimeError: the mentions could not be written)"
        in (result.stderr)
    )
    assert not Article.objects.filter(origin="007.txt").exists()
    assert Article.objects.filter(origin="006.txt").get().mentions.exists()
    assert not Article.objects.filter(mentions__isnull=True).exists()
