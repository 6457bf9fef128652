"""Show the real tray icon and the Today view on a temporary journal with due items.

Run under a desktop (or Xvfb with a tray host, see shared/DESKTOP-TESTING.md):

    Xvfb :97 -screen 0 1280x800x24 &
    DISPLAY=:97 trayer --edge top --align right --widthtype request --height 24 &
    DISPLAY=:97 .venv/bin/python tests/manual/tray_demo.py --seconds 15 &
    sleep 8; DISPLAY=:97 import -window root shots/h7-tray.png

It builds a journal in a temporary folder (deleted at the end), starts the
ReminderTimer, shows the TrayIcon with its count badge and one notification per
new item, opens the tray menu beside the icon, and quits after --seconds.
Not collected by pytest (no test_ prefix): it needs a real display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def build_journal(data_dir: Path, today: dt.date):
    from gratitude_desktop.journal.contacts import ContactData, save_contact
    from gratitude_desktop.journal.promises import add_promise
    from gratitude_desktop.journal.referrals import record_received
    from gratitude_desktop.store.db import open_journal

    journal = open_journal(data_dir)

    def days(n: int) -> dt.timedelta:
        return dt.timedelta(days=n)

    ada = save_contact(
        ContactData(display_name="Ada Lovelace", stage="client", met_on=today - days(51))
    )
    save_contact(
        ContactData(display_name="Grace Hopper", stage="prospect", met_on=today - days(20))
    )
    bob = save_contact(ContactData(display_name="Bob <b>Stone</b> & Co", cadence_days=0))
    add_promise(bob, "send the slides from the meetup", today - days(4), due_on=today)
    cleo = save_contact(ContactData(display_name="Cleo Díaz", cadence_days=0))
    add_promise(
        cleo,
        "introduce me to her editor",
        today - days(12),
        direction="they-owe",
        due_on=today - days(3),
    )
    save_contact(
        ContactData(
            display_name="Dan Brown",
            cadence_days=0,
            birthday=f"--{(today + days(2)).strftime('%m-%d')}",
        )
    )
    eve = save_contact(ContactData(display_name="Eve Adams", cadence_days=0))
    record_received(ada, eve, today - days(6))
    return journal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="quit after this long")
    parser.add_argument("--no-menu", action="store_true", help="do not pop the tray menu up")
    args = parser.parse_args()

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from gratitude_desktop.ui.reminder_timer import ReminderTimer
    from gratitude_desktop.ui.today import TodayView
    from gratitude_desktop.ui.tray import TrayIcon, install_close_to_tray, make_icon

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Gratitude")
    app.setWindowIcon(make_icon(0))
    today = dt.date.today()

    with tempfile.TemporaryDirectory(prefix="gratitude-tray-demo-") as folder:
        journal = build_journal(Path(folder) / "data", today)
        timer = ReminderTimer()
        tray = TrayIcon()
        print(f"system tray available: {tray.available}", flush=True)

        window = QMainWindow()
        window.setWindowTitle("Gratitude — Today")
        view = TodayView(timer=timer)
        window.setCentralWidget(view)
        window.resize(900, 420)
        window.move(40, 60)
        view.countChanged.connect(lambda n: window.setWindowTitle(f"Gratitude — Today ({n})"))
        view.countChanged.connect(lambda n: print(f"agenda: {n} items", flush=True))

        tray.attach(timer)
        tray.openRequested.connect(window.showNormal)
        tray.openContactRequested.connect(lambda cid: print(f"open contact {cid}", flush=True))
        tray.quitRequested.connect(app.quit)
        install_close_to_tray(window, tray)
        tray.show()
        window.show()
        timer.start()

        def pop_menu() -> None:
            if tray.tray is None or args.no_menu:
                return
            geometry = tray.tray.geometry()
            print(f"tray icon geometry: {geometry}", flush=True)
            where = geometry.bottomLeft() if geometry.isValid() else QPoint(1100, 30)
            # The tray menu under the icon, and its agenda submenu opened to its left.
            main_at = QPoint(where.x() + geometry.width() - tray.menu.sizeHint().width(), where.y())
            tray.menu.popup(main_at)
            tray.agenda_menu.popup(
                QPoint(main_at.x() - tray.agenda_menu.sizeHint().width(), main_at.y() + 24)
            )

        QTimer.singleShot(int(args.seconds * 400), pop_menu)
        QTimer.singleShot(int(args.seconds * 1000), app.quit)
        code = app.exec()
        timer.stop()
        tray.hide()
        journal.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
