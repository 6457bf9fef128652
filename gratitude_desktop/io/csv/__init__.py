"""CSV address books: the flavour table (flavours.py), detection (detect.py), row reading (rows.py)."""
