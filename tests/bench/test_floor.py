"""The database's floor under ingest: the rows ingest wrote, written again by COPY into a
snapshot taken before it, with the triggers filling what they fill in ingest."""

import pytest
from django.db import connection

from archive.databases import connect, database_url
from articles.models import Article, ArticleActor, Event, Mention
from articles.tagging.dictionary import load_dictionary
from bench import floor
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db(transaction=True)

COUNTED = [
    "articles_article",
    "articles_historicalarticle",
    "articles_mention",
    "articles_historicalmention",
    "articles_event",
    "articles_eventparticipant",
    "articles_articleactor",  # kept by the mentions' triggers, never copied
    "articles_actormonth",
]


def _counts(url: str) -> dict[str, int]:
    with connect(url) as db, db.cursor() as cursor:
        counts = {}
        for table in COUNTED:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    db.close()
    return counts


@pytest.fixture
def snapshot_url():
    load_dictionary()
    connection.close()  # a template database must have no other session
    url = floor.snapshot(database_url(connection.settings_dict))
    yield url
    floor.drop(url)


def test_the_snapshot_receives_every_row_ingest_wrote_and_its_triggers_the_rest(snapshot_url, ingest):
    assert _counts(snapshot_url)["articles_article"] == 0
    ingest(DEMO_CORPUS)
    assert Mention.objects.exists() and Event.objects.exists() and ArticleActor.objects.exists()

    figures = floor.measure(database_url(connection.settings_dict), snapshot_url)

    assert _counts(snapshot_url) == _counts(database_url(connection.settings_dict))
    assert figures["articles"] == Article.objects.count()
    assert figures["rows"] >= Article.objects.count() * 2 + Mention.objects.count() * 2
    assert figures["write_ms"] > 0 and figures["vector_ms"] > 0
    per_article = (figures["write_ms"] + figures["vector_ms"]) / 1000
    assert figures["ceiling_per_second"] == pytest.approx(figures["cores"] / per_article, rel=0.02)


def test_only_the_rows_added_since_the_snapshot_are_copied(snapshot_url, ingest, write):
    with connect(snapshot_url) as db, db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_alias")
        aliases = cursor.fetchone()[0]
    db.close()
    ingest(
        write(
            "truce.txt",
            "لافروف يعلن هدنة في قره باغ\n\nأعلن وزير الخارجية الروسي سيرغي لافروف السبت هدنة إنسانية"
            " في قره باغ بعد محادثات في موسكو بين وزيري خارجية أرمينيا وأذربيجان.",
        )
    )

    figures = floor.measure(database_url(connection.settings_dict), snapshot_url)

    assert figures["articles"] == 1
    with connect(snapshot_url) as db, db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_alias")
        assert cursor.fetchone()[0] == aliases  # the dictionary's rows were there already: not copied twice
        cursor.execute("SELECT title FROM articles_article")
        assert cursor.fetchall() == [("لافروف يعلن هدنة في قره باغ",)]
    db.close()
