"""vCard address books: reading the file into cards (reader.py), one card into a contact (card.py)."""
