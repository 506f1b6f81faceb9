"""Benchmarks and the full-size synthetic export generator."""
