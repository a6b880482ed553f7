"""The ongoing review: what was done, what slipped, which goals to adapt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .assess import require_text_len
from .common import Record, require_date_order


@dataclass(kw_only=True)
class Review(Record):
    period_start: date
    period_end: date
    done: str = ""
    slipped: str = ""
    adapt: str = ""
    goal_ids_adjusted: list[str] = field(default_factory=list)
    completed: bool = False

    def validate(self) -> None:
        require_date_order(self.period_start, self.period_end, "A review period")
        for text, what in ((self.done, "What was done"), (self.slipped, "What slipped"), (self.adapt, "What to adapt")):
            require_text_len(text, what)
