"""The dictionary's stamp: the database changes it with every change the lexicon and the
name search must see, and leaves it alone for discovery's candidates."""

import pytest
from django.db import transaction

from articles.models import Actor, ActorRole, ActorStatus, Alias, Venue
from articles.search import find_actors
from articles.tagging.dictionary import load_dictionary
from articles.tagging.lexicon import dictionary_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_dictionary()
    return dictionary_version()


def changes(write) -> bool:
    before = dictionary_version()
    write()
    return dictionary_version() != before


def test_editing_what_the_lexicon_reads_gives_a_new_stamp(loaded):
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    assert loaded is not None
    assert changes(lambda: Alias.objects.create(actor=lavrov, name="سيرغي لافروفيتش"))
    assert changes(lambda: Alias.objects.filter(name="سيرغي لافروفيتش").update(name="لافروفيتش"))
    assert changes(lambda: Alias.objects.filter(name="لافروفيتش").delete())
    assert changes(lambda: Actor.objects.filter(pk=lavrov.pk).update(kind="organisation"))
    assert changes(lambda: ActorRole.objects.filter(actor=lavrov).update(end=None))
    assert changes(lambda: Venue.objects.filter(slug="moscow").update(kind="region"))
    assert changes(lambda: Alias.objects.create(venue=Venue.objects.get(slug="moscow"), name="موسكوفا"))


def test_a_candidate_waits_for_an_editor_to_accept_it(loaded):
    candidate = Actor.objects.create(
        slug="ilya-darchiashvili", kind="person", status=ActorStatus.CANDIDATE, name="إيليا دارشياشفيلي"
    )
    Alias.objects.create(actor=candidate, name="إيليا دارشياشفيلي")
    assert dictionary_version() == loaded
    assert find_actors("إيليا دارشياشفيلي") == []

    Actor.objects.filter(pk=candidate.pk).update(status=ActorStatus.ACTIVE)
    assert dictionary_version() != loaded
    assert [hit.actor.slug for hit in find_actors("إيليا دارشياشفيلي")] == ["ilya-darchiashvili"]

    assert changes(lambda: Actor.objects.filter(pk=candidate.pk).update(status=ActorStatus.REJECTED))
    assert find_actors("إيليا دارشياشفيلي") == []


def test_a_stamp_seen_in_a_rolled_back_transaction_is_never_given_again(loaded):
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    seen = []
    with pytest.raises(RuntimeError), transaction.atomic():
        Alias.objects.create(actor=lavrov, name="لافروفسكي")
        seen.append(dictionary_version())
        raise RuntimeError("the editor's request failed")
    assert dictionary_version() == loaded != seen[0]
    Alias.objects.create(actor=lavrov, name="لافروفسكي")  # the same change, committed this time
    assert dictionary_version() not in (loaded, seen[0])


def test_a_name_search_reads_only_the_stamp_until_an_actor_changes(loaded, django_assert_num_queries):
    assert find_actors("سيرغي لافروف")[0].actor.slug == "sergey-lavrov"
    with django_assert_num_queries(1):  # the stamp: the aliases and the actors are kept
        hit = find_actors("لافروف")[0]
    assert hit.actor.name != "سيرجي فيكتوروفيتش لافروف"
    Actor.objects.filter(slug="sergey-lavrov").update(name="سيرجي فيكتوروفيتش لافروف")
    assert find_actors("لافروف")[0].actor.name == "سيرجي فيكتوروفيتش لافروف"
    Actor.objects.filter(slug="sergey-lavrov").update(status=ActorStatus.REJECTED)
    assert all(hit.actor.slug != "sergey-lavrov" for hit in find_actors("لافروف"))
