"""python manage.py setup_groups — create the editors, reviewers and readers groups."""

from django.core.management.base import BaseCommand

from articles.groups import setup_groups


class Command(BaseCommand):
    help = "Create or refresh the editorial groups (editors, reviewers, readers) and their permissions."

    def handle(self, *args, **options) -> None:
        for name, size in setup_groups().items():
            self.stdout.write(f"group {name}: {size} permissions")
