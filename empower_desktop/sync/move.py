"""Moving an account's events from one calendar to another on the same server.

The order matters: some hosted servers allow a UID only once per account, so a copy made in the
new calendar while the old one still holds the event is refused, for every event. So the old
calendar is emptied of our events first, one conditional DELETE each, and only then does the
normal sync create them in the new one (with their fixed hrefs, so a cut-off run makes no
duplicate). The app holds every record throughout, so nothing can be lost; the person's calendar
is without them for the minute between.

Before anything is deleted, the account is synced with the old calendar and must have nothing
waiting (a conflict, a proposal, a removal), so every edit made in the calendar is in the app.
The account remembers the calendar it is leaving (`moving_from`) before the first DELETE; a move
that is cut off (a lost connection, a closed app) is finished by the next sync.

Only our own events are deleted, and only as they were last synced (If-Match): one changed in the
calendar since the sync a moment ago is left where it is and named in the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from .status import StatusStore
from .targets.base import ObjectNotFound, PreconditionFailed, Target

log = logging.getLogger(__name__)


@dataclass
class LeftBehind:
    """What leaving a calendar did: how many events were deleted there, and which were kept."""

    deleted: int = 0
    kept: list[str] = field(default_factory=list)  # changed in the old calendar meanwhile: left there


def leave_calendar(old: Target, status: StatusStore, progress: Callable[[int, int], None] | None = None) -> LeftBehind:
    """Delete our events from the calendar the account leaves, forgetting each as it goes, then
    everything the account remembered about that calendar. A TargetError stops it; what is done
    stays done, and calling it again goes on from there."""
    result = LeftBehind()
    statuses = sorted(status.all().values(), key=lambda s: s.uid)
    for done, item in enumerate(statuses):
        if progress is not None:
            progress(done, len(statuses))
        if item.href and item.etag:
            try:
                old.delete(item.href, item.etag)
                result.deleted += 1
            except ObjectNotFound:
                pass  # gone already (a move cut off after this DELETE): as good as deleted
            except PreconditionFailed:
                result.kept.append(item.fields.get("summary", item.uid))
                log.info("move: %s changed in the old calendar meanwhile; left there", item.uid)
        status.drop(item.uid)
    status.forget_calendar()
    return result
