"""Benchmarks: `python -m bench.run_all` measures Sasaran at province scale against peer tools."""
