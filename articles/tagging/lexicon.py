"""The tagger's view of the dictionary: token tries over normalized aliases and role phrases.

Built once from the database (aliases, dated roles) and the dictionary file (role
phrases), cached per process, rebuilt when the alias or role tables change.
Matching is a walk down a trie of normalized tokens from each position: one pass
over the text for all aliases at once, not a regular expression per alias.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from articles.text.normalize import normalize_phrase

END = "\0"  # trie key holding the payloads of a phrase that ends at this node
OPENINGS_KEPT = 1 << 17  # words whose openings a trie remembers before it starts afresh


class Trie(dict):
    """The root of a token trie: normalized word → node (a dict, the same way down), END
    holding the payloads of a phrase that ends at a node.

    It also remembers, for each word asked about, the nodes the word opens under any of
    its forms (`matcher.stems`): the tagger walks four tries from every word of every
    article, and most words open nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.openings: dict[str, tuple[tuple[str, dict], ...]] = {}


@dataclass(frozen=True)
class Entry:
    """What an alias names."""

    kind: str  # "actor" | "venue"
    id: int
    short: bool = False  # a surname alone
    adjective: bool = False  # a nationality adjective (states)
    ambiguous: bool = False  # also an ordinary word: needs a place cue or support in the article


@dataclass(frozen=True)
class Term:
    actor_id: int
    start: datetime.date | None
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Lexicon:
    aliases: Trie = field(default_factory=Trie)  # → set[Entry]
    roles: Trie = field(default_factory=Trie)  # → set[role key]
    terms: dict[tuple[str, int | None], list[Term]] = field(default_factory=lambda: defaultdict(list))
    actor_kind: dict[int, str] = field(default_factory=dict)
    venue_kind: dict[int, str] = field(default_factory=dict)
    venue_country: dict[int, int] = field(default_factory=dict)  # venue id → state actor id
    actor_roles: dict[int, list[tuple[str, int | None, Term]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add_alias(self, phrase: str, entry: Entry) -> None:
        add_phrase(self.aliases, phrase, entry)

    def add_role_phrase(self, phrase: str, role: str) -> None:
        add_phrase(self.roles, phrase, role)

    def add_term(self, actor_id: int, role: str, country_id: int | None, term: Term) -> None:
        self.terms[(role, country_id)].append(term)
        self.actor_roles[actor_id].append((role, country_id, term))

    def holders(self, role: str, country_id: int | None, day: datetime.date) -> set[int]:
        return {t.actor_id for t in self.terms.get((role, country_id), ()) if t.covers(day)}

    def national(self, role: str) -> bool:
        """Whether the role is held per country (a president) rather than once (a UN secretary-general)."""
        return any(country is not None for key, country in self.terms if key == role)

    def roles_of(self, actor_id: int, day: datetime.date) -> list[tuple[str, int | None]]:
        return [
            (role, country) for role, country, term in self.actor_roles.get(actor_id, ()) if term.covers(day)
        ]


def add_phrase(trie: dict, phrase: str, payload: object) -> None:
    """File `payload` under the normalized words of `phrase` (nothing for a phrase without words)."""
    words = normalize_phrase(phrase).split()
    if not words:
        return
    if isinstance(trie, Trie):
        trie.openings.clear()  # a new phrase may begin with a word already asked about
    node = trie
    for word in words:
        node = node.setdefault(word, {})
    node.setdefault(END, set()).add(payload)


_cache: dict[str, object] = {}


def get_lexicon() -> Lexicon:
    """The cached lexicon, rebuilt when aliases, actors or roles changed since it was built."""
    version = dictionary_version()
    if _cache.get("version") != version:
        _cache["lexicon"] = build_lexicon()
        _cache["version"] = version
    return _cache["lexicon"]  # type: ignore[return-value]


def dictionary_version():
    """The dictionary's stamp (`models.DictionaryVersion`): it changes whenever an alias,
    role, venue or active actor the lexicon uses is added, removed or edited (candidates
    proposed by discovery do not count). One primary-key read: every name search asks."""
    from django.db import connection

    from articles.models import DictionaryVersion

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stamp FROM {DictionaryVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def build_lexicon() -> Lexicon:
    from django.db.models import Q

    from articles.models import ActorRole, ActorStatus, Alias
    from articles.tagging.dictionary import read_dictionary

    lexicon = Lexicon()
    # Venues' aliases and active actors' (not candidates, rejected or merged ones).
    aliases = Alias.objects.filter(Q(actor__isnull=True) | Q(actor__status=ActorStatus.ACTIVE)).values_list(
        "name", "actor_id", "venue_id", "is_short", "is_adjective", "is_ambiguous", "actor__kind", "venue__kind",
        "venue__country_id",
    )  # fmt: skip
    for name, actor_id, venue_id, short, adjective, ambiguous, actor_kind, venue_kind, country in aliases:
        if actor_id:
            lexicon.actor_kind[actor_id] = actor_kind
            lexicon.add_alias(name, Entry("actor", actor_id, short, adjective, ambiguous))
        else:
            lexicon.venue_kind[venue_id] = venue_kind
            if country:
                lexicon.venue_country[venue_id] = country
            lexicon.add_alias(name, Entry("venue", venue_id, ambiguous=ambiguous))
    for role in read_dictionary().get("role", []):
        for phrase in role["phrases"]:
            lexicon.add_role_phrase(phrase, role["key"])
    for actor_id, role, country_id, start, end in ActorRole.objects.values_list(
        "actor_id", "role", "country_id", "start", "end"
    ):
        lexicon.add_term(actor_id, role, country_id, Term(actor_id, start, end))
    return lexicon
