"""The article list (every filter, as chips and facets with counts) and search by name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from articles.filters import RELEVANCE, ArticleFilter
from articles.id_arrays import any_of
from articles.models import (
    Actor,
    Article,
    ArticleActor,
    ArticleVenue,
    Conflict,
    Event,
    EventType,
    Mention,
    Source,
    Venue,
)
from articles.paging import CappedPaginator
from articles.ranking import CANDIDATES
from articles.search import search

PAGE_SIZE = 20
FACET_SIZE = 12
# Facet counts read the newest FACET_SAMPLE stories of the results, not all of them: at a
# million articles, counting every mention of every match costs seconds. The page says so.
FACET_SAMPLE = 2_000


@dataclass
class Chip:
    """An active filter value, with the link that removes it."""

    label: str
    value: str
    remove_url: str


@dataclass
class Facet:
    parameter: str
    title: str
    options: list[tuple[str, str, int, str]]  # (value, label, count, url adding it)


def article_list(request: HttpRequest) -> HttpResponse:
    filters, ignored = _valid_filters(request.GET)
    articles = filters.qs.stories()
    page = _page(request, articles.for_lists().defer("body"))
    _count_copies(list(page))  # the page keeps these objects: the template shows them
    context = {
        "page": page,
        "filters": filters,
        "ignored": ignored,
        "chips": _chips(filters),
        "facets": _facets(filters, articles),
        "facet_sample": FACET_SAMPLE if page.paginator.count > FACET_SAMPLE else None,
        "candidates": CANDIDATES,
        "relevance_ignored": filters.form.cleaned_data.get("order") == RELEVANCE and not filters.by_relevance,
        "event_types": EventType.choices,
        # The selectors offer what the archive holds, not the whole gazetteer.
        "actors": Actor.objects.filter(status="active").filter(
            Exists(ArticleActor.objects.filter(actor=OuterRef("pk")))
        ),
        "venues": Venue.objects.filter(Exists(ArticleVenue.objects.filter(venue=OuterRef("pk")))),
        "conflicts": Conflict.objects.all(),
        "query_string": _without(filters.data, "page"),
    }
    return render(request, "articles/list.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    """Search by name: the actors meant, their articles with the matched spellings marked, their events."""
    query = request.GET.get("q", "")[:200].strip()
    result = search(query) if query else None
    page = _page(request, result.articles.for_lists() if result else Article.objects.none())
    actors = [hit.actor for hit in result.actors] if result else []
    first = _first_mentions(list(page), actors)
    for article in page:
        article.snippet = _snippet(article, first.get(article.id))
    events = (
        Event.objects.not_rejected()
        .filter(participants__in=actors)
        .distinct()
        .latest_first()
        .with_participants()[:20]
    )
    context = {
        "query": query,
        "result": result,
        "page": page,
        "events": events if actors else [],
        "query_string": urlencode({"q": query}),
    }
    return render(request, "articles/search.html", context)


def _valid_filters(data: QueryDict) -> tuple[ArticleFilter, dict[str, list[str]]]:
    """The filters as given; values that are not valid are dropped and reported, never a 500.
    Parameters no filter reads are dropped too, so chip and facet links never carry them."""
    known = QueryDict(mutable=True)
    for name in ArticleFilter.base_filters:
        if values := data.getlist(name):
            known.setlist(name, values)
    data = known
    filters = ArticleFilter(data)
    if filters.is_valid():
        return filters, {}
    ignored = {name: [str(m) for m in messages] for name, messages in filters.errors.items()}
    kept = data.copy()
    for name in ignored:
        kept.pop(name, None)
    filters = ArticleFilter(kept)
    filters.is_valid()
    return filters, ignored


def _page(request: HttpRequest, queryset: QuerySet):
    try:
        return CappedPaginator(queryset, PAGE_SIZE).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(_("No such page.")) from error


def _without(data: QueryDict, name: str, value: str | None = None) -> str:
    """The query string with one parameter (or one of its values) removed."""
    copy = data.copy()
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    copy.pop("page", None)
    return copy.urlencode()


def _with(data: QueryDict, name: str, value: str) -> str:
    copy = data.copy()
    values = copy.getlist(name)
    if value not in values:
        copy.setlist(name, [*values, value] if name == "actor" else [value])
    copy.pop("page", None)
    return copy.urlencode()


def _chips(filters: ArticleFilter) -> list[Chip]:
    data, cleaned = filters.data, filters.form.cleaned_data
    chips = []
    if cleaned.get("q"):
        chips.append(Chip(_("text"), cleaned["q"], _without(data, "q")))
    for actor in cleaned.get("actor") or []:
        chips.append(Chip(_("actor"), actor.name, _without(data, "actor", actor.slug)))
    if cleaned.get("venue"):
        chips.append(Chip(_("venue"), cleaned["venue"].name, _without(data, "venue")))
    if cleaned.get("source"):
        chips.append(Chip(_("source"), cleaned["source"].name, _without(data, "source")))
    if cleaned.get("event_type"):
        chips.append(Chip(_("event"), EventType(cleaned["event_type"]).label, _without(data, "event_type")))
    if cleaned.get("conflict"):
        chips.append(Chip(_("conflict"), cleaned["conflict"].name, _without(data, "conflict")))
    for name, label in (("date_from", _("from")), ("date_to", _("until"))):
        if cleaned.get(name):
            chips.append(Chip(label, cleaned[name].isoformat(), _without(data, name)))
    return chips


def _count_copies(articles: list[Article]) -> None:
    """`copies_count` on each article of a page: one query for the page, not a join over the list."""
    counts = dict(
        Article.objects.filter(copy_of__in=articles).values_list("copy_of").annotate(n=Count("id")).order_by()
    )
    for article in articles:
        article.copies_count = counts.get(article.id, 0)


def _facets(filters: ArticleFilter, articles: QuerySet) -> list[Facet]:
    """For each filter, the values found in the newest FACET_SAMPLE results, with how many
    articles each has."""
    data = filters.data
    ids = list(articles.newest_first().values_list("id", flat=True)[:FACET_SAMPLE])
    sample = any_of("article_id", ids)  # read once, used four times
    actor_counts = (
        ArticleActor.objects.filter(sample, actor__status="active").values("actor").annotate(n=Count("*"))
    )
    venue_counts = ArticleVenue.objects.filter(sample).values("venue").annotate(n=Count("*"))
    actor_counts = {row["actor"]: row["n"] for row in actor_counts.order_by("-n")[:FACET_SIZE]}
    venue_counts = {row["venue"]: row["n"] for row in venue_counts.order_by("-n")[:FACET_SIZE]}
    actors = Actor.objects.in_bulk(list(actor_counts))
    venues = Venue.objects.in_bulk(list(venue_counts))
    types = (
        Event.articles.through.objects.filter(sample, event__in=Event.objects.not_rejected())
        .values(kind=F("event__kind"))
        .annotate(n=Count("article_id", distinct=True))
    )
    sources = (
        Article.objects.filter(any_of("id", ids))
        .exclude(source=None)
        .values("source")
        .annotate(n=Count("id"))
        .order_by("-n")[:FACET_SIZE]
    )
    source_names = Source.objects.in_bulk([row["source"] for row in sources])
    return [
        Facet("actor", _("actors"), [
            (a.slug, a.name, actor_counts[i], _with(data, "actor", a.slug))
            for i, a in sorted(actors.items(), key=lambda item: -actor_counts[item[0]])
        ]),
        Facet("venue", _("venues"), [
            (v.slug, v.name, venue_counts[i], _with(data, "venue", v.slug))
            for i, v in sorted(venues.items(), key=lambda item: -venue_counts[item[0]])
        ]),
        Facet("event_type", _("events"), [
            (row["kind"], EventType(row["kind"]).label, row["n"], _with(data, "event_type", row["kind"]))
            for row in types.order_by("-n")
        ]),
        Facet("source", _("sources"), [
            (source_names[row["source"]].slug, source_names[row["source"]].name, row["n"],
             _with(data, "source", source_names[row["source"]].slug))
            for row in sources
        ]),
    ]  # fmt: skip


def _first_mentions(articles: list[Article], actors: list[Actor]) -> dict[int, Mention]:
    """Each article's first mention in the body of one of `actors` (not rejected), in one query."""
    if not articles or not actors:
        return {}
    mentions = (
        Mention.objects.not_rejected()
        .filter(article__in=articles, actor__in=actors, in_title=False)
        .order_by("article_id", "start")
        .distinct("article_id")
    )
    return {mention.article_id: mention for mention in mentions}


def _snippet(article: Article, mention: Mention | None, width: int = 90) -> dict | None:
    """The words around a mention, the matched spelling apart to be marked."""
    if mention is None:
        return None
    body = article.body
    start = max(0, mention.start - width)
    end = min(len(body), mention.end + width)
    return {
        "before": ("…" if start else "") + body[start : mention.start],
        "match": body[mention.start : mention.end],
        "after": body[mention.end : end] + ("…" if end < len(body) else ""),
    }
