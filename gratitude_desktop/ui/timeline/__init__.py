"""A contact's timeline: the paged item model and the widget that shows and edits it."""
