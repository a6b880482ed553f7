"""Find Time in the window: the dialog with its week view (a learning habit, a mentor meeting, the
weekly review), its preferences, the busy calendars, and the sessions that collide. Steps 2 and 3
and the Review tab open it, and so does the Sync menu."""
