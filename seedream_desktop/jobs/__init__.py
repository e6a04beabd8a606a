"""The job pipeline: journal (SQLite), submit, poll, download, save, recover, cost ledger (no Qt)."""
