"""Empower Desktop: a personal career-development app that schedules its own time."""

__version__ = "0.1.0"
APP_NAME = "Empower Desktop"
APP_ID = "empower-desktop"
