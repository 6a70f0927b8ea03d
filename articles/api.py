"""The public JSON API, CSV export and Atom feed: thin function views over `filters.py`.

Every list goes through its FilterSet; a bad parameter answers 400 naming it, never a
500. Lists load their related rows with a fixed number of queries, whatever the page
size. The contract is documented in docs/api.md.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from django import forms
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from articles.context import site_name
from articles.filters import ArticleFilter, EventFilter
from articles.models import (
    Actor,
    ActorStatus,
    Alias,
    Article,
    Event,
    EventType,
    Venue,
)
from articles.models.article import SORT_KEY, UNLISTED
from articles.paging import COUNT_CAP, Cursor, capped_count, keyset_page, offset_page
from articles.search import MAX_QUERY_CHARS, find_actors, find_venues

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
LOOKUP_LIMIT = 50  # actors and venues answered at most
FEED_SIZE = 50
LIST_SEPARATOR = "؛ "  # Arabic semicolon, between names in one CSV cell
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 forbids


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)
    after = forms.CharField(max_length=40, required=False)

    def clean_after(self) -> Cursor | None:
        if not self.cleaned_data["after"]:
            return None
        try:
            return Cursor.parse(self.cleaned_data["after"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict:
        if self.cleaned_data.get("after") and (self.cleaned_data.get("page") or 1) > 1:
            raise forms.ValidationError({"after": "give `page` or `after`, not both"})
        return self.cleaned_data

    @property
    def rows_wanted(self) -> int:
        """How many rows of the list a numbered page reads: those before it, its own, one more."""
        return (self.cleaned_data["page"] or 1) * (self.cleaned_data["page_size"] or PAGE_SIZE) + 1


class LookupForm(forms.Form):
    q = forms.CharField(max_length=MAX_QUERY_CHARS, required=False)


# Answers


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _invalid(*errors: Mapping[str, Iterable]) -> JsonResponse:
    parameters: dict[str, list[str]] = {}
    for error_dict in errors:
        for name, messages in error_dict.items():
            parameters.setdefault(name, []).extend(str(message) for message in messages)
    return _json({"error": "invalid parameter", "parameters": parameters}, status=400)


def _not_found() -> JsonResponse:
    return _json({"error": "not found"}, status=404)


def _paginated(
    request: HttpRequest,
    queryset: QuerySet,
    paging: PageForm,
    row: Callable[[HttpRequest, object], dict],
    key: str | None,
    counted: tuple[int, bool] | None = None,
) -> JsonResponse:
    """A page and the link to the next one, which continues after this page's last row (a
    keyset cursor on `key`: as fast at the ten-thousandth page as at the first). Page
    numbers reach the first COUNT_CAP rows; `count` stops there too, and `count_capped`
    says so (`counted` when the caller knows it already). A list without a key (relevance
    order) goes by page numbers alone."""
    size = paging.cleaned_data["page_size"] or PAGE_SIZE
    number = paging.cleaned_data["page"] or 1
    if key is None and paging.cleaned_data["after"]:
        return _invalid({"after": ["A list in relevance order goes by `page`, not `after`"]})
    count, capped = counted or capped_count(queryset)
    if number > 1:
        offset = (number - 1) * size
        if offset >= count:
            return _invalid({"page": ["That page contains no results (beyond the count: follow `next`)"]})
        page = offset_page(queryset, key, offset, size)
    else:
        page = keyset_page(queryset, key, paging.cleaned_data["after"], size)
    if key is None:
        following = _list_url(request, page=str(number + 1)) if page.more else None
    else:
        following = _list_url(request, after=str(page.next_cursor)) if page.next_cursor else None
    return _json(
        {
            "count": count,
            "count_capped": capped,
            "next": following,
            "previous": _list_url(request, page=str(number - 1)) if number > 1 else None,
            "results": [row(request, item) for item in page.rows],
        }
    )


def _list_url(request: HttpRequest, **position: str) -> str:
    """This list with every filter kept and its position (`page` or `after`) replaced."""
    params = request.GET.copy()
    for name in ("page", "after"):
        params.pop(name, None)
    for name, value in position.items():
        params[name] = value
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


# Rows


def _article_url(request: HttpRequest, article: Article) -> str:
    return request.build_absolute_uri(reverse("articles:detail", args=[article.pk]))


def _article(request: HttpRequest, article: Article) -> dict:
    return {
        "id": article.pk,
        "url": _article_url(request, article),
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "date_precision": article.date_precision,
        "source": article.source.name if article.source else None,
        "source_slug": article.source.slug if article.source else None,
        "author": article.author,
        "origin": article.origin,
        "actors": [actor._asdict() for actor in article.listed_actors],
        "venues": [venue._asdict() for venue in article.listed_venues],
    }


def _event(event: Event) -> dict:
    return {
        "id": event.pk,
        "kind": event.kind,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "venue": {"slug": event.venue.slug, "name": event.venue.name} if event.venue else None,
        "participants": [
            {"slug": p.actor.slug, "name": p.actor.name, "role": p.role} for p in event.listed_participations
        ],
    }


def _listed_event(request: HttpRequest, event: Event) -> dict:
    return {**_event(event), "articles": [article.pk for article in event.listed_articles]}


def _article_ids() -> Prefetch:
    return Prefetch("articles", queryset=Article.objects.only("id").order_by("id"), to_attr="listed_articles")


# Articles and events


@require_safe
def article_list(request: HttpRequest) -> JsonResponse:
    paging = PageForm(request.GET)
    reading = (
        {"rows_wanted": paging.rows_wanted, "after": paging.cleaned_data["after"]}
        if paging.is_valid()
        else {}
    )
    articles = ArticleFilter(request.GET, **reading)
    if not (articles.is_valid() & paging.is_valid()):  # both checked: every bad parameter is named
        return _invalid(articles.errors, paging.errors)
    listed = articles.qs.for_lists().defer("body")
    key = None if articles.by_relevance else SORT_KEY
    return _paginated(request, listed, paging, _article, key, articles.counted_by_index(COUNT_CAP))


@require_safe
def article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    events = Event.objects.not_rejected().order_by("date", "id").with_participants()
    found = Article.objects.for_lists().prefetch_related(
        Prefetch("events", queryset=events, to_attr="listed_events")
    )
    article = found.filter(pk=pk).first()
    if article is None:
        return _not_found()
    answer = _article(request, article)
    answer["body"] = article.body
    answer["events"] = [_event(event) for event in article.listed_events]
    return _json(answer)


@require_safe
def event_list(request: HttpRequest) -> JsonResponse:
    events, paging = EventFilter(request.GET), PageForm(request.GET)
    if not (events.is_valid() & paging.is_valid()):
        return _invalid(events.errors, paging.errors)
    listed = events.qs.with_participants().prefetch_related(_article_ids())
    return _paginated(request, listed, paging, _listed_event, "date")


# Actors and venues


def _entity(entity: Actor | Venue) -> dict:
    return {
        "slug": entity.slug,
        "name": entity.name,
        "name_latin": entity.name_latin,
        "kind": entity.kind,
        "aliases": [alias.name for alias in entity.aliases.all()],
    }


def _aliases() -> Prefetch:
    return Prefetch("aliases", queryset=Alias.objects.order_by("name", "id"))


@require_safe
def actor_list(request: HttpRequest) -> JsonResponse:
    lookup = LookupForm(request.GET)
    if not lookup.is_valid():
        return _invalid(lookup.errors)
    query = lookup.cleaned_data["q"]
    if query:
        ranked = [hit.actor.pk for hit in find_actors(query)][:LOOKUP_LIMIT]
        found = Actor.objects.prefetch_related(_aliases()).in_bulk(ranked)
        actors = [found[pk] for pk in ranked if pk in found]
    else:
        active = Actor.objects.filter(status=ActorStatus.ACTIVE).order_by("name", "id")
        actors = active.prefetch_related(_aliases())[:LOOKUP_LIMIT]
    return _json({"results": [_entity(actor) for actor in actors]})


@require_safe
def venue_list(request: HttpRequest) -> JsonResponse:
    lookup = LookupForm(request.GET)
    if not lookup.is_valid():
        return _invalid(lookup.errors)
    query = lookup.cleaned_data["q"]
    venues = find_venues(query) if query else Venue.objects.order_by("name", "id")
    return _json(
        {"results": [_entity(venue) for venue in venues.prefetch_related(_aliases())[:LOOKUP_LIMIT]]}
    )


# CSV


class _Echo:
    """A file-like object that hands back what csv.writer writes, for streaming."""

    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted (scraped titles are untrusted)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def _csv(filename: str, header: list[str], rows: Iterator[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # the BOM: spreadsheets then read the file as UTF-8 and show the Arabic
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _names(entities: list[dict]) -> str:
    return LIST_SEPARATOR.join(entity["name"] for entity in entities)


ARTICLE_COLUMNS = ["id", "title", "published", "date_precision", "source", "author", "origin", "url"]
EVENT_COLUMNS = ["id", "kind", "date", "date_precision", "venue", "participants", "articles"]


@require_safe
def articles_csv(request: HttpRequest) -> StreamingHttpResponse | JsonResponse:
    articles = ArticleFilter(request.GET)
    if not articles.is_valid():
        return _invalid(articles.errors)
    listed = articles.qs.for_lists().defer("body")

    def rows() -> Iterator[list]:
        for article in listed.iterator(chunk_size=500):
            row = _article(request, article)
            yield [*(row[column] for column in ARTICLE_COLUMNS), _names(row["actors"]), _names(row["venues"])]

    return _csv("articles.csv", [*ARTICLE_COLUMNS, "actors", "venues"], rows())


@require_safe
def events_csv(request: HttpRequest) -> StreamingHttpResponse | JsonResponse:
    events = EventFilter(request.GET)
    if not events.is_valid():
        return _invalid(events.errors)
    listed = events.qs.with_participants().prefetch_related(_article_ids())

    def rows() -> Iterator[list]:
        for event in listed.iterator(chunk_size=500):
            row = _listed_event(request, event)
            row["venue"] = row["venue"]["name"] if row["venue"] else None
            row["participants"] = _names(row["participants"])
            row["articles"] = LIST_SEPARATOR.join(map(str, row["articles"]))
            yield [row[column] for column in EVENT_COLUMNS]

    return _csv("events.csv", EVENT_COLUMNS, rows())


# Atom


@dataclass
class _FeedQuery:
    articles: ArticleFilter
    url: str  # this feed's own address, its Atom id


class ArticleFeed(Feed):
    """The newest articles matching a filter, as Atom, titled in Arabic with what was asked."""

    feed_type = Atom1Feed
    language = "ar"

    def subtitle(self) -> str:
        return f"أحدث المقالات المطابقة في {_site_name_in_arabic()}"

    def get_object(self, request: HttpRequest, articles: ArticleFilter) -> _FeedQuery:
        return _FeedQuery(articles, request.build_absolute_uri())

    def title(self, query: _FeedQuery) -> str:
        asked = _xml_text(_describe(query.articles))
        name = _site_name_in_arabic()
        return f"{name}: {asked}" if asked else name

    def link(self) -> str:
        return reverse("articles:list")

    def feed_url(self, query: _FeedQuery) -> str:
        return query.url

    def feed_guid(self, query: _FeedQuery) -> str:
        return query.url

    def items(self, query: _FeedQuery) -> QuerySet:
        return query.articles.qs.select_related("source").defer(*UNLISTED)[:FEED_SIZE]

    def item_title(self, article: Article) -> str:
        return _xml_text(article.title)  # the feed writer escapes it once

    def item_description(self, article: Article) -> str:
        return _xml_text(Truncator(article.body).words(60))

    def item_link(self, article: Article) -> str:
        return reverse("articles:detail", args=[article.pk])

    def item_author_name(self, article: Article) -> str | None:
        author = article.author or (article.source.name if article.source else None)
        return _xml_text(author) if author else None

    def item_pubdate(self, article: Article) -> datetime.datetime | None:
        if article.published is None:
            return None
        return datetime.datetime.combine(article.published, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, article: Article) -> datetime.datetime:
        return article.ingested_at


def _site_name_in_arabic() -> str:
    """The feed is in Arabic whatever the reader's language."""
    with translation.override("ar"):
        return str(site_name())


def _xml_text(text: str) -> str:
    """Text without the control characters XML 1.0 forbids: the feed writer fails on them, and
    a query or a scraped article may hold one (ingest refuses only text with many)."""
    return NOT_IN_XML.sub("", text)


def _describe(articles: ArticleFilter) -> str:
    """What a filter asks, in words: «سيرغي لافروف، نيكول باشينيان، بروكسل»."""
    asked = articles.form.cleaned_data
    parts = [actor.name for actor in asked.get("actor") or []]
    parts += [str(asked[key]) for key in ("venue", "source", "conflict") if asked.get(key)]
    if asked.get("event_type"):
        parts.append(str(EventType(asked["event_type"]).label))
    if asked.get("q"):
        parts.append(f"«{asked['q']}»")
    return "، ".join(parts)


@require_safe
def articles_atom(request: HttpRequest):
    articles = ArticleFilter(request.GET)
    if not articles.is_valid():
        return _invalid(articles.errors)
    return ArticleFeed()(request, articles=articles)
