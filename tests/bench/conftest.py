"""Nothing in tests/bench is a unit test: the benchmarks are run on demand
(`python -m tests.bench.run`), and pytest must never collect or import them."""

collect_ignore_glob = ["*.py"]
