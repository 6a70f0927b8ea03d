"""Backup and restore of the whole database with pg_dump and pg_restore.

The binaries are the PostgreSQL 16 ones shipped in the `pgserver` wheel, for the embedded
server and for a DATABASE_URL server alike. The connection comes from Django's settings;
the password travels in the environment (PGPASSWORD), never on a command line.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def default_backup_path() -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"archive-{stamp}.dump"


def database_label() -> str:
    """The database as `name on host[:port]`, without user or password."""
    database = connection.settings_dict
    where = database.get("HOST") or "localhost"
    if database.get("PORT"):
        where += f":{database['PORT']}"
    return f"{database['NAME']!r} on {where}"


def backup(path: Path) -> int:
    """Dump the default database to `path` (custom format); return the file's size in bytes.

    The dump is written beside `path` first and renamed when complete, so a failed dump
    leaves no file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        _run("pg_dump", "--format=custom", f"--file={partial}")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def check_dump(path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as file:
        if file.read(len(DUMP_MAGIC)) != DUMP_MAGIC:
            raise BackupError(f"{path}: not a pg_dump custom-format file (made by `manage.py backup`)")


def restore(path: Path) -> None:
    """Replace the default database's contents with the dump at `path`, all or nothing."""
    check_dump(path)
    try:
        _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))
    except BackupError as error:
        raise BackupError(f"{error}\nNothing was restored; the database was left as it was.") from error


def _run(program: str, *arguments: str) -> None:
    command = [str(_binary(program)), *_connection_arguments(), "--no-password", *arguments]
    try:
        result = subprocess.run(command, env=_connection_environment(), capture_output=True, text=True)
    except OSError as error:
        raise BackupError(f"cannot run {program}: {error}") from error
    if result.returncode != 0:
        raise BackupError(f"{program} failed (exit status {result.returncode}): {result.stderr.strip()}")


def _binary(program: str) -> Path:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or spec.origin is None:
        raise BackupError(f"{program} not found: the pgserver package is not installed")
    return Path(spec.origin).parent / "pginstall" / "bin" / program


def _connection_arguments() -> list[str]:
    database = connection.settings_dict
    options = {
        "--host": database.get("HOST"),
        "--port": database.get("PORT"),
        "--username": database.get("USER"),
        "--dbname": database["NAME"],
    }
    return [f"{option}={value}" for option, value in options.items() if value]


def _connection_environment() -> dict[str, str]:
    """PGPASSWORD and the TLS, service and passfile settings, as `manage.py dbshell` passes them."""
    _arguments, environment = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    return {**os.environ, **(environment or {})}
