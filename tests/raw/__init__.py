"""Tests of the nightly export: download, the table registry, cleaning and loading."""
