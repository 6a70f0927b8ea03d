"""Cleaning's cost per article, in-process: the bench corpus's pages as a scraper saves them
(title, byline, date line, noise, body, source), through `parse_scraped` (cleaning, headline,
metadata), several rounds over the same pages, the median round reported."""

from __future__ import annotations

import statistics
import time

from articles.text.scraped import parse_scraped
from bench.corpus import Corpus

PAGES = 1000
ROUNDS = 5


def time_cleaning(seed: int, pages: int = PAGES, rounds: int = ROUNDS) -> dict:
    corpus = Corpus(seed)
    texts = [corpus.text_file(index) for index in range(pages)]
    parse_scraped(texts[0])  # the vocabulary and rules load once per process, before timing
    per_article = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            parse_scraped(text)
        per_article.append((time.perf_counter() - started) / pages * 1000)
    return {
        "pages": pages,
        "rounds": rounds,
        "ms_per_article_median": round(statistics.median(per_article), 3),
        "ms_per_article_min": round(min(per_article), 3),
        "ms_per_article_max": round(max(per_article), 3),
    }
