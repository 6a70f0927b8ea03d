"""`ingest --jobs N`: worker processes prepare and store the items this process reads.

The parent reads the inputs (files, folders, JSON lines, standard input, feeds) and
hands the items out in batches, a few batches per worker ahead at most, so memory stays
constant for any input. Each worker is a fresh interpreter ('spawn') with its own
Django set-up and database connection, and stores each batch as one process does
(`ingest_batch`: one transaction per batch, each article alone if the batch fails).
Outcomes come back in input order, so the report reads as it does with one process.

Exact duplicates between workers are caught by the database (`content_hash` is
unique; `store` turns the collision into a duplicate). Copies of one story stored at
the same instant are linked too: `store` takes an advisory lock per LSH band.

This module is imported by the workers before Django is set up: nothing here may
import the models at module level.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from archive.databases import database_url
from articles.ingest.readers import BATCH, Item, batches

if TYPE_CHECKING:
    from articles.ingest.store import Outcome, Run

AHEAD = 2  # batches handed out per worker: one in work, one waiting

_run: Run | None = None  # a worker's own run: its caches last as long as the worker


def outcomes(items: Iterable[Item], jobs: int, batch_size: int = BATCH) -> Iterator[Outcome]:
    """The outcome of each item, in input order, computed by `jobs` worker processes."""
    from django.db import connection

    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(dict(connection.settings_dict),),
    )
    try:
        unsent = batches(items, batch_size)
        pending = deque(pool.submit(_ingest_batch, batch) for batch in islice(unsent, AHEAD * jobs))
        while pending:
            done = pending.popleft().result()
            pending.extend(pool.submit(_ingest_batch, batch) for batch in islice(unsent, 1))
            yield from done
    finally:
        pool.shutdown(cancel_futures=True)


def _start_worker(database: dict) -> None:
    """Set up Django in a fresh worker, connected to the parent's database (a test database too)."""
    import django

    # The settings need DATABASE_URL: the parent's prepared environment passes it on.
    os.environ.setdefault("DATABASE_URL", database_url(database))
    django.setup()
    from django.db import connection

    connection.settings_dict.update(database)
    from articles.ingest.store import Run, commit_without_waiting

    global _run
    commit_without_waiting()
    _run = Run()
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    """A worker holds both ends of its task queue, so it would wait forever for work if its
    parent were killed: it ends too (the database rolls back an article in progress)."""
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(1)


def _ingest_batch(batch: list[Item]) -> list[Outcome]:
    from articles.ingest.store import ingest_batch

    return ingest_batch(batch, _run)
