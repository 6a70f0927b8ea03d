"""python manage.py bench --articles N — the end-to-end benchmark; writes docs/performance.md."""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from bench import floor, run, scale
from bench import latency as latency_module
from bench.cleaning import time_cleaning
from bench.tagging import time_tagging

SCENARIOS = [
    ("name_search_api", "name search, API, 20 names (10 Arabic, 10 Latin spellings)"),
    ("full_text_api", "full-text search, API, 20 two-word phrases"),
    ("full_text_rare_api", "full-text search, API, 5 words found once in a sample of 500 articles"),
    ("full_text_frequent_api", "full-text search, API, the 5 most frequent words of that sample"),
    ("full_text_ranked_api", "full-text search in relevance order (`order=relevance`), API, the 20 phrases"),
    ("full_text_frequent_ranked_api", "the same for the 5 most frequent words"),
    ("filtered_list_api", "article list filtered by actor + venue + date range, API"),
    ("filtered_list_page", "the same list as an HTML page (facets and chips)"),
    ("actor_page", "actor page (timeline, events, co-mentions), 3 most-named actors"),
    ("first_page_api", "first page of an actor's articles, API"),
    ("deep_page_api", "the last numbered page of the same list (OFFSET, within the count cap), API"),
    ("deep_cursor_api", "page 500 of the same list by cursor (`after`, what `next` links hold), API"),
    (
        "naive_name_search",
        "naive: icontains over title and body + count (Django admin's search), ORM only, every fifth name"
        " (tenth past 200,000 articles), once each",
    ),
]


