"""Light or dark, as the system is: the palette, the style sheet's colours and the tables' text colours.

The style sheet (resources/style.qss) is written in its light colours; the dark scheme maps each
of them to its counterpart here, so one sheet serves both and a colour added to it without a
counterpart fails a test. The scheme follows the system's (Qt's colour-scheme hint) and changes
with it while the app runs; EMPOWER_COLOR_SCHEME=light or dark sets it where the system does not
tell (some Linux desktops).
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_THEMED: list[tuple[QColor, str, str]] = []


def themed(light: str, dark: str) -> QColor:
    """A colour for text in tables and charts: *light* on the light scheme, *dark* on the dark one
    (both read at WCAG AA on their ground). The same QColor object changes with the scheme."""
    colour = QColor(light)
    _THEMED.append((colour, light, dark))
    return colour


def use_colour_scheme(dark: bool) -> None:
    """Switch every themed colour to the light or the dark scheme."""
    for colour, light, dark_value in _THEMED:
        colour.setRgba(QColor(dark_value if dark else light).rgba())


# Light colour in style.qss -> its dark counterpart (contrast kept at WCAG AA against its ground).
DARK_SHEET_COLOURS = {
    "#ffffff": "#1e2227",  # surfaces: tables, headers, hints
    "#d3d8df": "#3b424b",  # borders
    "#c5ccd5": "#4a525c",  # dashed borders of empty states
    "#e1e5ea": "#333a42",  # header dividers
    "#eef1f5": "#2a2f36",  # table headers
    "#f4f6f9": "#23282e",  # alternate rows
    "#1d2733": "#e6e9ed",  # headings
    "#2f3742": "#d5dae0",  # body text
    "#4f5863": "#a9b1bb",  # muted text
    "#2f6fb3": "#6ea8ff",  # the app's blue accent
    "#cfe0f5": "#2c4a6e",  # selected rows
    "#111111": "#f2f4f7",  # text on selected rows
    "#9c1f17": "#ffb4ab",  # error text
    "#fdecea": "#3d1f1c",  # error ground
    "#f3c1bc": "#7a2a24",  # error border
    "#fff4d6": "#3a3120",  # the example-data banner
    "#e3c979": "#6b5520",
    "#3d3112": "#f3e3b5",
}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def dark_sheet(sheet: str) -> str:
    """The style sheet with every light colour replaced by its dark counterpart."""
    return HEX.sub(lambda m: DARK_SHEET_COLOURS[m.group(0).lower()], sheet)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#25292e",
        QPalette.ColorRole.WindowText: "#e6e9ed",
        QPalette.ColorRole.Base: "#1e2227",
        QPalette.ColorRole.AlternateBase: "#23282e",
        QPalette.ColorRole.Text: "#e6e9ed",
        QPalette.ColorRole.Button: "#2f343a",
        QPalette.ColorRole.ButtonText: "#e6e9ed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2f6fb3",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2f343a",
        QPalette.ColorRole.ToolTipText: "#e6e9ed",
        QPalette.ColorRole.PlaceholderText: "#8b939c",
        QPalette.ColorRole.Link: "#6ea8ff",
        QPalette.ColorRole.LinkVisited: "#b59cff",
        QPalette.ColorRole.Light: "#3d434a",
        QPalette.ColorRole.Midlight: "#353a41",
        QPalette.ColorRole.Mid: "#3b424b",
        QPalette.ColorRole.Dark: "#16191c",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d848c"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#2a2e33"))
    return palette


def system_scheme(app: QApplication) -> str:
    """ "dark" or "light": EMPOWER_COLOR_SCHEME if set, else what the system says (light if it says nothing)."""
    forced = os.environ.get("EMPOWER_COLOR_SCHEME", "").strip().lower()
    if forced in ("light", "dark"):
        return forced
    return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, sheet: str, scheme: str | None = None) -> str:
    """Palette, style sheet and table colours for *scheme* (default: the system's); returns it."""
    scheme = scheme or system_scheme(app)
    dark = scheme == "dark"
    style = app.style()
    app.setPalette(dark_palette() if dark else style.standardPalette())
    use_colour_scheme(dark)
    app.setStyleSheet(dark_sheet(sheet) if dark else sheet)
    return scheme
