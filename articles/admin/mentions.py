"""The review queue: suggested mentions of actors and venues, confirmed or rejected in bulk."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.common import CuratedAdmin, ReviewPermission, decision_action
from articles.curation import review_mentions
from articles.models import ActorKind, Mention, ReviewStatus


class EntityKindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [*ActorKind.choices, ("venue", _("venue"))]

    def queryset(self, request, queryset):
        if self.value() == "venue":
            return queryset.filter(venue__isnull=False)
        if self.value() in ActorKind.values:
            return queryset.filter(actor__kind=self.value())
        return queryset


class ConfidenceFilter(admin.SimpleListFilter):
    title = _("confidence")
    parameter_name = "confidence"
    BANDS = {
        "high": Q(confidence__gte=0.9),
        "medium": Q(confidence__gte=0.7, confidence__lt=0.9),
        "low": Q(confidence__lt=0.7),
    }

    def lookups(self, request, model_admin):
        return [("high", _("high (≥ 0.9)")), ("medium", _("medium (0.7–0.9)")), ("low", _("low (< 0.7)"))]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(band) if band is not None else queryset


confirm = decision_action(
    "confirm",
    _("Confirm the selected suggestions"),
    lambda request, queryset: review_mentions(queryset, ReviewStatus.CONFIRMED, request.user),
    ngettext_lazy("%(count)d mention confirmed.", "%(count)d mentions confirmed.", "count"),
    "review",
)
reject = decision_action(
    "reject",
    _("Reject the selected suggestions"),
    lambda request, queryset: review_mentions(queryset, ReviewStatus.REJECTED, request.user),
    ngettext_lazy("%(count)d mention rejected.", "%(count)d mentions rejected.", "count"),
    "review",
)


@admin.register(Mention)
class MentionAdmin(ReviewPermission, CuratedAdmin):
    list_display = (
        "matched_text",
        "entity",
        "article",
        "confidence",
        "method",
        "is_event_place",
        "status",
        "reviewer",
    )
    list_filter = (
        "status",
        EntityKindFilter,
        ConfidenceFilter,
        "method",
        "is_event_place",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("article__source", admin.RelatedOnlyFieldListFilter),
        ("article__published", admin.DateFieldListFilter),
    )
    list_select_related = ("actor", "venue", "article", "reviewer")
    search_fields = ("matched_text", "actor__name", "actor__name_latin", "venue__name", "article__title")
    actions = (confirm, reject)
    raw_id_fields = ("article", "actor", "venue")
    readonly_fields = ("reviewer", "reviewed_at")
    ordering = ("-id",)

    @admin.display(description=_("actor or venue"))
    def entity(self, mention: Mention) -> str:
        return str(mention.actor or mention.venue)
