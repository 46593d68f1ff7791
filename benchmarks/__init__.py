"""Benchmark scripts (run with python -m benchmarks.<name>); not collected by pytest."""
