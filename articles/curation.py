"""What editors do to the archive: decide on suggestions, merge actors, settle candidates,
correct an article's text.

The admin's actions and views call these functions; each runs in one transaction,
locks the rows it changes, and leaves the change in the history (django-simple-history
records every save, with the user from the request).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from itertools import accumulate

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Actor,
    ActorStatus,
    Alias,
    AliasSuggestion,
    Article,
    CleaningRule,
    Event,
    EventParticipant,
    Mention,
    ReviewStatus,
    SuggestionReason,
)
from articles.tagging.aliases import grow_aliases, record_suggestions
from articles.tagging.apply import tag
from articles.text.normalize import normalize_phrase


class CurationError(ValueError):
    """An editor's request that cannot be carried out; the message says why."""


def review_mentions(mentions: Iterable[Mention], decision: str, user: AbstractBaseUser) -> int:
    """Confirm or reject mentions, recording who decided and when."""
    if decision not in {ReviewStatus.CONFIRMED, ReviewStatus.REJECTED}:
        raise CurationError(f"unknown decision {decision!r}")
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        for mention in Mention.objects.select_for_update().filter(pk__in=[m.pk for m in mentions]):
            mention.status, mention.reviewer, mention.reviewed_at = decision, user, now
            mention.save(update_fields=["status", "reviewer", "reviewed_at"])
            changed += 1
    return changed


def review_events(events: Iterable[Event], decision: str) -> int:
    if decision not in {ReviewStatus.CONFIRMED, ReviewStatus.REJECTED}:
        raise CurationError(f"unknown decision {decision!r}")
    changed = 0
    with transaction.atomic():
        for event in Event.objects.select_for_update().filter(pk__in=[e.pk for e in events]):
            event.status = decision
            event.save(update_fields=["status"])
            changed += 1
    return changed


def merge_actors(survivor: Actor, duplicate: Actor) -> Counter:
    """Move everything of `duplicate` to `survivor`; the duplicate stays, marked merged.

    Mentions, aliases (its names become aliases too), roles and event participations
    move; an alias or participation the survivor already has is dropped. Nothing else
    is deleted, and the merged actor keeps pointing at the survivor.
    """
    if survivor.pk == duplicate.pk:
        raise CurationError("an actor cannot be merged into itself")
    moved: Counter = Counter()
    with transaction.atomic():
        # Lock both rows in id order so two editors merging the same pair cannot deadlock.
        locked = {
            a.pk: a
            for a in Actor.objects.select_for_update()
            .filter(pk__in=[survivor.pk, duplicate.pk])
            .order_by("pk")
        }
        survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
        if duplicate.status == ActorStatus.MERGED or survivor.status == ActorStatus.MERGED:
            raise CurationError("one of these actors was already merged")
        if survivor.kind != duplicate.kind:
            raise CurationError(
                f"cannot merge a {duplicate.get_kind_display()} into a {survivor.get_kind_display()}"
            )

        for mention in Mention.objects.filter(actor=duplicate):
            mention.actor = survivor
            mention.save(update_fields=["actor"])
            moved["mentions"] += 1

        known = set(Alias.objects.filter(actor=survivor).values_list("normalized", flat=True))
        for alias in Alias.objects.filter(actor=duplicate):
            if alias.normalized in known:
                alias.delete()
            else:
                alias.actor = survivor
                alias.save()
                known.add(alias.normalized)
                moved["aliases"] += 1
        for name in (duplicate.name, duplicate.name_latin):
            alias = Alias(actor=survivor, name=name)
            if name and alias.normalize() not in known:
                alias.save()
                known.add(alias.normalized)
                moved["aliases"] += 1

        for role in duplicate.roles.all():
            role.actor = survivor
            role.save(update_fields=["actor"])
            moved["roles"] += 1

        taken = set(EventParticipant.objects.filter(actor=survivor).values_list("event_id", "role"))
        for participation in EventParticipant.objects.filter(actor=duplicate):
            if (participation.event_id, participation.role) in taken:
                participation.delete()
            else:
                participation.actor = survivor
                participation.save(update_fields=["actor"])
                moved["participations"] += 1

        duplicate.status, duplicate.merged_into = ActorStatus.MERGED, survivor
        duplicate.save(update_fields=["status", "merged_into"])
    return moved


def settle_candidates(actors: Iterable[Actor], accept: bool) -> int:
    """Accept candidate actors into the dictionary (with the spellings their names imply),
    or reject them for good."""
    status = ActorStatus.ACTIVE if accept else ActorStatus.REJECTED
    changed = 0
    with transaction.atomic():
        for actor in Actor.objects.select_for_update().filter(
            pk__in=[a.pk for a in actors], status=ActorStatus.CANDIDATE
        ):
            actor.status = status
            actor.save(update_fields=["status"])
            if accept:
                retag_articles_with(actor, [a.name for a in grow_aliases(actor)] + [actor.name])
                record_suggestions(actor)
            changed += 1
    return changed


