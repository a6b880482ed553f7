"""Repeat rules (iCalendar RRULE) of learning habits: checking, expanding, describing.

A habit repeats in the wall-clock time of its own zone: "Tuesdays 7:30 in Berlin" stays 7:30
across a daylight-saving change, as calendar apps show it. Occurrences are named by their local
start as text ("2026-06-16T07:30:00"), the same form a session keeps in its `exdates`.

Only the parts a habit needs are accepted (FREQ of DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL,
COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST), and dates that can never happen (30 February)
are refused up front: a rule that matches nothing would otherwise be searched up to the year 9999.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from .common import DomainError, day_text, zone

if TYPE_CHECKING:
    from dateutil.rrule import rrule

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST"})
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_OCCURRENCES = 5000  # per expansion: ten years of daily sessions
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def occurrence_key(local: datetime) -> str:
    """The name of an occurrence: its wall-clock start in the session's zone, to the second."""
    return local.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")


def key_to_local(key: str, tz: str) -> datetime:
    """The aware start of the occurrence named *key* in zone *tz*; DomainError if it is no key."""
    try:
        naive = datetime.fromisoformat(key)
    except ValueError:
        raise DomainError(f"Not an occurrence: {key!r}") from None
    if naive.tzinfo is not None:
        raise DomainError(f"Not an occurrence: {key!r} (expected a local time without a zone)")
    return naive.replace(tzinfo=zone(tz))


