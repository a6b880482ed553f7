"""Malformed calendar data, from the server or from an .ics file: a clear error for that object,
the rest syncs, and the app's record of the bad one stays as it was.

Hypothesis puts all sorts of bytes where one of our events was (random bytes, cut-off objects,
broken DTSTARTs, two events in one object, another UID, huge lines, dates at the ends of time);
the engine must report that object by its href and carry on. Bytes that happen to read as a valid
event of ours with other times are an edit from the calendar, merged as any other. And the .ics
import turns any file into sessions or an IcsImportError, never another exception.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.store.db import DB_NAME
from empower_desktop.sync.engine import SyncEngine, SyncReport
from empower_desktop.sync.importing import IcsImportError, Schedule, as_sessions, read_schedule
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import MalformedEvent, Reminders, read_event, uid_for
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.memory import MemoryTarget

from ...conftest import FIXED_NOW

TARGET = "mem"
PULLED = ("start", "end", "location")  # what a session takes from the calendar
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- a small synced world: four sessions in the app and in an in-memory calendar -------------------------


@dataclass
class World:
    services: Services
    target: MemoryTarget
    sessions: list[LearningSession]

    def sync(self) -> SyncReport:
        engine = SyncEngine(
            self.target,
            StatusStore(self.services.store.db, TARGET),
            StoreLocalSide(self.services.store, Reminders()),
            lambda: FIXED_NOW,
        )
        return engine.run()

    def href(self, session: LearningSession) -> str:
        return self.target.href_for(uid_for("session", session.id))

    def remote_fields(self, session: LearningSession) -> dict[str, str]:
        uid, fields = read_event(self.target.objects[self.href(session)][1])
        assert uid == uid_for("session", session.id)
        return fields

    def local_fields(self, session: LearningSession) -> dict[str, str]:
        return StoreLocalSide(self.services.store, Reminders()).items()[uid_for("session", session.id)].fields()


SESSION_IDS = [f"s{n}" for n in range(4)]


@dataclass(frozen=True)
class Template:
    folder: Path
    objects: dict[str, tuple[str, bytes]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Four sessions with fixed ids (so the same draws give the same bytes in every run), synced
    once; each example gets a copy of the database file and of the calendar's objects."""
    folder = tmp_path_factory.mktemp("synced")
    services = Services.open(folder, clock=lambda: FIXED_NOW)
    try:
        with services.store.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_targets (name, kind, config, created) VALUES (?, 'memory', '{}', '')", (TARGET,)
            )
        item = services.data.save(LearningItem(id="course", kind=LearningType.COURSE, title="Rust in Action"))
        for n, session_id in enumerate(SESSION_IDS):
            start = ZonedDateTime.at(datetime(2026, 6, 16 + n, 7, 30), "Europe/Berlin")
            end = start + timedelta(minutes=45)
            services.data.save(LearningSession(id=session_id, item_id=item.id, start=start, end=end, location="Desk"))
        target = MemoryTarget(TARGET)
        world = World(services, target, services.store.learning_sessions.all())
        assert len(world.sync().created) == len(SESSION_IDS)
    finally:
        services.close()
    return Template(folder, dict(target.objects))


@contextmanager
def synced_world(template: Template) -> Iterator[World]:
    """A fresh copy of the synced template."""
    folder = Path(tempfile.mkdtemp(prefix="empower-malformed-"))
    shutil.copy(template.folder / DB_NAME, folder / DB_NAME)
    services = Services.open(folder, clock=lambda: FIXED_NOW)
    try:
        target = MemoryTarget(TARGET)
        target.objects = dict(template.objects)  # its version log starts empty: the next listing is a complete one
        sessions = sorted(services.store.learning_sessions.all(), key=lambda s: s.id)
        yield World(services, target, sessions)
    finally:
        services.close()
        shutil.rmtree(folder, ignore_errors=True)


# -- bad bytes ---------------------------------------------------------------------------------------------


def with_lines(good: bytes, drop: tuple[str, ...], add: list[str]) -> bytes:
    """The object with the VEVENT's lines starting with *drop* left out and *add* put in."""
    lines = good.decode().split("\r\n")
    at = lines.index("BEGIN:VEVENT") + 1
    event_end = lines.index("END:VEVENT")
    kept = [line for n, line in enumerate(lines) if not (at <= n < event_end and line.startswith(drop))]
    at = kept.index("BEGIN:VEVENT") + 1
    return "\r\n".join(kept[:at] + add + kept[at:]).encode()


