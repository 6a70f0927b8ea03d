"""The words of the synthetic corpus, composed into the pools its sentences draw from.

- Words: `vocabulary.toml`, next to this module, holds the word lists, phrase lists,
  outlet and author names and templates (loaded once, at import). Here they are
  composed into the pools sentences draw from (every head with every modifier, the
  objects with each clitic attached, the openings of reported opinions) and given the
  weights that are logic (most clauses end without a tail, half the statements name
  no occasion).
- Names: `cast.Names` reads the starter dictionary (`articles/data/dictionary.toml`).
- Sentences: `writer.Writer` writes the sentences of one story; `corpus.py` makes
  articles of them.

Order matters throughout: items are drawn by position from seeded generators, so the
order of the data and of the draws here is what makes a corpus reproducible.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from pathlib import Path

VOCABULARY_PATH = Path(__file__).resolve().with_name("vocabulary.toml")
DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "articles" / "data" / "dictionary.toml"

INDIC_DIGITS = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
YEARS_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")  # "(2018–2022)" after a title

Rand = Callable[[], float]

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


class Weighted:
    """Items drawn with given weights: one random number and a bisection."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cum = tuple(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, r: Rand):
        return self.items[bisect_right(self.cum, r() * self.total)]


def zipf(items: Sequence, s: float = 1.0, head: float = 1.0) -> Weighted:
    """Rank-weighted items: the first is the most likely, the tail long and thin."""
    return Weighted(items, [1.0 / (rank + head) ** s for rank in range(len(items))])


def variants(forms: Sequence, canonical: float = 0.6) -> Weighted:
    """Spelling variants: the canonical (first) form most often, the others share the rest."""
    if len(forms) == 1:
        return Weighted(forms, [1.0])
    rest = (1.0 - canonical) / (len(forms) - 1)
    return Weighted(forms, [canonical] + [rest] * (len(forms) - 1))


def is_arabic(text: str) -> bool:
    """Arabic script, and nothing that would need escaping in JSON."""
    return text.isprintable() and any("\u0600" <= c <= "\u06ff" for c in text)


def cl(clitic: str, text: str) -> str:
    """Attach a proclitic: و + باشينيان → وباشينيان; ل + الرئيس → للرئيس."""
    if not clitic:
        return text
    if clitic[-1] == "ل" and text.startswith("ال"):
        return clitic + "ل" + text[2:]
    return clitic + text


# ---------------------------------------------------------------------------
# Vocabulary: the parts sentences are assembled from (vocabulary.toml)
# ---------------------------------------------------------------------------


