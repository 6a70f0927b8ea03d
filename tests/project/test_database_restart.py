"""The database restarting under a running site: 503 pages while it is down, and the
site serves again on its own once it is back. For real: gunicorn in front of an
embedded PostgreSQL of the test's own, shut down by signal and started again by the
project's own start-up path."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.servers import ROOT, gunicorn

PAGES = ["/", "/api/actors/?q=" + quote("لافروف"), "/actors/sergey-lavrov/"]


def get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def manage(env: dict, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


def stop_server(data_dir: Path) -> None:
    """Fast shutdown (SIGINT to the postmaster), as `pg_ctl stop -m fast` does."""
    pid = int((data_dir / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 30
    while (data_dir / "postmaster.pid").exists():
        assert time.monotonic() < deadline, "PostgreSQL did not stop"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated archive with the dictionary, on an embedded server under a temporary var/."""
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(ARCHIVE_VAR_DIR=str(var), DEBUG="0", SECURE_SSL_REDIRECT="0", ALLOWED_HOSTS="127.0.0.1",
               STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage", CONN_MAX_AGE="600")  # fmt: skip
    manage(env, "migrate", "--noinput")
    manage(env, "load_dictionary")
    with gunicorn(env, workers=2) as (base, _server):
        yield base, env, var / "pgdata"
    if (var / "pgdata" / "postmaster.pid").exists():
        stop_server(var / "pgdata")


def test_pages_answer_503_while_the_database_is_down_and_recover_when_it_is_back(site):
    base, env, data_dir = site
    for path in PAGES:
        assert get(base + path)[0] == 200, path

    stop_server(data_dir)
    for path in PAGES:
        status, body, headers = get(base + path)
        assert status == 503, path
        assert "قاعدة" in body or "unavailable" in body, body[:500]
        assert headers.get("Retry-After") == "30"

    manage(env, "check")  # the project's own start-up starts the embedded server again
    for path in PAGES:  # the very first request after the restart: no manual reconnect
        status, body, _ = get(base + path)
        assert status == 200, (path, body[:500])
    assert "لافروف" in get(base + "/actors/sergey-lavrov/")[1]
