"""Derived views over the domain: review summaries and report documents. No Qt, no writes."""
