"""Read replicas, for real: a PostgreSQL 16 primary and a streaming replica of it (the
`pgserver` binaries), the archive migrated on the primary and served by gunicorn with
DATABASE_REPLICA_URLS naming the replica.

Which server answered is proved with the replica's replay paused
(`pg_wal_replay_pause()`): a change made on the primary then exists only there, so a
page showing it was read from the primary and a page not showing it from the replica.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg2
import pytest
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from archive.databases import database_url
from archive.routers import ReplicaRouter, read_alias, reading_from
from articles.middleware import ReadReplicaMiddleware
from articles.models import Article
from tests.conftest import DEMO_CORPUS
from tests.support.servers import ROOT, gunicorn

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here
    import pgserver
    from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

POSTGRES_BIN = pgserver._commands.POSTGRES_BIN_PATH

PIN_SECONDS = 7
PIN = ReadReplicaMiddleware.PIN_COOKIE


# Settings, the router and the middleware's choices (this process has no replica)


def databases_with(tmp_path: Path, replica_urls: str) -> subprocess.CompletedProcess:
    """DATABASES as the settings build them from the environment, in a fresh process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DATABASE_URL="postgres://archive@primary.example/archive",
        DATABASE_REPLICA_URLS=replica_urls,
        DATABASE_STATEMENT_TIMEOUT="1500",
        ARCHIVE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="archive.settings",
    )
    code = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_each_replica_url_adds_an_alias_connected_as_default_is(tmp_path):
    result = databases_with(
        tmp_path, "postgres://reader@r1/archive, postgres://r2:5433/archive?sslmode=require"
    )
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout)
    assert list(databases) == ["default", "replica1", "replica2"]
    assert (databases["replica1"]["HOST"], databases["replica2"]["PORT"]) == ("r1", 5433)
    assert databases["replica2"]["OPTIONS"]["sslmode"] == "require"
    for alias in ("replica1", "replica2"):
        replica = databases[alias]
        assert replica["CONN_HEALTH_CHECKS"] is True
        assert replica["CONN_MAX_AGE"] == databases["default"]["CONN_MAX_AGE"]
        assert replica["OPTIONS"]["options"] == "-c statement_timeout=1500"
        # No test database of its own on a read-only standby: tests read default's through it.
        assert replica["TEST"] == {"MIRROR": "default"}


def test_a_replica_that_is_not_postgresql_stops_start_up(tmp_path):
    result = databases_with(tmp_path, "mysql://reader@r1/archive")
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS must list PostgreSQL servers" in result.stderr


def test_without_replicas_everything_uses_the_one_database():
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"
    with pytest.raises(MiddlewareNotUsed):
        ReadReplicaMiddleware(lambda request: HttpResponse())


def test_the_router_reads_where_it_is_told_and_writes_and_migrates_on_the_primary():
    router = ReplicaRouter()
    with reading_from("replica2"):
        assert router.db_for_read(Article) == "replica2"
        assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica1", "articles")


@pytest.fixture
def middleware(monkeypatch, settings):
    """The middleware over a view that records where it would read; one replica configured."""
    monkeypatch.setattr("articles.middleware.replica_aliases", lambda: ["replica1"])
    settings.DATABASE_REPLICA_PIN_SECONDS = PIN_SECONDS
    seen = []

    def view(request):
        seen.append(read_alias.get())
        return HttpResponse()

    return ReadReplicaMiddleware(view), seen


