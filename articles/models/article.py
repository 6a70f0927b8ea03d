"""Outlets and the articles they published."""

from __future__ import annotations

import datetime
import hashlib
from typing import NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import CombinedSearchVector, SearchVector, SearchVectorField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import DateOrigin, DatePrecision


class Source(models.Model):
    """A news outlet or agency, named as the article or the caller names it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def named(cls, name: str) -> Source:
        """The source called `name`, created on first sight."""
        name = " ".join(name.split())[:200]
        source = cls.objects.filter(name=name).first()
        if source is None:
            slug = slugify(name, allow_unicode=True)[:180] or "source"
            if cls.objects.filter(slug=slug).exists():
                slug = f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
            source, _created = cls.objects.get_or_create(name=name, defaults={"slug": slug})
        return source


# Lists are sorted and paged by this annotation: see ArticleQuerySet.with_any_actor.
SORT_KEY = "day"

# Columns a list never reads: the raw bytes and derived search data.
UNLISTED = ("raw", "minhash", "lsh_bands", "search_vector")


class ArticleQuerySet(models.QuerySet):
    def stories(self) -> ArticleQuerySet:
        """One article per story: syndicated copies are folded into their original."""
        return self.filter(copy_of__isnull=True)

    def with_any_actor(self, actors) -> ArticleQuerySet:
        """Articles that name any of `actors` in a mention no editor rejected."""
        return self._through("actor_rows", "actor", list(actors))

    def with_venue(self, venue) -> ArticleQuerySet:
        """Articles that name `venue` in a mention no editor rejected."""
        return self._through("venue_rows", "venue", [venue])

    def _through(self, rows: str, field: str, entities: list) -> ArticleQuerySet:
        """Articles with a row for any of `entities` in a pairs table (models/named.py).

        For one entity, and when nothing else drives the list yet, the articles are joined
        to their rows, whose copy of the date becomes the list's sort key `day`:
        `newest_first()` and `between()` then walk the (entity, published) index and stop
        after a page, whatever the entity's frequency. Further entities (an AND of filters,
        or a query meaning several people) are subqueries over the same tables."""
        if len(entities) == 1 and SORT_KEY not in self.query.annotations:
            about = models.FilteredRelation(rows, condition=models.Q(**{f"{rows}__{field}": entities[0]}))
            # Every later reference goes through `day`: another filter() on the relation
            # itself would add a second join.
            return (
                self.annotate(about=about)
                .filter(about__isnull=False)
                .annotate(day=models.F("about__published"))
            )
        pairs = self.model._meta.get_field(rows).related_model.objects
        return self.filter(id__in=pairs.filter(**{f"{field}__in": entities}).values("article_id"))

    def between(self, start: datetime.date | None, end: datetime.date | None) -> ArticleQuerySet:
        queryset = self._with_sort_key()
        if start:
            queryset = queryset.filter(day__gte=start)
        if end:
            queryset = queryset.filter(day__lte=end)
        return queryset

    def newest_first(self) -> ArticleQuerySet:
        """Newest first, undated last, by the sort key `day` (the publication date, or its
        copy beside the actor that drives the list: see `with_any_actor`)."""
        return self._with_sort_key().order_by(models.F(SORT_KEY).desc(nulls_last=True), "-id")

    def _with_sort_key(self) -> ArticleQuerySet:
        if SORT_KEY in self.query.annotations:
            return self
        return self.annotate(day=models.F("published"))

    def for_lists(self) -> ArticleQuerySet:
        """Ready for a list: the source joined, the actors and venues named (in a mention no
        editor rejected) read from the one-row-per-pair tables in the same query, their slugs
        and names only, the raw bytes and derived columns left out.

        A list shows who is named, not every time: news articles name their cast dozens of
        times, and building a row per mention cost most of an API page; then one model
        instance per pair and two more queries cost a third of what was left
        (docs/performance-notes.md). PostgreSQL computes the two arrays after ORDER BY and
        LIMIT, for the page's rows only."""
        from articles.models import ArticleActor, ArticleVenue

        return (
            self.defer(*UNLISTED)
            .select_related("source")
            .annotate(
                # Candidates wait for an editor: lists name the dictionary's actors only.
                listed_actor_names=_named(ArticleActor, "actor", "AND named.status = 'active'"),
                listed_venue_names=_named(ArticleVenue, "venue"),
            )
        )


class Named(NamedTuple):
    """An actor or venue as a list shows it."""

    slug: str
    name: str


