"""The compose side of the main window: prompt editor, size picker, reference tray, controls, kits."""
