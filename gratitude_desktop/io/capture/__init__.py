"""Capture: touches learnt from the user's own mail and calendar files (headers only)."""
