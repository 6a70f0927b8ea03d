"""python manage.py restore PATH [--yes] — replace the whole database with a dump made by `backup`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.backup import BackupError, check_dump, database_label, restore
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Restore a dump made by `manage.py backup` into the current database, replacing all "
        "of its data. Runs in one transaction: a failed restore leaves the old data in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a .dump file made by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="replace the data without asking")

    def handle(self, *args, **options) -> None:
        path = options["path"]
        try:
            check_dump(path)
            if not options["yes"]:
                self._confirm(path)
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {path} into database {database_label()}: its previous data was replaced; "
            f"it now holds {Article.objects.count():,} articles"
        )

    @staticmethod
    def _confirm(path: Path) -> None:
        question = f"Replace ALL data in database {database_label()} with {path}? Type 'yes' to go on: "
        if not sys.stdin.isatty():
            raise CommandError(
                f"restore replaces all data in database {database_label()}; pass --yes to confirm"
            )
        if input(question).strip().lower() != "yes":
            raise CommandError("restore cancelled; nothing was changed")
