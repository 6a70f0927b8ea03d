"""The benchmark's own parts: the load generator, percentiles, reading the ingest run."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench import soak
from bench.latency import percentiles
from bench.management.commands.soak import Command as SoakCommand
from bench.run import halves, ingest_figures

ROOT = Path(__file__).resolve().parent.parent.parent


class Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        status = 200 if self.path == "/ok" else 500
        body = b"{}"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_load_generator_counts_requests_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bench.load", f"http://127.0.0.1:{server.server_port}", "/ok", "/fail",
             "--seconds", "1", "--concurrency", "2"],
            cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
    finally:
        server.shutdown()
    figures = json.loads(result.stdout)
    assert figures["requests"] > 10
    # Each client alternates between the two paths: about half the answers are errors.
    assert abs(figures["errors"] - figures["requests"] / 2) <= 2
    assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]


def test_percentiles_are_in_milliseconds_and_ordered():
    samples = [i / 1000 for i in range(1, 101)]  # 1 … 100 ms
    result = percentiles(samples)
    assert result["n"] == 100
    assert 49 <= result["p50"] <= 51 and 94 <= result["p95"] <= 96 and 98 <= result["p99"] <= 100


def test_it_reads_the_ingest_summary_and_peak_memory():
    run = subprocess.CompletedProcess(
        args=[], returncode=0,
        stdout="new 1990, duplicate 10, failed 0, skipped 0 in 99.5 s\n",
        stderr="\tMaximum resident set size (kbytes): 153600\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:41.20\n",
    )  # fmt: skip
    figures = ingest_figures(run, 2000)
    assert figures["articles_per_second"] == 20.0
    assert figures["peak_rss_mb"] == 150.0
    assert (figures["new"], figures["duplicate"], figures["wall"]) == (1990, 10, "1:41.20")


def test_the_soak_report_replaces_only_its_own_section(tmp_path):
    page = tmp_path / "reliability.md"
    page.write_text(f"# Reliability\nprose\n{soak.START}\nold figures\n{soak.END}\nafter\n")
    soak.write_report(page, "new figures")
    assert page.read_text() == f"# Reliability\nprose\n{soak.START}\nnew figures\n{soak.END}\nafter\n"


def test_the_soak_fails_on_errors_growing_memory_or_a_failed_kill_run():
    minute = {"errors": 0, "workers_rss_mb": 300.0}
    passed = {"passed": True, "summary": "1 passed"}
    assert SoakCommand.verdict([minute, minute], passed, {"errors": 0}) == []
    problems = SoakCommand.verdict(
        [minute, {"errors": 2, "workers_rss_mb": 400.0}],
        {"passed": False, "summary": "1 failed"},
        {"errors": 1},
    )
    assert problems == [
        "3 failed requests",
        "workers' memory grew from 300.0 MB to 400.0 MB",
        "kill run failed: 1 failed",
    ]


def test_gunicorn_workers_memory_is_read_from_proc():
    with subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                           "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']); time.sleep(30)"]) as parent:  # fmt: skip
        try:
            for _ in range(50):
                if Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split():
                    break
                threading.Event().wait(0.1)
            assert 1 < soak.workers_rss_mb(parent.pid) < 200
        finally:
            for child in Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split():
                subprocess.run(["kill", child])
            parent.kill()


def test_the_corpus_is_split_into_two_halves_that_keep_every_line(tmp_path):
    lines = [
        json.dumps({"title": f"قمة موسكو {n}", "body": "اجتمع لافروف وباشينيان"}, ensure_ascii=False)
        for n in range(7)
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (first, first_count), (second, second_count) = halves(corpus)
    assert (first_count, second_count) == (3, 4)
    assert first.read_text(encoding="utf-8").splitlines() == lines[:3]
    assert second.read_text(encoding="utf-8").splitlines() == lines[3:]
