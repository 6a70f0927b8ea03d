"""What the entry points set up before Django reads its settings.

The settings only read the environment. `prepare_environment` gives them what a
developer's machine lacks: a secret key generated once into `var/`, the folder static
files are collected into, and, when `DATABASE_URL` is unset, the embedded PostgreSQL
(started or reused) as `DATABASE_URL`. `manage.py`, `archive.wsgi`, `archive.asgi` and
the test run call it; importing the settings starts and writes nothing.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def var_dir() -> Path:
    """Local state (database, secret key, static files, backups): `ARCHIVE_VAR_DIR` or `var/`."""
    return Path(os.environ.get("ARCHIVE_VAR_DIR") or BASE_DIR / "var")


def prepare_environment() -> None:
    local = var_dir()
    (local / "staticfiles").mkdir(parents=True, exist_ok=True)
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = local_secret_key(local)
    if not os.environ.get("DATABASE_URL"):
        from archive import embedded_db

        os.environ["DATABASE_URL"] = embedded_db.start(local / "pgdata")


def local_secret_key(local: Path) -> str:
    """A random key generated once per checkout and kept in var/ (never in git)."""
    path = local / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
