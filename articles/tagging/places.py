"""Where something happened, as opposed to a place merely named."""

from __future__ import annotations

import re

from articles.tagging.document import Context, Found
from articles.tagging.matcher import Match, match_at
from articles.text.normalize import normalize

LANDMARK_WORDS = 2  # words of a named building or site before "قرب"
ARRIVAL_REACH = 8  # words between an arrival word and the "إلى" it governs
TO = "الي"  # "إلى", normalized
# Prepositions that end many host phrases ("أعلن في", "عقد في"): before an ambiguous name
# they say nothing ("وأعلن في بيان" is "announced in a statement").
WEAK_CUES = frozenset({"في", TO})
GATHERINGS = frozenset({"summit", "meeting", "talks"})  # event types whose name may head a place
# What follows the place of a dateline opening a paragraph: "سوتشي - اتفق", "الدوحة (رويترز) –".
# A colon is left out: "موسكو: لا مفاوضات" in a headline is the state speaking.
_AFTER_DATELINE = re.compile(r"[ \t]*(?:\([^()\n]{2,40}\)[ \t]*)?[-–—ـ]")


def supported(ctx: Context, matches: list[Match]) -> list[Match]:
    """The matches, without the readings of ambiguous spellings nothing supports.

    A spelling that is also an ordinary word ("صور" Tyre or 'pictures', "جدة" Jeddah or
    'grandmother', "مالي" Mali or 'financial') names a place or a state only after a place
    cue that says place ("مدينة صور", "محادثات جدة", "استضافت جدة"; not a bare "في"), or when the article names the same entity
    unambiguously elsewhere, or (for a city) names its country."""
    sure: set[tuple[str, int]] = set()
    for match in matches:
        sure |= {(e.kind, e.id) for e in match.payloads if not e.ambiguous}
    states = {entity_id for kind, entity_id in sure if kind == "actor"}
    kept = []
    for match in matches:
        if (
            match.last - match.first == 1
            and ctx.doc.words[match.first][len(match.prefix) :] in ctx.cues.filler
        ):
            continue  # "مدينة", "منطقة" announce a place; they are not Medina or a town called so
        doubtful = [e for e in match.payloads if e.ambiguous]
        if doubtful and not _cued(ctx, match):
            payloads = frozenset(
                e
                for e in match.payloads
                if not e.ambiguous
                or (e.kind, e.id) in sure
                or (e.kind == "venue" and ctx.lexicon.venue_country.get(e.id) in states)
            )
            if not payloads:
                continue
            match = Match(match.first, match.last, payloads, match.prefix)
        kept.append(match)
    return kept


def _cued(ctx: Context, match: Match) -> bool:
    before = ctx.doc.words[match.first - 1] if match.first else ""
    # "في", "إلى" and the clitic ب are not enough: "في بيان" is "in a statement", not "in
    # Bayan", "إلى وقف إطلاق النار" is no town; nor is a host verb after it ("في بيان صدر في…").
    if before in ctx.cues.filler or _gathering_before(ctx, match):
        return True
    return before not in WEAK_CUES and bool(_place_cues(ctx, match, after_too=False) & {"host", "arrival"})


def _gathering_before(ctx: Context, match: Match) -> bool:
    """ "محادثات جدة", "قمة المنامة": a gathering heads the name (not "توقيع بيان", a signing
    of a statement)."""
    return bool(_heading_events(ctx, match) & GATHERINGS)


def _heading_events(ctx: Context, match: Match) -> set[str]:
    """The event types of the trigger words that head the name, written right before it
    without a clitic on the name ("قمة موسكو", "محادثات جنيف")."""
    if match.prefix:
        return set()
    events: set[str] = set()
    for length in (1, 2, 3):
        start = match.first - length
        trigger = match_at(ctx.cues.triggers, ctx.doc.words, start) if start >= 0 else None
        if trigger is not None and trigger.last == match.first:
            events |= trigger.payloads
    return events


