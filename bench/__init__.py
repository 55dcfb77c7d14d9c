"""Benchmarks, run from the checkout as `python -m bench.<name>`: each prints its figures as
ratios against a baseline measured in the same run."""
