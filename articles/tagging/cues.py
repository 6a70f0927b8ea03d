"""Trigger words and cue phrases (articles/data/cues.toml) as token tries."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from articles.tagging.lexicon import Trie, add_phrase
from articles.text.normalize import normalize_phrase

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "cues.toml"


@dataclass
class Cues:
    triggers: dict = field(default_factory=Trie)  # trie → {event type}
    places: dict = field(default_factory=Trie)  # trie → {"locative" | "host" | "arrival"}
    mediation: dict = field(default_factory=Trie)  # trie → {"mediation"}
    counterpart: dict = field(default_factory=Trie)  # trie → {"counterpart"}
    filler: frozenset[str] = frozenset()  # words allowed between a place cue and the place
    near: frozenset[str] = frozenset()  # filler words after which a landmark may precede
    place_nouns: dict[str, str] = field(
        default_factory=dict
    )  # "إقليم" → "region": an unknown name after one is a place
    regional: frozenset[str] = frozenset()  # event types that can take place in a whole region
    placeless: frozenset[str] = frozenset()  # event types that have no place (phone calls)
    lede_only: frozenset[str] = frozenset()  # event types that are news only in the title and lede
    background_openers: frozenset[str] = frozenset()  # first words of background sentences
    stop_words: frozenset[str] = frozenset()  # words that end a discovered name
    titles: dict = field(default_factory=Trie)  # trie → {"honorific" | "office"}: a name may follow
    apposition: frozenset[str] = frozenset()  # "، رئيس …" after a name
    reporting: frozenset[str] = frozenset()  # "قال", "أكد": a name may follow
    given_names: frozenset[str] = frozenset()  # common given names (normalized)


# Object pronouns an imperfect host or arrival verb may carry: "المحادثات التي تستضيفها
# مدينة جدة". The perfect is left out: "تصعيد شهدته منطقة لاتشين" tells an earlier event.
OBJECT_PRONOUNS = ("ه", "ها", "هما", "هم")


def _add(trie: dict, phrases: list[str], payload: str) -> None:
    for phrase in phrases:
        add_phrase(trie, phrase, payload)


def _with_object_pronouns(phrases: list[str]) -> list[str]:
    """The one-word imperfect verbs also with an object pronoun; the rest as they are."""
    verbs = [p for p in phrases if " " not in p and p.startswith(("ت", "ي")) and not p.endswith(("ة", "ه"))]
    return [*phrases, *(verb + pronoun for verb in verbs for pronoun in OBJECT_PRONOUNS)]


@cache
def load_cues(path: Path = CUES_PATH) -> Cues:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    cues = Cues()
    for event in data["event"]:
        _add(cues.triggers, event["triggers"], event["type"])
    places = dict(data["places"])
    cues.filler = frozenset(normalize_phrase(w) for w in places.pop("filler"))
    cues.near = frozenset(normalize_phrase(w) for w in places.pop("near"))
    cues.place_nouns = {
        normalize_phrase(w): kind for kind, words in places.pop("nouns").items() for w in words
    }
    cues.regional = frozenset(places.pop("regional"))
    cues.placeless = frozenset(places.pop("placeless"))
    cues.lede_only = frozenset(data["events"]["lede_only"])
    cues.background_openers = frozenset(normalize_phrase(w) for w in data["events"]["background_openers"])
    for kind, phrases in places.items():
        _add(cues.places, _with_object_pronouns(phrases) if kind in {"host", "arrival"} else phrases, kind)
    _add(cues.mediation, data["mediation"]["words"], "mediation")
    _add(cues.counterpart, data["counterpart"]["words"], "counterpart")
    cues.stop_words = frozenset(normalize_phrase(w) for w in data["discovery"]["stop_words"])
    _add(cues.titles, data["discovery"]["honorifics"], "honorific")
    _add(cues.titles, data["discovery"]["offices"], "office")
    cues.apposition = frozenset(normalize_phrase(w) for w in data["discovery"]["apposition"])
    cues.reporting = frozenset(normalize_phrase(w) for w in data["discovery"]["reporting"])
    cues.given_names = frozenset(normalize_phrase(w) for w in data["names"]["given"])
    return cues
