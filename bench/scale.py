"""Grow an ingested bench database to a size that ingest would take hours to reach.

The articles that came through the real ingest path (and their mentions and event
links) are copied `times - 1` more times in SQL, each copy with new ids, a new content
hash and its dates moved back by whole weeks, so the copies spread over the years the
way an archive does. Term and name frequencies grow in proportion, which is what the
query timings need; ingest throughput is measured before this step, never after.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from archive.databases import connect

WEEKS_OF_SPREAD = 150  # copy k is dated (k mod 150) weeks earlier: about three years
COPIED_TABLES = ["articles_article", "articles_mention", "articles_event_articles",
                 "articles_articleactor", "articles_articlevenue"]  # fmt: skip

ARTICLE_COLUMNS = [
    "title", "body", "raw", "raw_encoding", "raw_format", "date_precision", "date_origin", "source_id",
    "source_origin", "author", "origin", "origin_line", "minhash", "lsh_bands", "ingested_at", "search_vector",
    "removed_lines",
]  # fmt: skip
MENTION_COLUMNS = [
    "actor_id", "venue_id", "in_title", "start", '"end"', "matched_text", "confidence", "method",
    "is_event_place", "status", "reviewer_id", "reviewed_at",
]  # fmt: skip


def multiply(url: str, times: int, log=print) -> dict:
    """Copy the database's articles until it holds `times` as many; return the counts and time."""
    connection = connect(url)
    started = time.monotonic()
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT max(id), count(*) FROM articles_article")
        base_max, base_count = cursor.fetchone()
    with _secondary_indexes_rebuilt(connection, log) as timings:
        for copy in range(1, times):
            # One transaction a copy: a run stopped halfway keeps a consistent, smaller archive
            # (and its indexes, built again on the way out).
            with connection, connection.cursor() as cursor:
                _copy(cursor, copy, base_max)
                last = base_max * (copy + 1)
                cursor.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [last])
            if copy % 10 == 0 or copy == times - 1:
                log(f"scale: copy {copy}/{times - 1} done, {time.monotonic() - started:.0f} s")
        timings["copies_seconds"] = round(time.monotonic() - started, 1)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM articles_article")
        articles = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM articles_mention")
        mentions = cursor.fetchone()[0]
    connection.close()
    return {
        "ingested": base_count,
        "times": times,
        "articles": articles,
        "mentions": mentions,
        "seconds": round(time.monotonic() - started, 1),
        **timings,
    }


@contextmanager
def _secondary_indexes_rebuilt(connection, log):
    """Drop the copied tables' non-unique indexes; on the way out, build each one again."""
    with connection, connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND NOT i.indisunique ORDER BY 1
            """,
            [COPIED_TABLES],
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {name}")
    timings: dict = {}
    try:
        yield timings
    finally:
        started = time.monotonic()
        with connection, connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, definition in definitions:
                began = time.monotonic()
                cursor.execute(definition)
                log(f"scale: index {name} built in {time.monotonic() - began:.0f} s")
        timings["indexes_seconds"] = round(time.monotonic() - started, 1)


def _copy(cursor, copy: int, base_max: int) -> None:
    offset = copy * base_max
    columns = ", ".join(ARTICLE_COLUMNS)
    cursor.execute(
        f"""
        INSERT INTO articles_article (id, published, content_hash, copy_of_id, {columns})
        SELECT id + %(offset)s, published - 7 * (%(copy)s %% {WEEKS_OF_SPREAD}),
               encode(sha256(convert_to(content_hash || ':' || (id + %(offset)s), 'UTF8')), 'hex'),
               copy_of_id + %(offset)s, {columns}
        FROM articles_article WHERE id <= %(base)s
        """,
        {"offset": offset, "copy": copy, "base": base_max},
    )
    columns = ", ".join(MENTION_COLUMNS)
    cursor.execute(
        f"""
        INSERT INTO articles_mention (article_id, {columns})
        SELECT article_id + %(offset)s, {columns} FROM articles_mention WHERE article_id <= %(base)s
        """,
        {"offset": offset, "base": base_max},
    )
    cursor.execute(
        """
        INSERT INTO articles_event_articles (event_id, article_id)
        SELECT event_id, article_id + %(offset)s FROM articles_event_articles WHERE article_id <= %(base)s
        """,
        {"offset": offset, "base": base_max},
    )
