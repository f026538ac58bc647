"""Developer scripts (benchmarks); not part of the app."""
