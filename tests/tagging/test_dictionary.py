"""The starter dictionary: a data file loaded (and reloaded) into the database."""

import datetime

import pytest

from articles.models import Actor, ActorRole, Alias, Venue
from articles.tagging.dictionary import DictionaryError, load_dictionary
from articles.text.normalize import normalize_phrase

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    return load_dictionary()


def test_it_loads_people_states_organisations_and_venues(loaded):
    kinds = set(Actor.objects.values_list("kind", flat=True))
    assert kinds == {"person", "state", "organisation"}
    assert Actor.objects.get(slug="sergey-lavrov").country.slug == "russia"
    assert Venue.objects.get(slug="nagorno-karabakh").kind == "region"


def test_every_spelling_variant_reaches_its_actor_through_the_normalized_form(loaded):
    for spelling, slug in [
        ("سيرغي لافروف", "sergey-lavrov"),
        ("سيرجي لافروف", "sergey-lavrov"),
        ("Lavrov", "sergey-lavrov"),
        ("نيكول باشنيان", "nikol-pashinyan"),
        ("Pashinyan", "nikol-pashinyan"),
        ("إلهام علييف", "ilham-aliyev"),
        ("أذربايجان", "azerbaijan"),
    ]:
        owners = set(
            Alias.objects.filter(normalized=normalize_phrase(spelling)).values_list("actor__slug", flat=True)
        )
        assert owners == {slug}, spelling


def test_region_spellings_reach_the_venue(loaded):
    for spelling in ["قره باغ", "قرة باغ", "كاراباخ", "ناغورنو كاراباخ", "ناغورني قره باغ"]:
        owners = set(
            Alias.objects.filter(normalized=normalize_phrase(spelling)).values_list("venue__slug", flat=True)
        )
        assert owners == {"nagorno-karabakh"}, spelling


def test_dated_roles_tell_who_held_an_office_on_a_day(loaded):
    def foreign_minister(country, day):
        return set(
            ActorRole.objects.held_on(day)
            .filter(role="foreign_minister", country__slug=country)
            .values_list("actor__slug", flat=True)
        )

    assert foreign_minister("armenia", datetime.date(2020, 10, 10)) == {"zohrab-mnatsakanyan"}
    assert foreign_minister("armenia", datetime.date(2022, 5, 22)) == {"ararat-mirzoyan"}
    assert foreign_minister("azerbaijan", datetime.date(2020, 10, 10)) == {"jeyhun-bayramov"}
    assert foreign_minister("united-states", datetime.date(2020, 10, 23)) == {"mike-pompeo"}


def test_reloading_changes_nothing_and_keeps_editors_aliases(loaded):
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    Alias.objects.create(actor=lavrov, name="سيرغيي لافروف")
    counts = (Actor.objects.count(), Alias.objects.count(), ActorRole.objects.count())
    again = load_dictionary()
    assert again["aliases"] == 0
    assert (Actor.objects.count(), Alias.objects.count(), ActorRole.objects.count()) == counts


def test_an_unknown_country_is_named(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[actor]]\nslug = "x"\nkind = "person"\nname = "س"\ncountry = "atlantis"\n')
    before = Actor.objects.count()
    with pytest.raises(DictionaryError, match="x: unknown country 'atlantis'"):
        load_dictionary(path)
    assert Actor.objects.count() == before
