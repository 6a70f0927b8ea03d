"""One text being tagged: its tokens and sentences, what was found so far, and the sources of
knowledge (lexicon, cues). Shared by `people`, `places` and `events`; no database."""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from articles.tagging.cues import Cues
from articles.tagging.lexicon import Entry, Lexicon
from articles.tagging.matcher import Match, find_longest, normalized_tokens
from articles.text.dates import FoundDate, find_dates
from articles.text.normalize import Token, tokenize

BACKGROUND_DAYS = 3  # an event dated further back than this is background, not news
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)|\n")
_ONLY_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Found:
    """A suggested mention: offsets into the text tagged."""

    kind: str  # "actor" | "venue"
    entity_id: int
    start: int
    end: int
    text: str
    confidence: float
    method: str
    event_place: bool = False


@dataclass(frozen=True)
class Candidate:
    """A person the dictionary does not know, named after a role phrase."""

    name: str
    role: str
    title: str  # the role phrase as written
    country_id: int | None
    start: int
    end: int


@dataclass
class SuggestedEvent:
    kind: str
    date: datetime.date | None
    precision: str
    venue_id: int | None
    participants: dict[int, str] = field(default_factory=dict)  # actor id → party/mediator/host
    sentence: tuple[int, int] = (0, 0)


@dataclass
class Suggestions:
    mentions: list[Found] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[SuggestedEvent] = field(default_factory=list)

    def actor_ids(self) -> set[int]:
        return {m.entity_id for m in self.mentions if m.kind == "actor"}

    def venue_ids(self, event_place: bool | None = None) -> set[int]:
        return {
            m.entity_id
            for m in self.mentions
            if m.kind == "venue" and (event_place is None or m.event_place == event_place)
        }


class Document:
    """Tokens of a text with their normalized forms, sentences, and the triggers in each sentence."""

    def __init__(self, text: str, news_window: int, published: datetime.date | None, cues: Cues) -> None:
        self.text = text
        self.news_window = news_window  # the title and lede: where news says what happened
        self.published = published
        self.tokens: list[Token] = tokenize(text)
        self.words = normalized_tokens(self.tokens)
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.sentence_starts = [0, *ends]
        self.sentence_of = [bisect.bisect_right(ends, t.start) for t in self.tokens]
        self.token_starts = [t.start for t in self.tokens]
        self.triggers = find_longest(cues.triggers, self.words)
        self._dates: dict[int, FoundDate | None] = {}

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[last - 1].end

    def sentence_span(self, number: int) -> tuple[int, int]:
        start = self.sentence_starts[number]
        end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def sentence_words(self, number: int) -> list[str]:
        start, end = self.sentence_span(number)
        first, last = bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end)
        return self.words[first:last]

    @cached_property
    def triggers_by_sentence(self) -> dict[int, list[Match]]:
        found: dict[int, list[Match]] = {}
        for trigger in self.triggers:
            found.setdefault(self.sentence_of[trigger.first], []).append(trigger)
        return found

    def sentence_date(self, number: int) -> FoundDate | None:
        """The first date the sentence gives (relative days resolved against publication)."""
        if number not in self._dates:
            start, end = self.sentence_span(number)
            dates = find_dates(self.text[start:end], reference=self.published)
            self._dates[number] = dates[0] if dates else None
        return self._dates[number]

    def in_news_window(self, token: int) -> bool:
        return self.tokens[token].start < self.news_window

    def adjacent(self, left: int, right: int) -> bool:
        """Only spaces (or a comma) between token `left` and token `right`."""
        between = self.text[self.tokens[left].end : self.tokens[right].start]
        return _ONLY_SPACE.fullmatch(between.replace("،", "").replace(",", "")) is not None


@dataclass
class Context:
    """Everything the tagging steps read and the suggestions they add to."""

    doc: Document
    lexicon: Lexicon
    cues: Cues
    names: dict[int, Match]  # dictionary matches by first token
    result: Suggestions = field(default_factory=Suggestions)

    def add(
        self, match: Match, entry: Entry, confidence: float, method: str, event_place: bool = False
    ) -> Found:
        """Suggest a mention over the match's words, leaving out a proclitic ("و" of "ولافروف")."""
        start, end = self.doc.span(match.first, match.last)
        if match.prefix and self.doc.text[start : start + len(match.prefix)] == match.prefix:
            start += len(match.prefix)
        found = Found(
            entry.kind, entry.id, start, end, self.doc.text[start:end], confidence, method, event_place
        )
        self.result.mentions.append(found)
        return found

    def is_person(self, actor_id: int) -> bool:
        return self.lexicon.actor_kind.get(actor_id) == "person"

    def background(self, sentence: int) -> bool:
        """The sentence tells what happened before: "وكان الزعيمان قد التقيا…", or dates what it
        reports more than a few days before publication."""
        words = self.doc.sentence_words(sentence)
        if words and words[0] in self.cues.background_openers and "قد" in words[1:6]:
            return True
        date = self.doc.sentence_date(sentence)
        published = self.doc.published
        return date is not None and published is not None and (published - date.value).days > BACKGROUND_DAYS