def the_event(good: bytes) -> str:
    text = good.decode()
    return text[text.index("BEGIN:VEVENT") : text.index("END:VEVENT") + len("END:VEVENT\r\n")]


def twice(good: bytes, uid: str | None = None) -> bytes:
    """Two master events in one object: the same one twice, or a second one with *uid*."""
    event = the_event(good)
    second = event if uid is None else with_lines(event.encode(), ("UID",), [f"UID:{uid}"]).decode()
    return good.replace(b"END:VCALENDAR", second.encode() + b"END:VCALENDAR")


BAD_WHEN = [
    "DTSTART:",
    "DTSTART:garbage",
    "DTSTART:20261340T250000Z",
    "DTSTART;TZID=Nowhere/Zone:20260616T073000",
    "DTSTART;TZID=Europe/Berlin:2026-06-16 07:30",
    "DTSTART;VALUE=DATE:2026-06-16",
    "DTSTART;VALUE=PERIOD:20260616T073000Z/PT1H",
    "DTSTART:20260616T073000Z\r\nDTSTART:20260617T073000Z",
    "DTSTART;VALUE=DATE:99991231",
    "DTSTART:99991231T235959Z\r\nDURATION:PT2H",
    "DTSTART;TZID=Europe/Berlin:00010101T000000",
    "DTSTART:20260616T073000Z\r\nDURATION:-P99999999D",
    "DTSTART:20260616T073000Z\r\nDURATION:zzz",
    "DTSTART:20260616T073000Z\r\nDTEND:zzz",
    "DTSTART:20260616T073000Z\r\nDTEND;VALUE=DATE:20260617",
    "DTSTART:20260616T073000\r\nDTEND:20260616T083000",  # floating: the machine's zone
]


def when_lines() -> st.SearchStrategy[list[str]]:
    """A DTSTART (with or without an end) that is wrong, extreme, or just unusual."""
    day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    moment = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
    stamp = moment.map(lambda d: f"{d.year:04d}{d:%m%dT%H%M%S}")
    ends: st.SearchStrategy[list[str]] = st.one_of(
        st.just([]),
        stamp.map(lambda s: [f"DTEND:{s}Z"]),
        day.map(lambda d: [f"DTEND;VALUE=DATE:{d.year:04d}{d:%m%d}"]),
        st.integers(-(10**6), 10**6).map(lambda n: [f"DURATION:{'-' if n < 0 else ''}PT{abs(n)}M"]),
    )
    starts = st.one_of(
        st.sampled_from(BAD_WHEN).map(lambda line: line.split("\r\n")),
        stamp.map(lambda s: [f"DTSTART:{s}Z"]),
        stamp.map(lambda s: [f"DTSTART;TZID=Europe/Berlin:{s}"]),
        day.map(lambda d: [f"DTSTART;VALUE=DATE:{d.year:04d}{d:%m%d}"]),
        st.text(max_size=30).filter(lambda t: "\r" not in t and "\n" not in t).map(lambda t: [f"DTSTART:{t}"]),
    )
    return st.tuples(starts, ends).map(lambda pair: pair[0] + pair[1])


def malformed(good: bytes, other_uid: str) -> st.SearchStrategy[bytes]:
    """Bytes where *good* (one of our objects) was."""
    huge = st.tuples(
        st.sampled_from(["SUMMARY", "DESCRIPTION", "LOCATION", "X-JUNK", ""]),
        st.integers(1_000, 400_000),
        st.booleans(),
    ).map(lambda t: with_lines(good, (), [f"{t[0]}:" + "x" * t[1] if t[2] else f"{t[0]}:" + "ü" * t[1]]))
    splices = st.lists(
        st.tuples(st.integers(0, len(good)), st.integers(0, 8), st.binary(max_size=6)), min_size=1, max_size=6
    )
    return st.one_of(
        st.binary(max_size=2_000),
        st.integers(0, len(good) - 1).map(lambda n: good[:n]),
        when_lines().map(lambda lines: with_lines(good, ("DTSTART", "DTEND", "DURATION"), lines)),
        st.sampled_from([None, other_uid, "lunch@example.org"]).map(lambda uid: twice(good, uid)),
        st.sampled_from([other_uid, "lunch@example.org", "", " ", "session-s0@EMPOWER-DESKTOP"]).map(
            lambda uid: with_lines(good, ("UID",), [f"UID:{uid}"])
        ),
        st.just(with_lines(good, ("UID",), [])),
        huge,
        splices.map(lambda cuts: splice(good, cuts)),
        st.sampled_from(
            [
                the_event(good).encode(),  # a bare VEVENT, no VCALENDAR round it
                good.replace(b"VEVENT", b"VTODO"),
                good + good,
                b"\xef\xbb\xbf" + good,
                good.replace(b"\r\n", b"\n"),
                good.replace(b"\r\n", b"\r"),
                good.decode().encode("utf-16"),
                b"BEGIN:VCALENDAR\r\n" + b"BEGIN:X\r\n" * 3000 + b"END:X\r\n" * 3000 + b"END:VCALENDAR\r\n",
                b"",
                b"\x00" * 100,
            ]
        ),
    )