def _frozen(value):
    """TOML arrays as tuples, all the way down: the pools are indexed, never changed."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


with open(VOCABULARY_PATH, "rb") as _file:
    _V = _frozen(tomllib.load(_file))

MONTHS_EG = _V["calendar"]["months_eg"]
MONTHS_EG_ALT = _V["calendar"]["months_eg_alt"]
MONTHS_LEV = _V["calendar"]["months_lev"]
WEEKDAYS = _V["calendar"]["weekdays"]  # date.weekday() order

# Outlets and authors: invented names (with the gender the byline verb agrees with) and a few desks.
SOURCES = _V["bylines"]["sources"]
AUTHORS = (
    *(
        (f"{first} {last}", fem)
        for first, fem in _V["bylines"]["first_names"]
        for last in _V["bylines"]["last_names"]
    ),
    *_V["bylines"]["desks"],
)
BYLINE_LABELS = _V["bylines"]["labels"]

# Generic speakers: (phrase, feminine) — heads and modifiers combine.
_speakers = _V["speakers"]
GENERIC_SUBJECTS = (
    tuple((f"{h} {m}", False) for h in _speakers["masculine_heads"] for m in _speakers["masculine_modifiers"])
    + tuple((f"{h} {m}", True) for h in _speakers["feminine_heads"] for m in _speakers["feminine_modifiers"])
    + _speakers["singles"]
)
SAY = _speakers["say"]  # (masculine, feminine, what introduces the clause)
SAY_PAST = tuple(verb for verb in SAY if not verb[0].startswith("ي"))
OCCASIONS = _speakers["occasions"]
OCCASIONS += (("", ""),) * len(OCCASIONS)  # half the statements name no occasion
QUOTE_OPENERS = _speakers["quote_openers"]
QUOTE_VERBS = _speakers["quote_verbs"]
QUOTE_THREATS = _speakers["quote_threats"]

# Subjects of opinion clauses: (definite noun phrase, feminine). Most are composed (a head
# and an agreeing adjective): with a pool of some 1,500, two unrelated articles seldom
# share a word 3-shingle, which a short list of set phrases would make them do.
_topics = _V["topics"]
TOPICS = (
    tuple((f"{h} {m}", False) for h in _topics["masculine_heads"] for m in _topics["masculine_modifiers"])
    + tuple(
        (f"{h} {m}", False)
        for h in _topics["economic_masculine_heads"]
        for m in _topics["economic_masculine_modifiers"]
    )
    + tuple((f"{h} {m}", True) for h in _topics["feminine_heads"] for m in _topics["feminine_modifiers"])
    + tuple(
        (f"{h} {m}", True)
        for h in _topics["economic_feminine_heads"]
        for m in _topics["economic_feminine_modifiers"]
    )
    + _topics["phrases"]
)

PREDICATES = _V["clauses"]["predicates"]  # (masculine, feminine, clitic of the object: 0 none, 1 ب, 2 ل)
# Objects: composed (a noun in construct and its complement) and set phrases.
_objects = _V["objects"]
OBJECTS = tuple(f"{h} {c}" for h in _objects["heads"] for c in _objects["complements"]) + _objects["phrases"]
# What may end a clause: mostly nothing (a set phrase in every clause would be shared by all articles).
TAILS = ("",) * 80 + _V["clauses"]["tails"]
SEQUELS = _V["clauses"]["sequels"]
CONNECTORS = _V["clauses"]["connectors"]

# Precombined parts (one draw instead of several): the objects with each clitic attached,
# and the openings of reported opinions, "{verb} {speaker} {that}", with and without و.
_CLITICS = ("", "ب", "ل")
OBJECT_FORMS = tuple(tuple(cl(c, o) for o in OBJECTS) for c in _CLITICS)
OPINION_OPENERS = tuple(
    (f"و{say[fem]} {subject} {say[2]}", f"{say[fem]} {subject} {say[2]}")
    for subject, fem in GENERIC_SUBJECTS
    for say in SAY
)

MASDAR_HEADS = _V["masdars"]["heads"]  # verbal nouns that take an object in construct
MASDARS = _V["masdars"]["phrases"]

_economy = _V["economy"]
ECON_SUBJECTS = _economy["subjects"]
ECON_VERBS = _economy["verbs"]
ECON_PERIODS = _economy["periods"]
BY = _economy["by"]
ECON_SOURCES = ("", "") + _economy["sources"]

_institutions = _V["institutions"]
INSTITUTIONS = _institutions["names"]
ANNOUNCE = _institutions["announce"]
PLANS = _institutions["plans"]
PLAN_PURPOSES = _institutions["purposes"]
AMOUNTS = _institutions["amounts"] + (None, None)  # (before the figure, after it, its range); None: no amount
WHEN_PLAN = ("", "") + _institutions["when"]
PURPOSE_LINKS = _institutions["purpose_links"]

_context = _V["context"]
CONTEXT_OPENERS = _context["openers"]
CONTEXT_LINKS = _context["links"]
CONTEXT_PLACES = _context["places"]
CONTEXT_STATES = _context["states"]
REMAINS = _context["remains"]
DEBATES = _context["debates"]

STATE_STANCES = _V["positions"]["stances"]
FOLLOW_UPS = _V["positions"]["follow_ups"]

BACKGROUND_OPENERS = _V["background"]["openers"]
DURATIONS = _V["background"]["durations"]
DISCUSSED = _V["background"]["discussed"]
BACKGROUND_ANCHORS = _V["background"]["anchors"]  # (day, text the date follows), by date
ANCHOR_DAYS = tuple(d for d, _ in BACKGROUND_ANCHORS)

_figures = _V["figures"]
DISPLACED_ESTIMATES = _figures["displaced_estimates"]
DISPLACED_SINCE = _figures["displaced_since"]
BORDER_STATES = _figures["border_states"]
ABOUT = _figures["about"]
PERCENT_UNITS = _figures["percent_units"]
INDEX_SENTENCES = _figures["index_sentences"]

_ledes = _V["ledes"]
NEAR = _ledes["near"]
MEDIATIONS = _ledes["mediations"]
MEETING_OCCASIONS = _ledes["meeting_occasions"]
MEETING_ORDINALS = _ledes["meeting_ordinals"]
MEETING_SINCE = _ledes["meeting_since"]
SUMMIT_KINDS = _ledes["summit_kinds"]
CEASEFIRE_STARTS = _ledes["ceasefire_starts"]
OPERATION_AIMS = _ledes["operation_aims"]
TITLE_MEETINGS = _ledes["title_meetings"]
TITLE_MEETING_KINDS = _ledes["title_meeting_kinds"]
TITLE_CLASHES = _ledes["title_clashes"]

# Noise lines of the kinds data/boilerplate.toml removes.
_noise = _V["noise"]
ADS = _noise["ads"]
PHOTO_CREDITS = _noise["photo_credits"]
READ_ALSO = _noise["read_also"]
READ_ALSO_TITLES = _noise["read_also_titles"]
COMMENT_FORM = _noise["comment_form"]
OTHER_NOISE = _noise["other"]

# Who and where, by dictionary slug.
_dictionary = _V["dictionary"]
VENUE_HOSTS = _dictionary["venue_hosts"]
PROMINENCE = _dictionary["prominence"]
VENUE_PROMINENCE = _dictionary["venue_prominence"]
CONFLICT_PROMINENCE = _dictionary["conflict_prominence"]
CAPITALS = frozenset(_dictionary["capitals"])
ROLE_BASES = _dictionary["role_bases"]
FEMININE_PLURALS = _dictionary["feminine_plurals"]  # organisations whose verb is feminine without a final ة
FEMININE_STARTS = _dictionary["feminine_starts"]

N_TOPICS, N_PREDICATES, N_OBJECTS, N_TAILS = len(TOPICS), len(PREDICATES), len(OBJECTS), len(TAILS)

STORY_TYPES = Weighted(
    (
        "talks", "meeting", "phone_call", "summit", "ceasefire", "clashes", "agreement", "joint_statement",
        "press_conference", "military_operation", "economy",
    ),
    (22, 12, 11, 5, 7, 13, 5, 4, 6, 3, 12),
)  # fmt: skip

# ---------------------------------------------------------------------------
# What the dictionary gives
# ---------------------------------------------------------------------------
