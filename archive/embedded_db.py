"""The embedded PostgreSQL server used when DATABASE_URL is unset.

`pgserver` ships PostgreSQL 16 binaries in a pip wheel. We start it once under
`var/pgdata` (git-ignored), listening on a Unix socket only, and leave it
running after the process exits so the next command reuses it in a fraction
of a second. `make stop-db` stops it.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

DATABASE_NAME = "archive"


def start(data_dir: Path) -> dict[str, str]:
    """Start (or reuse) the server in `data_dir`; return Django connection settings."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here.
        warnings.simplefilter("ignore")
        import pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    _ensure_database(socket_dir)
    print(f"Embedded PostgreSQL 16: data in {data_dir}, socket in {socket_dir}", file=sys.stderr)
    return {"NAME": DATABASE_NAME, "USER": "postgres", "HOST": socket_dir, "PORT": str(info.port or "")}


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
