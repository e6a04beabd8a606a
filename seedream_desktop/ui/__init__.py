"""Qt widgets, item models and the bridge between worker threads and the GUI thread."""
