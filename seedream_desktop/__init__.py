"""Seedream Desktop: generate and edit images with Seedream 4.0, keep them in an offline library."""

__version__ = "0.1.0"
APP_NAME = "Seedream Desktop"
# Reverse-DNS id shared by the .desktop file, the macOS bundle id and QSettings.
APP_ID = "io.github.seedream_desktop.SeedreamDesktop"
