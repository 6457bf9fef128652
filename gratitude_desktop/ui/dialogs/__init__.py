"""Dialogs: logging and editing interactions."""
