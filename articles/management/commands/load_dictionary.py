"""python manage.py load_dictionary [PATH] — load or refresh the actor and venue dictionary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.tagging.dictionary import DICTIONARY_PATH, DictionaryError, load_dictionary


class Command(BaseCommand):
    help = "Load the actor/venue dictionary (TOML). Upserts by slug; editors' additions are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(DICTIONARY_PATH))
        parser.add_argument(
            "--no-gazetteer", action="store_true", help="load the file alone, without the world gazetteer"
        )

    def handle(self, *args, **options) -> None:
        try:
            counts = load_dictionary(Path(options["path"]), gazetteer=not options["no_gazetteer"])
        except (OSError, ValueError, KeyError, DictionaryError) as error:
            raise CommandError(f"{options['path']}: {error}") from error
        self.stdout.write(
            f"dictionary: {counts['actors']} actors, {counts['roles']} roles, "
            f"{counts['venues']} venues, {counts['aliases']} new aliases"
        )
