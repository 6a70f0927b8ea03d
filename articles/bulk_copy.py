"""PostgreSQL COPY for the rows ingest writes by the thousand: mentions and their history.

`bulk_create` turns each value into SQL through its field (about a third of ingest's
time went there for a batch's 700 mentions and their 700 history rows); COPY takes the
rows as tab-separated text. The values ingest writes are plain (numbers, text, booleans,
dates, null), so they are written as they are; any other type is refused rather than
guessed. Ids are drawn from the table's own sequence first, so that the history rows
can name their rows, as django-simple-history's `bulk_create_with_history` does.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model
from django.utils import timezone

_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def new_ids(model: type[Model], count: int) -> list[int]:
    """`count` ids drawn from the sequence of `model`'s primary key, in order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_with_history(objs: Sequence[Model]) -> None:
    """Insert unsaved instances of one model, and a "+" history record of each, with COPY.

    The instances get their ids, as after `bulk_create`."""
    if not objs:
        return
    model = type(objs[0])
    for obj, pk in zip(objs, new_ids(model, len(objs)), strict=True):
        obj.pk = pk
    fields = model._meta.concrete_fields
    _copy(model, [f.column for f in fields], ([getattr(obj, f.attname) for f in fields] for obj in objs))

    history = model.history.model
    recorded = {"history_date": timezone.now(), "history_type": "+"}  # user and reason: null
    history_fields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    own = {f.attname for f in fields}
    _copy(
        history,
        [f.column for f in history_fields],
        (
            [getattr(obj, f.attname) if f.attname in own else recorded.get(f.attname) for f in history_fields]
            for obj in objs
        ),
    )


def _copy(model: type[Model], columns: list[str], rows: Iterable[list]) -> None:
    text = "".join("\t".join(map(_text, row)) + "\n" for row in rows)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN", io.StringIO(text)
        )


def _text(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, datetime.date):  # datetimes too: aware ones carry their offset
        return value.isoformat()
    raise TypeError(f"no COPY text for {type(value).__name__} values")
