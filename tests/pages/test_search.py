"""Name search: any spelling, either script, finds exactly the articles about the person."""

import tomllib

import pytest

from articles.models import Article
from articles.search import find_actors, search
from articles.text.skeleton import skeleton
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(ingest):
    ingest(DEMO_CORPUS)


def slugs_of(query):
    return {hit.actor.slug for hit in find_actors(query)}


@pytest.mark.parametrize(
    ("query", "slug", "how"),
    [
        ("سيرغي لافروف", "sergey-lavrov", "exact"),
        ("سيرجي لافروف", "sergey-lavrov", "exact"),
        ("Lavrov", "sergey-lavrov", "exact"),
        ("LAVROV", "sergey-lavrov", "exact"),
        ("ولافروف", "sergey-lavrov", "clitics"),
        ("للافروف", "sergey-lavrov", "clitics"),
        ("لاڤروف", "sergey-lavrov", "exact"),  # Persian ve folded by camel-tools
        ("لافرووف", "sergey-lavrov", "skeleton"),
        ("Lavrof", "sergey-lavrov", "skeleton"),
        ("باشنيان", "nikol-pashinyan", "exact"),
        ("Pashinian", "nikol-pashinyan", "exact"),
        ("نيكول باشينيـــان", "nikol-pashinyan", "exact"),
        ("Nikol Pachinian", "nikol-pashinyan", "skeleton"),
        ("عليف", "ilham-aliyev", "exact"),
        ("Ilham Aliev", "ilham-aliyev", "exact"),
        ("بيراموف", "jeyhun-bayramov", "exact"),
        ("Djeyhun Bairamov", "jeyhun-bayramov", "skeleton"),
        ("ميرزويان", "ararat-mirzoyan", "exact"),
        ("ميرزوبان", "ararat-mirzoyan", "fuzzy"),  # a typo
        ("ماكرونن", "emmanuel-macron", "skeleton"),
    ],
)
def test_it_finds_the_person_whatever_the_spelling(query, slug, how):
    [hit] = find_actors(query)
    assert (hit.actor.slug, hit.how) == (slug, how)


@pytest.mark.parametrize("query", ["وليد", "فلاديمير", "بيراموف", "لافروف"])
def test_clitic_stripping_never_breaks_names_that_begin_like_clitics(query):
    hits = find_actors(query)
    assert all(hit.how != "clitics" for hit in hits)


@pytest.mark.parametrize(
    "query", ["", "   ", "؟؟", "x" * 5000, "'; DROP TABLE articles_article; --", "<script>alert(1)</script>"]
)
def test_hostile_or_empty_queries_find_nothing_and_break_nothing(query):
    assert slugs_of(query) == set()
    assert list(search(query).articles) == []  # the archive is empty here: nothing, and no error


def test_the_skeleton_is_the_same_in_both_scripts():
    assert skeleton("لافروف") == skeleton("Lavrov") == "LFRF"
    assert skeleton("باشينيان") == skeleton("باشنيان") == skeleton("Pashinyan")
    assert skeleton("سيرغي") == skeleton("سيرجي") == skeleton("Sergei")


def test_every_spelling_of_every_person_finds_exactly_their_annotated_articles(demo):
    """The development set says which articles name whom; search must agree, spelling by spelling."""
    from articles.models import Actor

    with (DEMO_CORPUS.parent / "devset.toml").open("rb") as handle:
        entries = tomllib.load(handle)["article"]
    annotated = {}
    for entry in entries:
        article = (
            Article.objects.get(raw_format="json", origin_line=entry["line"])
            if "line" in entry
            else Article.objects.get(origin=entry["file"])
        )
        annotated[article.id] = set(entry["actors"])
    people = {slug for actors in annotated.values() for slug in actors} & set(
        Actor.objects.filter(kind="person").values_list("slug", flat=True)
    )
    wrong = []
    for person in Actor.objects.filter(slug__in=people).prefetch_related("aliases"):
        expected = {aid for aid, actors in annotated.items() if person.slug in actors}
        for alias in person.aliases.all():
            found = set(search(alias.name).articles.filter(id__in=annotated).values_list("id", flat=True))
            if found != expected:
                wrong.append((person.slug, alias.name, len(expected), len(found)))
    assert len(people) >= 20
    assert wrong == []


def test_a_name_not_in_the_dictionary_falls_back_to_full_text(demo):
    result = search("بوغدانوف")  # a byline name, in no dictionary entry
    assert result.full_text
    result = search("إكسبو")
    assert result.full_text
    assert [a.origin for a in result.articles] == ["2023-04-29-iran-expo-tehran.txt"]


def test_words_from_the_start_of_a_longer_name_or_around_a_recorded_one_find_the_person():
    from articles.curation import add_actor

    add_actor("person", "محجوب بشرى أحمد", "Mahjoub Bushra Ahmed")
    add_actor("person", "عبد الفتاح البرهان", "Abdel Fattah al-Burhan")
    add_actor("person", "عبد الفتاح السيسي", "Abdel Fattah el-Sisi")
    bushra = {hit.actor.name for hit in find_actors("Mahjoub Bushra")}
    assert bushra == {"محجوب بشرى أحمد"}
    assert find_actors("محجوب بشرى")[0].how == "words"
    # a longer name holding a recorded one: rank and a third name around it
    assert {hit.actor.name for hit in find_actors("اللواء محجوب بشرى أحمد")} == {"محجوب بشرى أحمد"}
    # given names alone open many names: they find nobody by this step
    assert not any(hit.how == "words" for hit in find_actors("عبد الفتاح"))
