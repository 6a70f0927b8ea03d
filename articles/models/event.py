"""What happened (events) and where articles name actors and venues (mentions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .actor import Actor, Venue
from .article import Article
from .choices import DatePrecision, EventType, ParticipantRole, ReviewStatus


class ReviewedQuerySet(models.QuerySet):
    def not_rejected(self) -> ReviewedQuerySet:
        """What no editor rejected: the suggestions and decisions the public archive shows."""
        return self.exclude(status=ReviewStatus.REJECTED)


class EventQuerySet(ReviewedQuerySet):
    def with_participants(self) -> EventQuerySet:
        """The venue joined and participants prefetched (as `listed_participations`) in one query."""
        participations = EventParticipant.objects.select_related("actor").order_by(
            "actor__name", "role", "id"
        )
        return self.select_related("venue").prefetch_related(
            models.Prefetch("participations", queryset=participations, to_attr="listed_participations")
        )

    def latest_first(self) -> EventQuerySet:
        return self.order_by(models.F("date").desc(nulls_last=True), "-id")


class Event(models.Model):
    kind = models.CharField(_("type"), max_length=30, choices=EventType)
    title = models.CharField(_("title"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision, default=DatePrecision.UNKNOWN
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus, default=ReviewStatus.SUGGESTED
    )
    participants = models.ManyToManyField(Actor, through="EventParticipant", related_name="events")
    articles = models.ManyToManyField(Article, related_name="events", blank=True)
    history = HistoricalRecords(m2m_fields=[articles])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True)]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("review_event", _("Can confirm or reject suggested events"))]
        indexes = [
            models.Index(fields=["kind", "date"], name="event_kind_date_idx"),
            # Lists are latest first, undated last (see article_newest_idx).
            models.Index(
                models.F("date").desc(nulls_last=True), models.F("id").desc(), name="event_latest_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(date__isnull=True, date_precision=DatePrecision.UNKNOWN)
                    | (models.Q(date__isnull=False) & ~models.Q(date_precision=DatePrecision.UNKNOWN))
                ),
                name="event_date_precision_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.date or ''}".strip()


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole, default=ParticipantRole.PARTY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="participant_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class Mention(models.Model):
    """A span of an article's cleaned text that names an actor or a venue."""

    # No index of their own: each leads an index below (the span constraint for the
    # article), and ingest writes tens of mentions an article, every index a cost.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions", db_index=False)
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions", db_index=False
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions", db_index=False
    )
    in_title = models.BooleanField(
        _("in the title"), default=False, help_text=_("Offsets count in the title, else in the body.")
    )
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    matched_text = models.CharField(_("matched text"), max_length=300)
    confidence = models.FloatField(_("confidence"))
    method = models.CharField(_("method"), max_length=30)
    is_event_place = models.BooleanField(
        _("place of an event"),
        default=False,
        help_text=_("The venue is where something reported happened, not merely named."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus, default=ReviewStatus.SUGGESTED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_mentions",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        permissions = [("review_mention", _("Can confirm or reject suggested mentions"))]
        indexes = [
            # "Articles about X": mentions by actor, then by article.
            models.Index(fields=["actor", "article"], name="mention_actor_article_idx"),
            models.Index(fields=["venue", "article"], name="mention_venue_article_idx"),
            # The review queue.
            models.Index(fields=["status", "-confidence"], name="mention_review_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actor__isnull=False, venue__isnull=True)
                | models.Q(actor__isnull=True, venue__isnull=False),
                name="mention_names_one_entity",
            ),
            # Offsets describe a non-empty span.
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="mention_span_nonempty"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1), name="mention_confidence_0_1"
            ),
            # One entity per span of one article.
            models.UniqueConstraint(
                fields=["article", "in_title", "start", "end"], name="mention_unique_span"
            ),
        ]

    def __str__(self) -> str:
        return self.matched_text
