"""What editors do to the archive: decide on suggestions, merge actors, settle candidates.

The admin's actions and views call these functions; each runs in one transaction,
locks the rows it changes, and leaves the change in the history (django-simple-history
records every save, with the user from the request).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.models import Actor, ActorStatus, Alias, Event, EventParticipant, Mention, ReviewStatus


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
    """Accept candidate actors into the dictionary, or reject them for good."""
    status = ActorStatus.ACTIVE if accept else ActorStatus.REJECTED
    changed = 0
    with transaction.atomic():
        for actor in Actor.objects.select_for_update().filter(
            pk__in=[a.pk for a in actors], status=ActorStatus.CANDIDATE
        ):
            actor.status = status
            actor.save(update_fields=["status"])
            changed += 1
    return changed
