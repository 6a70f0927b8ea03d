"""The tagger measured on the annotated development set, with floors it must not fall below."""

import pytest

from articles.evaluation.tagging import evaluate
from tests.conftest import DEMO_CORPUS, run_command

pytestmark = pytest.mark.django_db

DEVSET = DEMO_CORPUS.parent / "devset.toml"


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluate(DEVSET, DEMO_CORPUS)


def test_it_scores_at_least_25_annotated_articles(report):
    assert report.articles >= 25


def test_actor_mentions_meet_their_targets(report):
    actors = report.scores["actors"]
    assert actors.precision >= 0.97
    assert actors.recall >= 0.95


def test_event_places_keep_their_measured_floor(report):
    # Target 0.90 both; measured 0.936 / 0.917 (docs/tagging.md).
    venues = report.scores["venues"]
    assert venues.precision >= 0.90
    assert venues.recall >= 0.90


def test_event_types_keep_their_measured_floor(report):
    events = report.scores["events"]
    assert events.precision >= 0.75
    assert events.recall >= 0.80


def test_publication_dates_are_exact(report):
    assert report.date_accuracy >= 0.95


def test_the_command_prints_a_table(monkeypatch):
    result = run_command("evaluate", monkeypatch=monkeypatch)
    assert "actors" in result.stdout and "precision" in result.stdout
    assert "46 annotated articles" in result.stdout
