"""The embedded PostgreSQL server used when DATABASE_URL is unset.

`pgserver` ships PostgreSQL 16 binaries in a pip wheel. We start it once under
`var/pgdata` (git-ignored), listening on a Unix socket only, and leave it running after
the process exits so the next command reuses it in a fraction of a second.
`make stop-db` (`python -m archive.embedded_db stop`) stops it; the data stays.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

from archive.databases import database_url

DATABASE_NAME = "archive"


def _pgserver():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here.
        warnings.simplefilter("ignore")
        import pgserver

    return pgserver


def start(data_dir: Path) -> str:
    """Start (or reuse) the server in `data_dir`; return the DATABASE_URL of its archive database."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = _pgserver().get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    _ensure_database(socket_dir)
    print(f"Embedded PostgreSQL 16: data in {data_dir}, socket in {socket_dir}", file=sys.stderr)
    return database_url({"NAME": DATABASE_NAME, "USER": "postgres", "HOST": socket_dir})


def stop(data_dir: Path) -> bool:
    """Stop the server of `data_dir` if it runs (fast shutdown: open sessions are closed).

    pgserver stops a server only when the last process that asked for it lets go, and it
    counts every process that ever did, killed ones included; so we ask `pg_ctl` itself,
    then forget those processes. Returns whether a server was running."""
    if not (data_dir / "postmaster.pid").exists():
        return False
    from pgserver._commands import pg_ctl
    from pgserver.postgres_server import PostgresServer

    with PostgresServer._lock:
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=_system_user())
            stopped = True
        except subprocess.CalledProcessError:
            if (data_dir / "postmaster.pid").exists() and _postmaster_alive(data_dir):
                raise
            stopped = False  # the pid file was stale: nothing ran
        (data_dir / ".handle_pids.json").unlink(missing_ok=True)
    return stopped


def _system_user() -> str | None:
    """pgserver runs PostgreSQL as its own `pgserver` user when we are root."""
    return "pgserver" if os.geteuid() == 0 else None


def _postmaster_alive(data_dir: Path) -> bool:
    try:
        os.kill(int((data_dir / "postmaster.pid").read_text().split()[0]), 0)
    except (ProcessLookupError, ValueError, IndexError, FileNotFoundError):
        return False
    except PermissionError:  # alive, under the pgserver user
        return True
    return True


def _ensure_database(socket_dir: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()


if __name__ == "__main__":
    from archive.startup import var_dir

    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m archive.embedded_db stop")
    data = var_dir() / "pgdata"
    print(f"Embedded PostgreSQL in {data}: {'stopped' if stop(data) else 'was not running'}")
