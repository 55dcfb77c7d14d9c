"""The suite. A package, so tests and the benchmarks import `tests.support` by name."""
