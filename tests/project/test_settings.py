"""Settings read from the environment fail loudly on malformed values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import env_bool, env_int, env_list
from tests.support.servers import ROOT


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


def import_settings(var: Path, **env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh process with only `env` as the archive's variables."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update(ARCHIVE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="archive.settings", **env)
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_importing_the_settings_starts_and_writes_nothing(tmp_path):
    var = tmp_path / "var"
    result = import_settings(var, DATABASE_URL="postgres://archive@db.example/archive", SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "archive"
    assert not var.exists()  # no secret key, no static folder, no embedded server
    assert "Embedded PostgreSQL" not in result.stderr


def test_settings_without_a_database_url_name_it_and_the_entry_points(tmp_path):
    result = import_settings(tmp_path / "var", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "DATABASE_URL is unset" in result.stderr and "manage.py" in result.stderr
    assert not (tmp_path / "var").exists()
