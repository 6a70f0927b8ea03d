"""Password guessing on the admin login is throttled (django-axes)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "Lachin-Corridor-2022!"


@pytest.fixture
def editor_account():
    return get_user_model().objects.create_user("layla", password=PASSWORD, is_staff=True)


def attempt(client, password):
    return client.post(LOGIN, {"username": "layla", "password": password, "next": "/admin/"})


def test_a_right_password_logs_in(client, editor_account):
    assert attempt(client, PASSWORD).status_code == 302


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor_account, settings):
    for guess in ["123456", "password", "قره باغ", "admin"]:
        assert attempt(client, guess).status_code == 200  # the form again, with an error
    assert attempt(client, "letmein").status_code == 429  # the fifth failure locks
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(client, editor_account):
    for guess in ["123456", "password"]:
        attempt(client, guess)
    assert attempt(client, PASSWORD).status_code == 302
