"""Calendar sync: mapping records to iCalendar, targets (.ics file now; CalDAV later). No Qt."""
