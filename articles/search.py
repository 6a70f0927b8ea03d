"""Name search: any spelling of a negotiator, in Arabic or Latin script, to the actor and
the articles about them. One service for the pages, the API and `manage.py search`.

A query is tried against every recorded alias, in this order, and the first step
that finds someone answers:
1. exact — the normalized query is an alias ("سيرجي لافروف", "Lavrov");
2. clitics — the query's first word carries و ف ب ل ك or ال ("ولافروف", "بلافروف");
3. skeleton — same consonant skeleton (`text/skeleton.py`): غ/ج/ك, a doubled or dropped
   ي/و, Latin against Arabic ("Lavrov" ↔ لافروف, "باشنيان" ↔ باشينيان);
4. partial — one word of a full name, four letters or more, not a common given name
   ("Abiy" → Abiy Ahmed, "Assad" → Bashar al-Assad; every actor bearing it);
5. words — several words of a longer name, from its start ("Omar Hamdan" → Omar Hamdan
   Ahmed), or a longer name holding a recorded one ("Abiy Ahmed Ali" → Abiy Ahmed);
6. fuzzy — a typo: edit distance 1 (2 for long names) on the normalized form or the skeleton.

Articles are those with a mention of the actors found (not rejected by an editor);
when the query names nobody in the dictionary, PostgreSQL full-text search over the
normalized text answers instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db.models import Exists, OuterRef, QuerySet
from rapidfuzz.distance import Levenshtein

from articles.models import Actor, ActorKind, ActorStatus, Alias, Article, Venue
from articles.tagging.cues import load_cues
from articles.tagging.discovery import NAME_PARTICLES as ARABIC_NAME_PARTICLES
from articles.tagging.lexicon import dictionary_version
from articles.tagging.matcher import stems
from articles.text.normalize import normalize_phrase
from articles.text.skeleton import skeleton

MAX_QUERY_CHARS = 200
QUERY_WORD = re.compile(r'[^\s"]+')  # a word of a full-text query, with its leading `-` if any
MIN_SKELETON = 2  # classes; shorter skeletons ("L") match too much
NAME_PARTICLES = ARABIC_NAME_PARTICLES | {
    "bin",
    "ibn",
    "abu",
    "abdel",
    "abdul",
}  # with the next word, one name
MIN_PARTIAL = 4  # letters of one word of a full name that finds the actor by itself ("Abiy", "Assad")
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-")


@dataclass(frozen=True)
class ActorHit:
    actor: Actor
    how: str  # exact | clitics | skeleton | partial | fuzzy
    spellings: tuple[str, ...]  # the recorded spellings that matched


@dataclass
class _Index:
    by_form: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_skeleton: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_loose_form: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # what fuzzy tries
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # words of full names
    by_opening: dict[str, set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )  # first words of longer names
    spellings: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    actors: dict[int, Actor] = field(default_factory=dict)  # shared by every search: read them only
    version: tuple = ()


_index = _Index()


def _alias_index() -> _Index:
    """Every active alias by normalized form and by skeleton, and the active actors,
    rebuilt when the dictionary changes (any edit of an active actor changes its stamp)."""
    global _index
    version = dictionary_version()
    if _index.version != version:
        index = _Index(version=version)
        index.actors = Actor.objects.filter(status=ActorStatus.ACTIVE).in_bulk()
        given_names = load_cues().given_names
        aliases = Alias.objects.filter(actor__status=ActorStatus.ACTIVE)
        rows = aliases.values_list("actor_id", "name", "normalized", "is_adjective", "actor__kind")
        for actor_id, name, normalized, adjective, kind in rows:
            index.by_form[normalized].add(actor_id)
            index.spellings[actor_id].append(name)
            # States and adjectives are found as typed: their short names and nisbas would
            # catch ordinary words by sound or by a typo ("هدنة" ~ "هندي", "Assad" ~ "Saudi").
            if adjective or kind == ActorKind.STATE:
                continue
            index.by_loose_form[normalized].add(actor_id)
            words = normalized.split()
            for word in words if len(words) > 1 else ():
                word = _LATIN_ARTICLE.sub("", word)
                if len(word) >= MIN_PARTIAL and word not in given_names:
                    index.by_word[word].add(actor_id)
            # An opening of two names or more, "عبد الفتاح" or "Abu Bakr" counting as one: a
            # compound given name alone opens many names.
            units = _name_units(words)
            for end in range(2, len(units)):
                index.by_opening[" ".join(w for unit in units[:end] for w in unit)].add(actor_id)
            key = skeleton(name)
            if len(key.replace(" ", "")) >= MIN_SKELETON:
                index.by_skeleton[key].add(actor_id)
        _index = index
    return _index


def find_actors(query: str) -> list[ActorHit]:
    """The actors a query means, best first (an empty list when it names nobody we know)."""
    form = normalize_phrase(query[:MAX_QUERY_CHARS])
    if not form:
        return []
    index = _alias_index()
    for how, ids in _steps(form, index):
        if ids:
            hits = [
                ActorHit(index.actors[i], how, tuple(index.spellings[i])) for i in ids if i in index.actors
            ]
            return sorted(hits, key=lambda hit: (hit.actor.kind != "person", hit.actor.name))
    return []


def _steps(form: str, index: _Index):
    yield "exact", set(index.by_form.get(form, ()))
    first, _, rest = form.partition(" ")
    stripped = set()
    for stem, _prefix in stems(first)[1:]:
        stripped |= index.by_form.get(f"{stem} {rest}".strip(), set())
    yield "clitics", stripped
    key = skeleton(form)
    yield (
        "skeleton",
        set(index.by_skeleton.get(key, ())) if len(key.replace(" ", "")) >= MIN_SKELETON else set(),
    )
    yield "partial", set(index.by_word.get(_LATIN_ARTICLE.sub("", form), ())) if " " not in form else set()
    yield "words", set(index.by_opening.get(form, ())) or _holding_a_name(form, index)
    yield "fuzzy", _fuzzy(form, key, index)


def _name_units(words: list[str]) -> list[list[str]]:
    """The words of a name grouped as names: a particle ("عبد", "أبو", "bin") with the word after it."""
    units: list[list[str]] = []
    for word in words:
        if units and units[-1][-1] in NAME_PARTICLES:
            units[-1].append(word)
        else:
            units.append([word])
    return units


def _holding_a_name(form: str, index: _Index) -> set[int]:
    """The actors of the longest run of two words or more of the query that is a recorded
    name (of a person or an organisation: states and adjectives are found as typed)."""
    words = form.split()
    for length in range(len(words) - 1, 1, -1):
        found = set().union(
            *(
                index.by_loose_form.get(" ".join(words[i : i + length]), set())
                for i in range(len(words) - length + 1)
            )
        )
        if found:
            return found
    return set()


def _fuzzy(form: str, key: str, index: _Index) -> set[int]:
    allowed = 1 if len(form) < 9 else 2
    found = {i for alias, ids in index.by_loose_form.items() for i in ids if _close(form, alias, allowed)}
    if not found and len(key) >= 4:
        found = {i for alias, ids in index.by_skeleton.items() for i in ids if _close(key, alias, 1)}
    return found


def _close(a: str, b: str, allowed: int) -> bool:
    return abs(len(a) - len(b)) <= allowed and Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


@dataclass
class SearchResult:
    actors: list[ActorHit]
    articles: QuerySet
    full_text: bool  # no actor found: articles come from full-text search


def search(query: str) -> SearchResult:
    """Articles about the person (or words) in `query`, newest first."""
    actors = find_actors(query)
    return SearchResult(actors, _articles_for(query, actors).newest_first(), full_text=not actors)


def articles_matching(query: str) -> QuerySet:
    """What `search` finds, as a queryset to combine with other filters (unordered)."""
    return _articles_for(query, find_actors(query))


def _articles_for(query: str, actors: list[ActorHit]) -> QuerySet:
    if actors:
        return articles_mentioning([hit.actor for hit in actors])
    return full_text_search(query)


def articles_mentioning(actors: list[Actor]) -> QuerySet:
    """Articles with a kept mention of any of `actors` (see `ArticleQuerySet.with_any_actor`)."""
    return Article.objects.with_any_actor(actors)


def text_query(query: str) -> SearchQuery | None:
    """The full-text query for `query`'s normalized words (None when nothing is left of them)."""
    text = websearch_text(query)
    return SearchQuery(text, config="simple", search_type="websearch") if text.strip(' "') else None


def websearch_text(query: str) -> str:
    """`query` with each word normalized as the articles' vectors are, and the `websearch`
    syntax kept: quotes around a phrase, `-` before an excluded word, `or`."""

    def normalized(match: re.Match) -> str:
        word = match.group()
        excluded = word.startswith("-") and len(word) > 1
        form = normalize_phrase(word[1:] if excluded else word)
        return f"-{form}" if excluded and form else form

    return QUERY_WORD.sub(normalized, query[:MAX_QUERY_CHARS])


def full_text_search(query: str) -> QuerySet:
    words = text_query(query)
    return Article.objects.filter(search_vector=words) if words else Article.objects.none()


def find_venues(query: str) -> QuerySet:
    """Venues with a spelling equal to, then beginning with, the normalized query; by name within each."""
    form = normalize_phrase(query[:MAX_QUERY_CHARS])
    if not form:
        return Venue.objects.none()
    spellings = Alias.objects.filter(venue=OuterRef("pk"))
    return (
        Venue.objects.annotate(
            exact=Exists(spellings.filter(normalized=form)),
            prefix=Exists(spellings.filter(normalized__startswith=form)),
        )
        .filter(prefix=True)
        .order_by("-exact", "name", "id")
    )