def _named(pairs: type[models.Model], entity: str, condition: str = "") -> RawSQL:
    """The entities paired with each article, in name order, as a JSON array of {slug, name}.

    Written in SQL: the same subquery through the ORM is built and compiled in Python on
    every list, a large share of an API page (docs/performance-notes.md). One JSON
    value a row, not an array of them: Django decodes each element of an array apart."""
    field = pairs._meta.get_field(entity)
    article = pairs._meta.get_field("article").related_model._meta.db_table
    return RawSQL(
        f"""(SELECT COALESCE(jsonb_agg(jsonb_build_object('slug', named.slug, 'name', named.name)
        ORDER BY named.name, named.slug), '[]')
        FROM {pairs._meta.db_table} pair JOIN {field.related_model._meta.db_table} named
        ON named.id = pair.{field.column} WHERE pair.article_id = {article}.id {condition})""",
        [],
        output_field=models.JSONField(),
    )


class Article(models.Model):
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("cleaned text"))
    raw = models.BinaryField(_("raw bytes as received"))
    raw_encoding = models.CharField(_("encoding of the raw bytes"), max_length=40)
    raw_format = models.CharField(_("format received"), max_length=20)

    published = models.DateField(_("published"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision, default=DatePrecision.UNKNOWN
    )
    date_origin = models.CharField(
        _("date origin"), max_length=10, choices=DateOrigin, default=DateOrigin.NONE
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("source"),
    )
    source_origin = models.CharField(
        _("source origin"), max_length=10, choices=DateOrigin, default=DateOrigin.NONE
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    origin = models.CharField(_("origin (file name or URL)"), max_length=2000)
    origin_line = models.PositiveIntegerField(_("line in the origin file"), null=True, blank=True)

    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    minhash = ArrayField(models.BigIntegerField(), default=list, editable=False)
    lsh_bands = ArrayField(models.BigIntegerField(), default=list, editable=False)
    copy_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("syndicated copy of"),
    )
    ingested_at = models.DateTimeField(_("ingested at"), auto_now_add=True)
    # What cleaning removed from the page, each line with its reason: [[reason, line], …].
    removed_lines = models.JSONField(_("lines removed by cleaning"), default=list, blank=True, editable=False)
    # Full-text index over the normalized title (weight A) and body (weight B): `text_vector`.
    search_vector = SearchVectorField(null=True, editable=False)
    # The raw bytes never change and derived columns are recomputed: history keeps the rest.
    history = HistoricalRecords(
        excluded_fields=["raw", "minhash", "lsh_bands", "search_vector", "removed_lines"]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Lists are newest first, undated last: the index must say NULLS LAST too, or
            # PostgreSQL sorts every matching row for each page (its DESC puts nulls first).
            models.Index(
                models.F("published").desc(nulls_last=True), models.F("id").desc(), name="article_newest_idx"
            ),
            # Candidate near-duplicates share at least one LSH band key.
            GinIndex(fields=["lsh_bands"], name="article_lsh_bands_gin"),
            # Full-text search (names not in the dictionary, phrases).
            GinIndex(fields=["search_vector"], name="article_search_gin"),
        ]
        constraints = [
            # A known date has a precision; an unknown date has none.
            models.CheckConstraint(
                condition=(
                    models.Q(published__isnull=True, date_precision=DatePrecision.UNKNOWN)
                    | (models.Q(published__isnull=False) & ~models.Q(date_precision=DatePrecision.UNKNOWN))
                ),
                name="article_date_precision_consistent",
            ),
            # An article cannot be a copy of itself.
            models.CheckConstraint(condition=~models.Q(copy_of=models.F("id")), name="article_not_own_copy"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Keep the full-text vector in step with the text: an editor may correct the title
        or clean the body in the admin."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "body"} & set(update_fields):
            from articles.text.normalize import normalize_phrase

            self.search_vector = text_vector(self.title, normalize_phrase(self.body))
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(*args, **kwargs)

    @property
    def listed_actors(self) -> list[Named]:
        """The actors `for_lists()` found, in name order."""
        return [Named(**named) for named in self.listed_actor_names]

    @property
    def listed_venues(self) -> list[Named]:
        return [Named(**named) for named in self.listed_venue_names]

    @property
    def raw_text(self) -> str:
        return bytes(self.raw).decode(self.raw_encoding, errors="replace")


def text_vector(title: str, normalized_body: str) -> CombinedSearchVector:
    """The full-text vector of an article: its normalized title (weight A) and body (weight
    B), computed by PostgreSQL from the text given (ingest writes it in the INSERT)."""
    from articles.text.normalize import normalize_phrase

    title_vector = SearchVector(models.Value(normalize_phrase(title)), weight="A", config="simple")
    return title_vector + SearchVector(models.Value(normalized_body), weight="B", config="simple")


class UndatedArticle(Article):
    """Articles whose publication date is unknown or guessed: the editors' date queue."""

    class Meta:
        proxy = True
        verbose_name = _("article to date")
        verbose_name_plural = _("articles to date")
