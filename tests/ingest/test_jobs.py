"""`ingest --jobs N`: worker processes store every distinct text once, name every failure,
and leave the archive as one process would.

The command runs as a real subprocess against the test database: its workers commit,
so these tests are transactional (and reload the dictionary the emptied database lost)."""

import os
import re
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError
from django.db import connection

from archive.databases import database_url
from articles.ingest.readers import BATCH, BATCH_BYTES, Failure, Incoming, batches
from articles.models import Article, Mention
from articles.tagging.dictionary import load_dictionary
from bench.corpus import Corpus
from tests.samples import near_copy
from tests.support.servers import ROOT

CORPUS = Corpus(20221006)
DISTINCT = 41  # with the copies and bad files: three batches of BATCH files
BAD = {
    "empty": (b"", "empty file"),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image)"),
    "latin1": (
        "Les négociations à Genève: Aliyev et Pashinyan réunis.".encode("latin-1"),
        "not text in a known encoding (tried UTF-8, UTF-16, Windows-1256)",
    ),
}


@pytest.fixture
def folder(tmp_path):
    """Files in name order, three batches: distinct articles; copies of article 0 heading
    batches 1 and 2, so that three workers store the same text at once; article 5 again in
    UTF-16; a near-copy of article 1 at the same place in batch 1; a bad file in each batch.
    Returns the folder and, per file name, its text group or its kind of bad input."""
    texts = [CORPUS.text_file(i) for i in range(DISTINCT)]
    special = {
        BATCH: (texts[0].encode(), "text 0"),
        2 * BATCH: (texts[0].encode(), "text 0"),
        BATCH + 1: (near_copy(texts[1]).encode(), "near copy of text 1"),
        2 * BATCH + 1: (texts[5].encode("utf-16"), "text 5"),
        **{offset * BATCH + 3: (BAD[kind][0], kind) for offset, kind in enumerate(BAD)},
    }
    distinct = ((text.encode(), f"text {i}") for i, text in enumerate(texts))
    groups = {}
    for position in range(DISTINCT + len(special)):
        content, group = special.get(position) or next(distinct)
        name = f"{position:03d}.txt"
        (tmp_path / name).write_bytes(content)
        groups[name] = group
    return tmp_path, groups


def ingest_process(path, jobs: int, **options) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=database_url(connection.settings_dict))
    command = [sys.executable, "manage.py", "ingest", "-v", "2", "--jobs", str(jobs), str(path)]
    return subprocess.Popen(command, cwd=ROOT, env=env, text=True, **options)


def run_ingest(path, jobs: int) -> subprocess.CompletedProcess:
    process = ingest_process(path, jobs, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def other_sessions() -> int:
    """Connections to the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def reported(result: subprocess.CompletedProcess, status: str) -> list[str]:
    """Names of the files reported with `status` ("new", "duplicate", "error"), in report order."""
    return re.findall(rf"^{status}: \S*/(\d+\.txt)", result.stdout + result.stderr, re.MULTILINE)


def summary(result: subprocess.CompletedProcess) -> str:
    return result.stdout.splitlines()[-1].rsplit(" in ", 1)[0]


def stored() -> dict[str, list[tuple]]:
    """Each stored article's content hash with its suggested mentions (actors and venues by slug)."""
    return {
        article.content_hash: sorted(
            Mention.objects.filter(article=article).values_list(
                "in_title", "start", "end", "actor__slug", "venue__slug", "method", "confidence"
            )
        )
        for article in Article.objects.all()
    }


def assert_linked(a: Article, b: Article) -> None:
    assert a.copy_of_id == b.id or b.copy_of_id == a.id, "near-copy not linked to its story"


@pytest.mark.django_db(transaction=True)
def test_workers_store_each_text_once_and_name_every_failure(folder):
    load_dictionary()
    path, groups = folder
    result = run_ingest(path, jobs=3)

    assert result.returncode == 1, result.stderr[-2000:]
    good_groups = {group for group in groups.values() if group not in BAD}
    copies = len(groups) - len(good_groups) - len(BAD)
    assert summary(result) == f"new {len(good_groups)}, duplicate {copies}, failed {len(BAD)}, skipped 0"
    assert len(good_groups) + copies + len(BAD) == len(groups)
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {path / name}: {BAD[group][1]}" for name, group in groups.items() if group in BAD
    ]

    origins = list(Article.objects.values_list("origin", flat=True))
    assert sorted(origins) == sorted(reported(result, "new"))
    assert sorted(groups[name] for name in origins) == sorted(good_groups)  # one article per text
    duplicates = reported(result, "duplicate")
    assert sorted(duplicates + origins) == sorted(name for name, group in groups.items() if group not in BAD)

    first, copy = (Article.objects.get(origin=name) for name in ("001.txt", f"{BATCH + 1:03d}.txt"))
    assert_linked(first, copy)


@pytest.mark.django_db(transaction=True)
def test_three_jobs_store_what_one_job_stores(folder):
    load_dictionary()
    path, _ = folder
    parallel = run_ingest(path, jobs=3)
    in_parallel = stored()
    Article.objects.all().delete()
    single = run_ingest(path, jobs=1)

    assert single.returncode == parallel.returncode == 1
    assert summary(single) == summary(parallel)
    assert reported(single, "error") == reported(parallel, "error")
    assert stored() == in_parallel
    assert sum(len(mentions) for mentions in in_parallel.values()) > 3 * DISTINCT


@pytest.mark.django_db(transaction=True)
def test_workers_end_when_their_parent_is_killed(tmp_path):
    load_dictionary()
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(CORPUS.json_line(i) + "\n" for i in range(300)), encoding="utf-8")
    process = ingest_process(path, 2, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while Article.objects.count() < 5:
        assert time.monotonic() < deadline and process.poll() is None, "ingest made no progress"
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while other_sessions():
        assert time.monotonic() < deadline, "worker processes outlived their parent"
        time.sleep(0.2)
    assert Article.objects.count() < 300


@pytest.mark.django_db
def test_jobs_must_be_at_least_one(ingest, write):
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        ingest("--jobs", "0", write("a.txt", "نص"))


def test_batches_keep_order_and_close_early_on_large_items():
    small = [Incoming(f"{n}.txt", b"x", "txt") for n in range(BATCH + 3)]
    large = Incoming("big.txt", b"x" * BATCH_BYTES, "txt")
    items = [*small[:2], large, Failure("gone.txt", "no such file or folder"), *small[2:]]
    found = list(batches(items))
    assert [item for batch in found for item in batch] == items
    assert [len(batch) for batch in found] == [3, BATCH, 2]
