"""The brag document as a PDF: `services.brag.render_html` laid out by Qt's text document on A4.

Each page has the document's title and "Page n of N" in its footer. A line of text never straddles
a page break: the paginated layout moves a line that would cross one to the next page, and a heading
that would end a page goes to the next one with what it heads. The PDF is
made in memory, written to a temporary file beside the target and renamed onto it, so a failure
(a missing or read-only folder, a full disk) leaves no file behind, not even half of one.

Needs a QGuiApplication (fonts come from it): the window has one; `application()` makes one for
the command line, also on a machine with no display.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from .. import APP_NAME
from ..errors import os_error_text
from ..services.brag import BragDocument, period_text, render_html
from ..store import StoreEnvironmentError

RESOLUTION = 1200  # dots per inch of the layout: the PDF is vector, this only sets the layout's precision
MARGINS_MM = QMarginsF(20.0, 18.0, 20.0, 14.0)  # left, top, right, bottom (the footer sits above the bottom one)
HAIR = 1.0  # device pixel (1/1200 inch)
FOOTER_MM = 12.0  # the footer's band at the bottom of the page's printable area
BODY_POINTS = 10.5
FOOTER_POINTS = 8.0
HEADING_COLOUR = "#1f3f66"
MUTED = QColor("#555555")

STYLE = f"""
h1 {{ font-size: 20pt; font-weight: 600; color: {HEADING_COLOUR}; margin-top: 0px; margin-bottom: 6px; }}
h2 {{ font-size: 13.5pt; font-weight: 600; color: {HEADING_COLOUR}; margin-top: 16px; margin-bottom: 4px; }}
p {{ margin-top: 2px; margin-bottom: 6px; }}
ul {{ margin-top: 0px; margin-bottom: 0px; }}
li {{ margin-bottom: 5px; }}
a {{ color: {HEADING_COLOUR}; }}
"""


def application() -> QGuiApplication:
    """The running application, or a new one for the command line. Where X11 or Wayland would be
    the platform (Linux and the like) the PDF is made offscreen, so it works with no display and
    without the libraries only a window needs; QT_QPA_PLATFORM set by the person still wins."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([APP_NAME])


def _mm_to_device(mm: float) -> float:
    return mm / 25.4 * RESOLUTION


def _body_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(BODY_POINTS)
    # No ligatures: the PDF's text then reads "fi", not "ﬁ", when searched, copied or read aloud
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def layout(doc: BragDocument, page: QSizeF, device: QPdfWriter) -> QTextDocument:
    """The document laid out in pages of *page* (device units of *device*)."""
    text = QTextDocument()
    text.documentLayout().setPaintDevice(device)
    text.setDefaultFont(_body_font())
    text.setDefaultStyleSheet(STYLE)
    text.setDocumentMargin(0)
    text.setHtml(render_html(doc))
    text.setPageSize(page)
    _keep_headings_with_next(text, page.height())
    return text


def _keep_headings_with_next(text: QTextDocument, page_height: float) -> None:
    """A heading left alone at the foot of a page goes to the next page, with what it heads."""

    def page_of(block: QTextBlock, line: int) -> int:
        lines = block.layout()
        return int((lines.position().y() + lines.lineAt(line).rect().center().y()) // page_height)

    text.documentLayout().documentSize()  # the layout is lazy: lay it all out now
    block = text.begin()
    while block.isValid():
        after = block.next()
        fmt = block.blockFormat()
        laid_out = after.isValid() and block.layout().lineCount() and after.layout().lineCount()
        if fmt.headingLevel() and laid_out and page_of(block, 0) != page_of(after, 0):
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)
            text.documentLayout().documentSize()  # lays the rest out again
        block = after


def write_pdf(doc: BragDocument, path: Path) -> int:
    """Write *doc* as a PDF to *path* (replacing it in one step) and return its number of pages.

    Raises StoreEnvironmentError, saying why and that nothing was written, when the folder is
    missing or read-only, the disk is full or the PDF could not be made."""
    path = Path(path)
    data, pages = _render(doc)
    if not data.startswith(b"%PDF"):
        raise StoreEnvironmentError(f"Nothing was written. The PDF for “{path}” could not be made.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise StoreEnvironmentError(f"Nothing was written. {os_error_text(exc, path.parent)}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreEnvironmentError(f"Nothing was written. {os_error_text(exc, path)}") from exc
    return pages


def _render(doc: BragDocument) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(" ".join(doc.title.split()))
    writer.setCreator(APP_NAME)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = _mm_to_device(FOOTER_MM)
    body = QSizeF(area.width(), area.height() - footer)
    text = layout(doc, body, writer)
    pages = text.pageCount()
    footer_font = _body_font()
    footer_font.setPointSizeF(FOOTER_POINTS)
    left = f"{' '.join(doc.title.split())} · {period_text(doc.period_start, doc.period_end)}"
    painter = QPainter()
    if not painter.begin(writer):
        buffer.close()
        return b"", 0
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            _draw_page(painter, text, QRectF(0, index * body.height(), body.width(), body.height()))
            _footer(painter, footer_font, QRectF(0, body.height(), body.width(), footer), left, index + 1, pages)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data()), pages


def _draw_page(painter: QPainter, text: QTextDocument, page: QRectF) -> None:
    """The part of the laid-out document on *page* (document coordinates).

    The document layout, asked to draw a page, also draws the line just above it when that line's
    paragraph goes on across the break (and the line just below, when it touches the page's edge).
    The clip hides them, but the PDF would still hold them as text, so copied or searched text would
    say them twice. So a paragraph that began on an earlier page is drawn here line by line, only
    its lines on this page, and the layout draws the rest of the page, less a hair at each edge."""
    painter.save()
    painter.translate(0, -page.top())
    painter.setClipRect(page)
    layout = text.documentLayout()
    rest_top = page.top() + HAIR
    block = text.begin()
    while block.isValid():
        lines = block.layout()
        origin = lines.position()
        # each line's middle: a line moved to the next page starts at its top, give or take rounding
        middles = [origin.y() + lines.lineAt(i).rect().center().y() for i in range(lines.lineCount())]
        if middles and middles[0] < page.top() <= middles[-1]:  # began before this page and goes on here
            for i, middle in enumerate(middles):
                if page.top() <= middle < page.bottom():
                    lines.lineAt(i).draw(painter, origin)
            rest_top = max(rest_top, layout.blockBoundingRect(block).bottom() + HAIR)
        block = block.next()
    rest = QRectF(page.left(), rest_top, page.width(), page.bottom() - HAIR - rest_top)
    if rest.height() > 0:  # an empty clip would mean no clip at all: everything
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = rest
        layout.draw(painter, context)
    painter.restore()


def _footer(painter: QPainter, font: QFont, band: QRectF, left: str, page: int, pages: int) -> None:
    """A thin rule, then the title and period on the left and "Page n of N" on the right."""
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    rule_y = band.top() + band.height() / 3
    pen = QPen(QColor("#c8c8c8"))
    pen.setWidthF(_mm_to_device(0.2))
    painter.setPen(pen)
    painter.drawLine(QPointF(band.left(), rule_y), QPointF(band.right(), rule_y))
    painter.setPen(MUTED)
    baseline = rule_y + _mm_to_device(2.0) + metrics.ascent()
    number = f"Page {page} of {pages}"
    room = band.width() - metrics.horizontalAdvance(number) - _mm_to_device(8.0)
    painter.drawText(QPointF(band.left(), baseline), metrics.elidedText(left, Qt.TextElideMode.ElideRight, room))
    painter.drawText(QPointF(band.right() - metrics.horizontalAdvance(number), baseline), number)
    painter.restore()
