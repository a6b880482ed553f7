"""The ongoing review: past reviews and where every goal stands, as plain text."""

from __future__ import annotations

from ..domain import Review
from .context import Context


class ReviewServices:
    """Reviews (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def reviews(self) -> list[Review]:
        return self._ctx.store.reviews.all()

    def text(self) -> str:
        """Where every goal stands, as plain text (the `review` command prints it)."""
        from ..review.summary import goal_review_text

        return goal_review_text(self._ctx.store, self._ctx.today())
