"""A local Runware-compatible HTTP server on loopback: demo mode, tests and benchmarks (no Qt)."""
