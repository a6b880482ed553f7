"""Step 1 use-cases for the self-assessment: skills and their rating history, strengths,
weaknesses and interests, job-satisfaction check-ins, and the career vision's versions."""

from __future__ import annotations

from .core import CoreServices


class AssessmentServices(CoreServices):
    """Self-assessment actions (see the module docstring)."""
