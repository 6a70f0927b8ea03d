"""python manage.py evaluate — precision and recall of the tagger on the annotated set;
with --cleaning, cleaning and metadata on the labelled dev and held-out pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from articles.evaluation.cleaning import FIELDS, read_pages, score_pages
from articles.evaluation.conflicts import evaluate_folder
from articles.evaluation.tagging import KINDS, evaluate

DATA = Path(__file__).resolve().parents[2] / "data"
CLEANING = DATA / "cleaning"
CONFLICTS = DATA / "conflicts"


class Command(BaseCommand):
    help = "Tag the annotated articles in memory and print precision/recall per tag kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--devset", default=str(DATA / "devset.toml"), help="annotation file (TOML)")
        parser.add_argument("--corpus", default=str(DATA / "demo"), help="folder holding the annotated files")
        parser.add_argument(
            "--errors",
            action="store_true",
            help="list every article where the tagger differs (with --cleaning: every dev page's misses)",
        )
        parser.add_argument(
            "--conflicts",
            action="store_true",
            help="score cold (venues, people proposed) and warm (name search) on the second-conflict dev and held-out sets",
        )
        parser.add_argument(
            "--cleaning",
            action="store_true",
            help="score cleaning and metadata on the labelled dev and held-out pages, side by side",
        )

    def handle(self, *args, **options) -> None:
        if options["cleaning"]:
            self._cleaning(options["errors"])
            return
        if options["conflicts"]:
            self._conflicts(options["errors"])
            return
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

    def _cleaning(self, errors: bool) -> None:
        sets = {name: score_pages(read_pages(CLEANING / name), names=True) for name in ("dev", "heldout")}
        self.stdout.write(f"{'':<22}{'dev':>16}{'held-out':>16}")
        rows = [
            ("pages (templates)", lambda s: f"{len(s.pages)} ({s.templates})"),
            ("noise removed", lambda s: _share(s.total("noise_removed"), s.total("noise"))),
            ("text lines lost", lambda s: _share(s.total("text_lost"), s.total("text"))),
            *((f"{name} exact", _field(name)) for name in FIELDS),
            ("all four exact", lambda s: f"{s.fields_exact:.1%}"),
            (
                "noise-only names tagged",
                lambda s: f"{s.total('sidebar_names_tagged')} of {s.total('sidebar_names')}",
            ),
        ]
        for label, cell in rows:
            self.stdout.write(f"{label:<22}{cell(sets['dev']):>16}{cell(sets['heldout']):>16}")
        if errors:
            # Dev pages only: held-out lines must never be read while tuning.
            for page in sets["dev"].pages:
                misses = [f"{name}: got {page.got[name]!r}" for name in FIELDS if not page.fields_right[name]]
                if page.error or page.kept_noise or page.lost_text or misses:
                    self.stdout.write(f"\n== {page.name} {page.error}")
                    for line in misses:
                        self.stdout.write(f"  FIELD {line}")
                    for line in page.kept_noise:
                        self.stdout.write(f"  KEPT  {line}")
                    for line in page.lost_text:
                        self.stdout.write(f"  LOST  {line}")

    def _conflicts(self, errors: bool) -> None:
        sets = {name: evaluate_folder(CONFLICTS / name) for name in ("dev", "heldout")}
        self.stdout.write(f"{'':<34}{'dev':>18}{'held-out':>18}")
        rows = [
            ("articles", lambda r: str(r.articles)),
            (
                "cold: venue recall",
                lambda r: _share(r.venues.true_positive, r.venues.true_positive + r.venues.false_negative),
            ),
            (
                "cold: venue precision",
                lambda r: _share(r.venues.true_positive, r.venues.true_positive + r.venues.false_positive),
            ),
            ("cold: false venues / places named", lambda r: f"{r.false_venues}/{r.places_named}"),
            (
                "cold: people known or proposed",
                lambda r: _share(r.people_known + r.people_proposed, r.people),
            ),
            ("cold:   of which proposed", lambda r: str(r.people_proposed)),
            ("cold: candidates naming someone", lambda r: _share(r.candidates_right, r.candidates)),
            ("warm: name search exact", lambda r: _share(r.queries_exact, r.queries)),
            ("warm: spellings suggested", lambda r: str(r.suggestions)),
            ("warm: exact, suggestions accepted", lambda r: _share(r.queries_exact_accepted, r.queries)),
        ]
        for label, cell in rows:
            self.stdout.write(f"{label:<34}{cell(sets['dev']):>18}{cell(sets['heldout']):>18}")
        if errors:
            # Dev sets only: held-out pages must never be read while tuning.
            for line in sets["dev"].errors:
                self.stdout.write(line)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} {part / max(1, whole):.1%}"


def _field(name: str):
    return lambda s: _share(s.field_right(name), len(s.pages))
