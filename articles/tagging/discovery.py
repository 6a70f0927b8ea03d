"""People the dictionary does not know, found by how Arabic news introduces them.

- a title, rank or honorific before a name ("الفريق أول ياسر العطا", "المبعوث الأمريكي
  الخاص جيفري فيلتمان", "الشيخ موسى هلال"), with office words and nationality
  adjectives in between;
- an apposition after it ("محمد حمدان دقلو، قائد قوات الدعم السريع");
- a reporting verb before it ("وقال محمد بن شمباس"), when the article names the person
  again by the surname;
- a role phrase of the dictionary whose holder nobody knows (`people._resolve_role`).

A name is a run of two to four Arabic words without the article ("عبد الله" aside),
but for a surname right after the given name ("ياسر العطا", "عبد الفتاح البرهان"), up to punctuation, a stop word or a name the dictionary knows. Each
candidate keeps its evidence (the title as written) and its country when an adjective
says it; editors accept, merge or reject it.
"""

from __future__ import annotations

import re

from articles.tagging.document import Candidate, Context
from articles.tagging.matcher import match_at, starts
from articles.tagging.places import TO

CLITICS = ("و", "ف", "ل", "ب", "لل", "ول", "وب")
# Normalized words that open like the article but are none: "إلى", relative pronouns.
NOT_DEFINITE = {TO, "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"}
NAME_PARTICLES = {"عبد", "ابو", "ابي", "بن", "ابن", "ولد", "ود", "بنت"}
NAME_TOKEN = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f]{2,}")
MAX_NAME_WORDS = 4  # with a particle ("عبد", "أبو"); three without
MAX_BETWEEN = 6  # office words, a body's name and adjectives between a title and the name
PARENTHESIS_CHARS = 30  # an abbreviation in parentheses after a body's name


def discover(ctx: Context) -> None:
    """Propose candidates after titles and before appositions."""
    _after_titles(ctx)
    _before_appositions(ctx)
    _after_reporting_verbs(ctx)


def name_after(ctx: Context, index: int, after_title: bool = False) -> list[int]:
    """The tokens of the name starting at `index` (empty when none starts there).

    After a title, a word the gazetteer knows only as a place is part of the name:
    "رئيس الوفد الروسي فلاديمير ميدينسكي" (Vladimir is also a Russian city)."""
    doc, words = ctx.doc, []
    while index < len(doc.words) and len(words) < MAX_NAME_WORDS - (
        not any(doc.words[w] in NAME_PARTICLES for w in words)
    ):
        word = doc.words[index]
        definite = word.startswith("ال") and not (words and doc.words[index - 1] in NAME_PARTICLES)
        # A surname with the article follows the given name at once ("ياسر العطا", "عبد الفتاح
        # البرهان"); later, the article starts another phrase ("إيليا دارشياشفيلي الوفد").
        given = 2 if doc.words[words[0] if words else index] in NAME_PARTICLES else 1
        if (
            (definite and len(words) != given)
            or _stop(ctx, word)
            or _known(ctx, index, after_title)
            or match_at(ctx.cues.titles, doc.words, index) is not None
            or not NAME_TOKEN.fullmatch(doc.tokens[index].text)
            or (words and not _touching(ctx, index - 1, index))
            or (words and _possessed(doc.tokens[index].text))
            # past the given name and surname, a feminine noun heading a construct is the
            # next phrase: "سيرغي شويغو مذكرة التفاهم"
            or (len(words) >= 2 and word.endswith("ه") and _heads_a_construct(ctx, index))
        ):
            break
        words.append(index)
        index += 1
    return words if len(words) >= 2 else []


def propose(
    ctx: Context, words: list[int], role: str, title: tuple[int, int], country_id: int | None
) -> None:
    doc = ctx.doc
    start, end = doc.tokens[words[0]].start, doc.tokens[words[-1]].end
    if any(c.start < end and start < c.end for c in ctx.result.candidates):
        return  # the same words, found by another signal
    ctx.result.candidates.append(
        Candidate(doc.text[start:end], role, doc.text[title[0] : title[1]], country_id, start, end)
    )