def is_event_place(ctx: Context, match: Match, previous: Found | None, region: bool) -> bool:
    """Where something reported happened: "في موسكو", "بموسكو", "استضافت سوتشي", "جنيف تستضيف",
    "قمة سوتشي", and the places listed after one ("في محيط مدن جرموك وغوريس").

    In the title and lede any such cue counts; further down only a host or arrival cue in
    a sentence that reports an event, or the place of fighting, since later paragraphs name
    the places of earlier, background events ("قمة سوتشي العام الماضي"). A region is the
    place of fighting only (talks are held in cities), and a phone call has no place.
    """
    doc, cues = ctx.doc, ctx.cues
    sentence = doc.sentence_of[match.first]
    found = _place_cues(ctx, match)
    if previous is not None and previous.event_place and _coordinated(ctx, previous, match):
        found.add("coordinated")
    triggers = [t for t in doc.triggers_by_sentence.get(sentence, []) if not t.payloads <= cues.placeless]
    fighting = any(t.payloads & cues.regional for t in triggers)
    if region and not fighting:
        return False
    if ctx.background(sentence):
        return False
    if doc.in_news_window(match.first):
        return bool(found) and (bool(triggers) or bool(found & {"host", "construct", "coordinated"}))
    strong = found & {"host", "arrival", "coordinated"} or (fighting and "locative" in found)
    return bool(strong) and bool(triggers)


def _place_cues(ctx: Context, match: Match, after_too: bool = True) -> set[str]:
    doc, cues = ctx.doc, ctx.cues
    sentence = doc.sentence_of[match.first]
    found = set()
    if match.prefix.endswith("ب"):
        found.add("locative")
    # Skip filler words back from the place: "في محيط مدن جرموك", and a nationality
    # adjective after one: "في العاصمة الكازاخية أستانة".
    first, near = match.first, False
    while first > 0 and doc.sentence_of[first - 1] == sentence:
        if doc.words[first - 1] in cues.filler:
            first -= 1
        elif first > 1 and _nisba(doc.words[first - 1]) and doc.words[first - 2] in cues.filler:
            first -= 2
        else:
            break
        near = near or doc.words[first] in cues.near
    # Before "قرب" a landmark may stand between cue and city: "في قصر ميمي قرب العاصمة كيشيناو".
    anchors = range(first, max(first - LANDMARK_WORDS, 0) - 1, -1) if near else (first,)
    for anchor in anchors:
        for length in (1, 2, 3):
            start = anchor - length
            if start < 0 or doc.sentence_of[start] != sentence:
                continue
            cue = match_at(cues.places, doc.words, start)
            # The cue may take in the filler words: "في مدينة" is a cue of its own.
            if cue is not None and anchor <= cue.last <= match.first:
                found |= cue.payloads
    if first > 0 and doc.words[first - 1] == TO and _arrival_before(ctx, first - 1, sentence):
        found.add("arrival")
    if _heading_events(ctx, match):
        found.add("construct")  # "قمة موسكو", "محادثات جنيف"
    after = (
        match_at(cues.places, doc.words, match.last) if after_too and match.last < len(doc.words) else None
    )
    if after is not None and "host" in after.payloads:
        found.add("host")  # "جنيف تستضيف"
    if _opens_dateline(ctx, match):
        found.add("host")  # the news was filed from there: "أديس أبابا – أعلن رئيس الوزراء…"
    return found


def _opens_dateline(ctx: Context, match: Match) -> bool:
    doc = ctx.doc
    start, end = doc.tokens[match.first].start, doc.tokens[match.last - 1].end
    line_start = doc.text.rfind("\n", 0, start) + 1
    at_line_start = not doc.text[line_start:start].strip()
    return at_line_start and not match.prefix and _AFTER_DATELINE.match(doc.text, end) is not None


def _nisba(word: str) -> bool:
    """A definite relative adjective (normalized): "الكازاخيه", "التركي"."""
    return word.startswith("ال") and word.endswith(("يه", "ي")) and len(word) > 4


def _arrival_before(ctx: Context, to: int, sentence: int) -> bool:
    """An arrival word ("وصل", "زيارة") a few words before "إلى", in the same sentence."""
    doc = ctx.doc
    for start in range(max(to - ARRIVAL_REACH, 0), to):
        cue = match_at(ctx.cues.places, doc.words, start) if doc.sentence_of[start] == sentence else None
        if cue is not None and "arrival" in cue.payloads:
            return True
    return False


def _coordinated(ctx: Context, previous: Found, match: Match) -> bool:
    """The place follows the previous place in a list: "جرموك وغوريس وبلدة سوتك"."""
    doc = ctx.doc
    between = [normalize(w) for w in doc.text[previous.end : doc.tokens[match.first].start].split()]
    words = [w.removeprefix("و") for w in between if w not in {"و", "،", ","}]
    joined = match.prefix.startswith("و") or any(w.startswith("و") for w in between) or "و" in between
    return joined and len(words) <= 1 and all(w in ctx.cues.filler for w in words)
