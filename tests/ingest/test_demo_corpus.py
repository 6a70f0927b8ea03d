"""The demo corpus goes in whole, clean, with the publication dates its annotators read."""

import datetime
import re
import tomllib

import pytest

from articles.models import Article
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db

# Phrases that only boilerplate carries; none may reach a cleaned body.
BOILERPLATE = re.compile(
    r"Advertisement|ADVERTISEMENT|Sponsored|Loading\.\.\.|اترك تعليق|بريدك الإلكتروني|About Post Author"
    r"|اقرأ أيضا|اقرأ ايضا|إقرأ أيضا|اقرأ أيضاً|ذات صلة|إلى الأعلى|جميع الحقوق محفوظة|^الصورة:|^Ru En$",
    re.MULTILINE,
)


@pytest.fixture
def demo(ingest):
    return ingest(DEMO_CORPUS)


def devset():
    with (DEMO_CORPUS.parent / "devset.toml").open("rb") as handle:
        return tomllib.load(handle)["article"]


def test_every_demo_article_is_ingested(demo):
    assert demo.exit_code == 0
    assert "new 47, duplicate 0, failed 0" in demo.stdout
    assert Article.objects.count() >= 40


def test_no_boilerplate_reaches_a_cleaned_body(demo):
    dirty = {
        a.origin: BOILERPLATE.findall(a.body) for a in Article.objects.all() if BOILERPLATE.search(a.body)
    }
    assert dirty == {}


def test_syndicated_pairs_are_one_story(demo):
    for story in ("2020-10-10-moscow-truce", "2022-09-13-border-clashes"):
        first = Article.objects.get(origin=f"{story}-syndicated-a.txt")
        second = Article.objects.get(origin=f"{story}-syndicated-b.txt")
        assert second.copy_of == first
    assert Article.objects.filter(copy_of__isnull=False).count() == 2


def test_publication_dates_match_the_annotation(demo):
    wrong = []
    for entry in devset():
        if "line" in entry:  # the demo's one JSON-lines file; its articles' origins are their URLs
            article = Article.objects.get(raw_format="json", origin_line=entry["line"])
        else:
            article = Article.objects.get(origin=entry["file"])
        expected = (entry.get("published"), entry.get("published_precision", "unknown"))
        if (article.published, article.date_precision) != expected:
            wrong.append(
                (entry["file"], entry.get("line"), expected, (article.published, article.date_precision))
            )
    assert wrong == []


def test_text_without_a_stated_date_gets_none_rather_than_today(demo):
    undated = Article.objects.filter(published__isnull=True)
    assert undated.exists()
    assert not Article.objects.filter(published=datetime.date.today()).exists()
