"""A small HTTP load generator, run as a second process: `python -m bench.load URL…`.

Threads with keep-alive connections request the given paths in turn for a number of
seconds and print one JSON line: requests, errors (status ≥ 400 or a failed connection),
requests per second, and latency percentiles.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    base = urlsplit(args.base)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def worker(offset: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
        index = offset
        mine, failed = [], 0
        while time.monotonic() < deadline:
            path = args.paths[index % len(args.paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": base.hostname or "localhost"})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(json.dumps({
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "p99_ms": round(quantiles[98] * 1000, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
