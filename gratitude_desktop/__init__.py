"""Gratitude: a desktop contact journal for people who live by follow-up."""

__version__ = "0.1.0"
APP_NAME = "Gratitude"