def splice(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    for at, length, new in cuts:
        at = min(at, len(data))
        data = data[:at] + new + data[at + length :]
    return data


# -- the engine --------------------------------------------------------------------------------------------


def check_bad_object(world: World, bad: bytes) -> None:
    """Put *bad* in place of the first session's object, edit the second session in the app, sync."""
    victim, edited = world.sessions[0], world.sessions[1]
    victim_uid, href = uid_for("session", victim.id), world.href(victim)
    reason = ""
    try:
        uid, theirs = read_event(bad)
        outcome = "ours" if uid == victim_uid else "another event"
    except MalformedEvent as exc:
        outcome, theirs, reason = "unreadable", {}, str(exc)
    assert reason or outcome != "unreadable", "the reason says something"
    world.target.put_foreign(href, bad)
    edited.end = edited.end + timedelta(minutes=15)
    world.services.store.learning_sessions.update(edited)
    status = StatusStore(world.services.store.db, TARGET)
    status_before = status.all()[victim_uid]
    before = world.local_fields(victim)

    report = world.sync()  # nothing escapes

    assert world.remote_fields(edited) == world.local_fields(edited), "the other item's edit reached the calendar"
    assert world.local_fields(edited)["end"].startswith("2026-06-17T08:30:00")
    if outcome != "ours":
        assert len(report.problems) == 1 and report.problems[0].startswith(href), report.problems
        assert world.local_fields(victim) == before, "the app's record of the bad object stayed as it was"
        assert status.all()[victim_uid] == status_before
        assert world.target.objects[href][1] == bad, "the bad object was left alone"
        assert [(i.uid, i.kind) for i in status.issues()] == [(victim_uid, "unreadable")]
        return
    # It reads as our event: an edit from the calendar, merged as any other.
    assert not report.problems, report.problems
    changed = [f for f in PULLED if theirs[f] != before[f]]
    proposals = {i.field: i.remote_value for i in status.issues() if i.kind == "proposal"}
    after = world.local_fields(victim)
    if changed and not proposals:  # taken into the app
        assert {f: after[f] for f in changed} == {f: theirs[f] for f in changed}
        assert world.remote_fields(victim) == after
    else:  # nothing to take, or not taken as a whole (e.g. an end before the start): proposed
        assert after == before
        assert set(proposals) == set(changed), proposals
        assert all(value.startswith(theirs[f]) and "not taken" in value for f, value in proposals.items())
        assert world.remote_fields(victim) == {**after, **{f: theirs[f] for f in changed}}
    assert not [i for i in status.issues() if i.kind != "proposal"]
    assert world.sync().lines() == [f"{TARGET}: up to date"]


@FUZZ
@given(data=st.data())
def test_malformed_data_from_the_calendar_is_reported_for_that_object_and_the_rest_syncs(
    template: Template, data: st.DataObject
) -> None:
    with synced_world(template) as world:
        good = world.target.objects[world.href(world.sessions[0])][1]
        bad = data.draw(malformed(good, uid_for("session", world.sessions[2].id)), label="calendar object")
        check_bad_object(world, bad)


NAMED: dict[str, Callable[[bytes], bytes]] = {
    "the UID of another of our sessions": lambda good: with_lines(good, ("UID",), ["UID:session-s2@empower-desktop"]),
    "someone else's UID": lambda good: with_lines(good, ("UID",), ["UID:lunch@example.org"]),
    "no UID": lambda good: with_lines(good, ("UID",), []),
    "two events": twice,
    "cut in half": lambda good: good[: len(good) // 2],
    "not iCalendar": lambda good: b"<html><body>Service unavailable</body></html>",
    "a line of a megabyte": lambda good: with_lines(good, (), ["X-JUNK:" + "x" * 1_000_000]),
    "nested deeper than Python recurses": lambda good: (
        b"BEGIN:VCALENDAR\r\n" + b"BEGIN:X\r\n" * 5000 + b"END:X\r\n" * 5000 + b"END:VCALENDAR\r\n"
    ),
    "UTF-16": lambda good: good.decode().encode("utf-16"),
    "a moved start and a new place": lambda good: with_lines(
        good,
        ("DTSTART", "DTEND", "LOCATION"),
        ["DTSTART:20260616T090000Z", "DTEND:20260616T100000Z", "LOCATION:Library"],
    ),
    "an end before the start": lambda good: with_lines(
        good, ("DTSTART", "DTEND"), ["DTSTART:20260616T090000Z", "DTEND:20260616T080000Z"]
    ),
}


@pytest.mark.parametrize("name", NAMED)
def test_a_bad_object_is_reported_or_merged(template: Template, name: str) -> None:
    with synced_world(template) as world:
        good = world.target.objects[world.href(world.sessions[0])][1]
        check_bad_object(world, NAMED[name](good))


@pytest.mark.parametrize("line", BAD_WHEN)
def test_a_broken_or_extreme_start_is_reported_or_merged_never_a_crash(template: Template, line: str) -> None:
    with synced_world(template) as world:
        good = world.target.objects[world.href(world.sessions[0])][1]
        check_bad_object(world, with_lines(good, ("DTSTART", "DTEND", "DURATION"), line.split("\r\n")))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("DTSTART:garbage", "start"),
        ("DTSTART;TZID=Nowhere/Zone:20260616T073000", "Nowhere/Zone"),
        ("DTSTART;VALUE=DATE:99991231", "range"),
        ("DTSTART:20260616T073000Z\r\nDTEND:zzz", "end"),
    ],
)
def test_the_reason_for_an_unreadable_object_is_clear(template: Template, line: str, reason: str) -> None:
    with synced_world(template) as world:
        good = world.target.objects[world.href(world.sessions[0])][1]
        world.target.put_foreign(
            world.href(world.sessions[0]), with_lines(good, ("DTSTART", "DTEND", "DURATION"), line.split("\r\n"))
        )
        [problem] = world.sync().problems
        assert reason in problem and "concatenate" not in problem and "operand" not in problem, problem


