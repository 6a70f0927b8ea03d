import datetime

import pytest

from articles.models import Actor, Venue
from articles.tagging.cues import load_cues
from articles.tagging.lexicon import get_lexicon
from articles.tagging.suggest import suggest_article


@pytest.fixture
def tagged(db):
    """Tag (title, body, published) in memory; return {"actors": slugs, "places": slugs, …}."""

    def _tagged(body: str, published: datetime.date | None = datetime.date(2020, 10, 10), title: str = ""):
        suggestions, body_start = suggest_article(title, body, published, get_lexicon(), load_cues())
        actors = dict(Actor.objects.values_list("id", "slug"))
        venues = dict(Venue.objects.values_list("id", "slug"))
        text = f"{title}\n{body}"
        return {
            "suggestions": suggestions,
            "actors": {actors[i] for i in suggestions.actor_ids()},
            "places": {venues[i] for i in suggestions.venue_ids(event_place=True)},
            "venues": {venues[i] for i in suggestions.venue_ids()},
            "events": {e.kind for e in suggestions.events},
            "spans": {
                (
                    text[m.start : m.end],
                    actors.get(m.entity_id) if m.kind == "actor" else venues[m.entity_id],
                    m.method,
                )
                for m in suggestions.mentions
            },
            "body_start": body_start,
        }

    return _tagged
