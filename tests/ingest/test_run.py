"""What one run of ingest reads once rather than per article, and how soon it notices a change."""

import pytest
from django.db import connection, transaction

from articles.ingest import store
from articles.ingest.store import LEXICON_CHECK_SECONDS, Run
from articles.models import Alias, Source

pytestmark = pytest.mark.django_db


def test_it_sees_an_editors_dictionary_change_within_seconds(actor, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(store.time, "monotonic", lambda: now[0])
    run = Run()
    before = run.lexicon()
    Alias.objects.create(actor=actor("sergey-lavrov"), name="سيرجي لافروفيتش")
    assert run.lexicon() is before
    now[0] += LEXICON_CHECK_SECONDS
    assert "لافروفيتش" in run.lexicon().aliases["سيرجي"]


def test_it_remembers_a_source_once_committed(django_capture_on_commit_callbacks, django_assert_num_queries):
    run = Run()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        source = run.source("وكالة الأنباء")
    with django_assert_num_queries(0):
        assert run.source("وكالة الأنباء") == source


def test_it_forgets_a_source_its_article_rolled_back(django_capture_on_commit_callbacks):
    run = Run()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        run.source("وكالة الأنباء")
        raise RuntimeError("the article failed")
    assert not Source.objects.filter(name="وكالة الأنباء").exists()
    assert Source.objects.filter(pk=run.source("وكالة الأنباء").pk).exists()


def test_its_commits_do_not_wait_for_the_disk(ingest, write):
    ingest(write("a.txt", "عنوان\nنص الخبر عن لقاء في موسكو."))
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("off",)
