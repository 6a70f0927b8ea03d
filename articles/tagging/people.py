"""Who an article names: surnames after full names, role phrases resolved through dated roles,
"his counterpart", and people the dictionary does not know yet (discovery)."""

from __future__ import annotations

import bisect

from articles.tagging.discovery import name_after, propose
from articles.tagging.document import Context
from articles.tagging.lexicon import Entry
from articles.tagging.matcher import Match, match_at, starts


def resolve_surname(ctx: Context, match: Match, named_in_full: dict[int, int]) -> None:
    """A surname alone: the actor named in full in the article, or the only one bearing it."""
    candidates = sorted(e.id for e in match.payloads if e.kind == "actor" and e.short)
    named = [actor for actor in candidates if actor in named_in_full]
    if named:
        actor = named[0]
        confidence = 0.90 if named_in_full[actor] < match.first else 0.85
        ctx.add(match, Entry("actor", actor), confidence, "surname")
    elif len(candidates) == 1:
        ctx.add(match, Entry("actor", candidates[0]), 0.75, "surname_unique")


def describes_a_place(ctx: Context, match: Match) -> bool:
    """ "غرناطة الإسبانية", "العاصمة البلجيكية": the adjective places a city, it names no state actor."""
    if match.first == 0 or match.prefix:
        return False
    before = match.first - 1
    if ctx.doc.words[before] in ctx.cues.filler:
        return True
    last = ctx.result.mentions[-1] if ctx.result.mentions else None
    return last is not None and last.kind == "venue" and last.end == ctx.doc.tokens[before].end


def resolve_roles(ctx: Context) -> None:
    """Role phrases and counterparts, left to right; needs the publication date."""
    doc, published = ctx.doc, ctx.doc.published
    # People named so far, by offset: "نظيره" is the counterpart of the latest one.
    people = sorted((m.start, m.entity_id) for m in ctx.result.mentions if ctx.is_person(m.entity_id))
    position = 0
    for candidate in sorted(
        {*starts(ctx.lexicon.roles, doc.words), *starts(ctx.cues.counterpart, doc.words)}
    ):
        if candidate < position:
            continue
        position = candidate
        added = len(ctx.result.mentions)
        if (role_match := match_at(ctx.lexicon.roles, doc.words, position)) is not None:
            position = _resolve_role(ctx, role_match, sorted(role_match.payloads), None)
        elif (counterpart := match_at(ctx.cues.counterpart, doc.words, position)) and (
            last_person := _named_before(people, doc.tokens[position].start)
        ) is not None:
            roles = sorted({role for role, _country in ctx.lexicon.roles_of(last_person, published)})
            position = _resolve_role(ctx, counterpart, roles, last_person)
        else:
            position += 1
        for found in ctx.result.mentions[added:]:
            if ctx.is_person(found.entity_id):
                bisect.insort(people, (found.start, found.entity_id))


def _named_before(people: list[tuple[int, int]], offset: int) -> int | None:
    """The person named last before `offset` (`people`: (offset, actor id), in order)."""
    before = bisect.bisect_left(people, (offset, -1))
    return people[before - 1][1] if before else None


def _resolve_role(ctx: Context, role_match: Match, roles: list[str], counterpart_of: int | None) -> int:
    """Resolve one role phrase (or "نظيره", the counterpart of `counterpart_of`); return the next token."""
    doc, lexicon = ctx.doc, ctx.lexicon
    counterpart = counterpart_of is not None
    after = role_match.last
    # (state id, first token of the mention, token after it) for each country word that follows
    countries: list[tuple[int, int, int]] = []
    while after < len(doc.words):
        country = _country_at(ctx, after)
        if country is None:
            break
        # The first counterpart's mention starts at "نظيريه"; the next ones at their adjective.
        countries.append((country[0], role_match.first if not countries else after, country[1]))
        after = country[1]
        if not counterpart:
            break  # "نظيريه الأرميني والأذربيجاني" names two counterparts; a role names one
    name = ctx.names.get(after)
    if name is not None and any(e.kind == "actor" and not e.adjective for e in name.payloads):
        return after  # the name follows the role: the name's own mention says who it is
    method, confidence = ("counterpart", 0.55) if counterpart else ("role", 0.60)
    for country_id, first, end_token in countries or [(None, role_match.first, role_match.last)]:
        holders = {h for role in roles for h in lexicon.holders(role, country_id, doc.published)}
        holders.discard(counterpart_of)
        if len(holders) == 1:
            prefix = role_match.prefix if first == role_match.first else ""
            ctx.add(
                Match(first, end_token, frozenset(), prefix),
                Entry("actor", holders.pop()),
                confidence,
                method,
            )
        elif not counterpart and (country_id is not None or not any(lexicon.national(r) for r in roles)):
            _discover(ctx, role_match, roles, country_id, end_token)
    return max(after, role_match.last)


def _country_at(ctx: Context, index: int) -> tuple[int, int] | None:
    """A state named by adjective or name at token `index` ("الأرميني", "أرمينيا")."""
    match = ctx.names.get(index)
    if match is None:
        return None
    states = [
        e.id for e in match.payloads if e.kind == "actor" and ctx.lexicon.actor_kind.get(e.id) == "state"
    ]
    return (states[0], match.last) if len(states) == 1 else None


def _discover(ctx: Context, role_match: Match, roles: list[str], country_id: int | None, after: int) -> None:
    """A role phrase followed by a name the dictionary does not know."""
    words = name_after(ctx, after)
    if words and ctx.doc.adjacent(after - 1, words[0]):
        propose(ctx, words, roles[0], ctx.doc.span(role_match.first, after), country_id)
