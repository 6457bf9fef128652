"""The system tray: the icon (icon.py). The reminders that drive it live in ui/reminders.py."""

from gratitude_desktop.ui.tray.icon import *  # noqa: F403 (the package is the old module's name)
from gratitude_desktop.ui.tray.icon import (  # noqa: F401 (private names some tests use)
    _heart_path,
)
