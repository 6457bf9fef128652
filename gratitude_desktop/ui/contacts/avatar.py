"""AvatarLabel: a contact's photo in a circle, or their initials; takes an image dropped on it."""

from __future__ import annotations

import zlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from gratitude_desktop.journal.photos import AVATAR_PIXELS, MAX_BYTES

_COLORS = ("#5c6bc0", "#26a69a", "#ef6c00", "#8d6e63", "#7e57c2", "#2e7d32", "#c2185b", "#00838f")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp")


def initials(name: str) -> str:
    """Up to two letters from a name: 'Ada Lovelace' -> 'AL', 'ada@x.org' -> 'A'."""
    words = [w for w in name.replace("@", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 and "@" not in name else "")
    return letters.upper()


def scaled_photo(image: QImage) -> bytes:
    """An image as the journal keeps it: at most AVATAR_PIXELS a side, JPEG (PNG if it has alpha)."""
    if image.isNull():
        return b""
    if max(image.width(), image.height()) > AVATAR_PIXELS:
        image = image.scaled(
            AVATAR_PIXELS, AVATAR_PIXELS, Qt.KeepAspectRatio, Qt.SmoothTransformation
        )
    kind = "PNG" if image.hasAlphaChannel() else "JPG"
    for quality in (90, 75, 50):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, kind, quality)
        buffer.close()
        if data.size() <= MAX_BYTES:
            break
    return bytes(data.data())


def photo_from_file(path: str | Path) -> bytes:
    """The file's image scaled for the journal; b"" when it is not an image Qt reads."""
    return scaled_photo(QImage(str(path)))


class AvatarLabel(QWidget):
    """A round avatar `size` pixels across; `photoDropped` carries a dropped image, scaled."""

    photoDropped = Signal(bytes)

    def __init__(self, parent: QWidget | None = None, size: int = 72):
        super().__init__(parent)
        self._size = size
        self._pixmap: QPixmap | None = None
        self._initials = "?"
        self._color = QColor(_COLORS[0])
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setAcceptDrops(False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._size, self._size)

    def set_contact(self, name: str, photo: bytes | None) -> None:
        """Show `photo` (image bytes) or, without one, the initials of `name`."""
        self._initials = initials(name)
        self._color = QColor(_COLORS[zlib.crc32(name.encode()) % len(_COLORS)])
        self._pixmap = None
        if photo:
            pixmap = QPixmap()
            if pixmap.loadFromData(photo):
                self._pixmap = pixmap
        self.setToolTip("Drop an image here to set the photo" if self.acceptDrops() else "")
        self.update()

    def has_photo(self) -> bool:
        return self._pixmap is not None

    def set_drops_enabled(self, enabled: bool) -> None:
        self.setAcceptDrops(enabled)
        self.setToolTip("Drop an image here to set the photo" if enabled else "")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        rect = QRectF(0.5, 0.5, self._size - 1, self._size - 1)
        clip = QPainterPath()
        clip.addEllipse(rect)
        painter.setClipPath(clip)
        if self._pixmap is not None:
            scaled = self._pixmap.scaled(
                self._size, self._size, Qt.KeepAspectRatioByExpanding, Qt.SmoothTransformation
            )
            x = (scaled.width() - self._size) // 2
            y = (scaled.height() - self._size) // 2
            painter.drawPixmap(0, 0, scaled, x, y, self._size, self._size)
        else:
            painter.fillRect(rect, self._color)
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(int(self._size * 0.38))
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignCenter, self._initials)
        painter.end()

    # Drag and drop: an image file from the desktop, or image data from another program.
    def _dropped_image(self, mime) -> QImage | None:
        if mime.hasImage():
            image = QImage(mime.imageData())
            return None if image.isNull() else image
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES):
                image = QImage(url.toLocalFile())
                if not image.isNull():
                    return image
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if mime.hasImage() or any(
            u.isLocalFile() and u.toLocalFile().lower().endswith(IMAGE_SUFFIXES)
            for u in mime.urls()
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        image = self._dropped_image(event.mimeData())
        if image is None:
            event.ignore()
            return
        event.acceptProposedAction()
        data = scaled_photo(image)
        if data:
            self.photoDropped.emit(data)
