"""Editors' decisions on the cleaning of one source's pages: rules kept as data, with history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .article import Source


class CleaningDecision(models.TextChoices):
    TEXT = "text", _("article text")
    NOISE = "noise", _("page noise")


class CleaningRule(models.Model):
    """A line an editor judged: on this source's pages (on every page, without a source)
    the cleaner keeps it as text or removes it as noise, whatever its own judgement."""

    source = models.ForeignKey(
        Source,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cleaning_rules",
        verbose_name=_("source"),
        help_text=_("Empty: the rule holds for the pages of every source."),
    )
    line = models.TextField(_("line as on the page"))
    normalized = models.TextField(_("line as matched"), editable=False)
    decision = models.CharField(_("decision"), max_length=10, choices=CleaningDecision)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cleaning rule")
        verbose_name_plural = _("cleaning rules")
        ordering = ["source__name", "line"]
        constraints = [
            # One decision per line and source; the source-less rules are one set too.
            models.UniqueConstraint(
                fields=["source", "normalized"], nulls_distinct=False, name="cleaning_rule_one_per_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.line[:80]}"

    def save(self, *args, **kwargs) -> None:
        from articles.text.normalize import normalize_phrase

        self.normalized = normalize_phrase(self.line)
        super().save(*args, **kwargs)