def add_actor(kind: str, name: str, name_latin: str = "") -> Actor:
    """An actor as an editor adds one: one Arabic and one Latin spelling, and the spellings
    they imply (`tagging.aliases`). The slug comes from the Latin name."""
    base = slugify(name_latin) or slugify(name, allow_unicode=True) or "actor"
    slug, number = base[:90], 1
    while Actor.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base[:90]}-{number}"
    with transaction.atomic():
        actor = Actor.objects.create(slug=slug, kind=kind, name=name, name_latin=name_latin)
        spellings = sorted({name, name_latin} - {""})
        for spelling in spellings:
            Alias.objects.create(actor=actor, name=spelling)
        retag_articles_with(actor, spellings + [a.name for a in grow_aliases(actor)])
        record_suggestions(actor)
    return actor


def settle_suggestions(suggestions: Iterable[AliasSuggestion], accept: bool) -> int:
    """Accept suggested spellings (each becomes an alias, and the articles that hold it are
    tagged again) or reject them for good."""
    changed = 0
    with transaction.atomic():
        for suggestion in (
            AliasSuggestion.objects.select_for_update()
            .select_related("actor")
            .filter(pk__in=[s.pk for s in suggestions], status=ReviewStatus.SUGGESTED)
        ):
            if accept:
                Alias.objects.get_or_create(
                    actor=suggestion.actor,
                    normalized=suggestion.normalized,
                    defaults={"name": suggestion.name, "is_short": suggestion.is_short},
                )
                # Another spelling of the full name brings its surname ("فلتمان" of "جيفري فلتمان").
                grown = (
                    grow_aliases(suggestion.actor) if suggestion.reason == SuggestionReason.VARIANT else []
                )
                retag_articles_with(suggestion.actor, [suggestion.name, *(a.name for a in grown)])
            suggestion.status = ReviewStatus.CONFIRMED if accept else ReviewStatus.REJECTED
            suggestion.save(update_fields=["status"])
            changed += 1
    return changed


def retag_articles_with(actor: Actor, spellings: list[str]) -> int:
    """Tag again the articles the text index finds holding any of `spellings` (new names of
    `actor`), keeping editors' decisions; return how many. Runs in the editor's request
    (the job queue of issue #26 will take it to the background)."""
    from articles.search import text_query

    phrases = [f'"{normalize_phrase(s)}"' for s in spellings if normalize_phrase(s)]
    query = text_query(" or ".join(phrases)) if phrases else None
    if query is None:
        return 0
    retagged = 0
    for article in Article.objects.filter(search_vector=query).iterator(chunk_size=200):
        tag(article)
        retagged += 1
    return retagged


def decide_line(article: Article, line: str, decision: str, user: AbstractBaseUser) -> CleaningRule:
    """An editor's decision on one line of `article`'s page, as a rule for its source (for
    every source when the article has none); a rule already there for the line is updated."""
    with transaction.atomic():
        existing = (
            CleaningRule.objects.select_for_update()
            .filter(source=article.source, normalized=normalize_phrase(line))
            .first()
        )
        if existing is not None:
            existing.decision, existing.line = decision, line
            existing.save()
            return existing
        return CleaningRule.objects.create(
            source=article.source, line=line, decision=decision, created_by=user
        )


def follow_text_edit(article: Article, title_before: str, body_before: str) -> Counter:
    """After an editor corrected the title or the body of `article` (saved already): the
    mentions editors decided on move with the words they cover, or go when those words
    were changed; the suggestions are made again for the new text."""
    spans = {True: _moved_spans(title_before, article.title), False: _moved_spans(body_before, article.body)}
    counts: Counter = Counter()
    with transaction.atomic():
        decided = (
            Mention.objects.select_for_update().filter(article=article).exclude(status=ReviewStatus.SUGGESTED)
        )
        for mention in decided:
            span = spans[mention.in_title](mention.start, mention.end)
            if span is None:
                mention.delete()
                counts["dropped"] += 1
            elif span != (mention.start, mention.end):
                mention.start, mention.end = span
                mention.save(update_fields=["start", "end"])
                counts["moved"] += 1
        counts.update(tag(article))
    return counts


def _moved_spans(before: str, after: str) -> Callable[[int, int], tuple[int, int] | None]:
    """Where a span of `before` is in `after`: None unless its words are all kept, in one
    unchanged stretch. The texts are compared as runs of words and of spaces (difflib's
    matching blocks); character by character, a long article takes a second."""
    if before == after:
        return lambda start, end: (start, end)
    old, new = _PIECE.findall(before), _PIECE.findall(after)
    old_starts, new_starts = _starts(old), _starts(new)
    blocks = _matching_blocks(old, new)

    def moved(start: int, end: int) -> tuple[int, int] | None:
        first, last = bisect_right(old_starts, start) - 1, bisect_right(old_starts, end - 1) - 1
        for a, b, size in blocks:
            if a <= first and last < a + size:
                shift = new_starts[b] - old_starts[a]
                return start + shift, end + shift
        return None

    return moved


def _matching_blocks(old: list[str], new: list[str]) -> list[tuple[int, int, int]]:
    """difflib's matching blocks, the common beginning and end set aside first: an editor's
    correction is usually one place in a long text, and difflib is quadratic in the rest."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    return [
        (0, 0, head),
        *((a + head, b + head, size) for a, b, size in middle.get_matching_blocks() if size),
        (len(old) - tail, len(new) - tail, tail),
    ]


_PIECE = re.compile(r"\s+|\S+")


def _starts(pieces: list[str]) -> list[int]:
    """The offset of each piece in the text they make up."""
    return list(accumulate((len(piece) for piece in pieces[:-1]), initial=0))
