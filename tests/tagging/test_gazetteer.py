"""The world gazetteer: places and states of any conflict known from the start, and
ordinary words that are not turned into places."""

import datetime

import pytest

from articles.gazetteer.build import nisba_forms, nisba_stem, read_reviewed
from articles.gazetteer.load import read_cities, read_toml
from articles.models import Actor, Alias, Article, Venue

pytestmark = pytest.mark.django_db


def test_the_archive_knows_world_cities_with_coordinates_and_country():
    pretoria = Venue.objects.get(slug="pretoria")
    assert pretoria.country.slug == "south-africa"
    assert -26 < pretoria.latitude < -25 and 28 < pretoria.longitude < 29
    assert Venue.objects.get(slug="moscow").latitude is not None  # the dictionary's venue, located
    assert Venue.objects.filter(geonameid__isnull=False).count() == len(read_cities())


def test_every_country_is_a_state_with_its_code_and_adjectives():
    assert Actor.objects.filter(kind="state").exclude(code="").count() == len(read_toml("countries.toml"))
    ethiopia = Actor.objects.get(code="ET")
    adjectives = set(Alias.objects.filter(actor=ethiopia, is_adjective=True).values_list("name", flat=True))
    assert {"الإثيوبي", "الإثيوبية", "إثيوبيون", "الإثيوبيين"} <= adjectives
    assert Actor.objects.get(code="AM").slug == "armenia"  # merged with the dictionary's, not doubled


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("روسيا", "روسي"),
        ("فرنسا", "فرنسي"),
        ("السودان", "سوداني"),
        ("مصر", "مصري"),
        ("السعودية", "سعودي"),
        ("مالي", "مالي"),
        ("جنوب أفريقيا", ""),
    ],
)
def test_the_nisba_rule(name, stem):
    assert nisba_stem(name) == stem


def test_irregular_adjectives_and_broken_plurals_come_from_the_reviewed_list():
    forms = nisba_forms("US", "الولايات المتحدة", read_reviewed())
    assert {"الأمريكي", "الأميركية", "الأمريكيون"} <= set(forms)
    assert "الروس" in nisba_forms("RU", "روسيا", read_reviewed())


def test_a_conflict_the_dictionary_never_heard_of_has_its_places_and_states(tagged):
    result = tagged(
        "وقعت الحكومة الإثيوبية وجبهة تحرير تيغراي اتفاقا لوقف الأعمال العدائية في بريتوريا عاصمة جنوب أفريقيا.",
        datetime.date(2022, 11, 2),
    )
    assert "pretoria" in result["places"]
    assert {"ethiopia", "south-africa"} <= result["actors"]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الكرملين في بيان إن الجانب الروسي قلق.",  # بيان: a town in Kuwait; 'statement'
        "ودعا إلى وقف إطلاق النار فورا.",  # وقف: a town in Egypt; 'halt'
        "ونشرت الوكالة صور الدمار في المدينة.",  # صور: Tyre; 'pictures'
        "وقالت جدة الطفل إنها لم تره منذ أيام.",  # جدة: Jeddah; 'grandmother'
    ],
)
def test_an_ordinary_word_is_not_a_place(tagged, text):
    assert tagged(text)["venues"] == set()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("وقصفت الطائرات مدينة صور جنوبي لبنان.", "tyre"),  # a place cue
        ("استضافت جدة جولة جديدة من المحادثات.", "jeddah"),  # a host verb
        ("وانطلقت محادثات جدة بين الطرفين السودانيين.", "jeddah"),  # an event word heads it
        ("وقالت السعودية إن الوفدين في جدة منذ أيام.", "jeddah"),  # its country is named
    ],
)
def test_an_ambiguous_name_is_a_place_with_a_cue_or_support(tagged, text, slug):
    assert slug in tagged(text)["venues"]


def test_a_town_known_only_by_its_latin_name_is_learnt_from_the_articles(ingest, write):
    folder = write(
        "et/1.txt",
        "قصف في تيغراي\nأديس أبابا – 3 نوفمبر 2020\nقصفت القوات الإثيوبية مواقع في مدينة ميكيلي، فيما وقف الجيش إلى جانب السكان.",
    ).parent
    write(
        "et/2.txt",
        "وصول مساعدات\nأديس أبابا – 5 يوليو 2022\nوصلت قافلة إغاثة إلى مقلي بعد أشهر من الحصار في إثيوبيا.",
    )
    assert ingest(folder).exit_code == 0
    mekelle = Venue.objects.get(name_latin="Mek'ele")
    assert mekelle.country.code == "ET" and 13 < mekelle.latitude < 14
    assert set(mekelle.aliases.values_list("name", flat=True)) == {
        "ميكيلي",
        "مقلي",
    }  # both spellings, by sound
    assert mekelle.aliases.filter(is_ambiguous=False).count() == 0  # later articles need the same evidence
    assert not Venue.objects.filter(aliases__name="جانب").exists()  # a common word after "إلى" is no town


def test_a_place_no_gazetteer_holds_is_learnt_after_a_place_noun(ingest, write):
    folder = write(
        "et/1.txt",
        "معارك في الشمال\nأديس أبابا – 4 نوفمبر 2021\nاندلعت اشتباكات عنيفة في بلدة كوبو وفي إقليم أمهرة، "
        "وتقدمت القوات نحو بلدة ساحلية قرب الحدود الإثيوبية، وفق بيان نشر لتنظيمه.",
    ).parent
    assert ingest(folder).exit_code == 0
    kobo = Venue.objects.get(aliases__name="كوبو")
    assert (kobo.kind, kobo.country.code, kobo.latitude) == ("city", "ET", None)  # its kind, its country
    assert Venue.objects.get(aliases__name="أمهرة").kind == "region"
    assert kobo.aliases.get().is_ambiguous  # later articles need a cue too
    # an adjective agreeing with a feminine noun, a word with a pronoun: no place
    assert not Venue.objects.filter(aliases__name__in=["ساحلية", "لتنظيمه"]).exists()
    article = Article.objects.get()
    assert set(article.mentions.values_list("venue__aliases__name", flat=True)) >= {"كوبو", "أمهرة"}
