"""Editors, reviewers and readers logged in to the admin, and a few tagged articles."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.groups import setup_groups
from articles.models import Article
from tests.samples import MOSCOW_TRUCE_PAGE, SOCHI_SUMMIT_TEXT


@pytest.fixture
def groups(db):
    setup_groups()


def _login(client, username, group):
    user = get_user_model().objects.create_user(username, password="not-used-here", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(client, groups):
    return _login(client, "editor", "editors")


@pytest.fixture
def reviewer(client, groups):
    return _login(client, "reviewer", "reviewers")


@pytest.fixture
def reader(client, groups):
    return _login(client, "reader", "readers")


@pytest.fixture
def articles(ingest, write):
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE), write("sochi.txt", SOCHI_SUMMIT_TEXT))
    return {a.origin.removesuffix(".txt"): a for a in Article.objects.all()}
