"""Render the app icon's PNG sizes, .ico and .icns from the SVG source (run after editing it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "gratitude_desktop" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    source = ICONS / "gratitude.svg"
    for size in SIZES:
        render(source, size).save(str(ICONS / f"gratitude-{size}.png"))
    # Qt writes .ico and .icns through its image plugins (qico, qicns when present).
    render(source, 256).save(str(ICONS / "gratitude.ico"))
    if not render(source, 512).save(str(ICONS / "gratitude.icns")):
        print("note: this Qt has no icns writer; gratitude.icns was not rebuilt", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