def _after_titles(ctx: Context) -> None:
    doc, position = ctx.doc, 0
    for first in starts(ctx.cues.titles, doc.words):
        if first < position:
            continue
        title = match_at(ctx.cues.titles, doc.words, first)
        if title is None:
            continue
        index, country = title.last, None
        # After an office, the body it heads may come first, one construct ("تنسيقية القوى
        # المدنية", "مجلس السيادة") or a known organisation ("مبعوث الأمم المتحدة"); after an
        # honorific, the name. A second construct would be the name ("بكري الجاك").
        construct = "office" in title.payloads
        # Office words, adjectives and further titles: "المبعوث الأمريكي الخاص", "قائد الجيش السوداني الفريق أول".
        for _ in range(MAX_BETWEEN):
            if index >= len(doc.words) or (index > title.last and not _touching(ctx, index - 1, index, ")")):
                break
            name = ctx.names.get(index)
            state = _state(ctx, name)
            after_to = ctx.names.get(index + 1) if doc.words[index] == TO else None
            if name is not None and name.prefix.endswith("ل") and (state or _place(name)):
                index = name.last  # an adjective's complement: "الموالي لموسكو"
            elif after_to is not None and (_state(ctx, after_to) or _place(after_to)):
                index = after_to.last  # where an envoy is sent: "المبعوث الأممي إلى سوريا"
            elif state is not None:
                country = country or state
                index = name.last
            elif name is not None and _organisation(ctx, name):
                index = name.last
            elif (more := match_at(ctx.cues.titles, doc.words, index)) is not None:
                index = more.last
                construct = "office" in more.payloads
            elif (
                doc.words[index].startswith("ال")
                and index not in ctx.names
                and doc.words[index] not in NOT_DEFINITE
            ):
                index += 1
            elif construct and _heads_a_construct(ctx, index):
                index, construct = index + 1, False
            else:
                break
            index = _after_parentheses(ctx, index)  # "(تقدم)", an abbreviation
        position = index
        if index >= len(doc.words) or _known(ctx, index, True) or not _touching(ctx, index - 1, index, ")"):
            continue
        words = name_after(ctx, index, after_title=True)
        if words:
            propose(ctx, words, "", doc.span(first, index), country)
            position = words[-1] + 1


def _after_reporting_verbs(ctx: Context) -> None:
    """ "وقال محمد بن شمباس …" … "وأضاف شمباس": a name after a reporting verb, when the
    article names the person again by the surname alone."""
    doc = ctx.doc
    for index, word in enumerate(doc.words[:-2]):
        if word not in ctx.cues.reporting and not (word[:1] in ("و", "ف") and word[1:] in ctx.cues.reporting):
            continue
        words = name_after(ctx, index + 1) if _touching(ctx, index, index + 1) else []
        if words and _named_again(ctx, words):
            propose(ctx, words, "", doc.span(index, index + 1), None)


def _named_again(ctx: Context, words: list[int]) -> bool:
    surname = ctx.doc.words[words[-1]]
    if len(surname) < 3 or surname.startswith("ال"):
        return False
    for index, word in enumerate(ctx.doc.words):
        stripped = {word} | {word[len(p) :] for p in CLITICS if word.startswith(p)}
        if (
            surname in stripped
            and index not in words
            and (index == 0 or ctx.doc.words[index - 1] != ctx.doc.words[words[-2]])
        ):
            return True
    return False


def _heads_a_construct(ctx: Context, index: int) -> bool:
    """A word followed at once by a word with the article: the head of a construct
    ("تنسيقية القوى", "مجلس السيادة"), which a name never is ("عبد الله" aside)."""
    doc = ctx.doc
    return (
        index + 1 < len(doc.words)
        and doc.words[index] not in NAME_PARTICLES
        and doc.words[index + 1].startswith("ال")
        and _touching(ctx, index, index + 1)
        and index + 1 not in ctx.names
    )


