"""The tagger's cost per article, in-process, with the dictionary alone and with the world
gazetteer loaded too, side by side in one run: the bench corpus's articles through
`suggest_article`, several rounds, the median round reported.

The lexicons are built from the data files (no database): the dictionary's actors and
venues, then the gazetteer's countries, organisations and cities, merged by slug as
`load_dictionary` merges them."""

from __future__ import annotations

import statistics
import time
from itertools import count

from articles.gazetteer.load import read_cities, read_toml
from articles.tagging.cues import load_cues
from articles.tagging.dictionary import read_dictionary
from articles.tagging.lexicon import Entry, Lexicon, Term
from articles.tagging.suggest import suggest_article
from bench.corpus import Corpus

ARTICLES = 500
ROUNDS = 3


def lexicon_from_files(gazetteer: bool) -> tuple[Lexicon, int]:
    """A lexicon of the dictionary file (and the gazetteer); also how many spellings it holds."""
    data = read_dictionary()
    lexicon, ids, spellings = Lexicon(), count(1), 0
    actors: dict[str, int] = {}
    venues: dict[str, int] = {}

    def add(kind: str, entry: dict, names: list[str], **flags) -> None:
        nonlocal spellings
        table = actors if kind == "actor" else venues
        key = table.setdefault(entry["slug"], next(ids))
        for name in names:
            if name:
                lexicon.add_alias(name, Entry(kind, key, **flags))
                spellings += 1
        if kind == "actor":
            lexicon.actor_kind[key] = entry["kind"]
        else:
            lexicon.venue_kind[key] = entry.get("kind", "city")

    actor_entries = list(data.get("actor", []))
    if gazetteer:
        actor_entries += read_toml("countries.toml") + read_toml("organisations.toml")
    for entry in actor_entries:
        ambiguous = set(entry.get("ambiguous", []))
        full = [entry["name"], entry.get("name_latin", ""), *entry.get("aliases", [])]
        add("actor", entry, [n for n in full if n not in ambiguous])
        add("actor", entry, [n for n in full if n in ambiguous], ambiguous=True)
        add("actor", entry, entry.get("short_aliases", []), short=True)
        add("actor", entry, entry.get("adjectives", []), adjective=True)
    for entry in data.get("venue", []):
        add("venue", entry, [entry["name"], entry.get("name_latin", ""), *entry.get("aliases", [])])
    if gazetteer:
        for row in read_cities():
            ambiguous = set(row["ambiguous"].split("|"))
            forms = [row["name_latin"], *row["aliases"].split("|")]
            add("venue", row, [f for f in forms if f not in ambiguous])
            add("venue", row, [f for f in forms if f in ambiguous], ambiguous=True)
    for role in data.get("role", []):
        for phrase in role["phrases"]:
            lexicon.add_role_phrase(phrase, role["key"])
    for entry in data.get("actor", []):
        for role in entry.get("roles", []):
            actor = actors[entry["slug"]]
            lexicon.add_term(
                actor,
                role["role"],
                actors.get(role.get("country")),
                Term(actor, role.get("start"), role.get("end")),
            )
    return lexicon, spellings


def time_tagging(seed: int, articles: int = ARTICLES, rounds: int = ROUNDS) -> dict:
    corpus = Corpus(seed)
    texts = []
    for index in range(articles):
        article = corpus.article(index)
        body = "\n\n".join(" ".join(sentences) for sentences in article.paragraphs)
        texts.append((article.title, body, article.published))
    cues = load_cues()
    figures = {"articles": articles, "rounds": rounds}
    for name, gazetteer in (("dictionary", False), ("with_gazetteer", True)):
        lexicon, spellings = lexicon_from_files(gazetteer)
        suggest_article(*texts[0], lexicon, cues)  # caches warm before timing
        per_article = []
        for _ in range(rounds):
            started = time.perf_counter()
            for title, body, published in texts:
                suggest_article(title, body, published, lexicon, cues)
            per_article.append((time.perf_counter() - started) / articles * 1000)
        figures[name] = {
            "spellings": spellings,
            "ms_per_article_median": round(statistics.median(per_article), 3),
            "ms_per_article_min": round(min(per_article), 3),
            "ms_per_article_max": round(max(per_article), 3),
        }
    return figures
