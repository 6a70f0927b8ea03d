"""Score the tagger against an annotated set (articles/data/devset.toml).

Each annotated article is read from its file through the real ingest path
(readers → prepare) and tagged in memory; nothing is written. Scores are
micro-averaged over articles: a true positive is an (article, slug) pair that
both the annotation and the tagger give.

- actors: every actor the article names (any spelling, surname, role phrase);
- venues: places where a reported event happened (mentions marked as event places);
- events: event types reported;
- published: the publication date and its precision, exactly.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest.errors import IngestError
from articles.ingest.prepare import Prepared, prepare
from articles.ingest.readers import Given, Incoming, read_file
from articles.tagging.cues import load_cues
from articles.tagging.lexicon import get_lexicon
from articles.tagging.suggest import suggest_article

KINDS = ("actors", "venues", "events")


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {kind: Score() for kind in KINDS})
    dates_right: int = 0
    articles: int = 0
    # (article, kind, missed, wrong); never in a failing test's message: held-out lines stay unread
    errors: list[tuple[str, str, set[str], set[str]]] = field(default_factory=list, repr=False)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.articles if self.articles else 1.0


def load_devset(path: Path) -> list[dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["article"]


def evaluate(devset_path: Path, corpus: Path) -> Report:
    from articles.models import Actor, Venue

    actor_slug = dict(Actor.objects.values_list("id", "slug"))
    venue_slug = dict(Venue.objects.values_list("id", "slug"))
    lexicon, cues = get_lexicon(), load_cues()
    report = Report()
    for entry in load_devset(devset_path):
        label = entry["file"] + (f" line {entry['line']}" if "line" in entry else "")
        prepared = _prepare(corpus / entry["file"], entry.get("line"))
        suggestions, _body_start = suggest_article(
            prepared.title, prepared.body, prepared.published, lexicon, cues
        )
        found = {
            "actors": {actor_slug[i] for i in suggestions.actor_ids()},
            "venues": {venue_slug[i] for i in suggestions.venue_ids(event_place=True)},
            "events": {event.kind for event in suggestions.events},
        }
        for kind in KINDS:
            expected = set(entry.get(kind, []))
            score = report.scores[kind]
            score.true_positive += len(found[kind] & expected)
            score.false_positive += len(found[kind] - expected)
            score.false_negative += len(expected - found[kind])
            if found[kind] != expected:
                report.errors.append((label, kind, expected - found[kind], found[kind] - expected))
        report.articles += 1
        expected_date = (entry.get("published"), entry.get("published_precision", "unknown"))
        if (prepared.published, prepared.date_precision) == expected_date:
            report.dates_right += 1
        else:
            report.errors.append(
                (
                    label,
                    "published",
                    {str(expected_date)},
                    {str((prepared.published, prepared.date_precision))},
                )
            )
    return report


def _prepare(path: Path, line: int | None) -> Prepared:
    items = read_file(path, Given(), max_bytes=50 * 1024 * 1024)
    for number, item in enumerate(items, start=1):
        if isinstance(item, Incoming) and (line is None or item.line == line or number == line):
            return prepare(item)
    raise IngestError(f"{path}: no article at line {line}")
