"""python manage.py reclean — clean stored articles again from their raw bytes, and re-tag them."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.decisions import CleaningDecisions
from articles.ingest.reclean import reclean
from articles.models import Article, Source


class Command(BaseCommand):
    help = (
        "Clean articles again from the raw bytes they were received as (after a change to the "
        "cleaner or to an editor's cleaning rule) and re-tag them. Fields editors corrected and "
        "mentions they reviewed are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--source", help="the articles of this source (its name or slug)")
        which.add_argument("--all", action="store_true", help="every article")
        which.add_argument("--ids", nargs="+", type=int, help="these articles")

    def handle(self, *args, **options) -> None:
        articles = Article.objects.select_related("source").order_by("id")
        if options["source"]:
            source = (
                Source.objects.filter(name=options["source"]).first()
                or Source.objects.filter(slug=options["source"]).first()
            )
            if source is None:
                raise CommandError(f"no source named {options['source']!r}")
            articles = articles.filter(source=source)
        elif options["ids"]:
            articles = articles.filter(id__in=options["ids"])
        result = reclean(articles.iterator(chunk_size=200), CleaningDecisions.load())
        for article, reason in result.failures:
            self.stderr.write(f"failed: article {article.pk} ({article.origin}): {reason}")
        self.stdout.write(
            f"recleaned {result.changed}, unchanged {result.unchanged}, failed {len(result.failures)}"
        )
        if result.failures:
            raise CommandError(f"{len(result.failures)} articles could not be cleaned again", returncode=1)
