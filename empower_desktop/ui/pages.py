"""The window's tabs, named here without importing them: a tab's page (and its sections, dialogs and
charts) is imported the first time the tab is shown, so start-up imports only what it paints.

Each page is imported by a plain import inside a function, so a bundler still finds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .widgets.step_page import StepPage


@dataclass(frozen=True)
class PageInfo:
    load: Callable[[], type[StepPage]]  # imports the page's module and returns its class
    tab_title: str  # as the page class says (a test keeps the two the same)
    header_title: str

    def tab_label(self) -> str:
        """The title as a QTabBar or QAction text (a single "&" would become a keyboard mnemonic)."""
        return self.tab_title.replace("&", "&&")


def _assess() -> type[StepPage]:
    from .step1.page import AssessPage

    return AssessPage


def _learn() -> type[StepPage]:
    from .step2.page import LearnPage

    return LearnPage


def _network() -> type[StepPage]:
    from .step3.page import NetworkPage

    return NetworkPage


def _advocate() -> type[StepPage]:
    from .step4.page import AdvocatePage

    return AdvocatePage


def _review() -> type[StepPage]:
    from .review.page import ReviewPage

    return ReviewPage


PAGES: tuple[PageInfo, ...] = (
    PageInfo(_assess, "1 · Assess & Set Goals", "Know where you stand, then decide where you want to go"),
    PageInfo(_learn, "2 · Learn", "Learn what your goals ask of you"),
    PageInfo(_network, "3 · Network & Mentor", "Grow the people around your career"),
    PageInfo(_advocate, "4 · Advocate", "Make your work visible and ask for what you want"),
    PageInfo(_review, "Review", "Look back, then adjust"),
)
