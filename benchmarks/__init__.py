"""Benchmarks of armstrace (run on demand, never as tests): see benchmarks/README.md."""
