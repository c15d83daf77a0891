"""Benchmarks: `python -m bench [NAME...]` (or `make bench`) prints a table per benchmark."""
