"""Who and where: actors with their dated roles, venues, and every spelling of both."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import ActorKind, ActorStatus, ReviewStatus, VenueKind


class Actor(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind)
    status = models.CharField(_("status"), max_length=10, choices=ActorStatus, default=ActorStatus.ACTIVE)
    name = models.CharField(_("Arabic name"), max_length=200)
    name_latin = models.CharField(_("Latin name"), max_length=200, blank=True)
    title = models.CharField(_("role or title"), max_length=200, blank=True)
    code = models.CharField(
        _("ISO country code"),
        max_length=2,
        blank=True,
        help_text=_("States only: ISO 3166 alpha-2, as in the gazetteer."),
    )
    country = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nationals",
        limit_choices_to={"kind": ActorKind.STATE},
        verbose_name=_("country"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_actors",
        verbose_name=_("merged into"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        permissions = [("merge_actor", _("Can merge two actors"))]
        constraints = [
            # Merged actors, and only they, point to the actor that absorbed them.
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="actor_merged_has_survivor",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoleQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date) -> RoleQuerySet:
        """Roles whose term covers `day` (open ends are still in office)."""
        return self.filter(
            models.Q(start__isnull=True) | models.Q(start__lte=day),
            models.Q(end__isnull=True) | models.Q(end__gte=day),
        )


class ActorRole(models.Model):
    """A role held between two dates, as event-coding dictionaries record it ([RUSGOV >20040309])."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=50)
    country = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="office_holders",
        verbose_name=_("country"),
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        indexes = [models.Index(fields=["role", "country"], name="actorrole_role_country_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "role", "country", "start"], name="actorrole_unique_term"
            ),
            # A term cannot end before it starts.
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="actorrole_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.role}"


class Venue(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind)
    name = models.CharField(_("Arabic name"), max_length=200)
    name_latin = models.CharField(_("Latin name"), max_length=200, blank=True)
    country = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
        limit_choices_to={"kind": ActorKind.STATE},
        verbose_name=_("country"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """One recorded spelling of an actor or a venue, with the normalized form matching uses."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="aliases")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, null=True, blank=True, related_name="aliases")
    name = models.CharField(_("spelling"), max_length=200)
    normalized = models.CharField(_("normalized form"), max_length=200, editable=False)
    is_short = models.BooleanField(
        _("short form"),
        default=False,
        help_text=_("A surname alone: trusted after the full name appears in the same article."),
    )
    is_adjective = models.BooleanField(
        _("nationality adjective"),
        default=False,
        help_text=_("Such as «الأذري»: counts as the state and qualifies role phrases."),
    )
    is_ambiguous = models.BooleanField(
        _("also an ordinary word"),
        default=False,
        help_text=_(
            "Such as «صور» (Tyre, 'pictures'): counts only after a place cue or with support in the article."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        indexes = [models.Index(fields=["normalized"], name="alias_normalized_idx")]
        constraints = [
            # An alias names exactly one actor or one venue.
            models.CheckConstraint(
                condition=models.Q(actor__isnull=False, venue__isnull=True)
                | models.Q(actor__isnull=True, venue__isnull=False),
                name="alias_names_one_entity",
            ),
            # One alias per normalized form per entity.
            models.UniqueConstraint(fields=["actor", "normalized"], name="alias_unique_per_actor"),
            models.UniqueConstraint(fields=["venue", "normalized"], name="alias_unique_per_venue"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalize()
        super().save(*args, **kwargs)

    def normalize(self) -> str:
        """Set and return the normalized form: the only way it is ever computed."""
        from articles.text.normalize import normalize_phrase

        self.normalized = normalize_phrase(self.name)
        return self.normalized

    def clean(self) -> None:
        # The form does not edit `normalized`, so Django would not check the unique
        # constraints that use it: check them here, with a message an editor can act on.
        if not self.normalize():
            raise ValidationError({"name": _("A spelling needs at least one letter or digit.")})
        owner = {"actor_id": self.actor_id} if self.actor_id else {"venue_id": self.venue_id}
        twin = Alias.objects.filter(normalized=self.normalized, **owner).exclude(pk=self.pk).first()
        if twin is not None:
            raise ValidationError(
                {
                    "name": _("«%(name)s» is already recorded as «%(twin)s» (same normalized form).")
                    % {"name": self.name, "twin": twin.name}
                }
            )


class SuggestionReason(models.TextChoices):
    SURNAME = "surname", _("surname another actor shares or a common given name")
    VARIANT = "variant", _("another spelling found in the archive")
    NICKNAME = "nickname", _("nickname the text gives")


class AliasSuggestion(models.Model):
    """A spelling the archive derived for an actor and waits for an editor to accept
    (it then becomes an alias) or reject (it is never suggested again)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="alias_suggestions", verbose_name=_("actor")
    )
    name = models.CharField(_("spelling"), max_length=200)
    normalized = models.CharField(_("normalized form"), max_length=200, editable=False)
    is_short = models.BooleanField(_("short form"), default=False)
    reason = models.CharField(_("why"), max_length=10, choices=SuggestionReason)
    evidence = models.TextField(_("evidence"), blank=True)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("found in")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus, default=ReviewStatus.SUGGESTED, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["actor", "name"]
        verbose_name = _("spelling suggestion")
        verbose_name_plural = _("spelling suggestions")
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="alias_suggestion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor} ← {self.name}"
