"""Which articles belong to which conflict, from their tags; editors' choices stand.

An article is in a conflict when, within the conflict's period (a month's margin either
side), it names one of the conflict's people, organisations or venues, or two of its
states (states take part in many conflicts at once: Russia, Turkey, the United States).
Read from the actor and venue pairs tables, which already hold each kept mention's date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q

from articles.models import ActorKind, ArticleActor, ArticleConflict, ArticleVenue, AssignedBy, Conflict

PERIOD_MARGIN = datetime.timedelta(days=31)
STATES_NEEDED = 2


def tagged_articles(conflict: Conflict, article_ids: Iterable[int] | None = None) -> set[int]:
    """The articles whose tags put them in `conflict`."""
    in_period = Q()
    if conflict.start:
        in_period &= Q(published__gte=conflict.start - PERIOD_MARGIN)
    if conflict.end:
        in_period &= Q(published__lte=conflict.end + PERIOD_MARGIN)
    if article_ids is not None:
        in_period &= Q(article_id__in=list(article_ids))
    actors = conflict.actors.all()
    found = set(
        ArticleActor.objects.filter(in_period, actor__in=actors.exclude(kind=ActorKind.STATE)).values_list(
            "article_id", flat=True
        )
    )
    found |= set(
        ArticleVenue.objects.filter(in_period, venue__in=conflict.venues.all()).values_list(
            "article_id", flat=True
        )
    )
    states = (
        ArticleActor.objects.filter(in_period, actor__in=actors.filter(kind=ActorKind.STATE))
        .values("article_id")
        .annotate(states=Count("actor_id", distinct=True))
        .filter(states__gte=STATES_NEEDED)
    )
    found |= {row["article_id"] for row in states}
    return found


@transaction.atomic
def assign_articles(conflict: Conflict, article_ids: Iterable[int] | None = None) -> int:
    """Make the tag-assigned rows of `conflict` match its tags (for `article_ids`, or for
    every article); leave editors' rows alone. Returns how many articles it holds now."""
    article_ids = None if article_ids is None else list(article_ids)
    wanted = tagged_articles(conflict, article_ids)
    rows = ArticleConflict.objects.filter(conflict=conflict, assigned_by=AssignedBy.TAGS)
    if article_ids is not None:
        rows = rows.filter(article_id__in=article_ids)
    rows.exclude(article_id__in=wanted).delete()
    ArticleConflict.objects.bulk_create(
        [ArticleConflict(conflict=conflict, article_id=i) for i in wanted],
        ignore_conflicts=True,
        batch_size=5000,
    )
    return ArticleConflict.objects.filter(conflict=conflict, kept=True).count()


def assign_all(article_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Every conflict's articles again (for `article_ids`, or all); articles per conflict."""
    article_ids = None if article_ids is None else list(article_ids)
    return {conflict.slug: assign_articles(conflict, article_ids) for conflict in Conflict.objects.all()}


@transaction.atomic
def set_by_editor(conflict: Conflict, article_ids: Iterable[int], kept: bool) -> int:
    """An editor puts articles in a conflict or takes them out, for good."""
    changed = 0
    for article_id in article_ids:
        ArticleConflict.objects.update_or_create(
            conflict=conflict,
            article_id=article_id,
            defaults={"assigned_by": AssignedBy.EDITOR, "kept": kept},
        )
        changed += 1
    return changed


def load_conflicts(path) -> list[Conflict]:
    """Create or update the conflicts of a TOML file (format: articles/data/demo-conflicts.toml),
    add their `people` as an editor would, and assign their articles."""
    import tomllib

    from articles.models import Actor, Venue

    with open(path, "rb") as handle:
        entries = tomllib.load(handle)["conflict"]
    conflicts = []
    for entry in entries:
        conflict, _created = Conflict.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "name_latin": entry.get("name_latin", ""),
                "start": entry.get("start"),
                "end": entry.get("end"),
                "description": entry.get("description", ""),
            },
        )
        actors = list(Actor.objects.filter(slug__in=entry.get("actors", [])))
        for person in entry.get("people", []):
            actors.append(_person(person["name"], person.get("name_latin", "")))
        conflict.actors.set(actors)
        conflict.venues.set(Venue.objects.filter(slug__in=entry.get("venues", [])))
        assign_articles(conflict)
        conflicts.append(conflict)
    return conflicts


def _person(name: str, name_latin: str):
    """The person as an editor would settle it: the actor already in the dictionary, else
    the candidate discovery proposed, accepted with its Latin name, else a new actor."""
    from articles.curation import add_actor, settle_candidates
    from articles.models import ActorStatus, Alias
    from articles.text.normalize import normalize_phrase

    spelled = Alias.objects.filter(normalized=normalize_phrase(name)).select_related("actor")
    known = spelled.filter(actor__status=ActorStatus.ACTIVE).first()
    if known:
        return known.actor
    candidate = spelled.filter(actor__status=ActorStatus.CANDIDATE).first()
    if candidate is None:
        return add_actor("person", name, name_latin)
    actor = candidate.actor
    if name_latin and not actor.name_latin:
        actor.name_latin = name_latin
        actor.save(update_fields=["name_latin"])
        Alias.objects.get_or_create(
            actor=actor, normalized=normalize_phrase(name_latin), defaults={"name": name_latin}
        )
    settle_candidates([actor], accept=True)
    actor.refresh_from_db()
    return actor
