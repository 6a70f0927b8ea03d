"""python manage.py backup [--output PATH] — dump the whole database with pg_dump (custom format)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.backup import BackupError, backup, database_label, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the whole database (articles, editors' decisions, history, users) to a "
        "pg_dump custom-format file; by default var/backups/archive-<UTC timestamp>.dump."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="where to write the dump")

    def handle(self, *args, **options) -> None:
        path = options["output"] or default_backup_path()
        try:
            size = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backed up database {database_label()} to {path} ({size:,} bytes)")
