"""Capture in the window: the background scanner, its Settings, the Today panel, new people."""
