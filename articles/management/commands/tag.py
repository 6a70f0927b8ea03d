"""python manage.py tag [--all | ID ...] — re-run the tagger, keeping editors' decisions."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.models import Article
from articles.tagging.apply import tag
from articles.tagging.cues import load_cues
from articles.tagging.lexicon import get_lexicon


class Command(BaseCommand):
    help = (
        "Re-tag articles after the dictionary or the cues changed. Confirmed and rejected mentions are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="article ids")
        parser.add_argument("--all", action="store_true", help="every article")

    def handle(self, *args, **options) -> None:
        if not options["ids"] and not options["all"]:
            raise CommandError("give article ids or --all")
        articles = Article.objects.all() if options["all"] else Article.objects.filter(id__in=options["ids"])
        lexicon, cues = get_lexicon(), load_cues()
        mentions = events = count = 0
        for article in tqdm(articles.iterator(), desc="tag", unit=" articles", disable=None):
            counts = tag(article, lexicon, cues)
            mentions += counts["mentions"]
            events += counts["events"]
            count += 1
        self.stdout.write(
            f"tagged {count} articles: {mentions} suggested mentions, {events} suggested events"
        )
