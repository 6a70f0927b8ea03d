"""What the tagger suggests for one article: pure, no database.

Input: the display text, its publication date, the lexicon (dictionary) and the
cues (trigger words). Output: mentions of actors and venues with offsets into the
display text, a confidence and the method that found them; candidate actors for
editors (discovery); suggested events. The steps live in `people`, `places` and
`events`; this module runs them in order. Confidences by method:

| method          | confidence | evidence |
|-----------------|-----------:|----------|
| alias           | 0.95 | a full name (any recorded spelling) |
| venue           | 0.90 | a place name |
| adjective       | 0.85 | a nationality adjective → the state |
| surname         | 0.90 | a surname after the full name in the same article (0.85 when the full name comes later) |
| surname_unique  | 0.75 | a surname no other actor has |
| role            | 0.60 | a role phrase ("وزير الخارجية الأرميني") → who held it on the publication date |
| counterpart     | 0.55 | "نظيره الأذربيجاني" → the same role as the person just named, in that country |
| discovery       | 0.40 | a name the dictionary does not know, after a role phrase, a title or rank, or before an apposition (`discovery.py`) |
"""

from __future__ import annotations

import datetime

from articles.tagging.cues import Cues
from articles.tagging.discovery import discover
from articles.tagging.document import Candidate, Context, Document, Found, SuggestedEvent, Suggestions
from articles.tagging.events import suggest_events
from articles.tagging.lexicon import Entry, Lexicon
from articles.tagging.matcher import Match, find_longest
from articles.tagging.people import describes_a_place, resolve_roles, resolve_surname
from articles.tagging.places import is_event_place, supported

__all__ = ["Candidate", "Found", "SuggestedEvent", "Suggestions", "suggest", "suggest_article"]


def suggest_article(
    title: str, body: str, published: datetime.date | None, lexicon: Lexicon, cues: Cues
) -> tuple[Suggestions, int]:
    """Tag the title and the body as one text; return the suggestions and where the body starts."""
    lede = body.split("\n\n", 1)[0]
    text = f"{title}\n{body}"
    return suggest(text, published, lexicon, cues, news_window=len(title) + 1 + len(lede)), len(title) + 1


def suggest(
    text: str, published: datetime.date | None, lexicon: Lexicon, cues: Cues, news_window: int | None = None
) -> Suggestions:
    """Suggestions for `text`. Events and event places are sought in its first `news_window`
    characters (the title and lede, where news reports what happened), and elsewhere only on
    strong cues."""
    doc = Document(text, len(text) if news_window is None else news_window, published, cues)
    ctx = Context(doc, lexicon, cues, {})
    names = supported(ctx, find_longest(lexicon.aliases, doc.words))
    ctx.names = {m.first: m for m in names}
    named_in_full: dict[int, int] = {}  # person actor id → first token where named in full
    surnames: list[Match] = []
    for match in names:
        entries = _entries(match)
        if entries["full"]:
            for entry in entries["full"]:
                ctx.add(match, entry, 0.95, "alias")
                if ctx.is_person(entry.id):
                    named_in_full.setdefault(entry.id, match.first)
        if entries["venue"] and all(lexicon.actor_kind.get(e.id) == "state" for e in entries["full"]):
            # A capital may bear its country's name ("جيبوتي", "الكويت"): both are named.
            previous = next((m for m in reversed(ctx.result.mentions) if m.kind == "venue"), None)
            for entry in entries["venue"]:
                region = lexicon.venue_kind.get(entry.id) == "region"
                ctx.add(match, entry, 0.90, "venue", is_event_place(ctx, match, previous, region))
        elif entries["full"]:
            continue
        elif entries["adjective"] and not describes_a_place(ctx, match):
            for entry in entries["adjective"]:
                ctx.add(match, entry, 0.85, "adjective")
        elif entries["short"]:
            surnames.append(match)
    for match in surnames:
        resolve_surname(ctx, match, named_in_full)
    if published is not None:
        resolve_roles(ctx)
    discover(ctx)
    ctx.result.mentions.sort(key=lambda m: (m.start, m.end))
    ctx.result.events = suggest_events(ctx)
    return ctx.result


def _entries(match: Match) -> dict[str, list[Entry]]:
    """What the matched words name, by kind: full names, venues, adjectives, surnames."""
    groups: dict[str, list[Entry]] = {"full": [], "venue": [], "adjective": [], "short": []}
    for entry in sorted(match.payloads, key=lambda e: (e.kind, e.id)):
        if entry.kind == "venue":
            groups["venue"].append(entry)
        elif entry.adjective:
            groups["adjective"].append(entry)
        elif entry.short:
            groups["short"].append(entry)
        else:
            groups["full"].append(entry)
    return groups
