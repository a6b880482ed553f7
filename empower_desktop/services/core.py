"""The core of the services: opening a data folder, reads for every step, backup, calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .. import APP_ID
from ..domain import (
    Achievement,
    Contact,
    ConversationPrep,
    Goal,
    Initiative,
    LearningItem,
    LearningSession,
    Meeting,
    Record,
    Review,
    Skill,
    SkillRating,
)
from ..domain.assess import GoalStatus
from ..domain.goals import Track, is_smart, progress_fraction, track
from ..settings import Settings
from ..store import DB_NAME, Database, Store, automatic_copies, replace_with_copy
from ..store.backup import read_backup, restore_backup, write_backup
from ..store.repositories import TABLES, Repository

if TYPE_CHECKING:
    from ..sync.mapping import Reminders

Clock = Callable[[], datetime]
RATING_ORDER = "rated_on, created, rowid"  # of two ratings on one day, the one entered last wins


def default_data_dir() -> Path:
    """The platform's data folder for the app (e.g. %LOCALAPPDATA%, ~/Library/Application Support)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))


def local_zone_name() -> str:
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:  # no zone configured on this computer: UTC is a safe default
        return "UTC"


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    latest: SkillRating | None
    ratings: int


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    track: Track
    progress: float | None
    smart: bool


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    last_contact: date | None
    due: date | None  # when the stay-in-touch cadence asks for the next contact


@dataclass(frozen=True)
class SessionRow:
    session: LearningSession
    item_title: str


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    with_whom: str


