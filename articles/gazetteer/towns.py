"""Towns GeoNames knows by a Latin name only (Mek'ele, Alamata, Korem), learnt from the
articles: a word after a place cue ("في ميكيلي", "مدينة ألاماتا"), not among the 30,000 most
frequent Arabic words, in an article that names the town's country, whose sound skeleton is
the town's (`text/skeleton.py`: ميكيلي = مقلي =
Mek'ele = MKL) becomes that town — a venue with coordinates, and the spelling an alias the
tagger then matches like any other. The alias is marked ambiguous, so later articles need
the same evidence (a place cue, or the country named) before it counts.

Places no gazetteer holds are learnt the same way when a place noun names their kind:
an unknown, uncommon word right after "مدينة", "بلدة", "إقليم", "ولاية"… ("إقليم تيغراي",
"بلدة كوبو") becomes a venue of that kind (no coordinates; its country when the article
names exactly one state), with the spelling as an ambiguous alias. Editors correct or
merge it like any venue.
"""

from __future__ import annotations

import csv
import uuid
from functools import cache

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from articles.gazetteer.load import GAZETTEER
from articles.models import Actor, ActorKind, Alias, Venue, VenueKind
from articles.tagging.document import Suggestions
from articles.tagging.lexicon import Lexicon
from articles.text.normalize import normalize, tokenize
from articles.text.skeleton import skeleton

MIN_LETTERS = 4  # a shorter word is too often something else
CUES = {"في", "الي", "قرب", "نحو"}  # normalized; the filler words ("مدينة") count too
ARABIC_LETTERS = range(0x0621, 0x064B)
PRONOUNS = ("ها", "هم", "هما")  # attached to a noun or verb, never ending a town's name


@cache
def common_words() -> frozenset[str]:
    """The most frequent Arabic words (generated from wordfreq by build_gazetteer)."""
    return frozenset((GAZETTEER / "common_words.txt").read_text(encoding="utf-8").split())


@cache
def towns_by_country() -> dict[str, dict[str, dict]]:
    """country slug → skeleton → the largest town with it."""
    index: dict[str, dict[str, dict]] = {}
    with (GAZETTEER / "towns.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):  # largest first
            for key in row["skeletons"].split("|"):
                index.setdefault(row["country"], {}).setdefault(key, row)
    return index


def towns_in(
    text: str, suggestions: Suggestions, lexicon: Lexicon, filler: frozenset[str], place_nouns: dict[str, str]
) -> list[tuple[str, dict]]:
    """(spelling as written, town) for the unknown words after a place cue that sound like a
    town of a country the article names; after a place noun, an unknown word that sounds
    like no town is a place of the noun's kind: (spelling, {"kind", "country"})."""
    states = _states_named(suggestions, lexicon)
    towns, common = towns_by_country(), common_words()
    covered = [(m.start, m.end) for m in suggestions.mentions]
    tokens = tokenize(text)
    found = []
    for index in range(1, len(tokens)):
        token = tokens[index]
        if any(start <= token.start < end for start, end in covered):
            continue
        before = normalize(tokens[index - 1].text)
        if not (before in CUES or before in filler or before in place_nouns):
            continue
        for spelling in _forms(token.text):
            word = normalize(spelling)
            if (
                spelling.endswith(PRONOUNS)  # "افتتاحها" is an opening, not Fatih
                or len(word) < MIN_LETTERS
                or word.startswith("ال")
                or word in common
                or not all(ord(c) in ARABIC_LETTERS for c in word)
            ):
                continue
            town = next((towns[s][key] for s in states if (key := skeleton(word)) in towns.get(s, {})), None)
            if town is not None:
                found.append((spelling, town))
                break
            if before in place_nouns and _proper(spelling, tokens[index - 1].text, common):
                country = states[0] if len(states) == 1 else None
                found.append((spelling, {"kind": place_nouns[before], "country": country}))
                break
    return found


def _proper(written: str, noun: str, common: frozenset[str]) -> bool:
    """Not an adjective agreeing with a feminine noun ("بلدة حدودية", "محافظة مجاورة"; after
    a masculine one a feminine word is a name: "إقليم أمهرة"), a word with a pronoun
    ("لتنظيمه") or a common word under a proclitic ("بموجب")."""
    if written.endswith("ه") or (noun.endswith("ة") and written.endswith("ة")):
        return False
    word = normalize(written)
    return not any(word.startswith(p) and word[1:] in common for p in "بلكوف")


def learn(spellings: list[tuple[str, dict]]) -> int:
    """Record each town or named place as a venue with its spelling; return how many
    spellings are new."""
    countries = dict(Actor.objects.filter(kind=ActorKind.STATE).values_list("slug", "id"))
    new = 0
    for spelling, town in spellings:
        if "geonameid" in town:
            venue = _venue(town, spelling, countries.get(town["country"]))
        else:
            venue = _named_place(spelling, town["kind"], countries.get(town["country"]))
        _alias, created = Alias.objects.get_or_create(
            venue=venue, normalized=normalize(spelling), defaults={"name": spelling, "is_ambiguous": True}
        )
        new += created
    return new


def _venue(town: dict, spelling: str, country_id: int | None) -> Venue:
    geonameid = int(town["geonameid"])
    venue = Venue.objects.filter(geonameid=geonameid).first()
    if venue is not None:
        return venue
    slug = slugify(town["name_latin"]) or f"town-{geonameid}"
    if Venue.objects.filter(slug=slug).exists():
        slug = f"{slug}-{geonameid}"
    try:
        with transaction.atomic():
            return Venue.objects.create(
                slug=slug,
                kind=VenueKind.CITY,
                name=spelling,
                name_latin=town["name_latin"],
                country_id=country_id,
                latitude=float(town["latitude"]),
                longitude=float(town["longitude"]),
                population=int(town["population"]),
                geonameid=geonameid,
            )
    except IntegrityError:  # another process learnt it at the same moment
        return Venue.objects.get(geonameid=geonameid)


def _named_place(spelling: str, kind: str, country_id: int | None) -> Venue:
    """The venue already bearing this spelling, or a new one of `kind`."""
    known = Alias.objects.filter(normalized=normalize(spelling), venue__isnull=False).first()
    if known is not None:
        return known.venue
    return Venue.objects.create(
        slug=f"place-{uuid.uuid4().hex[:12]}", kind=kind, name=spelling, country_id=country_id
    )


def _states_named(suggestions: Suggestions, lexicon: Lexicon) -> list[str]:
    """The slugs of the states the article names (the lexicon knows which actors are states;
    their slugs are kept per process, read again when a state is new)."""
    ids = {
        m.entity_id
        for m in suggestions.mentions
        if m.kind == "actor" and lexicon.actor_kind.get(m.entity_id) == "state"
    }
    if ids - _state_slugs().keys():
        _state_slugs.cache_clear()
    slugs = _state_slugs()
    return [slugs[i] for i in ids if i in slugs]


@cache
def _state_slugs() -> dict[int, str]:
    return dict(Actor.objects.filter(kind=ActorKind.STATE).values_list("id", "slug"))


def _forms(text: str) -> list[str]:
    """The word as written, then without a conjunction ("وميكيلي")."""
    return [text, *(text[len(p) :] for p in ("و", "ف") if text.startswith(p))]
