"""The soak run (`make soak`): the archive under the highest load the machine holds for
minutes on end, then the ingest killed again and again on a large corpus.

Load: gunicorn over a database of its own (a synthetic corpus ingested through the real
command); short probes pick the concurrency with the most requests per second and no
error; then the load runs in one-minute segments from a second process, the workers'
resident memory read between segments. Kills: `tests/ingest/test_kill.py` on a larger
corpus with more kills. The figures go into docs/reliability.md between markers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench import serve
from tests.support.servers import ROOT

START, END = "<!-- soak:start -->", "<!-- soak:end -->"
PATHS = [
    "/",
    "/?actor=nikol-pashinyan&venue=moscow",
    "/search/?q=Lavrov",
    "/actors/ilham-aliyev/",
    "/api/articles/?actor=sergey-lavrov",
    "/api/actors/?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81",
]


def load(base: str, seconds: float, concurrency: int) -> dict:
    return serve.load(base, PATHS, seconds, concurrency)


def workers_rss_mb(master: int) -> float:
    """Resident memory of gunicorn's workers (the master's children), in MB."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total_kb = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return round(total_kb / 1024, 1)


def pick_concurrency(base: str, levels: list[int], seconds: float) -> tuple[int, list[dict]]:
    probes = [{"concurrency": level, **load(base, seconds, level)} for level in levels]
    clean = [probe for probe in probes if probe["errors"] == 0] or probes
    return max(clean, key=lambda probe: probe["rps"])["concurrency"], probes


def soak(base: str, master: int, minutes: int, concurrency: int) -> list[dict]:
    segments = []
    for minute in range(1, minutes + 1):
        segment = load(base, 60, concurrency)
        segments.append({"minute": minute, **segment, "workers_rss_mb": workers_rss_mb(master)})
    return segments


def kill_run(articles: int, kills: int) -> dict:
    env = dict(os.environ, SOAK_KILL_ARTICLES=str(articles), SOAK_KILLS=str(kills))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/ingest/test_kill.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    return {
        "passed": result.returncode == 0,
        "summary": summary,
        "seconds": round(time.monotonic() - started),
    }


def write_report(path: Path, section: str) -> None:
    text = path.read_text()
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(f"{before}{START}\n{section}\n{END}{after}")
