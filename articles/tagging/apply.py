"""Write the tagger's suggestions for an article, keeping every decision editors made.

`tag(article)` is the one entry point: ingest calls it inside the article's
transaction, the `tag` command and the admin's re-tag action call it later.
Suggested mentions and suggested events of the article are replaced; confirmed and
rejected mentions stay, and no new suggestion is made for a span an editor decided
on. Events an editor confirmed keep their articles.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Count, Q, Value
from simple_history.utils import bulk_create_with_history

from articles.models import (
    Actor,
    ActorKind,
    ActorStatus,
    Alias,
    Article,
    DatePrecision,
    Event,
    EventParticipant,
    Mention,
    ReviewStatus,
)
from articles.tagging.cues import Cues, load_cues
from articles.tagging.lexicon import Lexicon, get_lexicon
from articles.tagging.suggest import Candidate, Found, SuggestedEvent, suggest_article
from articles.text.normalize import normalize_phrase


def tag(article: Article, lexicon: Lexicon | None = None, cues: Cues | None = None) -> Counter:
    lexicon = lexicon or get_lexicon()
    cues = cues or load_cues()
    suggestions, body_start = suggest_article(article.title, article.body, article.published, lexicon, cues)
    counts: Counter = Counter()
    with transaction.atomic():
        decided = set(
            Mention.objects.filter(article=article)
            .exclude(status=ReviewStatus.SUGGESTED)
            .values_list("in_title", "start", "end")
        )
        Mention.objects.filter(article=article, status=ReviewStatus.SUGGESTED).delete()
        mentions = [_mention(article, found, body_start) for found in suggestions.mentions]
        for candidate in suggestions.candidates:
            mention = _candidate_mention(article, candidate, body_start)
            if mention is not None:
                mentions.append(mention)
        fresh = _unique_spans(m for m in mentions if (m.in_title, m.start, m.end) not in decided)
        bulk_create_with_history(fresh, Mention)
        counts["mentions"] = len(fresh)
        _replace_events(article, suggestions.events)
        counts["events"] = len(suggestions.events)
    return counts


def index_for_search(article_ids: list[int]) -> None:
    """Fill the full-text vector from the normalized title (weight A) and body (weight B)."""
    for article in Article.objects.filter(id__in=article_ids).only("id", "title", "body"):
        Article.objects.filter(id=article.id).update(
            search_vector=SearchVector(Value(normalize_phrase(article.title)), weight="A", config="simple")
            + SearchVector(Value(normalize_phrase(article.body)), weight="B", config="simple")
        )


def _mention(article: Article, found: Found, body_start: int) -> Mention:
    in_title = found.start < body_start
    offset = 0 if in_title else body_start
    return Mention(
        article=article,
        actor_id=found.entity_id if found.kind == "actor" else None,
        venue_id=found.entity_id if found.kind == "venue" else None,
        in_title=in_title,
        start=found.start - offset,
        end=found.end - offset,
        matched_text=found.text[:300],
        confidence=found.confidence,
        method=found.method,
        is_event_place=found.event_place,
    )


def _unique_spans(mentions) -> list[Mention]:
    seen, unique = set(), []
    for mention in mentions:
        key = (mention.in_title, mention.start, mention.end)
        if key not in seen:
            seen.add(key)
            unique.append(mention)
    return unique


def _candidate_mention(article: Article, candidate: Candidate, body_start: int) -> Mention | None:
    """Propose an unknown person as a candidate actor (once), and mention them."""
    key = normalize_phrase(candidate.name)
    known = Alias.objects.filter(normalized=key, actor__isnull=False).select_related("actor").first()
    if known is not None and known.actor.status == ActorStatus.REJECTED:
        return None  # an editor already said this is not an actor
    actor = known.actor if known else _new_candidate(candidate, key)
    found = Found("actor", actor.id, candidate.start, candidate.end, candidate.name, 0.40, "discovery")
    return _mention(article, found, body_start)


def _new_candidate(candidate: Candidate, key: str) -> Actor:
    actor = Actor.objects.create(
        slug=f"candidate-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
        kind=ActorKind.PERSON,
        status=ActorStatus.CANDIDATE,
        name=candidate.name,
        title=candidate.title[:200],
        country_id=candidate.country_id,
    )
    Alias.objects.create(actor=actor, name=candidate.name)
    return actor


def _replace_events(article: Article, events: list[SuggestedEvent]) -> None:
    # Suggested events reported by this article alone go; shared or confirmed ones stay.
    mine = Event.objects.filter(articles=article, status=ReviewStatus.SUGGESTED).annotate(
        reports=Count("articles")
    )
    Event.objects.filter(id__in=[e.id for e in mine if e.reports == 1]).delete()
    for suggested in events:
        event = _same_event(suggested) or Event.objects.create(
            kind=suggested.kind,
            date=suggested.date,
            date_precision=suggested.precision if suggested.date else DatePrecision.UNKNOWN,
            venue_id=suggested.venue_id,
        )
        event.articles.add(article)
        taken = set(EventParticipant.objects.filter(event=event).values_list("actor_id", "role"))
        bulk_create_with_history(
            [
                EventParticipant(event=event, actor_id=actor_id, role=role)
                for actor_id, role in suggested.participants.items()
                if (actor_id, role) not in taken
            ],
            EventParticipant,
        )


def _same_event(suggested: SuggestedEvent) -> Event | None:
    """An event already in the archive that this one reports: same type and day, same venue
    (or, without a venue, at least two participants in common)."""
    if suggested.date is None or suggested.precision != DatePrecision.DAY:
        return None
    same_day = Event.objects.filter(kind=suggested.kind, date=suggested.date).exclude(
        status=ReviewStatus.REJECTED
    )
    if suggested.venue_id is not None:
        return same_day.filter(venue_id=suggested.venue_id).first()
    return (
        same_day.annotate(
            shared=Count("participations", filter=Q(participations__actor_id__in=suggested.participants))
        )
        .filter(shared__gte=2)
        .order_by("-shared")
        .first()
    )
