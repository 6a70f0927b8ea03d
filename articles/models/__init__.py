"""The archive's tables. Import models from here: `from articles.models import Article`."""

from .actor import Actor, ActorRole, Alias, AliasSuggestion, SuggestionReason, Venue
from .article import Article, Source, UndatedArticle
from .choices import (
    ActorKind,
    ActorStatus,
    DateOrigin,
    DatePrecision,
    EventType,
    ParticipantRole,
    ReviewStatus,
    VenueKind,
)
from .cleaning import CleaningDecision, CleaningRule
from .conflict import ArticleConflict, AssignedBy, Conflict
from .dictionary import DictionaryVersion
from .event import Event, EventParticipant, Mention
from .named import ActorMonth, ArticleActor, ArticleVenue
from .ranking import RankingChange

__all__ = [
    "Actor",
    "ActorKind",
    "ActorMonth",
    "ActorRole",
    "ActorStatus",
    "Alias",
    "AliasSuggestion",
    "Article",
    "ArticleActor",
    "ArticleConflict",
    "ArticleVenue",
    "AssignedBy",
    "CleaningDecision",
    "CleaningRule",
    "Conflict",
    "DateOrigin",
    "DatePrecision",
    "DictionaryVersion",
    "Event",
    "EventParticipant",
    "EventType",
    "Mention",
    "ParticipantRole",
    "RankingChange",
    "ReviewStatus",
    "Source",
    "SuggestionReason",
    "UndatedArticle",
    "Venue",
    "VenueKind",
]
