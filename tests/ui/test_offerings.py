"""OfferingsDialog (Edit → Offerings…): add, rename, deactivate what the business sells."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gratitude_desktop.journal.purchases import add_offering, list_offerings


@pytest.fixture
def dialog(qtbot, journal):
    from gratitude_desktop.ui.offerings_dialog import OfferingsDialog

    widget = OfferingsDialog()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_a_name_and_enter_adds_an_offering(qtbot, dialog):
    qtbot.keyClicks(dialog.new_name, "Monthly bookkeeping")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog.new_name, Qt.Key_Return)
    assert [o.name for o in list_offerings()] == ["Monthly bookkeeping"]
    assert dialog.names() == [("Monthly bookkeeping", True)]
    assert dialog.new_name.text() == ""
    assert dialog.list.currentItem().text() == "Monthly bookkeeping"


def test_a_name_already_there_is_refused_whatever_its_case(qtbot, dialog):
    add_offering("Audit")
    dialog.reload()
    qtbot.keyClicks(dialog.new_name, "audit")
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert dialog.problem.text() == "There is already an offering “audit”."
    assert [o.name for o in list_offerings()] == ["Audit"]


def test_renaming_in_place_saves_the_new_name(qtbot, dialog):
    oid = add_offering("Audit")
    dialog.reload()
    assert dialog.select("Audit")
    dialog.list.currentItem().setText("Annual audit")
    assert [(o.id, o.name) for o in list_offerings()] == [(oid, "Annual audit")]
    assert dialog.names() == [("Annual audit", True)]


def test_renaming_to_an_empty_name_is_refused_and_the_old_name_stays(qtbot, dialog):
    add_offering("Audit")
    dialog.reload()
    dialog.select("Audit")
    dialog.list.currentItem().setText("  ")
    assert dialog.problem.text() == "Give the offering a name."
    assert dialog.names() == [("Audit", True)]


def test_deactivate_keeps_it_listed_and_sell_again_brings_it_back(qtbot, dialog):
    add_offering("Audit")
    add_offering("Bookkeeping")
    dialog.reload()
    dialog.select("Audit")
    assert dialog.active_button.text() == "Deactivate"
    qtbot.mouseClick(dialog.active_button, Qt.LeftButton)
    assert dialog.names() == [("Audit", False), ("Bookkeeping", True)]
    assert [o.name for o in list_offerings()] == ["Bookkeeping"]
    assert dialog.active_button.text() == "Sell again"
    qtbot.mouseClick(dialog.active_button, Qt.LeftButton)
    assert [o.name for o in list_offerings()] == ["Audit", "Bookkeeping"]


def test_a_deactivated_offering_is_not_offered_when_logging(qtbot, dialog):
    from gratitude_desktop.journal.contacts import ContactData, save_contact
    from gratitude_desktop.ui.dialogs.log_interaction import LogInteractionDialog

    add_offering("Audit")
    add_offering("Bookkeeping")
    dialog.reload()
    dialog.select("Audit")
    dialog.toggle_active()
    log = LogInteractionDialog(save_contact(ContactData(display_name="Ada")))
    qtbot.addWidget(log)
    assert [log.offering.itemText(i) for i in range(1, log.offering.count())] == ["Bookkeeping"]


def test_the_edit_menu_opens_offerings(qtbot, journal):
    from gratitude_desktop.ui.main_window import MainWindow
    from gratitude_desktop.ui.offerings_dialog import OfferingsDialog

    window = MainWindow(journal)
    qtbot.addWidget(window)
    edit_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"
    )
    assert window.offerings_action in edit_menu.actions()
    assert window.offerings_action.statusTip()
    window.offerings_action.trigger()
    assert isinstance(window.offerings_dialog, OfferingsDialog)
    assert window.offerings_dialog.isVisible()


def test_offering_changes_are_undone_by_the_window_and_the_list_follows(qtbot, journal):
    from gratitude_desktop.ui.main_window import MainWindow

    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.offerings_action.trigger()
    dialog = window.offerings_dialog
    qtbot.keyClicks(dialog.new_name, "Bookkeeping")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.names() == [("Bookkeeping", True)]
    dialog.toggle_active()
    assert dialog.names() == [("Bookkeeping", False)]
    assert window.undo_action.text() == "&Undo stop selling “Bookkeeping”"
    window.undo_action.trigger()
    assert dialog.names() == [("Bookkeeping", True)]
    window.undo_action.trigger()
    assert dialog.names() == []