def test_a_summary_the_app_keeps_is_not_remembered_as_the_calendars(template: Template) -> None:
    """A session's title is the app's: when the calendar renames it, the app writes its own back.
    The status must then remember the app's title, or a later rename in the app looks like a
    clash with the calendar's long-gone title."""
    with synced_world(template) as world:
        session = world.sessions[0]
        href = world.href(session)
        cal = Calendar.from_ical(world.target.objects[href][1])
        event = next(iter(cal.walk("VEVENT")))
        event["SUMMARY"] = "Renamed in the phone"
        world.target.put_foreign(href, cal.to_ical())
        first = world.sync()
        assert not first.pulled, "nothing changed in the app"
        assert world.remote_fields(session)["summary"] == "Learning: Rust in Action"

        item = world.services.store.learning_items.get("course")
        item.title = "Rust for Rustaceans"
        world.services.store.learning_items.update(item)
        cal = Calendar.from_ical(world.target.objects[href][1])
        event = next(iter(cal.walk("VEVENT")))
        event["LOCATION"] = "Library"
        world.target.put_foreign(href, cal.to_ical())
        second = world.sync()
        assert not second.conflicts, second.conflicts
        assert world.local_fields(session)["location"] == "Library"
        assert world.remote_fields(session) == world.local_fields(session)


# -- the .ics import ---------------------------------------------------------------------------------------


