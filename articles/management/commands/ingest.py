"""python manage.py ingest PATH [PATH ...] [--feed FILE_OR_URL] [--jobs N] — add articles to the archive."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles import ranking
from articles.conflicts import assign_all
from articles.ingest import parallel, store
from articles.ingest.fetch import fetch
from articles.ingest.readers import BATCH, Given, Item, read_feed, read_paths
from articles.ingest.store import DUPLICATE, FAILED, NEW, Outcome, Summary, summarize
from articles.models import Article
from articles.text.dates import parse_date


class Command(BaseCommand):
    help = (
        "Ingest articles: .txt and .html files, .jsonl/.json (fields title, body, published, "
        "source, author, url), folders (recursively), '-' for standard input, and RSS/Atom feeds. "
        "Exits with status 1 when any input failed; the others are still ingested."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="files, folders, or - for standard input")
        parser.add_argument("--feed", action="append", default=[], help="an RSS/Atom feed file or URL")
        parser.add_argument("--source", default="", help="outlet of plain files (wins over the text)")
        parser.add_argument("--published", default="", help="publication date of plain files")
        parser.add_argument("--url", default="", help="URL of a single plain file (its origin)")
        parser.add_argument("--author", default="", help="author of plain files")
        parser.add_argument(
            "--jobs", type=int, default=1, help="worker processes preparing and storing articles (default 1)"
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH,
            help=f"articles stored per transaction (default {BATCH}); 1 commits each article on its own",
        )

    def handle(self, *args, **options) -> None:
        if not options["paths"] and not options["feed"]:
            raise CommandError("give at least one PATH, '-' or --feed")
        if options["url"] and (len(options["paths"]) != 1 or Path(options["paths"][0]).is_dir()):
            raise CommandError("--url names one article: give exactly one file")
        if options["published"] and parse_date(options["published"]) is None:
            raise CommandError(f"--published: not a date: {options['published']!r}")
        if options["jobs"] < 1:
            raise CommandError("--jobs must be 1 or more")
        if options["batch"] < 1:
            raise CommandError("--batch must be 1 or more")
        given = Given(
            published=options["published"],
            source=options["source"],
            author=options["author"],
            url=options["url"],
        )
        items = itertools.chain(
            read_paths(options["paths"], given, settings.INGEST_MAX_BYTES),
            *(read_feed(feed, fetch, self._already_ingested) for feed in options["feed"]),
        )
        self._new: list[int] = []
        summary = self._ingest(items, options["jobs"], options["batch"], verbose=options["verbosity"] >= 2)
        self.stdout.write(summary.line())
        self._update_ranking()
        if self._new:
            assign_all(self._new)  # the new articles join the conflicts their tags name
        if summary.counts[FAILED]:
            sys.exit(1)

    def _ingest(self, items: Iterable[Item], jobs: int, batch: int, verbose: bool) -> Summary:
        outcomes = store.outcomes(items, batch) if jobs == 1 else parallel.outcomes(items, jobs, batch)
        progress = tqdm(desc="ingest", unit=" articles", file=sys.stderr, disable=None)
        try:
            return summarize(outcomes, report=lambda outcome: self._report(outcome, verbose, progress))
        except BrokenProcessPool as error:
            raise CommandError(
                f"a worker process died ({error}); every article stored is whole: run the "
                "same command again to ingest the rest (those already stored count as duplicates)"
            ) from error
        finally:
            progress.close()

    def _report(self, outcome: Outcome, verbose: bool, progress: tqdm) -> None:
        progress.update()
        if outcome.status == NEW and outcome.article_id is not None:
            self._new.append(outcome.article_id)
        if outcome.status == FAILED:
            progress.write(f"error: {outcome.label}: {outcome.reason}", file=sys.stderr)
        elif verbose:
            detail = f" (article {outcome.article_id})" if outcome.status == DUPLICATE else ""
            self.stdout.write(f"{outcome.status}: {outcome.label}{detail} {outcome.reason}".rstrip())

    def _update_ranking(self) -> None:
        """The new articles join the relevance index; if another process is writing it, they
        wait in its queue for the next run or `rank_index`."""
        try:
            ranking.sync()
        except ranking.IndexBusy as error:
            self.stderr.write(f"note: {error}: the new articles join it at the next `rank_index`")

    @staticmethod
    def _already_ingested(url: str) -> bool:
        return Article.objects.filter(origin=url).exists()
