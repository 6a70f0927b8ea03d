"""Spellings an actor's recorded names imply, so that an editor types one name and search
finds the others.

From a person's Arabic spellings and Latin name the archive derives:
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

from rapidfuzz.distance import Levenshtein

from articles.models import Actor, ActorKind, ActorStatus, Alias
from articles.tagging.cues import load_cues
from articles.tagging.matcher import stems
from articles.text.normalize import normalize, normalize_phrase, tokenize
from articles.text.skeleton import skeleton

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
    names = [actor.name, *Alias.objects.filter(actor=actor, is_short=False).values_list("name", flat=True)]
    forms = [
        Derived(surname, short=True)
        for name in names
        if not _latin(name) and (surname := arabic_surname(name))
    ]
    forms += [Derived(name, short) for name, short in latin_forms(actor.name_latin)]
    return list(dict.fromkeys(forms))


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
    taken = _borne_by_others(actor, {normalize_phrase(d.name) for d in derived})
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


# After a name: "(حميدتي)", "«حميدتي»", "المعروف بـ حميدتي", "الملقب بحميدتي".
NICKNAME_AFTER = re.compile(
    r"^\s*(?:"
    r"[(«\"]\s*(?P<quoted>[^()«»\"\n]{2,40}?)\s*[)»\"]"
    r"|،?\s*و?ال(?:معروف|ملقب|شهير)\s*ب(?:اسم)?ـ?\s*[«\"]?(?P<cued>[^\s«»\"،,.]+(?:\s[^\s«»\"،,.]+)?)"
    r")"
)
LONG_NAME = 10  # letters from which one typo still names the same person
SCANNED_ARTICLES = 300  # the newest articles that may name the actor, scanned for spellings
EVIDENCE_CHARS = 80


@dataclass(frozen=True)
class Suggested:
    name: str
    short: bool
    reason: str
    evidence: str = ""
    article_id: int | None = None


def suggested_aliases(actor: Actor) -> list[Suggested]:
    """Spellings that wait for an editor: surnames that are not safe, nicknames the text gives
    after one of the actor's names, and spellings of the archive whose sound skeleton equals
    the actor's name ("جيفري فلتمان" for "جيفري فيلتمان")."""
    from articles.models import SuggestionReason

    given_names, safe = load_cues().given_names, set(safe_aliases(actor))
    found = [
        Suggested(d.name, d.short, SuggestionReason.SURNAME)
        for d in derived_aliases(actor)
        if d not in safe and not _latin(d.name) and normalize_phrase(d.name) not in given_names
    ]
    if actor.kind == ActorKind.PERSON:
        found += _found_in_articles(actor)
    taken = _taken(actor, {normalize_phrase(s.name) for s in found})
    unique: dict[str, Suggested] = {}
    for suggestion in found:
        key = normalize_phrase(suggestion.name)
        if key and key not in taken:
            unique.setdefault(key, suggestion)
    return list(unique.values())


def _found_in_articles(actor: Actor) -> list[Suggested]:
    """Nicknames after a full name, and full names that sound the same, in the articles
    that may name the actor. Only whole names: a single word's skeleton is too short to
    tell "جولا" from "جولة"."""
    from articles.models import SuggestionReason

    spellings = Alias.objects.filter(actor=actor, is_short=False).values_list("name", flat=True)
    full = [normalize_phrase(s).split() for s in spellings if not _latin(s)]
    full = [words for words in full if len(words) >= 2]
    found = []
    for article in _articles_that_may_name(actor, full) if full else []:
        text = f"{article.title}\n{article.body}"
        tokens = tokenize(text)
        words = [normalize(t.text) for t in tokens]
        for index, name in ((i, n) for i in range(len(words)) for n in full):
            if words[index : index + len(name)] == name:
                nickname = _nickname_after(text, tokens[index + len(name) - 1].end)
                if nickname:
                    evidence = _evidence(text, tokens[index].start)
                    found.append(Suggested(nickname, False, SuggestionReason.NICKNAME, evidence, article.id))
                continue
            # The same name spelled otherwise, perhaps in one word more or less ("يماني قبرمسقل"
            # for "يماني جبر مسقل"), sharing a word with it.
            for end in range(index + max(2, len(name) - 1), min(index + len(name) + 1, len(words)) + 1):
                span = text[tokens[index].start : tokens[end - 1].end]
                if (
                    "\n" not in span
                    and set(words[index:end]) & set(name)
                    and _sounds_like(words[index:end], name)
                ):
                    variant = _without_clitic(span, name)
                    evidence = _evidence(text, tokens[index].start)
                    if variant:
                        found.append(
                            Suggested(variant, False, SuggestionReason.VARIANT, evidence, article.id)
                        )
    return found


