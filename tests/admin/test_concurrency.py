"""Two editors at once, on two real database connections: no lost update, no orphan."""

import threading

import pytest
from django.db import connection

from articles.curation import CurationError, merge_actors, review_mentions
from articles.models import Actor, ActorStatus, Alias, Article, Mention, ReviewStatus
from articles.tagging.dictionary import load_dictionary
from tests.samples import MOSCOW_TRUCE_PAGE


def in_parallel(*jobs):
    """Run each job in its own thread (its own connection), all starting together."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def archive(transactional_db, ingest, write):
    load_dictionary()
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE))
    return Article.objects.get()


def test_merging_the_same_pair_both_ways_at_once_merges_once(archive):
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    twin = Actor.objects.create(slug="lavrov-twin", kind="person", name="س. لافروف")
    Alias.objects.create(actor=twin, name="س. لافروف")
    Mention.objects.filter(pk=Mention.objects.filter(actor=lavrov).first().pk).update(actor=twin)
    before = Mention.objects.filter(actor__in=[lavrov, twin]).count()

    outcomes = in_parallel(lambda: merge_actors(lavrov, twin), lambda: merge_actors(twin, lavrov))

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], CurationError)
    merged = Actor.objects.filter(slug__in=["sergey-lavrov", "lavrov-twin"], status=ActorStatus.MERGED)
    assert merged.count() == 1
    survivor = merged.get().merged_into
    assert Mention.objects.filter(actor=survivor).count() == before  # every mention moved, none lost
    assert not Mention.objects.filter(actor=merged.get()).exists()


def test_two_reviewers_deciding_the_same_suggestion_leave_one_whole_decision(archive):
    from django.contrib.auth import get_user_model

    first = get_user_model().objects.create_user("first")
    second = get_user_model().objects.create_user("second")
    mention = Mention.objects.filter(article=archive).first()

    outcomes = in_parallel(
        lambda: review_mentions([mention], ReviewStatus.CONFIRMED, first),
        lambda: review_mentions([mention], ReviewStatus.REJECTED, second),
    )

    assert outcomes == [1, 1]  # both decisions were applied, one after the other
    mention.refresh_from_db()
    # The row holds one reviewer's whole decision, never a mix of the two.
    assert (mention.status, mention.reviewer) in {
        (ReviewStatus.CONFIRMED, first),
        (ReviewStatus.REJECTED, second),
    }
    assert mention.history.count() >= 3  # created, then both decisions, in order
