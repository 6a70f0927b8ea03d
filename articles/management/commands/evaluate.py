"""python manage.py evaluate — precision and recall of the tagger on the annotated set."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from articles.tagging.evaluate import KINDS, evaluate

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Tag the annotated articles in memory and print precision/recall per tag kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--devset", default=str(DATA / "devset.toml"), help="annotation file (TOML)")
        parser.add_argument("--corpus", default=str(DATA / "demo"), help="folder holding the annotated files")
        parser.add_argument(
            "--errors", action="store_true", help="list every article where the tagger differs"
        )

    def handle(self, *args, **options) -> None:
        report = evaluate(Path(options["devset"]), Path(options["corpus"]))
        self.stdout.write(f"{report.articles} annotated articles")
        self.stdout.write(f"{'kind':<10}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
        for kind in KINDS:
            s = report.scores[kind]
            self.stdout.write(
                f"{kind:<10}{s.precision:>10.3f}{s.recall:>8.3f}{s.true_positive:>6}{s.false_positive:>5}{s.false_negative:>5}"
            )
        self.stdout.write(
            f"{'published':<10}{report.date_accuracy:>10.3f} exact ({report.dates_right}/{report.articles})"
        )
        if options["errors"]:
            for label, kind, missed, wrong in report.errors:
                self.stdout.write(f"{label}: {kind}: missed {sorted(missed)} wrong {sorted(wrong)}")
