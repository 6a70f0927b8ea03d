"""Events: curated from articles, with participants and the articles that report them."""

from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.common import CuratedAdmin, ReviewPermission, decision_action
from articles.curation import review_events
from articles.models import Article, Event, EventParticipant, ReviewStatus

SIMILAR_DAYS = 7


class ParticipantInline(admin.TabularInline):
    model = EventParticipant
    autocomplete_fields = ("actor",)
    extra = 1


confirm_events = decision_action(
    "confirm_events",
    _("Confirm the selected events"),
    lambda request, queryset: review_events(queryset, ReviewStatus.CONFIRMED),
    ngettext_lazy("%(count)d event confirmed.", "%(count)d events confirmed.", "count"),
    "review",
)
reject_events = decision_action(
    "reject_events",
    _("Reject the selected events"),
    lambda request, queryset: review_events(queryset, ReviewStatus.REJECTED),
    ngettext_lazy("%(count)d event rejected.", "%(count)d events rejected.", "count"),
    "review",
)


@admin.register(Event)
class EventAdmin(ReviewPermission, CuratedAdmin):
    review_permission = "articles.review_event"
    list_display = ("__str__", "kind", "date", "date_precision", "venue", "status")
    list_filter = (
        "kind",
        "status",
        ("venue", admin.RelatedOnlyFieldListFilter),
        ("date", admin.DateFieldListFilter),
    )
    list_select_related = ("venue",)
    search_fields = ("title", "venue__name", "participants__name", "articles__title")
    autocomplete_fields = ("venue",)
    raw_id_fields = ("articles",)
    inlines = (ParticipantInline,)
    actions = (confirm_events, reject_events)
    date_hierarchy = "date"

    def get_changeform_initial_data(self, request):
        """ "Create an event from this article": the tagger's suggestion for it, pre-filled."""
        initial = super().get_changeform_initial_data(request)
        article = Article.objects.filter(pk=request.GET.get("article") or 0).first()
        if article is None:
            return initial
        suggestion = article.events.order_by("id").first()
        initial["articles"] = str(article.pk)
        initial["date"] = suggestion.date if suggestion else article.published
        initial["date_precision"] = suggestion.date_precision if suggestion else article.date_precision
        if suggestion:
            initial.update(kind=suggestion.kind, venue=suggestion.venue_id, title=suggestion.title)
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        """Before a new event is made, show the ones that may already be it."""
        article = Article.objects.filter(pk=request.GET.get("article") or 0).first()
        if article is not None and article.published and request.method == "GET":
            window = datetime.timedelta(days=SIMILAR_DAYS)
            similar = (
                Event.objects.filter(date__range=(article.published - window, article.published + window))
                .exclude(status=ReviewStatus.REJECTED)
                .select_related("venue")[:10]
            )
            for event in similar:
                self.message_user(
                    request,
                    _(
                        "Possibly the same: %(event)s (%(date)s, %(venue)s) — attach the article there instead?"
                    )
                    % {"event": event, "date": event.date, "venue": event.venue or "—"},
                    messages.WARNING,
                )
        return super().add_view(request, form_url, extra_context)
