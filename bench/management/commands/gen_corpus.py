"""python manage.py gen_corpus --count N [--seed S] [--out PATH] [--format jsonl|txt] — a synthetic corpus.

Writes N synthetic Arabic news articles about the Armenia–Azerbaijan talks, for
benchmarks of ingest, tagging and search (`bench/corpus.py` says what they
look like). No database is used: names come from articles/data/dictionary.toml.

- jsonl (default): one JSON object per line (title, body, published, source, author,
  url) to --out, a file, or standard output when --out is '-' or absent;
- txt: --out is a folder; each article is a .txt file as a scraper saves it, 1,000
  files per subfolder (00000/00000000.txt … 00000/00000999.txt, 00001/…).

The same --count and --seed give byte-identical output, whatever --jobs, and article
i does not depend on --count. Articles are made one at a time and written in order,
so memory stays constant for any N. With --jobs > 1, worker processes make blocks of
CHUNK articles each, at most two blocks per worker ahead of the writer.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.corpus import FILES_PER_FOLDER, Corpus

CHUNK = 250  # articles per block handed to a worker (divides FILES_PER_FOLDER)
MAX_JOBS = 4

_corpus: Corpus | None = None  # the generator of this process (each worker makes its own)


def _start(seed: int) -> None:
    global _corpus
    _corpus = Corpus(seed)


def _json_lines(block: tuple[int, int]) -> str:
    line = _corpus.json_line
    return "".join(line(i) + "\n" for i in range(*block))


def _text_files(folder: str, block: tuple[int, int]) -> str:
    root = Path(folder)
    for i in range(*block):
        path = root / _corpus.text_path(i)
        if i == block[0] or i % FILES_PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as file:
            file.write(_corpus.text_file(i))
    return ""


def _default_jobs() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


class Command(BaseCommand):
    help = (
        "Write a synthetic corpus of Arabic news articles (JSON lines, or scraped .txt files in "
        "subfolders of 1,000) for benchmarks; byte-identical for a given --count and --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="number of articles")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--out", default="-", help="jsonl: a file, or '-' for standard output (default); txt: a folder"
        )
        parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl", help="default jsonl")
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            help=f"processes making articles (default: the CPUs, at most {MAX_JOBS}); the output is the same",
        )

    def handle(self, *args, **options) -> None:
        count, out, form = options["count"], options["out"], options["format"]
        jobs = options["jobs"] or _default_jobs()
        if count < 0:
            raise CommandError("--count must be 0 or more")
        if jobs < 0:
            raise CommandError("--jobs must be 0 (automatic) or more")
        if form == "txt" and out == "-":
            raise CommandError("--format txt writes files: give --out FOLDER")
        if form == "txt" and Path(out).exists() and not Path(out).is_dir():
            raise CommandError(f"--out {out}: not a folder")
        started = time.perf_counter()
        try:
            _start(options["seed"])  # the dictionary is read here, before anything is written
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the dictionary: {error}") from error
        try:
            if form == "txt":
                for _ in self._blocks(count, jobs, _text_files, out):
                    pass
            elif out == "-":
                self._write_stdout(count, jobs)
            else:
                with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as file:
                    for text in self._blocks(count, jobs, _json_lines):
                        file.write(text)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror or error}") from error
        elapsed = time.perf_counter() - started
        self.stderr.write(f"wrote {count} articles in {elapsed:.1f} s", style_func=lambda text: text)

    def _write_stdout(self, count: int, jobs: int) -> None:
        try:
            for text in self._blocks(count, jobs, _json_lines):
                self.stdout.write(text, ending="")
            self.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (| head): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)

    def _blocks(self, count: int, jobs: int, work: Callable[..., str], *args: str) -> Iterator[str]:
        """The work on each block of articles, in order; in worker processes when jobs > 1."""
        blocks = ((start, min(start + CHUNK, count)) for start in range(0, count, CHUNK))
        if jobs == 1 or count <= CHUNK or "fork" not in multiprocessing.get_all_start_methods():
            for block in blocks:
                yield work(*args, block)
            return
        seed = _corpus.seed
        with multiprocessing.get_context("fork").Pool(jobs, _start, (seed,)) as pool:
            pending = deque(pool.apply_async(work, (*args, block)) for block in islice(blocks, 2 * jobs))
            while pending:
                result = pending.popleft().get()
                for block in islice(blocks, 1):
                    pending.append(pool.apply_async(work, (*args, block)))
                yield result
