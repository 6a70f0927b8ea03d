"""Read replicas: which database each query goes to.

Writes and migrations always go to `default`, the primary. Reads go to the database in
`read_alias`, a context variable that is `default` unless someone chose otherwise:
`articles.middleware.ReadReplicaMiddleware` points it at one replica for an anonymous
GET of a public page, and nothing else ever does. Editors, every POST, a browser pinned
after its own write, management commands, shells and tests all read from the primary,
so a replica's lag shows only to readers who cannot tell.

Replicas are the `replica1`, `replica2`… aliases that DATABASE_REPLICA_URLS adds in
`archive/settings.py`. They hold the same data as the primary, so relations between
objects read from any of them are allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA_PREFIX = "replica"

read_alias: ContextVar[str] = ContextVar("read_alias", default=DEFAULT_DB_ALIAS)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def reading_from(alias: str) -> Iterator[None]:
    """Send the reads made inside the block (in this thread or task) to `alias`."""
    token = read_alias.set(alias)
    try:
        yield
    finally:
        read_alias.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return read_alias.get()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
