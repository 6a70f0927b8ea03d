"""PostgreSQL connection strings and raw connections, for child processes and tools.

The settings read one `DATABASE_URL`; whoever starts another process (ingest workers,
gunicorn for the benchmark and the fault tests, backups) passes it on with
`database_url`, built from Django's connection settings so a test database is passed
on as itself.
"""

from __future__ import annotations

from urllib.parse import quote


def database_url(db: dict, name: str | None = None) -> str:
    """A DATABASE_URL from Django connection settings, for database `name` or `db`'s own.

    The embedded server's HOST is its socket folder, which goes percent-encoded in the
    host part (as dj-database-url reads it back)."""
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
