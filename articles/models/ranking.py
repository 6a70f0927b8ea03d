"""The articles whose text the relevance index (`articles/ranking.py`) has not seen yet.

The database fills it (triggers in articles/sql/ranking_queue.sql): a new article, a deleted one, and an
edit of an article's title, body or date each add the article's id, from ingest, the admin or
raw SQL alike. `ranking.sync()` drains it into the index. Nothing else writes it.
"""

from __future__ import annotations

from django.db import models


class RankingChange(models.Model):
    article_id = models.BigIntegerField(primary_key=True)  # the article may be gone: no foreign key

    def __str__(self) -> str:
        return str(self.article_id)
