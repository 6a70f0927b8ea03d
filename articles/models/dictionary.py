"""A stamp of the dictionary the tagger and the name search read, kept by the database.

Every process caches what it built from the dictionary (the tagger's lexicon, the name
search's alias index) and asks, on each use, whether the dictionary changed: one
primary-key read of this row, where hashing every alias cost each name search a pass
over the whole dictionary (figures in docs/performance-notes.md).
Triggers (articles/sql/dictionary_stamp.sql) give the row a new random stamp whenever an alias, role, venue
or active actor is added, removed or edited, in the same transaction; candidates that
discovery proposes, and their aliases, leave it alone until an editor accepts them.

Random rather than counted: a stamp seen inside a transaction that rolled back is never
given again, and a restored database brings back the stamp of the dictionary it holds.
An emptied table (a test flush) reads as no stamp, which is the empty dictionary's.
"""

from __future__ import annotations

from django.db import models


class DictionaryVersion(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=1)  # one row
    stamp = models.UUIDField()

    def __str__(self) -> str:
        return str(self.stamp)