def test_only_anonymous_reads_go_to_a_replica(middleware):
    run, seen = middleware
    factory = RequestFactory()
    now = int(time.time())
    requests = {
        "anonymous GET": (factory.get("/"), "replica1"),
        "POST": (factory.post("/admin/login/"), "default"),
        "logged in": (factory.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"), "default"),
        "pinned": (factory.get("/", HTTP_COOKIE=f"{PIN}={now + 5}"), "default"),
        "pin run out": (factory.get("/", HTTP_COOKIE=f"{PIN}={now - 1}"), "replica1"),
        "pin garbled": (factory.get("/", HTTP_COOKIE=f"{PIN}=soon"), "replica1"),
    }
    for name, (request, expected) in requests.items():
        run(request)
        assert seen.pop() == expected, name
    assert read_alias.get() == "default"  # nothing leaks out of a request


def test_an_unsafe_request_pins_its_browser_to_the_primary(middleware):
    run, _ = middleware
    factory = RequestFactory()
    assert PIN not in run(factory.get("/")).cookies
    cookie = run(factory.post("/admin/")).cookies[PIN]
    assert cookie["max-age"] == PIN_SECONDS
    assert 0 < int(cookie.value) - time.time() <= PIN_SECONDS


def test_a_streamed_answer_reads_where_its_request_did(middleware):
    run = ReadReplicaMiddleware(lambda request: StreamingHttpResponse(read_alias.get() for _ in range(2)))
    response = run(RequestFactory().get("/api/articles.csv"))
    assert read_alias.get() == "default"
    assert b"".join(response.streaming_content) == b"replica1replica1"


# A real primary and a real streaming replica


@dataclass
class Server:
    """One PostgreSQL server under `base`: its data, its socket folder (no TCP) and its log."""

    base: Path
    name: str
    user: str | None  # the system user it runs as

    @property
    def data(self) -> Path:
        return self.base / self.name

    @property
    def socket(self) -> Path:
        # Not in the data folder, which pg_basebackup copies, socket lock file included.
        return self.base / f"{self.name}-socket"

    @property
    def log(self) -> Path:
        return self.base / f"{self.name}.log"

    def connect(self, database: str = "archive"):
        connection = psycopg2.connect(dbname=database, user="postgres", host=str(self.socket))
        connection.autocommit = True
        return connection

    def one(self, sql: str, params=(), database: str = "archive"):
        """The first column of the first row `sql` returns."""
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def execute(self, sql: str, params=(), database: str = "archive") -> None:
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        finally:
            connection.close()

    def url(self) -> str:
        return database_url({"HOST": str(self.socket), "USER": "postgres", "NAME": "archive"})

    def start(self) -> None:
        self.socket.mkdir()
        if self.user:
            shutil.chown(self.socket, self.user, self.user)
        options = ["-o", '-h ""', "-o", f"-k {self.socket}", "-l", str(self.log)]
        try:
            pgserver.pg_ctl(
                ["-w", "-t", "30", *options, "start"], pgdata=self.data, user=self.user, timeout=40
            )
        except subprocess.SubprocessError:
            pytest.fail(f"PostgreSQL did not start in {self.data}:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        try:
            pgserver.pg_ctl(
                ["-w", "-t", "20", "-m", "fast", "stop"], pgdata=self.data, user=self.user, timeout=30
            )
        except (subprocess.SubprocessError, OSError):
            pid_file = self.data / "postmaster.pid"
            if pid_file.exists():
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)


@dataclass
class Cluster:
    primary: Server
    replica: Server


def server_user() -> str | None:
    """PostgreSQL refuses to run as root: then, as pgserver does, run it as its own user."""
    if os.geteuid() != 0:
        return None
    ensure_user_exists("pgserver")
    ensure_prefix_permissions(POSTGRES_BIN)
    ensure_folder_permissions(POSTGRES_BIN, 0o555)
    ensure_folder_permissions(POSTGRES_BIN.parent / "lib", 0o444)
    return "pgserver"


def wait_for(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting: {what}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    user = server_user()
    # Sockets in a short folder under /tmp: their paths are limited to 107 bytes.
    base = Path(tempfile.mkdtemp(prefix="replicas-", dir="/tmp"))
    if user:
        shutil.chown(base, user, user)
    primary, replica = Server(base, "primary", user), Server(base, "replica", user)
    started = []
    try:
        pgserver.initdb(
            ["--auth=trust", "--encoding=utf8", "-U", "postgres", "--no-sync"], pgdata=primary.data, user=user
        )
        with (primary.data / "postgresql.conf").open("a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 4\nfsync = off\n")
        with (primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("local replication all trust\n")
        primary.start()
        started.append(primary)
        primary.execute("CREATE DATABASE archive", database="postgres")

        # A copy of the primary that follows it (-R: standby.signal and primary_conninfo).
        copy = ["-h", str(primary.socket), "-U", "postgres", "-D", str(replica.data), "-R", "-X", "stream"]
        pgserver.pg_basebackup([*copy, "-c", "fast", "--no-sync"], user=user, timeout=60)
        replica.start()
        started.append(replica)
        assert replica.one("SELECT pg_is_in_recovery()") is True
        wait_for(
            lambda: replica.one("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'") == 1,
            "the replica to stream from the primary",
        )
        yield Cluster(primary, replica)
    finally:
        for server in reversed(started):
            server.stop()
        shutil.rmtree(base, ignore_errors=True)


def wait_until_replayed(cluster: Cluster) -> None:
    position = cluster.primary.one("SELECT pg_current_wal_lsn()::text")
    wait_for(
        lambda: cluster.replica.one("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position]),
        "the replica to replay the primary's changes",
    )


@contextmanager
def replay_paused(cluster: Cluster) -> Iterator[None]:
    """The replica keeps receiving the primary's changes but applies none until the end."""
    cluster.replica.execute("SELECT pg_wal_replay_pause()")
    try:
        wait_for(lambda: cluster.replica.one("SELECT pg_get_wal_replay_pause_state()") == "paused", "pause")
        yield
    finally:
        cluster.replica.execute("SELECT pg_wal_replay_resume()")
    wait_until_replayed(cluster)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@dataclass
class Site:
    base: str
    env: dict[str, str]
    article: int
    source: int


@pytest.fixture(scope="module")
def site(cluster, tmp_path_factory) -> Iterator[Site]:
    """The archive migrated on the primary, one article in it, served by gunicorn with the replica."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DATABASE_URL=cluster.primary.url(),
        DATABASE_REPLICA_URLS=cluster.replica.url(),
        DATABASE_REPLICA_PIN_SECONDS=str(PIN_SECONDS),
        DATABASE_STATEMENT_TIMEOUT="20000",
        ARCHIVE_VAR_DIR=str(tmp_path_factory.mktemp("var")),
        DEBUG="1",  # plain-HTTP cookies: the session cookie is Secure when DEBUG is off
        ALLOWED_HOSTS="127.0.0.1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "ingest", "--source", "وكالة الأنباء الأولى", str(DEMO_CORPUS / "2020-09-27-war-erupts.txt"))
    article = cluster.primary.one("SELECT id FROM articles_article")
    source = cluster.primary.one("SELECT source_id FROM articles_article")
    wait_until_replayed(cluster)
    with gunicorn(env, workers=2) as (base, _server):
        yield Site(base, env, article, source)


@dataclass
class Answer:
    status: int
    body: str
    headers: Message

    def json(self) -> dict:
        assert self.status == 200, (self.status, self.body[:500])
        return json.loads(self.body)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, cookies: dict[str, str] | None = None, form: dict[str, str] | None = None) -> Answer:
    request = urllib.request.Request(url, data=urlencode(form).encode() if form else None)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=30) as response:
            return Answer(response.status, response.read().decode(), response.headers)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(), error.headers)


class Browser:
    """Keeps the cookies the site sets, as a browser does."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def fetch(self, path: str, form: dict[str, str] | None = None) -> Answer:
        answer = fetch(self.base + path, self.cookies, form)
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def submit(self, path: str, fields: dict[str, str]) -> Answer:
        """Post the form on the page at `path`, with its CSRF token."""
        page = self.fetch(path)
        assert page.status == 200, (path, page.status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        return self.fetch(path, {"csrfmiddlewaretoken": token, **fields})


def article(site: Site, cookies: dict[str, str] | None = None) -> dict:
    """The article as the public API shows it to a browser sending `cookies`."""
    return fetch(f"{site.base}/api/articles/{site.article}/", cookies).json()


def test_anonymous_pages_are_read_from_the_replica(site, cluster):
    title = cluster.primary.one("SELECT title FROM articles_article WHERE id = %s", [site.article])
    changed = f"{title} [primary-only]"
    with replay_paused(cluster):
        cluster.primary.execute(
            "UPDATE articles_article SET title = %s WHERE id = %s", [changed, site.article]
        )
        assert (
            cluster.replica.one("SELECT title FROM articles_article WHERE id = %s", [site.article]) == title
        )

        for _ in range(4):  # both gunicorn workers, whichever answers
            assert article(site)["title"] == title
        page = fetch(f"{site.base}/articles/{site.article}/")
        assert page.status == 200 and title in page.body and "[primary-only]" not in page.body
        csv = fetch(f"{site.base}/api/articles.csv")  # streamed: its rows are read while it is sent
        assert csv.status == 200 and title in csv.body and "[primary-only]" not in csv.body

    # Replay resumed and caught up: the same anonymous reads now see the change.
    assert article(site)["title"] == changed
    assert "[primary-only]" in fetch(f"{site.base}/api/articles.csv").body


def test_an_editor_reads_their_own_write_at_once_while_the_replica_lags(site, cluster):
    password = secrets.token_urlsafe(16)
    editor = Browser(site.base)
    before, after = article(site)["source"], "وكالة بعد التحرير"
    with replay_paused(cluster):
        # Created on the primary only: logging in works only if the login reads from it.
        manage({**site.env, "DJANGO_SUPERUSER_PASSWORD": password},
               "createsuperuser", "--noinput", "--username", "layla", "--email", "layla@example.org")  # fmt: skip
        login = editor.submit("/admin/login/?next=/admin/", {"username": "layla", "password": password})
        assert (login.status, login.headers["Location"]) == (302, "/admin/"), login.body[:2000]
        assert "/admin/logout/" in editor.fetch("/admin/").body

        slug = cluster.primary.one("SELECT slug FROM articles_source WHERE id = %s", [site.source])
        saved = editor.submit(
            f"/admin/articles/source/{site.source}/change/", {"name": after, "slug": slug, "_save": "1"}
        )
        assert saved.status == 302, saved.body[:2000]
        assert cluster.replica.one("SELECT name FROM articles_source WHERE id = %s", [site.source]) == before

        # The editor's very next reads, public API and admin alike, show the change.
        assert article(site, editor.cookies)["source"] == after
        assert after in editor.fetch("/admin/articles/source/").body
        # Either cookie alone sends reads to the primary: the session (logged in), or the pin
        # the POST set (any browser that has just written, logged in or not).
        session = {settings.SESSION_COOKIE_NAME: editor.cookies[settings.SESSION_COOKIE_NAME]}
        assert article(site, session)["source"] == after
        assert article(site, {PIN: editor.cookies[PIN]})["source"] == after
        # Everyone else, and a pin that has run out, read the lagging replica.
        assert article(site)["source"] == before
        assert article(site, {PIN: str(int(time.time()) - 1)})["source"] == before

    assert article(site)["source"] == after
