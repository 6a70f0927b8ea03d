"""Who and where each article names: one row per article and actor (or venue).

Mentions are spans (an article names its cast dozens of times), so "the newest articles
about X" over mentions reads every span and sorts. These tables hold one row per pair
that has a mention no editor rejected, with the article's date copied beside it: the
newest articles about X are one range scan of the (actor, published, article) index,
whatever X's frequency, and an actor's monthly counts never touch the articles.

The database keeps them (triggers in articles/sql/named_pairs.sql and actor_months.sql): every write to mentions,
from ingest, the admin, a merge or raw SQL, and every change of an article's date.
Nothing in Python writes them. `ActorMonth` counts each actor's pairs by month, so an
actor's timeline and total are a few dozen rows however often they are named.
"""

from __future__ import annotations

from django.db import models

from .actor import Actor, Venue
from .article import Article


def _newest_for(entity: str) -> models.Index:
    return models.Index(
        entity,
        models.F("published").desc(nulls_last=True),
        models.F("article").desc(),
        name=f"named_{entity}_newest_idx",
    )


class ArticleActor(models.Model):
    pk = models.CompositePrimaryKey("article", "actor")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="actor_rows", db_index=False)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="article_rows", db_index=False)
    published = models.DateField(null=True)

    class Meta:
        indexes = [_newest_for("actor")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.actor_id}"


class ArticleVenue(models.Model):
    pk = models.CompositePrimaryKey("article", "venue")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="venue_rows", db_index=False)
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="article_rows", db_index=False)
    published = models.DateField(null=True)

    class Meta:
        indexes = [_newest_for("venue")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.venue_id}"


class ActorMonth(models.Model):
    """How many articles name `actor` in `month` (its first day; None for undated articles)."""

    # No constraint and no cascade: the triggers remove a month when its count reaches
    # zero, as it does when an actor's pairs are deleted with the actor.
    actor = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, related_name="months", db_index=False, db_constraint=False
    )
    month = models.DateField(null=True)
    articles = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "month"], nulls_distinct=False, name="actor_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.month}: {self.articles}"
