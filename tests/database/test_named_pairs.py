"""The one-row-per-pair tables and the actors' monthly counts (articles/models/named.py)
follow the mentions and the articles' dates, whoever writes them: ingest, an editor's
review, a merge, raw SQL."""

import datetime
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from articles.curation import merge_actors, review_mentions
from articles.models import (
    Actor,
    ActorKind,
    ActorMonth,
    Article,
    ArticleActor,
    ArticleVenue,
    Mention,
    ReviewStatus,
)
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(ingest):
    assert ingest(DEMO_CORPUS).exit_code == 0


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("hasmik", password="x")


def expected_pairs() -> tuple[set, set]:
    """What the tables must hold, computed from the mentions and articles directly."""
    kept = Mention.objects.not_rejected().values_list
    return (
        set(kept("article_id", "actor_id", "article__published").exclude(actor=None)),
        set(kept("article_id", "venue_id", "article__published").exclude(venue=None)),
    )


def stored_pairs() -> tuple[set, set]:
    return (
        set(ArticleActor.objects.values_list("article_id", "actor_id", "published")),
        set(ArticleVenue.objects.values_list("article_id", "venue_id", "published")),
    )


def expected_months() -> Counter:
    """Each actor's articles by month (its first day; None when undated), from the pairs."""
    pairs = ArticleActor.objects.values_list("actor_id", "published")
    return Counter((actor, day.replace(day=1) if day else None) for actor, day in pairs)


def stored_months() -> Counter:
    return Counter(
        {
            (actor, month): n
            for actor, month, n in ActorMonth.objects.values_list("actor", "month", "articles")
        }
    )


def assert_in_step() -> None:
    assert stored_pairs() == expected_pairs()
    assert stored_months() == expected_months()  # no month left at zero, none missing


def repeated_pair() -> tuple[int, int]:
    """An article and an actor it names at least twice."""
    return next(
        (article, actor)
        for article, actor in Mention.objects.exclude(actor=None).values_list("article_id", "actor_id")
        if Mention.objects.filter(article_id=article, actor_id=actor).count() >= 2
    )


def test_ingest_stores_one_pair_per_article_and_actor_or_venue_named(demo):
    actors, venues = stored_pairs()
    assert len(actors) > 100 and len(venues) > 20
    assert len(actors) + len(venues) < Mention.objects.count()  # articles name their cast many times
    assert_in_step()


def test_a_pair_goes_with_its_last_kept_mention_and_comes_back_with_a_confirmation(demo, editor):
    article, actor = repeated_pair()
    mentions = list(Mention.objects.filter(article_id=article, actor_id=actor).order_by("id"))

    review_mentions(mentions[:1], ReviewStatus.REJECTED, editor)
    assert ArticleActor.objects.filter(article_id=article, actor_id=actor).exists()
    review_mentions(mentions, ReviewStatus.REJECTED, editor)
    assert not ArticleActor.objects.filter(article_id=article, actor_id=actor).exists()
    assert_in_step()

    review_mentions(mentions[-1:], ReviewStatus.CONFIRMED, editor)
    assert ArticleActor.objects.filter(article_id=article, actor_id=actor).exists()
    assert_in_step()


def test_a_merge_moves_every_pair_to_the_survivor(demo):
    survivor, duplicate = (
        Actor.objects.get(slug="nikol-pashinyan"),
        Actor.objects.create(slug="pashinian-duplicate", kind=ActorKind.PERSON, name="نيكول باشينيان"),
    )
    moved = Mention.objects.filter(actor=survivor).order_by("id")[:5]
    Mention.objects.filter(id__in=[m.id for m in moved]).update(actor=duplicate)
    assert ArticleActor.objects.filter(actor=duplicate).exists()

    merge_actors(survivor, duplicate)
    assert not ArticleActor.objects.filter(actor=duplicate).exists()
    assert_in_step()


def test_redating_an_article_moves_its_pairs_in_time(demo):
    article = Article.objects.filter(actor_rows__isnull=False, venue_rows__isnull=False).first()
    article.published, article.date_precision = datetime.date(2021, 11, 26), "day"
    article.save()
    assert set(ArticleActor.objects.filter(article=article).values_list("published", flat=True)) == {
        datetime.date(2021, 11, 26)
    }
    Article.objects.filter(id=article.id).update(published=None, date_precision="unknown")
    assert set(ArticleVenue.objects.filter(article=article).values_list("published", flat=True)) == {None}
    assert_in_step()


def test_deleting_mentions_or_articles_deletes_their_pairs(demo):
    article = Article.objects.filter(actor_rows__isnull=False).first()
    with connection.cursor() as cursor:  # a write Django never sees
        cursor.execute(
            "DELETE FROM articles_mention WHERE article_id = %s AND venue_id IS NOT NULL", [article.id]
        )
    assert not ArticleVenue.objects.filter(article=article).exists()
    assert ArticleActor.objects.filter(article=article).exists()

    Article.objects.filter(id=article.id).delete()
    assert not ArticleActor.objects.filter(article_id=article.id).exists()
    assert_in_step()


def test_deleting_an_actor_leaves_no_months_behind(demo):
    actor = Actor.objects.get(slug="nikol-pashinyan")
    assert ActorMonth.objects.filter(actor=actor).exists()
    actor.delete()
    assert not ActorMonth.objects.filter(actor_id=actor.id).exists()
    assert_in_step()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_writes_keeps_the_tables_in_step(demo, editor, seed):
    """Random reviews, moves, deletions, new mentions and new dates, checked after each."""
    rng = random.Random(seed)
    actors = list(Actor.objects.values_list("id", flat=True))
    for step in range(40):
        mentions = list(Mention.objects.order_by("id").values_list("id", flat=True))
        chosen = Mention.objects.filter(id__in=rng.sample(mentions, rng.randint(1, 6)))
        action = rng.choice(["review", "move", "delete", "copy", "redate"])
        if action == "review":
            decision = rng.choice([ReviewStatus.REJECTED, ReviewStatus.CONFIRMED])
            review_mentions(list(chosen), decision, editor)
        elif action == "move":
            chosen.exclude(actor=None).update(actor_id=rng.choice(actors))
        elif action == "delete":
            chosen.delete()
        elif action == "copy":  # the same entity named again further on, or in another article
            for i, mention in enumerate(chosen):
                start = 100_000 + step * 100 + i * 10
                mention.pk, mention.start, mention.end = None, start, start + 5
                mention.article_id = rng.choice(
                    [mention.article_id, *Article.objects.values_list("id", flat=True)]
                )
                mention.status = ReviewStatus.SUGGESTED
                mention.save()
        else:
            day = datetime.date(2020, 9, 27) + datetime.timedelta(days=rng.randint(0, 1000))
            Article.objects.filter(mentions__in=chosen).update(published=day, date_precision="day")
        assert stored_pairs() == expected_pairs(), f"seed {seed}, step {step}: {action}"
        assert stored_months() == expected_months(), f"seed {seed}, step {step}: {action}"