def _after_parentheses(ctx: Context, index: int) -> int:
    """Past a parenthesized abbreviation right here ("(تقدم)"), or `index` itself."""
    doc = ctx.doc
    if index >= len(doc.words) or index == 0:
        return index
    between = doc.text[doc.tokens[index - 1].end : doc.tokens[index].start]
    if "(" not in between:
        return index
    close = doc.text.find(")", doc.tokens[index].start)
    if close == -1 or close - doc.tokens[index].start > PARENTHESIS_CHARS:
        return index
    while index < len(doc.words) and doc.tokens[index].start < close:
        index += 1
    return index


def _before_appositions(ctx: Context) -> None:
    """ "X Y، رئيس …": the words before the comma are a name."""
    doc = ctx.doc
    for index in range(2, len(doc.words)):
        word = doc.words[index]
        if word not in ctx.cues.apposition and word.removeprefix("ال") not in ctx.cues.apposition:
            continue  # "، رئيس …", "، الرئيس المشترك …"
        between = doc.text[doc.tokens[index - 1].end : doc.tokens[index].start]
        if between.strip() not in {"،", ","}:
            continue
        first = index - 1
        while first > 0 and index - first < MAX_NAME_WORDS and _touching(ctx, first - 1, first):
            first -= 1
        # Walk forward from the earliest start that gives a name ending at the comma.
        for start in range(first, index - 1):
            words = name_after(ctx, start)
            if words and words[-1] == index - 1:
                if start == 0 or not _name_like(ctx, start - 1):
                    propose(ctx, words, "", doc.span(index, min(index + 3, len(doc.words))), None)
                break


def _place(name) -> bool:
    return all(e.kind == "venue" for e in name.payloads)


def _known(ctx: Context, index: int, places_may_be_names: bool) -> bool:
    """The dictionary knows the words at `index` (as a place only, when that may be a name)."""
    name = ctx.names.get(index)
    if name is None:
        return False
    return not places_may_be_names or bool(name.prefix) or not _place(name)


def _name_like(ctx: Context, index: int) -> bool:
    word = ctx.doc.words[index]
    return (
        not word.startswith("ال")
        and not _stop(ctx, word)
        and bool(NAME_TOKEN.fullmatch(ctx.doc.tokens[index].text))
        and _touching(ctx, index, index + 1)
    )


def _possessed(text: str) -> bool:
    """A noun with a pronoun suffix ("دعمه", "قواته", "بلادها") ends a name: names do not
    take one ("عبد الله" aside, whose ه is the name's own)."""
    return text.endswith(("ه", "ها", "هم", "هما")) and not text.endswith("الله") and len(text) > 3


def _stop(ctx: Context, word: str) -> bool:
    """A stop word, also under a proclitic ("وقال", "لقوات", "للقوات")."""
    stop = ctx.cues.stop_words
    return word in stop or any(word.startswith(p) and word[len(p) :] in stop for p in CLITICS)


def _organisation(ctx: Context, name) -> bool:
    return any(
        e.kind == "actor" and ctx.lexicon.actor_kind.get(e.id) == "organisation" for e in name.payloads
    )


def _state(ctx: Context, name) -> int | None:
    if name is None:
        return None
    states = [
        e.id for e in name.payloads if e.kind == "actor" and ctx.lexicon.actor_kind.get(e.id) == "state"
    ]
    return states[0] if len(states) == 1 else None


def _touching(ctx: Context, left: int, right: int, also: str = "-") -> bool:
    """Only spaces (or a hyphen, "ملامبو-نغكوكا"; or what `also` allows) between two
    tokens: no comma, no other punctuation."""
    doc = ctx.doc
    return doc.text[doc.tokens[left].end : doc.tokens[right].start].strip() in ("", "-", also)
