"""python manage.py search "NAME" — articles about a person, whatever the spelling."""

from django.core.management.base import BaseCommand, CommandParser

from articles.search import search


class Command(BaseCommand):
    help = "Find the actors a name means (Arabic or Latin, any spelling) and list the articles about them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args, **options) -> None:
        result = search(options["query"])
        for hit in result.actors:
            self.stdout.write(f"actor: {hit.actor.name} ({hit.actor.name_latin}) [{hit.how}]")
        if result.full_text:
            self.stdout.write("no actor by that name; full-text matches:")
        articles = list(result.articles.select_related("source")[: options["limit"]])
        for article in articles:
            date = article.published.isoformat() if article.published else "—"
            source = article.source.name if article.source else "—"
            self.stdout.write(f"{date}\t{article.title}\t{source}\t{article.origin}")
        self.stdout.write(f"{len(articles)} articles")
