"""The benchmarks of Xuncha, beside the product package and never part of it: the realistic data
generator (`xuncha bench seed`), the benchmark suite (`xuncha bench run`, `make bench`), the HTTP
load client and the `xuncha bench_board|bench_ledger|bench_reports` commands.

A Django app (label `bench`) that settings.py installs, and xuncha/urls.py mounts under /bench/,
only when XUNCHA_BENCH is on: by default in the test run, explicitly in scripts/bench and in the
HTTP benchmark's server, never otherwise. The wheel (`include = ["xuncha*"]`) does not contain it
and nothing under xuncha/ imports it (tests/bench/test_separation.py).

Keep this module free of imports: `python -m benchmarks.loadclient` runs without Django."""
