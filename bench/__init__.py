"""The benchmark and its tools: a Django app of its own, apart from the archive.

Installed by `bench.settings` (the archive's settings plus this app), which `make bench`,
`make soak` and the test run use. Its commands: `bench`, `soak`, `gen_corpus`,
`bench_latency`. The archive imports nothing from here.
"""
