"""Load the world gazetteer (articles/data/gazetteer/) into the actor and venue tables.

Called by `load_dictionary` after the conflict's own dictionary, which wins: an entry
already there (same slug, same ISO code, or for a city one of its spellings) keeps its
names and gains the gazetteer's spellings, code and coordinates. Loading again adds
nothing twice. Bulk writes: the gazetteer holds some 9,000 cities.
"""

from __future__ import annotations

import csv
import tomllib
from collections import Counter
from pathlib import Path

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from articles.models import Actor, ActorKind, Alias, Venue, VenueKind
from articles.text.normalize import normalize_phrase

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer"


def read_toml(name: str) -> list[dict]:
    with (GAZETTEER / name).open("rb") as handle:
        return tomllib.load(handle)["actor"]


def read_cities() -> list[dict]:
    with (GAZETTEER / "cities.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load_gazetteer(counts: Counter) -> None:
    states = _load_actors(read_toml("countries.toml") + read_toml("organisations.toml"), counts)
    _load_cities(read_cities(), states, counts)


def _load_actors(entries: list[dict], counts: Counter) -> dict[str, Actor]:
    by_slug = Actor.objects.in_bulk([e["slug"] for e in entries], field_name="slug")
    by_code = {a.code: a for a in Actor.objects.filter(kind=ActorKind.STATE).exclude(code="")}
    new, coded = [], []
    for entry in entries:
        actor = by_slug.get(entry["slug"]) or by_code.get(entry.get("code", "-"))
        if actor is None:
            actor = Actor(
                slug=entry["slug"], kind=entry["kind"], name=entry["name"], name_latin=entry["name_latin"]
            )
            actor.code = entry.get("code", "")
            new.append(actor)
        elif entry.get("code") and actor.code != entry["code"]:
            actor.code = entry["code"]
            coded.append(actor)
        by_slug[entry["slug"]] = actor
    bulk_create_with_history(new, Actor)
    bulk_update_with_history(coded, Actor, ["code"])
    counts["actors"] += len(new)
    states = {a.slug: a for a in Actor.objects.filter(kind=ActorKind.STATE)}
    missing_country = [a for a in new if a.kind == ActorKind.STATE]
    for actor in missing_country:
        actor.country = states[actor.slug]
    bulk_update_with_history(missing_country, Actor, ["country"])
    aliases = []
    for entry in entries:
        actor = by_slug[entry["slug"]]
        ambiguous = {normalize_phrase(a) for a in entry.get("ambiguous", [])}
        aliases += [
            (actor, name, {"is_ambiguous": normalize_phrase(name) in ambiguous})
            for name in [entry["name"], entry["name_latin"], *entry.get("aliases", [])]
        ]
        aliases += [(actor, name, {"is_adjective": True}) for name in entry.get("adjectives", [])]
    counts["aliases"] += _add_aliases("actor", aliases)
    return states


def _load_cities(rows: list[dict], states: dict[str, Actor], counts: Counter) -> None:
    by_slug = Venue.objects.in_bulk(field_name="slug")
    by_form = dict(Alias.objects.filter(venue__isnull=False).values_list("normalized", "venue_id"))
    by_id = {v.id: v for v in by_slug.values()}
    new, located = [], []
    for row in rows:
        forms = row["aliases"].split("|")
        venue = by_slug.get(row["slug"]) or next(
            (by_id[by_form[f]] for f in map(normalize_phrase, forms) if f in by_form), None
        )
        place = {
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
            "population": int(row["population"]),
            "geonameid": int(row["geonameid"]),
        }
        if venue is None:
            venue = Venue(
                slug=row["slug"],
                kind=VenueKind.CITY,
                name=row["name"],
                name_latin=row["name_latin"],
                country=states[row["country"]],
                **place,
            )
            new.append(venue)
        elif any(getattr(venue, key) != value for key, value in place.items()):
            for key, value in place.items():
                setattr(venue, key, value)
            venue.country = venue.country or states[row["country"]]
            located.append(venue)
        row["venue"] = venue
    bulk_create_with_history(new, Venue, batch_size=1000)
    bulk_update_with_history(located, Venue, [*place, "country"], batch_size=500)
    counts["venues"] += len(new)
    aliases = []
    for row in rows:
        ambiguous = set(row["ambiguous"].split("|")) - {""}
        aliases += [(row["venue"], row["name_latin"], {})]
        aliases += [
            (row["venue"], name, {"is_ambiguous": name in ambiguous}) for name in row["aliases"].split("|")
        ]
    counts["aliases"] += _add_aliases("venue", aliases)


def _add_aliases(field: str, aliases: list[tuple[object, str, dict]]) -> int:
    """Create the spellings an entity does not have yet (by normalized form)."""
    owners = {owner.pk for owner, _name, _flags in aliases}
    known = set(Alias.objects.filter(**{f"{field}_id__in": owners}).values_list(f"{field}_id", "normalized"))
    new = []
    for owner, name, flags in aliases:
        key = normalize_phrase(name)
        if key and (owner.pk, key) not in known:
            known.add((owner.pk, key))
            new.append(Alias(name=name.strip(), normalized=key, **{field: owner}, **flags))
    bulk_create_with_history(new, Alias, batch_size=2000)
    return len(new)
