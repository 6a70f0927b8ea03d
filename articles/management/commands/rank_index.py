"""python manage.py rank_index [--rebuild] — bring the relevance index up to date."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import ranking


class Command(BaseCommand):
    help = (
        "Bring the relevance index of word searches (Tantivy, in RANKING_INDEX_DIR) up to date with "
        "the articles: new, edited and deleted ones since it last ran. `ingest` does it after each run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="index every article again, from empty")

    def handle(self, *args, **options) -> None:
        try:
            taken = ranking.rebuild() if options["rebuild"] else ranking.sync()
        except ranking.IndexBusy as error:
            raise CommandError(f"{error}; run this again once it is done") from error
        self.stdout.write(f"ranking index: {taken} articles brought up to date in {ranking.index_path()}")
