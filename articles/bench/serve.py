"""Run the archive in child processes (gunicorn, management commands), for load runs and fault tests."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent.parent


def database_url(db: dict, name: str | None = None) -> str:
    """A DATABASE_URL for child processes from Django connection settings: the embedded
    server's HOST is its socket folder, which goes percent-encoded in the host part."""
    host = db.get("HOST") or "127.0.0.1"
    host_part = quote(host, safe="") if host.startswith("/") else host
    port = f":{db['PORT']}" if db.get("PORT") and not host.startswith("/") else ""
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{db.get('USER') or 'postgres'}{password}@{host_part}{port}/{name or db['NAME']}"


def connect(url: str, dbname: str | None = None):
    """A psycopg2 connection to the server of `url`, to its database or to `dbname`."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    return psycopg2.connect(
        dbname=dbname or config["NAME"], user=config["USER"], host=config["HOST"] or None,
        port=config["PORT"] or None, password=config["PASSWORD"] or None,
    )  # fmt: skip


def on_server(url: str, *statements: str) -> None:
    """Run statements that no transaction may hold (CREATE / DROP DATABASE) on the server of `url`."""
    connection = connect(url, dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 2, timeout: float = 30
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve `archive.wsgi` on a free local port; yield its base URL and the process."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "archive.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"gunicorn did not start: {server.stderr.read().decode()[-2000:]}"
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def load(base: str, paths: list[str], seconds: float, concurrency: int) -> dict:
    """Load `base` from a second process (`articles.bench.load`) and return its figures."""
    result = subprocess.run(
        [sys.executable, "-m", "articles.bench.load", base, *paths, "--seconds", str(seconds),
         "--concurrency", str(concurrency)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)
