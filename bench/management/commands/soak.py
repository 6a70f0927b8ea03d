"""python manage.py soak — the long load and kill runs; writes docs/reliability.md."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.databases import database_url
from bench import run, soak
from tests.support.servers import gunicorn

SOAK_DB = "archive_soak"
MEMORY_GROWTH_LIMIT = 0.20  # workers' memory, first minute to last


class Command(BaseCommand):
    help = "Load gunicorn for minutes at the machine's best rate, kill ingest repeatedly; write docs/reliability.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=2000, help="synthetic articles served under load")
        parser.add_argument("--minutes", type=int, default=10)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument(
            "--levels", default="2,4,8,16", help="concurrency levels probed for the best rate"
        )
        parser.add_argument("--kill-articles", type=int, default=1000)
        parser.add_argument("--kills", type=int, default=10)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "reliability.md"))

    def handle(self, *args, **options) -> None:
        url = database_url(settings.DATABASES["default"], SOAK_DB)
        env = run.environment(url)
        corpus = Path(settings.VAR_DIR) / "bench" / f"soak-{options['articles']}.jsonl"
        corpus.parent.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"soak database: {url}")
        run.recreate_database(url)
        run.manage(env, "migrate", "-v0")
        run.manage(env, "load_dictionary")
        run.manage(env, "gen_corpus", "--count", str(options["articles"]), "--out", str(corpus))
        run.manage(env, "ingest", str(corpus))

        levels = [int(level) for level in options["levels"].split(",")]
        with gunicorn(env, options["workers"]) as (base, server):
            concurrency, probes = soak.pick_concurrency(base, levels, seconds=15)
            self.stdout.write(f"probes: {json.dumps(probes)}; soaking at concurrency {concurrency}")
            segments = []
            for segment in soak.soak(base, server.pid, options["minutes"], concurrency):
                segments.append(segment)
                self.stdout.write(json.dumps(segment))
            total = soak.load(base, 1, concurrency)  # the server still answers after the soak
        kills = soak.kill_run(options["kill_articles"], options["kills"])
        self.stdout.write(f"kills: {json.dumps(kills)}")

        verdict = self.verdict(segments, kills, total)
        soak.write_report(
            Path(options["output"]), self.report(options, probes, concurrency, segments, kills, verdict)
        )
        self.stdout.write(f"wrote {options['output']}")
        if verdict:
            raise CommandError("; ".join(verdict))

    @staticmethod
    def verdict(segments: list[dict], kills: dict, after: dict) -> list[str]:
        problems = []
        errors = sum(segment["errors"] for segment in segments) + after["errors"]
        if errors:
            problems.append(f"{errors} failed requests")
        first, last = segments[0]["workers_rss_mb"], segments[-1]["workers_rss_mb"]
        if last > first * (1 + MEMORY_GROWTH_LIMIT):
            problems.append(f"workers' memory grew from {first} MB to {last} MB")
        if not kills["passed"]:
            problems.append(f"kill run failed: {kills['summary']}")
        return problems

    @staticmethod
    def report(options, probes, concurrency, segments, kills, verdict) -> str:
        machine = run.machine()
        requests = sum(s["requests"] for s in segments)
        errors = sum(s["errors"] for s in segments)
        p95s = sorted(s["p95_ms"] for s in segments)
        lines = [
            f"- Date: {datetime.date.today().isoformat()}; machine: {machine['cpu']}, {machine['cores']} cores,"
            f" {machine['memory_gb']} GB RAM; PostgreSQL 16 (embedded)",
            f"- Command: `make soak` (`python manage.py soak --articles {options['articles']} --minutes"
            f" {options['minutes']} --workers {options['workers']} --kill-articles {options['kill_articles']}"
            f" --kills {options['kills']}`)",
            f"- Verdict: {'**pass**' if not verdict else '**fail**: ' + '; '.join(verdict)}",
            "",
            f"Probes (15 s each) to find the best rate; the soak ran at concurrency **{concurrency}**:",
            "",
            "| concurrency | requests/s | p95 ms | errors |",
            "|---:|---:|---:|---:|",
            *(f"| {p['concurrency']} | {p['rps']} | {p['p95_ms']} | {p['errors']} |" for p in probes),
            "",
            f"Soak: gunicorn, {options['workers']} workers, {options['articles']} articles, {len(segments)} one-minute"
            f" segments, paths {', '.join(f'`{p}`' for p in soak.PATHS)} in turn:"
            f" **{requests} requests, {errors} errors**, median of the per-minute p95: **{p95s[len(p95s) // 2]} ms**.",
            "",
            "| minute | requests/s | p50 ms | p95 ms | p99 ms | errors | workers' memory MB |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *(
                f"| {s['minute']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['errors']} |"
                f" {s['workers_rss_mb']} |"
                for s in segments
            ),
            "",
            f"Kill run: `SOAK_KILL_ARTICLES={options['kill_articles']} SOAK_KILLS={options['kills']} pytest"
            f" tests/ingest/test_kill.py` → {kills['summary']} ({kills['seconds']} s).",
        ]
        return "\n".join(lines)
