"""The Qt interface: windows, item models, dialogs, the tray and the reminder timer."""
