"""python manage.py setup_demo — first-run setup for `make run`: dictionary, demo corpora of two
conflicts, the conflicts, admin login.

Each step runs only when its data is missing, so a second run takes seconds.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.conflicts import load_conflicts
from articles.models import Actor, Article, Conflict, RankingChange

DATA = Path(__file__).resolve().parents[2] / "data"
DEMO_CORPUS = DATA / "demo"
SECOND_CONFLICT = DATA / "demo-second-conflict"  # a smaller conflict of another region
DEMO_CONFLICTS = DATA / "demo-conflicts.toml"


class Command(BaseCommand):
    help = "Load the starter dictionary and the demo corpus the first time; ensure an admin login."

    def handle(self, *args, **options) -> None:
        if not Actor.objects.exists():
            call_command("load_dictionary", stdout=self.stdout)
        if not Article.objects.exists():
            try:
                call_command(
                    "ingest", str(DEMO_CORPUS), str(SECOND_CONFLICT), stdout=self.stdout, stderr=self.stderr
                )
            except SystemExit as exit_:
                if exit_.code:
                    self.stderr.write("some demo files failed to ingest (see above)")
        if not Conflict.objects.exists():
            for conflict in load_conflicts(DEMO_CONFLICTS):
                self.stdout.write(
                    f"conflict {conflict.slug}: {conflict.article_rows.filter(kept=True).count()} articles"
                )
        if RankingChange.objects.exists():  # a migration gave the relevance index a new schema
            call_command("rank_index", stdout=self.stdout)
        call_command("setup_groups", stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
