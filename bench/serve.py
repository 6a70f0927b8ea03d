"""Load a running archive from a second process (`bench/load.py`) and read its figures."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.servers import ROOT


def load(base: str, paths: list[str], seconds: float, concurrency: int) -> dict:
    """Load `base` from a second process (`bench.load`) and return its figures."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", base, *paths, "--seconds", str(seconds),
         "--concurrency", str(concurrency)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)