class CoreServices:
    def __init__(self, store: Store, data_dir: Path, clock: Clock | None = None) -> None:
        self.store = store
        self.data_dir = Path(data_dir)
        self.settings = Settings(store.settings)
        self._clock = clock or (lambda: datetime.now(UTC))

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path, clock: Clock | None = None) -> Self:
        """Open (or create) the data folder's database. Raises StoreEnvironmentError subclasses."""
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(Store(Database(data_dir / DB_NAME)), data_dir, clock)

    @classmethod
    def open_demo(cls, clock: Clock | None = None, size: str = "small") -> Self:
        """A fresh temporary data folder filled with example data covering every step."""
        import tempfile

        from ..demo import populate

        services = cls.open(Path(tempfile.mkdtemp(prefix="empower-demo-")), clock)
        populate(services.store, services.today(), size=size, tz=services.time_zone())
        services.settings.set("state.welcomed", True)
        return services

    def close(self) -> None:
        self.store.close()

    @property
    def db_path(self) -> Path:
        return self.store.db.path

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self.now().astimezone(self._zone()).date()

    def reminders(self) -> Reminders:
        from ..sync.mapping import Reminders

        return Reminders(
            session_minutes=int(self.settings.get("calendar.reminder_minutes")),
            deadline_days=int(self.settings.get("calendar.deadline_reminder_days")),
            review_weeks=int(self.settings.get("review.cadence_weeks")),
            tz=self.time_zone(),
        )

    def time_zone(self) -> str:
        return str(self.settings.get("general.time_zone")) or local_zone_name()

    def _zone(self) -> Any:
        from ..domain.common import zone

        return zone(self.time_zone())

    # -- first start -----------------------------------------------------------------------------
    def needs_welcome(self) -> bool:
        return not self.settings.get("state.welcomed") and self.store.is_empty()

    def start_empty(self) -> None:
        self.settings.set("state.welcomed", True)

    def load_example_data(self) -> None:
        from ..demo import populate

        populate(self.store, self.today(), size="small", tz=self.time_zone())
        self.settings.set("state.welcomed", True)

    # -- reads for the steps ---------------------------------------------------------------------
    def skill_rows(self) -> list[SkillRow]:
        """Every skill with its latest rating; of two ratings on one day, the one entered last."""
        latest: dict[str, SkillRating] = {}
        counts: dict[str, int] = {}
        for rating in self.store.skill_ratings.all(RATING_ORDER):
            latest[rating.skill_id] = rating
            counts[rating.skill_id] = counts.get(rating.skill_id, 0) + 1
        return [SkillRow(s, latest.get(s.id), counts.get(s.id, 0)) for s in self.store.skills.all()]

    def goal_rows(self) -> list[GoalRow]:
        """Every goal that is not archived."""
        today = self.today()
        return [self._row(g, today) for g in self.store.goals.where("status != ?", (GoalStatus.ARCHIVED.value,))]

    @staticmethod
    def _row(goal: Goal, today: date) -> GoalRow:
        return GoalRow(goal, track(goal, today), progress_fraction(goal), is_smart(goal, today))

    def learning_items(self) -> list[LearningItem]:
        return self.store.learning_items.all()

    def session_rows(self) -> list[SessionRow]:
        titles = {i.id: i.title for i in self.store.learning_items.all()}
        return [SessionRow(s, titles.get(s.item_id, "")) for s in self.store.learning_sessions.all()]

    def contact_rows(self) -> list[ContactRow]:
        from datetime import timedelta

        last: dict[str, date] = {}
        for row in self.store.db.query("SELECT contact_id, max(happened_on) FROM interactions GROUP BY contact_id"):
            last[row[0]] = date.fromisoformat(row[1])
        rows = []
        for contact in self.store.contacts.all():
            seen = last.get(contact.id)
            due = None
            if contact.cadence_days:
                due = (seen or contact.created.date()) + timedelta(days=contact.cadence_days)
            rows.append(ContactRow(contact, seen, due))
        return rows

    def meeting_rows(self) -> list[MeetingRow]:
        names = {row[0]: row[1] for row in self.store.db.query("SELECT id, name FROM contacts")}
        mentor_of = {m.id: names.get(m.contact_id, "") for m in self.store.mentorships.all()}
        return [MeetingRow(m, mentor_of.get(m.mentorship_id, "")) for m in self.store.meetings.all()]

    def initiatives(self) -> list[Initiative]:
        return self.store.initiatives.all()

    def achievements(self) -> list[Achievement]:
        return self.store.achievements.all()

    def conversations(self) -> list[ConversationPrep]:
        return self.store.conversations.all()

    def reviews(self) -> list[Review]:
        return self.store.reviews.all()

    def review_text(self) -> str:
        from ..review.summary import goal_review_text

        return goal_review_text(self.store, self.today())

    # -- writes ----------------------------------------------------------------------------------
    def _repo_for(self, record: Record) -> Repository[Any]:
        table = next(t for t, cls in TABLES.items() if isinstance(record, cls))
        return self.store.repositories()[table]

    def save(self, record: Record) -> Record:
        """Add a new record or update an existing one (by id)."""
        repo = self._repo_for(record)
        return repo.update(record) if repo.exists(record.id) else repo.add(record)

    def delete(self, record: Record) -> None:
        self._repo_for(record).delete(record.id)

    # -- backup, restore, recovery -----------------------------------------------------------------
    def backup(self, path: Path) -> dict[str, int]:
        return write_backup(self.store, Path(path))

    def restore(self, path: Path) -> dict[str, int]:
        """Replace all data with a backup's (all or nothing; the current data is copied first)."""
        return restore_backup(self.store, Path(path))

    @staticmethod
    def describe_backup(path: Path) -> tuple[int, str]:
        """(number of records, when it was made) after checking the whole file; raises BackupError."""
        contents = read_backup(Path(path))
        return contents.record_count, contents.exported_at

    def auto_copy(self) -> Path:
        return self.store.db.auto_copy()

    def auto_copy_if_due(self, today: date | None = None) -> Path | None:
        """The daily automatic copy, unless one was made today (by the computer's date, as file times are)."""
        today = today or date.today()
        made = [c for c in automatic_copies_for(self.data_dir) if c.name.startswith("auto-")]
        if made and date.fromtimestamp(made[0].stat().st_mtime) == today:
            return None
        return self.auto_copy()

    # -- calendar --------------------------------------------------------------------------------
    def calendar_file(self) -> Path:
        configured = str(self.settings.get("calendar.ics_path"))
        return Path(configured).expanduser() if configured else self.data_dir / "calendar.ics"

    def export_ics(self, path: Path) -> int:
        """Write every scheduled item to an .ics file (atomically); returns the number of events."""
        from ..sync.ics import export_calendar

        return export_calendar(self, Path(path))

    def sync_calendar_file(self) -> int:
        """Bring the calendar file up to date; refuses if another program changed it since."""
        from ..sync.ics import sync_file

        return sync_file(self)


def automatic_copies_for(data_dir: Path) -> list[Path]:
    return automatic_copies(Path(data_dir) / DB_NAME)


def recover_from_copy(data_dir: Path, copy: Path) -> Path:
    """Replace a damaged database by an automatic copy; returns where the damaged file was kept."""
    return replace_with_copy(Path(data_dir) / DB_NAME, Path(copy))


def recover_from_backup(data_dir: Path, backup: Path) -> Path:
    """Replace a damaged database by a fresh one filled from a backup file.

    The backup is checked completely first; the damaged file is kept beside, renamed.
    """
    read_backup(Path(backup))  # raises BackupError before anything is moved
    db_path = Path(data_dir) / DB_NAME
    fresh = db_path.with_name(db_path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    store = Store(Database(fresh))
    try:
        restore_backup(store, Path(backup), keep_copy=False)  # nothing to keep in a fresh file
    finally:
        store.close()
    aside = replace_with_copy(db_path, fresh)
    for suffix in ("", "-wal", "-shm"):
        Path(str(fresh) + suffix).unlink(missing_ok=True)
    return aside
