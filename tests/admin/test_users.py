"""Creating logins in a group from the command line, with the password kept out of sight."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

PASSWORD = "قره-باغ-2023-Negotiations"


def create(monkeypatch, *args, password=PASSWORD):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("create_user", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_it_creates_a_staff_user_in_the_group(monkeypatch):
    output = create(monkeypatch, "layla", "--group", "reviewers")
    user = get_user_model().objects.get(username="layla")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["reviewers"]
    assert user.check_password(PASSWORD)
    assert PASSWORD not in output


def test_it_refuses_a_weak_password_and_an_existing_user(monkeypatch):
    with pytest.raises(CommandError, match="password refused"):
        create(monkeypatch, "omar", "--group", "editors", password="123")
    create(monkeypatch, "omar", "--group", "editors")
    with pytest.raises(CommandError, match="already exists"):
        create(monkeypatch, "omar", "--group", "readers")


def test_groups_are_created_idempotently():
    out = io.StringIO()
    call_command("setup_groups", stdout=out)
    call_command("setup_groups", stdout=out)
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"editors", "reviewers", "readers"}
    assert Group.objects.get(name="reviewers").permissions.filter(codename="review_mention").exists()
    assert not Group.objects.get(name="reviewers").permissions.filter(codename="merge_actor").exists()
