"""The archive's settings plus the benchmark app, whose commands (`bench`, `soak`,
`gen_corpus`, `bench_latency`) `make bench`, `make soak` and the tests run."""

from archive.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
