"""python manage.py setup_demo — first-run setup for `make run`: dictionary, demo corpus, admin login.

Each step runs only when its data is missing, so a second run takes seconds.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Actor, Article, RankingChange

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "data" / "demo"


class Command(BaseCommand):
    help = "Load the starter dictionary and the demo corpus the first time; ensure an admin login."

    def handle(self, *args, **options) -> None:
        if not Actor.objects.exists():
            call_command("load_dictionary", stdout=self.stdout)
        if not Article.objects.exists():
            try:
                call_command("ingest", str(DEMO_CORPUS), stdout=self.stdout, stderr=self.stderr)
            except SystemExit as exit_:
                if exit_.code:
                    self.stderr.write("some demo files failed to ingest (see above)")
        if RankingChange.objects.exists():  # a migration gave the relevance index a new schema
            call_command("rank_index", stdout=self.stdout)
        call_command("setup_groups", stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