def parse_parts(rule: str) -> dict[str, str]:
    """The rule's parts by name, checked against what a habit may use; DomainError if it cannot be one."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for piece in filter(None, text.split(";")):
        name, sep, value = piece.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            raise DomainError(f"The repeat rule is not valid: {rule!r} ({piece!r} has no value)")
        if name not in PARTS:
            raise DomainError(f"The repeat rule uses {name}, which a learning habit does not support: {rule!r}")
        if name in parts:
            raise DomainError(f"The repeat rule gives {name} twice: {rule!r}")
        parts[name] = value.strip().upper()
    if parts.get("FREQ") not in FREQS:
        raise DomainError(f"The repeat rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY: {rule!r}")
    if "COUNT" in parts and "UNTIL" in parts:
        raise DomainError(f"The repeat rule cannot have both COUNT and UNTIL: {rule!r}")
    return parts


def _ints(value: str, lo: int, hi: int, what: str, rule: str) -> list[int]:
    try:
        numbers = [int(v) for v in value.split(",")]
    except ValueError:
        raise DomainError(f"The repeat rule is not valid: {what} {value!r} in {rule!r}") from None
    for n in numbers:
        if not lo <= abs(n) <= hi or (lo > 0 and n < 0 and what != "BYMONTHDAY"):
            raise DomainError(f"The repeat rule is not valid: {what} {n} in {rule!r}")
    return numbers


def _check_possible(parts: dict[str, str], rule: str) -> None:
    """Refuse dates that never happen, e.g. the 30th of February or the 6th Monday of a month."""
    months = _ints(parts["BYMONTH"], 1, 12, "BYMONTH", rule) if "BYMONTH" in parts else list(range(1, 13))
    if "BYMONTHDAY" in parts:
        days = _ints(parts["BYMONTHDAY"], 1, 31, "BYMONTHDAY", rule)
        longest = max(calendar.monthrange(2024, m)[1] for m in months)  # 2024: a leap year
        if all(abs(d) > longest for d in days):
            raise DomainError("This habit never takes place: no month has that day")
    if "BYDAY" in parts:
        limit = 53 if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts else 5
        for piece in parts["BYDAY"].split(","):
            match = _BYDAY.match(piece)
            if not match:
                raise DomainError(f"The repeat rule is not valid: BYDAY {piece!r} in {rule!r}")
            if match.group(1) is not None:
                if parts["FREQ"] not in ("MONTHLY", "YEARLY"):
                    raise DomainError(f"The repeat rule is not valid: {piece} needs a monthly or yearly rule ({rule})")
                if not 1 <= abs(int(match.group(1))) <= limit:
                    raise DomainError(f"This habit never takes place: no month or year has a day “{piece}”")
    if "INTERVAL" in parts:
        _ints(parts["INTERVAL"], 1, 1000, "INTERVAL", rule)
    if "COUNT" in parts:
        _ints(parts["COUNT"], 1, MAX_OCCURRENCES, "COUNT", rule)
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise DomainError(f"The repeat rule is not valid: WKST {parts['WKST']!r} in {rule!r}")


def _until_local(value: str, tz: str, rule: str) -> datetime:
    """UNTIL as a wall-clock time of the session's zone: from UTC ("...Z"), a floating time, or a date
    (that whole day)."""
    try:
        if len(value) == 8:
            return datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
        if value.endswith("Z"):
            instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return instant.astimezone(zone(tz)).replace(tzinfo=None)
        return datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise DomainError(f"The repeat rule's end (UNTIL) is not a date or time: {value!r} in {rule!r}") from None


@functools.lru_cache(maxsize=512)
def compile_rule(rule: str, start_key: str, tz: str) -> rrule:
    """The rule as a dateutil rrule over wall-clock (naive) times of zone *tz*, starting at *start_key*.

    Raises DomainError naming what is wrong with the rule.
    """
    from dateutil.rrule import rrulestr

    parts = parse_parts(rule)
    _check_possible(parts, rule)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_local(parts["UNTIL"], tz, rule).strftime("%Y%m%dT%H%M%S")
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        compiled = rrulestr(text, dtstart=datetime.fromisoformat(start_key))
    except (ValueError, TypeError, KeyError) as exc:
        raise DomainError(f"The repeat rule is not valid: {rule!r} ({exc})") from None
    return cast("rrule", compiled)


def first_occurrence(rule: str, start: datetime, tz: str, exdates: Iterable[str] = ()) -> datetime | None:
    """The wall-clock (naive) start of the first occurrence not excluded, or None."""
    excluded = set(exdates)
    compiled = compile_rule(rule, occurrence_key(start), tz)
    for count, local in enumerate(compiled):
        assert isinstance(local, datetime)
        if occurrence_key(local) not in excluded:
            return local
        if count > len(excluded):  # pragma: no cover - more excluded than there are exdates
            break
    return None


def check_rule(rule: str, start: datetime, tz: str, exdates: Iterable[str] = ()) -> None:
    """DomainError if the rule is not valid or gives no occurrence (after the exceptions)."""
    if first_occurrence(rule, start, tz, tuple(exdates)) is None:
        if first_occurrence(rule, start, tz) is not None:
            raise DomainError(
                f"Every time of this habit (“{describe_rule(rule, tz)}”) is skipped, so it never takes place. "
                "Clear a skip, or delete the habit."
            )
        raise DomainError(
            f"This habit never takes place: “{describe_rule(rule, tz)}” has no day on or after its first day "
            f"({day_text(start.date())}). Move its end (Until) later or its first day earlier."
        )


def local_starts(rule: str, start: datetime, tz: str, window_start: datetime, window_end: datetime) -> list[datetime]:
    """Aware starts (zone *tz*) of the rule's occurrences with window_start <= start < window_end.

    *start* is the series' first start as wall-clock time; the window is given as aware instants.
    Exceptions are not removed here.
    """
    compiled = compile_rule(rule, occurrence_key(start), tz)
    tzinfo = zone(tz)
    # Wall-clock bounds a day wider than the window, then exact instants: no DST edge is missed.
    lo = window_start.astimezone(tzinfo).replace(tzinfo=None) - timedelta(days=1)
    hi = window_end.astimezone(tzinfo).replace(tzinfo=None) + timedelta(days=1)
    found: list[datetime] = []
    for local in compiled.xafter(lo, count=None, inc=True):
        if local > hi or len(found) >= MAX_OCCURRENCES:
            break
        aware = _aware(local, tz)
        if window_start <= aware < window_end:
            found.append(aware)
    return found


def _aware(local: datetime, tz: str) -> datetime:
    """A wall-clock time in *tz*. A time skipped by a DST change (2:30 on the spring night) is read
    with the offset before the change, so it happens an hour later on the clock (as RFC 5545 says);
    a time that happens twice (autumn) is its first occurrence."""
    return local.replace(tzinfo=zone(tz), fold=0)


def ended_before(rule: str, instant: datetime) -> str:
    """The rule ending just before *instant* (aware): its COUNT or UNTIL becomes an UNTIL one second
    earlier, in UTC, as a series ended by "this and following events" in calendar apps."""
    parts = [p for p in rule.strip().removeprefix("RRULE:").split(";") if p]
    kept = [p for p in parts if p.partition("=")[0].strip().upper() not in ("COUNT", "UNTIL")]
    until = (instant - timedelta(seconds=1)).astimezone(UTC)
    return ";".join([*kept, "UNTIL=" + until.strftime("%Y%m%dT%H%M%SZ")])


def weekly_rule(weekdays: Iterable[int], until: date | None, tz: str, interval: int = 1) -> str:
    """A weekly RRULE on *weekdays* (0 = Monday) until the end of *until* (in zone *tz*), e.g.
    "every Tue and Thu until the course ends"."""
    days = sorted(set(weekdays))
    if not days or not all(0 <= d <= 6 for d in days):
        raise DomainError("Pick at least one day of the week")
    if not 1 <= interval <= 52:
        raise DomainError("Repeat every 1 to 52 weeks")
    parts = ["FREQ=WEEKLY"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    parts.append("BYDAY=" + ",".join(WEEKDAYS[d] for d in days))
    if until is not None:
        end_of_day = datetime.combine(until, time(23, 59, 59), zone(tz)).astimezone(UTC)
        parts.append("UNTIL=" + end_of_day.strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


def describe_rule(rule: str, tz: str = "UTC") -> str:
    """The rule in plain words ("Every Tue and Thu until 1 Mar 2027", the end as a day of zone *tz*);
    the rule itself if it cannot be read."""
    try:
        parts = parse_parts(rule)
    except DomainError:
        return rule
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1")) if parts.get("INTERVAL", "1").isdigit() else 1
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[freq]
    text = f"Every {interval} {unit}s" if interval > 1 else f"Every {unit}"
    if "BYDAY" in parts:
        names = []
        for piece in parts["BYDAY"].split(","):
            match = _BYDAY.match(piece)
            if match:
                name = DAY_NAMES[WEEKDAYS.index(match.group(2))]
                names.append(f"{match.group(1)} {name}" if match.group(1) else name)
        listed = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
        text = f"Every {listed}" if interval == 1 else f"{text} on {listed}"
    if "BYMONTHDAY" in parts:
        text += f" on day {parts['BYMONTHDAY']}"
    if "COUNT" in parts:
        text += ", once" if parts["COUNT"] == "1" else f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        try:
            text += f" until {day_text(_until_local(parts['UNTIL'], tz, rule).date())}"
        except DomainError:
            text += f" until {parts['UNTIL']}"
    return text
