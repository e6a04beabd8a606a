"""The user's image folders: layout, embedded metadata, index (SQLite FTS5), thumbnails, reconcile (no Qt)."""
