"""Finding what a person's keyboard reaches: the mnemonics (Alt+letter) a window offers."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QMenu, QTabBar, QWidget


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower-cased; None without one."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def offered(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every mnemonic Alt+letter reaches in *window* as it shows now: its menu
    bar's menus, and the visible buttons, buddied labels, group boxes and tabs."""
    found: list[tuple[str, str]] = []

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, text))

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, QMenu):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Letters offered twice, with the texts that offer them."""
    by_letter: dict[str, list[str]] = {}
    for letter, text in offered(window):
        by_letter.setdefault(letter, []).append(text)
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    """Letters used twice among one menu's items."""
    by_letter: dict[str, list[str]] = {}
    for action in menu.actions():
        letter = mnemonic(action.text())
        if letter is not None:
            by_letter.setdefault(letter, []).append(action.text())
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}