def _sounds_like(words: list[str], name: list[str]) -> bool:
    """Same consonant skeleton, spaces aside, or one letter apart in a long name
    ("سيريل رامابوزا" for "سيريل رامافوزا")."""
    written, wanted = " ".join(words), " ".join(name)
    if skeleton(written).replace(" ", "") == skeleton(wanted).replace(" ", ""):
        return True
    return len(wanted) >= LONG_NAME and Levenshtein.distance(written, wanted, score_cutoff=1) <= 1


def _without_clitic(span: str, name: list[str]) -> str:
    """The variant without a proclitic the tagger strips anyway ("وعبد الرحيم دقلو" →
    "عبد الرحيم دقلو"); "" when what is left is a spelling the name already has."""
    first, _, rest = span.partition(" ")
    written = normalize(first)
    for stem, prefix in stems(written)[1:]:
        # Strip only what brings the word closer to the name: "وعبد" → "عبد", but "ويليام"
        # stays (its و is a letter of "وليام").
        if Levenshtein.distance(stem, name[0]) < Levenshtein.distance(written, name[0]):
            first = first[len(prefix) :]
            break
    variant = f"{first} {rest}".strip()
    return "" if normalize_phrase(variant).split() == name else variant


def _articles_that_may_name(actor: Actor, full: list[list[str]]):
    from articles.models import Article
    from articles.search import text_query

    words = {w for name in full for w in name if len(w) >= 3}
    query = text_query(" or ".join(sorted(words)))
    named = Article.objects.with_any_actor([actor]).values("pk")
    matching = Article.objects.filter(search_vector=query).values("pk") if query else Article.objects.none()
    ids = list(named.union(matching).values_list("pk", flat=True)[: SCANNED_ARTICLES * 4])
    return Article.objects.filter(pk__in=ids).order_by("-published", "-id")[:SCANNED_ARTICLES]


def _nickname_after(text: str, offset: int) -> str:
    match = NICKNAME_AFTER.match(text[offset : offset + 80])
    if not match:
        return ""
    nickname = (match.group("quoted") or match.group("cued") or "").strip(' ،,.«»"')
    words = nickname.split()
    # A nickname is one or two words, not a date, an office or a clause.
    if not words or len(words) > 2 or any(ch.isdigit() for ch in nickname) or len(nickname) < 3:
        return ""
    return nickname.removeprefix("بـ").removeprefix("ـ")


def _evidence(text: str, offset: int) -> str:
    start = max(text.rfind("\n", 0, offset) + 1, offset - EVIDENCE_CHARS)
    end = text.find("\n", offset)
    end = min(end if end != -1 else len(text), offset + EVIDENCE_CHARS)
    return text[start:end].strip()


def _borne_by_others(actor: Actor, keys: set[str]) -> set[str]:
    """The forms among `keys` another active actor bears."""
    others = Alias.objects.filter(normalized__in=keys, actor__status=ActorStatus.ACTIVE).exclude(actor=actor)
    return set(others.values_list("normalized", flat=True))


def _taken(actor: Actor, keys: set[str]) -> set[str]:
    """Forms this actor already has, another active actor bears, or that were suggested
    for it before (waiting, accepted or rejected)."""
    from articles.models import AliasSuggestion

    return (
        set(Alias.objects.filter(normalized__in=keys, actor=actor).values_list("normalized", flat=True))
        | _borne_by_others(actor, keys)
        | set(
            AliasSuggestion.objects.filter(actor=actor, normalized__in=keys).values_list(
                "normalized", flat=True
            )
        )
    )


def _latin(name: str) -> bool:
    return name.isascii()


def record_suggestions(actor: Actor) -> int:
    """Store the actor's new suggestions for editors; return how many."""
    from articles.models import AliasSuggestion

    new = [
        AliasSuggestion(
            actor=actor,
            name=s.name,
            normalized=normalize_phrase(s.name),
            is_short=s.short,
            reason=s.reason,
            evidence=s.evidence,
            article_id=s.article_id,
        )
        for s in suggested_aliases(actor)
    ]
    AliasSuggestion.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
