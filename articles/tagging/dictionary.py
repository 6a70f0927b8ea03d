"""Load the actor and venue dictionary (a TOML data file) into the database.

Loading is an upsert by slug: running it again after editing the file updates
names, roles and aliases, and never deletes what editors added in the admin.
See the header of `articles/data/dictionary.toml` for the format.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.models import Actor, ActorKind, ActorRole, Alias, Venue
from articles.text.normalize import normalize_phrase

DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "data" / "dictionary.toml"


class DictionaryError(ValueError):
    """The dictionary file is inconsistent; the message names the entry."""


def read_dictionary(path: Path = DICTIONARY_PATH) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@transaction.atomic
def load_dictionary(path: Path = DICTIONARY_PATH, gazetteer: bool = True) -> Counter:
    """Load the dictionary file, then (unless told not to) the world gazetteer, which
    completes it without overriding it (`articles/gazetteer/load.py`)."""
    data = read_dictionary(path)
    counts: Counter = Counter()
    actors = {}
    # States first: people, organisations and venues refer to them by slug.
    entries = sorted(data.get("actor", []), key=lambda entry: entry["kind"] != ActorKind.STATE)
    for entry in entries:
        actor, _created = Actor.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "kind": entry["kind"],
                "name": entry["name"],
                "name_latin": entry.get("name_latin", ""),
                "title": entry.get("title", ""),
                **({"code": entry["code"]} if "code" in entry else {}),
            },
        )
        actors[actor.slug] = actor
        # After the upsert: a state is its own country.
        actor.country = _country(actors, entry)
        actor.save(update_fields=["country"])
        counts["actors"] += 1
        counts["aliases"] += _add_aliases(
            {"actor": actor},
            full=[entry["name"], entry.get("name_latin", ""), *entry.get("aliases", [])],
            short=entry.get("short_aliases", []),
            adjectives=entry.get("adjectives", []),
        )
        for role in entry.get("roles", []):
            ActorRole.objects.update_or_create(
                actor=actor,
                role=role["role"],
                country=_country(actors, role),
                start=role.get("start"),
                defaults={"end": role.get("end")},
            )
            counts["roles"] += 1
    for entry in data.get("venue", []):
        venue, _created = Venue.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "kind": entry["kind"],
                "name": entry["name"],
                "name_latin": entry.get("name_latin", ""),
                "country": _country(actors, entry),
            },
        )
        counts["venues"] += 1
        counts["aliases"] += _add_aliases(
            {"venue": venue}, full=[entry["name"], entry.get("name_latin", ""), *entry.get("aliases", [])]
        )
    if gazetteer:
        from articles.gazetteer.load import load_gazetteer

        load_gazetteer(counts)
    return counts


def _country(actors: dict[str, Actor], entry: dict) -> Actor | None:
    slug = entry.get("country")
    if not slug:
        return None
    if slug not in actors:
        raise DictionaryError(f"{entry.get('slug', entry)}: unknown country {slug!r}")
    return actors[slug]


def _add_aliases(owner: dict, full: list[str], short: list[str] = (), adjectives: list[str] = ()) -> int:
    """Add spellings not yet recorded for this entity (by normalized form)."""
    known = set(Alias.objects.filter(**owner).values_list("normalized", flat=True))
    new = []
    for names, flags in ((full, {}), (short, {"is_short": True}), (adjectives, {"is_adjective": True})):
        for name in names:
            key = normalize_phrase(name)
            if key and key not in known:
                new.append(Alias(name=name.strip(), normalized=key, **owner, **flags))
                known.add(key)
    bulk_create_with_history(new, Alias)
    return len(new)
