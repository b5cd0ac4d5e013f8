"""Benchmarks and the evaluation code they share with the quality tests (gold sets, scorers).

Measures the product; the product (`dashboard/`) never imports from here."""
