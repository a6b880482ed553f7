"""The window's tabs, named here without importing them: a tab's page (and its sections, dialogs and
charts) is imported the first time the tab is shown, so start-up imports only what it paints."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .widgets.step_page import StepPage


@dataclass(frozen=True)
class PageInfo:
    module: str  # under empower_desktop.ui
    name: str
    tab_title: str  # as the page class says (a test keeps the two the same)
    header_title: str

    def tab_label(self) -> str:
        """The title as a QTabBar or QAction text (a single "&" would become a keyboard mnemonic)."""
        return self.tab_title.replace("&", "&&")

    def load(self) -> type[StepPage]:
        module = importlib.import_module(f"{__package__}.{self.module}")
        page: type[StepPage] = getattr(module, self.name)
        return page


PAGES: tuple[PageInfo, ...] = (
    PageInfo(
        "step1.page", "AssessPage", "1 · Assess & Set Goals", "Know where you stand, then decide where you want to go"
    ),
    PageInfo("step2.page", "LearnPage", "2 · Learn", "Learn what your goals ask of you"),
    PageInfo("step3.page", "NetworkPage", "3 · Network & Mentor", "Grow the people around your career"),
    PageInfo("step4.page", "AdvocatePage", "4 · Advocate", "Make your work visible and ask for what you want"),
    PageInfo("review.page", "ReviewPage", "Review", "Look back, then adjust"),
)