class Command(BaseCommand):
    help = (
        "Generate, ingest and query a synthetic corpus on a database of its own; write docs/performance.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="copy the ingested articles until the archive holds SCALE× as many",
        )
        parser.add_argument("--load-seconds", type=float, default=15)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "performance.md"))
        parser.add_argument(
            "--measure-only",
            action="store_true",
            help="time the bench database as it stands (built by an earlier run): no corpus, ingest or scaling",
        )

    def handle(self, *args, **options) -> None:
        url = run.bench_database_url()
        env = run.environment(url)
        work = Path(settings.VAR_DIR) / "bench"
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / f"corpus-{options['articles']}-{options['seed']}.jsonl"

        self.stdout.write(f"bench database: {url}")
        state = work / "state.json"  # what built the database, for --measure-only
        if options["measure_only"]:
            run.manage(env, "migrate", "-v0")
            built = json.loads(state.read_text())
            ingest, generated, scaled = built["ingest"], built["generated"], built["scaled"]
            database_floor = built.get("floor")  # measured since 2026-12-06
            if isinstance(ingest, dict):  # built before the corpus was ingested in two halves
                ingest = [ingest | {"jobs": 1}]
            options.update(articles=built["articles"], scale=built["scale"], seed=built["seed"])
        else:
            ingest, database_floor, generated, scaled = self.build(options, url, env, corpus)
            state.write_text(json.dumps({
                "ingest": ingest, "floor": database_floor, "generated": generated, "scaled": scaled,
                "articles": options["articles"], "scale": options["scale"], "seed": options["seed"],
            }))  # fmt: skip
        cleaning = time_cleaning(options["seed"])
        self.stdout.write(f"cleaning: {json.dumps(cleaning)}")
        tagging = time_tagging(options["seed"])
        self.stdout.write(f"tagging: {json.dumps(tagging)}")
        # Tantivy's side of the comparison is an in-memory index built from every article:
        # most of an hour past LARGE articles here, so larger runs time PostgreSQL alone.
        engines = ["--engines"] if options["articles"] * options["scale"] <= latency_module.LARGE else []
        latency = json.loads(
            run.manage(env, "bench_latency", "--repeats", str(options["repeats"]), *engines).stdout
        )
        self.stdout.write(f"latency: {json.dumps(latency)}")

        loads = {
            "article list": run.load_test(env, ["/", "/?page=2"], options["load_seconds"], options["workers"],
                                          options["concurrency"]),
            "actor page": run.load_test(env, ["/actors/nikol-pashinyan/", "/actors/ilham-aliyev/"],
                                        options["load_seconds"], options["workers"], options["concurrency"]),
        }  # fmt: skip
        self.stdout.write(f"load: {json.dumps(loads)}")
        report = self.report(
            options, ingest, database_floor, latency, loads, generated, scaled, cleaning, tagging
        )
        Path(options["output"]).write_text(report)
        self.stdout.write(f"wrote {options['output']}")

    def build(
        self, options: dict, url: str, env: dict, corpus: Path
    ) -> tuple[list[dict], dict, float, dict | None]:
        """Recreate the bench database, generate and ingest the corpus, time the database's
        floor under that ingest, scale it in SQL."""
        run.recreate_database(url)
        run.manage(env, "migrate", "-v0")
        run.manage(env, "load_dictionary")
        snapshot = floor.snapshot(url)  # the database before ingest, for its floor

        started = time.monotonic()
        run.manage(env, "gen_corpus", "--count", str(options["articles"]), "--seed", str(options["seed"]),
                   "--out", str(corpus))  # fmt: skip
        generated = round(time.monotonic() - started, 1)
        self.stdout.write(f"generated {options['articles']} articles in {generated} s")

        # The first half by one process, the second by a process per core, side by side in one run.
        ingest = []
        for (part, count), jobs in zip(run.halves(corpus), (1, os.cpu_count() or 1), strict=True):
            result = run.manage(env, "ingest", "--jobs", str(jobs), str(part), prefix=("/usr/bin/time", "-v"))
            ingest.append(run.ingest_figures(result, count) | {"jobs": jobs})
            self.stdout.write(f"ingest: {json.dumps(ingest[-1])}")
        try:
            database_floor = floor.measure(url, snapshot)
        finally:
            floor.drop(snapshot)
        self.stdout.write(f"floor: {json.dumps(database_floor)}")

        scaled = (
            scale.multiply(url, options["scale"], log=self.stdout.write) if options["scale"] > 1 else None
        )
        if scaled:
            started = time.monotonic()
            run.manage(env, "rank_index")  # the copies join the relevance index, as ingest's own did
            scaled["ranking_seconds"] = round(time.monotonic() - started, 1)
            self.stdout.write(f"scale: {json.dumps(scaled)}")
        return ingest, database_floor, generated, scaled

    @staticmethod
    def cleaning_lines(cleaning: dict | None) -> list[str]:
        if not cleaning:
            return []
        return [
            "### Cleaning (in-process, one core)",
            "",
            f"`parse_scraped` (cleaning, headline, byline, date and source) over {cleaning['pages']} of the corpus's",
            f"pages as a scraper saves them, {cleaning['rounds']} rounds: **{cleaning['ms_per_article_median']} ms** an",
            f"article (median round; {cleaning['ms_per_article_min']}–{cleaning['ms_per_article_max']}). Measured in this run,",
            "by this code, whether or not the database was rebuilt.",
            "",
        ]

    @staticmethod
    def tagging_lines(tagging: dict | None) -> list[str]:
        if not tagging:
            return []
        alone, loaded = tagging["dictionary"], tagging["with_gazetteer"]
        return [
            "### Tagging (in-process, one core)",
            "",
            f"`suggest_article` over {tagging['articles']} of the corpus's articles, {tagging['rounds']} rounds, the",
            "median round, with lexicons built from the data files in this run:",
            "",
            "| Lexicon | Spellings | ms an article | range |",
            "|---|---:|---:|---|",
            f"| dictionary alone | {alone['spellings']:,} | **{alone['ms_per_article_median']}** | "
            f"{alone['ms_per_article_min']}–{alone['ms_per_article_max']} |",
            f"| dictionary + world gazetteer | {loaded['spellings']:,} | **{loaded['ms_per_article_median']}** | "
            f"{loaded['ms_per_article_min']}–{loaded['ms_per_article_max']} |",
            "",
        ]

    def report(
        self,
        options: dict,
        ingest: list[dict],
        database_floor: dict | None,
        latency: dict,
        loads: dict,
        generated: float,
        scaled: dict | None,
        cleaning: dict | None = None,
        tagging: dict | None = None,
    ) -> str:
        machine = run.machine()
        command = f"make bench BENCH_ARTICLES={options['articles']} BENCH_SCALE={options['scale']}"
        if options["measure_only"]:
            command += "`, then the timings again with `DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench --measure-only"
        ours = latency["name_search_api"]["p50"]
        naive = latency["naive_name_search"]["p50"]
        lines = [
            "# Performance",
            "",
            "Measured by `make bench` (`python manage.py bench` with `bench.settings`), which builds a database of its own,",
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
            *(
                ["Measured when the database was built, by the code of that time.", ""]
                if options["measure_only"]
                else []
            ),
            "The corpus in two halves, one after the other into the same database: the first by one",
            "process (`ingest --jobs 1`), the second by a process per core (`--jobs N`), which meets the",
            "larger archive; its seconds include starting the workers, which weighs on a small corpus.",
            "Peak memory is that of the largest process.",
            "",
            "| part | `--jobs` | articles | new | duplicate | failed | seconds | articles/s | peak memory |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *(
                f"| {part} | {row['jobs']} | {row['articles']} | {row['new']} | {row['duplicate']} | "
                f"{row['failed']} | {row['seconds']} | **{row['articles_per_second']}** | {row['peak_rss_mb']} MB |"
                for part, row in zip(("first half", "second half"), ingest, strict=False)
            ),
            "",
            f"Generating the corpus took {generated} s (not included).",
            "",
            *self.cleaning_lines(cleaning),
            *self.tagging_lines(tagging),
            *self.floor_lines(database_floor),
            *self.scale_lines(scaled),
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
            f"Deep pages: {latency['deep_page_number']} by number, {latency['deep_cursor_page']} by cursor. Name search through the API vs the naive ORM query,"
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
        lines += self.beside_lines(latency["beside_tantivy"])
        if "engines" in latency:
            lines += self.engine_lines(latency["engines"], latency["naive_name_search"])
        else:
            lines += [
                "",
                f"The second, in-memory Tantivy index with the naive queries beside it was not built at this size"
                f" (over {latency_module.LARGE:,} articles): Tantivy is compared above over the archive's own index.",
            ]
        lines += ["", "Targets, what is still missing and the plan: see the section below.", ""]
        notes = Path(settings.BASE_DIR) / "docs" / "performance-notes.md"
        if notes.exists():
            lines += [notes.read_text()]
        return "\n".join(lines) + "\n"

    @staticmethod
    def floor_lines(figures: dict | None) -> list[str]:
        if not figures:
            return []
        cpu = f", the server's CPU {figures['cpu_seconds']} s" if figures["cpu_seconds"] is not None else ""
        return [
            "The database's floor under that ingest (`bench/floor.py`): every row the two runs wrote"
            f" ({figures['rows']:,} rows for {figures['articles']:,} articles) written again by COPY alone into"
            " a copy of the database taken before them, in one transaction, every index, constraint and trigger"
            f" in place: {figures['seconds']} s{cpu}, **{figures['write_ms']} ms an article**, and"
            f" {figures['vector_ms']} ms more to compute the search vectors ingest computes in the INSERT."
            f" Without any cleaning, tagging or Django, this server stores at most"
            f" **{figures['ceiling_per_second']:,} articles/s** on its {figures['cores']} cores.",
            "",
        ]

    @staticmethod
    def scale_lines(scaled: dict | None) -> list[str]:
        if not scaled:
            return []
        return [
            f"## Scaled for the query timings: {scaled['articles']:,} articles, {scaled['mentions']:,} mentions",
            "",
            f"The {scaled['ingested']:,} ingested articles, their mentions and event links were copied in SQL"
            f" until the archive held {scaled['times']}× as many, each copy with new ids and hashes and dates"
            f" moved back by whole weeks (`bench/scale.py`, {scaled['seconds']} s: copies"
            f" {scaled.get('copies_seconds', '—')} s with the secondary indexes dropped, the indexes built again"
            f" in {scaled.get('indexes_seconds', '—')} s, then VACUUM ANALYZE);"
            f" `rank_index` then added the copies to the relevance index in {scaled.get('ranking_seconds', '—')} s."
            " Everything below is measured on that archive; ingest above is not.",
            "",
        ]

    @staticmethod
    def beside_lines(beside: dict) -> list[str]:
        rows = [
            (f"name search, the {beside['names']['queries']} names: 20 newest", beside["names"]),
            (f"full text, the {beside['newest']['queries']} phrases: 20 newest", beside["newest"]),
            (f"full text, the {beside['ranked']['queries']} phrases and frequent words: 20 best ranked",
             beside["ranked"]),
        ]  # fmt: skip
        lines = [
            "",
            "## Beside Tantivy alone, at this size",
            "",
            "The queries above at the ORM, a first page's ids: the archive as its API finds them (its"
            " FilterSet: a name through the mentions; words through its relevance index, PostgreSQL fetching"
            " the rows; relevance by `by_relevance` with the page's 21 candidates), without the count; and"
            " Tantivy alone over every document of the archive's own relevance index (the same normalized"
            " text; a name as every recorded spelling under every proclitic, newest first by the index's"
            " sort key).",
            "",
            "| question | the archive p50 / p95 ms | Tantivy alone p50 / p95 ms | ratio p50 / p95 |",
            "|---|---:|---:|---:|",
        ]
        for label, row in rows:
            ours, tantivy = row["ours"], row["tantivy"]
            lines.append(
                f"| {label} | {ours['p50']} / {ours['p95']} | {tantivy['p50']} / {tantivy['p95']} |"
                f" {ours['p50'] / tantivy['p50']:.2f}× / {ours['p95'] / tantivy['p95']:.2f}× |"
            )
        names, newest, ranked = beside["names"], beside["newest"], beside["ranked"]
        return [
            *lines,
            "",
            f"Newest first, the same 20 ids for {newest['same']} of {newest['queries']} phrases. Best ranked, the"
            f" same top 20 (by title: copies of a text score alike) for {ranked['same']} of {ranked['queries']}"
            f" queries. Names: on average {names['shared']:.0%} of the archive's 20 are also Tantivy's (the"
            " archive lists the articles its tagger and editors say name the person; Tantivy, those holding"
            " a spelling).",
        ]

    @staticmethod
    def engine_lines(engines: dict, naive_names: dict) -> list[str]:
        rows = [
            ("name search, 20 names: 20 newest articles", "ours_name_search", "tantivy_name_search", naive_names),
            ("full text, 20 phrases: 20 newest", "ours_full_text_newest", "tantivy_full_text_newest",
             engines["naive_full_text"]),
            ("full text, 20 phrases: 20 best ranked, plain ts_rank / BM25", "ours_full_text_ranked",
             "tantivy_full_text_ranked", None),
            ("full text, 20 phrases: 20 best ranked, the archive (its Tantivy index + PostgreSQL) / BM25",
             "ours_full_text_relevance", "tantivy_full_text_ranked", None),
        ]  # fmt: skip
        lines = [
            "",
            f"## Side by side: PostgreSQL, Tantivy, naive ({engines['documents']:,} documents)",
            "",
            "Same queries, same process, one engine after the other. Ours: the archive's own query"
            " functions through the ORM (no HTTP); Tantivy: an in-memory index of the same normalized"
            f" text (built in {engines['build_seconds']} s), names given as every recorded spelling under"
            " every proclitic; naive: `icontains` over title and body with a count, on every fifth query,"
            " once each; plain `ts_rank` timed once a query after a warm-up.",
            "",
            "| question | ours p50 / p95 ms | Tantivy p50 / p95 ms | naive p50 ms | ours ÷ Tantivy | naive ÷ ours |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for label, ours_key, tantivy_key, naive in rows:
            ours, tantivy = engines[ours_key], engines[tantivy_key]
            naive_cell = f"{naive['p50']}" if naive else "—"
            naive_ratio = f"{naive['p50'] / ours['p50']:.0f}×" if naive else "—"
            lines.append(
                f"| {label} | {ours['p50']} / {ours['p95']} | {tantivy['p50']} / {tantivy['p95']} | {naive_cell} |"
                f" {ours['p50'] / tantivy['p50']:.1f}× | {naive_ratio} |"
            )
        top = engines["top"]
        lines += [
            "",
            f"Top 20 of the archive's relevance order: the same as Tantivy's over every document for"
            f" {top['same_as_tantivy']} of {top['queries']} phrases; on average {top['shared_with_ts_rank']:.0%}"
            " of them are also in plain `ts_rank`'s top 20 (a different scoring, not an approximation of it).",
        ]
        return lines
