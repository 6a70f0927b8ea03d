"""One article, actor, venue, event or conflict, and the list of conflicts."""

from __future__ import annotations

from django.db import connections
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from articles.filters import in_conflict
from articles.models import (
    Actor,
    ActorKind,
    ActorStatus,
    Article,
    ArticleActor,
    ArticleVenue,
    Conflict,
    Event,
    EventParticipant,
    Mention,
    ReviewStatus,
    Venue,
)
from articles.paging import capped_count
from articles.views.charts import month_timeline

LATEST = 10
RELATED = 10
TOGETHER_SAMPLE = 2_000  # "most often named with them" reads this many of the actor's newest articles


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    every_mention = Prefetch(
        "mentions",
        queryset=Mention.objects.not_rejected().select_related("actor", "venue").order_by("start"),
        to_attr="kept_mentions",
    )
    found = Article.objects.for_lists().select_related("copy_of").prefetch_related(every_mention)
    article = get_object_or_404(found, pk=pk)
    mentions = [m for m in article.kept_mentions if not m.in_title]
    confirmed = [m for m in mentions if m.status == ReviewStatus.CONFIRMED]
    suggested = [m for m in mentions if m.status == ReviewStatus.SUGGESTED]
    events = Event.objects.not_rejected().filter(articles=article).with_participants()
    story = article.copy_of or article
    copies = (
        Article.objects.filter(Q(copy_of=story) | Q(pk=story.pk))
        .exclude(pk=article.pk)
        .select_related("source")
    )
    same_events = (
        Article.objects.filter(events__in=events)
        .exclude(pk=article.pk)
        .distinct()
        .newest_first()
        .select_related("source")
    )
    context = {
        "article": article,
        "confirmed": _distinct_entities(confirmed),
        "suggested": _distinct_entities(suggested),
        "events": events,
        "copies": copies,
        "same_events": same_events[:RELATED],
    }
    return render(request, "articles/article.html", context)


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("country").prefetch_related("aliases"), slug=slug)
    if actor.status == ActorStatus.MERGED:
        return redirect("articles:actor", slug=actor.merged_into.slug, permanent=True)
    articles = Article.objects.with_any_actor([actor])
    months = dict(actor.months.filter(articles__gt=0).values_list("month", "articles"))
    undated = months.pop(None, 0)
    events = Event.objects.not_rejected().filter(
        id__in=EventParticipant.objects.filter(actor=actor).values("event")
    )
    event_months, met_at = _events_by_month_and_venue(events)
    timeline = month_timeline(months, event_months)
    # Over this actor's newest articles only: counting over all of a frequent actor's
    # articles takes seconds at a million.
    newest = (
        ArticleActor.objects.filter(actor=actor)
        .order_by(F("published").desc(nulls_last=True), "-article")
        .values("article")
    )
    together_counts = (
        ArticleActor.objects.filter(article__in=newest[:TOGETHER_SAMPLE])
        .exclude(actor=actor)
        .exclude(actor__kind="state")
        .values("actor")
        .annotate(n=Count("*"))
        .order_by("-n", "actor")[:RELATED]
    )
    counts = {row["actor"]: row["n"] for row in together_counts}
    together = sorted(Actor.objects.filter(id__in=counts), key=lambda other: (-counts[other.id], other.name))
    for other in together:
        other.n = counts[other.id]
    context = {
        "actor": actor,
        "timeline": timeline,
        "article_count": (sum(months.values()) + undated, False),
        "met_at": met_at,
        "together": together,
        "together_sample": TOGETHER_SAMPLE,
        "events": events.latest_first().with_participants()[:20],
        "latest": articles.newest_first().for_lists().defer("body")[:LATEST],
    }
    return render(request, "articles/actor.html", context)


