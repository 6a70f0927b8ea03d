"""The database's floor under ingest: the rows a run of ingest wrote, written again by COPY alone.

`snapshot` copies the bench database as a template right after the migrations and the
dictionary, before ingest. After ingest, `measure` streams every row ingest added (each
table's rows past the snapshot's greatest key) from the bench database into the snapshot,
in one transaction, every index, constraint and trigger in place, and times it (the wall
clock, and the server backend's CPU where /proc shows it). No cleaning, tagging or Django takes part: it is what
the database alone needs to store those articles, so `cores / cost` bounds ingest on this
server whatever the application does. The search vectors arrive precomputed; what the
server spends computing them in the INSERT is timed apart.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from archive.databases import connect, on_server

SUFFIX = "_floor"


def written_tables() -> list[tuple[str, str]]:
    """(table, primary key column) of every table ingest writes rows into itself, the tables
    kept by triggers (the actor and venue pairs, the actor months, the relevance queue)
    left to the triggers; articles come before the mentions their triggers date."""
    from simple_history.models import HistoricalRecords

    from articles.models import Actor, Alias, Article, Event, EventParticipant, Mention, Source, Venue

    event_articles = Event.articles.through
    models = [
        Source,
        Actor,
        Actor.history.model,
        Venue,  # towns known by their Latin name only, learnt from the articles
        Venue.history.model,
        Alias,
        Alias.history.model,
        Article,
        Article.history.model,
        Event,
        Event.history.model,
        event_articles,
        HistoricalRecords.m2m_models[Event.articles.field],
        EventParticipant,
        EventParticipant.history.model,
        Mention,
        Mention.history.model,
    ]
    return [(model._meta.db_table, model._meta.pk.column) for model in models]


def snapshot(url: str) -> str:
    """A copy of the bench database as it stands (nothing may be connected to it); its URL."""
    name = url.rsplit("/", 1)[1]
    drop(f"{url}{SUFFIX}")
    on_server(url, f'CREATE DATABASE "{name}{SUFFIX}" TEMPLATE "{name}"')
    return f"{url}{SUFFIX}"


def drop(snapshot_url: str) -> None:
    on_server(snapshot_url, f'DROP DATABASE IF EXISTS "{snapshot_url.rsplit("/", 1)[1]}" WITH (FORCE)')


@dataclass
class Copied:
    table: str
    after: int  # the snapshot's greatest key: the rows past it are ingest's
    path: Path
    rows: int


def measure(url: str, snapshot_url: str, cores: int | None = None) -> dict:
    """Copy what ingest added to the bench database into its snapshot, timed (`drop` it after)."""
    source, target = connect(url), connect(snapshot_url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            copied = _copy_out(source, target, Path(folder))
            with target.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")  # as ingest's connections
                cursor.execute("SELECT pg_backend_pid()")
                backend = cursor.fetchone()[0]
                clock = _Clock(backend)
                for table in copied:
                    with table.path.open("rb") as stream:
                        cursor.copy_expert(f"COPY {table.table} FROM STDIN", stream)
            target.commit()  # the deferred foreign keys are checked here, as in ingest
            rows = clock.lap()
        articles = next(table for table in copied if table.table == "articles_article")
        with target.cursor() as cursor:
            cursor.execute(
                "SELECT sum(length(to_tsvector('simple', title || ' ' || body))) FROM articles_article"
                " WHERE id > %s",
                [articles.after],
            )
            vectors = clock.lap()
        target.rollback()
    finally:
        source.close()
        target.close()
    return _figures(
        articles.rows, sum(table.rows for table in copied), rows, vectors, cores or os.cpu_count() or 1
    )


def _copy_out(source, target, folder: Path) -> list[Copied]:
    """Each written table's rows past the snapshot's greatest key, in a file of COPY text."""
    copied = []
    for table, key in written_tables():
        with target.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max({key}), 0) FROM {table}")
            after = cursor.fetchone()[0]
        path = folder / f"{table}.copy"
        with source.cursor() as cursor, path.open("wb") as stream:
            query = cursor.mogrify(f"SELECT * FROM {table} WHERE {key} > %s ORDER BY {key}", [after]).decode()
            cursor.copy_expert(f"COPY ({query}) TO STDOUT", stream)
            copied.append(Copied(table, after, path, cursor.rowcount))
    source.rollback()
    return copied


class _Clock:
    """Wall time and the server backend's CPU time (from /proc, when the server runs on this
    machine) since the last lap."""

    def __init__(self, backend: int) -> None:
        self._stat = Path(f"/proc/{backend}/stat")
        self._wall, self._cpu = time.perf_counter(), self._cpu_seconds()

    def lap(self) -> tuple[float, float | None]:
        wall, cpu = time.perf_counter(), self._cpu_seconds()
        lap = (wall - self._wall, None if cpu is None or self._cpu is None else cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return lap

    def _cpu_seconds(self) -> float | None:
        try:
            fields = self._stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _figures(
    articles: int,
    rows: int,
    writing: tuple[float, float | None],
    vectors: tuple[float, float | None],
    cores: int,
) -> dict:
    """Per article by wall time: one backend working alone on an otherwise idle server, so
    about its CPU time, which is kept beside it (read in clock ticks, too coarse for a small run)."""
    per_article = (writing[0] + vectors[0]) / articles if articles else None
    return {
        "articles": articles,
        "rows": rows,
        "seconds": round(writing[0], 2),
        "cpu_seconds": None if writing[1] is None else round(writing[1], 2),
        "vector_seconds": round(vectors[0], 2),
        "vector_cpu_seconds": None if vectors[1] is None else round(vectors[1], 2),
        "write_ms": round(1000 * writing[0] / articles, 2) if articles else None,
        "vector_ms": round(1000 * vectors[0] / articles, 2) if articles else None,
        "cores": cores,
        "ceiling_per_second": round(cores / per_article) if per_article else None,
    }
