"""Spellings an actor's recorded names imply, so that an editor types one name and search
finds the others.

From a person's Arabic and Latin names the archive derives:
- the surname alone ("البرهان" from "عبد الفتاح البرهان", "أبو الغيط" with its particle),
  unless another actor bears it or it is a common given name ("أحمد" of "آبي أحمد"):
  a surname can then only be suggested to an editor;
- the Latin forms of the Latin name: the surname alone and the name with and without
  its article ("Bashar al-Assad" → "al-Assad", "Assad", "Bashar Assad", "Bashar al Assad").

`safe_aliases` are recorded at once (`grow_aliases`); the tagger trusts a surname after
the full name in the same article, or alone when no other actor has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.models import Actor, ActorKind, ActorStatus, Alias
from articles.tagging.cues import load_cues
from articles.text.normalize import normalize_phrase

ARABIC_PARTICLES = {"ابو", "ابي", "بن", "ابن", "عبد", "ال", "ولد", "ود", "بنت"}  # normalized
LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)[-\s]", re.IGNORECASE)
LATIN_PARTICLES = {
    "abu",
    "abou",
    "bin",
    "ibn",
    "ben",
    "abdel",
    "abdul",
    "abd",
    "de",
    "van",
    "von",
    "da",
    "ould",
}


@dataclass(frozen=True)
class Derived:
    name: str
    short: bool  # a surname alone


def derived_aliases(actor: Actor) -> list[Derived]:
    """Every spelling the actor's names imply (not yet checked against other actors)."""
    if actor.kind != ActorKind.PERSON:
        return []
    forms = []
    surname = arabic_surname(actor.name)
    if surname:
        forms.append(Derived(surname, short=True))
    forms += [Derived(name, short) for name, short in latin_forms(actor.name_latin)]
    return forms


def arabic_surname(name: str) -> str:
    """The last name of an Arabic full name, with a particle before it ("أبو الغيط", "ولد
    الشيخ"); "" for a single word."""
    words = name.split()
    if len(words) < 2:
        return ""
    take = 2 if len(words) > 2 and normalize_phrase(words[-2]) in ARABIC_PARTICLES else 1
    return " ".join(words[-take:])


def latin_forms(name: str) -> list[tuple[str, bool]]:
    """(form, is a surname alone) for a Latin full name: "Bashar al-Assad" → ("al-Assad",
    True), ("Assad", True), ("Bashar Assad", False), ("Bashar al Assad", False)."""
    words = name.split()
    if len(words) < 2:
        return []
    take = 2 if len(words) > 2 and words[-2].lower() in LATIN_PARTICLES else 1
    given, surname = words[:-take], " ".join(words[-take:])
    forms = [(surname, True)]
    bare = LATIN_ARTICLE.sub("", surname)
    if bare != surname:
        forms += [
            (bare, True),
            (" ".join([*given, bare]), False),
            (" ".join([*given, surname.replace("-", " ", 1)]), False),
        ]
    return forms


def safe_aliases(actor: Actor) -> list[Derived]:
    """The derived spellings that may take effect at once: new to this actor, borne by no
    other active actor, and (for an Arabic surname) not a common given name."""
    mine = set(Alias.objects.filter(actor=actor).values_list("normalized", flat=True))
    derived = [d for d in derived_aliases(actor) if normalize_phrase(d.name) not in mine]
    keys = {normalize_phrase(d.name) for d in derived}
    taken = set(
        Alias.objects.filter(normalized__in=keys, actor__status=ActorStatus.ACTIVE)
        .exclude(actor=actor)
        .values_list("normalized", flat=True)
    )
    given_names = load_cues().given_names
    return [
        d
        for d in derived
        if normalize_phrase(d.name) not in taken and not (d.short and normalize_phrase(d.name) in given_names)
    ]


def grow_aliases(actor: Actor) -> list[Alias]:
    """Record the actor's safe derived spellings; return the aliases created."""
    created = []
    for derived in safe_aliases(actor):
        alias, new = Alias.objects.get_or_create(
            actor=actor,
            normalized=normalize_phrase(derived.name),
            defaults={"name": derived.name, "is_short": derived.short},
        )
        if new:
            created.append(alias)
    return created
