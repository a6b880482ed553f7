"""Light or dark as the system is: one style sheet for both, a dark palette, and table colours that
read at WCAG AA on their own ground in either scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from empower_desktop.app import apply_style, resource_path
from empower_desktop.domain.goals import Track
from empower_desktop.services import Services
from empower_desktop.ui import theme
from empower_desktop.ui.find_time.week_view import FILLS as WEEK_FILLS
from empower_desktop.ui.formatting import TRACK_COLOUR
from empower_desktop.ui.step2.hours_chart import PLANNED_COLOUR, THIS_WEEK_COLOUR
from empower_desktop.ui.theme import DARK_SHEET_COLOURS, dark_sheet
from empower_desktop.ui.widgets.charts import GRID

from .conftest import WindowFactory


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def restore_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_style(qapp, "light")
    qapp.setStyleSheet("")


def sheet() -> str:
    path = resource_path("style.qss")
    assert isinstance(path, Path)
    return path.read_text(encoding="utf-8")


def test_every_colour_of_the_style_sheet_has_a_dark_counterpart() -> None:
    light = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", sheet())}
    assert light <= set(DARK_SHEET_COLOURS), sorted(light - set(DARK_SHEET_COLOURS))
    assert not light & {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", dark_sheet(sheet()))}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_read_at_wcag_aa_on_their_ground(qapp: QApplication, restore_light: None, scheme: str) -> None:
    apply_style(qapp, scheme)
    ground = qapp.palette().color(QPalette.ColorRole.Base)
    assert (ground.lightness() < 128) == (scheme == "dark")
    decoration = {id(c) for c in (GRID, THIS_WEEK_COLOUR, PLANNED_COLOUR, *WEEK_FILLS)}  # lines and fills, not text
    for colour, _light, _dark in theme._THEMED:
        if id(colour) not in decoration:
            assert contrast(colour, ground) >= 4.5, colour.name()  # text in tables, labels and charts
    text = qapp.palette().color(QPalette.ColorRole.Text)
    assert contrast(text, ground) >= 7


def test_the_window_follows_the_chosen_scheme_and_back(
    demo_services: Services, make_window: WindowFactory, qapp: QApplication, restore_light: None
) -> None:
    window = make_window(demo_services)
    light_green = TRACK_COLOUR[Track.ON_TRACK].name()
    assert apply_style(qapp, "dark") == "dark"
    assert window.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert TRACK_COLOUR[Track.ON_TRACK].name() != light_green  # the same colour object, now for dark
    assert "#1e2227" in qapp.styleSheet() and "#ffffff" not in qapp.styleSheet()
    apply_style(qapp, "light")
    assert TRACK_COLOUR[Track.ON_TRACK].name() == light_green
    assert window.palette().color(QPalette.ColorRole.Window).lightness() > 200
