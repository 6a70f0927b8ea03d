"""python manage.py bench --articles N — the end-to-end benchmark; writes docs/performance.md."""

from __future__ import annotations

import datetime
import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from articles.bench import run

SCENARIOS = [
    ("name_search_api", "name search, API, 20 names (10 Arabic, 10 Latin spellings)"),
    ("full_text_api", "full-text search, API, 20 two-word phrases"),
    ("filtered_list_api", "article list filtered by actor + venue + date range, API"),
    ("filtered_list_page", "the same list as an HTML page (facets and chips)"),
    ("actor_page", "actor page (timeline, events, co-mentions), 3 most-named actors"),
    ("first_page_api", "first page of an actor's articles, API"),
    ("deep_page_api", "deep page of the same list, API"),
    ("naive_name_search", "naive: icontains over title and body + count (Django admin's search), ORM only"),
]


class Command(BaseCommand):
    help = (
        "Generate, ingest and query a synthetic corpus on a database of its own; write docs/performance.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--load-seconds", type=float, default=15)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "performance.md"))

    def handle(self, *args, **options) -> None:
        url = run.bench_database_url()
        env = run.environment(url)
        work = Path(settings.VAR_DIR) / "bench"
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / f"corpus-{options['articles']}-{options['seed']}.jsonl"

        self.stdout.write(f"bench database: {url}")
        run.recreate_database(url)
        run.manage(env, "migrate", "-v0")
        run.manage(env, "load_dictionary")

        started = time.monotonic()
        run.manage(env, "gen_corpus", "--count", str(options["articles"]), "--seed", str(options["seed"]),
                   "--out", str(corpus))  # fmt: skip
        generated = round(time.monotonic() - started, 1)
        self.stdout.write(f"generated {options['articles']} articles in {generated} s")

        result = run.manage(env, "ingest", str(corpus), prefix=("/usr/bin/time", "-v"))
        ingest = run.ingest_figures(result, options["articles"])
        self.stdout.write(f"ingest: {json.dumps(ingest)}")

        latency = json.loads(run.manage(env, "bench_latency", "--repeats", str(options["repeats"])).stdout)
        self.stdout.write(f"latency: {json.dumps(latency)}")

        loads = {
            "article list": run.load_test(env, ["/", "/?page=2"], options["load_seconds"], options["workers"],
                                          options["concurrency"]),
            "actor page": run.load_test(env, ["/actors/nikol-pashinyan/", "/actors/ilham-aliyev/"],
                                        options["load_seconds"], options["workers"], options["concurrency"]),
        }  # fmt: skip
        self.stdout.write(f"load: {json.dumps(loads)}")
        Path(options["output"]).write_text(self.report(options, ingest, latency, loads, generated))
        self.stdout.write(f"wrote {options['output']}")

    def report(self, options: dict, ingest: dict, latency: dict, loads: dict, generated: float) -> str:
        machine = run.machine()
        command = f"make bench BENCH_ARTICLES={options['articles']}"
        ours = latency["name_search_api"]["p50"]
        naive = latency["naive_name_search"]["p50"]
        lines = [
            "# Performance",
            "",
            "Measured by `make bench` (`python manage.py bench`), which builds a database of its own,",
            "generates a synthetic corpus (`gen_corpus`), ingests it through the real `ingest` command,",
            "times the answers through Django in-process, and loads a gunicorn server from a second",
            "process. Figures from one run; rerun to compare (numbers on a shared machine vary).",
            "",
            f"- Date: {datetime.date.today().isoformat()}",
            f"- Command: `{command}` (seed {options['seed']}, {options['repeats']} repeats per query)",
            f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM, "
            f"Python {machine['python']}, PostgreSQL 16 (embedded, pgserver)",
            "",
            "## Ingest (end to end: decode, clean, tag, insert, full-text index)",
            "",
            "| articles | new | duplicate | failed | seconds | articles/s | peak memory |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {ingest['articles']} | {ingest['new']} | {ingest['duplicate']} | {ingest['failed']} | "
            f"{ingest['seconds']} | **{ingest['articles_per_second']}** | {ingest['peak_rss_mb']} MB |",
            "",
            f"Generating the corpus took {generated} s (not included).",
            "",
            f"## Latency ({latency['articles']} articles in the archive)",
            "",
            "| scenario | p50 ms | p95 ms | p99 ms | samples |",
            "|---|---:|---:|---:|---:|",
        ]
        for key, label in SCENARIOS:
            row = latency[key]
            lines.append(f"| {label} | {row['p50']} | {row['p95']} | {row['p99']} | {row['n']} |")
        lines += [
            "",
            f"Deep page: page {latency['deep_page_number']}. Name search through the API vs the naive ORM query,"
            f" medians side by side in this run: **{naive / ours:.1f}×** ({naive} ms vs {ours} ms).",
            "",
            f"## Under load (gunicorn, {options['workers']} workers; {options['concurrency']} concurrent clients"
            f" from a second process, {options['load_seconds']} s)",
            "",
            "| page | requests/s | p50 ms | p95 ms | p99 ms | requests | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, row in loads.items():
            lines.append(
                f"| {name} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['requests']} |"
                f" {row['errors']} |"
            )
        lines += ["", "Targets, what is still missing and the plan: see the section below.", ""]
        notes = Path(settings.BASE_DIR) / "docs" / "performance-notes.md"
        if notes.exists():
            lines += [notes.read_text()]
        return "\n".join(lines) + "\n"
