"""Ingest killed for real, by signal, at random points of a run: the database holds only
whole articles, and rerunning the same command completes the set without duplicates.

An article is whole when its row, its suggested mentions and its search vector were
written together. Re-tagging a whole article changes nothing; a half-written one (a row
without its tags) would gain mentions, so re-tagging is the test's yardstick."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.db.models import Count

from archive.databases import database_url
from articles.ingest.readers import BATCH
from articles.models import Article, Mention
from articles.tagging.apply import tag
from articles.tagging.dictionary import load_dictionary
from bench.corpus import Corpus
from tests.support.servers import ROOT

# `make soak` runs the same test on a large corpus with many kills.
ARTICLES = int(os.environ.get("SOAK_KILL_ARTICLES", 60))
KILLS = int(os.environ.get("SOAK_KILLS", 3))
SEED = 20201110  # the corpus; the kill points come from a seed printed on failure
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]


def start_ingest(path) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=database_url(connection.settings_dict))
    return subprocess.Popen([sys.executable, "manage.py", "ingest", str(path)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def kill_when(process: subprocess.Popen, stored: int, extra_seconds: float, sig: signal.Signals) -> None:
    """Send `sig` once `stored` articles are in, plus a random instant: mid-batch, mostly."""
    deadline = time.monotonic() + 120
    while Article.objects.count() < stored and process.poll() is None:
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    time.sleep(extra_seconds)
    process.send_signal(sig)
    process.communicate(timeout=60)


def spans(article: Article) -> list[tuple]:
    return sorted(
        Mention.objects.filter(article=article).values_list(
            "in_title", "start", "end", "actor_id", "venue_id"
        )
    )


def assert_whole(articles) -> None:
    for article in articles:
        before = spans(article)
        assert before, f"article {article.pk} has no mentions"
        tag(article)
        assert spans(article) == before, f"article {article.pk} was half written"
    assert not Article.objects.filter(search_vector__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes_the_set(tmp_path):
    load_dictionary()
    corpus = Corpus(SEED)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(corpus.json_line(i) + "\n" for i in range(ARTICLES)), encoding="utf-8")
    kill_seed = random.randrange(10**6)
    chance = random.Random(kill_seed)

    # Articles are committed a batch at a time: a target in the last batch would be met
    # only as the run ends, too late to kill it.
    targets = sorted(chance.sample(range(3, ARTICLES - BATCH - 5), KILLS))
    for round_, target in enumerate(targets):
        sig = SIGNALS[round_ % len(SIGNALS)]
        process = start_ingest(path)
        kill_when(process, target, chance.uniform(0, 0.2), sig)
        assert process.returncode != 0, f"kill seed {kill_seed}: ingest ended before {sig.name}"
        newest = Article.objects.order_by("-id")[:5]
        assert_whole(newest)

    stored = Article.objects.count()
    process = start_ingest(path)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-2000:]
    assert f"new {ARTICLES - stored}, duplicate {stored}, failed 0" in out
    assert Article.objects.count() == ARTICLES, f"kill seed {kill_seed}"
    assert not Article.objects.values("content_hash").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert_whole(chance.sample(list(Article.objects.all()), 10))
