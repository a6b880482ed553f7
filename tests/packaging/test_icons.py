"""The app icon: one SVG, rendered into PNGs, a Windows .ico and a macOS .icns that Qt can read back."""

from __future__ import annotations

import struct
from pathlib import Path

import make_icons
import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QImageReader


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    """(size, PNG) for each image of an .ico, checking the header and directory on the way."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        width, height, _colors, _res, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert width == height and planes == 1 and bits == 32
        entries.append((width or 256, data[offset : offset + length]))
    return entries


def icns_entries(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:4] == b"icns"
    (total,) = struct.unpack(">I", data[4:8])
    assert total == len(data)
    entries, pos = [], 8
    while pos < total:
        kind = data[pos : pos + 4]
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        entries.append((kind, data[pos + 8 : pos + length]))
        pos += length
    assert pos == total
    return entries


def image(data: bytes) -> QImage:
    img = QImage()
    assert img.loadFromData(data), "Qt cannot decode the image"
    return img.convertToFormat(QImage.Format.Format_ARGB32)


def _difference(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()), abs(a.alpha() - b.alpha()))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    written = make_icons.make_icons(make_icons.SOURCE, out)
    assert {p.name for p in written} == {p.name for p in out.iterdir()}
    return out


def test_pngs_come_in_every_size(rendered: Path) -> None:
    for size in make_icons.PNG_SIZES:
        assert png_size((rendered / f"app-icon-{size}.png").read_bytes()) == (size, size)


def test_the_icon_is_the_rounded_blue_tile_with_white_steps(rendered: Path) -> None:
    img = image((rendered / "app-icon-512.png").read_bytes())
    corner, tile, step = (QColor.fromRgba(img.pixel(x, y)) for x, y in [(4, 4), (100, 100), (200, 380)])
    assert corner.alpha() == 0  # the tile's margin and rounded corners stay transparent
    assert tile.alpha() == 255 and tile.blue() > tile.red() + 60
    assert (step.red(), step.green(), step.blue()) == (255, 255, 255)


def test_ico_holds_a_png_per_windows_size_and_qt_reads_them_all(rendered: Path) -> None:
    data = (rendered / "app-icon.ico").read_bytes()
    entries = ico_entries(data)
    assert [size for size, _ in entries] == sorted(make_icons.ICO_SIZES)
    for size, png in entries:
        assert png_size(png) == (size, size)
    reader = QImageReader(str(rendered / "app-icon.ico"), QByteArray(b"ico"))
    assert reader.imageCount() == len(make_icons.ICO_SIZES)


def test_icns_holds_each_macos_type_at_its_size_and_qt_reads_it(rendered: Path) -> None:
    data = (rendered / "app-icon.icns").read_bytes()
    entries = icns_entries(data)
    assert [kind for kind, _ in entries] == [kind for kind, _ in make_icons.ICNS_TYPES]
    for (_, png), (_, size) in zip(entries, make_icons.ICNS_TYPES, strict=True):
        assert png_size(png) == (size, size)
    reader = QImageReader(str(rendered / "app-icon.icns"), QByteArray(b"icns"))
    assert reader.canRead() and not reader.read().isNull()


def test_committed_icons_match_the_svg(rendered: Path) -> None:
    """The files in resources/icons/ were rendered from the SVG as it is now (run make_icons.py after editing it)."""
    committed = make_icons.ICON_DIR
    for path in sorted(rendered.iterdir()):
        mine, theirs = path.read_bytes(), (committed / path.name).read_bytes()
        if path.suffix == ".png":
            pairs = [(mine, theirs)]
        elif path.suffix == ".ico":
            pairs = [(a[1], b[1]) for a, b in zip(ico_entries(mine), ico_entries(theirs), strict=True)]
        else:
            pairs = [(a[1], b[1]) for a, b in zip(icns_entries(mine), icns_entries(theirs), strict=True)]
        for fresh, stored in pairs:
            a, b = image(fresh), image(stored)
            assert a.size() == b.size(), path.name
            worst = max(
                _difference(a.pixelColor(x, y), b.pixelColor(x, y))
                for y in range(0, a.height(), max(1, a.height() // 64))
                for x in range(0, a.width(), max(1, a.width() // 64))
            )
            assert worst <= 8, f"{path.name} differs from the SVG by {worst} (re-run packaging/make_icons.py)"
