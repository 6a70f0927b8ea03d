"""An editor types one spelling; the archive records the forms it implies."""

import pytest

from articles.curation import add_actor
from articles.search import find_actors
from articles.tagging.aliases import arabic_surname, latin_forms

pytestmark = pytest.mark.django_db


def test_latin_forms_of_a_latin_name():
    assert latin_forms("Bashar al-Assad") == [
        ("al-Assad", True),
        ("Assad", True),
        ("Bashar Assad", False),
        ("Bashar al Assad", False),
    ]
    assert latin_forms("Abu Mohammad al-Julani")[0] == ("al-Julani", True)
    assert latin_forms("Hemedti") == []


def test_arabic_surname_keeps_its_particle():
    assert arabic_surname("عبد الفتاح البرهان") == "البرهان"
    assert arabic_surname("أحمد أبو الغيط") == "أبو الغيط"
    assert arabic_surname("حميدتي") == ""


def test_a_surname_and_latin_short_forms_find_the_person_added_with_one_spelling():
    burhan = add_actor("person", "عبد الفتاح البرهان", "Abdel Fattah al-Burhan")
    for query in ("البرهان", "Burhan", "al-Burhan", "Abdel Fattah Burhan", "Abdel Fattah al-Burhan"):
        assert [hit.actor for hit in find_actors(query)] == [burhan], query


def test_a_common_given_name_is_never_recorded_as_a_surname():
    abiy = add_actor("person", "آبي أحمد", "Abiy Ahmed")
    assert not abiy.aliases.filter(normalized="احمد").exists()
    assert abiy.aliases.filter(name="Ahmed", is_short=True).exists()  # Latin forms are safe


def test_a_surname_another_actor_bears_is_not_recorded():
    first = add_actor("person", "يوسف عزت", "Youssef Ezzat")
    second = add_actor("person", "خالد عزت", "Khaled Ezzat")
    assert first.aliases.filter(normalized="عزت").exists()
    assert not second.aliases.filter(normalized="عزت").exists()


def test_latin_search_finds_surnames_and_partial_names():
    assad = add_actor("person", "بشار الأسد", "Bashar al-Assad")
    abiy = add_actor("person", "آبي أحمد", "Abiy Ahmed")
    for query, actor in (("Assad", assad), ("al-Assad", assad), ("Bashar Assad", assad), ("Abiy", abiy)):
        assert [hit.actor for hit in find_actors(query)] == [actor], query
    assert find_actors("Abiy")[0].how == "partial"


def test_a_common_given_name_alone_finds_nobody_by_part():
    add_actor("person", "محمد حمدان دقلو", "Mohamed Hamdan Dagalo")
    assert find_actors("محمد") == []  # a given name thousands bear
    assert [hit.actor.name for hit in find_actors("دقلو")] == ["محمد حمدان دقلو"]


def test_a_dated_role_an_editor_gives_resolves_the_office_in_any_conflict(tagged):
    import datetime

    from articles.admin.actors import RoleForm
    from articles.models import Actor

    minister = add_actor("person", "ياسين إبراهيم", "Yassin Ibrahim")
    sudan = Actor.objects.get(code="SD")
    form = RoleForm(data={"role": "defence_minister", "country": sudan.pk, "start": "2022-01-01", "end": ""})
    assert ("defence_minister", "وزير الدفاع") in form.fields["role"].choices
    assert form.is_valid(), form.errors
    role = form.save(commit=False)
    role.actor = minister
    role.save()
    text = "وقال وزير الدفاع السوداني إن الجيش ملتزم بالهدنة."
    assert "yassin-ibrahim" in tagged(text, datetime.date(2023, 6, 1))["actors"]
    assert "yassin-ibrahim" not in tagged(text, datetime.date(2021, 6, 1))["actors"]  # before he held it
