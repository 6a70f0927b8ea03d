"""python manage.py bench_latency — time the archive's answers on the current database (JSON out)."""

import json

from django.core.management.base import BaseCommand, CommandParser

from bench import latency


class Command(BaseCommand):
    help = "Measure p50/p95/p99 of name search, full text, filtered lists, actor pages and deep pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--engines", action="store_true", help="also time Tantivy on the same queries")

    def handle(self, *args, **options) -> None:
        self.stdout.write(
            json.dumps(
                latency.run(repeats=options["repeats"], engines=options["engines"]), ensure_ascii=False
            )
        )
