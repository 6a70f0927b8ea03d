"""The list contracts: which query parameters select which articles and events.

One FilterSet per list, shared by the JSON API and the HTML pages. A bad value makes
the FilterSet's form invalid (the caller answers 400 naming the parameter); nothing a
client sends reaches the database unvalidated.

Relations that can repeat a row (an article names an actor many times) go through the
one-row-per-pair tables (models/named.py), so no list needs `DISTINCT` over article
bodies; the first actor named drives the list along its (actor, published) index.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import (
    Actor,
    Article,
    ArticleConflict,
    Conflict,
    Event,
    EventParticipant,
    EventType,
    Source,
    Venue,
)
from articles.paging import Cursor
from articles.ranking import CANDIDATES, FEW_MATCHES, Matches, by_relevance, indexed_matches
from articles.search import MAX_QUERY_CHARS, find_actors, full_text_search, text_query

ISO_DATE = ["%Y-%m-%d"]
NEWEST, RELEVANCE = "newest", "relevance"


class DateRangeForm(forms.Form):
    """A FilterSet form whose `date_from` may not come after its `date_to`."""

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            message = _("date_from (%(start)s) is after date_to (%(end)s).") % {"start": start, "end": end}
            self.add_error("date_from", message)
            self.add_error("date_to", message)
        return cleaned


class _SlugsField(django_filters.fields.ModelMultipleChoiceField):
    """Repeatable slugs; an empty value (a form's unselected field) is no value, as for every parameter."""

    def clean(self, value):
        return super().clean([slug for slug in value or () if slug])


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _SlugsField


def _actor_filter(field_name: str) -> SlugsFilter:
    return SlugsFilter(
        field_name=field_name,
        lookup_expr="exact",
        to_field_name="slug",
        queryset=Actor.objects.all(),
        method="filter_actors",
    )


def _query_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        field_name="search_vector", lookup_expr="search", max_length=MAX_QUERY_CHARS, method="filter_query"
    )


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet whose form class is built once per process, not per request: its fields
    depend on the filters' declarations alone (no queryset here reads the request), and
    building them was half of a list's filtering (each form still copies its fields;
    figures in docs/performance-notes.md, "Figures that were comments")."""

    def get_form_class(self) -> type[forms.Form]:
        own = type(self)  # each subclass builds its own
        if "_built_form_class" not in own.__dict__:
            own._built_form_class = super().get_form_class()
        return own._built_form_class


def in_conflict(conflict: Conflict) -> QuerySet:
    """The ids of the articles a conflict holds (tags or editors put them in, nobody took them out)."""
    return ArticleConflict.objects.filter(conflict=conflict, kept=True).values("article_id")


class ArticleFilter(ListFilterSet):
    """Articles by name or words, actors (all of them), venue, source, event type and date."""

    q = _query_filter()
    actor = _actor_filter("mentions__actor")
    venue = django_filters.ModelChoiceFilter(
        field_name="mentions__venue",
        lookup_expr="exact",
        to_field_name="slug",
        queryset=Venue.objects.all(),
        method="filter_venue",
    )
    source = django_filters.ModelChoiceFilter(
        field_name="source", lookup_expr="exact", to_field_name="slug", queryset=Source.objects.all()
    )
    event_type = django_filters.ChoiceFilter(
        field_name="events__kind", lookup_expr="exact", choices=EventType.choices, method="filter_event_type"
    )
    conflict = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Conflict.objects.all(), method="filter_conflict", label=_("conflict")
    )
    # Applied last, on the list's sort key, by `filter_queryset`.
    date_from = django_filters.DateFilter(
        field_name="published", lookup_expr="gte", input_formats=ISO_DATE, method="later"
    )
    date_to = django_filters.DateFilter(
        field_name="published", lookup_expr="lte", input_formats=ISO_DATE, method="later"
    )
    # Applied by `filter_queryset` too: "relevance" orders a word search best first.
    order = django_filters.ChoiceFilter(
        choices=[(NEWEST, _("newest first")), (RELEVANCE, _("most relevant first"))], method="later"
    )

    class Meta:
        model = Article
        fields = ["q", "actor", "venue", "source", "event_type", "conflict", "date_from", "date_to", "order"]
        form = DateRangeForm

    def __init__(
        self,
        data=None,
        queryset: QuerySet | None = None,
        *,
        rows_wanted: int | None = None,
        after: Cursor | None = None,
        **kwargs,
    ) -> None:
        super().__init__(data, Article.objects.all() if queryset is None else queryset, **kwargs)
        self.words: str | None = None  # `q`, when it was searched as words rather than as a name
        self.matches: Matches | None = None  # what the relevance index found of those words
        # How far into the list the caller reads (a page's offset + size + 1; None: all of
        # it), and after which row (a newest-first page's cursor).
        self.rows_wanted, self.after = rows_wanted, after

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Newest first, the date range on the sort key: once an actor drives the list (see
        `ArticleQuerySet.with_any_actor`), its copy of the date bounds the index scan. A word search
        asked for by relevance comes best first instead (`ranking.by_relevance`); a name
        search stays newest first."""
        queryset = super().filter_queryset(queryset)
        queryset = queryset.between(self.form.cleaned_data["date_from"], self.form.cleaned_data["date_to"])
        if self.by_relevance:
            return by_relevance(queryset, self.words, self.matches.ids if self.matches else None)
        return queryset.newest_first()

    @property
    def by_relevance(self) -> bool:
        """Whether the list is in relevance order (then it has page numbers, not cursors)."""
        return self.form.cleaned_data.get("order") == RELEVANCE and self.words is not None

    def counted_by_index(self, cap: int) -> tuple[int, bool] | None:
        """The capped count of a list that the ranking index answers (`_index_answers`),
        from the index; None for any other list."""
        return self.matches.capped(cap) if self.matches is not None and self._index_answers() else None

    def _index_answers(self) -> bool:
        """Whether the list is a search by words that nothing but dates narrows, read no
        further than `rows_wanted`: the index finds its rows itself, and counts them."""
        narrowing = ("actor", "venue", "source", "event_type", "conflict")
        return self.rows_wanted is not None and not any(
            self.form.cleaned_data.get(name) for name in narrowing
        )

    def later(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    def filter_query(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A name finds its actors' articles; words, the articles that hold them all: the
        rows the ranking index lists where it can (`_index_answers`: exactly the page's;
        else the best-ranked candidates, or every match when there are few), else those
        PostgreSQL's full-text index matches."""
        actors = [hit.actor for hit in find_actors(value)]
        if actors:
            return queryset.with_any_actor(actors)
        words = text_query(value)
        if not words:
            return queryset.none()
        relevance = self.form.cleaned_data.get("order") == RELEVANCE
        dates = {
            "start": self.form.cleaned_data.get("date_from"),
            "end": self.form.cleaned_data.get("date_to"),
        }
        self.words = value
        if self._index_answers():
            limit, after = (min(self.rows_wanted, CANDIDATES) if relevance else self.rows_wanted), self.after
        else:
            limit, after = (CANDIDATES if relevance else FEW_MATCHES), None
        self.matches = indexed_matches(value, limit, newest=not relevance, after=after, **dates)
        if relevance:
            return queryset  # `ranking.by_relevance` finds the words, in `filter_queryset`
        if self.matches is not None and (self._index_answers() or self.matches.complete):
            return queryset.filter(self.matches.as_filter)
        return queryset.filter(search_vector=words)

    def filter_actors(self, queryset: QuerySet, name: str, actors: list[Actor]) -> QuerySet:
        """Every actor must be named (in a mention no editor rejected)."""
        for actor in actors:
            queryset = queryset.with_any_actor([actor])
        return queryset

    def filter_venue(self, queryset: QuerySet, name: str, venue: Venue) -> QuerySet:
        return queryset.with_venue(venue)

    def filter_event_type(self, queryset: QuerySet, name: str, kind: str) -> QuerySet:
        reports = Event.articles.through.objects.filter(
            event__in=Event.objects.not_rejected().filter(kind=kind)
        )
        return queryset.filter(id__in=reports.values("article_id"))

    def filter_conflict(self, queryset: QuerySet, name: str, conflict: Conflict) -> QuerySet:
        return queryset.filter(id__in=in_conflict(conflict))


class EventFilter(ListFilterSet):
    """The article parameters, applied to events: participants, place, type, date, reporting sources."""

    q = _query_filter()
    actor = _actor_filter("participants")
    venue = django_filters.ModelChoiceFilter(
        field_name="venue", lookup_expr="exact", to_field_name="slug", queryset=Venue.objects.all()
    )
    source = django_filters.ModelChoiceFilter(
        field_name="articles__source",
        lookup_expr="exact",
        to_field_name="slug",
        queryset=Source.objects.all(),
        method="filter_source",
    )
    event_type = django_filters.ChoiceFilter(
        field_name="kind", lookup_expr="exact", choices=EventType.choices
    )
    conflict = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Conflict.objects.all(), method="filter_conflict", label=_("conflict")
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", input_formats=ISO_DATE)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", input_formats=ISO_DATE)

    class Meta:
        model = Event
        fields = ["q", "actor", "venue", "source", "event_type", "conflict", "date_from", "date_to"]
        form = DateRangeForm

    def __init__(self, data=None, queryset: QuerySet | None = None, **kwargs) -> None:
        if queryset is None:
            queryset = Event.objects.not_rejected().order_by(F("date").desc(nulls_last=True), "-id")
        super().__init__(data, queryset, **kwargs)

    def filter_query(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Events with a participant the query names; else events reported by full-text matches."""
        actors = [hit.actor for hit in find_actors(value)]
        if actors:
            return queryset.filter(
                id__in=EventParticipant.objects.filter(actor__in=actors).values("event_id")
            )
        reports = Event.articles.through.objects.filter(article__in=full_text_search(value).values("id"))
        return queryset.filter(id__in=reports.values("event_id"))

    def filter_actors(self, queryset: QuerySet, name: str, actors: list[Actor]) -> QuerySet:
        """Every actor must take part: one subquery per actor."""
        for actor in actors:
            queryset = queryset.filter(id__in=EventParticipant.objects.filter(actor=actor).values("event_id"))
        return queryset

    def filter_source(self, queryset: QuerySet, name: str, source: Source) -> QuerySet:
        reports = Event.articles.through.objects.filter(article__source=source)
        return queryset.filter(id__in=reports.values("event_id"))

    def filter_conflict(self, queryset: QuerySet, name: str, conflict: Conflict) -> QuerySet:
        """Events reported by an article of the conflict."""
        reports = Event.articles.through.objects.filter(article_id__in=in_conflict(conflict))
        return queryset.filter(id__in=reports.values("event_id"))
