"""The user's own servers: CardDAV/CalDAV sync and IMAP reading, opt-in; no Qt here."""
