"""The system tray: the icon and its menu (icon.py), closing the window to it
(close_to_tray.py). The reminders that drive it are ui/reminders.py."""

from gratitude_desktop.ui.tray.close_to_tray import (
    CloseToTray,
    bring_forward,
    install_close_to_tray,
    should_hide_on_close,
)
from gratitude_desktop.ui.tray.icon import TrayIcon, make_icon, tray_available

__all__ = [
    "CloseToTray",
    "TrayIcon",
    "bring_forward",
    "install_close_to_tray",
    "make_icon",
    "should_hide_on_close",
    "tray_available",
]
