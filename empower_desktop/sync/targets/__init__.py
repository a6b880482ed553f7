"""Where calendar objects go: a CalDAV calendar, an .ics file, or memory (for tests)."""
