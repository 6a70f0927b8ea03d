"""Settings read from the environment fail loudly on malformed values."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import env_bool, env_int, env_list


def test_it_reads_booleans_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be a boolean"):
        env_bool("FLAG", False)


def test_it_reads_integers_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("SIZE", "12")
    assert env_int("SIZE", 0) == 12
    monkeypatch.setenv("SIZE", "12MB")
    with pytest.raises(ImproperlyConfigured, match="SIZE must be an integer"):
        env_int("SIZE", 0)


def test_it_splits_lists_and_keeps_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("HOSTS", raising=False)
    assert env_list("HOSTS", ["a"]) == ["a"]
    monkeypatch.setenv("HOSTS", "archive.example, ,www.archive.example")
    assert env_list("HOSTS", []) == ["archive.example", "www.archive.example"]


def test_tests_run_on_postgresql(settings):
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
