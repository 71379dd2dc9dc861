"""Benchmarks run on demand (not unit tests): `python -m tests.bench.run --help`."""
