"""The import wizard: what we found, columns, duplicates, the run, the summary."""

from gratitude_desktop.ui.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard"]
