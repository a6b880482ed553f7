"""The use-cases the window and the command line share: one place per action.

Nothing here imports Qt. `Services` gathers the use-cases of each area, one module each, over
the core (opening a data folder, backup and restore, the calendar file). Long-running calls
are plain functions; the GUI runs them off its thread.
"""

from .assess import AssessmentServices
from .core import (
    Clock,
    ContactRow,
    CoreServices,
    GoalRow,
    MeetingRow,
    SessionRow,
    SkillRow,
    automatic_copies_for,
    default_data_dir,
    local_zone_name,
    recover_from_backup,
    recover_from_copy,
)
from .goals import GoalServices
from .learn import DeletedItem, DeletedSession, LearningServices, OccurrenceRow
from .sync import Account, AccountError, SyncServices


class Services(GoalServices, AssessmentServices, LearningServices, SyncServices):
    """Every use-case of the app."""


__all__ = [
    "Account",
    "AccountError",
    "Clock",
    "ContactRow",
    "CoreServices",
    "DeletedItem",
    "DeletedSession",
    "GoalRow",
    "LearningServices",
    "MeetingRow",
    "OccurrenceRow",
    "Services",
    "SessionRow",
    "SkillRow",
    "automatic_copies_for",
    "default_data_dir",
    "local_zone_name",
    "recover_from_backup",
    "recover_from_copy",
]
