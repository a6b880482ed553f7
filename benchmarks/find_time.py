"""Finding time for a quarter against a large busy calendar, against the least any planner must do
with the same calendar, measured in the same run; and the requests a refresh of busy time costs.

The busy calendar is made here (fixed seed): N events (--events, default 5,000) over the 13 weeks
planned, in Europe/Berlin and America/New_York; a tenth of them repeat (daily or weekly, some with
exceptions and a moved occurrence), the rest are one-offs of 15 minutes to 4 hours. Timed, as the
median of --runs:

- floor: what any planner must do with it: parse the file, expand the repeats over the quarter
  (recurring-ical-events) and sort the occurrences by start;
- read and plan: what the app does: read the file into busy spans (the same parse and expansion,
  less what does not count), index them, and place a habit of 3 h a week in 45-minute blocks over
  the 13 weeks, each collision week moved to its nearest free time;
- plan from what was kept: the same plan on the busy time kept in SQLite, as planning offline does.

Goal: read and plan at most 2x the floor; and with 10x the events, at most 12x the time (printed
for both). Then, on a real Radicale, three busy calendars refreshed twice: the requests of the
second refresh, with nothing changed (goal: at most one per calendar).

    python benchmarks/find_time.py [--events N] [--runs R] [--skip-server]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from empower_desktop.domain.common import zone  # noqa: E402
from empower_desktop.domain.freetime import BusyIndex, Preferences, propose_habit, weekly_count  # noqa: E402
from empower_desktop.sync.busy import spans_from_ics  # noqa: E402

TZ = "Europe/Berlin"
FIRST_MONDAY = date(2027, 1, 4)
WEEKS = 13
NOW = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)


def busy_calendar(events: int, seed: int = 7) -> bytes:
    """*events* events over the quarter planned: a tenth repeating, the rest one-offs."""
    rng = random.Random(seed)
    zones = ("Europe/Berlin", "America/New_York")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//benchmark//EN"]
    for n in range(events):
        tz = zones[n % 2]
        day = FIRST_MONDAY + timedelta(days=rng.randrange(WEEKS * 7))
        hour = rng.randrange(6, 19) if tz == "Europe/Berlin" else rng.randrange(2, 13)
        start = datetime(day.year, day.month, day.day, hour, rng.choice((0, 15, 30, 45)))
        minutes = rng.choice((15, 30, 30, 45, 60, 60, 90, 120, 240))
        end = start + timedelta(minutes=minutes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:busy-{n}@example.org",
            "DTSTAMP:20261201T000000Z",
            f"DTSTART;TZID={tz}:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={tz}:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:Meeting {n}",
        ]
        if n % 10 == 0:  # repeating: weekly on the day, or every weekday, some with exceptions
            if rng.random() < 0.5:
                lines.append("RRULE:FREQ=WEEKLY;COUNT=13")
            else:
                lines.append("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=40")
            if rng.random() < 0.3:
                lines.append(f"EXDATE;TZID={tz}:{start + timedelta(days=7):%Y%m%dT%H%M%S}")
        if n % 7 == 0:
            lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def window() -> tuple[datetime, datetime]:
    start = datetime.combine(FIRST_MONDAY, datetime.min.time(), zone(TZ))
    return start, start + timedelta(weeks=WEEKS)


def floor(data: bytes) -> int:
    """Parse, expand over the quarter, sort by start: what every planner must do."""
    import recurring_ical_events
    from icalendar import Calendar

    start, end = window()
    occurrences = recurring_ical_events.of(Calendar.from_ical(data)).between(start, end)
    ordered = sorted(occurrences, key=lambda e: e["DTSTART"].dt)
    return len(ordered)


def read_and_plan(data: bytes) -> int:
    """The app's read of the calendar into busy spans, then a quarter's habit planned on them."""
    from empower_desktop.domain.freetime import Busy

    start, end = window()
    spans = spans_from_ics(data, start, end, zone(TZ))
    return plan([Busy(s.start, s.end, s.label) for s in spans])


PREFS = Preferences(hours=((datetime.min.time().replace(hour=7), datetime.min.time().replace(hour=20)),) * 7)


def plan(busy: list) -> int:  # type: ignore[type-arg]
    start, _end = window()
    proposal = propose_habit(BusyIndex(busy, PREFS.buffer), PREFS, TZ, start, WEEKS, 45, weekly_count(3, 45))
    return len(proposal.blocks)


def median_seconds(work, runs: int) -> float:  # type: ignore[no-untyped-def]
    took = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        took.append(time.perf_counter() - began)
    return statistics.median(took)


def kept_plan(data: bytes, runs: int) -> float:
    """The plan on the busy time kept in SQLite (planning offline), through the services."""
    from empower_desktop.domain import LearningItem
    from empower_desktop.domain.learn import LearningType
    from empower_desktop.services import Services

    folder = Path(tempfile.mkdtemp(prefix="empower-bench-find-time-"))
    try:
        services = Services.open(folder / "data", clock=lambda: NOW)
        services.settings.set("general.time_zone", TZ)
        services.find_time.set_preferences(PREFS)
        (folder / "busy.ics").write_bytes(data)
        services.find_time.add_file_source(folder / "busy.ics", "Busy")
        services.find_time.refresh(until=window()[1])
        item = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Course"))

        def work() -> None:
            services.find_time.find_habit_time(item.id, 3, 45, FIRST_MONDAY, WEEKS)

        took = median_seconds(work, runs)
        services.close()
        return took
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def refresh_requests() -> tuple[int, int]:
    """Requests of a first and a second refresh of three busy calendars on a real Radicale."""
    from empower_desktop.services import Services
    from tests import servers

    folder = Path(tempfile.mkdtemp(prefix="empower-bench-busy-"))
    try:
        (folder / "radicale").mkdir()
        with servers.radicale(folder / "radicale", "alice", "secret") as running:
            import http.client
            from base64 import b64encode
            from urllib.parse import urlsplit

            parts = urlsplit(running.url)
            auth = "Basic " + b64encode(b"alice:secret").decode()
            services = Services.open(folder / "data", clock=lambda: datetime.now(UTC))
            account, _ = services.calendar.add_caldav_account(
                "work", running.url, "alice", "secret", calendar=None, remember_password=False
            )
            data = busy_calendar(300)
            for n in range(3):
                path = f"/alice/{uuid.uuid4().hex}/"
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                conn.request("MKCALENDAR", path, headers={"Authorization": auth})
                conn.getresponse().read()
                conn.request(
                    "PUT", f"{path}all.ics", body=data, headers={"Authorization": auth, "Content-Type": "text/calendar"}
                )
                conn.getresponse().read()
                conn.close()
                services.find_time.add_caldav_source(account.name, running.url.rstrip("/") + path, f"Calendar {n}")
            first = services.find_time.refresh({"work": "secret"})
            second = services.find_time.refresh({"work": "secret"})
            assert all(r.ok for r in first + second), [r.problem for r in first + second]
            services.close()
            return sum(r.requests for r in first), sum(r.requests for r in second)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-server", action="store_true", help="leave out the requests counted on Radicale")
    args = parser.parse_args()

    results: dict[int, tuple[float, float]] = {}
    for events in (args.events, args.events * 10):
        data = busy_calendar(events)
        runs = args.runs if events == args.events else max(1, args.runs // 2)
        occurrences = floor(data)
        base = median_seconds(lambda data=data: floor(data), runs)
        ours = median_seconds(lambda data=data: read_and_plan(data), runs)
        results[events] = (base, ours)
        print(f"{events:,} busy events ({occurrences:,} occurrences in the quarter), median of {runs}:")
        print(f"  floor (parse, expand, sort)   {base * 1000:8.0f} ms")
        print(
            f"  read and plan                 {ours * 1000:8.0f} ms  ({ours / base:.2f}x the floor; goal: at most 2x)"
        )
        if events == args.events:
            kept = kept_plan(data, runs)
            print(f"  plan from the busy time kept  {kept * 1000:8.0f} ms  ({kept / base:.2f}x the floor)")
    (b1, o1), (b10, o10) = results[args.events], results[args.events * 10]
    print(f"\n10x the events: floor {b10 / b1:.1f}x the time, read and plan {o10 / o1:.1f}x (goal: at most 12x)")
    if not args.skip_server:
        first, second = refresh_requests()
        print(
            f"\nRadicale, 3 busy calendars: first refresh {first} requests, with nothing changed {second} "
            "(goal: at most 3, one per calendar)"
        )


if __name__ == "__main__":
    main()
