"""Icons and translations shipped with the app (mapped from the top-level resources/ folder)."""
