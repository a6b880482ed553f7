"""The use-cases the window and the command line share: one place per action.

Nothing here imports Qt. `Services` composes one object per area over a shared `Context` (the
store, its settings, the data folder and the clock):

    services.data        first start, backup and restore, automatic copies
    services.assessment  step 1: skills and ratings, strengths and weaknesses, satisfaction, vision
    services.goals       step 1: SMART goals, progress, status
    services.learning    step 2: skills gap, learning items, sessions and habits, hours, notes
    services.network     step 3: contacts, their rhythms and timelines, vCard files
    services.mentoring   step 3: mentorships, meetings, agendas, action items, preparing
    services.advocacy    step 4: initiatives, achievements, conversations
    services.review      the ongoing review
    services.calendar    calendar accounts, sync, the calendar file, .ics import and export

The window and the CLI call the same objects. Long-running calls are plain functions; the GUI
runs them off its thread.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Self

from ..errors import os_error_text
from ..settings import Settings
from ..store import DB_NAME, Database, Store
from ..store.errors import DataFolderError
from .advocacy import AdvocacyServices
from .assess import AssessmentServices, SkillRow, SkillUsage
from .calendar import Account, AccountError, AccountState, CalendarServices, SyncOutcome
from .context import Clock, Context, default_data_dir, local_zone_name
from .dashboard import DashboardServices
from .data import DataServices, automatic_copies_for, recover_from_backup, recover_from_copy
from .findtime import FindTimeServices
from .goals import DeletedGoal, GoalRow, GoalServices
from .learn import DeletedItem, DeletedSession, LearningServices, OccurrenceRow, SessionRow
from .mentoring import ActionRow, MeetingRow, MentoringServices, MentorshipRow, Preparation
from .network import ContactRow, NetworkServices
from .review import ReviewServices


class Services:
    """Every use-case of the app, one object per area over one shared context."""

    def __init__(self, store: Store, data_dir: Path, clock: Clock | None = None) -> None:
        self.context = Context(store, data_dir, clock)
        self.data = DataServices(self.context)
        self.assessment = AssessmentServices(self.context)
        self.goals = GoalServices(self.context)
        self.learning = LearningServices(self.context)
        self.network = NetworkServices(self.context)
        self.mentoring = MentoringServices(self.context)
        self.advocacy = AdvocacyServices(self.context)
        self.review = ReviewServices(self.context)
        self.dashboard = DashboardServices(self.context)
        self.calendar = CalendarServices(self.context)
        self.find_time = FindTimeServices(self.context, self.calendar, self.learning, self.mentoring, self.review)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path, clock: Clock | None = None) -> Self:
        """Open (or create) the data folder's database. Raises StoreEnvironmentError subclasses."""
        data_dir = Path(data_dir)
        if data_dir.exists() and not data_dir.is_dir():
            raise DataFolderError(
                f"“{data_dir}” is a file, not a folder, so your data cannot be kept there. "
                "Choose a folder for it (--data-dir), or move that file away."
            )
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(f"The data folder cannot be made. {os_error_text(exc, data_dir)}") from exc
        services = cls(Store(Database(data_dir / DB_NAME), clock), data_dir, clock)  # the clock stamps updates too
        services.settings.upgrade()
        return services

    @classmethod
    def open_demo(cls, clock: Clock | None = None, size: str = "small") -> Self:
        """A fresh temporary data folder filled with example data covering every step."""
        from ..demo import populate

        services = cls.open(Path(tempfile.mkdtemp(prefix="empower-demo-")), clock)
        populate(services.store, services.today(), size=size, tz=services.time_zone())
        services.settings.set("state.welcomed", True)
        return services

    def close(self) -> None:
        self.context.store.close()

    # -- the shared context, for callers that work on the data folder as a whole --------------------
    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def data_dir(self) -> Path:
        return self.context.data_dir

    @property
    def db_path(self) -> Path:
        return self.context.store.db.path

    def now(self) -> datetime:
        return self.context.now()

    def today(self) -> date:
        return self.context.today()

    def time_zone(self) -> str:
        return self.context.time_zone()


__all__ = [
    "Account",
    "AccountError",
    "AccountState",
    "ActionRow",
    "AdvocacyServices",
    "AssessmentServices",
    "CalendarServices",
    "Clock",
    "ContactRow",
    "Context",
    "DataServices",
    "DeletedGoal",
    "DeletedItem",
    "DeletedSession",
    "GoalRow",
    "GoalServices",
    "LearningServices",
    "MeetingRow",
    "MentorshipRow",
    "NetworkServices",
    "OccurrenceRow",
    "Preparation",
    "ReviewServices",
    "Services",
    "SessionRow",
    "SkillRow",
    "SkillUsage",
    "SyncOutcome",
    "automatic_copies_for",
    "default_data_dir",
    "local_zone_name",
    "recover_from_backup",
    "recover_from_copy",
]
