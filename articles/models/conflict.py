"""Conflicts as collections: a negotiation or war the archive follows, with its period,
actors and venues, and the articles assigned to it from their tags or by editors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .actor import Actor, Venue
from .article import Article


class AssignedBy(models.TextChoices):
    TAGS = "tags", _("its tags")
    EDITOR = "editor", _("an editor")


class Conflict(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("Arabic name"), max_length=200)
    name_latin = models.CharField(_("Latin name"), max_length=200, blank=True)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    actors = models.ManyToManyField(Actor, blank=True, related_name="conflicts", verbose_name=_("actors"))
    venues = models.ManyToManyField(Venue, blank=True, related_name="conflicts", verbose_name=_("venues"))
    articles = models.ManyToManyField(
        Article, through="ArticleConflict", related_name="conflicts", blank=True
    )
    history = HistoricalRecords(m2m_fields=[actors, venues])

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")

    def __str__(self) -> str:
        return self.name


class ArticleConflict(models.Model):
    """An article in a conflict. Rows the tags made are made again when tags change; an
    editor's row (in or out: `kept`) is never touched by them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="conflict_rows")
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="article_rows")
    assigned_by = models.CharField(
        _("assigned by"), max_length=10, choices=AssignedBy, default=AssignedBy.TAGS
    )
    kept = models.BooleanField(_("in the conflict"), default=True)

    class Meta:
        verbose_name = _("article of a conflict")
        verbose_name_plural = _("articles of a conflict")
        constraints = [
            models.UniqueConstraint(fields=["conflict", "article"], name="article_conflict_unique")
        ]
        indexes = [models.Index(fields=["article"], name="article_conflict_article_idx")]

    def __str__(self) -> str:
        return f"{self.conflict} ← {self.article_id}"
