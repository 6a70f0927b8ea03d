"""Pages of long lists that cost the same at the first page and the five-thousandth.

- Counts stop at COUNT_CAP: an exact COUNT(*) over a million matches costs more than the
  page itself, and "more than 10,000" is all a reader needs. `CappedPaginator` counts at
  most COUNT_CAP + 1 rows and says when it stopped (`count_capped`).
- Keyset cursors: a list in newest-first order continues after the last row it showed
  (`after=2021-03-04.1234`, the row's date and id) instead of skipping OFFSET rows, so
  the next page is an index range scan wherever it starts. Undated rows come last.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1_000
CURSOR = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2}|none)\.(?P<id>\d{1,18})")


class CappedPaginator(Paginator):
    @cached_property
    def counted(self) -> tuple[int, bool]:
        return capped_count(self.object_list)

    @property
    def count(self) -> int:
        return self.counted[0]

    @property
    def count_capped(self) -> bool:
        return self.counted[1]


def capped_count(queryset: QuerySet) -> tuple[int, bool]:
    """(the number of rows up to COUNT_CAP, whether there are more): counts at most COUNT_CAP + 1 rows.

    With sequential scans off for this one statement: when matches look common, PostgreSQL
    reads the table from its start and stops at the cap, and it prices full-text matching
    on each row it reads far below its cost (the vector is fetched from TOAST): a common
    two-word query counts ten times faster through the GIN index (docs/performance-notes.md)."""
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # undone by a rollback too: SET is transactional
        try:
            counted = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
        finally:
            cursor.execute("RESET enable_seqscan")
    return min(counted, COUNT_CAP), counted > COUNT_CAP


@dataclass(frozen=True)
class Cursor:
    day: datetime.date | None
    id: int

    def __str__(self) -> str:
        return f"{self.day.isoformat() if self.day else 'none'}.{self.id}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """`2021-03-04.1234` or `none.1234`; ValueError for anything else."""
        match = CURSOR.fullmatch(text)
        if match is None:
            raise ValueError("not a cursor: expected DATE.ID as in a `next` link")
        day = None if match["day"] == "none" else datetime.date.fromisoformat(match["day"])
        return cls(day, int(match["id"]))


@dataclass
class KeysetPage:
    rows: list
    next_cursor: Cursor | None  # None too when the list has no key
    more: bool  # whether rows follow this page


def offset_page(queryset: QuerySet, key: str | None, offset: int, size: int) -> KeysetPage:
    """A numbered page (within the first COUNT_CAP rows); it too continues by cursor.

    The rows skipped are read as ids alone, then the page's rows by id: PostgreSQL computes
    a row's whole select list before OFFSET drops it, the named arrays of `for_lists()`
    included, so deep pages would pay for every row they skip (docs/performance-notes.md)."""
    ids = list(queryset.values_list("id", flat=True)[offset : offset + size + 1])
    found = queryset.order_by().in_bulk(ids)
    return _page([found[pk] for pk in ids if pk in found], key, size)


def keyset_page(queryset: QuerySet, key: str | None, cursor: Cursor | None, size: int) -> KeysetPage:
    """`size` rows of `queryset` after `cursor`. The queryset is ordered by `key` (a date
    field or annotation, which each row carries) DESC NULLS LAST, then id DESC; without a
    key there is no cursor, and this is the first page."""
    if cursor is None:
        rows = list(queryset[: size + 1])
    elif cursor.day is None:
        rows = list(queryset.filter(**{f"{key}__isnull": True, "id__lt": cursor.id})[: size + 1])
    else:
        # "(day, id) < cursor", with `day <= cursor day` alone as the index range's start:
        # only the rows of the cursor's own day are filtered one by one.
        after = Q(**{f"{key}__lt": cursor.day}) | Q(**{key: cursor.day, "id__lt": cursor.id})
        rows = list(queryset.filter(Q(**{f"{key}__lte": cursor.day}) & after)[: size + 1])
        if len(rows) <= size:  # the dated rows ran out: the undated ones follow
            rows += list(queryset.filter(**{f"{key}__isnull": True})[: size + 1 - len(rows)])
    return _page(rows, key, size)


def _page(rows: list, key: str | None, size: int) -> KeysetPage:
    """`rows` holds one more row than the page when another page follows."""
    if len(rows) <= size:
        return KeysetPage(rows, None, more=False)
    last = rows[size - 1]
    return KeysetPage(rows[:size], Cursor(getattr(last, key), last.id) if key else None, more=True)
