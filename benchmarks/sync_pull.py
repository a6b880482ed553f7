"""Bringing back N sessions moved in another calendar app vs sending N sessions moved in the app.

Both runs sync the same store of N learning sessions with an in-memory calendar (no network, so
only the engine and the store are measured): once after every session was moved by an hour in
the calendar (the pull), once after every session was moved by an hour in the app (the push),
alternating. Goal: the pull grows with N as the push does, within 3x of it (it also fetches and
parses every moved event); a pull that re-read every record after each change grew with the
square of N (59 s against 1.6 s for 1,000).

    python benchmarks/sync_pull.py [--items N] [--runs R]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from icalendar import Calendar  # noqa: E402

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime  # noqa: E402
from empower_desktop.domain.learn import LearningType  # noqa: E402
from empower_desktop.services import Services  # noqa: E402
from empower_desktop.sync.engine import SyncEngine  # noqa: E402
from empower_desktop.sync.local import StoreLocalSide  # noqa: E402
from empower_desktop.sync.mapping import Reminders, uid_for  # noqa: E402
from empower_desktop.sync.status import StatusStore  # noqa: E402
from empower_desktop.sync.targets.memory import MemoryTarget  # noqa: E402

NOW = datetime(2026, 6, 15, 9, 30).astimezone()


def synced(folder: Path, count: int) -> tuple[Services, MemoryTarget, list[LearningSession]]:
    """A store of *count* sessions, synced once into a fresh in-memory calendar."""
    services = Services.open(folder, clock=lambda: NOW)
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    first = datetime(2026, 6, 16, 7, 30)
    sessions = []
    for n in range(count):
        start = ZonedDateTime.at(first + timedelta(days=n // 4, hours=3 * (n % 4)), "Europe/Berlin")
        sessions.append(LearningSession(item_id=item.id, start=start, end=start + timedelta(minutes=45)))
    services.store.learning_sessions.add_many(sessions)
    with services.store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_targets (name, kind, config, created) VALUES ('mem', 'memory', '{}', ?)",
            (NOW.isoformat(),),
        )
    target = MemoryTarget("mem")
    engine(services, target).run()
    return services, target, sessions


def engine(services: Services, target: MemoryTarget) -> SyncEngine:
    return SyncEngine(
        target, StatusStore(services.store.db, "mem"), StoreLocalSide(services.store, Reminders()), lambda: NOW
    )


def timed_sync(services: Services, target: MemoryTarget, count: int, what: str) -> float:
    began = time.perf_counter()
    report = engine(services, target).run()
    took = time.perf_counter() - began
    moved = len(report.pulled) if what == "pull" else len(report.updated)
    if moved != count or report.conflicts or report.problems:
        raise SystemExit(f"the {what} moved {moved} of {count} sessions: {report}")
    return took


def pull_run(folder: Path, count: int) -> float:
    services, target, sessions = synced(folder, count)
    try:
        for session in sessions:
            href = target.href_for(uid_for("session", session.id))
            cal = Calendar.from_ical(target.objects[href][1])
            event = next(iter(cal.walk("VEVENT")))
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            for name, value in (("dtstart", start + timedelta(hours=1)), ("dtend", end + timedelta(hours=1))):
                del event[name]
                event.add(name, value)
            target.put_foreign(href, cal.to_ical())
        return timed_sync(services, target, count, "pull")
    finally:
        services.close()


def push_run(folder: Path, count: int) -> float:
    services, target, sessions = synced(folder, count)
    try:
        for session in sessions:
            session.start = ZonedDateTime(session.start.instant + timedelta(hours=1), session.start.tz)
            session.end = ZonedDateTime(session.end.instant + timedelta(hours=1), session.end.tz)
        with services.store.db.transaction():
            for session in sessions:
                services.store.learning_sessions.update(session)
        return timed_sync(services, target, count, "push")
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pulls: list[float] = []
    pushes: list[float] = []
    scratch = Path(tempfile.mkdtemp(prefix="empower-bench-pull-"))
    try:
        for run in range(args.runs):
            order = (("pull", pulls, pull_run), ("push", pushes, push_run))
            for what, times, measure in order if run % 2 == 0 else reversed(order):
                times.append(measure(scratch / f"{what}-{run}", args.items))
                print(f"  {what} of {args.items} moved sessions: {times[-1]:.2f} s", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    pull, push = statistics.median(pulls), statistics.median(pushes)
    print(f"{args.items} sessions moved, median of {args.runs}: pull {pull:.2f} s, push {push:.2f} s")
    print(f"pull / push: {pull / push:.2f}x (goal: at most 3x)")


if __name__ == "__main__":
    main()
