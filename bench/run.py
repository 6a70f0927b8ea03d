"""The benchmark, end to end, on a database of its own (`make bench`).

1. recreate the `archive_bench` database (on the embedded server unless BENCH_DATABASE_URL
   says otherwise), migrate, load the dictionary;
2. generate N synthetic articles (`gen_corpus`) and ingest them through the real command,
   under /usr/bin/time for peak memory: the first half by one process, the rest by a
   process per core; then write the rows they wrote again by COPY alone into a copy of the
   database taken before them, the database's floor under ingest (`bench.floor`);
3. time the answers in-process (`bench_latency`), with the naive `icontains` way beside;
4. serve with gunicorn and load it from a second process (`bench.load`);
5. write docs/performance.md.
Every step runs as its own process with the bench database in its environment.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from archive.databases import database_url, on_server
from bench.serve import load
from tests.support.servers import gunicorn

ROOT = Path(settings.BASE_DIR)
BENCH_DB = "archive_bench"


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    return database_url(settings.DATABASES["default"], BENCH_DB)


def recreate_database(url: str) -> None:
    import dj_database_url

    name = dj_database_url.parse(url)["NAME"]
    on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    shutil.rmtree(ranking_index(), ignore_errors=True)  # it indexed the database just dropped


def environment(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        CONN_MAX_AGE="600",
        RANKING_INDEX_DIR=str(ranking_index()),
    )
    return env


def ranking_index() -> Path:
    """The bench database's own relevance index, apart from the archive's."""
    return Path(settings.VAR_DIR) / "bench" / "ranking"


def manage(env: dict, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    command = [*prefix, sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 1) or (result.returncode == 1 and "ingest" not in args):
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result


def halves(corpus: Path) -> list[tuple[Path, int]]:
    """The corpus's JSON lines split into two files beside it (the first half, the rest), with
    the number of articles in each."""
    lines = corpus.read_bytes().splitlines(keepends=True)
    middle = len(lines) // 2
    parts = []
    for number, part in enumerate((lines[:middle], lines[middle:]), start=1):
        path = corpus.with_suffix(f".part{number}.jsonl")
        path.write_bytes(b"".join(part))
        parts.append((path, len(part)))
    return parts


def ingest_figures(result: subprocess.CompletedProcess, count: int) -> dict:
    summary = re.search(r"new (\d+), duplicate (\d+), failed (\d+), skipped \d+ in ([\d.]+) s", result.stdout)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", result.stderr)
    new, duplicate, failed, seconds = summary.groups()
    return {
        "articles": count,
        "new": int(new),
        "duplicate": int(duplicate),
        "failed": int(failed),
        "seconds": float(seconds),
        "articles_per_second": round(int(new) / float(seconds), 1) if float(seconds) else None,
        "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "wall": wall.group(1) if wall else None,
    }


def load_test(env: dict, paths: list[str], seconds: float, workers: int, concurrency: int) -> dict:
    with gunicorn(env, workers) as (base, _server):
        load(base, paths, 2, concurrency)  # warm every worker once before measuring
        return load(base, paths, seconds, concurrency)


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
         if line.startswith("MemTotal")),
        0,
    )  # fmt: skip
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "python": platform.python_version()}
