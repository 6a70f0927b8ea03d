"""The events an article reports: one per type, dated, placed, with its participants."""

from __future__ import annotations

import bisect

from articles.tagging.document import BACKGROUND_DAYS, Context, Found, SuggestedEvent
from articles.tagging.matcher import match_at


def suggest_events(ctx: Context) -> list[SuggestedEvent]:
    """One suggested event per type: where the title and lede (or a recently dated sentence) report it.

    Agreements, clashes, operations and ceasefires (`lede_only`) count only there: later
    paragraphs recall the war. Sentences dated weeks before publication, or told in the
    pluperfect, are background.
    """
    doc, cues, published = ctx.doc, ctx.cues, ctx.doc.published
    events: dict[str, SuggestedEvent] = {}
    for trigger in doc.triggers:
        sentence = doc.sentence_of[trigger.first]
        start, end = doc.sentence_span(sentence)
        date = doc.sentence_date(sentence)
        recent = (
            date is not None
            and published is not None
            and 0 <= (published - date.value).days <= BACKGROUND_DAYS
        )
        if date is not None and published is not None and not recent and date.value < published:
            continue  # a background event, dated weeks or years before the news
        if ctx.background(sentence):
            continue
        kinds = (
            trigger.payloads
            if doc.in_news_window(trigger.first) or recent
            else trigger.payloads - cues.lede_only
        )
        mentions = [m for m in ctx.result.mentions if start <= m.start < end]
        venue = next((m.entity_id for m in mentions if m.kind == "venue" and m.event_place), None)
        for kind in sorted(kinds):
            event = events.get(kind)
            if event is None:
                value = date.value if date else published
                precision = date.precision if date else ("day" if published else "unknown")
                event = events[kind] = SuggestedEvent(kind, value, precision, venue, sentence=(start, end))
            elif event.venue_id is None:
                event.venue_id = venue
            for mention in mentions:
                if mention.kind == "actor" and event.participants.get(mention.entity_id, "party") == "party":
                    event.participants[mention.entity_id] = _participant_role(ctx, mention)
    return list(events.values())


def _participant_role(ctx: Context, mention: Found) -> str:
    """mediator after "بوساطة", host after "استضاف"; otherwise a party."""
    doc, cues = ctx.doc, ctx.cues
    index = bisect.bisect_left(doc.token_starts, mention.start)
    for length in (1, 2, 3):
        first = index - length
        if first < 0:
            continue
        if (m := match_at(cues.mediation, doc.words, first)) is not None and m.last == index:
            return "mediator"
        if (
            (m := match_at(cues.places, doc.words, first)) is not None
            and m.last == index
            and "host" in m.payloads
        ):
            return "host"
    return "party"
