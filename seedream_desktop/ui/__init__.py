"""Qt widgets, item models and the bridge between worker threads and the GUI thread.

Importing this package changes nothing in the process: the runtime WORKAROUNDs (``_allocator``,
``_feature_hook``) are installed by the app's start-up (``app.install_runtime_patches``).
"""
