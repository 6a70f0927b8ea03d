"""Production settings pass Django's deployment checklist; a bad setting stops start-up."""

import os
import subprocess
import sys

from tests.support.servers import ROOT


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "STATIC_STORAGE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="a-long-random-production-secret-" + "x" * 40, ALLOWED_HOSTS="archive.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_setting_stops_start_up_naming_it():
    result = run_manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_only_postgresql_is_accepted():
    result = run_manage("check", DATABASE_URL="sqlite:///tmp/archive.sqlite3")
    assert result.returncode != 0
    assert "DATABASE_URL must point to a PostgreSQL server" in result.stderr
