"""Performance measurements: each bench_*.py runs its baseline side by side in the same run and prints the ratio."""