def venue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.select_related("country").prefetch_related("aliases"), slug=slug)
    events = Event.objects.not_rejected().filter(venue=venue)
    met_there = (
        Actor.objects.filter(participations__event__in=events, kind="person")
        .annotate(n=Count("participations__event", distinct=True))
        .order_by("-n", "name")[:RELATED]
    )
    articles = Article.objects.with_venue(venue)
    context = {
        "venue": venue,
        "events": events.latest_first().with_participants()[:20],
        "met_there": met_there,
        "latest": articles.newest_first().for_lists().defer("body")[:LATEST],
        "article_count": capped_count(ArticleVenue.objects.filter(venue=venue)),
    }
    return render(request, "articles/venue.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.not_rejected().with_participants(), pk=pk)
    participations = event.listed_participations
    context = {
        "event": event,
        "parties": [p for p in participations if p.role == "party"],
        "mediators": [p for p in participations if p.role == "mediator"],
        "hosts": [p for p in participations if p.role == "host"],
        "articles": event.articles.newest_first().for_lists().defer("body"),
    }
    return render(request, "articles/event.html", context)


def _distinct_entities(mentions: list[Mention]) -> list:
    """Each actor or venue once, in text order."""
    seen, entities = set(), []
    for mention in sorted(mentions, key=lambda m: m.start):
        entity = mention.actor or mention.venue
        key = (type(entity), entity.pk)
        if key not in seen:
            seen.add(key)
            entities.append(entity)
    return entities


def _events_by_month_and_venue(events: QuerySet) -> tuple[dict, list[Venue]]:
    """{first day of the month: events} of the dated events, and the RELATED venues that
    hold the most of them (with `n`), from one pass over the events grouped both ways at
    once. GROUPING SETS, which the ORM cannot say, return a row per month and one per venue
    rather than one per pair, which is faster for an actor in thousands of events
    (docs/performance-notes.md, "Figures that were comments")."""
    kept = events.order_by().values(day=F("date"), place=F("venue"))
    inner, params = kept.query.sql_with_params()
    sql = f"""
        SELECT date_trunc('month', day)::date, place, count(*)
        FROM ({inner}) AS kept
        GROUP BY GROUPING SETS ((date_trunc('month', day)::date), (place))"""
    per_month, per_venue = {}, {}
    with connections[events.db].cursor() as cursor:
        cursor.execute(sql, params)
        for month, venue, n in cursor.fetchall():  # a month's row has no venue, a venue's no month
            if month is not None:
                per_month[month] = n
            elif venue is not None:
                per_venue[venue] = n
    venues = Venue.objects.in_bulk(list(per_venue))
    met_at = sorted(venues.values(), key=lambda venue: (-per_venue[venue.pk], venue.name))[:RELATED]
    for venue in met_at:
        venue.n = per_venue[venue.pk]
    return per_month, met_at


def conflict_list(request: HttpRequest) -> HttpResponse:
    """The conflicts the archive follows, with how many articles each holds."""
    conflicts = Conflict.objects.annotate(
        article_count=Count("article_rows", filter=Q(article_rows__kept=True), distinct=True)
    )
    return render(request, "articles/conflicts.html", {"conflicts": conflicts})


def conflict_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A conflict's home: its period, who and where, the actors and places its articles name
    most, its latest events and articles."""
    conflict = get_object_or_404(Conflict, slug=slug)
    articles = Article.objects.filter(id__in=in_conflict(conflict))
    rows = ArticleActor.objects.filter(article_id__in=in_conflict(conflict))
    most_named = (
        Actor.objects.filter(status=ActorStatus.ACTIVE, article_rows__in=rows)
        .exclude(kind=ActorKind.STATE)
        .annotate(n=Count("article_rows"))
        .order_by("-n", "name")[:RELATED]
    )
    places = (
        Venue.objects.filter(article_rows__article_id__in=in_conflict(conflict))
        .annotate(n=Count("article_rows"))
        .order_by("-n", "name")[:RELATED]
    )
    reported = Event.articles.through.objects.filter(article_id__in=in_conflict(conflict)).values("event_id")
    context = {
        "conflict": conflict,
        "article_count": articles.count(),
        "most_named": most_named,
        "places": places,
        "events": Event.objects.not_rejected()
        .filter(id__in=reported)
        .latest_first()
        .with_participants()[:20],
        "latest": articles.newest_first().for_lists().defer("body")[:LATEST],
    }
    return render(request, "articles/conflict.html", context)
