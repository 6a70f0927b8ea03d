"""The cast of the synthetic corpus: states, organisations, venues and people from the dictionary,
with the spellings and dated roles the writer uses.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bench.vocabulary import (
    CONFLICT_PROMINENCE,
    DICTIONARY_PATH,
    FEMININE_PLURALS,
    FEMININE_STARTS,
    PROMINENCE,
    VENUE_PROMINENCE,
    YEARS_SUFFIX,
    Weighted,
    is_arabic,
    variants,
    zipf,
)


@dataclass(frozen=True)
class State:
    slug: str
    aliases: Weighted
    adj_m: Weighted  # "الأرميني", "الأرمني", …
    adj_f: Weighted  # "الأرمينية", "الأرمنية", …


@dataclass(frozen=True)
class Org:
    slug: str
    aliases: Weighted  # of (alias, feminine): "اللجنة الدولية…" is feminine, "الصليب الأحمر" is not


@dataclass(frozen=True)
class Venue:
    slug: str
    aliases: Weighted
    country: str


@dataclass(frozen=True)
class Person:
    slug: str
    full: Weighted  # Arabic aliases: full names
    short: Weighted | None  # Arabic short aliases: surnames
    latin: str
    fem: bool
    title: str  # the dictionary's display title without its years
    roles: tuple[tuple[str, str | None, datetime.date, datetime.date | None], ...]

    def role_on(self, day: datetime.date) -> tuple[str, str | None] | None:
        """(role, country) held on the day, if any."""
        for key, country, start, end in self.roles:
            if start <= day and (end is None or day < end):
                return key, country
        return None


def _arabic_forms(entry: dict) -> list[str]:
    """The entry's Arabic aliases, its display name first."""
    forms = [a for a in entry.get("aliases", []) if is_arabic(a) and a != entry["name"]]
    return [entry["name"], *forms]


class Names:
    """Actors, states, organisations and venues of the dictionary, ready to draw from."""

    def __init__(self, path: Path = DICTIONARY_PATH) -> None:
        with open(path, "rb") as file:
            data = tomllib.load(file)
        self.states: dict[str, State] = {}
        self.people: dict[str, Person] = {}
        orgs: list[Org] = []
        for actor in data.get("actor", []):
            aliases = _arabic_forms(actor)
            kind = actor.get("kind")
            if kind == "state":
                adjectives = actor.get("adjectives", [])
                masculine = [a for a in adjectives if a.startswith("ال") and a + "ة" in adjectives]
                if masculine:
                    self.states[actor["slug"]] = State(
                        actor["slug"],
                        variants(aliases, 0.85),
                        variants(masculine, 0.75),
                        variants([a + "ة" for a in masculine], 0.75),
                    )
            elif kind == "organisation":
                gendered = [
                    (a, a.split()[0].endswith("ة") or a.split()[0] in FEMININE_PLURALS) for a in aliases
                ]
                orgs.append(Org(actor["slug"], variants(gendered, 0.7)))
            elif kind == "person":
                short = [a for a in actor.get("short_aliases", []) if is_arabic(a)]
                title = YEARS_SUFFIX.sub("", actor.get("title", ""))
                self.people[actor["slug"]] = Person(
                    slug=actor["slug"],
                    full=variants(aliases, 0.6),
                    short=variants(short, 0.7) if short else None,
                    latin=actor.get("name_latin", ""),
                    fem=title.startswith(FEMININE_STARTS),
                    title=title,
                    roles=tuple(
                        (r["role"], r.get("country"), r["start"], r.get("end"))
                        for r in actor.get("roles", [])
                    ),
                )
        raw_venues = {v["slug"]: v for v in data.get("venue", [])}
        self.venues = {
            slug: Venue(slug, variants(_arabic_forms(v), 0.8), v.get("country", ""))
            for slug, v in raw_venues.items()
        }
        home = ("armenia", "azerbaijan")
        meeting = [s for s in VENUE_PROMINENCE if s in raw_venues]
        meeting += [
            s
            for s, v in raw_venues.items()
            if s not in meeting and v.get("kind") == "city" and v.get("country") not in home
        ]
        conflict = [s for s in CONFLICT_PROMINENCE if s in raw_venues]
        conflict += [
            s for s, v in raw_venues.items() if s not in conflict + meeting and v.get("country") in home
        ]
        if not meeting or not conflict or not all(s in self.states for s in home):
            raise ValueError(f"{path}: the generator needs venues and the states armenia and azerbaijan")
        self.meeting_venues = zipf([self.venues[s] for s in meeting], 1.0, 1.5)
        self.conflict_venues = zipf([self.venues[s] for s in conflict], 1.0, 1.5)
        self.third_states = zipf([state for slug, state in self.states.items() if slug not in home], 1.1)
        self.orgs = zipf(orgs, 1.0, 1.5)
        # Offices: (country, role) → holders with their dates.
        self.holders: dict[
            tuple[str | None, str], list[tuple[datetime.date, datetime.date | None, Person]]
        ] = {}
        for person in self.people.values():
            for key, country, start, end in person.roles:
                self.holders.setdefault((country, key), []).append((start, end, person))
        order = [s for s in PROMINENCE if s in self.people]
        order += [s for s in self.people if s not in order]
        self.prominence = [self.people[s] for s in order]
        self._pools: dict[tuple[bool, ...], Weighted] = {}
        self._pool_of_day: dict[datetime.date, Weighted] = {}

    def holder(self, country: str, role: str, day: datetime.date) -> Person | None:
        for start, end, person in self.holders.get((country, role), ()):
            if start <= day and (end is None or day < end):
                return person
        return None

    def pool(self, day: datetime.date) -> Weighted:
        """Everyone, by prominence (Zipf): those in office on the day; the others rarely."""
        pool = self._pool_of_day.get(day)
        if pool is None:
            active = tuple(p.role_on(day) is not None for p in self.prominence)
            pool = self._pools.get(active)
            if pool is None:
                weights = [(1.0 if on else 0.03) / (rank + 1.0) for rank, on in enumerate(active)]
                pool = self._pools[active] = Weighted(self.prominence, weights)
            self._pool_of_day[day] = pool
        return pool


# ---------------------------------------------------------------------------
# One story
# ---------------------------------------------------------------------------
