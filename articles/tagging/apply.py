"""Write the tagger's suggestions for an article, keeping every decision editors made.

`tag_new(articles)` tags a batch of articles ingest has just created, inside its
transaction; `tag(article)` tags one again (the `tag` command, the admin's re-tag
action). Both write through `_write_suggestions`.
Suggested mentions and suggested events of the article are replaced; confirmed and
rejected mentions stay, and no new suggestion is made for a span an editor decided
on. Events an editor confirmed keep their articles.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from articles.bulk_copy import copy_with_history
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
    """Suggest mentions and events for `article` again, keeping what editors decided."""
    with transaction.atomic():
        decided = _clear_suggested_mentions(article)
        _delete_own_suggested_events(article)
        return _write_suggestions([article], lexicon, cues, {article.id: decided})


def tag_new(articles: list[Article], lexicon: Lexicon | None = None, cues: Cues | None = None) -> Counter:
    """Suggest mentions and events for articles created in the current transaction (ingest):
    they have no tags yet, so there is nothing to replace or keep. The whole batch is
    written in a few statements."""
    return _write_suggestions(articles, lexicon, cues, {})


def _write_suggestions(
    articles: list[Article], lexicon: Lexicon | None, cues: Cues | None, decided: dict[int, set]
) -> Counter:
    """Write each article's suggestions except on the spans editors decided on (`decided`,
    by article id). The articles are handled in order, as if tagged one after the other:
    a later one reports the events and meets the candidate actors of the earlier ones."""
    lexicon = lexicon or get_lexicon()
    cues = cues or load_cues()
    suggested = [(a, *suggest_article(a.title, a.body, a.published, lexicon, cues)) for a in articles]
    if _learn_towns(suggested, lexicon, cues):  # new spellings of towns: tag again with them
        lexicon = get_lexicon()
        suggested = [(a, *suggest_article(a.title, a.body, a.published, lexicon, cues)) for a in articles]
    candidates = _CandidateActors([c for _, suggestions, _ in suggested for c in suggestions.candidates])
    counts: Counter = Counter()
    mentions = []
    with transaction.atomic():
        for article, suggestions, body_start in suggested:
            own = [_mention(article, found, body_start) for found in suggestions.mentions]
            for candidate in suggestions.candidates:
                actor = candidates.actor(candidate)
                if actor is not None:
                    found = Found(
                        "actor", actor.id, candidate.start, candidate.end, candidate.name, 0.40, "discovery"
                    )
                    own.append(_mention(article, found, body_start))
            spans = decided.get(article.id, set())
            mentions += _unique_spans(m for m in own if (m.in_title, m.start, m.end) not in spans)
            counts["events"] += len(suggestions.events)
        copy_with_history(mentions)
        counts["mentions"] = len(mentions)
        _add_events([(article, suggestions.events) for article, suggestions, _ in suggested])
    return counts


def _learn_towns(suggested: list, lexicon: Lexicon, cues: Cues) -> bool:
    """Towns known by their Latin name only, and places a place noun names, met in these
    articles (`gazetteer.towns`)."""
    from articles.gazetteer.towns import learn, towns_in

    spellings = [
        pair
        for article, suggestions, _body_start in suggested
        for pair in towns_in(
            f"{article.title}\n{article.body}", suggestions, lexicon, cues.filler, cues.place_nouns
        )
    ]
    return bool(spellings) and learn(spellings) > 0


def _clear_suggested_mentions(article: Article) -> set[tuple[bool, int, int]]:
    """Delete the article's suggested mentions; return the spans (in_title, start, end) editors decided on."""
    decided = set(
        Mention.objects.filter(article=article)
        .exclude(status=ReviewStatus.SUGGESTED)
        .values_list("in_title", "start", "end")
    )
    Mention.objects.filter(article=article, status=ReviewStatus.SUGGESTED).delete()
    return decided


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


