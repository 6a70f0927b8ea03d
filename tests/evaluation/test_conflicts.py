"""The archive on conflicts it was not built for: floors under the held-out figures
(articles/data/conflicts/heldout, written by helpers who never saw the rules), and the
measurement itself leaves nothing behind."""

import pytest

from articles.evaluation.conflicts import evaluate_folder
from articles.management.commands.evaluate import CONFLICTS
from articles.models import Actor, Article

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return Article.objects.count(), Actor.objects.count()


@pytest.fixture(scope="module")
def heldout(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = counts()
        report = evaluate_folder(CONFLICTS / "heldout")
        report.left_behind = tuple(after - was for after, was in zip(counts(), before, strict=True))
        return report


def test_the_held_out_set_is_large_enough(heldout):
    assert heldout.articles >= 20
    assert heldout.people >= 100 and heldout.queries >= 1000


def test_cold_people_known_or_proposed_keep_their_floor(heldout):
    # Measured 0.685 (89/130) on 2026-12-08 on the second held-out set (Yemen, Libya,
    # Afghanistan), candidates 0.82 right; the goal is 0.80 (docs/tagging.md).
    assert heldout.people_covered >= 0.65
    assert heldout.candidates_right / heldout.candidates >= 0.78


def test_cold_venues_keep_their_floor(heldout):
    # Measured recall 0.28 (28/100), precision 0.82; the goal is recall 0.90 (docs/tagging.md).
    assert heldout.venues.recall >= 0.25
    assert heldout.venues.precision >= 0.78


def test_warm_name_search_keeps_its_floor(heldout):
    # Measured 0.754 (929/1232), 0.793 (977/1232) once the suggested spellings are accepted;
    # the goal is 0.90 (docs/tagging.md).
    assert heldout.search_exact >= 0.73
    assert heldout.queries_exact_accepted / heldout.queries >= 0.77


def test_measuring_leaves_nothing_behind(heldout):
    assert heldout.left_behind == (0, 0)  # no article, no actor or candidate stays