def schedule() -> bytes:
    """A course's schedule as another calendar app exports it: three timed events and a holiday."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Course//EN"]
    for n in range(3):
        start = datetime(2026, 9, 1 + 7 * n, 16, 0, tzinfo=UTC)
        lines += [
            "BEGIN:VEVENT",
            f"UID:lecture-{n}@example.org",
            "DTSTAMP:20260801T120000Z",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(hours=2):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:Lecture {n + 1}",
            "END:VEVENT",
        ]
    lines += ["BEGIN:VEVENT", "UID:holiday@example.org", "DTSTART;VALUE=DATE:20260915", "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read(data: bytes) -> Schedule:
    return read_schedule(data, "course.ics", tz="Europe/Berlin", today=date(2026, 8, 1))


def check_import(data: bytes) -> None:
    """Any bytes: a Schedule whose every session a learning session can hold, or an IcsImportError
    that names the file; never another exception."""
    refused = ""
    try:
        found = read(data)
    except IcsImportError as exc:
        refused = str(exc)
    if refused:
        assert refused.startswith("course.ics") and len(refused) > 20, "the reason names the file and says something"
        return
    assert found.sessions or found.left_out
    for session in found.sessions:
        assert session.start.tzinfo is not None and session.end.tzinfo is not None
        assert timedelta(0) < session.end.astimezone(UTC) - session.start.astimezone(UTC) <= timedelta(hours=12)
        assert getattr(session.start.tzinfo, "key", None) == session.zone
        assert session.key
    for left in found.left_out:
        assert left.reason and "Error" not in left.reason
    records = as_sessions(found.sessions, "item")  # each one a valid learning session
    assert len(records) == len(found.sessions)
    assert found.sessions == sorted(found.sessions, key=lambda s: (s.start, s.key))


def test_a_course_schedule_imports() -> None:
    found = read(schedule())
    assert [s.title for s in found.sessions] == ["Lecture 1", "Lecture 2", "Lecture 3"]
    assert [(left.title, left.reason) for left in found.left_out] == [
        ("", "all day: a session has a start and an end time")
    ]


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
EXTRA_LINES = st.lists(
    st.sampled_from(
        [
            "RRULE:FREQ=WEEKLY",
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5",
            "RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=4",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15;UNTIL=20270101T000000Z",
            "RRULE:garbage",
            "EXDATE:20260908T160000Z",
            "EXDATE:zzz",
            "RDATE:20261001T100000Z",
            "RECURRENCE-ID:20260908T160000Z",
            "RECURRENCE-ID:x",
            "STATUS:CANCELLED",
            "DURATION:P1DT2H",
            "URL:https://example.org/course",
            "LOCATION:Room 1",
        ]
    ),
    max_size=4,
)
TIMES = st.sampled_from(
    [
        "DTSTART;TZID=W. Europe Standard Time:20260901T180000",
        "DTSTART;TZID=Pacific Standard Time:20260901T180000",
        "DTSTART;TZID=Nowhere/Special:20260901T180000",
        "DTSTART:20260901T180000",
        "DTSTART;TZID=Europe/Berlin:20270328T023000",
        "DTSTART;TZID=Europe/Berlin:20271031T023000",
        "DTSTART;VALUE=DATE:20260901",
    ]
)


@FUZZ
@given(data=st.data())
def test_any_bytes_import_as_sessions_or_a_clear_error(data: st.DataObject) -> None:
    good = schedule()
    event = the_event(good).encode()
    bad = data.draw(
        st.one_of(
            malformed(good, "lecture-1@example.org"),
            when_lines().map(lambda lines: good.replace(event, with_lines(event, ("DTSTART", "DTEND"), lines))),
            st.tuples(TIMES, EXTRA_LINES).map(
                lambda pair: good.replace(event, with_lines(event, ("DTSTART", "DTEND"), [pair[0], *pair[1]]))
            ),
            st.lists(st.sampled_from(["RRULE:FREQ=WEEKLY", "RRULE:garbage", "EXDATE:zzz", "RECURRENCE-ID:x"])).map(
                lambda extra: good.replace(event, with_lines(event, (), extra))
            ),
            st.just(good + good),  # two VCALENDARs in one file
        ),
        label="file",
    )
    encoding = data.draw(ENCODINGS, label="encoding")
    check_import(bad.decode("utf-8", "replace").encode(encoding) if encoding != "utf-8" else bad)


@pytest.mark.parametrize(
    "lines",
    [
        ["DTSTART:20260901T160000Z", "DTEND:zzz"],
        ["DTSTART:20260901T160000Z", "DTEND;VALUE=DATE:20260902"],
        ["DTSTART:20260901T160000Z", "DTEND:20260901T150000Z"],
        ["DTSTART:99991231T235959Z", "DURATION:PT2H"],
        ["DTSTART:20260901T160000Z", "DURATION:-P99999999D"],
        ["DTSTART;TZID=Nowhere/Special:20260901T160000"],
        ["DTSTART:20260901T160000Z", "DTEND:20260902T160000Z"],
    ],
)
def test_an_event_that_cannot_be_a_session_is_left_out_with_its_reason(lines: list[str]) -> None:
    """The rest of the file imports; the preview says which event was left out and why."""
    good = schedule()
    event = the_event(good).encode()
    found = read(good.replace(event, with_lines(event, ("DTSTART", "DTEND"), lines)))
    assert [s.title for s in found.sessions] == ["Lecture 2", "Lecture 3"]
    reasons = {left.title: left.reason for left in found.left_out}
    assert reasons.keys() == {"Lecture 1", ""} and reasons["Lecture 1"], reasons
    assert "Error" not in reasons["Lecture 1"] and "Traceback" not in reasons["Lecture 1"]