class _CandidateActors:
    """The actor each discovered name stands for: one already recorded under that spelling
    (read once for the batch), else a new candidate actor, created once; None when an
    editor rejected it."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self._actors: dict[str, Actor | None] = {}
        keys = {normalize_phrase(candidate.name) for candidate in candidates}
        if keys:
            known = Alias.objects.filter(normalized__in=keys, actor__isnull=False).select_related("actor")
            for alias in known.order_by("pk"):
                self._actors.setdefault(alias.normalized, alias.actor)
        for key, actor in self._actors.items():
            if actor.status == ActorStatus.REJECTED:
                self._actors[key] = None  # an editor already said this is not an actor

    def actor(self, candidate: Candidate) -> Actor | None:
        key = normalize_phrase(candidate.name)
        if key not in self._actors:
            self._actors[key] = _new_candidate(candidate, key)
        return self._actors[key]


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


def _delete_own_suggested_events(article: Article) -> None:
    # Suggested events reported by this article alone go; shared or confirmed ones stay.
    mine = Event.objects.filter(articles=article, status=ReviewStatus.SUGGESTED).annotate(
        reports=Count("articles")
    )
    Event.objects.filter(id__in=[e.id for e in mine if e.reports == 1]).delete()


@dataclass(eq=False)
class _Known:
    """An event as this run sees it: the row, its participants (actor id, role) and the
    through rows (id, article id) linking it to its articles."""

    event: Event
    participants: set[tuple[int, str]] = field(default_factory=set)
    links: list[tuple[int, int]] = field(default_factory=list)

    def shared(self, suggested: SuggestedEvent) -> int:
        return sum(actor_id in suggested.participants for actor_id, _role in self.participants)


def _add_events(reports: list[tuple[Article, list[SuggestedEvent]]]) -> None:
    """Link each article to an event per suggestion: one already in the archive, or created
    by an article before it, that it reports (see `_same_event`), else a new one; add the
    participants the event lacks.

    Written in a few bulk statements (the participants by COPY) with the history
    django-simple-history would record one event at a time: "+" for each new event, "~"
    with a snapshot of the event's articles for each `event.articles.add(article)`, "+"
    for each participant."""
    known = _events_on_the_same_days([event for _, events in reports for event in events])
    created, participants, linking = [], [], []
    added: list[tuple[_Known, int]] = []  # each add(), with how many links the event then had
    for article, events in reports:
        reported_here = []
        for suggested in events:
            reported = _same_event(known, suggested)
            if reported is None:
                reported = _Known(
                    Event(
                        kind=suggested.kind,
                        date=suggested.date,
                        date_precision=suggested.precision if suggested.date else DatePrecision.UNKNOWN,
                        venue_id=suggested.venue_id,
                    )
                )
                created.append(reported)
                known.append(reported)
            reported_here.append(reported)
            for actor_id, role in suggested.participants.items():
                if (actor_id, role) not in reported.participants:
                    reported.participants.add((actor_id, role))
                    participants.append((reported, actor_id, role))
        for reported in dict.fromkeys(reported_here):
            if article.id not in {a for _id, a in reported.links}:
                reported.links.append((None, article.id))  # its id comes with the INSERT below
                linking.append((reported, len(reported.links) - 1))
        added += [(reported, len(reported.links)) for reported in reported_here]
    if not added:
        return

    Event.objects.bulk_create([r.event for r in created])
    Event.history.bulk_history_create([r.event for r in created], default_change_reason=None)
    links = Event.articles.through.objects.bulk_create(
        [Event.articles.through(event_id=r.event.id, article_id=r.links[n][1]) for r, n in linking]
    )
    for (reported, n), link in zip(linking, links, strict=True):
        reported.links[n] = (link.id, link.article_id)
    # Every add() records the event with all its articles, even when the link existed.
    history = Event.history.bulk_history_create(
        [r.event for r, _ in added], update=True, default_change_reason=None
    )
    article_history = HistoricalRecords.m2m_models[Event.articles.field]
    article_history.objects.bulk_create(
        article_history(history=record, id=link_id, event_id=reported.event.id, article_id=article_id)
        for record, (reported, count) in zip(history, added, strict=True)
        for link_id, article_id in reported.links[:count]
    )
    copy_with_history(
        [EventParticipant(event=r.event, actor_id=actor_id, role=role) for r, actor_id, role in participants]
    )


def _events_on_the_same_days(events: list[SuggestedEvent]) -> list[_Known]:
    """The archive's events that `_same_event` may pick for these suggestions, oldest first."""
    days = {(e.kind, e.date) for e in events if e.date is not None and e.precision == DatePrecision.DAY}
    if not days:
        return []
    rows = (
        Event.objects.filter(reduce(or_, (Q(kind=kind, date=date) for kind, date in days)))
        .exclude(status=ReviewStatus.REJECTED)
        .order_by("id")
    )
    known = {event.id: _Known(event) for event in rows}
    if known:
        for event_id, actor_id, role in EventParticipant.objects.filter(event_id__in=known).values_list(
            "event_id", "actor_id", "role"
        ):
            known[event_id].participants.add((actor_id, role))
        for link_id, event_id, article_id in (
            Event.articles.through.objects.filter(event_id__in=known)
            .order_by("id")
            .values_list("id", "event_id", "article_id")
        ):
            known[event_id].links.append((link_id, article_id))
    return list(known.values())


def _same_event(known: list[_Known], suggested: SuggestedEvent) -> _Known | None:
    """An event already known that this one reports: same type and day, same venue
    (or, without a venue, at least two participants in common; the most, then the oldest)."""
    if suggested.date is None or suggested.precision != DatePrecision.DAY:
        return None
    same_day = [k for k in known if k.event.kind == suggested.kind and k.event.date == suggested.date]
    if suggested.venue_id is not None:
        return next((k for k in same_day if k.event.venue_id == suggested.venue_id), None)
    best = max(same_day, key=lambda k: k.shared(suggested), default=None)
    return best if best is not None and best.shared(suggested) >= 2 else None
